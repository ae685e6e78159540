package normalize

import (
	"fmt"
	"strings"
)

// CellError is a cell that could not be read: an amount that is no figure,
// a figure with more than two decimals, a malformed subject code. The cell
// becomes a null amount (or a null code) and the rest of the report goes on;
// the caller decides whether the report is partial.
type CellError struct {
	Page   int    // 1-based page the row is printed on
	Table  string // table ID, e.g. T02
	Row    string // row number in the logical table and its label, e.g. `12 (行政运行)`
	Column string // printed column label and key, e.g. `财政拨款收入 (fiscal_appropriation)`
	Text   string // the cell as printed
	Err    error
}

func (e *CellError) Error() string {
	// The cause quotes the cell text already.
	return fmt.Sprintf("page %d, table %s, row %s, column %s: %v",
		e.Page, e.Table, e.Row, e.Column, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// TableError is a problem of a whole table, e.g. a unit that is neither
// printed nor known for the document.
type TableError struct {
	Table string // table ID
	Title string // title as printed
	Pages []int
	Err   error
}

func (e *TableError) Error() string {
	pages := make([]string, len(e.Pages))
	for i, p := range e.Pages {
		pages[i] = fmt.Sprint(p)
	}
	return fmt.Sprintf("table %s %s (pages %s): %v", e.Table, e.Title, strings.Join(pages, ", "), e.Err)
}

func (e *TableError) Unwrap() error { return e.Err }
