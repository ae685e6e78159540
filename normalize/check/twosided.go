package check

import (
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
)

// side is one half (收入 or 支出) of a two-sided summary table (T01, T04),
// its rows identified by their labels, which vary across template years.
type side struct {
	sec     string
	items   []*row          // the addends of 本年收入/支出合计 (一、… 二、…)
	total   *row            // 本年收入合计 / 本年支出合计
	carries []*row          // 年初结转和结余, 使用非财政拨款结余, 结余分配, …
	subs    map[*row][]*row // numbered breakdown printed under a carry row
	grand   *row            // 总计
}

// analyzeSide finds the rows of one side of a two-sided table. The result
// is cached on the table and shared: callers must not modify it.
func analyzeSide(t *table, sec, word string) side {
	key := sideKey{sec, word}
	if s, ok := t.sides[key]; ok {
		return s
	}
	s := findSide(t, sec, word)
	if t.sides == nil {
		t.sides = map[sideKey]side{}
	}
	t.sides[key] = s
	return s
}

func findSide(t *table, sec, word string) side {
	s := side{sec: sec, subs: map[*row][]*row{}}
	rows := t.sectionRows(sec)
	ti := -1
	for i, r := range rows {
		if strings.Contains(r.norm, "本年"+word) {
			ti = i
			break
		}
	}
	if ti < 0 {
		for i, r := range rows {
			if strings.Contains(r.norm, word) && !strings.Contains(r.norm, "总计") {
				ti = i
				break
			}
		}
	}
	if ti < 0 {
		return s
	}
	s.total = rows[ti]
	s.items = addends(rows[:ti])
	var carry *row
	for _, r := range rows[ti+1:] {
		switch {
		case strings.Contains(r.norm, "总计"):
			s.grand = r
		case isCarryRow(r.norm) && !isSubRow(r.norm):
			carry = r
			s.carries = append(s.carries, r)
		case carry != nil:
			if _, ok := ordinalPrefix(r.norm); ok {
				s.subs[carry] = append(s.subs[carry], r)
			}
		}
		if s.grand != nil {
			break
		}
	}
	return s
}

// addends picks the rows that add up to 本年收入/支出合计: the numbered ones
// (一、二、…) when the template numbers them, else every row that is not a
// "其中" breakdown.
func addends(rows []*row) []*row {
	var numbered, plain []*row
	for _, r := range rows {
		if _, ok := ordinalPrefix(r.norm); ok {
			numbered = append(numbered, r)
		}
		if !isSubRow(r.norm) && r.norm != "" {
			plain = append(plain, r)
		}
	}
	if len(numbered) > 0 {
		return numbered
	}
	return plain
}

var sideWords = map[string]struct{ income, expenditure string }{
	tables.T01: {"收入合计", "支出合计"},
	tables.T04: {"收入合计", "支出合计"},
}

// twoSidedFamilies checks the totals of a two-sided summary table.
func twoSidedFamilies(id string) []family {
	words := sideWords[id]
	in := func(rep report) side { return analyzeSide(rep[id], tables.SectionIncome, words.income) }
	out := func(rep report) side { return analyzeSide(rep[id], tables.SectionExpenditure, words.expenditure) }
	return []family{
		{
			id:    id + ".income_total",
			desc:  "本年收入合计 equals the sum of the income items (一、…)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return sideTotal(rep[id], in(rep), id+".income_total", "本年收入合计")
			},
		},
		{
			id:    id + ".expenditure_total",
			desc:  "本年支出合计 equals the sum of the expenditure classes (一、一般公共服务支出 …)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return sideTotal(rep[id], out(rep), id+".expenditure_total", "本年支出合计")
			},
		},
		{
			id:    id + ".income_grand_total",
			desc:  "收入总计 equals 本年收入合计 + the carried-in rows (使用非财政拨款结余, 年初结转和结余)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return grandTotal(rep[id], in(rep), id+".income_grand_total", "收入总计")
			},
		},
		{
			id:    id + ".expenditure_grand_total",
			desc:  "支出总计 equals 本年支出合计 + the carried-out rows (结余分配, 年末结转和结余)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return grandTotal(rep[id], out(rep), id+".expenditure_grand_total", "支出总计")
			},
		},
		{
			id:    id + ".carry_breakdown",
			desc:  "a carry-over row (年初/年末结转和结余) equals the sum of its numbered breakdown",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				a := carryBreakdown(rep[id], in(rep), id+".carry_breakdown")
				return append(a, carryBreakdown(rep[id], out(rep), id+".carry_breakdown")...)
			},
		},
		{
			id:    id + ".balance",
			desc:  "收入总计 equals 支出总计",
			needs: []string{id},
			eval:  func(rep report) []identityOrSkip { return balance(rep[id], in(rep), out(rep), id+".balance") },
		},
	}
}

