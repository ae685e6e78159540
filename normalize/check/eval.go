package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/schema"
)

// fig is one printed figure taking part in an identity. A fig without a row
// stands for a table printed without data (本表无数据): its figures are 0.
type fig struct {
	t   *table
	r   *row
	sec string
	key string
}

func (f fig) value() cell {
	if f.r == nil {
		return cell{blank: true}
	}
	c, ok := f.r.cells.get(f.key)
	if !ok {
		return cell{blank: true}
	}
	return c
}

// rounding is half the figure's last printed place, in half cents: 1 for
// two decimals, 10 for one, 100 for a whole number. A blank counts as
// printed to the cent.
func (c cell) rounding() int64 {
	switch c.dropped {
	case 1:
		return 10
	case 2:
		return 100
	}
	return 1
}

// location names the table, row and column of a figure the way a person
// finds it in the PDF, e.g.
// T02 row 5 "2080505 机关事业单位基本养老保险缴费支出" column 本年收入合计 (page 8).
// Built by concatenation: fmt costs more, and locations are made for every
// emitted row.
func (f fig) location() string {
	if f.r == nil {
		return f.t.id + " " + f.t.name() + " (printed without data)"
	}
	seq := strconv.FormatInt(int64(f.r.seq), 10)
	page := strconv.FormatInt(int64(f.r.page), 10)
	if d := f.r.display(); d != "" {
		return f.t.id + " row " + seq + " " + strconv.Quote(d) + " column " + f.t.label(f.sec, f.key) + " (page " + page + ")"
	}
	return f.t.id + " row " + seq + " column " + f.t.label(f.sec, f.key) + " (page " + page + ")"
}

// term is a figure with its sign in a computed sum.
type term struct {
	f    fig
	sign int64
}

// identity states that a printed figure (expected) equals a sum of other
// printed figures (actual).
type identity struct {
	id    string
	desc  string
	total fig
	parts []term
	info  bool   // a difference is reported as info, not as a failure
	loc   string // overrides the default location (the total's)

	// describe, when set, builds the description instead of desc, only for
	// identities that are emitted (most all-blank ones are dropped).
	describe func(id identity) string
	// locVs appends " vs " and the location of each part to the default
	// location; locTail is appended after that. Both only apply when loc
	// is "", and are built only for emitted identities.
	locVs   bool
	locTail string
}

// rowPrefixed describes an identity by its row, then the shared desc:
// "2010101 行政运行: 合计 equals …".
func rowPrefixed(id identity) string { return id.total.r.display() + ": " + id.desc }

func plus(fs ...fig) []term {
	out := make([]term, len(fs))
	for i, f := range fs {
		out[i] = term{f, 1}
	}
	return out
}

// unitFactor converts cents of a printed unit into cents of the comparison
// unit: only 万元 → 元 scales.
func unitFactor(from, to string) int64 {
	if from == "万元" && to == "元" {
		return 10000
	}
	return 1
}

// comparisonUnit is the unit an identity is evaluated in: the tables' own
// unit when they agree, 元 when they differ.
func (id identity) comparisonUnit() string {
	unit := id.total.t.unit
	for _, p := range id.parts {
		u := p.f.t.unit
		switch {
		case u == "" || u == unit:
		case unit == "":
			unit = u
		default:
			return "元"
		}
	}
	return unit
}

// mixedUnits reports whether the figures are printed in different units.
func (id identity) mixedUnits() bool {
	for _, p := range id.parts {
		if u := p.f.t.unit; u != "" && id.total.t.unit != "" && u != id.total.t.unit {
			return true
		}
	}
	return false
}

// evaluate computes one checks row. Each printed figure carries half of
// its last printed place: ±0.005 of its unit (half a cent) with two
// decimals, ±0.5 printed whole (a budget in whole 元). The tolerance is the
// sum over the figures taking part, rounded up to the cent.
func (id identity) evaluate(cfg *config) (schema.Check, bool) {
	unit := id.comparisonUnit()
	tot := id.total.value()
	allBlank := tot.blank
	expected := tot.cents * unitFactor(id.total.t.unit, unit)
	halfCents := unitFactor(id.total.t.unit, unit) * tot.rounding()
	var actual int64
	for _, p := range id.parts {
		v := p.f.value()
		f := unitFactor(p.f.t.unit, unit)
		actual += p.sign * v.cents * f
		halfCents += f * v.rounding()
		if !v.blank {
			allBlank = false
		}
	}
	if allBlank && !cfg.blankInstances {
		return schema.Check{}, false
	}
	diff := actual - expected
	tol := (halfCents + 1) / 2
	status := schema.CheckPass
	abs := diff
	if abs < 0 {
		abs = -abs
	}
	desc := id.desc
	if id.describe != nil {
		desc = id.describe(id)
	}
	switch {
	case tot.blank && actual != 0:
		// A blank total beside parts that add up to something is a missing
		// figure, whatever the tolerance would allow.
		status = schema.CheckFail
		desc += " (total is blank)"
	case abs > tol && id.info:
		status = schema.CheckInfo
	case abs > tol:
		status = schema.CheckFail
	}
	loc := id.loc
	if loc == "" {
		loc = id.total.location()
		if id.locVs {
			for _, p := range id.parts {
				loc += " vs " + p.f.location()
			}
		}
		loc += id.locTail
	}
	if id.mixedUnits() {
		loc += " [compared in " + unit + "]"
	}
	// One allocation for the four figures instead of four.
	nums := &[4]int64{expected, actual, diff, tol}
	return schema.Check{
		CheckID:     id.id,
		Description: desc,
		Expected:    &nums[0],
		Actual:      &nums[1],
		Diff:        &nums[2],
		Tolerance:   &nums[3],
		Status:      status,
		Location:    loc,
	}, true
}

// skipped is the row of an identity that cannot be evaluated.
func skipped(id, desc, loc, reason string) schema.Check {
	return schema.Check{
		CheckID:     id,
		Description: desc + " — skipped: " + reason,
		Status:      schema.CheckSkipped,
		Location:    loc,
	}
}

// names joins the display names of rows for a description, shortened when
// there are many.
func names(rs []*row) string {
	const max = 4
	var parts []string
	for i, r := range rs {
		if i == max {
			parts = append(parts, fmt.Sprintf("… (%d rows)", len(rs)))
			break
		}
		parts = append(parts, r.display())
	}
	return strings.Join(parts, " + ")
}

// plusRows adds up the figures of one column for a list of rows.
func plusRows(t *table, sec, key string, rs []*row) []term {
	out := make([]term, len(rs))
	for i, r := range rs {
		out[i] = term{fig{t, r, sec, key}, 1}
	}
	return out
}
