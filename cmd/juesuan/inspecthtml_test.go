package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/htmlpage"
	"github.com/juesuan/juesuan/schema"
)

// renderInChromium loads a page in headless Chromium and returns the DOM
// it built and the console messages it logged (errors, blocked loads).
func renderInChromium(t *testing.T, page string) (dom string, console []string) {
	t.Helper()
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("Chromium not installed: the page is not rendered")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+abs)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			console = append(console, line)
		}
	}
	return string(out), console
}

// TestInspectHTMLInChromium: the page of a real report renders in a real
// browser with every table, the chart, and no console message (the page's
// policy would report any script or external load as one).
func TestInspectHTMLInChromium(t *testing.T) {
	t.Parallel() // Chromium runs as a process of its own
	needCorpus(t)
	file := filepath.Join(corpus, "r02_putuo_planning_2024_final.pdf")
	page, _, err := runCmd(t, "inspect", "--format", "html", file)
	if err != nil {
		t.Fatal(err)
	}
	for _, banned := range []string{"<script", "<link", "<img", "src=", "@import", "url("} {
		if strings.Contains(page, banned) {
			t.Errorf("the page is not self-contained: it has %q", banned)
		}
	}
	path := filepath.Join(t.TempDir(), "r02.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, console := renderInChromium(t, path)
	if len(console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
	}
	for _, id := range []string{"T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09"} {
		section := regexp.MustCompile(`(?s)<section class="table" id="` + id + `".*?</section>`).FindString(dom)
		if section == "" {
			t.Errorf("table %s missing from the rendered page", id)
			continue
		}
		if !strings.Contains(section, "<table") && !strings.Contains(section, "本表无数据") {
			t.Errorf("table %s rendered without rows or an empty note", id)
		}
	}
	for _, want := range []string{"上海市普陀区规划和自然资源局", "<svg", "220 自然资源海洋气象等支出", "446.11",
		// r02's text misstates three figures, and prints two truncated
		// (info, not fail: README, narrative checks).
		"345 pass · 3 fail", "N.amount"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %q", want)
		}
	}
}

// TestInspectHTMLMarksFailedCells: the doctored fixture's failed checks
// are highlighted in the cells they read, with expected, actual and diff
// on hover; and the console check catches what it should.
func TestInspectHTMLMarksFailedCells(t *testing.T) {
	t.Parallel() // Chromium runs as a process of its own
	page, _, err := runCmd(t, "inspect", "--format", "html", filepath.Join(fixtures, "sh2024_lo_split_doctored.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	failed := regexp.MustCompile(`<td class="num fail" id="cell-[^"]+" title="([^"]*)"><a href="#check-[0-9a-f]{8}">([^<]*)</a></td>`).FindAllStringSubmatch(page, -1)
	if len(failed) < 2 {
		t.Fatalf("%d cells marked failed, want the doctored cell and the others its checks read", len(failed))
	}
	doctored := false
	for _, m := range failed {
		if !strings.Contains(m[1], "expected 213.69, actual 223.69, diff 10.00") && !strings.Contains(m[1], "expected 485.93, actual 495.93, diff 10.00") {
			t.Errorf("a failed cell's title lacks expected/actual/diff: %q", m[1])
		}
		doctored = doctored || m[2] == "213.69"
	}
	if !doctored {
		t.Error("the doctored cell (T02 2101101 本年收入合计 213.69) is not marked")
	}

	bad := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(bad, []byte(strings.Replace(page, "</body>", `<img src="http://example.invalid/x.png"></body>`, 1)), 0o644)
	if _, console := renderInChromium(t, bad); len(console) == 0 {
		t.Error("an external image in the page logs no console message: the console check cannot fail")
	}
}

// TestStatementNotes: a statement shows on the cell it names, by code or,
// for a row without one, by item; one naming no printed cell shows nowhere.
func TestStatementNotes(t *testing.T) {
	str := func(s string) *string { return &s }
	items := []schema.LineItem{
		{TableID: "T01", RowSeq: 12, Item: "总计", ColumnKey: "amount"},
		{TableID: "T05", RowSeq: 3, Code: str("2080501"), Item: "行政单位离退休", ColumnKey: "total"},
		{TableID: "T05", RowSeq: 3, Code: str("2080501"), Item: "行政单位离退休", ColumnKey: "basic"},
	}
	sts := []schema.Statement{
		{Page: 20, Section: "一", Sentence: "收入支出总计9859.38万元。", TableID: str("T01"), RowItem: str("总计"), ColumnKey: str("amount")},
		{Page: 22, Section: "五（三）", Sentence: "行政单位离退休12.00万元。", TableID: str("T05"), RowCode: str("2080501"), RowItem: str("行政单位离退休"), ColumnKey: str("total")},
		{Page: 22, Sentence: "机关运行经费3.00万元。"},
		{Page: 23, Sentence: "某项1.00万元。", TableID: str("T05"), RowCode: str("2130101"), ColumnKey: str("total")},
	}
	got := statementNotes(&juesuan.Result{Statements: sts, LineItems: items})
	want := map[htmlpage.CellID]string{
		{Table: "T01", RowSeq: 12, ColumnKey: "amount"}: "page 20, 一: 收入支出总计9859.38万元。",
		{Table: "T05", RowSeq: 3, ColumnKey: "total"}:   "page 22, 五（三）: 行政单位离退休12.00万元。",
	}
	if len(got) != len(want) {
		t.Fatalf("notes on %d cells, want %d: %v", len(got), len(want), got)
	}
	for id, text := range want {
		if ns := got[id]; len(ns) != 1 || ns[0].Text != text || ns[0].Kind != "statement" {
			t.Errorf("%v: %+v, want %q", id, ns, text)
		}
	}
}
