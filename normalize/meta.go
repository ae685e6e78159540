package normalize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/textfold"
	"github.com/juesuan/juesuan/schema"
)

// Meta is what a report says about itself.
type Meta struct {
	Department string // 部门 as printed, "" when not found
	FiscalYear int    // 0 when not found
	DocKind    string // schema.KindFinal, schema.KindBudget or schema.KindUnknown
	Unit       string // document unit (UnitWanYuan, UnitYuan) or ""
}

// DetectMeta reads the report metadata from the text lines of every page
// (pages[0] is page 1, as extract's Page.TextLines gives them) and from the
// recognised tables.
func DetectMeta(pages [][]string, ts []tables.Table) Meta {
	return ReadText(pages).Meta(ts)
}

// Text is a report's text lines prepared once for reading its metadata:
// the kind of report before its tables are searched (CoverKind, Kind),
// then the metadata with the tables found (Meta).
type Text struct {
	pages     [][]string
	compacted [][]string // every detector reads the lines compacted: folded once
	cover     string
}

// ReadText prepares the text lines of every page (pages[0] is page 1, as
// extract's Page.TextLines gives them).
func ReadText(pages [][]string) *Text {
	compacted := make([][]string, len(pages))
	for i, page := range pages {
		compacted[i] = make([]string, len(page))
		for k, line := range page {
			compacted[i][k] = textfold.Compact(line)
		}
	}
	return &Text{pages: pages, compacted: compacted, cover: coverText(pages)}
}

// CoverKind is the kind of report its cover names (schema.KindFinal,
// KindBudget), or KindUnknown: when the cover names it, no table title
// changes Kind.
func (t *Text) CoverKind() string { return coverKind(t.cover) }

// Kind is Meta(ts).DocKind, without reading the rest of the metadata.
func (t *Text) Kind(ts []tables.Table) string {
	return detectKind(t.compacted, t.cover, ts)
}

// Meta reads the report metadata from the text and the tables ts found in
// it.
func (t *Text) Meta(ts []tables.Table) Meta {
	m := Meta{
		Department: detectDepartment(t.pages, t.compacted, t.cover, ts),
		FiscalYear: detectYear(t.compacted, t.cover, ts),
		DocKind:    detectKind(t.compacted, t.cover, ts),
		Unit:       DocumentUnit(ts),
	}
	if m.Unit == "" {
		m.Unit = textUnit(t.compacted)
	}
	return m
}

// pageNumberLine matches running page numbers: "1", "- 1 -", "— 1 —".
var pageNumberLine = regexp.MustCompile(`^[-—–]*\d{1,3}[-—–]*$`)

// coverText is page 1 up to its table of contents (目录), lines joined
// without separators, spaces and page numbers removed: the cover title
// often wraps ("上海市普陀区规划和自然" / "资源局" / "2024 年度部门决算").
func coverText(pages [][]string) string {
	if len(pages) == 0 {
		return ""
	}
	var b strings.Builder
	for _, line := range pages[0] {
		c := textfold.Compact(line)
		if c == "目录" || strings.HasPrefix(c, "目录") {
			break
		}
		if pageNumberLine.MatchString(c) {
			continue
		}
		b.WriteString(c)
	}
	return b.String()
}

// Years.

// yearRE is a year in Arabic or Chinese digits ("2024", "二〇二四").
const yearRE = `(?:(?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3})`

var (
	arabicYear  = regexp.MustCompile(`((?:19|20)\d{2})年`)
	chineseYear = regexp.MustCompile(`([一二][〇○零一二三四五六七八九]{3})年`)
	titleYear   = regexp.MustCompile(`(` + yearRE + `)年度?.{0,30}?(?:决算|预算)`)
)

