package main

import (
	"fmt"
	"io"

	"github.com/juesuan/juesuan"
)

// writeLedger prints a figure ledger of a report's tables: how many
// figures they print, and each figure that landed in no cell or in two,
// by page, where it is printed and why, for a person to find on the page.
func writeLedger(w io.Writer, l juesuan.FigureLedger) {
	fmt.Fprintf(w, "ledger   %d figures printed in the tables, %d unplaced\n", l.Printed, len(l.Unplaced))
	for _, u := range l.Unplaced {
		fmt.Fprintf(w, "unplaced %s page %d: %s at x=%.0f,y=%.0f, %s\n", u.TableID, u.Page, u.Text, u.X, u.Y, u.Why)
	}
}
