// Package htmlpage writes one report as a single self-contained HTML page
// for a person: its metadata, every logical table as printed with its
// pages, the failed checks marked in the cells they read (the title shows
// expected, actual and diff), and the expenditure structure by 类 as an
// inline SVG chart. No script, no network, no external asset: the page's
// Content-Security-Policy forbids them, so that it opens the same offline,
// attached to a mail or archived.
package htmlpage

import (
	"cmp"
	_ "embed"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/quality"

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
	Anchor string // for a failed check: its entry in the page's list
}

// Option adds to the page.
type Option func(*config)

type config struct {
	notes map[CellID][]Note
	lang  lang.Lang
}

// Language sets the language of the page's own words (the figures, titles
// and sentences stay as printed); English by default.
func Language(l lang.Lang) Option { return func(c *config) { c.lang = l } }

// CheckCells marks the cells each check read; cells[i] are the cells of
// checks[i]. Failed checks are highlighted in their cells.
func CheckCells(checks []schema.Check, cells [][]CellID) Option {
	return func(c *config) {
		for i, ch := range checks {
			if i >= len(cells) || ch.Status != schema.CheckFail {
				continue
			}
			for _, id := range cells[i] {
				c.notes[id] = append(c.notes[id], Note{Kind: "check", Status: ch.Status, Text: checkNote(ch), Anchor: CheckAnchor(ch)})
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

// CheckAnchor is the id of a check's entry in the page, made of its ID and
// location: the cells a failed check read link to it.
func CheckAnchor(c schema.Check) string {
	h := fnv.New32a()
	h.Write([]byte(c.CheckID + "\x00" + c.Location))
	return fmt.Sprintf("check-%08x", h.Sum32())
}

// cellAnchor is the id of a value cell in the page.
func cellAnchor(id CellID) string {
	return fmt.Sprintf("cell-%s-%d-%s", id.Table, id.RowSeq, id.ColumnKey)
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
	cfg := config{notes: map[CellID][]Note{}, lang: lang.EN}
	for _, o := range opts {
		o(&cfg)
	}
	q := quality.Of(rep, checks)
	words := quality.In(cfg.lang)
	data := pageData{
		Meta:        rep.Meta,
		Lang:        cfg.lang,
		Chart:       expenditureChart(rep, cfg.lang),
		Counts:      countStatuses(checks, words),
		Status:      q.Status(words),
		StatusClass: rep.Meta.Status,
	}
	if rep.Meta.Status == schema.StatusOK && q.Troubled() {
		data.StatusClass = "warn"
	}
	sections := map[string]bool{}
	for _, t := range rep.Tables {
		data.Tables = append(data.Tables, viewTable(t, cfg.notes, cfg.lang))
		sections[t.ID] = true
	}
	for _, t := range q.Tables {
		if t.State == quality.StateMissing && !sections[t.ID] {
			data.Tables = append(data.Tables, tableView{ID: t.ID, Title: t.Title, Missing: true})
			sections[t.ID] = true
		}
	}
	slices.SortStableFunc(data.Tables, func(a, b tableView) int { return strings.Compare(a.ID, b.ID) })
	// Each failed check lists the cells it marks, each cell links back.
	cellsOf := map[string][]cellLink{}
	ids := slices.Collect(maps.Keys(cfg.notes))
	slices.SortFunc(ids, func(a, b CellID) int {
		return cmp.Or(strings.Compare(a.Table, b.Table), cmp.Compare(a.RowSeq, b.RowSeq),
			cmp.Compare(columnIndex(rep, a), columnIndex(rep, b)), strings.Compare(a.ColumnKey, b.ColumnKey))
	})
	for _, id := range ids {
		for _, n := range cfg.notes[id] {
			if n.Anchor != "" && !slices.ContainsFunc(cellsOf[n.Anchor], func(l cellLink) bool { return l.ID == cellAnchor(id) }) {
				cellsOf[n.Anchor] = append(cellsOf[n.Anchor], cellLink{ID: cellAnchor(id), Label: cellLabel(rep, id)})
			}
		}
	}
	for _, c := range checks {
		// Every check that did not pass: failed, skipped, for information,
		// and a status a newer juesuan writes, shown as it is.
		if c.Status != schema.CheckPass {
			p := problemView{Check: c, Anchor: CheckAnchor(c), StatusWord: words.Status(c.Status), Cells: cellsOf[CheckAnchor(c)],
				Class: map[string]string{schema.CheckFail: "fail-word", schema.CheckSkipped: "skip-word"}[c.Status]}
			if p.Class == "" {
				p.Class = "info-word"
			}
			if id := tableOf(c.CheckID); sections[id] {
				p.Table = id
			}
			data.Problems = append(data.Problems, p)
		}
	}
	return page().Execute(w, data)
}

type pageData struct {
	Meta        schema.Report
	Lang        lang.Lang
	Status      string // what is true, in a few words: ok · 13 checks failed · T03 missing
	StatusClass string // ok, warn, partial, failed
	Tables      []tableView
	Problems    []problemView
	Counts      []statusCount
	Chart       template.HTML
}

// problemView is a check that did not pass, with the cells it marks.
type problemView struct {
	Check      schema.Check
	Class      string // fail-word, skip-word, info-word
	Anchor     string
	StatusWord string
	Table      string // the table section it links to; "" for none
	Cells      []cellLink
}

type cellLink struct{ ID, Label string }

// columnIndex is the print position of a cell's column.
func columnIndex(rep shape.Report, id CellID) int {
	for _, t := range rep.Tables {
		if t.ID == id.Table {
			if i := slices.IndexFunc(t.Columns, func(c shape.Column) bool { return c.Key == id.ColumnKey }); i >= 0 {
				return i
			}
		}
	}
	return -1
}

// cellLabel names a cell for a reader: table, row and column as printed.
func cellLabel(rep shape.Report, id CellID) string {
	for _, t := range rep.Tables {
		if t.ID != id.Table {
			continue
		}
		for _, r := range t.Rows {
			if r.Seq != id.RowSeq {
				continue
			}
			label := id.ColumnKey
			for _, c := range t.Columns {
				if c.Key == id.ColumnKey && (c.Section == "" || c.Section == r.Section) {
					label = c.Label
				}
			}
			row := r.Item
			if r.Code != nil {
				row = *r.Code + " " + row
			}
			return fmt.Sprintf("%s %s / %s", t.ID, row, label)
		}
	}
	return fmt.Sprintf("%s row %d %s", id.Table, id.RowSeq, id.ColumnKey)
}

// tableOf is the table a check concerns (T02.row_sum → T02; B05.… → B05;
// X.T01_T02_income concerns two and links to none).
func tableOf(checkID string) string {
	id, _, _ := strings.Cut(checkID, ".")
	if len(id) == 3 && (id[0] == 'T' || id[0] == 'B') {
		return id
	}
	return ""
}

type statusCount struct {
	Status, Word string
	N            int
}

// countStatuses counts the checks by status: the four known ones always,
// a status this juesuan does not know (written by a newer one) after
// them, as it is.
func countStatuses(cs []schema.Check, words quality.Lang) []statusCount {
	out := []statusCount{{Status: schema.CheckPass}, {Status: schema.CheckFail}, {Status: schema.CheckSkipped}, {Status: schema.CheckInfo}}
	for _, c := range cs {
		i := slices.IndexFunc(out, func(s statusCount) bool { return s.Status == c.Status })
		if i < 0 {
			i = len(out)
			out = append(out, statusCount{Status: c.Status})
		}
		out[i].N++
	}
	for i := range out {
		out[i].Word = words.Status(out[i].Status)
	}
	return out
}

// tableView is a table as the template prints it: one block per section
// (T01 and T04 print income beside expenditure, T06 personnel beside
// public; the page puts them one above the other).
type tableView struct {
	ID, Title, Marker, Unit, Pages string
	Empty                          bool
	Missing                        bool // not found in the report: the section says so, links to it resolve
	// Codes, Items, LineNos: some row prints a code, a label, a 行次; a
	// column none prints (T07 has no code and no label) is not shown.
	Codes, Items, LineNos bool
	ItemLabel             string // 项目, or what the table prints over its items
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
	Text   string
	Words  bool   // a word column's cell (B13's 专项名称 …): left-aligned
	Class  string // "fail", "note" or ""
	Title  string // the notes, on hover
	ID     string // the cell's anchor, where a note is on it
	Anchor string // the first failed check's entry, linked from the cell
}

var sectionNames = map[string][2]string{
	tables.SectionIncome:         {"收入", "收入 (income)"},
	tables.SectionExpenditure:    {"支出", "支出 (expenditure)"},
	tables.SectionPersonnel:      {"人员经费", "人员经费 (personnel)"},
	tables.SectionPublic:         {"公用经费", "公用经费 (public)"},
	tables.SectionExpenditureUse: {"支出（按用途）", "支出 (expenditure by use)"},
}

func viewTable(t shape.Table, notes map[CellID][]Note, l lang.Lang) tableView {
	tv := tableView{ID: t.ID, Title: t.Title, Marker: t.Marker, Unit: t.Unit, Empty: t.Empty || len(t.Rows) == 0,
		Pages: tables.PageRanges(t.Pages), ItemLabel: shape.ItemLabel(t.ID)}
	blockOf := map[string]int{}
	for _, r := range t.Rows {
		bi, ok := blockOf[r.Section]
		if !ok {
			bi = len(tv.Blocks)
			blockOf[r.Section] = bi
			b := blockView{Section: l.T(sectionNames[r.Section][0], sectionNames[r.Section][1])}
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
			cv := cellView{Text: cell.Text, Words: c.Text}
			var texts []string
			id := CellID{t.ID, r.Seq, c.Key}
			for _, n := range notes[id] {
				texts = append(texts, n.Text)
				cv.ID = cellAnchor(id)
				if n.Kind == "check" && n.Status == schema.CheckFail {
					cv.Class = "fail"
					if cv.Anchor == "" {
						cv.Anchor = n.Anchor
					}
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
		"t":      func(l lang.Lang, key string) string { return word(l, key) },
		"indent": func(level int) template.CSS {
			return template.CSS(fmt.Sprintf("padding-left:%.1fem", 0.3+1.2*float64(max(level-1, 0))))
		},
	}).Parse(pageTemplate))
})
