package pdfraw

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/ledongthuc/pdf"
)

// taggedObjects is pageObjects with a Flate content stream, a tag tree
// (objects 6, 7) hanging from the catalog and an embedded, Flate-compressed
// font program (object 8) under a descriptor (object 9); tagTree is the
// body of object 7, the tree's only element.
func taggedObjects(content []byte, tagTree string) []string {
	objs := pageObjects(streamBody("/Filter /FlateDecode", flateEncode(content)))
	objs[0] = "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 6 0 R >>"
	objs[4] = "<< /Type /Font /Subtype /TrueType /BaseFont /Embedded /FontDescriptor 9 0 R >>"
	return append(objs,
		"<< /Type /StructTreeRoot /K 7 0 R >>",
		tagTree,
		streamBody("/Length1 9 /Filter /FlateDecode", flateEncode([]byte("glyf data"))),
		"<< /Type /FontDescriptor /FontName /Embedded /FontFile2 8 0 R >>",
	)
}

func TestPrepareHandsOverDecodedStreams(t *testing.T) {
	content := longContent()
	in := buildPDF("%PDF-1.4\n", taggedObjects(content, "<< /S /P >>"), "/Root 1 0 R")
	var got map[ObjectID][]byte
	out, info, err := Prepare(in, WithDecodedStreams(func(m map[ObjectID][]byte) { got = m }))
	if err != nil {
		t.Fatal(err)
	}
	if info.Rewritten || !bytes.Equal(out, in) {
		t.Fatalf("a clean file was rewritten (%+v)", info)
	}
	// The content stream, exactly as the library decodes it; not the font program.
	if !bytes.Equal(got[ObjectID{Num: 4}], content) {
		t.Errorf("decoded content = %q, want %q", trunc(got[ObjectID{Num: 4}]), trunc(content))
	}
	if lib := pageContent(t, openLibrary(t, out), 1); !bytes.Equal(lib, content) {
		t.Errorf("library reads %q", trunc(lib))
	}
	if _, ok := got[ObjectID{Num: 8}]; ok || len(got) != 1 {
		t.Errorf("decoded streams %v, want only object 4", keysOf(got))
	}
}

func TestPrepareDecodedStreamsOnRewrite(t *testing.T) {
	// A damaged content stream forces a rewrite: what it decoded is handed
	// over under the rewritten file's object numbers, as the library reads it.
	content := longContent()
	objs := taggedObjects(content, "<< /S /P >>")
	objs = append(objs, streamBody("/Filter /FlateDecode", flateEncode(content)[:200]))
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R 10 0 R] >>"
	in := buildPDF("%PDF-1.4\n", objs, "/Root 1 0 R")
	var got map[ObjectID][]byte
	out, info, err := Prepare(in, WithDecodedStreams(func(m map[ObjectID][]byte) { got = m }))
	if err != nil {
		t.Fatal(err)
	}
	if !info.Rewritten {
		t.Fatal("a damaged stream did not force a rewrite")
	}
	r := openLibrary(t, out)
	contents := r.Page(1).V.Key("Contents")
	if contents.Len() != 2 {
		t.Fatalf("contents = %v", contents)
	}
	for i := 0; i < contents.Len(); i++ {
		s := contents.Index(i)
		num, gen, ok := Ref(s)
		if !ok {
			t.Fatalf("stream %d has no object number", i)
		}
		lib, err := io.ReadAll(s.Reader())
		if err != nil {
			t.Fatal(err)
		}
		kept, found := got[ObjectID{Num: num, Gen: gen}]
		if !found || !bytes.Equal(kept, lib) {
			t.Errorf("stream %d (object %d): handed over %q (found %v), library reads %q", i, num, trunc(kept), found, trunc(lib))
		}
	}
	if !bytes.Equal(got[ObjectID{Num: 4}], content) {
		t.Errorf("the intact stream was handed over as %q", trunc(got[ObjectID{Num: 4}]))
	}
}

// TestFastPathChecksOnlyWhatExtractionReads: a tag tree the library's lexer
// would choke on does not force a rewrite (the library never reads it), but
// the same object in the page tree does.
func TestFastPathChecksOnlyWhatExtractionReads(t *testing.T) {
	broken := "<< /S /P /Alt (unterminated >>" // no closing parenthesis
	in := buildPDF("%PDF-1.4\n", taggedObjects([]byte(helloContent), broken), "/Root 1 0 R")
	_, info, err := Prepare(in)
	if err != nil {
		t.Fatal(err)
	}
	if info.Rewritten {
		t.Errorf("an unreadable tag tree forced a rewrite")
	}

	objs := taggedObjects([]byte(helloContent), "<< /S /P >>")
	objs[4] = "<< /Type /Font /Subtype /TrueType /BaseFont (unterminated >>"
	out, info, err := Prepare(buildPDF("%PDF-1.4\n", objs, "/Root 1 0 R"))
	if err != nil {
		t.Fatal(err)
	}
	if !info.Rewritten {
		t.Errorf("an unreadable font dictionary was accepted as is")
	}
	walkAll(t, openLibrary(t, out))
}

