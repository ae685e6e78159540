package narrative

import (
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
)

// The subjects a text can name are the report's own: every row label and
// every column header of its tables (T01–T09, B01–B13) is a name of a
// figure, and a stated figure is tied to the cell whose name folds to the
// same key as its subject. No list of keys is kept by hand: a report whose
// table prints 公务用车运行费 is matched by 公务用车运行支出 in its text, one
// whose table prints 运行费 under 公务用车购置及运行费 by 公务用车运行费.

// cand is one cell a subject may name.
type cand struct {
	table string
	row   int    // index into index.rows[table]; -1 for a table printed without data
	key   string // column key
	kind  byte   // the column's figure: 0 any, 'b' budget (预算数), 'f' final (决算数)
	side  byte   // 'i' income, 'e' expenditure, 0 either: the side of a two-sided table, else of the name
	tier  byte   // which name is meant first: a total row's label or a column's header (0), a name made with the table's subject (1), a detail row's label (2)
	col   bool   // named by a column header, not a row label
	stem  int    // qualifiers of the table's subject (财政拨款, 政府性基金 …): an unqualified name means the least qualified table
}

// foldLevels are the three ways a subject is compared, each looser than
// the one before and used only when it finds nothing: as written; with
// 一般公共预算财政拨款 read as 财政拨款; with neither qualifier.
const foldLevels = 3

// subjectIndex maps folded names to the cells they name.
type subjectIndex struct {
	names [foldLevels]map[string][]cand
}

// genericSegments are header words that name no subject of their own.
var genericSegments = map[string]bool{"合计": true, "小计": true, "金额": true, "决算数": true, "预算数": true,
	"收入": true, "支出": true, "本年收入": true, "本年支出": true, "项目": true, "科目名称": true}

// buildSubjects names every cell a text can mean: each row by its label
// (a total row also by its table's subject: 财政拨款收入支出总计 is T04's
// 总计), and each column of a table's 合计 row, or of a one-row table (T07,
// B09), by its header.
func (ix *index) buildSubjects(ts []tables.Table) {
	for l := range ix.subjects.names {
		ix.subjects.names[l] = map[string][]cand{}
	}
	seen := map[string]bool{}
	for ti := range ts {
		t := &ts[ti]
		if seen[t.ID] || !isAccountTable(t.ID) {
			continue
		}
		seen[t.ID] = true
		stem := tableStem(t.Title)
		base := stemBase(stem)
		rows := ix.rows[t.ID]
		if len(rows) == 0 {
			if t.Empty {
				ix.nameColumns(t.ID, -1, t.Columns, stem, base)
			}
			continue
		}
		for k, r := range rows {
			it := &ix.items[r.from]
			label := plainLabel(it.Item)
			coded := it.Code != nil
			main := ix.mainColumn(r)
			if label != "" && main != "" {
				c := cand{table: t.ID, row: k, key: main, stem: qualifiers(stem)}
				if coded {
					c.tier = 2
				}
				switch it.Section {
				case tables.SectionIncome:
					c.side = 'i'
				case tables.SectionExpenditure:
					c.side = 'e'
				}
				ix.addName(label, c)
				if !coded && (strings.Contains(label, "合计") || strings.Contains(label, "总计")) {
					c.tier = 1
					ix.addName(stem+label, c)
					switch it.Section {
					case tables.SectionIncome:
						ix.addName("收入"+label, c)
					case tables.SectionExpenditure:
						ix.addName("支出"+label, c)
					}
				}
			}
			if !coded && (label == "合计" || label == "" && len(rows) == 1) {
				var cols []tables.Column
				for i := r.from; i < r.to; i++ {
					cols = append(cols, tables.Column{Key: ix.items[i].ColumnKey, Label: ix.items[i].ColumnLabel})
				}
				ix.nameColumns(t.ID, k, cols, stem, base)
			}
		}
	}
}

// isAccountTable tells the tables of the contract (T01–T09, B01–B13).
func isAccountTable(id string) bool {
	return len(id) == 3 && (id[0] == 'T' || id[0] == 'B') && id[1] >= '0' && id[1] <= '9'
}

