package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/schema"
)

// writeJSON prints the whole report for programs: the report row and the
// checks under their Parquet column names, and every table as printed
// with each cell's text beside its parsed amount, and each row's code,
// level and parent.
func writeJSON(w io.Writer, rep shape.Report, cs []schema.Check) error {
	var b bytes.Buffer
	b.WriteString("{\n  \"report\": ")
	writeRow(&b, rep.Meta)
	b.WriteString(",\n  \"tables\": ")
	ts := make([]jsonTable, len(rep.Tables))
	for i, t := range rep.Tables {
		ts[i] = newJSONTable(t)
	}
	if err := encodeInline(&b, ts); err != nil {
		return err
	}
	b.WriteString(",\n  \"checks\": [")
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		writeRow(&b, c)
	}
	if len(cs) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	out.WriteByte('\n')
	_, err := out.WriteTo(w)
	return err
}

type jsonTable struct {
	TableID    string       `json:"table_id"`
	TableTitle string       `json:"table_title"`
	Marker     string       `json:"marker,omitempty"`
	Pages      []int        `json:"pages"`
	Unit       string       `json:"unit"`
	Empty      bool         `json:"empty"`
	Columns    []jsonColumn `json:"columns"`
	Rows       []jsonRow    `json:"rows"`
}

type jsonColumn struct {
	Section     string `json:"section"`
	ColumnKey   string `json:"column_key"`
	ColumnLabel string `json:"column_label"`
	ColumnSeq   *int32 `json:"column_seq"`     // as in line_items
	Kind        string `json:"kind,omitempty"` // "text" for a word column (its cells' text, no amount)
}

type jsonRow struct {
	RowSeq     int32      `json:"row_seq"`
	Page       int32      `json:"page"`
	Section    string     `json:"section"`
	LineNo     *int32     `json:"line_no"`
	Code       *string    `json:"code"`
	CodeSystem *string    `json:"code_system"`
	Level      *int32     `json:"level"`
	ParentCode *string    `json:"parent_code"`
	Item       string     `json:"item"`
	IsTotal    bool       `json:"is_total"`
	Cells      []jsonCell `json:"cells"`
}

type jsonCell struct {
	ColumnKey  string          `json:"column_key"`
	Text       string          `json:"text"`
	Amount     json.RawMessage `json:"amount"`
	AmountYuan json.RawMessage `json:"amount_yuan"`
}

func newJSONTable(t shape.Table) jsonTable {
	jt := jsonTable{TableID: t.ID, TableTitle: t.Title, Marker: t.Marker, Pages: t.Pages, Unit: t.Unit,
		Empty: t.Empty, Columns: []jsonColumn{}, Rows: []jsonRow{}}
	for _, c := range t.Columns {
		jc := jsonColumn{Section: c.Section, ColumnKey: c.Key, ColumnLabel: c.Label}
		if c.Seq > 0 {
			jc.ColumnSeq = &c.Seq
		}
		if c.Text {
			jc.Kind = "text"
		}
		jt.Columns = append(jt.Columns, jc)
	}
	for _, r := range t.Rows {
		jr := jsonRow{RowSeq: r.Seq, Page: r.Page, Section: r.Section, LineNo: r.LineNo, Code: r.Code,
			CodeSystem: r.CodeSystem, Level: r.Level, ParentCode: r.ParentCode, Item: r.Item, IsTotal: r.IsTotal,
			Cells: []jsonCell{}}
		for i, c := range r.Cells {
			if c.Present {
				jr.Cells = append(jr.Cells, jsonCell{t.Columns[i].Key, c.Text, number(c.Amount), number(c.AmountYuan)})
			}
		}
		jt.Rows = append(jt.Rows, jr)
	}
	return jt
}

// number is an amount as an exact JSON number, null when absent.
func number(cents *int64) json.RawMessage {
	if cents == nil {
		return json.RawMessage("null")
	}
	return json.RawMessage(shape.Decimal(cents))
}

func encodeInline(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	return nil
}

// writeRow writes a dataset row as a JSON object keyed by its Parquet
// column names, in column order: the names a program already uses on the
// datasets, and any column added to the row type appears here too.
// DECIMAL columns are exact JSON numbers.
func writeRow(b *bytes.Buffer, row any) {
	v := reflect.ValueOf(row)
	t := v.Type()
	b.WriteByte('{')
	n := 0
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("parquet")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		key, _ := json.Marshal(name)
		b.Write(key)
		b.WriteByte(':')
		f := v.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				b.WriteString("null")
				continue
			}
			f = f.Elem()
		}
		if strings.Contains(opts, "decimal(") && f.Kind() == reflect.Int64 {
			c := f.Int()
			b.WriteString(shape.Decimal(&c))
			continue
		}
		val, _ := json.Marshal(f.Interface())
		b.Write(val)
	}
	b.WriteByte('}')
}
