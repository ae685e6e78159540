package normalize

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/textfold"
	"github.com/juesuan/juesuan/schema"
)

// ErrNoUnit is wrapped by the TableError of a table whose unit is neither
// printed nor known for the document: its amount_yuan stays null.
var ErrNoUnit = errors.New("no unit printed and none known for the document; amount_yuan left null")

// LineItems turns the logical tables of one report into line_items rows:
// one row per value cell of every data row, blank cells included with a null
// amount, in table, row and column print order (see SortLineItems for the
// dataset order).
//
// Errors do not stop the conversion: an unreadable cell is a *CellError and
// becomes a null amount (or a null code); a table without a unit is a
// *TableError and keeps amount_yuan null. The caller decides whether the
// report is partial.
func LineItems(reportID string, meta Meta, ts []tables.Table) ([]schema.LineItem, []error) {
	var (
		items []schema.LineItem
		errs  []error
	)
	base := schema.LineItem{ReportID: reportID}
	if meta.FiscalYear != 0 {
		y := int32(meta.FiscalYear)
		base.FiscalYear = &y
	}
	if meta.Department != "" {
		d := meta.Department
		base.Department = &d
	}
	n := 0
	for _, t := range ts {
		for _, row := range t.Rows {
			n += len(row.Cells)
		}
	}
	items = make([]schema.LineItem, 0, n) // one row per cell
	for _, t := range ts {
		var tErrs []error
		items, tErrs = tableLineItems(items, base, meta, t)
		errs = append(errs, tErrs...)
	}
	if len(items) == 0 {
		items = nil // as before pre-sizing: no cell, no slice
	}
	return items, errs
}

// tableLineItems converts one table, appending its rows to items.
func tableLineItems(items []schema.LineItem, base schema.LineItem, meta Meta, t tables.Table) ([]schema.LineItem, []error) {
	var errs []error
	unit := TableUnit(t, meta.Unit)
	factor, known := YuanFactor(unit)
	if !known && len(t.Rows) > 0 {
		errs = append(errs, &TableError{Table: t.ID, Title: t.Title, Pages: t.Pages, Err: ErrNoUnit})
	}
	codes := CodeReader{Economic: t.ID == tables.T06 || strings.Contains(textfold.Compact(t.Title), "经济分类")}
	seqs := newColumnSeqs(t.Columns)
	section := ""
	for i, row := range t.Rows {
		seq := i + 1
		page := row.Page
		if page == 0 && len(t.Pages) > 0 {
			page = t.Pages[0]
		}
		if row.Section != section {
			codes.Reset() // a new side of a two-sided table has its own codes
			section = row.Section
		}
		info, label, err := codes.Read(row.Code, row.Item)
		if err != nil {
			errs = append(errs, &CellError{Page: page, Table: t.ID, Row: rowName(seq, label),
				Column: "科目编码 (code)", Text: strings.Join(row.Code, " | "), Err: err})
		}
		r := base
		r.TableID = t.ID
		r.TableTitle = t.Title
		r.RowSeq = int32(seq)
		r.Section = row.Section
		r.LineNo = lineNo(row.LineNo)
		r.Item = label
		r.IsTotal = info.Code == "" && IsTotalLabel(label)
		r.Unit = unit
		r.Page = int32(page)
		if info.Code != "" {
			r.Code = ptr(info.Code)
			r.CodeSystem = ptr(info.System)
			r.Level = ptr(int32(info.Level))
			if info.Parent != "" {
				r.ParentCode = ptr(info.Parent)
			}
		}
		for _, c := range row.Cells {
			li := r
			li.ColumnKey = c.Key
			li.ColumnLabel = c.Label
			col := seqs.at(row.Section, c.Key)
			if col.seq > 0 {
				li.ColumnSeq = ptr(col.seq)
			}
			if col.text {
				if c.Text != "" {
					li.Text = ptr(c.Text)
				}
				items = append(items, li)
				continue
			}
			amount, yuan, err := cellAmounts(c.Text, factor, known)
			if err != nil {
				errs = append(errs, &CellError{Page: page, Table: t.ID, Row: rowName(seq, label),
					Column: fmt.Sprintf("%s (%s)", c.Label, c.Key), Text: c.Text, Err: err})
			}
			li.Amount, li.AmountYuan = amount, yuan
			if amount != nil && *amount != 0 {
				// A zero is exact however printed ("0" beside 10.81 in
				// a two-decimal table).
				li.DroppedDecimals = droppedDecimals(c.Text)
			}
			items = append(items, li)
		}
	}
	return items, errs
}

type columnRef struct{ section, key string }

type columnAt struct {
	seq  int32 // 1-based print position
	text bool  // a word column
}

// columnSeqs places each column of a table (its section and key) in print
// order, left to right: Table.Columns is that order.
type columnSeqs map[columnRef]columnAt

