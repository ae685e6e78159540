package batch

import (
	"strings"
	"testing"
)

func TestStatusLineKeepsLogLinesAboveIt(t *testing.T) {
	var term strings.Builder
	s := NewStatusLine(&term)
	s.Write([]byte("first log line\n"))
	s.set("1/3 files")
	s.Write([]byte("second log line\n"))
	s.set("2/3 files")
	s.done()
	want := "first log line\n" +
		clearLine + "1/3 files" +
		clearLine + "second log line\n" + "1/3 files" +
		clearLine + "2/3 files" + "\n"
	if got := term.String(); got != want {
		t.Errorf("terminal got\n%q\nwant\n%q", got, want)
	}
}

func TestSummaryLine(t *testing.T) {
	var s Summary
	s.add(&Outcome{Status: "ok", Tables: 9, Checks: CheckCounts{Pass: 100, Fail: 1, Skipped: 2, Info: 3}})
	s.add(&Outcome{Status: "failed", Skipped: true})
	if s.AllConverted() {
		t.Error("a failed file counts as not converted")
	}
	got := s.String()
	for _, want := range []string{"2 reports", "1 ok", "1 failed", "1 unchanged", "9 tables", "100 passed / 1 failed / 2 skipped / 3 info"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary %q lacks %q", got, want)
		}
	}
}
