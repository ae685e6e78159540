package tables

import (
	"fmt"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// SectionExpenditureUse is the third block of the Jiangsu 收支预算总表: the
// same expenditure again, by use (基本支出, 项目支出, 单位预留机动经费)
// rather than by function.
const SectionExpenditureUse = "expenditure_use"

// budgetLabelKeys are the budget header words labelKeys lacks or keys
// otherwise, looked up first.
var budgetLabelKeys = map[string]string{
	"预算数":      "amount",
	"金额":       "amount",
	"机关运行经费支出": "amount",
	"总计":       "total",
	"事业单位经营收入": "operating",
	"单位预留机动经费": "reserve",
	"结转下年资金":   "carry_out",
	"财政拨款收入":   "fiscal_appropriation",
}

// budgetColumnKey gives the key of a budget table's value column from its
// header path, in the final-account style.
func budgetColumnKey(id, section string, path []string) string {
	switch {
	case id == B09:
		return budgetThreePublicKey(path)
	case (id == B01 || id == B04) && section == SectionIncome:
		// One figure per line: the budget amount.
		return "amount"
	case (id == B06 || id == B11) && len(path) == 1 && path[0] == "基本支出":
		// The one amount column of a basic-expenditure table headed by
		// what it holds (Jiangsu 2019): amount, as where it reads 金额.
		return "amount"
	}
	for i := len(path) - 1; i >= 0; i-- {
		if k, ok := budgetLabelKeys[path[i]]; ok {
			return k
		}
		if k, ok := labelKeys[path[i]]; ok {
			if k == "subtotal" {
				return subtotalKey(path[:i])
			}
			return k
		}
	}
	return ""
}

// budgetThreePublicKey keys a column of the “三公” budget table by the
// expense it holds. A 合计 or 小计 under “三公”经费 is the 三公 total; a 合计
// printed alone (Jiangsu: 三公 + 会议费 + 培训费) is the table's total.
func budgetThreePublicKey(path []string) string {
	for i := len(path) - 1; i >= 0; i-- {
		p := path[i]
		for _, w := range threePublicWords {
			if strings.Contains(p, w.word) {
				return w.key
			}
		}
		switch {
		case p == "运行费":
			return "vehicle_operation"
		case p == "合计" || p == "小计":
			if i > 0 && strings.Contains(path[i-1], "公务用车") {
				return "vehicle_total"
			}
			if i > 0 && strings.Contains(path[i-1], "三公") {
				return "three_public_total"
			}
			return "total"
		case strings.Contains(p, "三公"):
			return "three_public_total"
		}
	}
	return ""
}

// threePublicWords key a 三公 header by a word it holds, the first that
// matches winning (购置及运行 before 购置).
var threePublicWords = []struct{ word, key string }{
	{"接待", "reception"},
	{"出国", "abroad"},
	{"购置及运行", "vehicle_total"},
	{"购置", "vehicle_purchase"},
	{"运行维护", "vehicle_operation"},
	{"机关运行经费", "agency_operation"},
	{"会议费", "meeting"},
	{"培训费", "training"},
}

// budgetSections names the section of each column group of a two-sided
// budget table (B01, B04) from the top of its header: 收入, then 支出; a
// second expenditure block (Jiangsu B01, by use after by function) is
// expenditure_use.
func budgetSections(lay *layout, paths [][]string) []string {
	secs := make([]string, lay.groups)
	expenditure := false
	for g := range secs {
		secs[g] = SectionIncome
		if g > 0 {
			secs[g] = SectionExpenditure
		}
		for c, cs := range lay.cols {
			if cs.group != g || len(paths[c]) == 0 {
				continue
			}
			top := textfold.Key(paths[c][0])
			if strings.Contains(top, "收入") {
				secs[g] = SectionIncome
			} else if strings.Contains(top, "支出") {
				secs[g] = SectionExpenditure
			}
			break
		}
		if secs[g] == SectionExpenditure {
			if expenditure {
				secs[g] = SectionExpenditureUse
			}
			expenditure = true
		}
	}
	return secs
}

// budgetTextColumn reports a column of the procurement budget (B13) that
// holds words, not amounts (采购品目大类, 专项名称, 经济科目, 采购物品名称,
// 采购组织形式): the first is the row's item, the others word columns.
func budgetTextColumn(id string, path []string) bool {
	if id != B13 || len(path) == 0 {
		return false
	}
	last := textfold.Key(path[len(path)-1])
	for _, w := range []string{"计", "额", "数", "预算"} {
		if strings.Contains(last, w) {
			return false
		}
	}
	return true
}

// procurementWords key B13's word columns by a word of their printed
// header, the first that matches winning; a header wrapped or cut short
// (采购组织形 / 式) still holds one.
var procurementWords = []struct{ word, key string }{
	{"专项", "special_project"},
	{"经济", "economic_subject"},
	{"物品", "purchase_item"},
	{"采购项目", "purchase_item"},
	{"组织", "procurement_method"},
	{"方式", "procurement_method"},
	{"品目", "category"},
	{"大类", "category"},
}

// procurementHeaders are B13's word column headers as printed whole: a
// header cut short by its cell leaves the rest of its word in the first
// row below (r31 prints 采购组织形 over a 式 in the 合计 row).
var procurementHeaders = []string{"采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式"}

// textColumnKey keys a word column by its header, text_N (the N-th
// column) where no word is known.
func textColumnKey(path []string, n int) string {
	head := textfold.Key(strings.Join(path, ""))
	for _, w := range procurementWords {
		if strings.Contains(head, w.word) {
			return w.key
		}
	}
	return fmt.Sprintf("%s%d", textKeyPrefix, n)
}

const textKeyPrefix = "text_"

// IsTextKey reports whether key is the key of a word column (Column.Text):
// what a reader of the datasets, which keep keys, not the flag, goes by.
func IsTextKey(key string) bool {
	switch key {
	case "category", "special_project", "economic_subject", "purchase_item", "procurement_method":
		return true
	}
	return strings.HasPrefix(key, textKeyPrefix)
}

// headerSpill is the text of the cell of row h (the first below the
// header) in word column c when it completes the column's cut-short
// header into a known one; "" otherwise.
func headerSpill(g *grid.Grid, c, h int, path []string) string {
	if h >= g.Rows() || len(path) == 0 {
		return ""
	}
	cell := g.At(h, c)
	if cell == nil || cell.Row != h || cell.Col != c || cell.ColSpan != 1 {
		return ""
	}
	t := textfold.Key(cell.Text)
	if t == "" {
		return ""
	}
	whole := textfold.Key(path[len(path)-1]) + t
	if slices.Contains(procurementHeaders, whole) {
		return t
	}
	return ""
}
