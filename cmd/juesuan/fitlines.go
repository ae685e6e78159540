package main

import (
	"bytes"
	"io"
	"time"
	"unicode/utf8"

	"github.com/rs/zerolog"

	"golang.org/x/text/width"
)

// consoleWidth is the most columns a console log line takes: a file's line
// must not wrap on a usual terminal. A longer line (a long error) goes on
// over indented lines of its own, never cut: the reader needs all of it.
const consoleWidth = 120

// fileConsole writes the per-file events on a console, one line of at most
// cols columns each: the fields that identify the file first, so that a
// long error is what gets cut; without the report ID (the path names the
// file) and the warnings (counted in warnings_total).
func fileConsole(w io.Writer, cols int) zerolog.ConsoleWriter {
	return zerolog.ConsoleWriter{
		Out:           fitLines{w, cols},
		TimeFormat:    time.TimeOnly,
		FieldsOrder:   []string{"path", "status", "tables", "checks_failed", "ms", "unchanged", "err", "warnings_total"},
		FieldsExclude: []string{"report_id", "warnings"},
		// ConsoleWriter moves a field named error to the front of the
		// line, where cutting it would cut the path.
		FormatPrepare: func(evt map[string]any) error {
			if p, ok := evt["path"].(string); ok {
				evt["path"] = shortenPath(p, maxPathCols)
			}
			if evt["status"] == "failed" { // nothing was read: room for why
				delete(evt, "tables")
				delete(evt, "checks_failed")
			}
			if e, ok := evt["error"]; ok {
				delete(evt, "error")
				evt["err"] = e
			}
			return nil
		},
	}
}

// maxPathCols bounds the path on a file's console line, leaving room for
// its error.
const maxPathCols = 40

// shortenPath keeps the end of a long path (the file's name), replacing
// what it drops with "..." (ASCII, so the console does not quote the path).
func shortenPath(p string, cols int) string {
	if displayCols([]byte(p)) <= cols {
		return p
	}
	rs := []rune(p)
	used := 3 // the ellipsis
	i := len(rs)
	for i > 0 && used+runeCols(rs[i-1]) <= cols {
		i--
		used += runeCols(rs[i])
	}
	return "..." + string(rs[i:])
}

// fitLines breaks each line written through it into lines of at most
// cols terminal columns (East Asian wide characters count two; colour
// escapes none), the ones after the first indented: nothing is cut, so
// the terminal's own wrapping never splits a wide character or a colour.
type fitLines struct {
	w    io.Writer
	cols int
}

func (f fitLines) Write(p []byte) (int, error) {
	var out bytes.Buffer
	for rest := p; len(rest) > 0; {
		line := rest
		i := bytes.IndexByte(rest, '\n')
		if i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		out.Write(fitLine(line, f.cols))
		if i >= 0 {
			out.WriteByte('\n')
		}
	}
	if _, err := f.w.Write(out.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// continuation starts each line a long line goes on over.
const continuation = "    "

// fitLine breaks line into lines of at most cols columns, the ones after
// the first starting with continuation, escape sequences kept whole.
func fitLine(line []byte, cols int) []byte {
	if displayCols(line) <= cols {
		return line
	}
	var out []byte
	used := 0
	for i := 0; i < len(line); {
		if n := escapeLen(line[i:]); n > 0 {
			out = append(out, line[i:i+n]...)
			i += n
			continue
		}
		r, n := utf8.DecodeRune(line[i:])
		w := runeCols(r)
		if used+w > cols {
			out = append(out, '\n')
			out = append(out, continuation...)
			used = len(continuation)
		}
		out = append(out, line[i:i+n]...)
		used += w
		i += n
	}
	return out
}

func displayCols(line []byte) int {
	n := 0
	for i := 0; i < len(line); {
		if e := escapeLen(line[i:]); e > 0 {
			i += e
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		n += runeCols(r)
		i += size
	}
	return n
}

func runeCols(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// escapeLen is the length of an ANSI CSI sequence (ESC [ … final byte) at
// the start of b, or 0.
func escapeLen(b []byte) int {
	if len(b) < 2 || b[0] != 0x1b || b[1] != '[' {
		return 0
	}
	for i := 2; i < len(b); i++ {
		if b[i] >= 0x40 && b[i] <= 0x7e {
			return i + 1
		}
	}
	return 0
}
