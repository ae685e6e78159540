package narrative

import (
	"strings"

	"github.com/juesuan/juesuan/schema"
	"github.com/shopspring/decimal"
)

// Cell is the table cell a stated figure names.
type Cell struct {
	Table   string // T01…T09
	Code    string // subject code of the row, "" when it has none
	Item    string // row label as printed
	Key     string // column_key
	Label   string // column label as printed
	Page    int32
	Unit    string
	Value   decimal.Decimal // 0 for a blank cell or a table printed without data
	Blank   bool
	NoTable bool // the table is printed without data: the figure is 0
}

// index finds table cells by table, row and column. The line items of a
// row are contiguous (normalize emits them row by row), so a row is a
// range of items and nothing is copied.
type index struct {
	items []schema.LineItem
	rows  map[string][]rowRange // table → its rows, in order
	empty map[string]bool       // tables printed without data
	names map[string]string     // T05 code → row label
}

type rowRange struct{ from, to int }

func newIndex(items []schema.LineItem, emptyTables []string) *index {
	ix := &index{items: items, rows: map[string][]rowRange{}, empty: map[string]bool{}, names: map[string]string{}}
	for _, id := range emptyTables {
		ix.empty[id] = true
	}
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && items[j].TableID == items[i].TableID && items[j].RowSeq == items[i].RowSeq {
			j++
		}
		it := &items[i]
		ix.rows[it.TableID] = append(ix.rows[it.TableID], rowRange{i, j})
		if it.TableID == "T05" && it.Code != nil {
			ix.names[*it.Code] = it.Item
		}
		i = j
	}
	return ix
}

// cell returns the column key's cell of the only row matching match.
func (ix *index) cell(table, key string, match func(*schema.LineItem) bool) (Cell, bool) {
	if ix.empty[table] && len(ix.rows[table]) == 0 {
		return Cell{Table: table, Key: key, NoTable: true, Blank: true}, true
	}
	found := -1
	for k, r := range ix.rows[table] {
		if !match(&ix.items[r.from]) {
			continue
		}
		if found >= 0 {
			return Cell{}, false // ambiguous: no figure is certain
		}
		found = k
	}
	if found < 0 {
		return Cell{}, false
	}
	r := ix.rows[table][found]
	for i := r.from; i < r.to; i++ {
		it := &ix.items[i]
		if it.ColumnKey != key {
			continue
		}
		c := Cell{Table: table, Item: it.Item, Key: key, Label: it.ColumnLabel, Page: it.Page, Unit: it.Unit, Blank: it.Amount == nil}
		if it.Code != nil {
			c.Code = *it.Code
		}
		if it.Amount != nil {
			c.Value = schema.FromCents(*it.Amount)
		}
		return c, true
	}
	return Cell{}, false
}

// row matchers
func labelIs(section string, labels ...string) func(*schema.LineItem) bool {
	return func(it *schema.LineItem) bool {
		if section != "" && it.Section != section {
			return false
		}
		l := plainLabel(it.Item)
		for _, w := range labels {
			if l == w {
				return true
			}
		}
		return false
	}
}

// totalRow matches the 合计 row of a code table (no code, 合计 in its label).
func totalRow(it *schema.LineItem) bool {
	return it.Code == nil && strings.Contains(it.Item, "合计")
}

func anyRow(*schema.LineItem) bool { return true }

// plainLabel drops the numbering (一、) and spaces of a row label.
func plainLabel(s string) string {
	s = removeSpaces(s)
	if n := leadingNumeral(s); n != "" && strings.HasPrefix(s[len(n):], "、") {
		s = s[len(n)+len("、"):]
	}
	return s
}

// subjectKey folds the ways one subject is written: quotes, 、, spaces, the
// trailing 支出/决算/决算数 and ASCII parentheses: “三公”经费财政拨款支出 and
// “三公”经费财政拨款 are one subject.
func subjectKey(s string) string {
	s = removeSpaces(s)
	if strings.Contains(s, "“") || strings.Contains(s, "、") || strings.Contains(s, "的") || strings.Contains(s, "决算总计") ||
		strings.ContainsAny(s, "\"()") {
		s = keyFolds.Replace(s) // the generic Replacer allocates even when nothing changes
	}
	s = strings.TrimPrefix(s, "本年度")
	s = strings.TrimPrefix(s, "全年")
	for {
		t := s
		for _, suf := range []string{"决算数", "决算", "支出数", "总额", "各", "支出"} {
			t = strings.TrimSuffix(t, suf)
		}
		if t == s {
			return s
		}
		s = t
	}
}

// keyFolds are subjectKey's replacements, built once (a Replacer builds
// its lookup table on first use).
var keyFolds = strings.NewReplacer("“", "", "”", "", "\"", "", "、", "", "(", "（", ")", "）", "的", "", "决算总计", "总计")

// target names a cell for a subject: the table, the row and, per metric,
// the column.
type target struct {
	table string
	row   func(*schema.LineItem) bool
	key   string // amount/final
	bkey  string // budget (T07 only)
}

