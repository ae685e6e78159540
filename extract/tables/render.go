package tables

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// displayWidth counts terminal columns: East Asian wide and full-width
// characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func pad(s string, w int, right bool) string {
	gap := w - displayWidth(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// PageRanges writes ascending page numbers with runs as ranges: "1-3,5".
func PageRanges(pages []int) string {
	var b strings.Builder
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, pages[i])
		if j > i {
			fmt.Fprintf(&b, "-%d", pages[j])
		}
		i = j + 1
	}
	return b.String()
}

// Render prints a table for a person to compare with the PDF: its ID, title,
// pages, unit, columns (key and printed label) and the rows aligned, one
// block per section.
func Render(w io.Writer, t Table) error {
	ew := &errWriter{w: w}
	ew.printf("== %s %s\n", t.ID, t.Title)
	ew.printf("pages: %s   unit: %s", PageRanges(t.Pages), orDash(t.Unit))
	if t.Marker != "" {
		ew.printf("   marker: %s", t.Marker)
	}
	if t.Department != "" || t.Year != "" {
		ew.printf("   department: %s   year: %s", orDash(t.Department), orDash(t.Year))
	}
	if t.Empty {
		ew.printf("   EMPTY")
	}
	ew.printf("\ncolumns:\n")
	for _, c := range t.Columns {
		sec := ""
		if c.Section != "" {
			sec = c.Section + "."
		}
		ew.printf("  %s%s = %s\n", sec, c.Key, c.Label)
	}
	// Rows grouped by section so that each block has one column set.
	var order []string
	bySection := map[string][]Row{}
	for _, r := range t.Rows {
		if _, ok := bySection[r.Section]; !ok {
			order = append(order, r.Section)
		}
		bySection[r.Section] = append(bySection[r.Section], r)
	}
	for _, sec := range order {
		renderBlock(ew, &t, sec, bySection[sec])
	}
	ew.printf("\n")
	return ew.err
}

func renderBlock(ew *errWriter, t *Table, sec string, rows []Row) {
	if sec != "" {
		ew.printf("-- %s\n", sec)
	}
	head := []string{"page", "line", "code", "item"}
	right := []bool{true, false, false, false} // figures right-aligned, words left
	for _, c := range rows[0].Cells {
		head = append(head, c.Key)
		right = append(right, !t.isTextColumn(sec, c.Key))
	}
	table := [][]string{head}
	for _, r := range rows {
		line := []string{fmt.Sprint(r.Page), r.LineNo, strings.Join(r.Code, "|"), r.Item}
		for _, c := range r.Cells {
			line = append(line, c.Text)
		}
		table = append(table, line)
	}
	widths := make([]int, len(head))
	for _, line := range table {
		for i, s := range line {
			if i < len(widths) && displayWidth(s) > widths[i] {
				widths[i] = displayWidth(s)
			}
		}
	}
	for _, line := range table {
		var b strings.Builder
		for i, s := range line {
			if i >= len(widths) {
				break
			}
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(pad(s, widths[i], right[i]))
		}
		ew.printf("%s\n", strings.TrimRight(b.String(), " "))
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
