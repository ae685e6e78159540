package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/quality"
)

// TestEveryCheckHasChinese: with --lang zh, the description of every
// check of every fixture and corpus report reads in Chinese: no English
// word is left (table IDs, XX placeholders and printed Latin letters
// aside).
func TestEveryCheckHasChinese(t *testing.T) {
	t.Parallel() // juesuan.Convert shares no state
	pdfs := mustGlob(t, filepath.Join(fixtures, "*.pdf"))
	if fi, err := os.Stat(corpus); err == nil && fi.IsDir() {
		pdfs = append(pdfs, mustGlob(t, filepath.Join(corpus, "*.pdf"))...)
	}
	english := regexp.MustCompile(`[a-z]{3,}`)
	seen := map[string]bool{}
	n := 0
	for _, p := range pdfs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		res := juesuan.Convert(context.Background(), data, juesuan.WithSourcePath(p))
		for _, c := range quality.Localize(res.Checks, lang.ZH) {
			n++
			if w := english.FindString(c.Description); w != "" && !seen[c.CheckID+w] {
				seen[c.CheckID+w] = true
				t.Errorf("%s: %q left in English: %s", c.CheckID, w, c.Description)
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d checks described", n)
	}
}
