package shape

import (
	"slices"

	"github.com/juesuan/juesuan/extract/tables"
)

// columnOrder is the order in which the standard templates print each
// table's value columns (docs/CONTRACT.md), used where the print order
// is not at hand: the Parquet datasets keep keys, not positions.
var columnOrder = map[string][]string{
	tables.T01: {"amount"},
	tables.T02: {"total", "fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated_remittance", "other"},
	tables.T03: {"total", "basic", "project", "remit_to_superior", "operating", "subsidy_to_affiliated"},
	tables.T04: {"amount", "total", "general_budget", "gov_fund", "state_capital"},
	tables.T05: {"total", "basic", "project"},
	tables.T06: {"amount"},
	// T07 prints 预算数 beside 决算数 under each heading (every final
	// account of the corpus and the fixtures).
	tables.T07: {
		"budget_total", "final_total", "budget_abroad", "final_abroad", "budget_vehicle_total", "final_vehicle_total",
		"budget_vehicle_purchase", "final_vehicle_purchase", "budget_vehicle_operation", "final_vehicle_operation",
		"budget_reception", "final_reception",
	},
	tables.T08: {"carry_in", "income", "total", "basic", "project", "carry_out"},
	tables.T09: {"carry_in", "income", "total", "basic", "project", "carry_out"},
	// Budgets: the Shanghai and Jiangsu templates (the corpus's print
	// orders; where they differ, Shanghai's here, Jiangsu's in otherOrders).
	tables.B01: {"amount", "total", "personnel", "public", "project"},
	tables.B02: {"total", "amount", "fiscal_appropriation", "business", "operating", "other"},
	tables.B03: {"total", "amount", "basic", "project", "reserve", "carry_out"},
	tables.B04: {"amount", "total", "general_budget", "gov_fund", "state_capital"},
	tables.B05: {"total", "amount", "basic", "project"},
	tables.B06: {"total", "amount", "personnel", "public"},
	tables.B07: {"total", "amount", "basic", "project"},
	tables.B08: {"total", "amount", "basic", "project"},
	tables.B09: {"three_public_total", "abroad", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation", "agency_operation"},
	tables.B10: {"total", "amount", "basic", "project"},
	tables.B11: {"total", "amount", "personnel", "public"},
	tables.B12: {"total", "amount"},
	tables.B13: {"total", "amount"},
}

// sectionRank puts the sections in print order: income left of
// expenditure (by function, then by use), personnel left of public.
func sectionRank(s string) int {
	switch s {
	case tables.SectionExpenditure, tables.SectionPublic:
		return 1
	case tables.SectionExpenditureUse:
		return 2
	}
	return 0
}

// otherOrders are other templates' print orders of a table: the one that
// holds more of a table's keys than columnOrder's is used.
var otherOrders = map[string][][]string{
	// Jiangsu 2017-2019: a 合计 first, 公务用车 before 接待, then 会议费
	// and 培训费 (Shanghai prints 接待 first and 机关运行经费 last).
	tables.B09: {{"total", "three_public_total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception", "meeting", "training"}},
}

// orderFor is the print order of the template whose order holds most of
// keys (columnOrder's on a tie).
func orderFor(table string, keys []string) []string {
	best, bestN := columnOrder[table], covered(columnOrder[table], keys)
	for _, o := range otherOrders[table] {
		if n := covered(o, keys); n > bestN {
			best, bestN = o, n
		}
	}
	return best
}

func covered(order, keys []string) int {
	n := 0
	for _, k := range keys {
		if slices.Contains(order, k) {
			n++
		}
	}
	return n
}

// columnRank places a key in a print order; keys the order lacks come
// after it.
func columnRank(order []string, key string) int {
	for i, k := range order {
		if k == key {
			return i
		}
	}
	return len(order)
}
