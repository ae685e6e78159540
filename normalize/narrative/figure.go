package narrative

import (
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Metrics of a stated figure.
const (
	MetricAmount         = "amount"            // a stated amount: 收入支出总计 9859.38 万元
	MetricBudget         = "budget"            // 年初预算为 X 万元
	MetricFullYearBudget = "full_year_budget"  // 全年预算为 X 万元 (the adjusted budget)
	MetricFinal          = "final"             // 支出决算为 X 万元
	MetricPriorYear      = "prior_year_amount" // 上年为 X 万元
	MetricChange         = "change"            // 增加/减少 X 万元 (magnitude; direction says the sign)
	MetricChangePct      = "change_pct"        // 增长/下降 X%
	MetricSharePct       = "share_pct"         // 占 X%
	MetricCompletionPct  = "completion_pct"    // 完成年初预算的 X%
	MetricPercent        = "percent"           // any other percentage
	MetricCount          = "count"             // 个, 辆, 人次 …
)

// Figure is one figure stated in a sentence.
type Figure struct {
	Sentence  int    // index of its sentence in the Read output
	Subject   string // what it is about, as printed
	Metric    string
	Value     decimal.Decimal
	Decimals  int    // digits printed after the point: the figure's precision
	Unit      string // 万元, 元, %, or a count unit as printed
	Direction string // 增加 减少 增长 下降 持平 大于 小于 等于, where printed
	Base      string // what a share is of (占本年支出合计的 → 本年支出合计), or which budget a completion rate is of
	Context   string // the numbered item (1、X（类）Y（款）Z（项）) the sentence sits in, if any
	start     int    // byte offset of the number in the sentence
}

// countUnits are the units of counted figures, longest first.
var countUnits = []string{"台（套）", "人次", "批次", "个", "辆", "人", "次", "项", "台", "分", "家"}

// money reports whether the unit is an amount of money.
func money(unit string) bool { return unit == "万元" || unit == "元" }

// number is a number printed in a sentence and the unit after it.
type number struct {
	start, end int // bytes of the digits
	text       string
	unit       string
	unitEnd    int
}

// numbers lists the numbers of a sentence with the unit printed after each;
// years (2024年), dates and list numbers (1、) are not figures.
func numbers(s string) []number {
	var out []number
	for i := 0; i < len(s); {
		c := s[i]
		if c < '0' || c > '9' || i > 0 && isWordByte(s[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
			j++
		}
		if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
			j++
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
		}
		n := number{start: i, end: j, text: strings.ReplaceAll(s[i:j], ",", "")}
		n.unit, n.unitEnd = unitAt(s, j)
		if n.unit != "" || impliedPercent(s[:i]) {
			out = append(out, n)
		}
		i = max(j, n.unitEnd)
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '.'
}

// unitAt reads the unit printed at s[j:]. A bare 万 not followed by 元 (0.39
// 万（含…) is 万元 misprinted.
func unitAt(s string, j int) (string, int) {
	rest := s[j:]
	switch {
	case strings.HasPrefix(rest, "万元"):
		return "万元", j + len("万元")
	case strings.HasPrefix(rest, "元"):
		return "元", j + len("元")
	case strings.HasPrefix(rest, "%"):
		return "%", j + 1
	case strings.HasPrefix(rest, "％"):
		return "%", j + len("％")
	case strings.HasPrefix(rest, "万") && !strings.HasPrefix(rest, "万人"):
		return "万元", j + len("万")
	}
	for _, u := range countUnits {
		if strings.HasPrefix(rest, u) && !strings.HasPrefix(rest, "分钟") {
			return u, j + len(u)
		}
	}
	return "", j
}

// impliedPercent tells a number printed without its % after a change word
// (增长 13.95。): the real reports drop the sign now and then.
func impliedPercent(before string) bool {
	for _, w := range []string{"增长", "下降", "增幅", "降幅", "涨幅", "减幅"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// lastClause is the text of before after its last clause mark, without a
// leading 、 or 其中.
func lastClause(before string) string {
	i := strings.LastIndexAny(before, "，；：,;:。（(")
	c := before
	if i >= 0 {
		_, n := utf8.DecodeRuneInString(before[i:])
		c = before[i+n:]
		// （类）（款）（项） and （境） belong to the subject: look further back.
		if r, _ := utf8.DecodeRuneInString(before[i:]); r == '（' || r == '(' {
			return lastClause(before[:i]) + before[i:]
		}
	}
	c = strings.TrimPrefix(c, "、")
	c = strings.TrimPrefix(c, "其中")
	return c
}

// metricOf tells what a figure is from the clause before it and its unit
// (see metricPhrases).
func metricOf(clause, unit string) (metric, direction, base string) {
	p, ok := phraseIn(clause)
	switch {
	case unit == "%" || unit == "":
		if !ok {
			return MetricPercent, "", ""
		}
		switch p.pct {
		case MetricSharePct:
			b := clause[strings.Index(clause, p.word)+len(p.word):]
			base = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(b, "为"), "的"), "比") // 占比为 names no base
		case MetricCompletionPct:
			switch {
			case strings.Contains(clause, "年初预算"):
				base = MetricBudget
			case strings.Contains(clause, "全年预算") || strings.Contains(clause, "调整预算"):
				base = MetricFullYearBudget
			}
		}
		return p.pct, p.direction, base
	case !money(unit):
		return MetricCount, "", ""
	}
	if ok && p.change {
		return MetricChange, p.direction, ""
	}
	for _, w := range []string{"上年", "上一年", "去年"} {
		if strings.Contains(clause, w) {
			return MetricPriorYear, "", ""
		}
	}
	switch {
	case strings.Contains(clause, "年初预算"):
		return MetricBudget, "", ""
	case strings.Contains(clause, "全年预算") || strings.Contains(clause, "调整预算"):
		return MetricFullYearBudget, "", ""
	case strings.Contains(clause, "预算为") || strings.Contains(clause, "预算数为"):
		return MetricBudget, "", ""
	case strings.Contains(clause, "决算") && !strings.Contains(clause, "决算总计"):
		return MetricFinal, "", ""
	}
	return MetricAmount, "", ""
}

// subjectCuts end a subject: the metric words that follow it.
var subjectCuts = []string{"年初预算", "全年预算", "调整预算", "预算为", "预算数", "支出决算", "决算为", "决算数", "决算",
	"增加", "减少", "增长", "下降", "上升", "降低", "提高", "增幅", "涨幅", "降幅", "减幅", "持平", "占", "完成", "执行率", "比20", "比上", "较上", "较20", "与20", "与上", "同比", "上年", "上一年", "去年"}

// subjectOf cuts the subject out of the clause before a figure: the words
// before its metric words, without the department name or a year.
func subjectOf(clause, department string) string {
	s := clause
	for _, c := range subjectCuts {
		if i := cutAt(s, c); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSuffix(s, "为")
	for _, w := range []string{"各", "均", "分别", "都"} { // 收、支总计均为, A、B分别为
		s = strings.TrimSuffix(s, w)
	}
	s = strings.TrimPrefix(s, "（含")
	s = strings.TrimLeft(s, "）)")
	s = stripItemNumber(s)
	if department != "" {
		if i := strings.Index(s, department); i >= 0 {
			s = s[i+len(department):]
		}
	}
	s = stripYear(s)
	s = strings.TrimPrefix(s, "本部门")
	s = strings.TrimPrefix(s, "本单位")
	s = strings.TrimPrefix(s, "度")
	return strings.TrimSpace(s)
}

// cutAt finds where a metric word c starts in s, -1 if nowhere. 决算 and
// 支出决算 are part of the subject in 收入、支出决算总计 and 决算表, and a bare
// 决算 ends a subject only at the end of the clause.
func cutAt(s, c string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], c)
		if i < 0 {
			return -1
		}
		i += from
		rest := s[i+len(c):]
		switch {
		case strings.HasPrefix(rest, "总计") || strings.HasPrefix(rest, "表"):
		case c == "决算" && rest != "" && rest != "中":
		default:
			return i
		}
		from = i + len(c)
	}
	return -1
}

