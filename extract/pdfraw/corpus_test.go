package pdfraw

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

func corpusDir(t testing.TB) string {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "real")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("real corpus absent:", dir)
	}
	return dir
}

func corpusFiles(t testing.TB) map[string][]byte {
	dir := corpusDir(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	files := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = b
	}
	return files
}

// readAllPages opens out in the library and reads every page's /Contents,
// returning the total content bytes read.
func readAllPages(t *testing.T, out []byte) (pages, contentBytes int) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("library cannot open the output: %v", err)
	}
	defer func() {
		if x := recover(); x != nil {
			t.Fatalf("library panicked on page %d: %v", pages, x)
		}
	}()
	n := r.NumPage()
	for pages = 1; pages <= n; pages++ {
		c := r.Page(pages).V.Key("Contents")
		streams := []pdf.Value{c}
		if c.Kind() == pdf.Array {
			streams = nil
			for i := 0; i < c.Len(); i++ {
				streams = append(streams, c.Index(i))
			}
		}
		for _, s := range streams {
			b, err := io.ReadAll(s.Reader())
			if err != nil {
				t.Errorf("page %d contents: %v", pages, err)
			}
			contentBytes += len(b)
		}
	}
	return n, contentBytes
}

func TestPrepareCorpus(t *testing.T) {
	for fname, data := range corpusFiles(t) {
		t.Run(strings.TrimSuffix(fname, ".pdf"), func(t *testing.T) {
			out, info, err := Prepare(data)
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			pages, n := readAllPages(t, out)
			walkAll(t, openLibrary(t, out))
			if pages == 0 || n == 0 {
				t.Errorf("pages %d, content bytes %d", pages, n)
			}
			t.Logf("rewritten=%v repaired=%v filters=%v pages=%d in=%d out=%d warnings=%v",
				info.Rewritten, info.Repaired, info.Filters, pages, len(data), len(out), info.Warnings)
			// A forced rewrite must read the same.
			out2, _, err := Prepare(data, WithForceRewrite())
			if err != nil {
				t.Fatalf("forced rewrite: %v", err)
			}
			pages2, n2 := readAllPages(t, out2)
			walkAll(t, openLibrary(t, out2))
			if pages2 != pages || n2 != n {
				t.Errorf("forced rewrite reads %d pages / %d bytes, want %d / %d", pages2, n2, pages, n)
			}
		})
	}
}

func BenchmarkPrepare(b *testing.B) {
	files := corpusFiles(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			if _, _, err := Prepare(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPrepareForceRewrite measures the "always rewrite" alternative
// to the fast path, over the same corpus.
func BenchmarkPrepareForceRewrite(b *testing.B) {
	files := corpusFiles(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			if _, _, err := Prepare(data, WithForceRewrite()); err != nil {
				b.Fatal(err)
			}
		}
	}
}
