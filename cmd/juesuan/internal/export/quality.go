package export

import (
	"strconv"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/quality"
)

// QualityID is the quality sheet's TableID: its CSV is quality.csv.
const QualityID = "quality"

// fieldLabels name the report row's columns for a reader; a column
// without a label (added to the reports dataset later) shows its key.
var fieldLabels = map[string][2]string{
	"report_id":        {"报告编号 (SHA-256)", "report ID (SHA-256)"},
	"source_path":      {"来源文件", "source file"},
	"department":       {"部门", "department"},
	"fiscal_year":      {"年度", "fiscal year"},
	"doc_kind":         {"类别 (final 决算, budget 预算)", "kind (final, budget)"},
	"unit":             {"金额单位", "unit"},
	"pages":            {"页数", "pages"},
	"tables":           {"表数", "tables found"},
	"status":           {"转换状态", "conversion status"},
	"error":            {"问题", "problem"},
	"checks_failed":    {"未通过的校验", "checks failed"},
	"tool_version":     {"juesuan 版本", "juesuan version"},
	"figures_printed":  {"表内印出的数字", "figures printed in the tables"},
	"figures_unplaced": {"未能落入单元格的数字", "figures not placed in a cell"},
	"text_source":      {"文字来源 (text 文本层, ocr 识别)", "text source (text layer, ocr)"},
}

// QualitySheet is the quality of every report exported, one row per fact
// (long format, so that it filters and reads back as one table): for each
// report its summary and every column of its reports row, then the state
// and pages of each table, then each failed check with its page, the
// sentence or cells it concerns, and its figures.
func QualitySheet(qs []quality.Report, l lang.Lang) Sheet {
	words := quality.In(l)
	// What a reader reads first (the fact), then the report it is of.
	s := Sheet{TableID: QualityID, Title: l.T("质量", "quality"), Lead: 2}
	cols := [][3]string{
		{"kind", "类别 (report/table/check)", "kind (report/table/check)"},
		{"subject", "对象", "subject"},
		{"value", "情况", "value"},
		{"page", "页码", "page"},
		{"description", "说明", "description"},
		{"location", "位置或原文", "location or sentence"},
		{"expected", "应为", "expected"},
		{"actual", "实为", "actual"},
		{"diff", "差额", "diff"},
		{"source_path", "来源文件", "source file"},
		{"department", "部门", "department"},
		{"fiscal_year", "年度", "fiscal year"},
		{"report_id", "报告编号 (SHA-256)", "report ID (SHA-256)"},
	}
	for _, c := range cols {
		s.Keys = append(s.Keys, c[0])
		s.Labels = append(s.Labels, l.T(c[1], c[2]))
	}
	for _, q := range qs {
		m := q.Meta
		add := func(kind, subject string, value Value, page, desc, loc string, amounts ...*int64) {
			row := []Value{{Text: kind}, {Text: subject}, value, {Text: page, IsCount: true}, {Text: desc}, {Text: loc}}
			for i := range 3 {
				v := Value{IsAmount: true}
				if i < len(amounts) {
					v.Cents = amounts[i]
				}
				row = append(row, v)
			}
			s.Rows = append(s.Rows, append(row, Value{Text: m.SourcePath}, Value{Text: deref(m.Department)},
				Value{Text: itoa(m.FiscalYear), IsCount: true}, Value{Text: m.ReportID}))
		}
		add("report", "summary", Value{Text: q.Status(words)}, "", l.T("概况", "summary"), "")
		for _, f := range quality.Fields(m) {
			lb, ok := fieldLabels[f.Key]
			desc := f.Key
			if ok {
				desc = l.T(lb[0], lb[1])
			}
			add("report", f.Key, Value{Text: f.Value, IsCount: f.Number}, "", desc, "")
		}
		for _, t := range q.Tables {
			add("table", t.ID, Value{Text: words.State(t)}, firstPage(t.Pages), t.Title, pagesText(l, t.Pages))
		}
		for _, c := range q.Failed {
			page := ""
			if c.Page != nil {
				page = strconv.Itoa(int(*c.Page))
			}
			add("check", c.CheckID, Value{Text: words.Status(c.Status)}, page, c.Description, c.Location, c.Expected, c.Actual, c.Diff)
		}
	}
	return s
}

func firstPage(pages []int) string {
	if len(pages) == 0 {
		return ""
	}
	return strconv.Itoa(pages[0])
}

func pagesText(l lang.Lang, pages []int) string {
	if len(pages) == 0 {
		return ""
	}
	return l.T("第 ", "pages ") + quality.PageRanges(pages) + l.T(" 页", "")
}
