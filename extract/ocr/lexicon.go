package ocr

import (
	"strings"
	"sync"
	"unicode"

	"github.com/juesuan/juesuan/extract/tables"
)

// Tesseract's Chinese model misreads a character or two of a line now and
// then (拨款 as 拨敌, 管理 as 党考). Tables are recognised by their titles
// and headers, so a title or header word read within a small edit distance
// of a standard one is taken as that one. Only words: a figure is never
// changed (the identities judge figures, see the pipeline).

// standardTitles are the titles of the standard final-account and budget
// tables, as the national and provincial templates print them.
var standardTitles = []string{
	"收入支出决算总表", "部门收入支出决算总表", "收入决算表", "部门收入决算表", "支出决算表", "部门支出决算表",
	"财政拨款收入支出决算总表", "部门财政拨款收入支出决算总表",
	"一般公共预算财政拨款支出决算表", "一般公共预算支出决算表",
	"一般公共预算财政拨款基本支出决算表", "一般公共预算基本支出决算表",
	"一般公共预算财政拨款三公经费支出决算表", "财政拨款三公经费支出决算表", "三公经费支出决算表",
	"政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表",
	"国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
	"部门财务收支预算总表", "财务收支预算总表", "部门收支预算总表", "收支预算总表",
	"部门收入预算表", "收入预算总表", "部门支出预算表", "支出预算总表", "财政拨款收支预算总表",
	"一般公共预算支出功能分类预算表", "一般公共预算支出预算表", "一般公共预算财政拨款支出预算表",
	"一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出预算表", "一般公共预算财政拨款基本支出预算表",
	"政府性基金预算支出预算表", "政府性基金支出预算表", "国有资本经营预算支出预算表",
	"一般公共预算三公经费支出预算表", "三公经费支出预算表",
	"财政拨款支出预算表", "财政拨款基本支出预算表", "机关运行经费预算表", "一般公共预算机关运行经费支出预算表",
	"政府采购预算表", "政府采购支出预算表",
}

// otherHeaders are header words without a column key of their own.
var otherHeaders = []string{
	"项目", "科目名称", "功能分类科目编码", "科目编码", "经济分类科目编码", "功能分类科目名称", "经济分类科目名称",
	"部门预算经济分类科目编码", "政府预算经济分类科目编码", "行次", "栏次", "收入", "支出", "类", "款", "项",
}

type lexicon struct {
	titles, headers [][]rune
}

var lex = sync.OnceValue(func() *lexicon {
	l := &lexicon{}
	for _, t := range standardTitles {
		l.titles = append(l.titles, []rune(t))
	}
	for _, h := range append(tables.HeaderWords(), otherHeaders...) {
		l.headers = append(l.headers, []rune(h))
	}
	return l
})

// snap returns the standard title or header word s is a misreading of,
// or s. Quotation marks around 三公 are ignored for the comparison and
// kept out of the result.
func snap(s string) string {
	rs := []rune(strings.NewReplacer("“", "", "”", "", "\"", "", " ", "").Replace(s))
	if len(rs) < 2 || !mostlyCJK(rs) || numbered(rs) {
		return s
	}
	l := lex()
	if len(rs) < 4 {
		return snapShort(s, rs, l)
	}
	best, bestD := "", len(rs)
	for _, h := range l.headers {
		// A row label is not a header misread: 二、政府性基金预算财政拨款
		// is not 政府性基金预算财政拨款. The wider reach is for
		// characters misread, none missing or added.
		d := editDistance(rs, h)
		if diff := abs(len(rs) - len(h)); diff > 1 || d > len(h)/4 && diff != 0 {
			continue
		}
		if d < bestD && d <= reach(len(h)) {
			best, bestD = string(h), d
		}
	}
	// A title may follow a year or department (2020年度…部门收入决算表):
	// the end of the line is compared. The longest title within reach
	// wins (支出决算表 is the end of many).
	bestLen := 0
	for _, t := range l.titles {
		for _, n := range []int{len(t) - 1, len(t), len(t) + 1} {
			if n > len(rs) || n < 4 {
				continue
			}
			tail := rs[len(rs)-n:]
			d := editDistance(tail, t)
			if d <= len(t)/5 && (len(t) > bestLen || len(t) == bestLen && d < bestD) {
				best, bestD, bestLen = string(rs[:len(rs)-n])+string(t), d, len(t)
			}
		}
	}
	if best == "" || bestD == 0 {
		return s // nothing near, or printed as the standard reads
	}
	return best
}

// numbered reports whether rs begins with a row's numbering (一、, 十二、,
// （三）, its numeral perhaps misread, its 、 perhaps read as a comma): a
// row label, never a header word, however near one it reads
// (一、一般公共预算财政拨款 is within reach of 一般公共预算财政拨款收入).
func numbered(rs []rune) bool {
	if rs[0] == '（' || rs[0] == '(' {
		return true
	}
	for i := 1; i < min(len(rs), 4); i++ {
		if strings.ContainsRune("、，,", rs[i]) {
			return true
		}
	}
	return false
}

func mostlyCJK(rs []rune) bool {
	n := 0
	for _, r := range rs {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n*4 >= len(rs)*3
}

// editDistance is the Levenshtein distance of two rune strings.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// isStandard reports whether s (spaces and quotes aside) is a standard
// title or header word as it stands.
func isStandard(s string) bool {
	rs := string([]rune(strings.NewReplacer("“", "", "”", "", "\"", "", " ", "").Replace(s)))
	l := lex()
	for _, h := range l.headers {
		if string(h) == rs {
			return true
		}
	}
	for _, t := range l.titles {
		if strings.HasSuffix(rs, string(t)) {
			return true
		}
	}
	return false
}

// snapShort snaps a word of two or three characters to the one header
// word of its length that differs from it in a single character (文出 is
// 支出, 决分数 is 决算数), and only when there is exactly one: 容计 could
// be 合计, 总计 or 小计 and stays as read.
func snapShort(s string, rs []rune, l *lexicon) string {
	found := ""
	for _, h := range l.headers {
		if len(h) != len(rs) {
			continue
		}
		diff := 0
		for i := range h {
			if h[i] != rs[i] {
				diff++
			}
		}
		switch diff {
		case 0:
			return s
		case 1:
			if found != "" {
				return s
			}
			found = string(h)
		}
	}
	if found == "" {
		return s
	}
	return found
}

// reach is how many characters of a header word of n characters may be
// misread for the reading to be taken as it: a quarter, a third from
// eight characters (一般公共预算财政拨款 read 一般公共其算财政拨坎).
func reach(n int) int {
	if n >= 8 {
		return (n + 1) / 3
	}
	return n / 4
}
