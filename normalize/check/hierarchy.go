package check

import (
	"fmt"
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
	var ids []identity
	for _, r := range rows {
		if r.level != level || r.code == "" {
			continue
		}
		kids := children[r.code]
		if len(kids) == 0 && level == 1 {
			// Some reports print a 类 straight above its 项, without the 款.
			kids = orphanItems(rows, r.code)
		}
		if len(kids) == 0 {
			continue
		}
		what := fmt.Sprintf("%s %s equals the sum of its %d %s rows (%s), column ", parentName, r.display(), len(kids), childName, names(kids))
		for _, k := range t.sectionCols(sec) {
			if _, ok := r.cells[k]; !ok {
				continue
			}
			ids = append(ids, identity{
				id:    checkID,
				desc:  what + t.label(sec, k),
				total: fig{t, r, sec, k},
				parts: plus(figs(t, sec, k, kids)...),
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
		if _, ok := total.cells[k]; !ok {
			continue
		}
		ids = append(ids, identity{
			id:    checkID,
			desc:  what + t.label("", k),
			total: fig{t, total, "", k},
			parts: plus(figs(t, "", k, classes)...),
		})
	}
	return ev(ids...)
}

// orphanItems are the 项 rows under a 类 code whose 款 row is not printed.
func orphanItems(rows []*row, class string) []*row {
	printed := map[string]bool{}
	for _, r := range rows {
		if r.level == 2 {
			printed[r.code] = true
		}
	}
	var out []*row
	for _, r := range rows {
		if r.level == 3 && strings.HasPrefix(r.code, class) && !printed[r.parent] {
			out = append(out, r)
		}
	}
	return out
}
