package narrative

import (
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/schema"
	"github.com/shopspring/decimal"
)

// Check IDs of the narrative against the tables and against itself.
const (
	CheckAmount     = "N.amount"     // a stated amount equals the table figure it names
	CheckShare      = "N.share"      // a stated share equals its figure over its base
	CheckShareSum   = "N.share_sum"  // the shares of a complete list add up to 100%
	CheckCompletion = "N.completion" // a stated completion rate equals final / budget
	CheckChangePct  = "N.change_pct" // a stated change rate equals change / prior year
	CheckChange     = "N.change"     // a stated change equals this year − the stated prior year
	CheckDirection  = "N.direction"  // a direction word agrees with the figures
)

type checker struct {
	a      *Analysis
	ix     *index
	keys   []skey                     // each figure's subject, folded once
	amount [foldLevels]map[string]int // subject key → its first stated amount or final, per fold level
	out    []schema.Check
}

// lookback bounds how far back a check looks for the figures it compares:
// the figures of one statement sit close together, and a hostile document
// with thousands of figures in one section must not cost their square.
const lookback = 64

func (ck *checker) sentence(i int) Sentence { return ck.a.Sentences[ck.a.Figures[i].Sentence] }

// location names the page, section and sentence of figure i.
func (ck *checker) location(i int) string {
	s := ck.sentence(i)
	loc := "page " + strconv.Itoa(s.Page)
	if s.Section != "" {
		loc += " " + s.Section
	}
	return loc + " “" + s.Text + "”"
}

// add appends a check row comparing what the text states (actual) with
// what it should be (expected), both intervals of true values. A figure
// that is the expected one cut off rather than rounded (10.15 for 10.158)
// is info: a common convention, not an error.
func (ck *checker) add(id, desc string, fig int, expected interval, stated Figure, tail string) {
	si := printed(stated.Value, stated.Decimals)
	status := schema.CheckPass
	if !expected.admits(si) {
		status = schema.CheckFail
		if truncates(expected, stated) {
			status = schema.CheckInfo
			desc += "; " + conventionTruncated
		}
	}
	exp := expected.mid()
	if expected.lo.Equal(expected.hi) {
		exp = expected.lo
	}
	tol := expected.half().Add(si.half())
	ck.push(id, desc, fig, exp, stated.Value, tol, status, tail)
}

// The conventions that explain a figure without making it an error, named
// in the description of a check they turn to info.
const (
	conventionTruncated = "the figure is printed truncated, not rounded (a common convention: info, not an error)"
	conventionAdjusted  = "the shares were adjusted by a last digit so that they add up to 100% (largest remainder, a common convention: info, not an error)"
)

// truncates tells a stated figure that is the expected value cut off after
// its printed decimals: every value the figures allow lies in [stated,
// stated + one unit of its last digit). A table figure printed with no
// more decimals than the text (236.64 万元 for 236.63) is never explained so.
func truncates(expected interval, stated Figure) bool {
	if stated.Value.IsNegative() {
		return false
	}
	unit := decimal.New(1, int32(-stated.Decimals))
	return stated.Value.LessThanOrEqual(expected.lo) && expected.hi.LessThan(stated.Value.Add(unit))
}

func (ck *checker) push(id, desc string, fig int, expected, actual, tol decimal.Decimal, status, tail string) {
	e, a := cents(expected), cents(actual)
	d, t := a-e, centsWithin(tol)
	page := int32(ck.sentence(fig).Page)
	ck.out = append(ck.out, schema.Check{CheckID: id, Description: desc, Expected: &e, Actual: &a, Diff: &d,
		Tolerance: &t, Status: status, Location: ck.location(fig) + tail, Page: &page})
}

// passFail is the status of a check that no convention explains.
func passFail(pass bool) string {
	if pass {
		return schema.CheckPass
	}
	return schema.CheckFail
}

// cents rounds to the cent for the DECIMAL(18,2) columns.
func cents(d decimal.Decimal) int64 { return d.Shift(2).Round(0).IntPart() }

