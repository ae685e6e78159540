package narrative

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

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
	tier  byte   // which name is meant first: a row's label where the row has no code, or a column's header (0), a name made with the table's subject (1), a detail row's label (2)
	col   bool   // named by a column header, not a row label
	same  uint8  // bit l: the name folds at level l as at level 0, and is stored under level 0 only
	stem  int    // qualifiers of the table's subject (财政拨款, 政府性基金 …): an unqualified name means the least qualified table
}

// foldLevels are the three ways a subject is compared, each looser than
// the one before and used only when it finds nothing: as written; with
// 一般公共预算财政拨款 read as 财政拨款; with neither qualifier.
const foldLevels = 3

// subjectIndex maps folded names to the cells they name: one slice sorted
// by level and key, searched in halves (a map of slices costs a slice per
// name). A name that folds alike at every level (most do: no 一般公共预算 or
// 财政拨款 in it) is stored once, under level 0, with its cand's same bit
// for each level.
type subjectIndex struct {
	names []named // in the order named
	order []int32 // names sorted by level and key, then the order named
	built bool
	ts    []tables.Table
}

// named is one name of a cell at one fold level.
type named struct {
	level uint8
	key   string
	c     cand
}

func compareNamed(a, b named) int {
	if a.level != b.level {
		return int(a.level) - int(b.level)
	}
	return strings.Compare(a.key, b.key)
}

// find returns the cells named key at level l, as indices into names.
func (si *subjectIndex) find(l int, key string) []int32 {
	probe := named{level: uint8(l), key: key}
	i, _ := slices.BinarySearchFunc(si.order, probe, func(k int32, p named) int { return compareNamed(si.names[k], p) })
	j := i
	for j < len(si.order) && compareNamed(si.names[si.order[j]], probe) == 0 {
		j++
	}
	return si.order[i:j]
}

// genericSegments are header words that name no subject of their own.
var genericSegments = map[string]bool{"合计": true, "小计": true, "金额": true, "决算数": true, "预算数": true,
	"收入": true, "支出": true, "本年收入": true, "本年支出": true, "项目": true, "科目名称": true}

