package check

import (
	"fmt"
	"strconv"
	"strings"
)

// hierarchyFamilies checks the subject hierarchy of a coded table in every
// value column: each 类 equals the sum of its 款, each 款 the sum of its 项,
// and the 合计 row the sum of the 类.
func hierarchyFamilies(id string) []family {
	return []family{
		{
			id:    id + ".class_sum",
			desc:  "each 类 row equals the sum of its 款 rows",
			needs: []string{id},
			eval:  func(rep report) []identityOrSkip { return childSums(rep[id], id+".class_sum", "", 1, "类", "款") },
		},
		{
			id:    id + ".kuan_sum",
			desc:  "each 款 row equals the sum of its 项 rows",
			needs: []string{id},
			eval:  func(rep report) []identityOrSkip { return childSums(rep[id], id+".kuan_sum", "", 2, "款", "项") },
		},
		{
			id:    id + ".total_sum",
			desc:  "合计 equals the sum of the 类 rows",
			needs: []string{id},
			eval:  func(rep report) []identityOrSkip { return totalSum(rep[id], id+".total_sum") },
		},
	}
}

// childSums builds, for each row of the given level that has printed
// children, one identity per value column. A row without children is a leaf
// as far as this report goes: nothing to check.
func childSums(t *table, checkID, sec string, level int, parentName, childName string) []identityOrSkip {
	rows := t.sectionRows(sec)
	children := map[string][]*row{}
	for _, r := range rows {
		if r.level == level+1 && r.parent != "" {
			children[r.parent] = append(children[r.parent], r)
		}
	}
	// The description is built only for emitted identities (many are all
	// blank), once per row: the columns of a row share its first part.
	var whatRow *row
	var what string
	describe := func(id identity) string {
		if r := id.total.r; r != whatRow {
			kids := make([]*row, len(id.parts))
			for i, p := range id.parts {
				kids[i] = p.f.r
			}
			whatRow = r
			what = parentName + " " + r.display() + " equals the sum of its " + strconv.Itoa(len(kids)) + " " + childName + " rows (" + names(kids) + "), column "
		}
		return what + t.label(sec, id.total.key)
	}
	cols := t.sectionCols(sec)
	var printed map[string]bool // 款 codes, for orphanItems
	var ids []identity
	for _, r := range rows {
		if r.level != level || r.code == "" {
			continue
		}
		kids := children[r.code]
		if len(kids) == 0 && level == 1 {
			// Some reports print a 类 straight above its 项, without the 款.
			if printed == nil {
				printed = printedKuan(rows)
			}
			kids = orphanItems(rows, printed, r.code)
		}
		if len(kids) == 0 {
			continue
		}
		for _, k := range cols {
			if !r.cells.has(k) {
				continue
			}
			ids = append(ids, identity{
				id:       checkID,
				describe: describe,
				total:    fig{t, r, sec, k},
				parts:    plusRows(t, sec, k, kids),
			})
		}
	}
	return ev(ids...)
}

// totalSum checks the 合计 row against the 类 rows, in every value column.
func totalSum(t *table, checkID string) []identityOrSkip {
	rows := t.sectionRows("")
	var total *row
	var classes []*row
	for _, r := range rows {
		switch {
		case r.isTotalRow() && total == nil:
			total = r
		case r.level == 1:
			classes = append(classes, r)
		}
	}
	if total == nil || len(classes) == 0 {
		return nil
	}
	var ids []identity
	what := fmt.Sprintf("%s equals the sum of the %d 类 rows (%s), column ", total.item, len(classes), names(classes))
	for _, k := range t.sectionCols("") {
		if !total.cells.has(k) {
			continue
		}
		ids = append(ids, identity{
			id:    checkID,
			desc:  what + t.label("", k),
			total: fig{t, total, "", k},
			parts: plusRows(t, "", k, classes),
		})
	}
	return ev(ids...)
}

// printedKuan is the set of codes of the 款 rows.
func printedKuan(rows []*row) map[string]bool {
	printed := map[string]bool{}
	for _, r := range rows {
		if r.level == 2 {
			printed[r.code] = true
		}
	}
	return printed
}

// orphanItems are the 项 rows under a 类 code whose 款 row is not printed.
func orphanItems(rows []*row, printed map[string]bool, class string) []*row {
	var out []*row
	for _, r := range rows {
		if r.level == 3 && strings.HasPrefix(r.code, class) && !printed[r.parent] {
			out = append(out, r)
		}
	}
	return out
}