// TestRewriteLeavesOutTagTreeKeepsFontPrograms: the rewrite writes what the
// page tree needs, without the tag tree, and copies font programs encoded.
func TestRewriteLeavesOutTagTreeKeepsFontPrograms(t *testing.T) {
	content := longContent()
	in := buildPDF("%PDF-1.4\n", taggedObjects(content, "<< /S /P /Marker /TagTreeElement >>"), "/Root 1 0 R")
	out, info, err := Prepare(in, WithForceRewrite())
	if err != nil {
		t.Fatal(err)
	}
	if !info.Rewritten {
		t.Fatal("not rewritten")
	}
	if bytes.Contains(out, []byte("TagTreeElement")) {
		t.Errorf("the tag tree was written")
	}
	r := openLibrary(t, out)
	if got := pageContent(t, r, 1); !bytes.Equal(got, content) {
		t.Errorf("content = %q", trunc(got))
	}
	ff := r.Page(1).V.Key("Resources").Key("Font").Key("F1").Key("FontDescriptor").Key("FontFile2")
	if ff.Key("Filter").Name() != "FlateDecode" {
		t.Errorf("font program filter = %v, want FlateDecode kept", ff.Key("Filter"))
	}
	data, err := io.ReadAll(ff.Reader())
	if err != nil || string(data) != "glyf data" {
		t.Errorf("font program reads %q, %v", data, err)
	}
	walkAll(t, r)
}

func keysOf(m map[ObjectID][]byte) []uint32 {
	var nums []uint32
	for k := range m {
		nums = append(nums, k.Num)
	}
	slices.Sort(nums)
	return nums
}

// TestCompactXrefForTheReader: a clean file whose tag tree holds most of
// its objects is returned as it is, and the reader handed over reads a
// short cross-reference section listing only what extraction reaches.
func TestCompactXrefForTheReader(t *testing.T) {
	content := longContent()
	objs := taggedObjects(content, "<< /S /Document /K [10 0 R] >>")
	const elems = 400 // objects 10.. : a chain of tag-tree elements
	for i := range elems {
		objs = append(objs, fmt.Sprintf("<< /S /P /K %d 0 R >>", 11+i))
	}
	objs = append(objs, "<< /Producer (test) >>") // the /Info dictionary, last
	infoNum := len(objs)
	in := buildPDF("%PDF-1.4\n", objs, fmt.Sprintf("/Root 1 0 R /Info %d 0 R", infoNum))

	var r *pdf.Reader
	out, info, err := Prepare(in, WithLibraryReader(func(got *pdf.Reader) { r = got }))
	if err != nil {
		t.Fatal(err)
	}
	if info.Rewritten || !bytes.Equal(out, in) {
		t.Fatalf("a clean file was rewritten (%+v)", info)
	}
	walkAll(t, r)
	if got := pageContent(t, r, 1); !bytes.Equal(got, content) {
		t.Errorf("page 1 through the handed reader = %q, want %q", trunc(got), trunc(content))
	}
	if got := r.Trailer().Key("Info").Key("Producer").RawString(); got != "test" {
		t.Errorf("/Info /Producer = %q through the handed reader", got)
	}
	if v := r.Trailer().Key("Root").Key("StructTreeRoot"); !v.IsNull() {
		t.Errorf("the tag tree resolves through the handed reader (%v): the full cross-reference table was read", v.Kind())
	}
	// The returned bytes, opened anew, still read everything.
	if v := openLibrary(t, out).Trailer().Key("Root").Key("StructTreeRoot"); v.Kind() != pdf.Dict {
		t.Errorf("the returned bytes lost the tag tree: %v", v.Kind())
	}
}

func TestAppendedReaderAt(t *testing.T) {
	ra := appendedReaderAt{data: []byte("hello, "), tail: []byte("world")}
	for _, tc := range []struct {
		off  int64
		n    int
		want string
		eof  bool
	}{
		{0, 5, "hello", false},
		{5, 4, ", wo", false}, // across the seam
		{7, 5, "world", false},
		{9, 10, "rld", true},
		{12, 1, "", true},
	} {
		p := make([]byte, tc.n)
		n, err := ra.ReadAt(p, tc.off)
		if string(p[:n]) != tc.want || (err == io.EOF) != tc.eof {
			t.Errorf("ReadAt(%d bytes at %d) = %q, %v; want %q, EOF %v", tc.n, tc.off, p[:n], err, tc.want, tc.eof)
		}
	}
}
