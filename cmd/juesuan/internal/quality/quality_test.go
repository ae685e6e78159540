package quality

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/schema"
)

func ptr[T any](v T) *T { return &v }

func report(status string, checks ...schema.Check) Report {
	cents := int64(100)
	rep := shape.Report{
		Meta: schema.Report{ReportID: "r", SourcePath: "a.pdf", Status: status, Pages: 9},
		Tables: []shape.Table{
			{ID: "T01", Title: "收入支出决算总表", Pages: []int{1}, Rows: []shape.Row{{Seq: 1, Cells: []shape.Cell{{Present: true, Amount: &cents}}}}},
			{ID: "T08", Title: "政府性基金预算财政拨款收入支出决算表", Pages: []int{8}, Empty: true},
		},
	}
	return Of(rep, checks)
}

// TestStatus: the status says what is true, in either language; a check
// status this version does not know is counted and shown as it is.
func TestStatus(t *testing.T) {
	fail := schema.Check{CheckID: "T01.balance", Status: schema.CheckFail}
	missing := schema.Check{CheckID: "T03.present", Status: schema.CheckFail, Location: "T03 支出决算表"}
	note := schema.Check{CheckID: "D.empty_note", Status: schema.CheckPass, Location: "T08 政府性基金… (page 8)"}
	for _, tc := range []struct {
		q      Report
		l      lang.Lang
		want   string
		troubl bool
	}{
		{report("ok"), lang.EN, "ok", false},
		{report("ok", fail, missing, fail), lang.EN, "ok · 3 checks failed · T03 missing", true},
		{report("ok", fail, missing), lang.ZH, "正常 · 2 项校验未通过 · 缺 T03", true},
		{report("partial", fail), lang.EN, "partial · 1 check failed", true},
		{report("ok", schema.Check{CheckID: "N.share", Status: "info"}, schema.Check{CheckID: "X", Status: "someday"}), lang.EN, "ok", false},
		{Of(shape.Report{Meta: schema.Report{Status: "ok"}}, nil), lang.EN, "ok · no table found", true},
		{Of(shape.Report{Meta: schema.Report{Status: "failed"}}, nil), lang.ZH, "失败", true},
	} {
		if got := tc.q.Status(In(tc.l)); got != tc.want || tc.q.Troubled() != tc.troubl {
			t.Errorf("Status = %q (troubled %v), want %q (%v)", got, tc.q.Troubled(), tc.want, tc.troubl)
		}
	}
	q := report("ok", fail, missing, note, schema.Check{CheckID: "X", Status: "someday"})
	if q.Checks["someday"] != 1 || q.Checks["fail"] != 2 {
		t.Errorf("counts %v", q.Checks)
	}
	var states []string
	for _, tb := range q.Tables {
		states = append(states, tb.ID+":"+In(lang.EN).State(tb))
	}
	want := "T01:data, 1 rows|T03:missing|T08:printed without data (本表无数据 note printed)"
	if got := strings.Join(states, "|"); got != want {
		t.Errorf("tables %s, want %s", got, want)
	}
}

// TestFieldsAreGeneric: every Parquet column of the reports row is a
// field, nulls empty, numbers marked: a column added to schema.Report
// shows without a change to this package.
func TestFieldsAreGeneric(t *testing.T) {
	fs := Fields(schema.Report{ReportID: "r", Department: ptr("部门"), Pages: 9, ChecksFailed: 2})
	got := map[string]Field{}
	for _, f := range fs {
		got[f.Key] = f
	}
	if len(fs) < 12 {
		t.Errorf("%d fields, want every column of reports", len(fs))
	}
	for _, tc := range []Field{{"report_id", "r", false}, {"department", "部门", false}, {"fiscal_year", "", false},
		{"pages", "9", true}, {"checks_failed", "2", true}} {
		if got[tc.Key] != tc {
			t.Errorf("%s: %+v, want %+v", tc.Key, got[tc.Key], tc)
		}
	}
}
