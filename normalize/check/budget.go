package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
)

// Budget reports (部门预算) print their own tables, B01…B13; the identities
// below are those of final accounts (two-sided totals, row sums, 类 = Σ款 =
// Σ项, cross-table totals, 三公 parts) built from the same families.

// budgetTemplates are the sets of tables each budget template publishes, in
// the order their present checks are reported: Shanghai 2023-2026 prints
// nine, Jiangsu 2017-2019 twelve.
var budgetTemplates = [][]string{
	{tables.B01, tables.B02, tables.B03, tables.B04, tables.B05, tables.B06, tables.B07, tables.B08, tables.B09},
	{tables.B01, tables.B02, tables.B03, tables.B04, tables.B10, tables.B11, tables.B05, tables.B06, tables.B09, tables.B07, tables.B12, tables.B13},
}

// isBudget reports a report whose tables are budget tables.
func isBudget(ts []tables.Table) bool {
	for _, t := range ts {
		if tables.IsBudgetTable(t.ID) {
			return true
		}
	}
	return false
}

// allIn reports whether every id is one of set.
func allIn(ids, set []string) bool {
	for _, id := range ids {
		if !slices.Contains(set, id) {
			return false
		}
	}
	return true
}

// budgetExpected is the template set holding most of the report's tables
// (the first on a tie).
func budgetExpected(ts []tables.Table) []string {
	found := map[string]bool{}
	for _, t := range ts {
		found[t.ID] = true
	}
	best, bestN := budgetTemplates[0], -1
	for _, set := range budgetTemplates {
		n := 0
		for _, id := range set {
			if found[id] {
				n++
			}
		}
		if n > bestN {
			best, bestN = set, n
		}
	}
	return best
}

var budgetRowSumDescs = map[string]string{
	tables.B02: "合计 equals the sum of the income sources (财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入)",
	tables.B03: "合计 equals 基本支出 + 项目支出 (+ 单位预留机动经费 + 结转下年资金 where printed)",
	tables.B05: "合计 equals 基本支出 + 项目支出",
	tables.B06: "合计 equals 人员经费 + 公用经费",
	tables.B07: "合计 equals 基本支出 + 项目支出",
	tables.B08: "合计 equals 基本支出 + 项目支出",
}

// budgetFamilies lists every budget identity family in report order.
func budgetFamilies() []family {
	var fs []family
	fs = append(fs, budgetTwoSidedFamilies(tables.B01)...)
	for _, id := range []string{tables.B02, tables.B03} {
		fs = append(fs, sectionRowSumFamily(id, "", "total", budgetRowSumDescs[id]))
		fs = append(fs, hierarchyFamilies(id)...)
	}
	fs = append(fs, fundListFamilies()...)
	fs = append(fs, procurementFamily())
	fs = append(fs, sectionRowSumFamily(tables.B04, tables.SectionExpenditure, "total",
		"合计 equals 一般公共预算 + 政府性基金预算 + 国有资本经营预算"))
	fs = append(fs, budgetTwoSidedFamilies(tables.B04)...)
	for _, id := range []string{tables.B05, tables.B06, tables.B07, tables.B08} {
		fs = append(fs, sectionRowSumFamily(id, "", "total", budgetRowSumDescs[id]))
		fs = append(fs, hierarchyFamilies(id)...)
	}
	fs = append(fs, budgetThreePublicFamilies()...)
	for _, id := range []string{tables.B10, tables.B11, tables.B12} {
		fs = append(fs, hierarchyFamilies(id)...)
	}
	fs = append(fs, budgetCrossFamilies()...)
	return fs
}

