package htmlpage

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
)

// bar is one 类 of the expenditure chart.
type bar struct {
	label          string
	basic, project int64 // cents
}

// chartSources are the tables the chart reads, first found wins: T03 has
// every fund source, T05 the general budget only; a budget's B03 (支出预算
// 总表) and B05 (一般公共预算支出) likewise.
var chartSources = []string{tables.T03, tables.T05, tables.B03, tables.B05}

// expenditureChart draws the expenditure of each 类 (level-1 function
// code) split into basic and project spending, as horizontal stacked bars
// in inline SVG; "" when the report prints neither table with data.
func expenditureChart(rep shape.Report, l lang.Lang) template.HTML {
	for _, id := range chartSources {
		for _, t := range rep.Tables {
			if t.ID != id {
				continue
			}
			if bars := classBars(t); len(bars) > 0 {
				return drawBars(bars, t, l)
			}
		}
	}
	return ""
}

func classBars(t shape.Table) []bar {
	basic, project := -1, -1
	for i, c := range t.Columns {
		switch c.Key {
		case "basic":
			basic = i
		case "project":
			project = i
		}
	}
	if basic < 0 || project < 0 {
		return nil
	}
	var bars []bar
	for _, r := range t.Rows {
		if r.Level == nil || *r.Level != 1 || r.Code == nil {
			continue
		}
		b := bar{label: *r.Code + " " + r.Item, basic: cents(r.Cells[basic].Amount), project: cents(r.Cells[project].Amount)}
		if b.basic > 0 || b.project > 0 {
			bars = append(bars, b)
		}
	}
	return bars
}

func cents(c *int64) int64 {
	if c == nil || *c < 0 {
		return 0
	}
	return *c
}

// Chart geometry, in SVG user units (CSS pixels at scale 1; the page
// scales the chart down to a phone's width).
const (
	chartWidth = 960
	labelWidth = 300
	valueWidth = 110
	barHeight  = 22
	barGap     = 8
	legendH    = 30
	axisH      = 34
)

// ticks are round steps from 0 to at least most: 1, 2 or 5 times a power
// of ten, four to eight of them.
func ticks(most int64) []int64 {
	if most <= 0 {
		return []int64{0}
	}
	step := int64(1)
	for most/step > 8 {
		switch s := step; {
		case isPow10(s):
			step = s * 2
		case isPow10(s / 2):
			step = s / 2 * 5
		default:
			step = s / 5 * 10
		}
	}
	var out []int64
	for v := int64(0); ; v += step {
		out = append(out, v)
		if v >= most {
			return out
		}
	}
}

func isPow10(n int64) bool {
	for n >= 10 && n%10 == 0 {
		n /= 10
	}
	return n == 1
}

// axisLabel writes a tick in the table's unit, without decimals where
// none are needed (the ticks are round).
func axisLabel(cents int64) string {
	return strings.TrimSuffix(grouped(cents), ".00")
}

// grouped writes cents with thousands separators, as the tables print
// amounts: 22,186,440.80.
func grouped(cents int64) string {
	s := shape.Decimal(&cents)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

func drawBars(bars []bar, t shape.Table, l lang.Lang) template.HTML {
	var most int64
	for _, b := range bars {
		most = max(most, b.basic+b.project)
	}
	ts := ticks(most)
	top := ts[len(ts)-1]
	plot := float64(chartWidth - labelWidth - valueWidth)
	scale := plot / float64(max(top, 1))
	barsH := len(bars) * (barHeight + barGap)
	height := legendH + barsH + axisH
	var s strings.Builder
	fmt.Fprintf(&s, `<figure><figcaption>%s %s, %s: %s</figcaption>`,
		esc(t.ID), esc(t.Title), esc(t.Unit), esc(l.T("各“类”的基本支出与项目支出", "基本支出 (basic) and 项目支出 (project) of each 类")))
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d" font-size="13" aria-label="%s">`,
		chartWidth, height, chartWidth, height, esc(l.T("支出结构", "expenditure by class")))
	fmt.Fprintf(&s, `<rect x="%d" y="6" width="14" height="14" fill="%s"/><text x="%d" y="18">%s</text>`, labelWidth, colorBasic, labelWidth+20, l.T("基本支出", "基本支出 basic"))
	fmt.Fprintf(&s, `<rect x="%d" y="6" width="14" height="14" fill="%s"/><text x="%d" y="18">%s</text>`, labelWidth+150, colorProject, labelWidth+170, l.T("项目支出", "项目支出 project"))
	// The axis: a gridline and a label per tick, in the table's unit.
	axisY := legendH + barsH
	s.WriteString(`<g class="axis" fill="#555" stroke-width="1">`)
	for _, v := range ts {
		x := float64(labelWidth) + float64(v)*scale
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`, x, legendH-4, x, axisY)
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#555"/>`, x, axisY, x, axisY+5)
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, x, axisY+18, axisLabel(v))
	}
	fmt.Fprintf(&s, `<line x1="%d" y1="%d" x2="%.1f" y2="%d" stroke="#555"/>`, labelWidth, axisY, float64(labelWidth)+plot, axisY)
	fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, axisY+18, esc(l.T("单位："+t.Unit, "unit: "+t.Unit)))
	s.WriteString(`</g>`)
	for i, b := range bars {
		y := legendH + i*(barHeight+barGap)
		wb := float64(b.basic) * scale
		wp := float64(b.project) * scale
		total := b.basic + b.project
		fmt.Fprintf(&s, `<g class="bar"><text x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, y+barHeight-6, esc(clip(b.label, 22)))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s 基本支出 basic %s</title></rect>`,
			labelWidth, y, wb, barHeight, colorBasic, esc(b.label), shape.Decimal(&b.basic))
		fmt.Fprintf(&s, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s 项目支出 project %s</title></rect>`,
			float64(labelWidth)+wb, y, wp, barHeight, colorProject, esc(b.label), shape.Decimal(&b.project))
		fmt.Fprintf(&s, `<text x="%.1f" y="%d">%s</text></g>`, float64(labelWidth)+wb+wp+6, y+barHeight-6, grouped(total))
	}
	s.WriteString(`</svg></figure>`)
	return template.HTML(s.String())
}

const (
	colorBasic   = "#4e79a7"
	colorProject = "#f28e2b"
)

func esc(s string) string { return template.HTMLEscapeString(s) }

// clip shortens a label to n characters, the whole label staying in the
// bar's hover title.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