// mainColumn is the column a row's own figure is in: its total, else its
// only amount.
func (ix *index) mainColumn(r rowRange) string {
	first := ""
	for i := r.from; i < r.to; i++ {
		k := ix.items[i].ColumnKey
		if k == "total" {
			return k
		}
		if first == "" || k == "amount" && first != "amount" {
			first = k
		}
	}
	if r.to-r.from > 1 && first != "amount" {
		return "" // several columns and none is the row's own figure
	}
	return first
}

// nameColumns names the columns of a total row (row -1: a table printed
// without data) by their headers: 财政拨款收入 (T02), 基本支出 (T03),
// 一般公共预算财政拨款基本支出 (T05's subject and header), 公务接待费 (T07),
// 公务用车购置费 for B09's 公务用车购置及运行费/购置费.
func (ix *index) nameColumns(table string, row int, cols []tables.Column, stem, base string) {
	for _, col := range cols {
		if strings.Contains(col.Label, "上年") {
			continue // a prior year's column: the text's figures are this year's
		}
		c := cand{table: table, row: row, key: col.Key, stem: qualifiers(stem), col: true}
		segs := strings.Split(removeSpaces(col.Label), "/")
		var own []string
		word := "" // 收入 or 支出, where a header says which
		for _, s := range segs {
			switch {
			case strings.Contains(s, "预算数"):
				c.kind = 'b'
			case strings.Contains(s, "决算数"):
				c.kind = 'f'
			}
			s = strings.NewReplacer("预算数", "", "决算数", "").Replace(s)
			s = strings.TrimPrefix(s, "本年")
			if s == "收入" || s == "支出" {
				word = s
			}
			if s != "" && !genericSegments[s] {
				own = append(own, s)
			}
		}
		if len(own) == 0 {
			c.tier = 1
			if word == "" {
				ix.addName(stem+"合计", c) // the table's own total: 一般公共预算财政拨款支出
			} else {
				ix.addName(base+word, c) // 政府性基金预算财政拨款收入 of T08's 本年收入
			}
			continue
		}
		last := own[len(own)-1]
		ix.addName(last, c)
		c.tier = 1
		ix.addName(base+last, c)
		if len(own) > 1 {
			parent := own[len(own)-2]
			ix.addName(strings.TrimSuffix(parent, "支出")+last, c)
			ix.addName(parentHead(parent, cols)+last, c)
		}
	}
}

// parentHead is the words a group header shares with its sub-headers,
// 公务用车 of 公务用车购置及运行费 over 购置费 and 运行费: the header up to
// where the first sub-header's word appears in it.
func parentHead(parent string, cols []tables.Column) string {
	at := len(parent)
	for _, col := range cols {
		segs := strings.Split(removeSpaces(col.Label), "/")
		w := strings.TrimSuffix(segs[len(segs)-1], "费")
		if w == "" || w == parent || genericSegments[w] {
			continue
		}
		if i := strings.Index(parent, w); i > 0 && i < at {
			at = i
		}
	}
	return parent[:at]
}

