package batch

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/juesuan/juesuan/schema"
)

// CheckCounts tallies the statuses of a report's checks.
type CheckCounts struct {
	Pass    int `json:"pass"`
	Fail    int `json:"fail"`
	Skipped int `json:"skipped"`
	Info    int `json:"info"`
}

func countChecks(cs []schema.Check) CheckCounts {
	var c CheckCounts
	for _, ch := range cs {
		switch ch.Status {
		case schema.CheckPass:
			c.Pass++
		case schema.CheckFail:
			c.Fail++
		case schema.CheckSkipped:
			c.Skipped++
		case schema.CheckInfo:
			c.Info++
		}
	}
	return c
}

// Summary is the tally of a batch.
type Summary struct {
	Files, OK, Partial, Failed, Unchanged int
	Tables                                int
	Checks                                CheckCounts
	InputErrors                           []string // paths that could not be walked or read
	Pruned                                int      // inputs gone, removed with --prune
	Elapsed                               time.Duration
	Compaction                            CompactSummary // at the end of the run
}

func (s *Summary) add(o *Outcome) {
	s.Files++
	switch o.Status {
	case schema.StatusOK:
		s.OK++
	case schema.StatusPartial:
		s.Partial++
	default:
		s.Failed++
	}
	if o.Skipped {
		s.Unchanged++
	}
	s.Tables += o.Tables
	s.Checks.Pass += o.Checks.Pass
	s.Checks.Fail += o.Checks.Fail
	s.Checks.Skipped += o.Checks.Skipped
	s.Checks.Info += o.Checks.Info
}

// AllConverted reports whether every input converted (exit status 0).
func (s Summary) AllConverted() bool {
	return s.Failed == 0 && s.Partial == 0 && len(s.InputErrors) == 0
}

// String is the one-line summary a run ends with.
func (s Summary) String() string {
	pruned := ""
	if s.Pruned > 0 {
		pruned = fmt.Sprintf(", %d gone inputs pruned", s.Pruned)
	}
	return fmt.Sprintf("%d reports (%d ok, %d partial, %d failed; %d unchanged)%s, %d tables, checks %d passed / %d failed / %d skipped / %d info, %.1fs",
		s.Files, s.OK, s.Partial, s.Failed, s.Unchanged, pruned, s.Tables, s.Checks.Pass, s.Checks.Fail, s.Checks.Skipped, s.Checks.Info, s.Elapsed.Seconds())
}

// maxLoggedWarnings bounds a file event: a damaged file can warn per object.
const maxLoggedWarnings = 5

func (r *Runner) logOutcome(o *Outcome) {
	r.logMu.Lock()
	defer r.logMu.Unlock()
	ev := r.cfg.log.Info()
	if o.Status != schema.StatusOK {
		// An error: the run exits 1 for it, so even --quiet shows it.
		ev = r.cfg.log.Error()
	}
	ev = ev.Str("path", o.Path).Str("status", o.Status).Int("tables", o.Tables).
		Int("checks_failed", o.ChecksFailed).Int64("ms", o.Elapsed.Milliseconds())
	if o.ReportID != "" {
		ev = ev.Str("report_id", o.ReportID)
	}
	if o.Skipped {
		ev = ev.Bool("unchanged", true)
	}
	if o.Error != "" {
		ev = ev.Str("error", o.Error)
	}
	if len(o.Warnings) > 0 {
		ev = ev.Strs("warnings", o.Warnings[:min(len(o.Warnings), maxLoggedWarnings)]).Int("warnings_total", len(o.Warnings))
	}
	ev.Msg("file")
}

type counter struct{ n atomic.Int64 }

func (c *counter) add(d int64) { c.n.Add(d) }
func (c *counter) get() int64  { return c.n.Load() }

// StatusLine keeps a status in the last line of a terminal and writes log
// lines above it, so that the two never overwrite each other.
type StatusLine struct {
	mu     sync.Mutex
	w      io.Writer
	status string
}

// NewStatusLine draws on w, a terminal.
func NewStatusLine(w io.Writer) *StatusLine { return &StatusLine{w: w} }

const clearLine = "\r\033[K"

// Write puts p (whole log lines) above the status line.
func (s *StatusLine) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.status != "" {
		io.WriteString(s.w, clearLine)
	}
	n, err := s.w.Write(p)
	if s.status != "" {
		io.WriteString(s.w, s.status)
	}
	return n, err
}

func (s *StatusLine) set(status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = status
	io.WriteString(s.w, clearLine+status)
}

// done leaves the last status on screen and moves below it.
func (s *StatusLine) done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.status != "" {
		io.WriteString(s.w, "\n")
	}
	s.status = ""
}

// progress draws one updating line: files done/found, rate, failures, ETA.
type progress struct {
	line  *StatusLine
	found *counter
	start time.Time
	last  time.Time
}

func newProgress(line *StatusLine, found *counter, start time.Time) *progress {
	return &progress{line: line, found: found, start: start}
}

// update redraws at most every 100 ms. Called with the summary locked.
func (p *progress) update(s *Summary) {
	if p.line == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.draw(s)
}

func (p *progress) draw(s *Summary) {
	el := time.Since(p.start).Seconds()
	rate := float64(s.Files) / max(el, 1e-9)
	found := p.found.get()
	eta := "?"
	if rate > 0 && found >= int64(s.Files) {
		eta = time.Duration(float64(found-int64(s.Files)) / rate * float64(time.Second)).Round(time.Second).String()
	}
	// The summary's words: a partial report is not a failed one.
	p.line.set(fmt.Sprintf("%d/%d files  %.1f/s  %d ok, %d partial, %d failed  ETA %s", s.Files, found, rate, s.OK, s.Partial, s.Failed, eta))
}

func (p *progress) finish(s *Summary) {
	if p.line == nil {
		return
	}
	p.draw(s)
	p.line.done()
}
