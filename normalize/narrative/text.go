package narrative

import (
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/internal/textfold"
)

// Sentence is one unit of the narrative in reading order: a heading, or a
// sentence of prose ending at 。 (or where the next heading starts).
type Sentence struct {
	Page    int    // 1-based page the sentence starts on
	Section string // numbered heading it sits under, e.g. "五（三）"
	Heading int    // 0 prose; 1 part (第三部分), 2 一、, 3 （一）
	Text    string // as printed, lines re-joined, spaces removed
}

// Read returns the sentences of a document's text outside the tables.
// pages[i] holds the text lines of page i+1 in reading order (extract's
// Page.TextLines); skip reports the pages to leave out (the table pages).
func Read(pages [][]string, skip func(page int) bool) []Sentence {
	r := reader{}
	for i, lines := range pages {
		page := i + 1
		if skip != nil && skip(page) {
			lines = explanationTail(lines)
		}
		for _, l := range lines {
			r.line(page, removeSpaces(l))
		}
	}
	r.flush()
	return r.out
}

// explanationTail returns the lines of a table page from a part heading
// of the 情况说明 (第三部分 …预算情况说明, possibly wrapped onto the next
// line: 第三部分 江苏省人大常委会办公厅 / 2017年度部门预算情况说明) to the page's end: the text may start on the page where the last
// table ends. Without such a heading, nothing of the page is narrative.
func explanationTail(lines []string) []string {
	for i, l := range lines {
		l = removeSpaces(l)
		if headingLevel(l) != 1 {
			continue
		}
		if strings.Contains(l, "说明") {
			return lines[i:]
		}
		if i+1 < len(lines) {
			if next := removeSpaces(lines[i+1]); headingLevel(next) == 0 && strings.Contains(next, "情况说明") {
				return lines[i:]
			}
		}
	}
	return nil
}

