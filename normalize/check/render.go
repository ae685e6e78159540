package check

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/juesuan/juesuan/schema"
)

// Summary counts checks by status.
func Summary(cs []schema.Check) (pass, fail, skipped, info int) {
	for _, c := range cs {
		switch c.Status {
		case schema.CheckPass:
			pass++
		case schema.CheckFail:
			fail++
		case schema.CheckSkipped:
			skipped++
		case schema.CheckInfo:
			info++
		}
	}
	return pass, fail, skipped, info
}

// Render prints checks as an aligned text table for `juesuan inspect
// --checks`, followed by the counts. With onlyFailed, rows that passed are
// left out (failures, skips and info remain: each needs a look).
func Render(w io.Writer, cs []schema.Check, onlyFailed bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tCHECK\tEXPECTED\tACTUAL\tDIFF\tTOL\tLOCATION")
	for _, c := range cs {
		if onlyFailed && c.Status == schema.CheckPass {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Status, c.CheckID,
			amount(c.Expected), amount(c.Actual), amount(c.Diff), amount(c.Tolerance), c.Location)
		if c.Status != schema.CheckPass {
			fmt.Fprintf(tw, "\t\t\t\t\t\t  %s\n", c.Description)
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("render checks: %w", err)
	}
	p, f, s, i := Summary(cs)
	if _, err := fmt.Fprintf(w, "%d checks: %d pass, %d fail, %d skipped, %d info\n", len(cs), p, f, s, i); err != nil {
		return fmt.Errorf("render checks: %w", err)
	}
	return nil
}

func amount(c *int64) string {
	if c == nil {
		return "-"
	}
	return schema.FromCents(*c).StringFixed(2)
}
