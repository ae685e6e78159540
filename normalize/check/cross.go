package check

import (
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/textfold"
)

// pick finds one figure for a cross-table identity. A table printed without
// data yields a row-less figure (0); a row that cannot be found yields a
// reason to skip.
type pick func(rep report) (fig, string)

// totalRowPick is the 合计 row of a coded table in one column.
func totalRowPick(id, key string) pick {
	return func(rep report) (fig, string) {
		t := rep[id]
		if t.empty {
			return fig{t: t, key: key}, ""
		}
		if !t.hasCol("", key) {
			return fig{}, fmt.Sprintf("%s prints no column %s", id, key)
		}
		for _, r := range t.sectionRows("") {
			if r.isTotalRow() {
				return fig{t, r, "", key}, ""
			}
		}
		return fig{}, fmt.Sprintf("no 合计 row found in %s", id)
	}
}

// sideTotalPick is 本年收入合计 or 本年支出合计 of a two-sided table.
func sideTotalPick(id, sec, key string) pick {
	return func(rep report) (fig, string) {
		t := rep[id]
		if t.empty {
			return fig{t: t, key: key}, ""
		}
		word := sideWords[id].income
		if sec == tables.SectionExpenditure {
			word = sideWords[id].expenditure
		}
		s := analyzeSide(t, sec, word)
		if s.total == nil {
			return fig{}, fmt.Sprintf("no row 本年%s found in %s", word, id)
		}
		if key == "" {
			cols := t.sectionCols(sec)
			if len(cols) == 0 {
				return fig{}, fmt.Sprintf("%s prints no value column", id)
			}
			key = cols[0]
		}
		if !t.hasCol(sec, key) {
			return fig{}, fmt.Sprintf("%s prints no column %s", id, key)
		}
		return fig{t, s.total, sec, key}, ""
	}
}

// blockTotalPick is 人员经费合计 or 公用经费合计 of T06.
func blockTotalPick(word string) pick {
	return func(rep report) (fig, string) {
		t := rep[tables.T06]
		if t.empty {
			return fig{t: t, key: "amount"}, ""
		}
		r := blockTotalRow(t, word)
		if r == nil {
			return fig{}, fmt.Sprintf("no row %s合计 found in T06", word)
		}
		cols := t.sectionCols(r.section)
		if len(cols) == 0 {
			return fig{}, "T06 prints no value column"
		}
		return fig{t, r, r.section, cols[0]}, ""
	}
}

// equality is a cross-table identity: the first figure equals the sum of the
// others.
type equality struct {
	id    string
	desc  string
	needs []string
	total pick
	parts []pick
	info  bool
	// guard returns a reason to skip when the template does not make the
	// figures equal.
	guard func(rep report) string
}

func (e equality) family() family {
	return family{
		id:    e.id,
		desc:  e.desc,
		needs: e.needs,
		eval: func(rep report) []identityOrSkip {
			loc := strings.Join(e.needs, " vs ")
			if e.guard != nil {
				if why := e.guard(rep); why != "" {
					s := skipped(e.id, e.desc, loc, why)
					return []identityOrSkip{{skip: &s}}
				}
			}
			total, why := e.total(rep)
			var parts []fig
			for _, p := range e.parts {
				if why != "" {
					break
				}
				var f fig
				f, why = p(rep)
				parts = append(parts, f)
			}
			if why != "" {
				s := skipped(e.id, e.desc, loc, why)
				return []identityOrSkip{{skip: &s}}
			}
			return ev(identity{
				id:    e.id,
				desc:  e.desc,
				total: total,
				parts: plus(parts...),
				info:  e.info,
				locVs: true,
			})
		},
	}
}