// findBudgetSide finds the rows of one side of a two-sided budget table:
// the numbered items (一、…), the total they add up to (当年收入小计 where
// printed, else the closing 收入总计/收入合计), and the closing row with the
// rows between (上年结转资金) as carries.
func findBudgetSide(t *table, sec string) side {
	s := side{sec: sec, subs: map[*row][]*row{}}
	var sub *row
	var between []*row
	var last *row // the last numbered item, for its 1. 2. breakdown
	for _, r := range t.sectionRows(sec) {
		switch {
		case strings.Contains(r.norm, "小计") || strings.HasPrefix(r.norm, "当年收入") || strings.HasPrefix(r.norm, "当年支出"):
			// 当年收入小计, or its label cut by a narrow cell (r19: 当年收入).
			sub = r
		case strings.Contains(r.norm, "总计") || strings.HasSuffix(r.norm, "合计"):
			s.grand = r
		case sub != nil:
			between = append(between, r)
		default:
			if _, ok := ordinalPrefix(r.norm); ok {
				s.items = append(s.items, r)
				last = r
			} else if last != nil && isSubRow(r.norm) {
				s.subs[last] = append(s.subs[last], r)
			}
		}
		if s.grand != nil {
			break
		}
	}
	s.total = s.grand
	if sub != nil {
		s.total, s.carries = sub, between
	}
	if s.grand == nil {
		// A table closed by its 小计 (r19 prints no 收入合计/支出合计).
		s.grand = s.total
	}
	return s
}

// budgetSides gives the income side and the expenditure side of a two-sided
// budget table. Where expenditure is printed twice (Jiangsu B01: by function,
// then by use), the closing rows sit under the second; the first is
// checked against them.
func budgetSides(t *table) (in, out, byUse side) {
	in = findBudgetSide(t, tables.SectionIncome)
	out = findBudgetSide(t, tables.SectionExpenditure)
	byUse = findBudgetSide(t, tables.SectionExpenditureUse)
	if out.total == nil && byUse.total != nil {
		out.total, out.grand, out.carries = byUse.total, byUse.grand, byUse.carries
	}
	return in, out, byUse
}

// budgetTwoSidedFamilies checks the totals of B01 and B04.
func budgetTwoSidedFamilies(id string) []family {
	// fam builds one family over the sides of the table.
	fam := func(check, desc string, eval func(t *table, in, out, use side, checkID string) []identityOrSkip) family {
		return family{id: id + "." + check, desc: desc, needs: []string{id}, eval: func(rep report) []identityOrSkip {
			in, out, use := budgetSides(rep[id])
			return eval(rep[id], in, out, use, id+"."+check)
		}}
	}
	return []family{
		fam("income_total", "收入总计 (or 当年收入小计) equals the sum of the income items (一、…)",
			func(t *table, in, _, _ side, checkID string) []identityOrSkip {
				return sideTotal(t, in, checkID, "收入总计")
			}),
		fam("income_breakdown", "an income item equals the sum of its numbered breakdown (一、财政拨款收入 = 1.一般公共预算 + 2.政府性基金预算 + 3.国有资本经营预算)",
			func(t *table, in, _, _ side, checkID string) []identityOrSkip {
				in.carries = in.items // carryBreakdown walks the rows with a breakdown
				return carryBreakdown(t, in, checkID)
			}),
		fam("income_grand_total", "收入合计 equals 当年收入小计 + 上年结转资金",
			func(t *table, in, _, _ side, checkID string) []identityOrSkip {
				if in.total == in.grand {
					return nil // no 小计 printed: 收入总计 is the sum of the items
				}
				return grandTotal(t, in, checkID, "收入合计")
			}),
		fam("expenditure_total", "支出总计 (or 当年支出小计) equals the sum of the expenditure items (一、…), per column",
			func(t *table, _, out, _ side, checkID string) []identityOrSkip {
				return sideTotal(t, out, checkID, "支出总计")
			}),
		fam("expenditure_use_total", "当年支出小计 equals the sum of the expenditure items by use (基本支出 + 项目支出 + 单位预留机动经费)",
			func(t *table, _, _, use side, checkID string) []identityOrSkip {
				if use.total == nil {
					return nil // printed by one classification only
				}
				return sideTotal(t, use, checkID, "当年支出小计")
			}),
		fam("expenditure_grand_total", "支出合计 equals 当年支出小计 + 结转下年资金",
			func(t *table, _, out, _ side, checkID string) []identityOrSkip {
				if out.total == out.grand {
					return nil
				}
				return grandTotal(t, out, checkID, "支出合计")
			}),
		fam("balance", "收入总计 equals 支出总计",
			func(t *table, in, out, _ side, checkID string) []identityOrSkip {
				return balance(t, in, out, checkID)
			}),
	}
}