var chineseDigits = map[rune]byte{'〇': '0', '○': '0', '零': '0', '一': '1', '二': '2', '三': '3',
	'四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}

// yearsIn returns the years written in s, in order, Arabic ("2024 年度")
// or Chinese ("二〇二四年度").
func yearsIn(s string) []int {
	if !strings.Contains(s, "年") { // both patterns end in 年: spare the regexps
		return nil
	}
	type hit struct{ pos, year int }
	var hits []hit
	for _, m := range arabicYear.FindAllStringSubmatchIndex(s, -1) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		hits = append(hits, hit{m[0], y})
	}
	for _, m := range chineseYear.FindAllStringSubmatchIndex(s, -1) {
		var d []byte
		for _, r := range s[m[2]:m[3]] {
			d = append(d, chineseDigits[r])
		}
		if y, err := strconv.Atoi(string(d)); err == nil && y >= 1990 && y <= 2100 {
			hits = append(hits, hit{m[0], y})
		}
	}
	// Few hits: insertion sort by position.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].pos < hits[j-1].pos; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	years := make([]int, len(hits))
	for i, h := range hits {
		years[i] = h.year
	}
	return years
}

// detectYear takes the year of the cover title; else the year most tables
// print beside their title; else the most common year of title-like lines
// (a year followed by 决算/预算); else the most common year in the text.
// pages are compacted lines.
func detectYear(pages [][]string, cover string, ts []tables.Table) int {
	if ys := yearsIn(cover); len(ys) > 0 {
		return ys[0]
	}
	var fromTables []string
	for _, t := range ts {
		if ys := yearsIn(textfold.Compact(t.Year + "年")); len(ys) > 0 {
			fromTables = append(fromTables, strconv.Itoa(ys[0]))
		} else if ys := yearsIn(textfold.Compact(t.Title)); len(ys) > 0 {
			fromTables = append(fromTables, strconv.Itoa(ys[0]))
		}
	}
	if y := mostCommon(fromTables); y != "" {
		n, _ := strconv.Atoi(y)
		return n
	}
	var titled, any []string
	for _, page := range pages {
		for _, c := range page {
			ys := yearsIn(c)
			for _, y := range ys {
				any = append(any, strconv.Itoa(y))
			}
			if len(ys) > 0 && hasKindWord(c) && titleYear.MatchString(c) {
				for _, y := range yearsIn(c) {
					titled = append(titled, strconv.Itoa(y))
				}
			}
		}
	}
	y := mostCommon(titled)
	if y == "" {
		y = mostCommon(any)
	}
	n, _ := strconv.Atoi(y)
	return n
}

// Kinds. Finals name 预算 in table titles (一般公共预算财政拨款…决算表) and
// budgets name 决算 in their narrative, so only phrases that make 决算 or 预算
// the subject count.

var (
	finalPhrase  = regexp.MustCompile(`(?:部门|单位)决算|决算(?:公开|总表|表)|年度?决算`)
	budgetPhrase = regexp.MustCompile(`(?:部门|单位)预算|预算(?:公开|总表|表)|年度?预算`)
	strongFinal  = regexp.MustCompile(`年度?(?:部门|单位)决算|(?:部门|单位)决算公开`)
	strongBudget = regexp.MustCompile(`年度?(?:区级)?(?:部门|单位)预算|(?:部门|单位)预算公开`)
)

// detectKind decides by the cover, else by the recognised tables' titles,
// else by the strong title phrases (年度部门决算, 部门预算公开 …) of the
// whole text. pages are compacted lines.
func detectKind(pages [][]string, cover string, ts []tables.Table) string {
	if k := coverKind(cover); k != schema.KindUnknown {
		return k
	}
	var finals, budgets int
	for _, t := range ts {
		title := textfold.Compact(t.Title)
		switch {
		case strings.HasSuffix(title, "决算表"):
			finals++
		case strings.HasSuffix(title, "预算表"):
			budgets++
		}
	}
	if k := majorityKind(finals, budgets); k != schema.KindUnknown {
		return k
	}
	if k := majorityKind(countPhrases(pages, strongFinal, strongBudget)); k != schema.KindUnknown {
		return k
	}
	// Last resort: the weaker phrases (决算表, 预算总表 …) of the whole text,
	// e.g. a tables-only attachment without recognised tables.
	return majorityKind(countPhrases(pages, finalPhrase, budgetPhrase))
}

