package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The Jiangsu procurement table (B13) of the js2019 fixture, page 10, as
// printed: its first column is the row's item, the next four are words.
var procurementPrinted = struct {
	labels, keys []string
	rows         [][]string // item, the four word columns, 总计
}{
	labels: []string{"采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"},
	keys:   []string{"item", "special_project", "economic_subject", "purchase_item", "procurement_method", "total"},
	rows: [][]string{
		{"合计", "", "", "", "", "919.85"},
		{"一、货物A", "", "", "", "", "543.43"},
		{"", "办公设备购置费", "办公设备购置", "", "", "434.48"},
		{"", "", "", "台式计算机", "分散自行组织", "434.48"},
	},
}

// TestProcurementColumnsApart: B13's printed text columns stay apart, in
// print order, in export (from the PDF and from its OUT folder alike) and
// in inspect's csv and json, each with its column_seq.
func TestProcurementColumnsApart(t *testing.T) {
	pdf := filepath.Join(fixtures, "js2019_budget_chromium.pdf")
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runBin(t, nil, "convert", "-q", "-o", out, pdf); code != 0 {
		t.Fatalf("convert: exit %d: %s", code, stderr)
	}
	for _, in := range []string{pdf, out} {
		stdout, stderr, code := runBin(t, nil, "export", "--table", "B13", "--format", "csv", "--header", "both", in)
		if code != 0 {
			t.Fatalf("export %s: exit %d: %s", in, code, stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(stdout, "\ufeff"))).ReadAll()
		if err != nil || len(recs) < 2+len(procurementPrinted.rows) {
			t.Fatalf("export %s: %d lines, %v", in, len(recs), err)
		}
		at := column(t, recs[1], "item")
		n := len(procurementPrinted.keys)
		if got := recs[1][at : at+n]; !slices.Equal(got, procurementPrinted.keys) {
			t.Errorf("export %s: keys %v, want %v", in, got, procurementPrinted.keys)
		}
		if got := recs[0][at : at+n]; !slices.Equal(got, procurementPrinted.labels) {
			t.Errorf("export %s: labels %v, want %v", in, got, procurementPrinted.labels)
		}
		for i, want := range procurementPrinted.rows {
			if got := recs[2+i][at : at+n]; !slices.Equal(got, want) {
				t.Errorf("export %s: row %d %v, want %v", in, i+1, got, want)
			}
		}
	}

	stdout, _, code := runBin(t, nil, "inspect", "--table", "B13", "--format", "csv", pdf)
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if code != 0 || err != nil || len(recs) < 2 {
		t.Fatalf("inspect csv: exit %d, %v", code, err)
	}
	key, text, seq := column(t, recs[0], "column_key"), column(t, recs[0], "text"), column(t, recs[0], "column_seq")
	var line []string // the third printed row's cells, column_seq and text
	for _, r := range recs[1:] {
		if r[column(t, recs[0], "row_seq")] == "3" {
			line = append(line, r[seq]+" "+r[key]+" "+r[text])
		}
	}
	if want := []string{"1 special_project 办公设备购置费", "2 economic_subject 办公设备购置", "3 purchase_item ", "4 procurement_method ", "5 total 434.48"}; !slices.Equal(line, want) {
		t.Errorf("inspect csv row 3: %q, want %q", line, want)
	}

	stdout, _, _ = runBin(t, nil, "inspect", "--table", "B13", "--format", "json", pdf)
	var rep struct {
		Tables []struct {
			Columns []struct {
				Key  string `json:"column_key"`
				Seq  *int   `json:"column_seq"`
				Kind string `json:"kind"`
			} `json:"columns"`
		} `json:"tables"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Tables) != 1 {
		t.Fatalf("inspect json: %v", err)
	}
	for i, c := range rep.Tables[0].Columns {
		if c.Seq == nil || *c.Seq != i+1 || (c.Kind == "text") != (c.Key != "total") {
			t.Errorf("inspect json column %d %s: column_seq %v, kind %q", i+1, c.Key, c.Seq, c.Kind)
		}
	}
}