// namedTargets maps subject keys to their table figure.
var namedTargets = func() map[string]target {
	m := map[string]target{}
	add := func(t target, keys ...string) {
		for _, k := range keys {
			m[subjectKey(k)] = t
		}
	}
	add(target{table: "T01", row: labelIs("income", "总计"), key: "amount"},
		"收入支出总计", "收入支出决算总计", "收入总计", "收支总计")
	add(target{table: "T01", row: labelIs("income", "本年收入合计"), key: "amount"},
		"本年收入合计", "收入合计", "本年收入")
	add(target{table: "T01", row: labelIs("expenditure", "本年支出合计"), key: "amount"},
		"本年支出合计", "支出合计", "本年支出")
	for k, key := range map[string]string{"财政拨款收入": "fiscal_appropriation", "上级补助收入": "superior_subsidy",
		"事业收入": "business", "经营收入": "operating", "附属单位上缴收入": "affiliated_remittance", "其他收入": "other"} {
		add(target{table: "T02", row: totalRow, key: key}, k)
	}
	for k, key := range map[string]string{"基本支出": "basic", "项目支出": "project", "上缴上级支出": "remit_to_superior",
		"经营支出": "operating", "对附属单位补助支出": "subsidy_to_affiliated"} {
		add(target{table: "T03", row: totalRow, key: key}, k)
	}
	add(target{table: "T04", row: labelIs("income", "总计"), key: "amount"},
		"财政拨款收入支出总计", "财政拨款收入支出决算总计", "财政拨款收支总计", "财政拨款收支决算总计")
	add(target{table: "T05", row: totalRow, key: "total"},
		"一般公共预算财政拨款支出", "一般公共预算财政拨款")
	add(target{table: "T05", row: totalRow, key: "basic"},
		"一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本")
	add(target{table: "T06", row: labelIs("personnel", "人员经费合计", "人员经费"), key: "amount"}, "人员经费")
	add(target{table: "T06", row: labelIs("public", "公用经费合计", "公用经费"), key: "amount"}, "公用经费")
	for k, part := range map[string]string{
		"三公经费": "total", "三公经费支出": "total", "三公经费财政拨款": "total", "三公经费财政拨款支出": "total",
		"因公出国（境）费": "abroad", "因公出国（境）费支出": "abroad",
		"公务用车购置及运行维护费": "vehicle_total", "公务用车购置及运行维护费支出": "vehicle_total",
		"公务用车购置及运行费": "vehicle_total", "公务用车购置及运行费支出": "vehicle_total",
		"公务用车购置": "vehicle_purchase", "公务用车购置费": "vehicle_purchase", "公务用车购置支出": "vehicle_purchase", "公务用车购置费支出": "vehicle_purchase",
		"公务用车运行维护": "vehicle_operation", "公务用车运行维护费": "vehicle_operation", "公务用车运行维护支出": "vehicle_operation",
		"公务用车运行维护费支出": "vehicle_operation", "公务用车运行费": "vehicle_operation", "公务用车运行费支出": "vehicle_operation",
		"公务接待费": "reception", "公务接待费支出": "reception",
	} {
		add(target{table: "T07", row: anyRow, key: "final_" + part, bkey: "budget_" + part}, k)
	}
	add(target{table: "T08", row: totalRow, key: "total"}, "政府性基金预算财政拨款支出")
	add(target{table: "T08", row: totalRow, key: "income"}, "政府性基金预算财政拨款收入")
	add(target{table: "T09", row: totalRow, key: "total"}, "国有资本经营预算财政拨款支出")
	return m
}()

// resolve finds the table cell a figure names, if any. Only amounts, finals
// and budgets name cells; a budget only where a table prints one (T07).
func (ix *index) resolve(f Figure) (Cell, bool) {
	switch f.Metric {
	case MetricAmount, MetricFinal, MetricBudget:
	default:
		return Cell{}, false
	}
	if !money(f.Unit) {
		return Cell{}, false
	}
	if path := codePath(f.Subject); path != nil {
		if f.Metric == MetricBudget {
			return Cell{}, false
		}
		return ix.resolvePath(path)
	}
	t, ok := namedTargets[subjectKey(f.Subject)]
	if !ok {
		return Cell{}, false
	}
	key := t.key
	if f.Metric == MetricBudget {
		if t.bkey == "" {
			return Cell{}, false
		}
		key = t.bkey
	}
	return ix.cell(t.table, key, t.row)
}

// codePath splits X（类）Y（款）Z（项） into its names; nil when the subject
// names no 类.
func codePath(s string) []string {
	s = removeSpaces(s)
	if !strings.Contains(s, "（类）") {
		return nil
	}
	var out []string
	for _, m := range []string{"（类）", "（款）", "（项）"} {
		i := strings.Index(s, m)
		if i < 0 {
			break
		}
		out = append(out, s[:i])
		s = s[i+len(m):]
	}
	return out
}

// resolvePath finds the T05 row of a 类/款/项 path by its printed names,
// each level's parent checked too. A 项 whose 款 the text misnames (r02:
// 住房保障支出（款） for 22102 住房改革支出) is still found by its own name
// and its 类's, when that pair is unique.
func (ix *index) resolvePath(path []string) (Cell, bool) {
	if c, ok := ix.matchPath(path, false); ok || len(path) < 3 {
		return c, ok
	}
	return ix.matchPath(path, true)
}

func (ix *index) matchPath(path []string, skipKuan bool) (Cell, bool) {
	level := int32(len(path))
	return ix.cell("T05", "total", func(it *schema.LineItem) bool {
		if it.Level == nil || *it.Level != level || it.Code == nil || len(*it.Code) != codeLen(len(path)) {
			return false
		}
		code := *it.Code
		for l := len(path); l >= 1; l-- {
			if skipKuan && l == 2 {
				continue
			}
			name := ix.names[code[:codeLen(l)]]
			if l == len(path) {
				name = it.Item
			}
			if !sameName(name, path[l-1]) {
				return false
			}
		}
		return true
	})
}

func codeLen(level int) int { return 1 + 2*level }

// sameName compares a printed row label with a name in the text, which
// may add or drop the trailing 支出.
func sameName(label, name string) bool {
	a, b := removeSpaces(label), removeSpaces(name)
	return a == b || strings.TrimSuffix(a, "支出") == strings.TrimSuffix(b, "支出")
}
