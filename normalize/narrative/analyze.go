package narrative

import (
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// Input is what the narrative of one report is read and checked against.
type Input struct {
	Pages  [][]string // text lines per page, Pages[0] is page 1
	Tables []tables.Table
	// ReprintPages are the pages of tables printed again (a unit's set
	// after the department's), which Tables leaves out: not text either.
	ReprintPages []int
	Items        []schema.LineItem
	// Columns, when set, gives a page's text lines read column by column
	// (extract's Page.TextColumns), nil for a page without columns: the
	// pages holding no table are read so, a two-column 绩效目标表 one column
	// after the other.
	Columns    func(page int) []string
	Department string // the report's department, "" when unknown
	FiscalYear int    // 0 when unknown
	// Budget is set for a budget report (部门预算), whose text dates its
	// asset figures before the year budgeted (截至2025年8月31日 in a 2026
	// budget).
	Budget bool
}

// Analysis is the narrative of one report: its sentences, the figures they
// state with the cells those name, and the checks.
type Analysis struct {
	Sentences []Sentence
	// TableText is the text printed on table pages around the tables: part
	// headings, titles, 部门/年度 lines and notes, read for the D.* checks.
	TableText []Sentence
	Figures   []Figure
	Cells     []*Cell  // per figure, the table cell it names, nil if none
	Codes     []string // per figure, the subject code its 类/款/项 path resolves to, "" if none
	Checks    []schema.Check
}

// Option configures Analyze.
type Option func(*config)

type config struct{ documentChecks bool }

// WithDocumentChecks turns the D.* checks on or off (default on).
func WithDocumentChecks(on bool) Option { return func(c *config) { c.documentChecks = on } }

// Analyze reads the narrative of a report, lists its figures and checks
// them. Pages holding a table are not narrative.
func Analyze(in Input, opts ...Option) *Analysis {
	cfg := config{documentChecks: true}
	for _, o := range opts {
		o(&cfg)
	}
	tablePage := map[int]bool{}
	for _, p := range in.ReprintPages {
		tablePage[p] = true
	}
	for _, t := range in.Tables {
		for _, p := range t.Pages {
			tablePage[p] = true
		}
	}
	text := in.Pages
	if in.Columns != nil {
		text = make([][]string, len(in.Pages))
		for i := range in.Pages {
			// Only a page whose lines hold gaps may set text in columns:
			// prose pages are kept as they are, at no cost.
			text[i] = in.Pages[i]
			if !tablePage[i+1] && anySpaced(in.Pages[i]) {
				if c := in.Columns(i + 1); c != nil {
					text[i] = c
				}
			}
		}
	}
	a := &Analysis{Sentences: Read(text, func(p int) bool { return tablePage[p] })}
	if cfg.documentChecks {
		// The department's own tables: a reprinted set is another unit's.
		own := map[int]bool{}
		for _, t := range in.Tables {
			for _, p := range t.Pages {
				own[p] = true
			}
		}
		for _, p := range in.ReprintPages {
			delete(own, p)
		}
		a.TableText = tablePageText(in.Pages, own)
	}
	from, to := explanationPart(a.Sentences)
	a.Figures = parse(a.Sentences, from, to, in.Department)
	ix := newIndex(in.Items, in.Tables, in.Budget)
	a.Cells = make([]*Cell, len(a.Figures))
	a.Codes = make([]string, len(a.Figures))
	prefer := "" // the table of the sentence's first figure that names a cell: its list's parts are that table's
	for i, f := range a.Figures {
		if i == 0 || f.Sentence != a.Figures[i-1].Sentence {
			prefer = ""
		}
		if c, ok := ix.resolveIn(f, prefer); ok {
			a.Cells[i] = &c
			if prefer == "" {
				prefer = c.Table
			}
		}
		if i > 0 && f.Subject == a.Figures[i-1].Subject {
			a.Codes[i] = a.Codes[i-1] // a budget, final and rate of one 项 in a row
		} else if path := codePath(f.Subject); path != nil {
			if c, ok := ix.resolvePath(path); ok {
				a.Codes[i] = c.Code
			}
		}
	}
	ck := checker{a: a, ix: ix, keys: make([]skey, len(a.Figures))}
	for i, f := range a.Figures {
		if i > 0 && f.Subject == a.Figures[i-1].Subject {
			ck.keys[i] = ck.keys[i-1]
			continue
		}
		ck.keys[i] = keyOf(f.Subject)
	}
	ck.amounts()
	ck.shares()
	ck.completions()
	ck.priorChanges()
	ck.changes()
	ck.comparisons()
	a.Checks = ck.out
	if cfg.documentChecks {
		a.Checks = append(a.Checks, documentChecks(in, a)...)
	}
	return a
}

// anySpaced tells lines of which two hold a space (TextLines' mark of a
// gap between words): a page of prose has none, or a heading's.
func anySpaced(lines []string) bool {
	n := 0
	for _, l := range lines {
		if strings.IndexByte(l, ' ') >= 0 {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}