// tableStem is what a table's figures are of, from its title:
// 一般公共预算财政拨款支出 of 一般公共预算财政拨款支出决算表, 收入支出 of
// 收入支出决算总表, 收入 of 2025年部门收入预算总表.
func tableStem(title string) string {
	s := stripYear(removeSpaces(title))
	for _, p := range []string{"部门", "单位"} {
		s = strings.TrimPrefix(s, p)
	}
	for _, suf := range []string{"决算总表", "预算总表", "决算表", "预算表", "总表", "表"} {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	for _, w := range []string{"部门预算经济分类", "功能分类", "经济分类"} {
		s = strings.Replace(s, w, "", 1)
	}
	return s
}

// qualifiers counts the words that narrow a table's subject to one kind of
// money: 收入支出 has none, 一般公共预算财政拨款支出 two.
func qualifiers(stem string) int {
	n := 0
	for _, w := range []string{"一般公共预算", "财政拨款", "政府性基金", "国有资本经营"} {
		if strings.Contains(stem, w) {
			n++
		}
	}
	return n
}

// stemBase is a table's subject without its 收入/支出: 一般公共预算财政拨款
// of 一般公共预算财政拨款支出, for headers that add their own (基本支出).
func stemBase(stem string) string {
	for _, suf := range []string{"收入支出", "收支", "支出", "收入"} {
		if strings.HasSuffix(stem, suf) {
			return strings.TrimSuffix(stem, suf)
		}
	}
	return stem
}

func (ix *index) addName(name string, c cand) {
	if c.side == 0 {
		c.side = sideOf(name)
	}
	for l := 0; l < foldLevels; l++ {
		k := foldSubject(name, l)
		if k == "" {
			continue
		}
		list := ix.subjects.names[l][k]
		dup := false
		for _, o := range list {
			dup = dup || o.table == c.table && o.row == c.row && o.key == c.key && o.kind == c.kind
		}
		if !dup {
			ix.subjects.names[l][k] = append(list, c)
		}
	}
}

// sideOf tells whether a name is of income ('i') or spending ('e'), 0 when
// it says neither or both (收入支出总计).
func sideOf(s string) byte {
	i, e := strings.Contains(s, "收入"), strings.Contains(s, "支出")
	switch {
	case i && !e:
		return 'i'
	case e && !i:
		return 'e'
	}
	return 0
}

// lookup returns the cells a subject names at the first fold level that
// names any.
func (ix *index) lookup(subject string) []cand {
	for l := 0; l < foldLevels; l++ {
		if k := foldSubject(subject, l); k != "" {
			if cs := ix.subjects.names[l][k]; len(cs) > 0 {
				return cs
			}
		}
	}
	return nil
}

// subjectFolds are foldSubject's replacements, built once.
var (
	markFolds    = strings.NewReplacer("“", "", "”", "", "\"", "", "‘", "", "’", "", "、", "", "的", "", "(", "（", ")", "）")
	subjectFolds = strings.NewReplacer("收入支出", "收支", "决算总计", "总计", "预算总计", "总计", "运行维护", "运行", "（类）", "", "（款）", "", "（项）", "")
)

// subjectPrefixes are words before a subject that do not change it.
var subjectPrefixes = []string{"其中：", "其中", "本年度", "本年", "全年", "年度", "本部门", "部门", "本单位", "单位"}

// subjectSuffixes are words after a subject that do not change it: what
// kind of figure it is (决算数, 预算), a collective word (各, 均为, 分别为),
// and the 支出/合计/费 a header or a text may add or leave out.
var subjectSuffixes = []string{"决算数", "决算", "预算数", "预算", "支出数", "总额", "金额", "均为", "分别为", "分别", "各", "均", "为",
	"科目", "支出", "合计", "费用", "费", "数"}

// foldSubject is the key a subject is compared by at fold level l (see
// foldLevels); "" for none.
func foldSubject(s string, level int) string {
	s = subjectFolds.Replace(markFolds.Replace(removeSpaces(s)))
	s = stripListMark(s)
	for changed := true; changed; {
		changed = false
		for _, p := range subjectPrefixes {
			if strings.HasPrefix(s, p) && len(s) > len(p) {
				s, changed = s[len(p):], true
			}
		}
		s = stripYear(s)
	}
	switch level {
	case 1:
		s = strings.ReplaceAll(s, "一般公共预算财政拨款", "财政拨款")
	case 2:
		s = strings.ReplaceAll(s, "一般公共预算", "")
		s = strings.ReplaceAll(s, "财政拨款", "")
	}
	for changed := true; changed; {
		changed = false
		for _, suf := range subjectSuffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s, changed = s[:len(s)-len(suf)], true
			}
		}
	}
	if level > 0 && strings.NewReplacer("收支", "", "收入", "", "支出", "", "总计", "").Replace(s) == "" {
		return "" // 财政拨款收入总计 without its qualifier is not the report's 收入总计
	}
	return s
}

// stripListMark drops a list mark a subject starts with: 1、 2. （一） 一、.
func stripListMark(s string) string {
	s = stripItemNumber(s)
	if strings.HasPrefix(s, "（") {
		rest := s[len("（"):]
		if n := leadingNumeral(rest); n != "" && strings.HasPrefix(rest[len(n):], "）") {
			return rest[len(n)+len("）"):]
		}
	}
	if n := leadingNumeral(s); n != "" && strings.HasPrefix(s[len(n):], "、") {
		return s[len(n)+len("、"):]
	}
	return s
}
