package tables

import (
	"strings"

	"github.com/juesuan/juesuan/internal/textfold"
)

// labelKeys maps a printed header word (normalized) to its contract key.
// Looked up from the deepest header level up, so "本年支出/合计" is total.
var labelKeys = map[string]string{
	"合计": "total", "总计": "total", "本年收入合计": "total", "收入合计": "total",
	"本年支出合计": "total", "支出合计": "total", "小计": "subtotal",
	"决算数": "amount", "金额": "amount", "决算金额": "amount", "本年决算数": "amount",
	"预算数": "budget", "全年预算数": "budget", "年初预算数": "budget", "调整预算数": "adjusted_budget",
	"财政拨款收入": "fiscal_appropriation", "财政拨款": "fiscal_appropriation",
	"一般公共预算财政拨款收入": "fiscal_appropriation",
	"上级补助收入":       "superior_subsidy",
	"事业收入":         "business",
	"经营收入":         "operating",
	"附属单位上缴收入":     "affiliated_remittance",
	"其他收入":         "other",
	"基本支出":         "basic",
	"项目支出":         "project",
	"上缴上级支出":       "remit_to_superior",
	"经营支出":         "operating",
	"对附属单位补助支出":    "subsidy_to_affiliated",
	"年初结转和结余":      "carry_in",
	"年初财政拨款结转和结余":  "carry_in",
	"本年收入":         "income",
	"本年支出":         "expenditure",
	"年末结转和结余":      "carry_out",
	"年末财政拨款结转和结余":  "carry_out",
	"使用非财政拨款结余":    "use_of_non_fiscal_balance",
	"结余分配":         "balance_distribution",
	"一般公共预算财政拨款":   "general_budget",
	"一般公共预算":       "general_budget",
	"政府性基金预算财政拨款":  "gov_fund",
	"政府性基金预算":      "gov_fund",
	"国有资本经营预算财政拨款": "state_capital",
	"国有资本经营预算":     "state_capital",
	"人员经费":         "personnel",
	"公用经费":         "public",
}

// columnKey gives the contract key of a value column from its header path,
// or "" when no word of the path is known.
func columnKey(id, section string, printed []string) string {
	path := make([]string, len(printed))
	for i, p := range printed {
		path[i] = textfold.Key(p)
	}
	if id == T07 {
		return threePublicKey(path)
	}
	if IsBudgetTable(id) {
		return budgetColumnKey(id, section, path)
	}
	for i := len(path) - 1; i >= 0; i-- {
		p := path[i]
		k, ok := labelKeys[p]
		if !ok {
			continue
		}
		switch {
		case k == "subtotal":
			return subtotalKey(path[:i])
		case id == T02 && k == "fiscal_appropriation":
		case (id == T01 || id == T06 || (id == T04 && section == SectionIncome)) && (k == "amount" || k == "total"):
			return "amount"
		case id == T04 && k == "fiscal_appropriation":
			return "total"
		}
		return k
	}
	return ""
}

// subtotalKey keys a 小计 column by the group it totals: under 本年支出 or
// 本年收入 (T05, T08, T09 of the 2020 template) it is the table's total;
// under a named part (一般公共预算财政拨款/小计) it is that part. Printed
// alone it stays subtotal.
func subtotalKey(parents []string) string {
	if len(parents) == 0 {
		return "subtotal"
	}
	switch k := labelKeys[parents[len(parents)-1]]; k {
	case "expenditure", "income":
		return "total"
	case "general_budget", "gov_fund", "state_capital", "personnel", "public":
		return k
	}
	return "subtotal"
}

// threePublicKey keys a T07 column: budget_/final_ by 预算数/决算数 and the
// expense kind by the deepest level that names one.
func threePublicKey(path []string) string {
	prefix := ""
	for _, p := range path {
		switch {
		case strings.Contains(p, "预算"):
			if !strings.Contains(p, "一般公共预算") {
				prefix = "budget_"
			}
		case strings.Contains(p, "决算") || strings.Contains(p, "实际"):
			prefix = "final_"
		}
	}
	kind := ""
	for i := len(path) - 1; i >= 0 && kind == ""; i-- {
		p := path[i]
		switch {
		case strings.Contains(p, "接待"):
			kind = "reception"
		case strings.Contains(p, "出国"):
			kind = "abroad"
		case strings.Contains(p, "购置及运行") || (p == "小计" && i > 0 && strings.Contains(path[i-1], "公务用车")):
			kind = "vehicle_total"
		case strings.Contains(p, "购置"):
			kind = "vehicle_purchase"
		case strings.Contains(p, "运行"):
			kind = "vehicle_operation"
		case p == "合计" || strings.Contains(p, "三公"):
			kind = "total"
		}
	}
	if prefix == "" {
		return ""
	}
	if kind == "" { // only 预算数 / 决算数 printed: the totals
		kind = "total"
	}
	return prefix + kind
}
