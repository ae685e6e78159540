package tables

import (
	"strings"

	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// A continuation page laid out on its own (an HTML or word-processor export
// sizing columns per page, a table typed again per page) prints the same
// columns as the table's first page with its inner borders elsewhere. Its
// columns are matched by what they print: the header text and column count,
// the 栏次 numbers, the kind of text below; where the borders agree too
// (sameStructure), geometry decides as it always did.

// columnsOf maps g's atomic columns to the layout's (mapColumns), reading
// from row start (meta rows already skipped). ok is false when g does not
// print the table's columns.
func (b *builder) columnsOf(g *grid.Grid, start int, tol float64) (colMap []int, ok bool) {
	if dx, ok := sameStructure(b.lay, g, tol); ok {
		colMap = mapColumns(b.lay, g, dx)
		return colMap, !b.otherHeader(g, start, colMap)
	}
	if !b.sameColumnsPrinted(g, start) {
		return nil, false
	}
	colMap = make([]int, g.Cols())
	for c := range colMap {
		colMap[c] = c
	}
	return colMap, true
}

// sameColumnsPrinted reports whether g, with as many atomic columns as the
// layout, prints the table's columns: the same header over each column
// (and the same 栏次 numbers where both print them) when g repeats the
// header; without a header, figures only under value columns and at least
// one of them.
func (b *builder) sameColumnsPrinted(g *grid.Grid, start int) bool {
	lay := b.lay
	if g.Cols() != len(lay.cols) || len(lay.heads) != len(lay.cols) {
		return false
	}
	h := headerRows(g, start)
	if h == start {
		return figuresFit(lay, g, start)
	}
	if !b.printsHeader(g, start) {
		return false // words over the columns, not the table's
	}
	nums := columnNumbers(g, start, h)
	for c := range nums {
		if nums[c] != "" && lay.numbers[c] != "" && nums[c] != lay.numbers[c] {
			return false
		}
	}
	heads := headsOf(columnPaths(g, start, h))
	if strings.Join(heads, "") == "" { // only the 栏次 row repeated
		return figuresFit(lay, g, h)
	}
	for c := range heads {
		if heads[c] != lay.heads[c] {
			return false
		}
	}
	return true
}

// otherHeader reports whether the rows of g above its first data row print,
// over a value column, words that are not the table's header: the borders
// agree, what is printed over them does not.
func (b *builder) otherHeader(g *grid.Grid, start int, colMap []int) bool {
	for r := start; r < headerRows(g, start); r++ {
		if isColumnNumberRow(rowTexts(g, r)) {
			continue
		}
		for _, cell := range g.RowCells(r) {
			if cell.Row != r || colMap[cell.Col] < 0 || b.lay.cols[colMap[cell.Col]].role != roleValue {
				continue
			}
			if t := textfold.Key(cell.Text); t != "" && !b.lay.words[t] && !isDataText(t) && !isZeroText(t) && !isEmptyNote(t) {
				return true
			}
		}
	}
	return false
}

// printsHeader reports whether row start of g is a row of the table's
// header or its 栏次 row.
func (b *builder) printsHeader(g *grid.Grid, start int) bool {
	texts := rowTexts(g, start)
	return isColumnNumberRow(texts) || looksLikeHeader(&b.t, b.lay, texts)
}

// figuresFit reports whether the body of g, column by column, prints
// amounts only where the layout has value columns, and at least one.
func figuresFit(lay *layout, g *grid.Grid, start int) bool {
	amounts := 0
	for r := start; r < g.Rows(); r++ {
		for _, cell := range g.RowCells(r) {
			if cell.Row != r || cell.ColSpan != 1 {
				continue
			}
			t := textfold.Key(cell.Text)
			if t == "" {
				continue
			}
			switch {
			case lay.cols[cell.Col].role == roleValue:
				// Whole amounts too (1234): under a value column a number
				// is an amount.
				if amountRe.MatchString(t) {
					amounts++
				} else if !isZeroText(t) && !isEmptyNote(t) {
					return false
				}
			case isDecimal(t) || isThousands(t):
				return false // a figure under a code, label or 行次 column
			}
		}
	}
	return amounts > 0
}

// headsOf joins each column's header path as matched.
func headsOf(paths [][]string) []string {
	out := make([]string, len(paths))
	for c, p := range paths {
		parts := make([]string, len(p))
		for i, w := range p {
			parts[i] = textfold.Key(w)
		}
		out[c] = strings.Join(parts, "/")
	}
	return out
}

// columnNumbers returns the 栏次 number printed over each atomic column of
// rows [start, h), "" where none.
func columnNumbers(g *grid.Grid, start, h int) []string {
	out := make([]string, g.Cols())
	for r := start; r < h; r++ {
		if !isColumnNumberRow(rowTexts(g, r)) {
			continue
		}
		for c := range out {
			if cell := g.At(r, c); cell != nil && cell.Col == c {
				if t := textfold.Key(cell.Text); isColumnNumber(t) {
					out[c] = t
				}
			}
		}
	}
	return out
}
