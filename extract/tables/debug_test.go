package tables

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/grid"
)

// TestDumpGrid prints the grids of one page (JUESUAN_DUMP file, JUESUAN_PAGE n).
func TestDumpGrid(t *testing.T) {
	name, pg := os.Getenv("JUESUAN_DUMP"), os.Getenv("JUESUAN_PAGE")
	if name == "" || pg == "" {
		t.Skip("set JUESUAN_DUMP and JUESUAN_PAGE")
	}
	n, _ := strconv.Atoi(pg)
	pages := loadReal(t, name)
	lay := grid.Analyze(pages[n-1])
	for _, l := range lay.Text {
		fmt.Printf("TEXT y=%.1f-%.1f x=%.1f-%.1f %q\n", l.Y0, l.Y1, l.X0, l.X1, l.Text)
	}
	for _, g := range lay.Grids {
		fmt.Printf("GRID %dx%d xs=%.1f ys=%.1f\n", g.Rows(), g.Cols(), g.Xs, g.Ys)
		for _, c := range g.Cells {
			fmt.Printf("  r%d c%d %dx%d %q\n", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text)
		}
	}
}

// TestDumpAll lists the tables found in every corpus PDF (JUESUAN_ALL=1).
func TestDumpAll(t *testing.T) {
	if os.Getenv("JUESUAN_ALL") == "" {
		t.Skip("set JUESUAN_ALL=1")
	}
	entries, _ := os.ReadDir(corpusDir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".pdf") {
			continue
		}
		ts, errs := Find(loadReal(t, e.Name()))
		var ids []string
		for _, tb := range ts {
			ids = append(ids, fmt.Sprintf("%s%v/%d", tb.ID, tb.Pages, len(tb.Rows)))
		}
		fmt.Printf("%s: %v errs=%v\n", e.Name(), ids, errs)
	}
}
