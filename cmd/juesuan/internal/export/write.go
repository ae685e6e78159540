package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// bom starts every CSV: without it Excel reads UTF-8 as the local code
// page and the Chinese is garbled.
const bom = "\ufeff"

// Header says which header rows a CSV has.
type Header int

// The CSV headers.
const (
	HeaderBoth   Header = iota // the printed labels, then the keys
	HeaderKeys                 // one row of stable keys: DuckDB, pandas, csvkit type the columns
	HeaderLabels               // one row of the labels as printed
)

// ParseHeader reads --header: keys, labels or both.
func ParseHeader(s string) (Header, error) {
	switch strings.ToLower(s) {
	case "both", "":
		return HeaderBoth, nil
	case "keys":
		return HeaderKeys, nil
	case "labels":
		return HeaderLabels, nil
	}
	return 0, fmt.Errorf("--header must be keys, labels or both, not %q", s)
}

// WriteCSV writes one sheet: the byte-order mark, the header rows, the
// rows.
func WriteCSV(w io.Writer, s Sheet, h Header) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if h != HeaderKeys {
		cw.Write(s.Labels)
	}
	if h != HeaderLabels {
		cw.Write(s.Keys)
	}
	line := make([]string, len(s.Keys))
	for _, r := range s.Rows {
		for i, v := range r {
			line[i] = v.String()
		}
		cw.Write(line)
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the sheets as one workbook, a sheet per table.
func WriteXLSX(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	keyStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "808080"}})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// Built-in format 4 is #,##0.00: two decimals, as printed, with the
	// thousands separators the reports print.
	amount, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	// A code or figure that could not be read, kept as printed: yellow,
	// and a comment says why.
	unread, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}},
		Font: &excelize.Font{Color: "9C5700"}})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for i, s := range sheets {
		name := sheetName(s)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if err := writeSheet(f, name, s, head, keyStyle, amount, unread); err != nil {
			return fmt.Errorf("xlsx sheet %s: %w", name, err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

func writeSheet(f *excelize.File, name string, s Sheet, head, keyStyle, amount, unread int) error {
	if err := f.SetSheetRow(name, "A1", &s.Labels); err != nil {
		return err
	}
	if err := f.SetSheetRow(name, "A2", &s.Keys); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(s.Keys), 1)
	f.SetCellStyle(name, "A1", last, head)
	last, _ = excelize.CoordinatesToCellName(len(s.Keys), 2)
	f.SetCellStyle(name, "A2", last, keyStyle)
	cells := make([]any, len(s.Keys))
	for ri, r := range s.Rows {
		for i, v := range r {
			switch {
			case v.Cents != nil:
				cells[i] = float64(*v.Cents) / 100
			case v.Text == "":
				cells[i] = nil
			case v.IsBool:
				cells[i] = v.Text == "true"
			case v.IsCount:
				n, err := strconv.Atoi(v.Text)
				if err != nil {
					return fmt.Errorf("column %s: %q is not a whole number", s.Keys[i], v.Text)
				}
				cells[i] = n
			default:
				cells[i] = v.Text
			}
		}
		start, _ := excelize.CoordinatesToCellName(1, ri+3)
		if err := f.SetSheetRow(name, start, &cells); err != nil {
			return err
		}
	}
	for ri, r := range s.Rows {
		for i, v := range r {
			if !v.Unread {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, ri+3)
			if err := f.AddComment(name, excelize.Comment{Cell: cell, Author: "juesuan",
				Paragraph: []excelize.RichTextRun{{Text: "could not be read (无法识别): kept as printed; the value is null in the datasets"}}}); err != nil {
				return err
			}
		}
	}
	for i, k := range s.Keys {
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := 14.0
		switch k {
		case "item", "value", "source_path":
			width = 36
		case "description", "location":
			width = 60
		case "report_id":
			width = 20
		}
		f.SetColWidth(name, col, col, width)
		if i >= s.Lead && i < len(s.Keys) && isAmountColumn(s, i) && len(s.Rows) > 0 {
			f.SetCellStyle(name, col+"3", fmt.Sprintf("%s%d", col, len(s.Rows)+2), amount)
		}
	}
	for ri, r := range s.Rows {
		for i, v := range r {
			if v.Unread {
				cell, _ := excelize.CoordinatesToCellName(i+1, ri+3)
				f.SetCellStyle(name, cell, cell, unread)
			}
		}
	}
	topLeft, _ := excelize.CoordinatesToCellName(s.Lead+1, 3)
	return f.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: s.Lead, YSplit: 2,
		TopLeftCell: topLeft, ActivePane: "bottomRight"})
}

func isAmountColumn(s Sheet, i int) bool {
	return slices.ContainsFunc(s.Rows, func(r []Value) bool { return r[i].IsAmount })
}

// sheetName is the table ID and as much of its title as a sheet name holds
// (31 characters, none of : \ / ? * [ ]).
func sheetName(s Sheet) string {
	if s.TableID == QualityID {
		return s.Title
	}
	name := s.TableID + " " + strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s.Title)
	for utf8.RuneCountInString(name) > 31 {
		_, n := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-n]
	}
	return strings.TrimSpace(name)
}
