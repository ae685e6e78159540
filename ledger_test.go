package juesuan

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/internal/hostile"
	"github.com/juesuan/juesuan/schema"
)

// tablePage reads the first page of table id in the converted sample.
func tablePage(t *testing.T, data []byte, res *Result, id string) *extract.Page {
	t.Helper()
	var page int
	for _, tb := range res.Tables {
		if tb.ID == id {
			page = tb.Pages[0]
		}
	}
	doc, err := extract.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	p, err := doc.Page(page)
	if err != nil {
		t.Fatalf("table %s, page %d: %v", id, page, err)
	}
	return p
}

// topmostPair is the topmost glyph a of p followed by b, or nil.
func topmostPair(p *extract.Page, a, b string) *extract.Glyph {
	var top *extract.Glyph
	for i := range p.Glyphs {
		if g := &p.Glyphs[i]; g.Text == a && i+1 < len(p.Glyphs) && p.Glyphs[i+1].Text == b && (top == nil || g.Baseline < top.Baseline) {
			top = g
		}
	}
	return top
}

// opAt finds the content stream and the text-showing operator that
// places its run where extract reads glyph g of page p.
func opAt(t *testing.T, data []byte, p *extract.Page, g *extract.Glyph) (hostile.Content, []hostile.ShowOp, hostile.ShowOp) {
	t.Helper()
	for _, c := range hostile.Contents(data) {
		ops := hostile.ShowOps(c.Data)
		for _, op := range ops {
			if math.Abs(op.X-g.X0) < 1 && math.Abs(op.Y-(p.Height-g.Baseline)) < 1 {
				return c, ops, op
			}
		}
	}
	t.Fatalf("no operator shows %q at %.1f,%.1f", g.Text, g.X0, g.Baseline)
	return hostile.Content{}, nil, hostile.ShowOp{}
}

// headerRun finds, in sample.pdf, the content stream of the T05 page, the
// operator that shows its 合计 header (the topmost 合计: the others are
// row labels), and the one that shows the first figure under it.
func headerRun(t *testing.T, data []byte, res *Result) (c hostile.Content, ops []hostile.ShowOp, header, figure hostile.ShowOp) {
	t.Helper()
	p := tablePage(t, data, res, "T05")
	he := topmostPair(p, "合", "计")
	if he == nil {
		t.Fatal("no 合计 on the T05 page")
	}
	var fig *extract.Glyph
	for i := range p.Glyphs {
		g := &p.Glyphs[i]
		if g.Text >= "0" && g.Text <= "9" && g.Baseline > he.Baseline+5 && g.X0 > he.X0-10 && g.X0 < he.X0+60 &&
			(fig == nil || g.Baseline < fig.Baseline-1 || math.Abs(g.Baseline-fig.Baseline) <= 1 && g.X0 < fig.X0) {
			fig = g
		}
	}
	c, ops, header = opAt(t, data, p, he)
	_, _, figure = opAt(t, data, p, fig)
	return c, ops, header, figure
}

// TestDamagedHeaderIsNeverOK damages the PDF's content stream where the
// T05 page prints its 合计 header, as the issue measured on a real report
// (the space before the operator turned into 0xA0: the header is not
// shown, the 合计 column's figures lose their column), or removes the
// run, or shifts the header and the figures under it: each conversion is
// partial, naming the page and figures, never ok with figures missing.
func TestDamagedHeaderIsNeverOK(t *testing.T) {
	data, want := sample(t)
	if *want.Report.FiguresUnplaced != 0 || *want.Report.FiguresPrinted == 0 {
		t.Fatalf("sample.pdf: %d figures printed, %d unplaced", *want.Report.FiguresPrinted, *want.Report.FiguresUnplaced)
	}
	c, ops, header, figure := headerRun(t, data, want)
	for _, tc := range []struct {
		kind string
		op   hostile.ShowOp
	}{
		{hostile.DamageSep, header},   // the header is not shown
		{hostile.DamageDrop, header},  // nor here
		{hostile.DamageShift, figure}, // the column's figures cross its rule
	} {
		t.Run(tc.kind, func(t *testing.T) {
			damaged := hostile.Replace(data, c, hostile.DamageOp(c.Data, ops, tc.op, tc.kind))
			res := Convert(context.Background(), damaged, WithSourcePath(tc.kind+".pdf"))
			if res.Report.Status != schema.StatusPartial || *res.Report.FiguresUnplaced == 0 {
				t.Fatalf("status %s, %d figures unplaced; want partial", res.Report.Status, *res.Report.FiguresUnplaced)
			}
			if msg := *res.Report.Error; !strings.Contains(msg, "page 5:") || !strings.Contains(msg, " at x=") {
				t.Errorf("error does not name the page and figures: %s", msg)
			}
			t.Log(*res.Report.Error)
		})
	}
}

