package tables

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/internal/textfold"
)

// titlePattern is the accepted form of one table's title after numbering,
// markers and a "部门 + 年度" prefix are stripped.
type titlePattern struct {
	id string
	re *regexp.Regexp
}

// titleSet is the set of titles one kind of report prints: final accounts
// (T01…T09) or budgets (B01…B13). Finding a document's tables with the set
// of its kind keeps the two apart: a budget table is never read as a final
// account's, nor the other way round.
type titleSet struct {
	// word is the rune that with 算 and 表 is in every title of the set
	// (决 or 预): the cheap prefilter of every line.
	word rune
	// ends are the endings of every pattern (after trimEnd): without one
	// nothing can match.
	ends []string
	// trimEnd, when set, removes a bracketed qualifier printed after the
	// title proper, e.g. （功能科目）.
	trimEnd *regexp.Regexp
	// trim are the characters cut from both ends once markers are gone
	// (Jiangsu prints 公开 04 表：title).
	trim       string
	yearPrefix *regexp.Regexp
	// wrapLeft joins a title wrapped onto a second line that starts where
	// the first does (Word's left-aligned headings), not only a centred one.
	wrapLeft bool
	// namedAfterYear, when positive, is how many characters of a name may
	// be printed between the year and the title.
	namedAfterYear int
	// Patterns are anchored on both ends, so the most specific title wins
	// by construction (收入决算表 does not match 收入支出决算总表).
	patterns []titlePattern
}

var finalTitles = &titleSet{
	word:       '决',
	ends:       []string{"决算表", "决算总表"},
	trim:       "()",
	yearPrefix: regexp.MustCompile(`^.*?\d{4}年度?(部门)?(决算)?`),
	patterns: []titlePattern{
		{T01, regexp.MustCompile(`^(部门)?收入支出决算总表$`)},
		{T02, regexp.MustCompile(`^(部门)?收入决算表$`)},
		{T03, regexp.MustCompile(`^(部门)?支出决算表$`)},
		{T04, regexp.MustCompile(`^(部门)?财政拨款收入支出决算总表$`)},
		{T05, regexp.MustCompile(`^一般公共预算(财政拨款)?支出决算表$`)},
		{T06, regexp.MustCompile(`^一般公共预算(财政拨款)?基本支出决算表$`)},
		{T07, regexp.MustCompile(`^(\(?一般公共预算\)?)?(财政拨款)?三公经费支出(预)?决算表$`)},
		{T08, regexp.MustCompile(`^政府性基金预算财政拨款(收入)?支出决算表$`)},
		{T09, regexp.MustCompile(`^国有资本经营预算财政拨款(收入)?支出决算表$`)},
	},
}

var (
	// Table-of-contents entries: leader dots or a trailing page number.
	tocRe = regexp.MustCompile(`(\.{3,}|…|·{2,}|．{2,}|-{3,}|_{3,})`)
	// Markers printed with the title: 公开01表, 公开表一, 表1, 附表3.
	markerRe    = regexp.MustCompile(`公开\d+表|公开表[一二三四五六七八九十]+|附表\d+|表[一二三四五六七八九十\d]+$|^表[一二三四五六七八九十\d]+`)
	numberingRe = regexp.MustCompile(`^(\d+[.、．]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\))`)
	// The marker as printed, for Table.Marker.
	markerPrintedRe = regexp.MustCompile(`公开\s*\d+\s*表|公开表\s*[一二三四五六七八九十]+`)
)

// matchTitle reports which final-account table a printed line titles, if
// any.
func matchTitle(line string) (string, bool) { return finalTitles.match(line) }

// match reports which table of the set a printed line titles, if any.
func (ts *titleSet) match(line string) (string, bool) {
	// Every title pattern holds the set's word, 算 and 表, and the steps
	// below only drop or fold other characters: a line lacking one of them
	// cannot match.
	if !ts.mayBeTitle(line) {
		return "", false
	}
	s := textfold.Key(line)
	if s == "" || isTOC(s) {
		return "", false
	}
	s = stripMarkers(s)
	if ts.trimEnd != nil && strings.HasSuffix(s, ")") {
		s = ts.trimEnd.ReplaceAllString(s, "")
	}
	s = strings.Trim(s, ts.trim)
	// Every pattern ends in one of ts.ends, and the steps below only cut
	// prefixes: without that ending nothing can match.
	if !ts.hasTitleEnd(s) {
		return "", false
	}
	s = stripNumbering(s)
	cands := [2]string{s}
	n := 1
	if strings.Contains(s, "年") { // yearPrefix needs 年; else it leaves s as is
		cands[1], n = ts.yearPrefix.ReplaceAllString(s, ""), 2
	}
	for _, cand := range cands[:n] {
		if id, ok := ts.matchPatterns(cand); ok {
			return id, true
		}
	}
	if n == 2 && ts.namedAfterYear > 0 {
		// The department printed between the year and the title, without
		// a 部门 to cut at (2018年度江苏省高级人民法院收支预算总表): the
		// longest tail that is a title.
		rest := []rune(cands[1])
		for i := 1; i < len(rest) && i <= ts.namedAfterYear; i++ {
			if id, ok := ts.matchPatterns(string(rest[i:])); ok {
				return id, true
			}
		}
	}
	return "", false
}

