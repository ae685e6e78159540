package tables

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRenderAlignsWideCharacters(t *testing.T) {
	tb := Table{
		ID: T05, Title: "一般公共预算财政拨款支出决算表", Pages: []int{3, 4}, Unit: "万元",
		Columns: []Column{{Key: "total", Label: "合计"}, {Key: "basic", Label: "基本支出"}},
		Rows: []Row{
			{Page: 3, Code: []string{"208"}, Item: "社会保障和就业支出", Cells: []Cell{{Key: "total", Text: "10.00"}, {Key: "basic", Text: "10.00"}}},
			{Page: 4, Item: "合计", Cells: []Cell{{Key: "total", Text: "1,010.00"}, {Key: "basic", Text: ""}}},
		},
	}
	var buf bytes.Buffer
	if err := Render(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := `== T05 一般公共预算财政拨款支出决算表
pages: 3-4   unit: 万元
columns:
  total = 合计
  basic = 基本支出
page  line  code  item                   total  basic
   3        208   社会保障和就业支出     10.00  10.00
   4              合计                1,010.00

`
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestRenderGolden renders r03's tables; the golden was checked by eye
// against the pages rendered with pdftoppm (same content as r03.truth.json).
func TestRenderGolden(t *testing.T) {
	var buf bytes.Buffer
	for _, tb := range findReal(t, "r03_putuo_socialwork_2024_final.pdf") {
		if err := Render(&buf, tb); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join("testdata", "r03.render.txt")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("line %d:\n got %q\nwant %q", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("got %d lines, want %d", len(gl), len(wl))
	}
}

// TestTemplateR05: the empty official template yields all nine tables,
// each Empty, on the pages they are printed on.
func TestTemplateR05(t *testing.T) {
	tables := findReal(t, "r05_shanghai_template_2024_final.pdf")
	want := map[string]string{T01: "[5]", T02: "[6]", T03: "[7]", T04: "[8 9]", T05: "[10]", T06: "[11]", T07: "[12]", T08: "[13]", T09: "[14]"}
	got := map[string]string{}
	for _, tb := range tables {
		if !tb.Empty {
			t.Errorf("%s: not Empty", tb.ID)
		}
		if len(tb.Columns) == 0 {
			t.Errorf("%s: no columns", tb.ID)
		}
		got[tb.ID] = fmt.Sprint(tb.Pages)
	}
	for id, pages := range want {
		if got[id] != pages {
			t.Errorf("%s: pages %q, want %q", id, got[id], pages)
		}
	}
	if len(tables) != 9 {
		t.Errorf("%d tables, want 9", len(tables))
	}
}

func TestPageRanges(t *testing.T) {
	for _, tc := range []struct {
		pages []int
		want  string
	}{
		{nil, ""},
		{[]int{4}, "4"},
		{[]int{1, 2}, "1-2"},
		{[]int{4, 6}, "4,6"},
		{[]int{3, 4, 5, 7, 9, 10}, "3-5,7,9-10"},
	} {
		if got := PageRanges(tc.pages); got != tc.want {
			t.Errorf("PageRanges(%v) = %q, want %q", tc.pages, got, tc.want)
		}
	}
}
