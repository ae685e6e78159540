package main

import (
	"fmt"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
)

// errChecksFailed ends a --fail-on-checks run in which every input
// converted but an accounting identity did not hold: exit status 1, for
// pipelines that gate on the arithmetic of the reports.
type errChecksFailed struct{ n int }

func (e errChecksFailed) Error() string {
	return fmt.Sprintf("%d accounting checks failed (--fail-on-checks); list them with juesuan inspect or the checks dataset", e.n)
}

// convertOutcome is convert's result: a fatal error, errSomeFailed when an
// input did not convert, errChecksFailed when asked to gate on checks.
func convertOutcome(err error, sum batch.Summary, failOnChecks bool) error {
	switch {
	case err != nil:
		return err
	case !sum.AllConverted():
		return errSomeFailed
	case failOnChecks && sum.Checks.Fail > 0:
		return errChecksFailed{sum.Checks.Fail}
	}
	return nil
}

// summaryEvent reports whether the closing summary is logged on stderr
// besides its line on stdout: not when both are the same terminal, where
// a person would read it twice.
func summaryEvent(stderrConsole, stdoutTerminal bool) bool {
	return !(stderrConsole && stdoutTerminal)
}