// TestLostTitleIsNeverOK removes the title run of sample.pdf's T06 page:
// the table is not recognised, and its grid of figures, printed among the
// report's tables and claimed by none, makes the report partial (it was
// ok with T06 missing before the ledger).
func TestLostTitleIsNeverOK(t *testing.T) {
	data, want := sample(t)
	p := tablePage(t, data, want, "T06")
	title := topmostPair(p, "一", "般")
	if title == nil {
		t.Fatal("no title on the T06 page")
	}
	c, ops, op := opAt(t, data, p, title)
	res := Convert(context.Background(), hostile.Replace(data, c, hostile.DamageOp(c.Data, ops, op, hostile.DamageDrop)), WithSourcePath("notitle.pdf"))
	if res.Report.Status != schema.StatusPartial || !strings.Contains(*res.Report.Error, "in a grid no table was read from") {
		t.Fatalf("status %s (%d tables), error %v; want partial naming the grid no table read", res.Report.Status, res.Report.Tables, res.Report.Error)
	}
	t.Log(*res.Report.Error)
}

// FuzzLedger changes one byte of the content stream of sample.pdf's T05
// page (decompressed, stored again sound) and converts it: whatever the
// byte does to the page (a header, label or figure lost, a run garbled or
// moved, the syntax broken), no report that comes back ok has a figure
// unplaced, and its ledger adds up to what its tables hold.
func FuzzLedger(f *testing.F) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures", "sample.pdf"))
	if err != nil {
		f.Skip("no sample.pdf")
	}
	res := Convert(context.Background(), data, WithSourcePath("sample.pdf"))
	var c hostile.Content
	for _, tb := range res.Tables {
		if tb.ID != "T05" {
			continue
		}
		// The T05 page's stream: the page-th of the file's content streams.
		if cs := hostile.Contents(data); len(cs) >= tb.Pages[0] {
			c = cs[tb.Pages[0]-1]
		}
	}
	if c.Data == nil {
		f.Fatal("no T05 content stream in sample.pdf")
	}
	for _, seed := range []struct {
		at uint32
		b  byte
	}{{0, ' '}, {uint32(bytes.Index(c.Data, []byte("Tj"))) - 1, 0xA0}, {uint32(len(c.Data) / 2), '9'}, {uint32(len(c.Data) / 3), ']'}} {
		f.Add(seed.at, seed.b)
	}
	f.Fuzz(func(t *testing.T, at uint32, b byte) {
		damaged := bytes.Clone(c.Data)
		damaged[int(at%uint32(len(damaged)))] = b
		res := Convert(context.Background(), hostile.Replace(data, c, damaged), WithSourcePath("fuzz.pdf"))
		if res.Report.Status != schema.StatusOK {
			return
		}
		if n := *res.Report.FiguresUnplaced; n != 0 {
			t.Fatalf("ok with %d figures unplaced", n)
		}
		printed := 0
		for _, tb := range res.Tables {
			printed += tb.Ledger.Printed
			if len(tb.Ledger.Unplaced) > 0 || len(tb.Ledger.Headless) > 0 {
				t.Fatalf("ok, but %s: %s %v", tb.ID, tb.Ledger.Error(3), tb.Ledger.Headless)
			}
		}
		if int32(printed) != *res.Report.FiguresPrinted {
			t.Fatalf("figures_printed %d, the tables' ledgers %d", *res.Report.FiguresPrinted, printed)
		}
	})
}