// budgetThreePublicFamilies checks B09: the 三公 total equals its three
// parts, the vehicle subtotal its two, and (Jiangsu) 合计 equals 三公 +
// 会议费 + 培训费.
func budgetThreePublicFamilies() []family {
	const id = tables.B09
	sums := []struct {
		check, desc, total string
		parts              []string
	}{
		{"three_public_total", "“三公”经费 合计 equals 因公出国（境）费 + 公务用车购置及运行费 (小计) + 公务接待费",
			"three_public_total", []string{"abroad", "vehicle_total", "reception"}},
		{"vehicle_total", "公务用车购置及运行费 小计 equals 购置费 + 运行费", "vehicle_total", []string{"vehicle_purchase", "vehicle_operation"}},
		{"total", "合计 equals “三公”经费 + 会议费 + 培训费", "total", []string{"three_public_total", "meeting", "training"}},
	}
	var fs []family
	for _, s := range sums {
		fs = append(fs, family{
			id:    id + "." + s.check,
			desc:  s.desc,
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				t := rep[id]
				if !t.hasCol("", s.total) {
					return nil
				}
				var ids []identity
				for _, r := range t.rows {
					if !r.cells.has(s.total) {
						continue
					}
					parts := make([]fig, len(s.parts))
					for i, k := range s.parts {
						parts[i] = fig{t, r, "", k}
					}
					ids = append(ids, identity{
						id:    id + "." + s.check,
						desc:  fmt.Sprintf("%s equals the sum of its parts", t.label("", s.total)),
						total: fig{t, r, "", s.total},
						parts: plus(parts...),
					})
				}
				return ev(ids...)
			},
		})
	}
	return fs
}

// budgetKey is the first of keys the table prints in the section.
func budgetKey(t *table, sec string, keys []string) (string, bool) {
	for _, k := range keys {
		if t.hasCol(sec, k) {
			return k, true
		}
	}
	return "", false
}

// budgetTotalPick is the 合计 (or 收入总计) row of a budget table, or its only
// row (Jiangsu 支出预算总表 prints one line without a label), in the first
// of keys it prints.
func budgetTotalPick(id string, keys ...string) pick {
	return func(rep report) (fig, string) {
		t := rep[id]
		key, ok := budgetKey(t, "", keys)
		if t.empty {
			return fig{t: t, key: key}, ""
		}
		if !ok {
			return fig{}, fmt.Sprintf("%s prints no column %s", id, strings.Join(keys, " or "))
		}
		rows := t.sectionRows("")
		for _, r := range rows {
			if r.code == "" && (r.isTotalRow() || strings.HasSuffix(r.norm, "总计")) {
				return fig{t, r, "", key}, ""
			}
		}
		if len(rows) == 1 {
			return fig{t, rows[0], "", key}, ""
		}
		return fig{}, fmt.Sprintf("no 合计 row found in %s", id)
	}
}

// budgetGrandPick is the closing row (收入总计, 支出合计) of one side of a
// two-sided budget table, in the first of keys it prints.
func budgetGrandPick(id, sec string, keys ...string) pick {
	return func(rep report) (fig, string) {
		t := rep[id]
		in, out, _ := budgetSides(t)
		s := in
		if sec == tables.SectionExpenditure {
			s = out
		}
		key, ok := budgetKey(t, sec, keys)
		if !ok && len(s.items) > 0 {
			key, ok = budgetKey(t, s.items[0].section, keys)
		}
		if t.empty {
			return fig{t: t, key: key}, ""
		}
		if !ok {
			return fig{}, fmt.Sprintf("%s prints no column %s", id, strings.Join(keys, " or "))
		}
		if s.grand == nil {
			return fig{}, fmt.Sprintf("no closing 总计/合计 row found on the %s side of %s", sec, id)
		}
		return fig{t, s.grand, s.grand.section, key}, ""
	}
}

// budgetLinePick is the row of one side of a two-sided budget table whose
// label names word (一、一般公共预算), in the first of keys it prints.
func budgetLinePick(id, sec, word string, keys ...string) pick {
	return func(rep report) (fig, string) {
		t := rep[id]
		key, ok := budgetKey(t, sec, keys)
		if t.empty {
			return fig{t: t, key: key}, ""
		}
		if !ok {
			return fig{}, fmt.Sprintf("%s prints no column %s", id, strings.Join(keys, " or "))
		}
		for _, r := range t.sectionRows(sec) {
			if strings.Contains(stripOrdinal(r.norm), word) {
				return fig{t, r, sec, key}, ""
			}
		}
		return fig{}, fmt.Sprintf("no row %s found in %s", word, id)
	}
}

