package htmlpage

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func ptr[T any](v T) *T { return &v }

// t05 is a small T05: a total row and two 类 with their basic and project
// spending, one 款 below the first.
func t05() shape.Report {
	cols := []shape.Column{{Key: "total", Label: "合计"}, {Key: "basic", Label: "基本支出"}, {Key: "project", Label: "项目支出"}}
	row := func(seq int32, code string, level int32, item string, total bool, cents ...int64) shape.Row {
		r := shape.Row{Seq: seq, Page: 5, Item: item, IsTotal: total}
		if code != "" {
			r.Code, r.Level = &code, &level
		}
		for _, c := range cents {
			r.Cells = append(r.Cells, shape.Cell{Present: true, Amount: ptr(c), Text: shape.Decimal(&c)})
		}
		return r
	}
	return shape.Report{
		Meta: schema.Report{ReportID: "abc", SourcePath: "a <b>.pdf", Department: ptr("示范部门"), FiscalYear: ptr[int32](2024),
			DocKind: "final", Unit: ptr("万元"), Pages: 9, Tables: 1, Status: "ok", ToolVersion: "test"},
		Tables: []shape.Table{{ID: "T05", Title: "一般公共预算财政拨款支出决算表", Unit: "万元", Pages: []int{5, 6}, Columns: cols,
			Rows: []shape.Row{
				row(1, "", 0, "合计", true, 30000, 20000, 10000),
				row(2, "201", 1, "一般公共服务支出", false, 20000, 20000, 0),
				row(3, "20101", 2, "人大事务", false, 20000, 20000, 0),
				row(4, "208", 1, "社会保障和就业支出", false, 10000, 0, 10000),
			}}},
	}
}

// TestPageGolden pins the page of a small report with one failed check,
// a statement note (the narrative hook) and the chart.
func TestPageGolden(t *testing.T) {
	fail := schema.Check{CheckID: "T05.row_sum", Description: "合计 equals 基本支出 + 项目支出", Status: schema.CheckFail,
		Expected: ptr[int64](30000), Actual: ptr[int64](30100), Diff: ptr[int64](100), Tolerance: ptr[int64](1),
		Location: "T05 row 1 \"合计\" column 合计 (page 5)"}
	pass := schema.Check{CheckID: "T05.present", Status: schema.CheckPass}
	checks := []schema.Check{pass, fail}
	cells := [][]CellID{nil, {{"T05", 1, "total"}, {"T05", 1, "basic"}, {"T05", 1, "project"}}}
	notes := map[CellID][]Note{{"T05", 4, "total"}: {{Kind: "statement", Text: "社会保障和就业支出100.00万元 (page 3)"}}}
	var buf bytes.Buffer
	if err := Write(&buf, t05(), checks, CheckCells(checks, cells), CellNotes(notes)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<td class="num fail" id="cell-T05-1-total" title="T05.row_sum: 合计 equals 基本支出 &#43; 项目支出` + "\nexpected 300.00, actual 301.00, diff 1.00",
		`<a href="#` + CheckAnchor(fail) + `">300.00</a></td>`,
		`<li id="` + CheckAnchor(fail) + `">`,
		`cells: <a href="#cell-T05-1-total">T05 合计 / 合计</a> · <a href="#cell-T05-1-basic">T05 合计 / 基本支出</a>`,
		`<td class="num note" id="cell-T05-4-total" title="社会保障和就业支出100.00万元 (page 3)">100.00</td>`,
		`<dd class="status-warn">ok · 1 check failed</dd>`,
		`<g class="axis"`,
		`a &lt;b&gt;.pdf`,
		`<title>201 一般公共服务支出 基本支出 basic 200.00</title>`,
		"1 pass · 1 fail · 0 skipped · 0 info",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(page, `<g class="bar">`) != 2 {
		t.Errorf("%d bars, want one per 类 (201, 208)", strings.Count(page, `<g class="bar">`))
	}
	golden := filepath.Join("testdata", "t05.html")
	if *update {
		os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("page differs from %s (go test -update, then review it in a browser)", golden)
	}
}

func TestNoChartWithoutBasicAndProject(t *testing.T) {
	rep := t05()
	rep.Tables[0].ID = "T02" // not a chart source
	if got := expenditureChart(rep, lang.EN); got != "" {
		t.Errorf("a chart from T02: %.80s", got)
	}
	rep = t05()
	rep.Tables[0].Columns[1].Key = "other"
	if got := expenditureChart(rep, lang.EN); got != "" {
		t.Errorf("a chart without a basic column: %.80s", got)
	}
}

// TestOtherStatuses: a check for information, and one of a status this
// version does not know (a newer juesuan's), are listed and counted as
// they are, never as failures.
func TestOtherStatuses(t *testing.T) {
	checks := []schema.Check{
		{CheckID: "N.share", Status: schema.CheckInfo, Description: "a share truncated as printed", Location: "page 3"},
		{CheckID: "N.future", Status: "someday", Description: "a check of tomorrow", Location: "page 4"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, t05(), checks); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<span class="info-word">info</span> <code>N.share</code>`,
		`<span class="info-word">someday</span> <code>N.future</code>`,
		"0 pass · 0 fail · 0 skipped · 1 info · 1 someday",
		`<dd class="status-ok">ok</dd>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
