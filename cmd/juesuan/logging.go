package main

import (
	"flag"
	"io"
	"os"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/term"
)

// logFlags are the logging options every command takes.
type logFlags struct {
	level string
}

func (l *logFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.level, "log-level", "info", "log `level`: debug, info, warn, error")
}

// newLogger writes JSON lines to w, or the human console format when
// console is set (w is, or draws on, a terminal).
func (l *logFlags) newLogger(w io.Writer, console bool) (zerolog.Logger, error) {
	level, err := zerolog.ParseLevel(l.level)
	if err != nil || l.level == "" {
		return zerolog.Nop(), usagef("--log-level: unknown level %q (want debug, info, warn or error)", l.level)
	}
	out := w
	if console {
		out = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
	}
	return zerolog.New(out).Level(level).With().Timestamp().Logger(), nil
}

// isTerminal reports whether w is a terminal (logs and progress change form).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
