package juesuan

import "github.com/juesuan/juesuan/schema"

// The status rules of a report: ok until something read is missing or
// doubtful (partial, each reason added to its error), failed when nothing
// could be read (then it keeps no rows).

// maxNamed bounds how many cell errors a report's error names in full.
const maxNamed = 5

// failWith fails a report with err, keeping the reasons it already had.
func failWith(res *Result, err error) *Result {
	msg := err.Error()
	if res.Report.Error != nil {
		// What was already wrong (a damaged or hostile page, a truncation)
		// may be why it failed: say it too.
		msg += "; besides: " + *res.Report.Error
	}
	res.Report.Status, res.Report.Error = schema.StatusFailed, &msg
	res.LineItems, res.Checks, res.CheckCells, res.Statements = nil, nil, nil, nil
	res.Err = err
	return res
}

// setPartial marks a report partial (unless it already failed) and adds a
// reason to its error.
func setPartial(res *Result, reason string) {
	if res.Report.Status == schema.StatusOK {
		res.Report.Status = schema.StatusPartial
	}
	if res.Report.Error == nil {
		res.Report.Error = &reason
		return
	}
	joined := *res.Report.Error + "; " + reason
	res.Report.Error = &joined
}

// countChecks names the report on its checks and counts the failed ones.
func countChecks(res *Result) *Result {
	nameReport(res.Checks, res.Report)
	for _, c := range res.Checks {
		if c.Status == schema.CheckFail {
			res.Report.ChecksFailed++
		}
	}
	return res
}