// centsWithin is the largest whole number of cents strictly within a
// tolerance: two figures printed to the cent agree only when equal, so
// their ±0.005 + ±0.005 allows a difference of 0.00, and |diff| > tolerance
// is exactly a failure.
func centsWithin(d decimal.Decimal) int64 {
	c := d.Shift(2)
	t := c.Floor()
	if t.Equal(c) && t.IsPositive() {
		t = t.Sub(decimal.NewFromInt(1))
	}
	return t.IntPart()
}

// cellInterval is a table figure's interval, in the unit of the text.
func cellInterval(c *Cell, unit string) interval {
	iv := printed(c.Value, 2)
	if c.NoTable {
		iv = interval{zero, zero}
	}
	switch {
	case c.Unit == "元" && unit == "万元":
		iv = iv.scale(decimal.New(1, -4))
	case c.Unit == "万元" && unit == "元":
		iv = iv.scale(decimal.NewFromInt(10000))
	}
	return iv
}

// cellName names a cell the way a person finds it in the PDF.
func cellName(c *Cell) string {
	if c.NoTable {
		return c.Table + " (printed without data)"
	}
	row := c.Item
	if c.Code != "" {
		row = c.Code + " " + c.Item
	}
	if row != "" {
		row = " “" + row + "”"
	}
	// A one-row table (B09, T07) prints no row label: the column names it.
	return c.Table + row + " " + c.Label + " = " + c.Value.StringFixed(2) + " " + c.Unit + " (page " + strconv.Itoa(int(c.Page)) + ")"
}

// amounts checks every stated amount that names a table figure.
func (ck *checker) amounts() {
	for i, f := range ck.a.Figures {
		c := ck.a.Cells[i]
		if c == nil {
			continue
		}
		desc := "the text's " + f.Subject + " (" + f.Metric + ") equals the table figure"
		ck.add(CheckAmount, desc, i, cellInterval(c, f.Unit), f, " vs "+cellName(c))
	}
}

// isAmountLike tells the figures that are a sum of money of this year.
func isAmountLike(f Figure) bool {
	return money(f.Unit) && (f.Metric == MetricAmount || f.Metric == MetricFinal)
}

// figureInterval is the interval of a stated figure.
func figureInterval(f Figure) interval { return printed(f.Value, f.Decimals) }

// skey is a subject folded at each fold level (see foldAll).
type skey [foldLevels]string

func keyOf(s string) skey { return foldAll(s) }

// same tells two subjects that fold alike at some level.
func (a skey) same(b skey) bool {
	for l := range a {
		if a[l] != "" && a[l] == b[l] {
			return true
		}
	}
	return false
}

// findBack returns the nearest figure before i (same sentence first, then
// the same section) whose subject folds to key and whose metric is one of
// metrics; -1 if none.
func (ck *checker) findBack(i int, key skey, metrics ...string) int {
	return ck.findBefore(i, ck.sentence(i).Section, key, metrics...)
}

// findBefore is findBack for the figures before end, within section sec:
// the nearest of the same subject as written, else as folded more loosely
// (一般公共预算财政拨款 read as 财政拨款, then neither).
func (ck *checker) findBefore(end int, sec string, key skey, metrics ...string) int {
	for l := 0; l < foldLevels; l++ {
		if key[l] == "" {
			continue
		}
		for j := end - 1; j >= 0 && end-j <= lookback; j-- {
			g := ck.a.Figures[j]
			if ck.a.Sentences[g.Sentence].Section != sec {
				break
			}
			if ck.keys[j][l] == key[l] && money(g.Unit) && oneOf(g.Metric, metrics) {
				return j
			}
		}
	}
	return -1
}

