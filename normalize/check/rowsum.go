package check

import (
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/textfold"
)

var rowSumDescs = map[string]string{
	tables.T02: "本年收入合计 equals the sum of the income sources (财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入)",
	tables.T03: "本年支出合计 equals 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
	tables.T05: "合计 equals 基本支出 + 项目支出",
}

// rowSumFamily checks, on every row, that the total column equals the sum of
// the other value columns. Columns printed as "其中" are breakdowns of a
// neighbour, not addends, and are left out.
func rowSumFamily(id, totalKey string) family {
	return sectionRowSumFamily(id, "", totalKey, rowSumDescs[id])
}

// t04RowSumFamily checks each expenditure row of T04: 合计 equals the three
// kinds of appropriation.
func t04RowSumFamily() family {
	return sectionRowSumFamily(tables.T04, tables.SectionExpenditure, "total",
		"合计 equals 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 国有资本经营预算财政拨款")
}

// sectionRowSumFamily is rowSumFamily over the columns and rows of one
// section of table id.
func sectionRowSumFamily(id, sec, totalKey, desc string) family {
	return family{
		id:    id + ".row_sum",
		desc:  desc,
		needs: []string{id},
		eval: func(rep report) []identityOrSkip {
			t := rep[id]
			var parts []string
			for _, k := range t.sectionCols(sec) {
				if k != totalKey && !strings.Contains(textfold.LabelKey(t.label(sec, k)), "其中") {
					parts = append(parts, k)
				}
			}
			if !t.hasCol(sec, totalKey) || len(parts) == 0 {
				return nil
			}
			var ids []identity
			for _, r := range t.sectionRows(sec) {
				if !r.cells.has(totalKey) {
					continue
				}
				ps := make([]fig, len(parts))
				for i, k := range parts {
					ps[i] = fig{t, r, sec, k}
				}
				ids = append(ids, identity{
					id:       id + ".row_sum",
					desc:     desc,
					describe: rowPrefixed,
					total:    fig{t, r, sec, totalKey},
					parts:    plus(ps...),
				})
			}
			return ev(ids...)
		},
	}
}
