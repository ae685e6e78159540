package narrative

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/schema"
)

// Check IDs of the document's own consistency.
const (
	CheckYear        = "D.year"        // a year in a heading or a dated phrase is the fiscal year
	CheckDepartment  = "D.department"  // the department a heading names is the report's
	CheckPlaceholder = "D.placeholder" // no template placeholder (XX, ××) is left
	CheckPunctuation = "D.punctuation" // no doubled punctuation (。。 ，，)
	CheckTOC         = "D.toc"         // every table the 目录 lists is in the report
	CheckEmptyNote   = "D.empty_note"  // a table printed without data says so, or the text does
)

func documentChecks(in Input, a *Analysis) []schema.Check {
	d := docChecker{in: in, a: a, text: a.Sentences}
	if len(a.TableText) > 0 {
		d.text = append(a.Sentences[:len(a.Sentences):len(a.Sentences)], a.TableText...)
	}
	d.years()
	d.departments()
	d.placeholders()
	d.punctuation()
	d.toc()
	d.emptyNotes()
	return d.out
}

type docChecker struct {
	in   Input
	a    *Analysis
	text []Sentence // the narrative, then the text on table pages
	out  []schema.Check
}

func (d *docChecker) push(id, desc string, page int, pass bool, loc string) {
	status := schema.CheckPass
	if !pass {
		status = schema.CheckFail
	}
	p := int32(page)
	d.out = append(d.out, schema.Check{CheckID: id, Description: desc, Status: status, Location: loc, Page: &p})
}

func sentenceLocation(s Sentence) string {
	loc := "page " + strconv.Itoa(s.Page)
	if s.Section != "" {
		loc += " " + s.Section
	}
	return loc + " “" + s.Text + "”"
}

// isTitleLike tells a heading or an unterminated title line (the cover's
// …2024年度部门决算).
func isTitleLike(s Sentence) bool {
	return s.Heading > 0 || !strings.Contains(s.Text, "。") && strings.Contains(s.Text, "部门决算")
}

// yearAt returns the 4-digit year starting at byte i of s followed by 年,
// or 0.
func yearAt(s string, i int) int {
	if i+4 > len(s) || i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		return 0
	}
	for k := i; k < i+4; k++ {
		if s[k] < '0' || s[k] > '9' {
			return 0
		}
	}
	if !strings.HasPrefix(s[i+4:], "年") {
		return 0
	}
	y, _ := strconv.Atoi(s[i : i+4])
	return y
}

