package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/juesuan/juesuan/internal/hostile"
)

func main() {
	dir := os.Args[1]
	os.MkdirAll(dir, 0o755)
	for _, p := range os.Args[2:] {
		data, _ := os.ReadFile(p)
		base := strings.TrimSuffix(filepath.Base(p), ".pdf")
		vs := hostile.TextDamages(data, 4)
		for _, v := range vs {
			os.WriteFile(filepath.Join(dir, base+"."+v.Name+".pdf"), v.Data, 0o644)
		}
		fmt.Println(p, len(vs))
	}
}
