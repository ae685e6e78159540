package narrative

import "strings"

// metricPhrase is a word that tells what the figure after it is: its
// metric, the direction it gives, and for an amount whether it is a change.
type metricPhrase struct {
	word      string
	direction string // stored on the statement: 降幅 gives 下降, 增幅 增长
	pct       string // metric of a percentage after it
	change    bool   // an amount after it is a change (增加 X 万元)
	weak      bool   // used only when no other phrase is in the clause (为)
}

// metricPhrases is the one table of the words that make a figure a
// metric; metric_test.go holds three phrasings of each. Longer words come
// before the words they contain (基本持平 before 持平).
var metricPhrases = []metricPhrase{
	{word: "增长", direction: "增长", pct: MetricChangePct, change: true},
	{word: "增加", direction: "增加", pct: MetricChangePct, change: true},
	{word: "上升", direction: "上升", pct: MetricChangePct, change: true},
	{word: "提高", direction: "提高", pct: MetricChangePct, change: true},
	{word: "下降", direction: "下降", pct: MetricChangePct, change: true},
	{word: "减少", direction: "减少", pct: MetricChangePct, change: true},
	{word: "降低", direction: "降低", pct: MetricChangePct, change: true},
	{word: "增幅", direction: "增长", pct: MetricChangePct},
	{word: "涨幅", direction: "增长", pct: MetricChangePct},
	{word: "降幅", direction: "下降", pct: MetricChangePct},
	{word: "减幅", direction: "下降", pct: MetricChangePct},
	{word: "基本持平", direction: "基本持平", pct: MetricChangePct},
	{word: "持平", direction: "持平", pct: MetricChangePct},
	{word: "大于", direction: "大于", pct: MetricPercent},
	{word: "高于", direction: "高于", pct: MetricPercent},
	{word: "超过", direction: "超过", pct: MetricPercent},
	{word: "小于", direction: "小于", pct: MetricPercent},
	{word: "低于", direction: "低于", pct: MetricPercent},
	{word: "等于", direction: "等于", pct: MetricPercent},
	{word: "占", pct: MetricSharePct},
	{word: "完成", pct: MetricCompletionPct},
	{word: "执行率", pct: MetricCompletionPct},
	{word: "为", pct: MetricPercent, weak: true},
}

// sign tells the sign a direction gives: +1, −1, 0 when none.
func sign(direction string) int {
	switch direction {
	case "增加", "增长", "上升", "提高", "高于", "超过", "大于":
		return 1
	case "减少", "下降", "降低", "低于", "小于":
		return -1
	}
	return 0
}

// phraseIn returns the phrase of a clause that decides its figure's
// metric: 占 or 完成 wherever they are, else the first other phrase, else
// a weak one (为); ok is false when the clause has none.
func phraseIn(clause string) (best metricPhrase, ok bool) {
	bestRank, at := 3, 0
	for _, p := range metricPhrases {
		i := strings.Index(clause, p.word)
		if i < 0 {
			continue
		}
		rank := 1
		switch {
		case p.pct == MetricSharePct || p.pct == MetricCompletionPct:
			rank = 0
		case p.weak:
			rank = 2
		}
		if rank < bestRank || rank == bestRank && i < at {
			best, bestRank, at = p, rank, i
		}
	}
	return best, bestRank < 3
}

// signs tells whether a clause holds a word of each sign (下降（增长）27.78%:
// the template's two words left in), so that its direction is not certain.
func signs(clause string) (up, down bool) {
	for _, p := range metricPhrases {
		if strings.Contains(clause, p.word) {
			switch sign(p.direction) {
			case 1:
				up = true
			case -1:
				down = true
			}
		}
	}
	return up, down
}

// comparedWith is what a change or a comparison is measured from, in the
// words before the figure: 上年 of 比上年, 2023年度 of 与2023年度相比,
// 2024年预算 of 比2024年预算增加; "" when the sentence does not say.
func comparedWith(before string) string {
	if i := strings.LastIndex(before, "相比"); i >= 0 {
		if j := strings.LastIndex(before[:i], "与"); j >= 0 && i-j < 40 {
			return strings.TrimSuffix(before[j+len("与"):i], "的")
		}
		if j := strings.LastIndex(before[:i], "和"); j >= 0 && i-j < 40 {
			return before[j+len("和") : i]
		}
	}
	if strings.Contains(before, "同比") {
		return "上年"
	}
	for _, w := range []string{"比", "较", "与"} {
		i := strings.LastIndex(before, w)
		if i < 0 || strings.HasSuffix(before[:i], "占") || strings.HasSuffix(before[:i], "对") {
			continue
		}
		if w == "与" && !strings.Contains(before[i:], "持平") {
			continue // 与 compares only in 与…相比 and 与…持平
		}
		rest := before[i+len(w):]
		end := len(rest)
		for _, p := range metricPhrases {
			if k := strings.Index(rest, p.word); k >= 0 && k < end && !p.weak {
				end = k
			}
		}
		if k := strings.IndexAny(rest, "，；。,;"); k >= 0 && k < end {
			end = k
		}
		if end > 0 && end < 40 {
			return rest[:end]
		}
	}
	return ""
}