func (ts *titleSet) matchPatterns(s string) (string, bool) {
	for _, p := range ts.patterns {
		if p.re.MatchString(s) {
			return p.id, true
		}
	}
	return "", false
}

// isTOC is tocRe.MatchString: a run of leader characters.
func isTOC(s string) bool {
	for _, leader := range []string{"...", "…", "··", "．．", "---", "___"} {
		if strings.Contains(s, leader) {
			return true
		}
	}
	return false
}

// stripMarkers removes markerRe's matches. Each of its alternatives needs
// 公开 or 附表, or 表 at the start, or a numeral at the end: without them
// there is nothing to remove and the regexp is not run.
func stripMarkers(s string) string {
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.Contains(s, "公开") || strings.Contains(s, "附表") || strings.HasPrefix(s, "表") || isNumeral(last) {
		return markerRe.ReplaceAllString(s, "")
	}
	return s
}

// stripNumbering removes numberingRe's match, which starts with a digit, a
// Chinese numeral or an opening bracket.
func stripNumbering(s string) string {
	first, _ := utf8.DecodeRuneInString(s)
	if isNumeral(first) || first == '(' {
		return numberingRe.ReplaceAllString(s, "")
	}
	return s
}

// isNumeral reports an ASCII digit or one of 一…十.
func isNumeral(r rune) bool {
	return (r >= '0' && r <= '9') || strings.ContainsRune("一二三四五六七八九十", r)
}

func (ts *titleSet) hasTitleEnd(s string) bool {
	for _, e := range ts.ends {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// mayBeTitle is match's cheap prefilter: the line holds the set's word, 算
// and 表.
func (ts *titleSet) mayBeTitle(line string) bool {
	return strings.ContainsRune(line, ts.word) && strings.ContainsRune(line, '算') && strings.ContainsRune(line, '表')
}

var (
	unitRe = regexp.MustCompile(`单位\s*[:：]\s*(万元|千元|元)`)
	deptRe = regexp.MustCompile(`(?:部门名称|部门|单位名称|编制部门|编制单位)\s*[:：]\s*([^\s:：\d][^\s:：]*)`)
	// A year reads 2020年度, 2020 年 (the national template's T06 and T07
	// drop the 度) or 二〇二〇年度.
	yearOnlyRe = regexp.MustCompile(`^\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*度?\s*$`)
	yearRe     = regexp.MustCompile(`(\d{4}|[〇零一二三四五六七八九]{4})\s*年`)
)

// yearDigits writes a year printed in Chinese numerals (二〇二〇) in digits.
func yearDigits(y string) string {
	if len(y) == 4 {
		return y
	}
	var b strings.Builder
	for _, r := range y {
		for d, set := range []string{"〇零", "一", "二", "三", "四", "五", "六", "七", "八", "九"} {
			if strings.ContainsRune(set, r) {
				b.WriteByte(byte('0' + d))
			}
		}
	}
	return b.String()
}

// titleYear is the year printed in a title line (2019年度…收入决算表), ""
// when none.
func titleYear(title string) string {
	if m := yearRe.FindStringSubmatch(title); m != nil {
		return yearDigits(m[1])
	}
	return ""
}

// metaFrom reads unit, department and year from the lines printed around a
// title.
func metaFrom(lines []string) (unit, dept, year, marker string) {
	for _, l := range lines {
		if m := unitRe.FindStringSubmatch(l); m != nil && unit == "" {
			unit = m[1]
		}
		if m := deptRe.FindStringSubmatch(l); m != nil && dept == "" {
			dept = m[1]
		}
		// The year only from the 部门 line, the 单位 line or a line that is
		// just "2020年度": the document heading (…2024年度部门决算表) is not
		// table metadata.
		if y := yearRe.FindStringSubmatch(l); y != nil && year == "" && (deptRe.MatchString(l) || unitRe.MatchString(l) || yearOnlyRe.MatchString(l)) {
			year = yearDigits(y[1])
		}
		if m := markerPrintedRe.FindString(l); m != "" && marker == "" {
			marker = textfold.Key(m)
		}
	}
	return
}

// TitleID reports which standard table a printed line titles (T01…T09), if
// any: numbering, 公开NN表 markers, letter-spacing and a "部门 + 年度" prefix
// are ignored; table-of-contents lines and budget (预算) titles are not
// titles. Find uses it; it is exported for document classification.
func TitleID(line string) (string, bool) { return matchTitle(line) }
