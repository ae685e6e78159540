package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/schema"
)

// loadTemplates converts the given PDFs with the real pipeline; those
// converted without failure, with line items of which at least one holds
// a figure (not an empty form such as the official blank template) and,
// when withStatements, statements, and at most maxLineItems line items
// (0: any) are the templates.
func loadTemplates(ctx context.Context, paths []string, withStatements bool, maxLineItems int) ([]*juesuan.Result, error) {
	var out []*juesuan.Result
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		res := juesuan.Convert(ctx, data, juesuan.WithSourcePath(p))
		switch {
		case res.Report.Status == schema.StatusFailed || !slices.ContainsFunc(res.LineItems, hasAmount):
		case withStatements && len(res.Statements) == 0:
		case maxLineItems > 0 && len(res.LineItems) > maxLineItems:
		default:
			out = append(out, res)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no PDF given converts to line items (and statements, for -scale)")
	}
	return out, nil
}

func hasAmount(li schema.LineItem) bool { return li.Amount != nil }

// generator derives synthetic report I from a template: department D =
// I·7919 mod departments keeps template D mod T (a department publishes
// reports of one shape year after year), the fiscal year is 2015 + I mod
// years, every amount is scaled by a factor of the report's own, 0.5–2
// (whole reports, so that their checks still hold up to a cent of
// rounding, and no two reports share their amounts), and the report ID is
// the SHA-256 of the input bytes "synthetic report I", as the batch
// computes it.
type generator struct {
	templates []*juesuan.Result
	years     int
	depts     int
	inputs    string   // the folder the (virtual) inputs are named under
	names     []string // department names, by D
}

func newGenerator(templates []*juesuan.Result, years, depts int, inputs string) *generator {
	g := &generator{templates: templates, years: years, depts: depts, inputs: inputs, names: make([]string, depts)}
	for d := range g.names {
		g.names[d] = fmt.Sprintf("%s（合成%06d）", deref(templates[d%len(templates)].Report.Department), d)
	}
	return g
}

// input is the content of input I, whose hash is the report ID.
func input(i int) string { return "synthetic report " + strconv.Itoa(i) }

// inputIndex is I of an input's content.
func inputIndex(data []byte) (int, error) {
	s, ok := strings.CutPrefix(string(data), "synthetic report ")
	if !ok {
		return 0, fmt.Errorf("not a synthetic input: %.40q", data)
	}
	return strconv.Atoi(s)
}

// inputPath is where input I is (or would be) written.
func (g *generator) inputPath(i int) string {
	return filepath.Join(g.inputs, strconv.Itoa(i/1000), fmt.Sprintf("%07d.pdf", i))
}

func reportID(i int) string {
	sum := sha256.Sum256([]byte(input(i)))
	return hex.EncodeToString(sum[:])
}

func (g *generator) dept(i int) int   { return (i * 7919) % g.depts }
func (g *generator) year(i int) int32 { return int32(2015 + i%g.years) }

// factor is report I's scale in millionths, 500,000–1,999,999: from a
// hash of I, so that neighbouring reports do not share it.
func (g *generator) factor(i int) int64 {
	x := uint64(i) + 0x9e3779b97f4a7c15 // splitmix64
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	x ^= x >> 31
	return 500_000 + int64(x%1_500_000)
}
func (g *generator) template(i int) *juesuan.Result {
	return g.templates[g.dept(i)%len(g.templates)]
}

// synthReport is one synthetic report's own values; its rows point at
// them.
type synthReport struct {
	id, path, dept string
	year           int32
	factor         int64
	t              *juesuan.Result
}

func (g *generator) report(i int, path string) *synthReport {
	return &synthReport{id: reportID(i), path: path, dept: g.names[g.dept(i)], year: g.year(i),
		factor: g.factor(i), t: g.template(i)}
}

// scratch holds the buffers rows are derived into, reused report after
// report: Parquet writers copy what they are given.
type scratch struct {
	lineItems  []schema.LineItem
	checks     []schema.Check
	statements []schema.Statement
	amounts    []int64
}

// scaled points at v·factor/10⁶ in s.amounts (without overflowing for
// any amount of DECIMAL(18,2)); nil stays nil.
func (s *scratch) scaled(v *int64, factor int64) *int64 {
	if v == nil {
		return nil
	}
	s.amounts = append(s.amounts, *v/1e6*factor+*v%1e6*factor/1e6)
	return &s.amounts[len(s.amounts)-1]
}

// reserve makes room for n amounts without moving those pointed at.
func (s *scratch) reserve(n int) {
	if cap(s.amounts) < n {
		s.amounts = make([]int64, 0, n)
	}
	s.amounts = s.amounts[:0]
}

func (s *scratch) lineItemsOf(r *synthReport) []schema.LineItem {
	s.reserve(2 * len(r.t.LineItems))
	s.lineItems = s.lineItems[:0]
	for _, li := range r.t.LineItems {
		li.ReportID, li.Department, li.FiscalYear = r.id, &r.dept, &r.year
		li.Amount, li.AmountYuan = s.scaled(li.Amount, r.factor), s.scaled(li.AmountYuan, r.factor)
		s.lineItems = append(s.lineItems, li)
	}
	return s.lineItems
}

func (s *scratch) checksOf(r *synthReport) []schema.Check {
	s.reserve(3 * len(r.t.Checks))
	s.checks = s.checks[:0]
	for _, c := range r.t.Checks {
		c.ReportID, c.FiscalYear, c.Department, c.SourcePath = r.id, &r.year, &r.dept, r.path
		c.Expected, c.Actual, c.Diff = s.scaled(c.Expected, r.factor), s.scaled(c.Actual, r.factor), s.scaled(c.Diff, r.factor)
		s.checks = append(s.checks, c)
	}
	return s.checks
}

// statementsOf scales the amounts stated in yuan (元, 万元); counts and
// percentages stay as printed. The sentences are the template's.
func (s *scratch) statementsOf(r *synthReport) []schema.Statement {
	s.reserve(len(r.t.Statements))
	s.statements = s.statements[:0]
	for _, st := range r.t.Statements {
		st.ReportID, st.FiscalYear, st.Department = r.id, &r.year, &r.dept
		if strings.HasSuffix(st.Unit, "元") {
			st.Value = s.scaled(st.Value, r.factor)
		}
		s.statements = append(s.statements, st)
	}
	return s.statements
}

func (r *synthReport) row() schema.Report {
	rep := r.t.Report
	rep.ReportID, rep.SourcePath, rep.ToolVersion = r.id, r.path, toolVersion
	rep.Department, rep.FiscalYear = &r.dept, &r.year
	return rep
}

// result is the whole report, in fresh slices, for the batch.
func (r *synthReport) result() *juesuan.Result {
	var s scratch
	return &juesuan.Result{
		Report:     r.row(),
		LineItems:  append([]schema.LineItem(nil), s.lineItemsOf(r)...),
		Checks:     append([]schema.Check(nil), new(scratch).checksOf(r)...),
		Statements: append([]schema.Statement(nil), new(scratch).statementsOf(r)...),
	}
}

// toolVersion is the tool version of every synthetic report.
const toolVersion = "synth"

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
