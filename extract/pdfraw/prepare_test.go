package pdfraw

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPrepareQpdfFiles covers encryption and object streams with files made
// by testdata/generate.sh from testdata/source.pdf.
func TestPrepareQpdfFiles(t *testing.T) {
	cases := []struct {
		file           string
		wantEncryption string
		wantRewritten  bool
	}{
		{"source.pdf", "", false},
		{"objstm.pdf", "", true},
		{"rc4-40.pdf", "RC4 40-bit R2", true},
		{"rc4-128.pdf", "RC4 128-bit R3", true},
		{"aes-128.pdf", "AES-128 R4", true},
		{"aes-128-cleartext-metadata.pdf", "AES-128 R4", true},
		{"aes-256-r5.pdf", "AES-256 R5", true},
		{"aes-256-r6.pdf", "AES-256 R6", true},
		{"aes-256-objstm.pdf", "AES-256 R6", true},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			in := readTestdata(t, tc.file)
			info := checkPrepared(t, in, []byte(helloContent))
			if info.Encryption != tc.wantEncryption || info.Rewritten != tc.wantRewritten {
				t.Errorf("Encryption %q Rewritten %v, want %q %v", info.Encryption, info.Rewritten, tc.wantEncryption, tc.wantRewritten)
			}
			out, _, _ := Prepare(in)
			r := openLibrary(t, out)
			// Strings are decrypted: the /Info title reads back.
			if got := r.Trailer().Key("Info").Key("Title").RawString(); got != "pdfraw test" {
				t.Errorf("/Info /Title = %q", got)
			}
			// The XMP metadata stream is decrypted (or was left clear) correctly.
			meta := pageMetadata(t, r)
			if !strings.Contains(meta, "<x:xmpmeta") {
				t.Errorf("metadata = %q", meta)
			}
			// The image keeps its (decrypted) DCT data and filter.
			img := r.Page(1).V.Key("Resources").Key("XObject").Key("Im1")
			if img.Key("Filter").Name() != "DCTDecode" || !bytes.Contains(out, []byte("\xff\xd8\xff\xe0 not really a JPEG \xff\xd9")) {
				t.Errorf("image not kept: filter %v", img.Key("Filter"))
			}
			if tc.wantRewritten {
				if bytes.Contains(out, []byte("/Encrypt")) || bytes.Contains(out, []byte("/ObjStm")) {
					t.Error("output still has /Encrypt or /ObjStm")
				}
				if !bytes.HasPrefix(out, []byte("%PDF-1.7\n")) {
					t.Errorf("header %q", out[:9])
				}
			}
		})
	}
}

func pageMetadata(t *testing.T, r *pdf.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r.Trailer().Key("Root").Key("Metadata").Reader())
	if err != nil {
		t.Fatalf("metadata: %v", err)
	}
	return string(b)
}

func TestPrepareErrors(t *testing.T) {
	selfExtends := buildPDF("%PDF-1.5\n", append(pageObjects("<< /Type /Font >>")[:3],
		streamBody("/Type /ObjStm /N 1 /First 4 /Extends 4 0 R", []byte("5 0 << /Type /Font >>")),
		"<< /Type /Font >>"), "/Root 1 0 R")
	cases := []struct {
		name    string
		in      []byte
		opts    []Option
		want    error
		message string
	}{
		{"empty", nil, nil, ErrEmpty, ""},
		{"white space", []byte(" \r\n\t\n"), nil, ErrNotPDF, "no %PDF- header in the first 5 bytes, which are all white space"},
		{"zeros", make([]byte, 5000), nil, ErrNotPDF, "no %PDF- header in the first 1024 bytes, which are all zero bytes (of 5000"},
		{"html", []byte("<!DOCTYPE html>\n<html><head><title>404</title></head></html>"), nil, ErrNotPDF, "HTML page saved as .pdf"},
		{"text", []byte("hello, this is not a PDF"), nil, ErrNotPDF, "no %PDF- header"},
		{"user password", readTestdata(t, "user-password.pdf"), nil, ErrPasswordRequired, "juesuan cannot read it without the password"},
		{"user password aes-256", readTestdata(t, "user-password-256.pdf"), nil, ErrPasswordRequired, ""},
		{"no catalog", []byte("%PDF-1.4\n1 0 obj\n<< /Foo 1 >>\nendobj\ntrailer\n<< /Size 2 >>\n%%EOF\n"), nil, ErrDamaged, ""},
		{"header only", []byte("%PDF-1.4\n"), nil, ErrDamaged, ""},
		{"stream too large", buildPDF("%PDF-1.4\n", pageObjects(streamBody("/Filter /LZWDecode", lzwEncode(longContent(), true))), "/Root 1 0 R"),
			[]Option{WithQuota(NewQuota(context.Background(), 1000))}, ErrTooLarge, ""},
		{"page content self-extending objstm", selfExtends, nil, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Prepare(tc.in, tc.opts...)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("message %q lacks %q", err, tc.message)
			}
		})
	}
}