// stripYear drops a leading "2024年度" or "2024年".
func stripYear(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 {
		return s
	}
	rest := s[4:]
	if strings.HasPrefix(rest, "年度") {
		return rest[len("年度"):]
	}
	if strings.HasPrefix(rest, "年") {
		return rest[len("年"):]
	}
	return s
}

// stripItemNumber drops a list number: "1、", "2.", "3．".
func stripItemNumber(s string) string {
	if !isItemStart(s) {
		return s
	}
	i := 0
	for s[i] >= '0' && s[i] <= '9' {
		i++
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i+n:]
}

// itemContext returns the subject a numbered item opens, 1、X（类）Y（款）Z（项）。,
// or "" when the sentence opens none.
func itemContext(text string) string {
	if !isItemStart(text) {
		return ""
	}
	s := stripItemNumber(text)
	if i := strings.Index(s, "。"); i >= 0 {
		s = s[:i]
	}
	if !strings.Contains(s, "（类）") && !strings.Contains(s, "（项）") && !strings.Contains(s, "（款）") {
		return ""
	}
	for _, c := range []string{"年初预算", "全年预算", "支出决算", "主要用于"} {
		if i := strings.Index(s, c); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimRight(s, "，。：")
}

// Parse lists the figures of the sentences, in order.
func Parse(sentences []Sentence, department string) []Figure {
	return parse(sentences, 0, len(sentences), department)
}

// explanationPart returns the sentences of the 情况说明 part: from its part
// heading (第三部分 …部门决算情况说明) to the next part (名词解释). The other
// parts (概况, 名词解释) state no figure of the accounts; a document
// without part headings is all one part.
func explanationPart(sentences []Sentence) (from, to int) {
	// The 目录 lists the parts too: of the parts so titled, the longest.
	from, to = 0, len(sentences)
	best := -1
	for i, s := range sentences {
		if s.Heading != 1 || !strings.Contains(s.Text, "情况") && !strings.Contains(s.Text, "说明") {
			continue
		}
		end := i + 1
		for end < len(sentences) && sentences[end].Heading != 1 {
			end++
		}
		if end-i > best {
			best, from, to = end-i, i, end
		}
	}
	return from, to
}

// parse lists the figures of sentences[from:to].
func parse(sentences []Sentence, from, to int, department string) []Figure {
	var out []Figure
	context := ""
	for si := from; si < to; si++ {
		s := sentences[si]
		if s.Heading > 0 {
			context = ""
			continue
		}
		if c := itemContext(s.Text); c != "" {
			context = c
		} else if isItemStart(s.Text) {
			context = ""
		}
		prevEnd := 0
		first := len(out)
		var respectively []string // A、B分别为X万元、Y万元: the names X and Y are of
		for _, n := range numbers(s.Text) {
			before := s.Text[prevEnd:n.start]
			clause := lastClause(s.Text[:n.start])
			if len(clause) > n.start-prevEnd {
				clause = lastClause(before)
			}
			metric, dir, base := metricOf(clause, n.unit)
			unit := n.unit
			if unit == "" {
				unit = "%"
			}
			v, err := decimal.NewFromString(n.text)
			if err != nil {
				continue
			}
			if isComparison(metric) {
				base = comparedWith(s.Text[:n.start])
			}
			f := Figure{Sentence: si, Metric: metric, Value: v, Decimals: decimals(n.text), Unit: unit,
				Direction: dir, Base: base, Context: context, start: n.start}
			f.Subject = subjectOf(clause, department)
			if f.Subject == "支出" || f.Subject == "收入" {
				// 住房公积金(项)：支出1,073.77万元: the subject is before the colon.
				before := strings.TrimSuffix(s.Text[:n.start], clause)
				if strings.HasSuffix(before, "：") || strings.HasSuffix(before, ":") {
					f.Subject = subjectOf(lastClause(strings.TrimRight(before, "：:")), department)
				}
			}
			if f.Subject == "" {
				switch {
				case len(out) > first:
					f.Subject = out[len(out)-1].Subject
				case context != "":
					f.Subject = context
				default:
					f.Subject = subjectOf(previousClause(s.Text[:n.start]), department)
				}
			}
			switch {
			case strings.Contains(clause, "分别") && strings.Contains(f.Subject, "、"):
				respectively = strings.Split(f.Subject, "、")
				f.Subject, respectively = respectively[0], respectively[1:]
			case len(respectively) > 0 && strings.Trim(before, "、和及与") == "":
				f.Subject, respectively = respectively[0], respectively[1:]
			default:
				respectively = nil
			}
			if f.Subject == "" && first > 0 && out[first-1].Sentence == si-1 && isComparison(f.Metric) &&
				sentences[si-1].Section == s.Section {
				// 财政拨款收、支总计均为X万元。与上年相比，增加Y万元: the sentence
				// before names what changed.
				f.Subject = out[first-1].Subject
			}
			out = append(out, f)
			prevEnd = n.unitEnd
			if prevEnd < n.end {
				prevEnd = n.end
			}
		}
	}
	return out
}

// isComparison tells the metrics that compare a figure with another.
func isComparison(metric string) bool {
	return metric == MetricChange || metric == MetricChangePct || metric == MetricPriorYear
}

// previousClause is the clause before the last one: 项目支出增加，较上一度增加 X
// is about 项目支出.
func previousClause(before string) string {
	i := strings.LastIndexAny(before, "，；,;")
	if i < 0 {
		return ""
	}
	return lastClause(before[:i])
}

func decimals(t string) int {
	if i := strings.IndexByte(t, '.'); i >= 0 {
		return len(t) - i - 1
	}
	return 0
}