// buildSubjects names every cell a text can mean: each row by its label
// (a total row also by its table's subject: 财政拨款收入支出总计 is T04's
// 总计), and each column of a table's 合计 row, or of a one-row table (T07,
// B09), by its header.
func (ix *index) buildSubjects() {
	ts := ix.subjects.ts
	ix.subjects.built = true
	ix.subjects.names = make([]named, 0, len(ix.items)/2)
	defer func() {
		// The indices are sorted, not the names: they are small to move.
		si := &ix.subjects
		si.order = make([]int32, len(si.names))
		for i := range si.order {
			si.order[i] = int32(i)
		}
		slices.SortFunc(si.order, func(a, b int32) int {
			if c := compareNamed(si.names[a], si.names[b]); c != 0 {
				return c
			}
			return int(a - b)
		})
	}()
	seen := map[string]bool{}
	for ti := range ts {
		t := &ts[ti]
		if seen[t.ID] || !isAccountTable(t.ID) {
			continue
		}
		seen[t.ID] = true
		stem := tableStem(t.Title)
		base, q := stemBase(stem), qualifiers(stem)
		rows := ix.rows[t.ID]
		if len(rows) == 0 {
			if t.Empty {
				ix.nameColumns(t.ID, -1, t.Columns, stem, base)
			}
			continue
		}
		for k, r := range rows {
			it := &ix.items[r.from]
			coded := it.Code != nil
			if coded && codesRepeated[t.ID] {
				continue
			}
			label := plainLabel(it.Item)
			main := ix.mainColumn(r)
			if label != "" && main != "" {
				c := cand{table: t.ID, row: k, key: main, stem: q}
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

// codesRepeated are the tables whose 类/款/项 rows repeat T05's (B05's)
// names for all funds: a 类 the text names is T05's, or T01's row of all
// funds, and indexing them again would only cost.
var codesRepeated = map[string]bool{"T02": true, "T03": true, "B02": true, "B03": true}

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
	heads := map[string]string{}
	q := qualifiers(stem)
	for _, col := range cols {
		if strings.Contains(col.Label, "上年") {
			continue // a prior year's column: the text's figures are this year's
		}
		c := cand{table: table, row: row, key: col.Key, stem: q, col: true}
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
			if strings.Contains(s, "算数") {
				s = strings.ReplaceAll(strings.ReplaceAll(s, "预算数", ""), "决算数", "")
			}
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
			head, ok := heads[parent]
			if !ok {
				head = parentHead(parent, cols)
				heads[parent] = head
			}
			if head != parent {
				ix.addName(head+last, c)
			}
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
	keys := foldCached(name, c.tier == 2)
	for l := 1; l < foldLevels; l++ {
		if keys[l] == keys[0] {
			c.same |= 1 << l
		}
	}
	for l, k := range keys {
		if k == "" || l > 0 && c.same&(1<<l) != 0 {
			continue
		}
		ix.subjects.names = append(ix.subjects.names, named{level: uint8(l), key: k, c: c})
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
	if !ix.subjects.built {
		ix.buildSubjects() // once per report, and only for a report whose text names something
	}
	keys := foldAll(subject)
	for l, k := range keys {
		if k == "" {
			continue
		}
		var cs []cand
		if l > 0 {
			// The names stored under level 0 that fold alike at level l.
			for _, i := range ix.subjects.find(0, k) {
				if c := ix.subjects.names[i].c; c.same&(1<<l) != 0 {
					cs = append(cs, c)
				}
			}
		}
		for _, i := range ix.subjects.find(l, k) {
			cs = append(cs, ix.subjects.names[i].c)
		}
		if len(cs) > 0 {
			return cs
		}
	}
	return nil
}

// subjectFolds are foldAll's replacements, built once.
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

// foldAll is a subject's key at every fold level (see foldLevels), "" at
// a level where it folds to nothing of its own. It allocates only where
// a replacement applies: most subjects need none, and a strings.Replacer
// allocates even when nothing changes.
func foldAll(s string) (k [foldLevels]string) {
	s = removeSpaces(s)
	if hasMark(s) {
		s = markFolds.Replace(s)
	}
	if strings.Contains(s, "收入支出") || strings.Contains(s, "总计") || strings.Contains(s, "运行维护") || strings.Contains(s, "）") {
		s = subjectFolds.Replace(s)
	}
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
	k[0] = trimSubjectSuffixes(s)
	if strings.Contains(s, "一般公共预算财政拨款") {
		k[1] = trimSubjectSuffixes(strings.ReplaceAll(s, "一般公共预算财政拨款", "财政拨款"))
	} else {
		k[1] = k[0]
	}
	if strings.Contains(s, "一般公共预算") || strings.Contains(s, "财政拨款") {
		k[2] = trimSubjectSuffixes(strings.ReplaceAll(strings.ReplaceAll(s, "一般公共预算", ""), "财政拨款", ""))
	} else {
		k[2] = k[0]
	}
	for l := 1; l < foldLevels; l++ {
		if bareTotal(k[l]) {
			k[l] = "" // 财政拨款收入总计 without its qualifier is not the report's 收入总计
		}
	}
	return k
}

// foldCache holds the keys of the names tables print: the national
// classification's and the templates' labels, the same in every report of
// a batch, are folded once per process. It stops growing at
// foldCacheLimit names, so that a batch of odd labels cannot fill memory.
var (
	foldCache      sync.Map // string → [foldLevels]string
	foldCacheSize  atomic.Int64
	foldCacheLimit = int64(50000)
)

// foldCached is foldAll of a table's name, through foldCache; plain says
// the name is a detail row's label (see plainKeys).
func foldCached(name string, plain bool) [foldLevels]string {
	if k, ok := foldCache.Load(name); ok {
		return k.([foldLevels]string)
	}
	keys, ok := [foldLevels]string{}, false
	if plain {
		keys, ok = plainKeys(name)
	}
	if !ok {
		keys = foldAll(name)
	}
	if foldCacheSize.Load() < foldCacheLimit {
		if _, loaded := foldCache.LoadOrStore(strings.Clone(name), keys); !loaded {
			foldCacheSize.Add(1)
		}
	}
	return keys
}

// hasMark is a byte scan for what markFolds replaces (“ ” ‘ ’ " 、 的 ( )):
// strings.ContainsAny decodes every rune of a set with multibyte members.
func hasMark(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '(', ')':
			return true
		case 0xE2: // “ ” ‘ ’ are E2 80 9C, 9D, 98, 99
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x9C || s[i+2] == 0x9D || s[i+2] == 0x98 || s[i+2] == 0x99) {
				return true
			}
		case 0xE3: // 、 is E3 80 81
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x81 {
				return true
			}
		case 0xE7: // 的 is E7 9A 84
			if i+2 < len(s) && s[i+1] == 0x9A && s[i+2] == 0x84 {
				return true
			}
		}
	}
	return false
}

// plainKeys are the keys of a detail row's label (行政运行,
// 一般公共服务支出): an official name, with nothing to fold but its
// trailing 支出 or 费, alike at every level.
func plainKeys(label string) (k [foldLevels]string, ok bool) {
	if hasMark(label) || strings.Contains(label, "财政拨款") || strings.Contains(label, "一般公共预算") ||
		strings.Contains(label, "总计") || strings.Contains(label, "收入支出") || strings.Contains(label, "运行维护") {
		return k, false
	}
	t := trimSubjectSuffixes(label)
	for l := range k {
		k[l] = t
	}
	return k, true
}

// bareTotal tells a key that is only 收入/支出/收支/总计 words.
func bareTotal(s string) bool {
	for s != "" {
		switch {
		case strings.HasPrefix(s, "收入"), strings.HasPrefix(s, "支出"), strings.HasPrefix(s, "收支"), strings.HasPrefix(s, "总计"):
			s = s[len("收入"):]
		default:
			return false
		}
	}
	return true
}

func trimSubjectSuffixes(s string) string {
	for changed := true; changed; {
		changed = false
		if r, _ := utf8.DecodeLastRuneInString(s); !suffixEnds[r] {
			return s // no suffix ends so: most labels, at the cost of one rune
		}
		for _, suf := range subjectSuffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s, changed = s[:len(s)-len(suf)], true
			}
		}
	}
	return s
}

// suffixEnds are the last characters of subjectSuffixes.
var suffixEnds = func() map[rune]bool {
	m := map[rune]bool{}
	for _, s := range subjectSuffixes {
		r, _ := utf8.DecodeLastRuneInString(s)
		m[r] = true
	}
	return m
}()

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