// tablePageText returns the lines of table pages that are not the tables'
// cells: part headings (第二部分 X2024年度部门决算表), table titles, the
// 部门/编制单位 line with its year, and notes (注：…).
func tablePageText(pages [][]string, tablePage map[int]bool) []Sentence {
	var out []Sentence
	for i, lines := range pages {
		if !tablePage[i+1] {
			continue
		}
		for _, l := range lines {
			// Most lines of a table page are its cells: only a line with
			// one of these words is read (and only it pays for removeSpaces).
			if !strings.Contains(l, "部分") && !strings.Contains(l, "表") && !strings.Contains(l, "：") &&
				!strings.Contains(l, ":") {
				continue
			}
			l = removeSpaces(l)
			if l == "" {
				continue
			}
			s := Sentence{Page: i + 1, Text: l}
			switch {
			case headingLevel(l) == 1:
				s.Heading = 1
			case isTableTitle(l), departmentLine(l) != "",
				strings.HasPrefix(l, "注：") || strings.HasPrefix(l, "注:") || strings.HasPrefix(l, "备注："):
			default:
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

// isTableTitle tells a table's title line: …决算表, …预算表, …总表, or the
// part's title over the tables (…2024年度部门决算表).
func isTableTitle(l string) bool {
	if len(l) > 60*3 || strings.ContainsAny(l, "，。；") {
		return false
	}
	for _, suf := range []string{"决算表", "预算表", "总表", "决算表）", "预算表）"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// departmentLine returns the department a 部门：/编制单位： line names, ""
// for other lines: up to its year (部门：济源市住房和城乡建设局2020年度金额单位：元).
func departmentLine(l string) string {
	for _, p := range []string{"编制单位：", "编制部门：", "部门名称：", "部门：", "单位名称："} {
		i := strings.Index(l, p)
		if i < 0 || i > 3*3 {
			continue
		}
		name := l[i+len(p):]
		for k := 0; k+4 <= len(name); k++ {
			if yearAt(name, k) != 0 {
				name = name[:k]
				break
			}
		}
		for _, stop := range []string{"单位：", "金额单位", "单位:"} {
			if j := strings.Index(name, stop); j >= 0 {
				name = name[:j]
			}
		}
		// 单位：元 printed apart leaves its 元: no department's name ends so.
		return strings.TrimSuffix(strings.TrimSuffix(name, "万元"), "元")
	}
	return ""
}

type reader struct {
	out      []Sentence
	buf      strings.Builder
	bufPage  int
	l1, l2   string // numeral of the current 一、 and （一） headings
	pending  *Sentence
	lastPart bool // the previous line was a part heading, which may wrap
}

func (r *reader) line(page int, l string) {
	if l == "" || isPageNumber(l) {
		return
	}
	if r.pending != nil { // "（一）" alone on its line: its words follow
		p := r.pending
		r.pending = nil
		if headingLevel(l) == 0 {
			p.Text += strings.TrimSuffix(l, "。")
			r.out = append(r.out, *p)
			return
		}
		r.out = append(r.out, *p)
	}
	if lvl := headingLevel(l); lvl > 0 {
		r.flush()
		r.lastPart = lvl == 1
		s := Sentence{Page: page, Heading: lvl, Text: strings.TrimSuffix(l, "。")}
		switch lvl {
		case 1:
			r.l1, r.l2 = "", ""
		case 2:
			r.l1, r.l2 = leadingNumeral(l), ""
		case 3:
			r.l2 = l[:strings.Index(l, "）")+len("）")]
		}
		s.Section = r.l1 + r.l2
		if lvl == 3 && s.Text == r.l2 {
			r.pending = &s
			return
		}
		r.out = append(r.out, s)
		return
	}
	if r.lastPart && r.buf.Len() == 0 && (utf8.RuneCountInString(l) <= 12 || strings.HasSuffix(l, "情况说明")) &&
		!strings.Contains(l, "。") && !strings.Contains(l, "，") && !strings.Contains(l, "；") && !strings.Contains(l, "：") {
		// A part heading wrapped: 第三部分 …部门决算 / 情况说明, or after the
		// department: 第三部分 江苏省人大常委会办公厅 / 2017年度部门预算情况说明.
		r.out[len(r.out)-1].Text += l
		return
	}
	r.lastPart = false
	if isItemStart(l) {
		r.flush()
	}
	if r.buf.Len() == 0 {
		r.bufPage = page
	}
	r.buf.WriteString(l)
	if strings.Contains(l, "。") {
		r.cut(page)
	}
}

// cut emits every complete sentence of the buffer. The buffer held no 。
// before the line of page was added, so what is left after a cut starts on
// that page.
func (r *reader) cut(page int) {
	s := r.buf.String()
	for {
		i := strings.Index(s, "。")
		if i < 0 {
			break
		}
		end := i + len("。")
		for strings.HasPrefix(s[end:], "”") || strings.HasPrefix(s[end:], "）") {
			end += len("”")
		}
		r.emit(s[:end])
		s = s[end:]
		r.bufPage = page
	}
	r.buf.Reset()
	r.buf.WriteString(s)
}

func (r *reader) emit(text string) {
	if text == "" {
		return
	}
	r.out = append(r.out, Sentence{Page: r.bufPage, Section: r.l1 + r.l2, Text: text})
}

// flush emits what is left in the buffer as an unterminated sentence.
func (r *reader) flush() {
	if r.pending != nil {
		r.out = append(r.out, *r.pending)
		r.pending = nil
	}
	r.emit(r.buf.String())
	r.buf.Reset()
}

const cnDigits = "一二三四五六七八九十"

// headingLevel tells a heading line: 1 第N部分, 2 一、…, 3 （一）…; 0 prose.
// Headings are short and hold no clause punctuation: a wrapped line of
// prose that happens to start with 一、 is not one.
func headingLevel(l string) int {
	if len(l) > 40*3 || strings.Contains(l, "，") || strings.Contains(l, "；") || utf8.RuneCountInString(l) > 40 {
		return 0
	}
	switch {
	case strings.HasPrefix(l, "第") && strings.Contains(l, "部分"):
		n := leadingNumeral(l[len("第"):])
		if n != "" && strings.HasPrefix(l[len("第")+len(n):], "部分") {
			return 1
		}
	case strings.HasPrefix(l, "（") || strings.HasPrefix(l, "("):
		rest := strings.TrimPrefix(strings.TrimPrefix(l, "（"), "(")
		n := leadingNumeral(rest)
		if n != "" && strings.HasPrefix(rest[len(n):], "）") && !strings.Contains(strings.TrimSuffix(l, "。"), "。") {
			return 3
		}
	default:
		n := leadingNumeral(l)
		if n != "" && strings.HasPrefix(l[len(n):], "、") && !strings.Contains(l, "。") {
			return 2
		}
	}
	return 0
}

// leadingNumeral returns the Chinese numeral (一…十九) s starts with.
func leadingNumeral(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(cnDigits, r) {
			break
		}
		i += n
	}
	return s[:i]
}

// isItemStart tells the start of a numbered list item: "1、", "12.", "3．".
func isItemStart(l string) bool {
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i == 0 || i > 2 {
		return false
	}
	rest := l[i:]
	return strings.HasPrefix(rest, "、") || strings.HasPrefix(rest, "．") ||
		strings.HasPrefix(rest, ".") && len(rest) > 1 && (rest[1] < '0' || rest[1] > '9')
}

// isPageNumber tells a page number line: "12", "-12-", "— 12 —", "第12页".
func isPageNumber(l string) bool {
	l = strings.Trim(l, "-—–第页")
	if l == "" || len(l) > 4 {
		return false
	}
	for i := 0; i < len(l); i++ {
		if l[i] < '0' || l[i] > '9' {
			return false
		}
	}
	return true
}

// removeSpaces drops the spaces a text layer puts where glyphs are spread
// out (textfold.LayoutSpaces): Chinese prose has none. A line or paragraph
// separator stays.
func removeSpaces(s string) string { return textfold.Fold(s, textfold.LayoutSpaces) }