func newColumnSeqs(cols []tables.Column) columnSeqs {
	m := make(columnSeqs, len(cols))
	for i, c := range cols {
		ref := columnRef{c.Section, c.Key}
		if _, dup := m[ref]; !dup {
			m[ref] = columnAt{int32(i + 1), c.Text}
		}
	}
	return m
}

// at is the column of a cell of section and key: the section's own, else
// the one of that key shared by every section (section "").
func (m columnSeqs) at(section, key string) columnAt {
	if col := m[columnRef{section, key}]; col.seq > 0 {
		return col
	}
	return m[columnRef{"", key}]
}

// ColumnSeq is line_items.column_seq of a cell of a table with columns
// cols: the 1-based print position of its column, 0 for none.
func ColumnSeq(cols []tables.Column, section, key string) int32 {
	return newColumnSeqs(cols).at(section, key).seq
}

// droppedDecimals is how many of two decimal places a printed amount
// leaves out: 2 for "503,724", 1 for "12.5", 0 for "12.50".
func droppedDecimals(text string) int8 {
	dot := strings.LastIndexByte(text, '.')
	if dot < 0 {
		return 2
	}
	digits := 0
	for _, r := range text[dot+1:] {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return int8(max(0, 2-digits))
}

// cellAmounts reads one value cell: the amount in the printed unit and in
// 元, as DECIMAL(18,2) cents. Blank gives nulls; an error gives nulls too.
// A figure with more than two decimals is an error, never rounded.
func cellAmounts(text string, factor decimal.Decimal, known bool) (amount, yuan *int64, err error) {
	d, ok, err := Amount(text)
	if err != nil || !ok {
		return nil, nil, err
	}
	c, err := schema.Cents(d)
	if err != nil {
		return nil, nil, err
	}
	if !known {
		return &c, nil, nil
	}
	// Both figures in one allocation.
	both := &[2]int64{c}
	if y, ok := scaleCents(c, factor); ok {
		both[1] = y
		return &both[0], &both[1], nil
	}
	y, err := schema.Cents(d.Mul(factor))
	if err != nil {
		return nil, nil, fmt.Errorf("in 元: %w", err)
	}
	both[1] = y
	return &both[0], &both[1], nil
}

// maxScaledCents bounds the cents scaleCents multiplies: times 10000 they
// stay far inside DECIMAL(18,2) and int64, so the product is exactly what
// schema.Cents(d.Mul(factor)) gives, without its big-number arithmetic.
const maxScaledCents = 99_999_999_999_999

// scaleCents converts cents of the printed unit to cents of 元 for the
// factors of the contract (1 and 10000); ok is false for anything else,
// which takes the exact decimal path.
func scaleCents(c int64, factor decimal.Decimal) (int64, bool) {
	if c > maxScaledCents || c < -maxScaledCents {
		return 0, false
	}
	switch {
	case factor.Equal(yuanPerYuan):
		return c, true
	case factor.Equal(yuanPerWan):
		return c * 10000, true
	}
	return 0, false
}

var (
	yuanPerYuan = decimal.NewFromInt(1)
	yuanPerWan  = decimal.NewFromInt(10000)
)

// rowName names a row for an error: its number and label.
func rowName(seq int, label string) string {
	if label == "" {
		return strconv.Itoa(seq)
	}
	return fmt.Sprintf("%d (%s)", seq, label)
}

// lineNo reads a printed 行次; anything but a plain number is null.
func lineNo(s string) *int32 {
	t := textfold.Compact(s)
	if !isDigits(t) || len(t) > 6 {
		return nil
	}
	n, _ := strconv.Atoi(t)
	return ptr(int32(n))
}

func ptr[T any](v T) *T { return &v }

// SortLineItems puts rows in dataset order: table_id, row_seq, column_key.
func SortLineItems(items []schema.LineItem) {
	// A LineItem is large: sort their indices (comparing in place), then
	// move each item once. A stable order is unique, so this is the order
	// a stable sort of the items gives.
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		a, b := &items[i], &items[j]
		if c := strings.Compare(a.TableID, b.TableID); c != 0 {
			return c
		}
		if c := cmp.Compare(a.RowSeq, b.RowSeq); c != 0 {
			return c
		}
		return strings.Compare(a.ColumnKey, b.ColumnKey)
	})
	permute(items, idx)
}

// permute rearranges items so that items[k] becomes the old items[idx[k]],
// following each cycle of the permutation; idx is used up.
func permute(items []schema.LineItem, idx []int) {
	for k := range idx {
		if idx[k] == k {
			continue
		}
		first := items[k]
		j := k
		for {
			next := idx[j]
			idx[j] = j
			if next == k {
				items[j] = first
				break
			}
			items[j] = items[next]
			j = next
		}
	}
}
