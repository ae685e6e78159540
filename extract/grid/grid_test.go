package grid

import (
	"reflect"
	"testing"
)

func cellTexts(g *Grid) [][]string {
	out := make([][]string, g.Rows())
	for r := range out {
		out[r] = make([]string, g.Cols())
		for c := 0; c < g.Cols(); c++ {
			cell := g.At(r, c)
			if cell.Row == r && cell.Col == c {
				out[r][c] = cell.Text
			} else {
				out[r][c] = "^" // covered by a merged cell
			}
		}
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name  string
		page  *synthPage
		grids [][][]string
		text  []string
	}{
		{
			name: "full grid with wrapped label and right-aligned amounts",
			page: newPage(1).
				text("收入决算表", 250, 50).right("单位：万元", 500, 70).
				fullGrid([]float64{50, 120, 300, 400}, []float64{80, 100, 130, 150}).
				text("科目编码", 55, 95).text("科目名称", 125, 95).text("合计", 305, 95).
				text("2080505", 55, 115).text("机关事业单位基本养老保险缴", 125, 112).text("费支出", 125, 125).right("446.11", 395, 118).
				text("208", 55, 145).text("Total cost", 125, 145).right("1,234.50", 395, 145),
			grids: [][][]string{{
				{"科目编码", "科目名称", "合计"},
				{"2080505", "机关事业单位基本养老保险缴费支出", "446.11"},
				{"208", "Total cost", "1,234.50"},
			}},
			text: []string{"收入决算表", "单位：万元"},
		},
		{
			name: "merged header cells and segments drawn cell by cell",
			page: newPage(1).
				// top border and bottom borders drawn per cell
				hline(100, 50, 150).hline(100, 150, 250).hline(100, 250, 350).
				hline(120, 150, 350). // under "收入" only: 项目 spans two rows
				hline(140, 50, 350).hline(160, 50, 350).
				vline(50, 100, 160).vline(350, 100, 160).
				vline(150, 100, 160).vline(250, 120, 160). // 收入 spans two columns
				text("项目", 55, 125).text("收入", 200, 115).text("甲", 155, 135).text("乙", 255, 135).
				text("一、财政拨款", 55, 155).right("9.00", 245, 155).right("1.00", 345, 155),
			grids: [][][]string{{
				{"项目", "收入", "^"},
				{"^", "甲", "乙"},
				{"一、财政拨款", "9.00", "1.00"},
			}},
		},
		{
			name: "content vertically offset inside one ruled row stays in that row",
			page: newPage(1).
				fullGrid([]float64{50, 100, 200, 300}, []float64{100, 160, 180}).
				text("301", 55, 110).text("工资福利支出", 105, 133).right("12.00", 295, 157).
				text("302", 55, 175),
			grids: [][][]string{{
				{"301", "工资福利支出", "12.00"},
				{"302", "", ""},
			}},
		},
		{
			name: "column rules only: records sharing a ruled row are split, wrapped label kept",
			page: newPage(1).
				hline(100, 50, 400).hline(120, 50, 400).hline(190, 50, 400).
				vline(50, 100, 190).vline(120, 100, 190).vline(300, 100, 190).vline(400, 100, 190).
				text("科目编码", 55, 115).text("科目名称", 125, 115).text("合计", 305, 115).
				text("208", 55, 135).text("社会保障和就业支出", 125, 135).right("30.00", 395, 135).
				text("2080505", 55, 150).text("机关事业单位基本养老保险缴", 125, 150).right("20.00", 395, 150).
				text("费支出", 125, 161).
				text("210", 55, 180).text("卫生健康支出", 125, 180).right("10.00", 395, 180),
			grids: [][][]string{{
				{"科目编码", "科目名称", "合计"},
				{"208", "社会保障和就业支出", "30.00"},
				{"2080505", "机关事业单位基本养老保险缴费支出", "20.00"},
				{"210", "卫生健康支出", "10.00"},
			}},
		},
		{
			name: "two small tables on one page",
			page: newPage(1).
				text("表一", 60, 90).
				fullGrid([]float64{50, 150, 250}, []float64{100, 120, 140}).
				text("a", 55, 115).text("b", 155, 115).text("c", 55, 135).text("d", 155, 135).
				text("表二", 60, 290).
				fullGrid([]float64{50, 100, 150, 200}, []float64{300, 320}).
				text("x", 55, 315).text("y", 105, 315).text("z", 155, 315),
			grids: [][][]string{
				{{"a", "b"}, {"c", "d"}},
				{{"x", "y", "z"}},
			},
			text: []string{"表一", "表二"},
		},
		{
			name: "double rules within tolerance are one boundary",
			page: newPage(1).
				fullGrid([]float64{50, 150, 250}, []float64{100, 120}).
				hline(121.2, 50, 250).hline(140, 50, 250).vline(49, 100, 140).vline(250, 120, 140).vline(150, 120, 140).
				text("甲", 55, 115).text("乙", 155, 115).text("丙", 55, 135),
			grids: [][][]string{{{"甲", "乙"}, {"丙", ""}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lay := Analyze(&tc.page.p)
			var got [][][]string
			for _, g := range lay.Grids {
				got = append(got, cellTexts(g))
			}
			if !reflect.DeepEqual(got, tc.grids) {
				t.Errorf("grids:\n got %q\nwant %q", got, tc.grids)
			}
			var text []string
			for _, l := range lay.Text {
				text = append(text, l.Text)
			}
			if !reflect.DeepEqual(text, tc.text) {
				t.Errorf("text lines: got %q want %q", text, tc.text)
			}
		})
	}
}

func TestJoinLines(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"本年收入合", "计"}, "本年收入合计"},
		{[]string{"附属单位", "上缴收入"}, "附属单位上缴收入"},
		{[]string{"Total", "cost"}, "Total cost"},
		{[]string{"因公出国", "（境）费"}, "因公出国（境）费"},
		{nil, ""},
	}
	for _, tc := range tests {
		if got := JoinLines(tc.in); got != tc.want {
			t.Errorf("JoinLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFromText(t *testing.T) {
	// A borderless table: centred header words, a 栏次 row, left-aligned
	// codes and labels, right-aligned amounts, one wrapped label.
	p := newPage(1).
		text("科目编码", 60, 100).text("科目名称", 160, 100).text("本年收入合", 262, 100).text("其他收入", 352, 100).
		text("计", 280, 112).
		text("栏次", 60, 124).text("1", 290, 124).text("2", 375, 124).
		text("208", 55, 140).text("社会保障和就业支出", 110, 140).right("12,345.60", 320, 140).right("5.00", 400, 140).
		text("2080505", 55, 156).text("机关事业单位基本养老保险缴", 110, 156).right("30.00", 320, 156).
		text("费支出", 110, 166).
		text("210", 55, 182).text("卫生健康支出", 110, 182).right("1.00", 320, 182)
	g := FromText(1, p.p.Glyphs)
	if g == nil {
		t.Fatal("no grid")
	}
	want := [][]string{
		{"科目编码", "科目名称", "本年收入合计", "其他收入"},
		{"208", "社会保障和就业支出", "12,345.60", "5.00"},
		{"2080505", "机关事业单位基本养老保险缴费支出", "30.00", ""},
		{"210", "卫生健康支出", "1.00", ""},
	}
	if got := cellTexts(g); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