// threePages builds a three-page file whose pages come first and a large
// unreferenced stream last, so cutting at 70% keeps every page.
func threePages() ([]byte, [][]byte) {
	var contents [][]byte
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>",
	}
	for i := 0; i < 3; i++ {
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 9 0 R >> >> /Contents %d 0 R >>", 6+i))
	}
	for i := 0; i < 3; i++ {
		c := []byte(fmt.Sprintf("BT /F1 12 Tf 72 700 Td (Page %d) Tj ET\n", i+1))
		contents = append(contents, c)
		objs = append(objs, streamBody("/Filter /FlateDecode", flateEncode(c)))
	}
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		streamBody("", bytes.Repeat([]byte("% padding that nobody reads\n"), 200)))
	return buildPDF("%PDF-1.4\n", objs, "/Root 1 0 R"), contents
}

// catalogLast is a three-page file written the way many producers do: pages
// and contents first, the page tree root and catalog last.
func catalogLast() ([]byte, [][]byte) {
	var objs []string
	var contents [][]byte
	for i := 0; i < 3; i++ {
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 8 0 R /Resources << /Font << /F1 7 0 R >> >> /Contents %d 0 R >>", 4+i))
	}
	for i := 0; i < 3; i++ {
		c := []byte(fmt.Sprintf("BT /F1 12 Tf 72 700 Td (Page %d) Tj ET\n", i+1))
		contents = append(contents, c)
		objs = append(objs, streamBody("", c))
	}
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Pages /Kids [1 0 R 2 0 R 3 0 R] /Count 3 /MediaBox [0 0 595 842] >>",
		"<< /Type /Catalog /Pages 8 0 R >>")
	return buildPDF("%PDF-1.4\n", objs, "/Root 9 0 R"), contents
}

