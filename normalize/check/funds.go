package check

// carryOutFamily checks, per row of a fund table (T08, T09):
// 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余.
func carryOutFamily(id string) family {
	return fundRowFamily(id, ".carry_out", "年初结转和结余 + 本年收入 − 本年支出 equals 年末结转和结余",
		[]string{"carry_in", "income", "total", "carry_out"},
		func(t *table, r *row) (fig, []term) {
			return fig{t, r, "", "carry_out"}, []term{
				{fig{t, r, "", "carry_in"}, 1},
				{fig{t, r, "", "income"}, 1},
				{fig{t, r, "", "total"}, -1},
			}
		})
}

// spendSplitFamily checks, per row of a fund table: 本年支出 = 基本支出 + 项目支出.
func spendSplitFamily(id string) family {
	return fundRowFamily(id, ".row_sum", "本年支出 合计 equals 基本支出 + 项目支出",
		[]string{"total", "basic", "project"},
		func(t *table, r *row) (fig, []term) {
			return fig{t, r, "", "total"}, plus(fig{t, r, "", "basic"}, fig{t, r, "", "project"})
		})
}

// fundRowFamily is one identity per row of fund table id, checked when the
// table has every column of cols; sum gives a row's total and its terms.
func fundRowFamily(id, suffix, desc string, cols []string, sum func(*table, *row) (fig, []term)) family {
	return family{
		id:    id + suffix,
		desc:  desc,
		needs: []string{id},
		eval: func(rep report) []identityOrSkip {
			t := rep[id]
			for _, k := range cols {
				if !t.hasCol("", k) {
					return nil
				}
			}
			var ids []identity
			for _, r := range t.sectionRows("") {
				total, parts := sum(t, r)
				ids = append(ids, identity{
					id:       id + suffix,
					desc:     desc,
					describe: rowPrefixed,
					total:    total,
					parts:    parts,
				})
			}
			return ev(ids...)
		},
	}
}