// comparedYear tells a year the text compares with (与2023年度相比,
// 比2023年度, 较2023年): it is rightly not the fiscal year.
func comparedYear(s string, i int) bool {
	before := s[:i]
	for _, w := range []string{"与", "比", "较", "同", "和", "上年", "去年"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// years checks the years of headings, of the dated phrase 截至YYYY年 and of
// a sentence opening with the department and its year.
func (d *docChecker) years() {
	fy := d.in.FiscalYear
	if fy == 0 {
		return
	}
	for k, s := range d.all() {
		t := s.Text
		onTable := k >= len(d.a.Sentences)
		title := isTitleLike(s) || onTable && (isTableTitle(t) || departmentLine(t) != "")
		for from := 0; ; {
			k := strings.Index(t[from:], "年")
			if k < 0 {
				break
			}
			i := from + k - 4 // a year is the four digits before 年
			from += k + len("年")
			if i < 0 {
				continue
			}
			y := yearAt(t, i)
			if y == 0 || comparedYear(t, i) {
				continue
			}
			var what string
			ok := y == fy
			switch {
			case title:
				what = "the heading's year"
			case onTable && !title:
				continue // a note names years of its own
			case strings.HasSuffix(t[:i], "截至") || strings.HasSuffix(t[:i], "截止") || yearEnd(t[i+4:]):
				what = "the year of a dated phrase (截至…, …年末)"
				if d.in.Budget {
					// A budget is drafted before its year begins.
					what += " (in a budget, the year before may be)"
					ok = ok || y == fy-1
				}
			case (i == 0 || d.in.Department != "" && t[:i] == d.in.Department) &&
				strings.HasPrefix(t[i+4:], "年度") && !strings.HasPrefix(t[i+4:], "年度预算"):
				// 2024年度收入合计…, <部门>2024年度…: the report's year. A plan
				// (2025年，…; 2025年度预算…) may name the next one.
				what = "the year the sentence opens with"
			default:
				continue
			}
			d.push(CheckYear, what+" ("+strconv.Itoa(y)+") is the fiscal year "+strconv.Itoa(fy), s.Page, ok,
				sentenceLocation(s))
		}
	}
}

// all is the text the D.* checks read: the narrative, then the text on
// table pages.
func (d *docChecker) all() []Sentence { return d.text }

// yearEnd tells the words after a year that date a figure at its end:
// 2019年期末, 2019年末, 2019年底, 2019年12月31日.
func yearEnd(after string) bool {
	for _, w := range []string{"年末", "年期末", "年底", "年12月31日"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// headingDepartment returns the department a heading names: the words
// before its year (第三部分 X2024年度部门决算情况说明) or before 概况.
func headingDepartment(s Sentence) string {
	t := s.Text
	if i := strings.Index(t, "部分"); i >= 0 && strings.HasPrefix(t, "第") {
		t = t[i+len("部分"):]
	} else if s.Heading == 0 {
		return ""
	}
	for i := 0; i+4 <= len(t); i++ {
		if yearAt(t, i) != 0 {
			return t[:i]
		}
	}
	if strings.HasSuffix(t, "概况") {
		return strings.TrimSuffix(t, "概况")
	}
	return ""
}

// genericNames stand where a heading names no department (第一部分 部门概况).
var genericNames = map[string]bool{"部门": true, "本部门": true, "单位": true, "本单位": true, "部门（单位）": true}

// isShortFormOf reports whether name is dept or a short form of it: its
// characters in dept's order (省人大办公厅 for 江苏省人大常委会办公厅, 省检察院
// for 江苏省人民检察院). Another department differs in a character of its
// own (财政局 for 司法局).
func isShortFormOf(name, dept string) bool {
	rest := dept
	for _, r := range name {
		i := strings.IndexRune(rest, r)
		if i < 0 {
			return false
		}
		rest = rest[i+utf8.RuneLen(r):]
	}
	return true
}

// departments checks the department named in part headings.
func (d *docChecker) departments() {
	dept := removeSpaces(d.in.Department)
	if dept == "" {
		return
	}
	for k, s := range d.all() {
		var name string
		switch {
		case s.Heading == 1:
			name = headingDepartment(s)
		case k >= len(d.a.Sentences): // a 部门：line of a table page
			name = departmentLine(s.Text)
		}
		if name == "" {
			continue
		}
		if name == "" || genericNames[name] || hasPlaceholder(name) { // a placeholder is D.placeholder's
			continue
		}
		d.push(CheckDepartment, "the department a heading names ("+name+") is the report's ("+dept+") or its short form", s.Page,
			isShortFormOf(name, dept), sentenceLocation(s))
	}
}

// placeholders are what templates leave for the department to fill in;
// lowercase xx and ** are left out: web addresses and masked numbers use them.
var placeholders = []string{"XX", "××", "ＸＸ", "ⅩⅩ", "＊＊", "某某"}

func hasPlaceholder(s string) bool {
	for _, p := range placeholders {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// placeholders checks that no template placeholder is left in the text.
func (d *docChecker) placeholders() {
	found := false
	for _, s := range d.all() {
		if hasPlaceholder(s.Text) {
			found = true
			d.push(CheckPlaceholder, "no template placeholder (XX, ××, ＸＸ) is left in the text", s.Page, false, sentenceLocation(s))
		}
	}
	if !found && len(d.a.Sentences) > 0 {
		d.push(CheckPlaceholder, "no template placeholder (XX, ××, ＸＸ) is left in the text", d.a.Sentences[0].Page, true, "the whole text")
	}
}

// markLen returns the length in bytes of the punctuation mark at text[i]
// that must not be doubled (。 、 ， ； ： , ;), 0 for anything else. A byte
// test: strings.Index for these marks stops at every CJK character, which
// shares their lead byte.
func markLen(text string, i int) int {
	switch c := text[i]; {
	case c == ',' || c == ';':
		return 1
	case c == 0xE3 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0x82 || text[i+2] == 0x81): // 。 、
		return 3
	case c == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && (text[i+2] == 0x8C || text[i+2] == 0x9B || text[i+2] == 0x9A): // ， ； ：
		return 3
	}
	return 0
}

// doubledAt returns the byte offset of the first doubled mark in text from
// byte from on: two marks in a row (。。, ，，, ，。), but not a run of three or
// more, which is a template's ellipsis (。。。 rows of an unfilled list), not
// a slip. -1 when there is none.
func doubledAt(text string, from int) int {
	runStart, run := 0, 0
	for i := from; i < len(text); {
		if n := markLen(text, i); n > 0 {
			if run == 0 {
				runStart = i
			}
			run++
			i += n
			continue
		}
		if run == 2 {
			return runStart
		}
		run = 0
		i++
	}
	if run == 2 {
		return runStart
	}
	return -1
}

// punctuation checks for doubled punctuation, in the prose joined back
// together: a doubled 。 splits into a sentence of its own.
func (d *docChecker) punctuation() {
	var text strings.Builder
	var starts []int // byte offset of each sentence in text
	for _, s := range d.a.Sentences {
		starts = append(starts, text.Len())
		if s.Heading > 0 {
			text.WriteString("\n" + s.Text + "\n")
			continue
		}
		text.WriteString(s.Text)
	}
	all := text.String()
	found := false
	k := 0 // the sentence holding at: marks are found in order, so k only moves on
	for from := 0; from < len(all); {
		at := doubledAt(all, from)
		if at < 0 {
			break
		}
		for k+1 < len(starts) && starts[k+1] <= at {
			k++
		}
		s := d.a.Sentences[k]
		if k+1 < len(starts) && starts[k+1] < at+len("。。") && d.a.Sentences[k+1].Heading == 0 {
			s.Text += d.a.Sentences[k+1].Text // the second 。 is a sentence of its own
		}
		found = true
		d.push(CheckPunctuation, "no doubled punctuation (。。, ，，)", s.Page, false, sentenceLocation(s))
		from = at + len("。。")
	}
	if !found && len(d.a.Sentences) > 0 {
		d.push(CheckPunctuation, "no doubled punctuation (。。, ，，)", d.a.Sentences[0].Page, true, "the whole text")
	}
}

// tocTitles tells a 目录 line's table: the most specific words first.
var tocTitles = []struct{ words, id string }{
	{"三公", "T07"}, {"国有资本经营预算财政拨款", "T09"}, {"政府性基金预算财政拨款", "T08"},
	{"基本支出决算表", "T06"}, {"一般公共预算财政拨款支出决算表", "T05"}, {"财政拨款收入支出决算总表", "T04"},
	{"收入支出决算总表", "T01"}, {"收入决算表", "T02"}, {"支出决算表", "T03"},
}

// tocTable returns the table a 目录 line lists, "" for other lines.
func tocTable(l string) string {
	l = strings.TrimRight(removeSpaces(l), "0123456789.…·-— ")
	if !strings.HasSuffix(l, "表") && !strings.HasSuffix(l, "表）") {
		return ""
	}
	for _, t := range tocTitles {
		if strings.Contains(l, t.words) && strings.Contains(l, "决算") {
			return t.id
		}
	}
	return ""
}

// toc checks that every table the 目录 lists is printed.
func (d *docChecker) toc() {
	present := map[string]bool{}
	for _, t := range d.in.Tables {
		present[t.ID] = true
	}
	for i, lines := range d.in.Pages {
		isTOC := false
		for _, l := range lines {
			if c := removeSpaces(l); c == "目录" || strings.HasSuffix(c, "目录") && len(c) <= len("部门决算目录") {
				isTOC = true
				break
			}
		}
		if !isTOC {
			continue
		}
		seen := map[string]bool{}
		for _, l := range lines {
			id := tocTable(l)
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			d.push(CheckTOC, "table "+id+", listed in the 目录, is in the report", i+1, present[id],
				"page "+strconv.Itoa(i+1)+" 目录 “"+removeSpaces(l)+"”")
		}
		return
	}
}

// emptyWords name an empty table's subject in the text.
var emptyWords = map[string]string{"T07": "三公", "T08": "政府性基金", "T09": "国有资本经营"}

// emptyNotes checks that an empty 三公/政府性基金/国有资本经营 table carries
// its note (本表无数据, 空表, 无…) or the narrative says there is none.
func (d *docChecker) emptyNotes() {
	for _, t := range d.in.Tables {
		word, ok := emptyWords[t.ID]
		if !ok || !t.Empty {
			continue
		}
		noted := false
		for _, p := range t.Pages {
			if p < 1 || p > len(d.in.Pages) {
				continue
			}
			for _, l := range d.in.Pages[p-1] {
				c := removeSpaces(l)
				noted = noted || strings.Contains(c, "无数据") || strings.Contains(c, "空表") ||
					strings.Contains(c, "没有") && (strings.Contains(c, "收入") || strings.Contains(c, "支出"))
			}
		}
		for _, s := range d.a.Sentences {
			if s.Heading == 0 && strings.Contains(s.Text, word) &&
				(strings.Contains(s.Text, "无") || strings.Contains(s.Text, "没有") || strings.Contains(s.Text, "未发生")) {
				noted = true
			}
		}
		page := 0
		if len(t.Pages) > 0 {
			page = t.Pages[0]
		}
		d.push(CheckEmptyNote, "table "+t.ID+" "+t.Title+", printed without data, carries a 本表无数据 note or the text says it is empty",
			page, noted, t.ID+" "+t.Title+" (page "+strconv.Itoa(page)+")")
	}
}
