package check

// carryOutFamily checks, per row of a fund table (T08, T09):
// 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余.
func carryOutFamily(id string) family {
	desc := "年初结转和结余 + 本年收入 − 本年支出 equals 年末结转和结余"
	return family{
		id:    id + ".carry_out",
		desc:  desc,
		needs: []string{id},
		eval: func(rep report) []identityOrSkip {
			t := rep[id]
			for _, k := range []string{"carry_in", "income", "total", "carry_out"} {
				if !t.hasCol("", k) {
					return nil
				}
			}
			var ids []identity
			for _, r := range t.sectionRows("") {
				ids = append(ids, identity{
					id:       id + ".carry_out",
					desc:     desc,
					describe: rowPrefixed,
					total:    fig{t, r, "", "carry_out"},
					parts: []term{
						{fig{t, r, "", "carry_in"}, 1},
						{fig{t, r, "", "income"}, 1},
						{fig{t, r, "", "total"}, -1},
					},
				})
			}
			return ev(ids...)
		},
	}
}

// spendSplitFamily checks, per row of a fund table: 本年支出 = 基本支出 + 项目支出.
func spendSplitFamily(id string) family {
	desc := "本年支出 合计 equals 基本支出 + 项目支出"
	return family{
		id:    id + ".row_sum",
		desc:  desc,
		needs: []string{id},
		eval: func(rep report) []identityOrSkip {
			t := rep[id]
			for _, k := range []string{"total", "basic", "project"} {
				if !t.hasCol("", k) {
					return nil
				}
			}
			var ids []identity
			for _, r := range t.sectionRows("") {
				ids = append(ids, identity{
					id:       id + ".row_sum",
					desc:     desc,
					describe: rowPrefixed,
					total:    fig{t, r, "", "total"},
					parts:    plus(fig{t, r, "", "basic"}, fig{t, r, "", "project"}),
				})
			}
			return ev(ids...)
		},
	}
}