func crossFamilies() []family {
	T01, T02, T03, T04, T05, T06, T07, T08, T09 := tables.T01, tables.T02, tables.T03, tables.T04, tables.T05, tables.T06, tables.T07, tables.T08, tables.T09
	inc, exp := tables.SectionIncome, tables.SectionExpenditure
	eqs := []equality{
		{
			id:    "X.T01_T02_income",
			desc:  "T01 本年收入合计 equals T02 合计 本年收入合计",
			needs: []string{T01, T02},
			total: sideTotalPick(T01, inc, ""),
			parts: []pick{totalRowPick(T02, "total")},
		},
		{
			id:    "X.T01_T03_expenditure",
			desc:  "T01 本年支出合计 equals T03 合计 本年支出合计",
			needs: []string{T01, T03},
			total: sideTotalPick(T01, exp, ""),
			parts: []pick{totalRowPick(T03, "total")},
		},
	}
	var fs []family
	for _, e := range eqs {
		fs = append(fs, e.family())
	}
	fs = append(fs, classMatchFamily(T01, "", T03, "total", "X.T01_T03_class"), fundIncomeFamily())
	eqs = []equality{
		{
			id:    "X.T04_T05_general_budget",
			desc:  "T04 本年支出合计 in the 一般公共预算财政拨款 column equals T05 合计",
			needs: []string{T04, T05},
			total: sideTotalPick(T04, exp, "general_budget"),
			parts: []pick{totalRowPick(T05, "total")},
		},
		{
			id:    "X.T04_T08_gov_fund",
			desc:  "T04 本年支出合计 in the 政府性基金预算财政拨款 column equals T08 合计 本年支出",
			needs: []string{T04, T08},
			total: sideTotalPick(T04, exp, "gov_fund"),
			parts: []pick{totalRowPick(T08, "total")},
		},
		{
			id:    "X.T04_T09_state_capital",
			desc:  "T04 本年支出合计 in the 国有资本经营预算财政拨款 column equals T09 合计 本年支出",
			needs: []string{T04, T09},
			total: sideTotalPick(T04, exp, "state_capital"),
			parts: []pick{totalRowPick(T09, "total")},
		},
		{
			id:    "X.T05_T06_basic",
			desc:  "T05 合计 基本支出 equals T06 人员经费合计 + 公用经费合计",
			needs: []string{T05, T06},
			total: totalRowPick(T05, "basic"),
			parts: []pick{blockTotalPick("人员经费"), blockTotalPick("公用经费")},
		},
		{
			id:    "X.T02_T04_fiscal_income",
			desc:  "T02 合计 财政拨款收入 equals T04 本年收入合计",
			needs: []string{T02, T04},
			total: totalRowPick(T02, "fiscal_appropriation"),
			parts: []pick{sideTotalPick(T04, inc, "")},
			guard: fiscalIncomeComparable,
		},
		{
			id:    "X.T07_T06_vehicle_operation",
			desc:  "T07 决算数 公务用车运行维护费 compared with T06 30231 公务用车运行维护费 (T07 also covers project spending, so a difference is information, not an error)",
			needs: []string{T07, T06},
			total: t07Pick("final_vehicle_operation"),
			parts: []pick{economicPick("30231")},
			info:  true,
		},
	}
	for _, e := range eqs {
		fs = append(fs, e.family())
	}
	fs = append(fs,
		classMatchFamily(T04, "general_budget", T05, "total", "X.T04_T05_class"),
		classMatchFamily(T04, "gov_fund", T08, "total", "X.T04_T08_class"),
		classMatchFamily(T04, "state_capital", T09, "total", "X.T04_T09_class"),
	)
	return fs
}

// fiscalIncomeComparable explains why T02's 财政拨款收入 cannot be compared
// with T04's 本年收入合计, or returns "" when the template makes them equal:
// T02 prints one 财政拨款 column covering every fund and T04 covers every
// fund too.
func fiscalIncomeComparable(rep report) string {
	t2, t4 := rep[tables.T02], rep[tables.T04]
	label := textfold.LabelKey(t2.label("", "fiscal_appropriation"))
	if !t2.hasCol("", "fiscal_appropriation") {
		return "T02 prints no 财政拨款收入 column"
	}
	for _, w := range []string{"一般公共预算", "政府性基金", "国有资本"} {
		if strings.Contains(label, w) {
			return "T02's 财政拨款 column (" + label + ") covers one fund only in this template"
		}
	}
	for _, c := range t2.cols {
		l := textfold.LabelKey(t2.label(c.section, c.key))
		if c.key != "fiscal_appropriation" && strings.Contains(l, "财政拨款") {
			return "T02 splits 财政拨款 over several columns in this template"
		}
	}
	if strings.HasPrefix(textfold.LabelKey(t4.title), "一般公共预算") {
		return "T04 covers 一般公共预算 only in this template"
	}
	return ""
}

// t07Pick is a T07 value of the first data row (the table has one).
func t07Pick(key string) pick {
	return func(rep report) (fig, string) {
		t := rep[tables.T07]
		if t.empty {
			return fig{t: t, key: key}, ""
		}
		for _, r := range t.rows {
			if r.cells.has(key) {
				sec := ""
				for _, c := range t.cols {
					if c.key == key {
						sec = c.section
					}
				}
				return fig{t, r, sec, key}, ""
			}
		}
		return fig{}, "T07 prints no column " + key
	}
}

// economicPick is the T06 row of an economic code.
func economicPick(code string) pick {
	return func(rep report) (fig, string) {
		t := rep[tables.T06]
		if t.empty {
			return fig{t: t, key: "amount"}, ""
		}
		for _, r := range t.rows {
			if r.code == code {
				cols := t.sectionCols(r.section)
				if len(cols) == 0 {
					break
				}
				return fig{t, r, r.section, cols[0]}, ""
			}
		}
		return fig{}, "T06 prints no row " + code
	}
}
