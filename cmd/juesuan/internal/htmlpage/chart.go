package htmlpage

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
)

// bar is one 类 of the expenditure chart.
type bar struct {
	label          string
	basic, project int64 // cents
}

// chartSources are the tables the chart reads, first found wins: T03 has
// every fund source, T05 the general budget only.
var chartSources = []string{tables.T03, tables.T05}

// expenditureChart draws the expenditure of each 类 (level-1 function
// code) split into basic and project spending, as horizontal stacked bars
// in inline SVG; "" when the report prints neither table with data.
func expenditureChart(rep shape.Report) template.HTML {
	for _, id := range chartSources {
		for _, t := range rep.Tables {
			if t.ID != id {
				continue
			}
			if bars := classBars(t); len(bars) > 0 {
				return drawBars(bars, t)
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

// Chart geometry, in SVG user units (CSS pixels at scale 1).
const (
	chartWidth = 960
	labelWidth = 300
	valueWidth = 110
	barHeight  = 22
	barGap     = 8
	legendH    = 30
)

func drawBars(bars []bar, t shape.Table) template.HTML {
	var most int64
	for _, b := range bars {
		most = max(most, b.basic+b.project)
	}
	plot := float64(chartWidth - labelWidth - valueWidth)
	scale := plot / float64(max(most, 1))
	height := legendH + len(bars)*(barHeight+barGap)
	var s strings.Builder
	fmt.Fprintf(&s, `<figure><figcaption>%s %s, %s: 基本支出 (basic) and 项目支出 (project) of each 类</figcaption>`,
		esc(t.ID), esc(t.Title), esc(t.Unit))
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d" font-size="13" aria-label="expenditure by class">`,
		chartWidth, height, chartWidth, height)
	fmt.Fprintf(&s, `<rect x="%d" y="6" width="14" height="14" fill="%s"/><text x="%d" y="18">基本支出 basic</text>`, labelWidth, colorBasic, labelWidth+20)
	fmt.Fprintf(&s, `<rect x="%d" y="6" width="14" height="14" fill="%s"/><text x="%d" y="18">项目支出 project</text>`, labelWidth+150, colorProject, labelWidth+170)
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
		fmt.Fprintf(&s, `<text x="%.1f" y="%d">%s</text></g>`, float64(labelWidth)+wb+wp+6, y+barHeight-6, shape.Decimal(&total))
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