func missingRow(t *table, checkID, desc, what string) []identityOrSkip {
	s := skipped(checkID, desc, t.id+" "+t.name(), "no row "+what+" found in "+t.id)
	return []identityOrSkip{{skip: &s}}
}

func sideTotal(t *table, s side, checkID, what string) []identityOrSkip {
	desc := what + " equals the sum of the " + map[bool]string{true: "income items", false: "expenditure classes"}[s.sec == tables.SectionIncome]
	if t.empty {
		return nil
	}
	if s.total == nil {
		return missingRow(t, checkID, desc, what)
	}
	var ids []identity
	for _, k := range t.sectionCols(s.sec) {
		ids = append(ids, identity{
			id:    checkID,
			desc:  fmt.Sprintf("%s equals the sum of the %d rows above it (%s), column %s", s.total.item, len(s.items), names(s.items), t.label(s.sec, k)),
			total: fig{t, s.total, s.sec, k},
			parts: plusRows(t, s.sec, k, s.items),
		})
	}
	return ev(ids...)
}

func grandTotal(t *table, s side, checkID, what string) []identityOrSkip {
	if t.empty {
		return nil
	}
	if s.total == nil || s.grand == nil {
		return missingRow(t, checkID, what+" equals the current-year total plus carry-over rows", "总计 or 本年合计")
	}
	addRows := append([]*row{s.total}, s.carries...)
	var ids []identity
	for _, k := range t.sectionCols(s.sec) {
		ids = append(ids, identity{
			id:    checkID,
			desc:  fmt.Sprintf("%s (%s) equals %s, column %s", what, s.grand.item, names(addRows), t.label(s.sec, k)),
			total: fig{t, s.grand, s.sec, k},
			parts: plusRows(t, s.sec, k, addRows),
		})
	}
	return ev(ids...)
}

func carryBreakdown(t *table, s side, checkID string) []identityOrSkip {
	var ids []identity
	for _, c := range s.carries {
		subs := s.subs[c]
		if len(subs) == 0 {
			continue
		}
		for _, k := range t.sectionCols(s.sec) {
			ids = append(ids, identity{
				id:    checkID,
				desc:  fmt.Sprintf("%s equals the sum of its %d numbered rows (%s), column %s", c.item, len(subs), names(subs), t.label(s.sec, k)),
				total: fig{t, c, s.sec, k},
				parts: plusRows(t, s.sec, k, subs),
			})
		}
	}
	return ev(ids...)
}

// balance compares the two 总计 rows: the income side's value column with
// the expenditure side's total column (T04 splits expenditure by fund).
func balance(t *table, in, out side, checkID string) []identityOrSkip {
	if t.empty {
		return nil
	}
	if in.grand == nil || out.grand == nil {
		return missingRow(t, checkID, "收入总计 equals 支出总计", "总计 on both sides")
	}
	inCols, outCols := t.sectionCols(in.sec), t.sectionCols(out.sec)
	if len(inCols) == 0 || len(outCols) == 0 {
		return nil
	}
	outKey := outCols[0]
	if t.hasCol(out.sec, "total") {
		outKey = "total"
	}
	return ev(identity{
		id:    checkID,
		desc:  fmt.Sprintf("收入总计 equals 支出总计 (column %s vs %s)", t.label(in.sec, inCols[0]), t.label(out.sec, outKey)),
		total: fig{t, in.grand, in.sec, inCols[0]},
		parts: plus(fig{t, out.grand, out.sec, outKey}),
		locVs: true,
	})
}
