package check

import (
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
)

// t06Families checks the basic-expenditure table by economic classification:
// each 类 (301) equals its 款 (301xx), and the two block totals equal the 类
// printed in their block (人员经费 301 + 303, 公用经费 302 + 307 + 310 + 399 in
// recent templates; whatever the report prints).
func t06Families() []family {
	const id = tables.T06
	return []family{
		{
			id:    id + ".class_sum",
			desc:  "each economic 类 row (e.g. 301) equals the sum of its 款 rows (301xx)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				t := rep[id]
				var out []identityOrSkip
				for _, sec := range rowSections(t) {
					out = append(out, childSums(t, id+".class_sum", sec, 1, "类", "款")...)
				}
				return out
			},
		},
		{
			id:    id + ".personnel_total",
			desc:  "人员经费合计 equals the sum of the 类 rows of the personnel block (301 + 303)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return blockTotal(rep[id], id+".personnel_total", tables.SectionPersonnel, "人员经费")
			},
		},
		{
			id:    id + ".public_total",
			desc:  "公用经费合计 equals the sum of the 类 rows of the public block (302 + 307 + 310 + 399)",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return blockTotal(rep[id], id+".public_total", tables.SectionPublic, "公用经费")
			},
		},
	}
}

// rowSections lists the sections of a table's rows in first-seen order.
func rowSections(t *table) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range t.rows {
		if !seen[r.section] {
			seen[r.section] = true
			out = append(out, r.section)
		}
	}
	return out
}

// blockOf is the T06 block of a row: its section where the table splits
// them, else by the template's grouping of economic 类 codes.
func blockOf(r *row) string {
	if r.section != "" {
		return r.section
	}
	if strings.HasPrefix(r.code, "301") || strings.HasPrefix(r.code, "303") {
		return tables.SectionPersonnel
	}
	return tables.SectionPublic
}

func blockTotalRow(t *table, word string) *row {
	for _, r := range t.rows {
		if r.code == "" && strings.Contains(r.norm, word) && strings.Contains(r.norm, "合计") {
			return r
		}
	}
	return nil
}

func blockClasses(t *table, block string) []*row {
	var out []*row
	for _, r := range t.rows {
		if r.level == 1 && r.code != "" && blockOf(r) == block {
			out = append(out, r)
		}
	}
	return out
}

func blockTotal(t *table, checkID, block, word string) []identityOrSkip {
	if t.empty {
		return nil
	}
	total := blockTotalRow(t, word)
	if total == nil {
		return missingRow(t, checkID, word+"合计 equals the sum of its 类 rows", word+"合计")
	}
	classes := blockClasses(t, block)
	var ids []identity
	for _, k := range t.sectionCols(total.section) {
		if !total.cells.has(k) {
			continue
		}
		ids = append(ids, identity{
			id:    checkID,
			desc:  fmt.Sprintf("%s equals the sum of the %d 类 rows of its block (%s)", total.item, len(classes), names(classes)),
			total: fig{t, total, total.section, k},
			parts: plusRows(t, total.section, k, classes),
		})
	}
	return ev(ids...)
}
