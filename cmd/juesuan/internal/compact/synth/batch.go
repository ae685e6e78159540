package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/juesuan/juesuan"
)

// writeInputs writes input I for every report I < n, a thousand a folder.
func writeInputs(g *generator, n int) error {
	for i := range n {
		p := g.inputPath(i)
		if i%1000 == 0 {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(p, []byte(input(i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// convert is the batch's converter: input I becomes synthetic report I.
func (g *generator) convert(_ context.Context, data []byte, id, path string) *juesuan.Result {
	i, err := inputIndex(data)
	if err != nil {
		return juesuan.Failed(id, path, toolVersion, err)
	}
	r := g.report(i, path)
	if r.id != id {
		return juesuan.Failed(id, path, toolVersion, fmt.Errorf("input %d hashes to %s, the batch says %s", i, r.id, id))
	}
	return r.result()
}