// amountOf returns the first amount or final the text states for key
// (anywhere in the text), -1 if none.
func (ck *checker) amountOf(key skey) int {
	if ck.amount[0] == nil {
		for l := range ck.amount {
			ck.amount[l] = map[string]int{}
		}
		for j, g := range ck.a.Figures {
			if !isAmountLike(g) {
				continue
			}
			for l, k := range ck.keys[j] {
				if _, seen := ck.amount[l][k]; !seen && k != "" {
					ck.amount[l][k] = j
				}
			}
		}
	}
	for l, k := range key {
		if j, ok := ck.amount[l][k]; ok && k != "" {
			return j
		}
	}
	return -1
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

// sameSentence lists the indices of the figures of figure i's sentence.
func (ck *checker) sameSentence(i int) (first, end int) {
	s := ck.a.Figures[i].Sentence
	first, end = i, i+1
	for first > 0 && i-first < lookback && ck.a.Figures[first-1].Sentence == s {
		first--
	}
	for end < len(ck.a.Figures) && end-i < lookback && ck.a.Figures[end].Sentence == s {
		end++
	}
	return first, end
}

// shareParts finds what share i is of: its own figure (the amount it
// follows) and its base; ok is false when either is not certain.
func (ck *checker) shareParts(i int) (own, base interval, baseName string, implicit int, ok bool) {
	f := ck.a.Figures[i]
	first, _ := ck.sameSentence(i)
	o := -1
	for j := i - 1; j >= first; j-- {
		if isAmountLike(ck.a.Figures[j]) {
			o = j
			break
		}
		if ck.a.Figures[j].Metric == MetricSharePct {
			break
		}
	}
	if o < 0 && f.Base != "" {
		// 一般公共预算财政拨款支出占本年支出合计的99.94%: its amount is stated
		// before, in another sentence.
		if j := ck.amountOf(ck.keys[i]); j >= 0 && j < i {
			o = j
		}
	}
	if o < 0 || !ck.keys[o].same(ck.keys[i]) {
		return
	}
	own = figureInterval(ck.a.Figures[o])
	implicit = -1
	switch {
	case f.Base != "":
		key := keyOf(f.Base)
		if j := ck.amountOf(key); j >= 0 {
			return own, figureInterval(ck.a.Figures[j]), f.Base + " " + ck.a.Figures[j].Value.StringFixed(int32(ck.a.Figures[j].Decimals)), -1, true
		}
		if c, found := ck.ix.resolve(Figure{Subject: f.Base, Metric: MetricAmount, Unit: ck.a.Figures[o].Unit}); found {
			return own, cellInterval(&c, ck.a.Figures[o].Unit), cellName(&c), -1, true
		}
		return
	case o > first && isAmountLike(ck.a.Figures[first]) && !ck.keys[first].same(ck.keys[i]) &&
		!ck.hasOwnShare(first):
		b := ck.a.Figures[first]
		return own, figureInterval(b), b.Subject + " " + b.Value.StringFixed(int32(b.Decimals)), first, true
	}
	// The sentence opens with its base in words: “三公”经费财政拨款支出决算中，…
	s := ck.sentence(i).Text
	if k := strings.IndexAny(s, "，,"); k > 0 {
		words := subjectOf(strings.TrimSuffix(s[:k], "中"), "")
		key := keyOf(words)
		if named := ck.ix.lookup(words); len(named) > 0 {
			if j := ck.amountOf(key); j >= 0 {
				g := ck.a.Figures[j]
				return own, figureInterval(g), g.Subject + " " + g.Value.StringFixed(int32(g.Decimals)), -1, true
			}
		}
	}
	return
}

// hasOwnShare tells an amount followed by its own share (a part of a
// list, not the total the list shares).
func (ck *checker) hasOwnShare(i int) bool {
	if i+1 >= len(ck.a.Figures) {
		return false
	}
	g := ck.a.Figures[i+1]
	return g.Sentence == ck.a.Figures[i].Sentence && g.Metric == MetricSharePct && ck.keys[i+1].same(ck.keys[i])
}

// shares checks stated shares against their own figures, and the shares of
// a complete list against 100%.
func (ck *checker) shares() {
	type list struct {
		base  int
		first int
		parts []int
	}
	var lists []*list
	checkOf := map[int]int{} // share figure → its N.share row in ck.out
	expectedOf := map[int]interval{}
	for i, f := range ck.a.Figures {
		if f.Metric != MetricSharePct {
			continue
		}
		own, base, baseName, implicit, ok := ck.shareParts(i)
		if !ok {
			continue
		}
		exp, ok := own.percentOf(base)
		if !ok {
			continue
		}
		checkOf[i], expectedOf[i] = len(ck.out), exp
		ck.add(CheckShare, "the stated share of "+f.Subject+" equals its amount over "+baseName, i, exp, f,
			" vs "+baseName)
		if implicit >= 0 {
			if n := len(lists); n > 0 && lists[n-1].base == implicit {
				lists[n-1].parts = append(lists[n-1].parts, i)
			} else {
				lists = append(lists, &list{base: implicit, first: i, parts: []int{i}})
			}
		}
	}
	for _, l := range lists {
		if len(l.parts) < 2 {
			continue
		}
		// Only a complete list must add up to 100%: its amounts make the base.
		sum, pct := interval{zero, zero}, interval{zero, zero}
		for _, p := range l.parts {
			own, _, _, _, _ := ck.shareParts(p)
			sum = sum.add(own)
			pct = pct.add(figureInterval(ck.a.Figures[p]))
		}
		base := figureInterval(ck.a.Figures[l.base])
		if !sum.admits(base) && !base.admits(sum) {
			continue
		}
		ck.adjustedShares(l.parts, checkOf, expectedOf)
		stated := Figure{Value: pct.mid(), Decimals: 2}
		ck.push(CheckShareSum, "the shares of a complete list add up to 100%", l.parts[len(l.parts)-1],
			hundred, stated.Value, pct.half(), passFail(pct.lo.LessThanOrEqual(hundred) && hundred.LessThanOrEqual(pct.hi)), "")
	}
}

// adjustedShares turns to info the failed shares of a complete list that
// a last-digit adjustment explains: the shares as printed add up to exactly
// 100%, the correctly rounded ones do not, and each failed share is one
// unit of its last digit off its rounded value, in the direction that
// brings the sum to 100% (r03: 86.05 + 3.52 + 0.88 + 9.55, where 29.42 /
// 307.82 is 9.56%).
func (ck *checker) adjustedShares(parts []int, checkOf map[int]int, expectedOf map[int]interval) {
	stated, rounded := zero, zero
	for _, p := range parts {
		f := ck.a.Figures[p]
		stated = stated.Add(f.Value)
		rounded = rounded.Add(expectedOf[p].mid().Round(int32(f.Decimals)))
	}
	if !stated.Equal(hundred) || rounded.Equal(hundred) {
		return
	}
	want := hundred.Sub(rounded).Sign()
	for _, p := range parts {
		f := ck.a.Figures[p]
		c := &ck.out[checkOf[p]]
		off := f.Value.Sub(expectedOf[p].mid().Round(int32(f.Decimals)))
		if c.Status == schema.CheckFail && off.Sign() == want && off.Abs().Equal(decimal.New(1, int32(-f.Decimals))) {
			c.Status = schema.CheckInfo
			c.Description += "; " + conventionAdjusted
		}
	}
}

// completions checks 完成预算的 X% against final / budget.
func (ck *checker) completions() {
	for i, f := range ck.a.Figures {
		if f.Metric != MetricCompletionPct {
			continue
		}
		key := ck.keys[i]
		fi := ck.findBack(i, key, MetricFinal, MetricAmount)
		if fi < 0 {
			continue
		}
		budgets := []string{MetricBudget, MetricFullYearBudget}
		if f.Base != "" {
			budgets = []string{f.Base}
		}
		var budget interval
		var budgetName string
		if bi := ck.findBack(i, key, budgets...); bi >= 0 {
			b := ck.a.Figures[bi]
			budget, budgetName = figureInterval(b), b.Subject+" "+b.Metric+" "+b.Value.StringFixed(int32(b.Decimals))
			if b.Value.IsZero() {
				budget = interval{zero, zero} // a budget of 0 is exactly 0, not ±half a unit
			}
		} else if c, ok := ck.ix.resolve(Figure{Subject: f.Subject, Metric: MetricBudget, Unit: ck.a.Figures[fi].Unit}); ok {
			budget, budgetName = cellInterval(&c, ck.a.Figures[fi].Unit), cellName(&c)
		} else {
			continue
		}
		final := ck.a.Figures[fi]
		exp, ok := figureInterval(final).percentOf(budget)
		if !ok {
			// A rate of a budget printed as 0 is certainly wrong when money was
			// spent and the rate is not 0 (完成年初预算的95.89% of 年初预算为0万元).
			if budget.lo.IsZero() && budget.hi.IsZero() && final.Value.IsPositive() && f.Value.IsPositive() {
				ck.push(CheckCompletion, "the stated completion rate of "+f.Subject+" is of a budget stated as 0", i,
					zero, f.Value, zero, schema.CheckFail, " vs final "+final.Value.StringFixed(int32(final.Decimals))+" / "+budgetName)
			}
			continue
		}
		ck.add(CheckCompletion, "the stated completion rate of "+f.Subject+" equals final / budget", i, exp, f,
			" vs final "+final.Value.StringFixed(int32(final.Decimals))+" / "+budgetName)
	}
}

// priorChanges checks 上年为 P 万元 … 增加 Y 万元 against this year's figure:
// Y = this − P, with the sign its direction word gives.
func (ck *checker) priorChanges() {
	for i, f := range ck.a.Figures {
		if f.Metric != MetricChange || sign(f.Direction) == 0 {
			continue
		}
		key := ck.keys[i]
		pi := ck.findBack(i, key, MetricPriorYear)
		ti := ck.findBack(i, key, MetricAmount, MetricFinal)
		if pi < 0 || ti < 0 {
			continue
		}
		this, prior := ck.a.Figures[ti], ck.a.Figures[pi]
		exp := figureInterval(this).sub(figureInterval(prior))
		if sign(f.Direction) < 0 {
			exp = interval{exp.hi.Neg(), exp.lo.Neg()}
		}
		ck.add(CheckChange, "the stated change of "+f.Subject+" ("+f.Direction+") equals this year − prior year", i, exp, f,
			" vs "+this.Value.StringFixed(int32(this.Decimals))+" − "+prior.Value.StringFixed(int32(prior.Decimals)))
	}
}

// changes checks 增加 Y 万元，增长 Z% against this year's figure: the prior
// year is this − change, and Z = change / prior.
func (ck *checker) changes() {
	for i, f := range ck.a.Figures {
		if f.Metric != MetricChangePct {
			continue
		}
		first, _ := ck.sameSentence(i)
		ci := -1
		for j := i - 1; j >= first; j-- {
			if ck.a.Figures[j].Metric == MetricChange && ck.keys[j].same(ck.keys[i]) {
				ci = j
				break
			}
		}
		if ci < 0 {
			ck.priorRate(i)
			continue
		}
		change := ck.a.Figures[ci]
		pctWords := ck.clauseOf(i)
		up, down := signs(pctWords)
		ambiguous := up && down // 下降（增长）27.78%: the template's two words left in
		if !ambiguous && sign(f.Direction) != 0 && sign(change.Direction) != 0 && sign(f.Direction) != sign(change.Direction) {
			// The words contradict each other: that is the one mistake, the
			// rate cannot be checked against either.
			page := int32(ck.sentence(i).Page)
			ck.out = append(ck.out, schema.Check{CheckID: CheckDirection, Status: schema.CheckFail, Page: &page,
				Description: "the change rate's direction word agrees with the change's (" + change.Direction + " vs " + f.Direction + ")",
				Location:    ck.location(i)})
			continue
		}
		ti := ck.findBack(ci, ck.keys[i], MetricAmount, MetricFinal)
		if ti < 0 || sign(change.Direction) == 0 {
			continue
		}
		this := ck.a.Figures[ti]
		c := figureInterval(change)
		if sign(change.Direction) < 0 {
			c = interval{c.hi.Neg(), c.lo.Neg()}
		}
		prior := figureInterval(this).sub(c)
		exp, ok := c.percentOf(prior)
		if !ok {
			continue // no prior year (a new unit): no rate to check
		}
		exp = interval{exp.lo.Abs(), exp.hi.Abs()}
		if exp.hi.LessThan(exp.lo) {
			exp = interval{exp.hi, exp.lo}
		}
		ck.add(CheckChangePct, "the stated change rate of "+f.Subject+" equals change / (this year − change)", i, exp, f,
			" vs change "+change.Value.StringFixed(int32(change.Decimals))+" on "+this.Value.StringFixed(int32(this.Decimals)))
	}
}

// priorRate checks a change rate stated without its change against this
// year's and the prior year's figures the text states (上年为P万元，本年为T万元，
// 下降Z%): Z = |T − P| / P, and its word must go the way T − P goes.
func (ck *checker) priorRate(i int) {
	f := ck.a.Figures[i]
	pi := ck.findBack(i, ck.keys[i], MetricPriorYear)
	ti := ck.findBack(i, ck.keys[i], MetricAmount, MetricFinal)
	if pi < 0 || ti < 0 {
		return
	}
	this, prior := ck.a.Figures[ti], ck.a.Figures[pi]
	c := figureInterval(this).sub(figureInterval(prior))
	if up, down := signs(ck.clauseOf(i)); up && down {
		return
	}
	if d := sign(f.Direction); d != 0 && (d > 0 && c.hi.IsNegative() || d < 0 && c.lo.IsPositive()) {
		page := int32(ck.sentence(i).Page)
		ck.out = append(ck.out, schema.Check{CheckID: CheckDirection, Status: schema.CheckFail, Page: &page,
			Description: "the change rate's direction word (" + f.Direction + ") agrees with this year " +
				this.Value.StringFixed(int32(this.Decimals)) + " against the prior year " + prior.Value.StringFixed(int32(prior.Decimals)),
			Location: ck.location(i)})
		return
	}
	if c.lo.IsNegative() && c.hi.IsPositive() {
		return // the sign is not certain: a rate near 0 is not checked
	}
	if c.hi.IsNegative() {
		c = interval{c.hi.Neg(), c.lo.Neg()}
	}
	exp, ok := c.percentOf(figureInterval(prior))
	if !ok {
		return
	}
	ck.add(CheckChangePct, "the stated change rate of "+f.Subject+" equals (this year − prior year) / prior year", i, exp, f,
		" vs "+this.Value.StringFixed(int32(this.Decimals))+" on prior year "+prior.Value.StringFixed(int32(prior.Decimals)))
}

// clauseOf is the clause a figure is printed in, up to the figure.
func (ck *checker) clauseOf(i int) string {
	f := ck.a.Figures[i]
	return lastClause(ck.sentence(i).Text[:f.start])
}

// comparisons checks 决算数大于/小于/同…预算数(持平) against the final and
// budget stated just before for the same subject.
func (ck *checker) comparisons() {
	fi := 0
	for si, s := range ck.a.Sentences {
		for fi < len(ck.a.Figures) && ck.a.Figures[fi].Sentence < si {
			fi++
		}
		if s.Heading > 0 {
			continue
		}
		word, budgetKind, ok := comparison(s.Text)
		if !ok || fi == 0 {
			continue
		}
		// The subject: the one named before 决算数 (2024年度“三公”经费支出决算数…),
		// else the last final stated before, in this section.
		named := keyOf(subjectOf(s.Text[:strings.Index(s.Text, "决算数")], ""))
		final := -1
		for j := fi - 1; j >= 0 && fi-j <= lookback; j-- {
			g := ck.a.Figures[j]
			if ck.a.Sentences[g.Sentence].Section != s.Section {
				break
			}
			if g.Metric == MetricFinal && money(g.Unit) && (named[0] == "" || ck.keys[j].same(named)) {
				final = j
				break
			}
		}
		if final < 0 {
			continue
		}
		key := ck.keys[final]
		if ck.a.Figures[final].Direction == "" {
			ck.a.Figures[final].Direction = word // the statements row of the final carries the comparison's word
		}
		kinds := []string{MetricBudget, MetricFullYearBudget}
		if budgetKind != "" {
			kinds = []string{budgetKind}
		}
		fv := figureInterval(ck.a.Figures[final])
		var budgets []Figure
		for _, k := range kinds {
			if bi := ck.findBefore(final+1, s.Section, key, k); bi >= 0 {
				budgets = append(budgets, ck.a.Figures[bi])
			}
		}
		if len(budgets) == 0 {
			continue
		}
		agrees := false
		for _, b := range budgets {
			bv := figureInterval(b)
			switch word {
			case "大于", "超过", "高于":
				agrees = agrees || !fv.certainlyLess(bv)
			case "小于", "低于":
				agrees = agrees || !bv.certainlyLess(fv)
			case "基本持平":
				// Roughly level: within a twentieth of the budget.
				tol := bv.mid().Abs().Div(decimal.NewFromInt(20))
				agrees = agrees || fv.mid().Sub(bv.mid()).Abs().LessThanOrEqual(tol)
			default: // 持平, 等于, 同
				agrees = agrees || fv.admits(bv) && bv.admits(fv)
			}
		}
		b := budgets[0]
		page := int32(s.Page)
		e, a := cents(b.Value), cents(ck.a.Figures[final].Value)
		d, t := a-e, int64(0)
		status := schema.CheckPass
		if !agrees {
			status = schema.CheckFail
		}
		ck.out = append(ck.out, schema.Check{CheckID: CheckDirection,
			Description: "“决算数" + word + "预算数” agrees with the stated final and budget of " + ck.a.Figures[final].Subject,
			Expected:    &e, Actual: &a, Diff: &d, Tolerance: &t, Status: status, Page: &page,
			Location: "page " + strconv.Itoa(s.Page) + " " + s.Section + " “" + s.Text + "” vs final " +
				ck.a.Figures[final].Value.StringFixed(2) + ", " + b.Metric + " " + b.Value.StringFixed(2) + " of " + ck.a.Figures[final].Subject})
	}
}

// comparison reads a sentence comparing the final with the budget:
// 决算数小于预算数…, 决算数同预算数持平, 决算数大于全年预算数…. It returns
// the word (大于 小于 持平 等于) and which budget, "" for either.
func comparison(s string) (word, budget string, ok bool) {
	i := strings.Index(s, "决算数")
	if i < 0 {
		return "", "", false
	}
	rest := s[i+len("决算数"):]
	j := strings.Index(rest, "预算数")
	if j < 0 || j > 30 {
		return "", "", false
	}
	mid := rest[:j]
	after := rest[j+len("预算数"):]
	switch {
	case strings.Contains(mid, "全年"):
		budget = MetricFullYearBudget
	case strings.Contains(mid, "年初"):
		budget = MetricBudget
	}
	for _, w := range []string{"大于", "小于", "超过", "低于", "高于", "等于"} {
		if strings.Contains(mid, w) {
			return w, budget, true
		}
	}
	if strings.HasPrefix(after, "基本持平") || strings.HasPrefix(after, "基本一致") || strings.HasPrefix(after, "大体持平") {
		return "基本持平", budget, true
	}
	if strings.HasPrefix(after, "持平") || strings.HasPrefix(after, "一致") || strings.HasPrefix(after, "相等") {
		return "持平", budget, true
	}
	return "", "", false
}
