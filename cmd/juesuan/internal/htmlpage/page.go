// Package htmlpage writes one report as a single self-contained HTML page
// for a person: its metadata, every logical table as printed with its
// pages, the failed checks marked in the cells they read (the title shows
// expected, actual and diff), and the expenditure structure by 类 as an
// inline SVG chart. No script, no network, no external asset: the page's
// Content-Security-Policy forbids them, so that it opens the same offline,
// attached to a mail or archived.
package htmlpage

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// CellID names one value cell of a report: table, row_seq, column key.
type CellID struct {
	Table     string
	RowSeq    int32
	ColumnKey string
}

// Note is something said about a cell: a check it takes part in, or (the
// hook for the statements dataset) a sentence of the report's text that
// states its figure.
type Note struct {
	Kind   string // "check" or "statement"
	Status string // for a check: pass, fail, skipped, info
	Text   string // shown when the cell is hovered
}

// Option adds to the page.
type Option func(*config)

type config struct {
	notes map[CellID][]Note
}

// CheckCells marks the cells each check read; cells[i] are the cells of
// checks[i]. Failed checks are highlighted in their cells.
func CheckCells(checks []schema.Check, cells [][]CellID) Option {
	return func(c *config) {
		for i, ch := range checks {
			if i >= len(cells) || ch.Status != schema.CheckFail {
				continue
			}
			for _, id := range cells[i] {
				c.notes[id] = append(c.notes[id], Note{Kind: "check", Status: ch.Status, Text: checkNote(ch)})
			}
		}
	}
}

// CellNotes attaches notes to cells: the place where the narrative
// statements, once matched to the figures they state, show beside them.
func CellNotes(notes map[CellID][]Note) Option {
	return func(c *config) {
		for id, ns := range notes {
			c.notes[id] = append(c.notes[id], ns...)
		}
	}
}

// checkNote is the hover text of a failed check in a cell it read.
func checkNote(c schema.Check) string {
	return fmt.Sprintf("%s: %s\nexpected %s, actual %s, diff %s (tolerance %s)\n%s",
		c.CheckID, c.Description, amount(c.Expected), amount(c.Actual), amount(c.Diff), amount(c.Tolerance), c.Location)
}

func amount(cents *int64) string {
	if cents == nil {
		return "–"
	}
	return shape.Decimal(cents)
}

// Write writes the page of one report and its checks.
func Write(w io.Writer, rep shape.Report, checks []schema.Check, opts ...Option) error {
	cfg := config{notes: map[CellID][]Note{}}
	for _, o := range opts {
		o(&cfg)
	}
	data := pageData{
		Meta:   rep.Meta,
		Chart:  expenditureChart(rep),
		Counts: countStatuses(checks),
	}
	for _, c := range checks {
		if c.Status == schema.CheckFail || c.Status == schema.CheckSkipped {
			data.Problems = append(data.Problems, c)
		}
	}
	for _, t := range rep.Tables {
		data.Tables = append(data.Tables, viewTable(t, cfg.notes))
	}
	return page().Execute(w, data)
}

type pageData struct {
	Meta     schema.Report
	Tables   []tableView
	Problems []schema.Check
	Counts   []statusCount
	Chart    template.HTML
}

type statusCount struct {
	Status string
	N      int
}

func countStatuses(cs []schema.Check) []statusCount {
	out := []statusCount{{schema.CheckPass, 0}, {schema.CheckFail, 0}, {schema.CheckSkipped, 0}, {schema.CheckInfo, 0}}
	for _, c := range cs {
		for i := range out {
			if out[i].Status == c.Status {
				out[i].N++
			}
		}
	}
	return out
}

// tableView is a table as the template prints it: one block per section
// (T01 and T04 print income beside expenditure, T06 personnel beside
// public; the page puts them one above the other).
type tableView struct {
	ID, Title, Marker, Unit, Pages string
	Empty                          bool
	// Codes, Items, LineNos: some row prints a code, a label, a 行次; a
	// column none prints (T07 has no code and no label) is not shown.
	Codes, Items, LineNos bool
	Blocks                []blockView
}

type blockView struct {
	Section string // as printed: 收入, 支出, …; "" for a table without sections
	Labels  []string
	Rows    []rowView
}

type rowView struct {
	Code, Item, LineNo string
	Level              int
	Total              bool
	Cells              []cellView
}

type cellView struct {
	Text  string
	Class string // "fail", "note" or ""
	Title string // the notes, on hover
}

var sectionNames = map[string]string{
	tables.SectionIncome:      "收入 (income)",
	tables.SectionExpenditure: "支出 (expenditure)",
	tables.SectionPersonnel:   "人员经费 (personnel)",
	tables.SectionPublic:      "公用经费 (public)",
}

func viewTable(t shape.Table, notes map[CellID][]Note) tableView {
	tv := tableView{ID: t.ID, Title: t.Title, Marker: t.Marker, Unit: t.Unit, Empty: t.Empty || len(t.Rows) == 0,
		Pages: tables.PageRanges(t.Pages)}
	blockOf := map[string]int{}
	for _, r := range t.Rows {
		bi, ok := blockOf[r.Section]
		if !ok {
			bi = len(tv.Blocks)
			blockOf[r.Section] = bi
			b := blockView{Section: sectionNames[r.Section]}
			if r.Section != "" && b.Section == "" {
				b.Section = r.Section
			}
			for _, c := range t.Columns {
				if c.Section == r.Section {
					b.Labels = append(b.Labels, c.Label)
				}
			}
			tv.Blocks = append(tv.Blocks, b)
		}
		rv := rowView{Item: r.Item, Total: r.IsTotal}
		if r.Code != nil {
			rv.Code = *r.Code
			tv.Codes = true
		}
		tv.Items = tv.Items || r.Item != ""
		if r.Level != nil {
			rv.Level = int(*r.Level)
		}
		if r.LineNo != nil {
			rv.LineNo = fmt.Sprint(*r.LineNo)
			tv.LineNos = true
		}
		for i, c := range t.Columns {
			if c.Section != r.Section {
				continue
			}
			cell := r.Cells[i]
			cv := cellView{Text: cell.Text}
			var texts []string
			for _, n := range notes[CellID{t.ID, r.Seq, c.Key}] {
				texts = append(texts, n.Text)
				if n.Kind == "check" && n.Status == schema.CheckFail {
					cv.Class = "fail"
				} else if cv.Class == "" {
					cv.Class = "note"
				}
			}
			cv.Title = strings.Join(texts, "\n\n")
			rv.Cells = append(rv.Cells, cv)
		}
		tv.Blocks[bi].Rows = append(tv.Blocks[bi].Rows, rv)
	}
	return tv
}

//go:embed page.html.tmpl
var pageTemplate string

// page is parsed on first use, not at start-up: every juesuan process
// links this package, few write a page.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"deref": func(s *string) string {
			if s == nil {
				return "–"
			}
			return *s
		},
		"year": func(y *int32) string {
			if y == nil {
				return "–"
			}
			return fmt.Sprint(*y)
		},
		"amount": amount,
		// tableOf links a check to the table it concerns (T02.row_sum → T02;
		// X.T01_T02_income concerns two and links to none).
		"tableOf": func(checkID string) string {
			id, _, _ := strings.Cut(checkID, ".")
			if len(id) == 3 && id[0] == 'T' {
				return id
			}
			return ""
		},
		"indent": func(level int) template.CSS {
			return template.CSS(fmt.Sprintf("padding-left:%.1fem", 0.3+1.2*float64(max(level-1, 0))))
		},
	}).Parse(pageTemplate))
})
