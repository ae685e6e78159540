package pdfraw

import (
	"bytes"
	"fmt"
	"testing"
)

// TestPrepareLibraryPitfalls covers inputs other readers open but
// ledongthuc/pdf would reject or panic on: each must be rewritten, and the
// output must read back.
func TestPrepareLibraryPitfalls(t *testing.T) {
	hello := []byte(helloContent)
	withInfo := func(info string) []byte {
		return buildPDF("%PDF-1.4\n", append(pageObjects(streamBody("", hello)), info), "/Root 1 0 R /Info 6 0 R")
	}
	// The xref marks the content stream (object 4) free although it is there.
	freed := withInfo(`<< /Title (x) >>`)
	x := bytes.LastIndex(freed, []byte("\nxref\n"))
	entry4 := x + len("\nxref\n0 7\n") + 4*20
	copy(freed[entry4:], "0000000000 65535 f\r\n")
	cases := []struct {
		name      string
		in        []byte
		wantTitle string
	}{
		{"invalid string escape", withInfo(`<< /Title (bad \q escape) >>`), "bad q escape"},
		{"odd hex string", withInfo(`<< /Title <414> >>`), "A@"},
		{"exponent number", withInfo(`<< /Title (x) /N 1e3 >>`), "x"},
		{"missing endobj", bytes.Replace(withInfo(`<< /Title (x) >>`), []byte(">>\nendobj\nxref"), []byte(">>\n    \nxref"), 1), "x"},
		{"wrong stream length", bytes.Replace(withInfo(`<< /Title (x) >>`), []byte(fmt.Sprintf("/Length %d", len(hello))), []byte("/Length 5 "), 1), "x"},
		{"header 1.8", bytes.Replace(withInfo(`<< /Title (x) >>`), []byte("%PDF-1.4"), []byte("%PDF-1.8"), 1), "x"},
		{"no EOL after header", bytes.Replace(withInfo(`<< /Title (x) >>`), []byte("%PDF-1.4\n1"), []byte("%PDF-1.4 1"), 1), "x"},
		{"junk after %%EOF", append(withInfo(`<< /Title (x) >>`), bytes.Repeat([]byte("\x00junk "), 40)...), "x"},
		{"xref misses the content stream", freed, "x"},
		{"name with bad #", withInfo(`<< /Title (x) /A#zz 1 >>`), "x"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, info, err := Prepare(tc.in)
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			if !info.Rewritten {
				t.Error("not rewritten")
			}
			r := openLibrary(t, out)
			if got := pageContent(t, r, 1); !bytes.Equal(got, hello) {
				t.Errorf("content %q", got)
			}
			if got := r.Trailer().Key("Info").Key("Title").RawString(); got != tc.wantTitle {
				t.Errorf("title %q, want %q", got, tc.wantTitle)
			}
			walkAll(t, r)
		})
	}
}

// TestPrepareSparseNumbers checks that huge object numbers are renumbered
// (the library allocates its xref table up to the largest number).
func TestPrepareSparseNumbers(t *testing.T) {
	const n = 5000000
	bodies := map[int]string{
		n + 1: fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", n+2),
		n + 2: fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", n+3),
		n + 3: fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Annots [99 0 R] >>", n+2, n+4),
		n + 4: streamBody("", []byte(helloContent)),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := map[int]int{}
	for num := n + 1; num <= n+4; num++ {
		offs[num] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", num, bodies[num])
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f\r\n%d 4\n", n+1)
	for num := n + 1; num <= n+4; num++ {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", offs[num])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", n+5, n+1, x)
	out, info, err := Prepare(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !info.Rewritten || len(out) > 10000 {
		t.Errorf("Rewritten %v, %d bytes: not renumbered", info.Rewritten, len(out))
	}
	r := openLibrary(t, out)
	if got := pageContent(t, r, 1); !bytes.Equal(got, []byte(helloContent)) {
		t.Errorf("content %q", got)
	}
	if id, _, _ := Ref(r.Page(1).V); id > 10 {
		t.Errorf("page is object %d after renumbering", id)
	}
	walkAll(t, r)
}
