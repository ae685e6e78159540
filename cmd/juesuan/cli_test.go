package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

var fixtures = filepath.Join("..", "..", "fixtures")

func TestHelpOfEachCommand(t *testing.T) {
	for _, cmd := range []string{"convert", "inspect", "export", "version"} {
		viaHelp, _, err := runCmd(t, "help", cmd)
		if err != nil {
			t.Fatalf("help %s: %v", cmd, err)
		}
		viaFlag, _, err := runCmd(t, cmd, "--help")
		if err != nil {
			t.Fatalf("%s --help: %v", cmd, err)
		}
		if viaHelp != viaFlag || !strings.HasPrefix(viaHelp, "Usage: juesuan "+cmd) {
			t.Errorf("help %s and %s --help differ or lack the synopsis:\n%s\n---\n%s", cmd, cmd, viaHelp, viaFlag)
		}
		for _, line := range strings.Split(viaHelp, "\n") {
			f := strings.Fields(line)
			if len(f) > 0 && strings.HasPrefix(f[0], "-") && !strings.HasPrefix(f[0], "--") && len(f[0]) > 2 {
				t.Errorf("%s help writes a long flag with one dash: %q", cmd, line)
			}
		}
	}
	out, _, _ := runCmd(t, "help", "convert")
	for _, want := range []string{"--timeout LIMIT", "--fail-on-checks", "-j N", "-o FOLDER", "one per CPU"} {
		if !strings.Contains(out, want) {
			t.Errorf("convert help lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := runCmd(t, "help", "frobnicate"); exitCode(err) != 2 {
		t.Errorf("help of an unknown command: %v, want exit 2", err)
	}
}

func TestVersionFlags(t *testing.T) {
	for _, arg := range []string{"--version", "-v", "version"} {
		out, _, err := runCmd(t, arg)
		if err != nil || !strings.HasPrefix(out, "juesuan "+version+" (") {
			t.Errorf("juesuan %s printed %q, %v", arg, out, err)
		}
	}
}

// TestUsageErrorIsOneLine: bad usage prints what is wrong and where the
// help is, not the flag list.
func TestUsageErrorIsOneLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // in the first line
		help string
	}{
		{[]string{"convert", "--bogus", "x.pdf"}, "--bogus", "see 'juesuan convert --help'"},
		{[]string{"convert"}, "no PATH", "see 'juesuan convert --help'"},
		{[]string{"convert", "--timeout", "5", "x.pdf"}, "write 5s", "see 'juesuan convert --help'"},
		{[]string{"convert", "--timeout", "soon", "x.pdf"}, "90s", "see 'juesuan convert --help'"},
		{[]string{"inspect", "--format", "xml", "a.pdf"}, "--format", "see 'juesuan inspect --help'"},
		{[]string{"export", "--table", "T10", "a.pdf"}, "--table", "see 'juesuan export --help'"},
		{[]string{"frobnicate"}, "unknown command", "see 'juesuan --help'"},
	} {
		stdout, stderr, err := runCmd(t, tc.args...)
		if exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", tc.args, exitCode(err), err)
			continue
		}
		var msg bytes.Buffer
		printError(&msg, err)
		lines := strings.Split(strings.TrimSuffix(msg.String(), "\n"), "\n")
		if len(lines) != 2 || !strings.Contains(lines[0], tc.want) || lines[1] != tc.help {
			t.Errorf("%v: printed\n%s\nwant one line with %q, then %q", tc.args, msg.String(), tc.want, tc.help)
		}
		if stdout != "" || stderr != "" {
			t.Errorf("%v: printed more than the error: stdout %q stderr %q", tc.args, stdout, stderr)
		}
	}
}

func TestQuietPrintsNothingButErrors(t *testing.T) {
	sample := filepath.Join(fixtures, "sample.pdf")
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, err := runCmd(t, "convert", "--quiet", "-o", out, sample)
	if err != nil || stdout != "" || stderr != "" {
		t.Errorf("--quiet: %v, stdout %q, stderr %q; want nothing", err, stdout, stderr)
	}
	stdout, stderr, err = runCmd(t, "convert", "--force", "-o", out, sample)
	if err != nil || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "1 reports (1 ok") {
		t.Errorf("without --quiet: %v, stdout %q; want the one summary line", err, stdout)
	}
	if !strings.Contains(stderr, `"message":"summary"`) || !strings.Contains(stderr, `"checks_info"`) {
		t.Errorf("JSON logs lack the summary event with every check status: %s", stderr)
	}
	// An input that fails is an error: still printed under --quiet.
	bad := filepath.Join(fixtures, "bad", "empty.pdf")
	_, stderr, err = runCmd(t, "convert", "--quiet", "-o", out, bad)
	if exitCode(err) != 1 || !strings.Contains(stderr, "empty") {
		t.Errorf("--quiet with a failing input: %v, stderr %q; want exit 1 and the error", err, stderr)
	}
}

func TestSummaryShownOnceOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		stderrConsole, stdoutTerminal, event bool
	}{
		{true, true, false}, // both on the terminal: the stdout line only
		{true, false, true}, // stdout redirected: the terminal shows the event
		{false, true, true}, // JSON logs keep the event for machines
		{false, false, true},
	} {
		if got := summaryEvent(tc.stderrConsole, tc.stdoutTerminal); got != tc.event {
			t.Errorf("summaryEvent(%v, %v) = %v, want %v", tc.stderrConsole, tc.stdoutTerminal, got, tc.event)
		}
	}
}

func TestFailOnChecks(t *testing.T) {
	doctored := filepath.Join(fixtures, "sh2024_lo_split_doctored.pdf")
	out := filepath.Join(t.TempDir(), "out")
	stdout, _, err := runCmd(t, "convert", "-o", out, doctored)
	if err != nil || strings.Contains(stdout, "/ 0 failed /") {
		t.Fatalf("the doctored fixture converts (exit 0) with failed checks: %v, %s", err, stdout)
	}
	_, _, err = runCmd(t, "convert", "--fail-on-checks", "-o", out, doctored)
	var ce errChecksFailed
	if exitCode(err) != 1 || !errors.As(err, &ce) || ce.n == 0 {
		t.Errorf("--fail-on-checks with failed checks: %v, want exit 1", err)
	}
	_, _, err = runCmd(t, "convert", "--fail-on-checks", "-o", out, filepath.Join(fixtures, "sample.pdf"))
	if err != nil {
		t.Errorf("--fail-on-checks when every check holds: %v, want exit 0", err)
	}
}

// TestFileLineFitsTheConsole: a file event, long path and long error
// included, takes at most 120 columns on a terminal, colours and wide
// characters counted as the terminal shows them.
func TestFileLineFitsTheConsole(t *testing.T) {
	var term bytes.Buffer
	log := zerolog.New(fileConsole(&term, consoleWidth))
	path := "/data/scrape/2024/上海市/普陀区/" + strings.Repeat("很长的文件夹名/", 6) + "r02_putuo_planning_2024_final.pdf"
	log.Warn().Str("path", path).Str("status", "failed").Int("tables", 0).Int("checks_failed", 0).
		Int64("ms", 12).Str("report_id", strings.Repeat("ab", 32)).
		Str("error", "no final-account (决算) tables found: "+strings.Repeat("问题 ", 40)).Msg("file")
	log.Info().Str("path", "short.pdf").Str("status", "ok").Int("tables", 9).Msg("file")
	lines := strings.Split(strings.TrimSuffix(term.String(), "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("%d lines, want the long error over several, then the short line:\n%s", len(lines), term.String())
	}
	for _, l := range lines {
		if n := displayCols([]byte(l)); n > consoleWidth {
			t.Errorf("%d columns: %s", n, l)
		}
	}
	first := lines[0]
	for _, want := range []string{"final.pdf", "status=", "failed", "err="} {
		if !strings.Contains(first, want) {
			t.Errorf("the first line lost %q: %s", want, first)
		}
	}
	whole := strings.Join(lines[:len(lines)-1], "")
	whole = strings.ReplaceAll(whole, continuation, "")
	if strings.Count(whole, "问题") != 40 {
		t.Errorf("the error is not whole: %d of its 40 words:\n%s", strings.Count(whole, "问题"), term.String())
	}
	if strings.Contains(first, "abab") || strings.Contains(first, "tables=") {
		t.Errorf("the line keeps fields that crowd out the error: %s", first)
	}
	last := lines[len(lines)-1]
	if !strings.Contains(last, "tables=") || strings.HasPrefix(last, continuation) {
		t.Errorf("a short line is broken or loses fields: %s", last)
	}
}

func TestFitLine(t *testing.T) {
	for _, tc := range []struct {
		in   string
		cols int
		want string
	}{
		{"short", 10, "short"},
		{"abcdefghij", 10, "abcdefghij"},
		{"abcdefghijk", 10, "abcdefghij\n    k"},
		{"中文中文中文", 10, "中文中文中\n    文"},
		{"中文中文中文中文", 9, "中文中文\n    中文\n    中文"},
		{"\x1b[36mabcdefghijk\x1b[0m", 10, "\x1b[36mabcdefghij\n    k\x1b[0m"},
	} {
		if got := string(fitLine([]byte(tc.in), tc.cols)); got != tc.want {
			t.Errorf("fitLine(%q, %d) = %q, want %q", tc.in, tc.cols, got, tc.want)
		}
	}
}