// coverKind is the kind the cover's phrases name, or KindUnknown.
func coverKind(cover string) string {
	return majorityKind(len(finalPhrase.FindAllString(cover, -1)), len(budgetPhrase.FindAllString(cover, -1)))
}

// countPhrases counts the matches of final and budget in the compacted
// lines of pages; every final pattern names 决算 and every budget pattern
// 预算, so a line without the word is not searched.
func countPhrases(pages [][]string, final, budget *regexp.Regexp) (finals, budgets int) {
	for _, page := range pages {
		for _, c := range page {
			if strings.Contains(c, "决算") {
				finals += len(final.FindAllString(c, -1))
			}
			if strings.Contains(c, "预算") {
				budgets += len(budget.FindAllString(c, -1))
			}
		}
	}
	return finals, budgets
}

func majorityKind(finals, budgets int) string {
	switch {
	case finals > budgets:
		return schema.KindFinal
	case budgets > finals:
		return schema.KindBudget
	}
	return schema.KindUnknown
}

// Departments.

var (
	// deptLabel is a labelled department at the start of a line (or after
	// a wide gap): 部门：…, 预算主管部门：…, 编制单位：…, 部门名称：….
	deptLabel = regexp.MustCompile(`(?:^|\s)(?:预算主管部门|主管部门|部门名称|编制部门|编制单位|预算单位|单位名称|部门)\s*[:：]\s*(.*)$`)
	// unitTail cuts a unit statement printed on the same line.
	unitTail = regexp.MustCompile(`\s*(?:金额)?单位\s*[:：].*$`)
	// coverTitle is "<department><year>年度部门决算" or, year first,
	// "<year>年度<department>部门预算公开".
	coverTitle     = regexp.MustCompile(`^(.+?)` + yearRE + `年度?(?:区级)?(?:部门|单位)?(?:决算|预算)`)
	coverYearFirst = regexp.MustCompile(`^` + yearRE + `年度?(.+?)(?:部门|单位)?(?:决算|预算)`)
	// heading is the title of the tables part: "第二部分 上海市…局 2024 年度
	// 部门决算表", also a table title "上海市…局2024年度部门决算表".
	heading = regexp.MustCompile(`^(?:第[一二三四五六七八九十]+部分)?(.+?)` + yearRE + `年度?(?:部门|单位)?(?:决算|预算)`)
	// placeOnly rejects what the patterns catch that is no department: a
	// bare place ("上海市普陀区" of "上海市普陀区2026年区级部门预算"), narrative.
	placeOnly = regexp.MustCompile(`(?:省|市|区|县)$`)
	// partHeading is a part number such as 第二部分, caught when the heading
	// names no department ("第二部分 2019 年度部门预算表").
	partHeading = regexp.MustCompile(`^第[一二三四五六七八九十]+部分`)
)

// plausibleDepartment filters candidates: not a unit, not a bare place, not
// a sentence, not a pronoun.
func plausibleDepartment(s string) bool {
	n := len([]rune(s))
	switch {
	case n < 3 || n > 40:
		return false
	case s == UnitWanYuan || s == UnitYuan:
		return false
	case placeOnly.MatchString(s):
		return false
	case strings.ContainsAny(s, "，。；：:,;、（）()“”"):
		return false
	case strings.HasPrefix(s, "本") || strings.HasPrefix(s, "我") || strings.HasPrefix(s, "该"):
		return false
	case partHeading.MatchString(s):
		return false
	case strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0:
		return false
	}
	return true
}

