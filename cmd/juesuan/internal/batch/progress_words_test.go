package batch

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressUsesTheSummaryWords: the progress line counts ok, partial
// and failed apart, as the closing summary does (a partial report is not
// a failed one).
func TestProgressUsesTheSummaryWords(t *testing.T) {
	var term bytes.Buffer
	found := &counter{}
	found.add(10)
	p := newProgress(NewStatusLine(&term), found, time.Now().Add(-time.Second))
	s := &Summary{Files: 6, OK: 3, Partial: 2, Failed: 1}
	p.draw(s)
	if got := term.String(); !strings.Contains(got, "3 ok, 2 partial, 1 failed") {
		t.Errorf("progress line %q, want the summary's words", got)
	}
	if !strings.Contains(s.String(), "3 ok, 2 partial, 1 failed") {
		t.Errorf("summary %q", s.String())
	}
}
