package narrative

import (
	"fmt"

	"github.com/juesuan/juesuan/schema"
)

// Statements returns the statements rows of an analysis, in text order.
// A figure with more than two decimals is rounded to the cent (DECIMAL(18,2));
// none of the corpus has one.
func (a *Analysis) Statements(reportID string, fiscalYear *int32, department *string) []schema.Statement {
	out := make([]schema.Statement, 0, len(a.Figures))
	// One backing array for the values and one for the optional strings
	// (at most seven per row, so it never grows).
	values := make([]int64, len(a.Figures))
	strs := make([]string, 0, 7*len(a.Figures))
	optional := func(s string) *string {
		if s == "" {
			return nil
		}
		strs = append(strs, s)
		return &strs[len(strs)-1]
	}
	for i, f := range a.Figures {
		s := a.Sentences[f.Sentence]
		values[i] = f.Value.Shift(2).Round(0).IntPart()
		row := schema.Statement{ReportID: reportID, FiscalYear: fiscalYear, Department: department,
			Seq: int32(i + 1), Page: int32(s.Page), Section: s.Section, Sentence: s.Text, Subject: f.Subject,
			Metric: f.Metric, Value: &values[i], Unit: f.Unit, Direction: optional(f.Direction), Base: optional(f.Base)}
		row.Code = optional(a.Codes[i])
		if c := a.Cells[i]; c != nil {
			row.TableID, row.ColumnKey = optional(c.Table), optional(c.Key)
			row.RowCode, row.RowItem = optional(c.Code), optional(c.Item)
		}
		out = append(out, row)
	}
	return out
}

// String is a figure as one line, for tests and debugging.
func (f Figure) String() string {
	s := fmt.Sprintf("%s | %s | %s %s", f.Subject, f.Metric, f.Value.StringFixed(int32(f.Decimals)), f.Unit)
	if f.Direction != "" {
		s += " | " + f.Direction
	}
	if f.Base != "" {
		s += " | of " + f.Base
	}
	return s
}
