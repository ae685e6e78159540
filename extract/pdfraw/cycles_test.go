package pdfraw

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// xrefStreamPDF writes objs (1-based, nil = absent) plus an xref stream
// built from rows (object number -> W [1 2 1] row); offsets fill type-1 rows.
func xrefStreamPDF(objs map[int]string, compressed map[int][2]int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	offs := map[int]int{}
	maxNum := 0
	for n := 1; n <= 20; n++ {
		if body, ok := objs[n]; ok {
			offs[n] = b.Len()
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
			maxNum = n
		}
		if _, ok := compressed[n]; ok {
			maxNum = max(maxNum, n)
		}
	}
	xrefNum := maxNum + 1
	offs[xrefNum] = b.Len()
	var rows []byte
	for n := 0; n <= xrefNum; n++ {
		switch {
		case offs[n] > 0:
			rows = append(rows, 1, byte(offs[n]>>8), byte(offs[n]), 0)
		case compressed[n] != [2]int{}:
			c := compressed[n]
			rows = append(rows, 2, byte(c[0]>>8), byte(c[0]), byte(c[1]))
		default:
			rows = append(rows, 0, 0, 0, 0)
		}
	}
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", xrefNum, streamBody(fmt.Sprintf("/Type /XRef /Size %d /W [1 2 1] /Root 1 0 R", xrefNum+1), rows))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", offs[xrefNum])
	return b.Bytes()
}

// TestPrepareCycles feeds reference cycles that must neither hang nor panic.
func TestPrepareCycles(t *testing.T) {
	page := pageObjects("")
	cyclicObjStm := xrefStreamPDF(map[int]string{1: page[0], 2: page[1], 3: page[2], 5: page[4]},
		map[int][2]int{4: {6, 0}, 6: {4, 0}})
	selfLength := buildPDF("%PDF-1.4\n", pageObjects(
		fmt.Sprintf("<< /Length 4 0 R >>\nstream\n%s\nendstream", helloContent)), "/Root 1 0 R")
	lengthLoop := buildPDF("%PDF-1.4\n", append(pageObjects(
		fmt.Sprintf("<< /Length 6 0 R >>\nstream\n%s\nendstream", helloContent)), "7 0 R", "6 0 R"), "/Root 1 0 R")
	cases := []struct {
		name string
		in   []byte
		want []byte // nil: only "no hang, no panic"
	}{
		{"object streams containing each other", cyclicObjStm, nil},
		{"stream length refers to itself", selfLength, []byte(helloContent)},
		{"stream length reference loop", lengthLoop, []byte(helloContent)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := Prepare(tc.in)
			if tc.want == nil {
				if err == nil {
					r := openLibrary(t, out)
					walkAll(t, r)
				}
				return
			}
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			r := openLibrary(t, out)
			if got := pageContent(t, r, 1); !bytes.Equal(got, tc.want) {
				t.Errorf("content %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzPrepare checks that no input makes Prepare panic internally or
// produce output the library cannot read.
func FuzzPrepare(f *testing.F) {
	for _, name := range []string{"source.pdf", "objstm.pdf", "rc4-40.pdf", "aes-128.pdf", "aes-256-r6.pdf", "aes-256-objstm.pdf"} {
		if b, err := readFileForFuzz(name); err == nil {
			f.Add(b)
		}
	}
	full, _ := threePages()
	f.Add(full)
	f.Add(buildPDF("%PDF-1.4\n", pageObjects(streamBody("/Filter /LZWDecode", lzwEncode([]byte(helloContent), true))), "/Root 1 0 R"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, _, err := Prepare(in, WithQuota(NewQuota(context.Background(), 64<<20)))
		if err != nil {
			if bytes.Contains([]byte(err.Error()), []byte("internal error")) {
				t.Fatalf("recovered panic: %v", err)
			}
			return
		}
		r := openLibrary(t, out)
		walkAll(t, r)
	})
}