// fundPick is the B04 figure of one fund: the expenditure total in the
// fund's column where B04 splits expenditure by fund (Shanghai), else the
// income line of the fund (Jiangsu prints expenditure by use only).
func fundPick(key, word string) pick {
	byColumn := budgetGrandPick(tables.B04, tables.SectionExpenditure, key)
	byLine := budgetLinePick(tables.B04, tables.SectionIncome, word, "amount")
	return func(rep report) (fig, string) {
		if rep[tables.B04].hasCol(tables.SectionExpenditure, key) {
			return byColumn(rep)
		}
		return byLine(rep)
	}
}

func budgetCrossFamilies() []family {
	B01, B02, B03, B04, B05, B06, B07, B08, B10, B11 := tables.B01, tables.B02, tables.B03, tables.B04, tables.B05, tables.B06, tables.B07, tables.B08, tables.B10, tables.B11
	inc, exp := tables.SectionIncome, tables.SectionExpenditure
	eqs := []equality{
		{
			id:    "X.B01_B02_income",
			desc:  "B01 收入总计 equals B02 合计 (收入总计)",
			needs: []string{B01, B02},
			total: budgetGrandPick(B01, inc, "amount"),
			parts: []pick{budgetTotalPick(B02, "total", "amount")},
		},
		{
			id:    "X.B01_B03_expenditure",
			desc:  "B01 支出总计 equals B03 合计",
			needs: []string{B01, B03},
			total: budgetGrandPick(B01, exp, "total", "amount"),
			parts: []pick{budgetTotalPick(B03, "total", "amount")},
		},
		{
			id:    "X.B04_B05_general_budget",
			desc:  "B04 一般公共预算 (expenditure column, or income line) equals B05 合计",
			needs: []string{B04, B05},
			total: fundPick("general_budget", "一般公共预算"),
			parts: []pick{budgetTotalPick(B05, "total", "amount")},
		},
		{
			id:    "X.B04_B07_gov_fund",
			desc:  "B04 政府性基金预算 (expenditure column, or income line) equals B07 合计",
			needs: []string{B04, B07},
			total: fundPick("gov_fund", "政府性基金"),
			parts: []pick{budgetTotalPick(B07, "total", "amount")},
		},
		{
			id:    "X.B04_B08_state_capital",
			desc:  "B04 国有资本经营预算 (expenditure column, or income line) equals B08 合计",
			needs: []string{B04, B08},
			total: fundPick("state_capital", "国有资本经营"),
			parts: []pick{budgetTotalPick(B08, "total", "amount")},
		},
		{
			id:    "X.B05_B06_basic",
			desc:  "B05 合计 基本支出 equals B06 合计",
			needs: []string{B05, B06},
			total: budgetTotalPick(B05, "basic"),
			parts: []pick{budgetTotalPick(B06, "total", "amount")},
		},
		{
			id:    "X.B04_B10_fiscal",
			desc:  "B04 支出合计 equals B10 合计 (财政拨款支出)",
			needs: []string{B04, B10},
			total: budgetGrandPick(B04, exp, "total", "amount"),
			parts: []pick{budgetTotalPick(B10, "total", "amount")},
		},
		{
			id:    "X.B04_B11_basic",
			desc:  "B04 基本支出 equals B11 合计 (财政拨款基本支出)",
			needs: []string{B04, B11},
			total: budgetLinePick(B04, exp, "基本支出", "amount"),
			parts: []pick{budgetTotalPick(B11, "total", "amount")},
		},
	}
	fs := make([]family, len(eqs))
	for i, e := range eqs {
		fs[i] = e.family()
		if e.id == "X.B05_B06_basic" {
			fs[i].eval = onlyWithBasic(fs[i].eval)
		}
	}
	return fs
}

// onlyWithBasic evaluates the B05/B06 identity only where B05 splits its
// spending into 基本支出 and 项目支出: Jiangsu's prints one 金额 column, so
// the template has nothing to compare.
func onlyWithBasic(eval func(report) []identityOrSkip) func(report) []identityOrSkip {
	return func(rep report) []identityOrSkip {
		if t := rep[tables.B05]; !t.empty && !t.hasCol("", "basic") {
			return nil
		}
		return eval(rep)
	}
}

