package juesuan

import (
	"fmt"
	"regexp"

	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// The accounting identities judge what OCR read. A report read by OCR is
// ok only when every identity holds; the cells of a table one of whose
// identities fails are marked (line_items.ocr_suspect); and where reading
// one digit of one figure differently would make every identity hold, a
// check names that reading. No figure is ever changed: the datasets keep
// what was read.

// tableRef finds the table IDs a check concerns in its ID or location.
var tableRef = regexp.MustCompile(`\b[TB]\d\d\b`)

// maxCandidates bounds the one-digit readings tried (each reruns the
// checks).
const maxCandidates = 400

func judgeOCR(res *Result, found []tables.Table, read map[int]*ocr.Page) {
	failedTables := map[string]bool{}
	var failed []schema.Check
	for _, c := range res.Checks {
		if c.Status != schema.CheckFail {
			continue
		}
		failed = append(failed, c)
		for _, id := range tableRef.FindAllString(c.CheckID+" "+c.Location, -1) {
			failedTables[id] = true
		}
	}
	for i := range res.LineItems {
		it := &res.LineItems[i]
		if read[int(it.Page)] == nil {
			continue
		}
		suspect := failedTables[it.TableID]
		it.OCRSuspect = &suspect
	}
	if len(failed) == 0 {
		return
	}
	setPartial(res, fmt.Sprintf("the report was read by OCR and %d accounting identities fail: a figure may be misread (the cells of the tables concerned are marked in line_items.ocr_suspect); check them against the scan", len(failed)))
	res.Checks = append(res.Checks, digitCandidates(res, found, read, failed, failedTables)...)
}

// digitCandidates tries, for each figure read by OCR in a table with a
// failed identity, the readings that differ from it in one digit by
// exactly the difference of a failed identity, and reports those with
// which every identity holds.
func digitCandidates(res *Result, found []tables.Table, read map[int]*ocr.Page, failed []schema.Check, failedTables map[string]bool) []schema.Check {
	var diffs []int64
	for _, c := range failed {
		if c.Diff != nil && *c.Diff != 0 {
			diffs = append(diffs, *c.Diff, -*c.Diff)
		}
	}
	items := res.LineItems
	var out []schema.Check
	tried := 0
	for i := range items {
		it := items[i]
		if it.Amount == nil || read[int(it.Page)] == nil || !failedTables[it.TableID] {
			continue
		}
		v := *it.Amount
		for _, d := range diffs {
			alt, ok := oneDigitAway(v, d, int(it.DroppedDecimals))
			if !ok || tried >= maxCandidates {
				continue
			}
			tried++
			trial := append([]schema.LineItem(nil), items...)
			trial[i].Amount = &alt
			if it.AmountYuan != nil && v != 0 {
				y := *it.AmountYuan / v * alt
				trial[i].AmountYuan = &y
			}
			if allHold(check.Run(res.Report.ReportID, res.Report.FiscalYear, found, trial)) {
				diff := alt - v
				out = append(out, schema.Check{
					ReportID:   res.Report.ReportID,
					FiscalYear: res.Report.FiscalYear,
					CheckID:    "OCR.one_digit",
					Description: fmt.Sprintf("read by OCR as %s; read as %s (one digit different) every identity would hold; the figure is kept as read: check it against the scan",
						schema.FromCents(v).StringFixed(2), schema.FromCents(alt).StringFixed(2)),
					Expected: &alt, Actual: ptrInt(v), Diff: &diff,
					Status:   schema.CheckInfo,
					Location: fmt.Sprintf("%s row %d %s (page %d)", it.TableID, it.RowSeq, it.ColumnKey, it.Page),
				})
			}
		}
	}
	return out
}

func ptrInt(v int64) *int64 { return &v }

func allHold(cs []schema.Check) bool {
	for _, c := range cs {
		if c.Status == schema.CheckFail {
			return false
		}
	}
	return true
}

// oneDigitAway returns v + d when that changes exactly one printed digit
// of v (in hundredths; the dropped decimals are not printed), keeping its
// sign and its number of digits.
func oneDigitAway(v, d int64, dropped int) (int64, bool) {
	if d == 0 {
		return 0, false
	}
	a, dd := v, d
	if v < 0 {
		a, dd = -v, -d
	}
	p := int64(1)
	for dd%(p*10) == 0 {
		p *= 10
	}
	k := dd / p
	if k < -9 || k > 9 || p > a {
		return 0, false
	}
	for range dropped {
		if p%10 != 0 {
			return 0, false // a decimal place the figure does not print
		}
		p /= 10
	}
	p = dd / k // the place of the digit, in hundredths
	digit := (a / p) % 10
	if nd := digit + k; nd < 0 || nd > 9 {
		return 0, false
	}
	na := a + dd
	if digits(na) != digits(a) {
		return 0, false
	}
	if v < 0 {
		return -na, true
	}
	return na, true
}

func digits(v int64) int {
	n := 1
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}