func TestPrepareRepair(t *testing.T) {
	last, lastContents := catalogLast()
	lostCatalog := last[:bytes.Index(last, []byte("8 0 obj"))]
	t.Run("catalog and page tree lost", func(t *testing.T) {
		out, info, err := Prepare(lostCatalog)
		if err != nil {
			t.Fatalf("Prepare: %v", err)
		}
		if !info.Repaired || !info.Truncated {
			t.Errorf("Repaired %v Truncated %v", info.Repaired, info.Truncated)
		}
		r := openLibrary(t, out)
		if r.NumPage() != 3 {
			t.Fatalf("%d pages, want 3", r.NumPage())
		}
		for i, want := range lastContents {
			if got := pageContent(t, r, i+1); !bytes.Equal(got, want) {
				t.Errorf("page %d: got %q want %q", i+1, got, want)
			}
			if mb := inherited(r.Page(i+1).V, "MediaBox"); mb.Len() != 4 {
				t.Errorf("page %d: no inherited /MediaBox", i+1)
			}
		}
		walkAll(t, r)
	})

	full, contents := threePages()
	xrefAt := bytes.LastIndex(full, []byte("\nxref\n")) + 1
	shifted := bytes.Replace(full, []byte("/Count 3 >>"), []byte("/Count 3   >>"), 1) // offsets now wrong
	cases := []struct {
		name         string
		in           []byte
		wantRepaired bool
		wantTrunc    bool
	}{
		{"intact", full, false, false},
		{"cut at 70%", full[:len(full)*7/10], true, true},
		{"cut before the xref", full[:xrefAt], true, true},
		{"wrong xref offsets", shifted, true, false},
		{"junk before header", append([]byte("garbage\n"), full...), false, false},
		{"pdf 2.0 header", bytes.Replace(full, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1), false, false},
		{"startxref wrong", bytes.Replace(full, []byte(fmt.Sprintf("startxref\n%d", xrefAt)), []byte("startxref\n12"), 1), true, false},
		{"prev loop", bytes.Replace(full, []byte("/Root 1 0 R"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d", xrefAt)), 1), false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, info, err := Prepare(tc.in)
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			if info.Repaired != tc.wantRepaired || info.Truncated != tc.wantTrunc {
				t.Errorf("Repaired %v Truncated %v, want %v %v (warnings %v)", info.Repaired, info.Truncated, tc.wantRepaired, tc.wantTrunc, info.Warnings)
			}
			r := openLibrary(t, out)
			if r.NumPage() != 3 {
				t.Fatalf("%d pages, want 3", r.NumPage())
			}
			for i, want := range contents {
				if got := pageContent(t, r, i+1); !bytes.Equal(got, want) {
					t.Errorf("page %d: got %q want %q", i+1, got, want)
				}
			}
			walkAll(t, r)
		})
	}
}

// TestPrepareTruncatedQpdf cuts an object-stream file before its xref stream.
func TestPrepareTruncatedQpdf(t *testing.T) {
	for _, file := range []string{"objstm.pdf", "aes-256-objstm.pdf"} {
		t.Run(file, func(t *testing.T) {
			in := readTestdata(t, file)
			x := bytes.LastIndex(in, []byte("/Type /XRef"))
			cut := in[:bytes.LastIndex(in[:x], []byte("endobj"))+len("endobj\n")]
			info := checkPrepared(t, cut, []byte(helloContent))
			if !info.Repaired || !info.Truncated {
				t.Errorf("Repaired %v Truncated %v, want true true", info.Repaired, info.Truncated)
			}
		})
	}
}

// TestPrepareIncremental checks /Prev chains, hybrid /XRefStm files and that
// the newest definition of an object wins, with and without a rebuild.
func TestPrepareIncremental(t *testing.T) {
	base := buildPDF("%PDF-1.4\n", pageObjects(streamBody("", []byte("old content"))), "/Root 1 0 R")
	firstXref := bytes.LastIndex(base, []byte("xref"))
	newContent := []byte(helloContent)
	var upd bytes.Buffer
	upd.Write(base)
	off := upd.Len()
	fmt.Fprintf(&upd, "4 0 obj\n%s\nendobj\n", streamBody("", newContent))
	x := upd.Len()
	fmt.Fprintf(&upd, "xref\n0 1\n0000000000 65535 f\r\n4 1\n%010d 00000 n\r\ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", off, firstXref, x)
	incremental := upd.Bytes()

	// Hybrid: the table lists objects 1-3 and 5; object 4 lives in an object
	// stream (object 6) found only through the /XRefStm stream (object 7).
	var h bytes.Buffer
	h.WriteString("%PDF-1.5\n")
	objs := pageObjects("")
	objs[2] = strings.Replace(objs[2], "/F1 5 0 R", "/F1 5 0 R /F2 8 0 R", 1)
	offs := map[int]int{}
	for _, n := range []int{1, 2, 3, 5} {
		offs[n] = h.Len()
		fmt.Fprintf(&h, "%d 0 obj\n%s\nendobj\n", n, objs[n-1])
	}
	// Object 4 (the content stream) cannot live in an object stream, so the
	// object stream carries the font and object 4 is a plain object listed
	// only in the xref stream.
	offs[4] = h.Len()
	fmt.Fprintf(&h, "4 0 obj\n%s\nendobj\n", streamBody("", newContent))
	objstm := []byte("8 0 << /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
	offs[6] = h.Len()
	fmt.Fprintf(&h, "6 0 obj\n%s\nendobj\n", streamBody("/Type /ObjStm /N 1 /First 4", objstm))
	rows := []byte{1, byte(offs[4] >> 8), byte(offs[4]), 0, 1, byte(offs[6] >> 8), byte(offs[6]), 0, 2, 0, 6, 0}
	offs[7] = h.Len()
	fmt.Fprintf(&h, "7 0 obj\n%s\nendobj\n", streamBody("/Type /XRef /Size 9 /W [1 2 1] /Index [4 1 6 1 8 1]", rows))
	hx := h.Len()
	h.WriteString("xref\n0 4\n0000000000 65535 f\r\n")
	for _, n := range []int{1, 2, 3} {
		fmt.Fprintf(&h, "%010d 00000 n\r\n", offs[n])
	}
	fmt.Fprintf(&h, "5 1\n%010d 00000 n\r\n", offs[5])
	fmt.Fprintf(&h, "trailer\n<< /Size 9 /Root 1 0 R /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n", offs[7], hx)
	hybrid := h.Bytes()

	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"prev chain", incremental},
		{"prev chain rebuilt", incremental[:len(incremental)-30]},
		{"hybrid xrefstm", hybrid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkPrepared(t, tc.in, newContent)
		})
	}
	// The hybrid's font in the object stream resolves.
	out, _, err := Prepare(hybrid)
	if err != nil {
		t.Fatal(err)
	}
	r := openLibrary(t, out)
	if got := r.Page(1).V.Key("Resources").Key("Font").Key("F2").Key("BaseFont").Name(); got != "Courier" {
		t.Errorf("font in object stream: BaseFont %q", got)
	}
}

// inherited looks a page attribute up through the /Parent chain.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i, v = i+1, v.Key("Parent") {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
	}
	return pdf.Value{}
}
