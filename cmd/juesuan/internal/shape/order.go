package shape

import (
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
)

// columnOrder is the order in which the standard templates print each
// table's value columns (../shared/CONTRACT.md), used where the print order
// is not at hand: the Parquet datasets keep keys, not positions.
var columnOrder = map[string][]string{
	tables.T01: {"amount"},
	tables.T02: {"total", "fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated_remittance", "other"},
	tables.T03: {"total", "basic", "project", "remit_to_superior", "operating", "subsidy_to_affiliated"},
	tables.T04: {"amount", "total", "general_budget", "gov_fund", "state_capital"},
	tables.T05: {"total", "basic", "project"},
	tables.T06: {"amount"},
	tables.T07: {
		"budget_total", "budget_abroad", "budget_vehicle_total", "budget_vehicle_purchase", "budget_vehicle_operation", "budget_reception",
		"final_total", "final_abroad", "final_vehicle_total", "final_vehicle_purchase", "final_vehicle_operation", "final_reception",
	},
	tables.T08: {"carry_in", "income", "total", "basic", "project", "carry_out"},
	tables.T09: {"carry_in", "income", "total", "basic", "project", "carry_out"},
}

// sectionRank puts the sections in print order: income left of
// expenditure, personnel left of public.
func sectionRank(s string) int {
	switch s {
	case tables.SectionExpenditure, tables.SectionPublic:
		return 1
	}
	return 0
}

// columnRank places a key in its table's print order; keys the order lacks
// come after, a budget_ key before a final_ one as printed.
func columnRank(table, key string) int {
	order := columnOrder[table]
	for i, k := range order {
		if k == key {
			return i
		}
	}
	if strings.HasPrefix(key, "final_") {
		return len(order) + 1
	}
	return len(order)
}
