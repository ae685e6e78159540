package check

import (
	"fmt"

	"github.com/juesuan/juesuan/extract/tables"
)

// t07Families checks the 三公 table for both the budget (预算数) and the final
// (决算数) figures: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费,
// and the vehicle subtotal = 购置费 + 运行维护费.
func t07Families() []family {
	const id = tables.T07
	return []family{
		{
			id:    id + ".total",
			desc:  "合计 equals 因公出国（境）费 + 公务用车购置及运行维护费 (小计) + 公务接待费",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return t07Sums(rep[id], id+".total", "_total", "_abroad", "_vehicle_total", "_reception")
			},
		},
		{
			id:    id + ".vehicle_total",
			desc:  "公务用车购置及运行维护费 小计 equals 公务用车购置费 + 公务用车运行维护费",
			needs: []string{id},
			eval: func(rep report) []identityOrSkip {
				return t07Sums(rep[id], id+".vehicle_total", "_vehicle_total", "_vehicle_purchase", "_vehicle_operation")
			},
		},
	}
}

// t07Sums builds, for every data row and for each of 预算数 and 决算数, the
// identity total = Σ parts over the keys prefix+suffix.
func t07Sums(t *table, checkID, totalSuffix string, partSuffixes ...string) []identityOrSkip {
	secOf := map[string]string{}
	for _, c := range t.cols {
		secOf[c.key] = c.section
	}
	var ids []identity
	for _, r := range t.rows {
		for _, p := range []struct{ prefix, name string }{{"budget", "预算数"}, {"final", "决算数"}} {
			tk := p.prefix + totalSuffix
			if !r.cells.has(tk) {
				continue
			}
			var parts []fig
			for _, s := range partSuffixes {
				k := p.prefix + s
				parts = append(parts, fig{t, r, secOf[k], k})
			}
			ids = append(ids, identity{
				id:    checkID,
				desc:  fmt.Sprintf("%s: %s equals the sum of its parts", p.name, t.label(secOf[tk], tk)),
				total: fig{t, r, secOf[tk], tk},
				parts: plus(parts...),
			})
		}
	}
	return ev(ids...)
}
