package tables

import (
	"regexp"
	"strings"
	"unicode"
)

// matchNorm prepares printed text for matching: no whitespace (letter-spaced
// titles, padding), full-width brackets and colon folded to ASCII, quotes
// dropped (“三公” is printed with curly, straight or no quotes).
func matchNorm(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			continue
		case strings.ContainsRune("“”\"'‘’「」『』", r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r == '：':
			r = ':'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanText removes line-break and padding spaces from printed text: spaces
// next to a CJK character go, runs of other spaces become one.
func cleanText(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if unicode.IsSpace(r) || r == '\u3000' {
			j := i
			for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == '\u3000') {
				j++
			}
			if i > 0 && j < len(rs) && !isWide(rs[i-1]) && !isWide(rs[j]) {
				b.WriteByte(' ')
			}
			i = j - 1
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) ||
		strings.ContainsRune("“”‘’…—", r)
}

// titlePatterns are the accepted forms of each table's title after
// numbering, markers and a "部门 + 年度" prefix are stripped. Anchored on
// both ends, so the most specific title wins by construction (收入决算表 does
// not match 收入支出决算总表, nor 收入预算表).
var titlePatterns = []struct {
	id string
	re *regexp.Regexp
}{
	{T01, regexp.MustCompile(`^(部门)?收入支出决算总表$`)},
	{T02, regexp.MustCompile(`^(部门)?收入决算表$`)},
	{T03, regexp.MustCompile(`^(部门)?支出决算表$`)},
	{T04, regexp.MustCompile(`^(部门)?财政拨款收入支出决算总表$`)},
	{T05, regexp.MustCompile(`^一般公共预算(财政拨款)?支出决算表$`)},
	{T06, regexp.MustCompile(`^一般公共预算(财政拨款)?基本支出决算表$`)},
	{T07, regexp.MustCompile(`^(\(?一般公共预算\)?)?(财政拨款)?三公经费支出(预)?决算表$`)},
	{T08, regexp.MustCompile(`^政府性基金预算财政拨款(收入)?支出决算表$`)},
	{T09, regexp.MustCompile(`^国有资本经营预算财政拨款(收入)?支出决算表$`)},
}

var (
	// Table-of-contents entries: leader dots or a trailing page number.
	tocRe = regexp.MustCompile(`(\.{3,}|…|·{2,}|．{2,}|-{3,}|_{3,})`)
	// Markers printed with the title: 公开01表, 公开表一, 表1, 附表3.
	markerRe     = regexp.MustCompile(`公开\d+表|公开表[一二三四五六七八九十]+|附表\d+|表[一二三四五六七八九十\d]+$|^表[一二三四五六七八九十\d]+`)
	numberingRe  = regexp.MustCompile(`^(\d+[.、．]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\))`)
	yearPrefixRe = regexp.MustCompile(`^.*?\d{4}年度?(部门)?(决算)?`)
	// The marker as printed, for Table.Marker.
	markerPrintedRe = regexp.MustCompile(`公开\s*\d+\s*表|公开表\s*[一二三四五六七八九十]+`)
)

// matchTitle reports which table a printed line titles, if any.
func matchTitle(line string) (string, bool) {
	s := matchNorm(line)
	if s == "" || tocRe.MatchString(s) {
		return "", false
	}
	s = markerRe.ReplaceAllString(s, "")
	s = strings.Trim(s, "()")
	s = numberingRe.ReplaceAllString(s, "")
	for _, cand := range []string{s, yearPrefixRe.ReplaceAllString(s, "")} {
		for _, p := range titlePatterns {
			if p.re.MatchString(cand) {
				return p.id, true
			}
		}
	}
	return "", false
}

var (
	unitRe     = regexp.MustCompile(`单位\s*[:：]\s*(万元|千元|元)`)
	deptRe     = regexp.MustCompile(`(?:部门名称|部门|单位名称|编制部门|编制单位)\s*[:：]\s*([^\s:：\d][^\s:：]*)`)
	yearOnlyRe = regexp.MustCompile(`^\s*\d{4}\s*年\s*度\s*$`)
	yearRe     = regexp.MustCompile(`(\d{4})\s*年\s*度`)
)

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
		// The year only from the 部门 line or a line that is just "2020年度":
		// the document heading (…2024年度部门决算表) is not table metadata.
		if y := yearRe.FindStringSubmatch(l); y != nil && year == "" && (deptRe.MatchString(l) || yearOnlyRe.MatchString(l)) {
			year = y[1]
		}
		if m := markerPrintedRe.FindString(l); m != "" && marker == "" {
			marker = matchNorm(m)
		}
	}
	return
}

// emptyNoteRe finds the notes printed for tables without data.
var emptyNoteRe = regexp.MustCompile(`本表无数据|空表|无数据`)

// TitleID reports which standard table a printed line titles (T01…T09), if
// any: numbering, 公开NN表 markers, letter-spacing and a "部门 + 年度" prefix
// are ignored; table-of-contents lines and budget (预算) titles are not
// titles. Find uses it; it is exported for document classification.
func TitleID(line string) (string, bool) { return matchTitle(line) }