// mayHaveDeptLabel is a cheap test that deptLabel cannot match, run before
// it because the regexp is the costliest part of DetectMeta. A match needs
// a colon (':' or '：', which textfold.Width folds to ':') preceded, across
// \s (ASCII white space, or U+3000 which textfold.Width folds to ' '), by
// the end of a label; every label ends with one of deptLabelEnds. The
// Width fold leaves the CJK runes of the labels as they are.
func mayHaveDeptLabel(line string) bool {
	if strings.IndexByte(line, ':') < 0 && !strings.Contains(line, "：") {
		return false // most lines
	}
	for i := 0; i < len(line); i++ {
		end := i // index just past the label side of a colon at i
		switch b := line[i]; {
		case b == ':':
		case b == "："[0] && strings.HasPrefix(line[i:], "："):
		default:
			continue
		}
		for {
			if end > 0 && strings.IndexByte("\t\n\f\r ", line[end-1]) >= 0 {
				end--
			} else if strings.HasSuffix(line[:end], "\u3000") {
				end -= len("\u3000")
			} else {
				break
			}
		}
		for _, e := range deptLabelEnds {
			if strings.HasSuffix(line[:end], e) {
				return true
			}
		}
	}
	return false
}

// deptLabelEnds are the endings of deptLabel's labels.
var deptLabelEnds = []string{"部门", "编制单位", "预算单位", "名称"}

// detectDepartment prefers a labelled department (the most common one),
// then the department the tables print beside their titles, then the cover
// title, then the heading of the tables part.
func detectDepartment(pages, compacted [][]string, cover string, ts []tables.Table) string {
	var labelled []string
	for _, page := range pages {
		for _, line := range page {
			if !mayHaveDeptLabel(line) {
				continue
			}
			m := deptLabel.FindStringSubmatch(textfold.Fold(line, textfold.Width))
			if m == nil {
				continue
			}
			if v := CleanLabel(unitTail.ReplaceAllString(m[1], "")); plausibleDepartment(v) {
				labelled = append(labelled, v)
			}
		}
	}
	if d := mostCommon(labelled); d != "" {
		return d
	}
	var printed []string
	for _, t := range ts {
		v := textfold.Fold(t.Department, textfold.Width)
		if m := deptLabel.FindStringSubmatch(v); m != nil {
			v = m[1] // printed with its label: "部门：…"
		}
		if v = CleanLabel(unitTail.ReplaceAllString(v, "")); plausibleDepartment(v) {
			printed = append(printed, v)
		}
	}
	if d := mostCommon(printed); d != "" {
		return d
	}
	for _, re := range []*regexp.Regexp{coverTitle, coverYearFirst} {
		if m := re.FindStringSubmatch(cover); m != nil && plausibleDepartment(m[1]) {
			return m[1]
		}
	}
	var headed []string
	for _, page := range compacted {
		for _, c := range page {
			if !strings.Contains(c, "年") || !hasKindWord(c) {
				continue // heading needs both: spare the regexp
			}
			if m := heading.FindStringSubmatch(c); m != nil && plausibleDepartment(m[1]) {
				headed = append(headed, m[1])
			}
		}
	}
	for _, t := range ts {
		if m := heading.FindStringSubmatch(textfold.Compact(t.Title)); m != nil && plausibleDepartment(m[1]) {
			headed = append(headed, m[1])
		}
	}
	return mostCommon(headed)
}

// textUnit is the unit most unit statements of the text give; pages are
// compacted lines.
func textUnit(pages [][]string) string {
	var units []string
	for _, page := range pages {
		for _, c := range page {
			if !strings.Contains(c, "单位") {
				continue // the pattern's literal: spare the regexp
			}
			if m := unitInLine.FindStringSubmatch(c); m != nil {
				units = append(units, m[1])
			}
		}
	}
	return mostCommon(units)
}

// hasKindWord reports whether s names 决算 or 预算, which every title
// pattern requires.
func hasKindWord(s string) bool {
	return strings.Contains(s, "决算") || strings.Contains(s, "预算")
}
