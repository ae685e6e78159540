package batch

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// walkInputs calls emit for every PDF named by paths: files as given,
// folders walked recursively for *.pdf (any case), "-" for a list of paths
// read from stdin. Files stream out as they are found, so a huge batch
// starts at once and memory does not grow with it. emit returns false to
// stop. The output folder is never walked.
func walkInputs(ctx context.Context, paths []string, stdin io.Reader, out string, emit func(string) bool) error {
	outAbs, _ := filepath.Abs(out)
	var problems []string
	visit := func(p string) bool {
		info, err := os.Stat(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", p, err))
			return true
		}
		if !info.IsDir() {
			return emit(p)
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return fs.SkipAll
			}
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", q, err))
				return nil
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(q); abs == outAbs || (q != p && strings.HasPrefix(d.Name(), ".")) {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || !strings.EqualFold(filepath.Ext(q), ".pdf") || schema.IsTemp(d.Name()) {
				return nil
			}
			if !emit(q) {
				return fs.SkipAll
			}
			return nil
		})
		return err == nil && ctx.Err() == nil
	}
	for _, p := range paths {
		if p == "-" {
			sc := bufio.NewScanner(stdin)
			sc.Buffer(make([]byte, 64*1024), 1<<20)
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				if line == "" {
					continue
				}
				if !visit(line) {
					return nil
				}
			}
			if err := sc.Err(); err != nil {
				problems = append(problems, fmt.Sprintf("reading paths from stdin: %v", err))
			}
			continue
		}
		if !visit(p) {
			return nil
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("some inputs could not be read: %s", strings.Join(problems, "; "))
	}
	return nil
}

// removeTemps deletes temporary files a killed earlier run left in out.
func removeTemps(out string) error {
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() && schema.IsTemp(d.Name()) {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("remove leftover temporary file: %w", err)
			}
		}
		return nil
	})
}
