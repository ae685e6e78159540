package check

import (
	"fmt"

	"github.com/juesuan/juesuan/extract/tables"
)

// classMatchFamily compares each expenditure class line of a two-sided
// summary table (T01, T04) in one column with the 类 row of the same class
// in a coded table (T03, T05, T08, T09), matched by name, or by class code
// for names that changed over the years. col "" is the summary side's first
// column. A class the coded table does not print counts as 0 there.
func classMatchFamily(sumID, col, codedID, codedCol, checkID string) family {
	desc := fmt.Sprintf("each %s expenditure class equals the %s 类 row of that class", sumID, codedID)
	return family{
		id:    checkID,
		desc:  desc,
		needs: []string{sumID, codedID},
		eval: func(rep report) []identityOrSkip {
			ts, tc := rep[sumID], rep[codedID]
			if ts.empty {
				return nil
			}
			sec := tables.SectionExpenditure
			s := analyzeSide(ts, sec, sideWords[sumID].expenditure)
			key := col
			if cols := ts.sectionCols(sec); key == "" && len(cols) > 0 {
				key = cols[0]
			}
			if s.total == nil || key == "" || !ts.hasCol(sec, key) || (!tc.empty && !tc.hasCol("", codedCol)) {
				sk := skipped(checkID, desc, sumID+" vs "+codedID, fmt.Sprintf("%s expenditure classes or %s column %s not found", sumID, codedID, codedCol))
				return []identityOrSkip{{skip: &sk}}
			}
			byName, byCode := map[string]*row{}, map[string]*row{}
			var classes []*row
			for _, r := range tc.sectionRows("") {
				if r.level == 1 && r.code != "" {
					byName[r.norm] = r
					byCode[r.code] = r
					classes = append(classes, r)
				}
			}
			matched := map[*row]bool{}
			out := make([]identityOrSkip, 0, len(s.items))
			// Descriptions and locations are built only for the identities
			// emitted: most classes are blank in most of the coded tables.
			sumLabel, codedLabel := ts.label(sec, key), tc.label("", codedCol)
			describe := func(id identity) string {
				other := "(not printed, 0)"
				if r := id.parts[0].f.r; r != nil {
					other = r.display()
				}
				return sumID + " class " + id.total.r.item + " (column " + sumLabel + ") equals " + codedID + " 类 " + other + " (column " + codedLabel + ")"
			}
			unprinted := " vs " + codedID + " (no 类 row for this class)"
			ids := make([]identity, len(s.items))
			for i, c := range s.items {
				rc := byName[stripOrdinal(c.norm)]
				if rc == nil {
					rc = byCode[classCode(c.item)]
				}
				id := identity{id: checkID, describe: describe, total: fig{ts, c, sec, key}}
				if rc != nil {
					matched[rc] = true
					id.parts, id.locVs = plus(fig{tc, rc, "", codedCol}), true
				} else {
					id.parts, id.locTail = plus(fig{t: tc, key: codedCol}), unprinted // class not printed: nothing spent
				}
				ids[i] = id
				out = append(out, identityOrSkip{id: &ids[i]})
			}
			for _, rc := range classes {
				fc := fig{tc, rc, "", codedCol}
				if matched[rc] || fc.value().blank {
					continue
				}
				sk := skipped(checkID, codedID+" 类 "+rc.display()+" has a matching "+sumID+" expenditure class", fc.location(),
					"no "+sumID+" expenditure class matches this 类 by name or code")
				out = append(out, identityOrSkip{skip: &sk})
			}
			return out
		},
	}
}

// fundIncomeFamily compares each fiscal-appropriation income line of T04
// (一、一般公共预算财政拨款 …) with the T01 income line of the same fund
// (一、一般公共预算财政拨款收入 …), matched by name. Templates that print one
// 财政拨款收入 line in T01 have no match for the per-fund lines: those are
// skipped with the reason.
func fundIncomeFamily() family {
	const checkID = "X.T01_T04_fund_income"
	desc := "each T01 财政拨款 income line equals the T04 income line of the same fund"
	return family{
		id:    checkID,
		desc:  desc,
		needs: []string{tables.T01, tables.T04},
		eval: func(rep report) []identityOrSkip {
			t1, t4 := rep[tables.T01], rep[tables.T04]
			if t1.empty || t4.empty {
				return nil
			}
			sec := tables.SectionIncome
			s1 := analyzeSide(t1, sec, sideWords[tables.T01].income)
			s4 := analyzeSide(t4, sec, sideWords[tables.T04].income)
			c1, c4 := t1.sectionCols(sec), t4.sectionCols(sec)
			if s1.total == nil || s4.total == nil || len(c1) == 0 || len(c4) == 0 {
				sk := skipped(checkID, desc, "T01 vs T04", "income lines of T01 or T04 not found")
				return []identityOrSkip{{skip: &sk}}
			}
			byName := map[string]*row{}
			for _, r := range s1.items {
				byName[stripOrdinal(r.norm)] = r
			}
			var out []identityOrSkip
			for _, r4 := range s4.items {
				name := stripOrdinal(r4.norm)
				r1 := byName[name]
				if r1 == nil {
					r1 = byName[name+"收入"]
				}
				f4 := fig{t4, r4, sec, c4[0]}
				if r1 == nil {
					if f4.value().blank {
						continue
					}
					sk := skipped(checkID, "T04 "+r4.item+" has a matching T01 income line", f4.location(),
						"T01 prints no income line for this fund")
					out = append(out, identityOrSkip{skip: &sk})
					continue
				}
				f1 := fig{t1, r1, sec, c1[0]}
				out = append(out, ev(identity{
					id:    checkID,
					desc:  fmt.Sprintf("T01 %s equals T04 %s", r1.item, r4.item),
					total: f1,
					parts: plus(f4),
					locVs: true,
				})...)
			}
			return out
		},
	}
}
