package main

import (
	"fmt"
	"io"

	"github.com/juesuan/juesuan/extract/tables"
)

// writeLedger prints the figure ledger of a report's tables: how many
// figures they print, and each figure that landed in no cell or in two,
// by page, where it is printed and why, for a person to find on the page.
func writeLedger(w io.Writer, ts []tables.Table) {
	printed, unplaced := 0, 0
	for _, t := range ts {
		printed += t.Ledger.Printed
		unplaced += len(t.Ledger.Unplaced)
	}
	fmt.Fprintf(w, "ledger   %d figures printed in the tables, %d unplaced\n", printed, unplaced)
	for _, t := range ts {
		for _, u := range t.Ledger.Unplaced {
			fmt.Fprintf(w, "unplaced %s page %d: %s at x=%.0f,y=%.0f, %s\n", t.ID, u.Page, u.Text, u.X, u.Y, u.Why)
		}
	}
}