// BudgetIDs lists every check_id Run can produce for a budget report, in
// report order.
func BudgetIDs() []string {
	var out []string
	seen := map[string]bool{}
	for _, set := range budgetTemplates {
		for _, id := range set {
			if !seen[id] {
				seen[id] = true
				out = append(out, id+".present")
			}
		}
	}
	for _, f := range budgetFamilies() {
		if !seen[f.id] {
			seen[f.id] = true
			out = append(out, f.id)
		}
	}
	return out
}

// fundListFamilies check the Jiangsu 收入预算总表, a list of funds without
// codes: each fund's 小计 equals its lines below (其中 lines aside), and
// 收入总计 the sum of the 小计 lines.
func fundListFamilies() []family {
	const id = tables.B02
	return []family{
		{
			id:    id + ".fund_sum",
			desc:  "a fund's 小计 equals the sum of its lines (公共财政拨款(补助)资金 + 专项收入 …)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				t := rep[id]
				_, subs := fundList(t)
				var ids []identity
				for _, sub := range subs {
					if len(sub.lines) == 0 {
						continue
					}
					ids = append(ids, identity{
						id:    id + ".fund_sum",
						desc:  fmt.Sprintf("%s equals the sum of its %d lines (%s)", sub.row.item, len(sub.lines), names(sub.lines)),
						total: fig{t, sub.row, "", "amount"},
						parts: plusRows(t, "", "amount", sub.lines),
					})
				}
				return ev(ids...)
			},
		},
		{
			id:    id + ".fund_total",
			desc:  "收入总计 equals the sum of the funds' 小计 lines",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				t := rep[id]
				total, subs := fundList(t)
				if total == nil || len(subs) == 0 {
					return nil
				}
				rows := make([]*row, len(subs))
				for i, s := range subs {
					rows[i] = s.row
				}
				return ev(identity{
					id:    id + ".fund_total",
					desc:  fmt.Sprintf("%s equals the sum of the %d 小计 lines (%s)", total.item, len(rows), names(rows)),
					total: fig{t, total, "", "amount"},
					parts: plusRows(t, "", "amount", rows),
				})
			},
		},
	}
}

// fundSubtotal is a fund's 小计 row of a fund list and the lines it totals.
type fundSubtotal struct {
	row   *row
	lines []*row
}

// fundList reads a fund list (B02 without codes, one amount column): its
// 收入总计 row and each 小计 with the lines after it. A table with codes or
// other columns is not one.
func fundList(t *table) (total *row, subs []fundSubtotal) {
	if cols := t.sectionCols(""); len(cols) != 1 || cols[0] != "amount" {
		return nil, nil
	}
	for _, r := range t.sectionRows("") {
		switch {
		case r.code != "":
			return nil, nil
		case strings.HasSuffix(r.norm, "总计"):
			total = r
		case strings.HasSuffix(r.norm, "小计"):
			subs = append(subs, fundSubtotal{row: r})
		case len(subs) > 0 && !isSubRow(r.norm):
			last := &subs[len(subs)-1]
			last.lines = append(last.lines, r)
		}
	}
	return total, subs
}

// procurementFamily checks the procurement budget (B13): 合计 equals the sum
// of the kinds of purchase (一、货物, 二、工程, 三、服务).
func procurementFamily() family {
	const id = tables.B13
	return family{
		id:    id + ".total",
		desc:  "合计 equals the sum of the kinds of purchase (一、货物 + 二、工程 + 三、服务)",
		needs: []string{id},
		eval: func(rep report) []identityOrSkip {
			t := rep[id]
			var total *row
			var kinds []*row
			for _, r := range t.sectionRows("") {
				if _, ok := ordinalPrefix(r.norm); ok {
					kinds = append(kinds, r)
				} else if total == nil && r.isTotalRow() {
					total = r
				}
			}
			if total == nil || len(kinds) == 0 || !t.hasCol("", "total") {
				return nil
			}
			return ev(identity{
				id:    id + ".total",
				desc:  fmt.Sprintf("%s equals the sum of the %d kinds of purchase (%s)", total.item, len(kinds), names(kinds)),
				total: fig{t, total, "", "total"},
				parts: plusRows(t, "", "total", kinds),
			})
		},
	}
}
