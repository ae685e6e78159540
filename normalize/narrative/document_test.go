package narrative

import "testing"

func TestDoubledAt(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"本年收入合计9746.50万元。", -1},
		{"占55.10%。。项目支出", len("占55.10%")},
		{"截至2019年12月31日，，本部门", len("截至2019年12月31日")},
		{"4。。。5。。。", -1}, // an unfilled template's ellipsis rows
		{"其中：，基本支出", len("其中")},
		{"1,234.56万元；2,345.00万元", -1},
		{"完成。，下一句", len("完成")},
	} {
		if got := doubledAt(tc.text, 0); got != tc.want {
			t.Errorf("doubledAt(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func TestYears(t *testing.T) {
	for _, tc := range []struct {
		text  string
		fails int
		rows  int
	}{
		{"某局2024年度收入支出总计9859.38万元。", 0, 1},
		{"与2023年度相比，收入支出总计增加1062.85万元。", 0, 0},
		{"截至2023年12月31日，某局共有车辆0辆。", 1, 1},
		{"2023年度“三公”经费财政拨款支出决算数比2022年度减少0.15万元。", 1, 1},
		{"2025年，将继续加强预算管理。", 0, 0},
		{"2025年度预算将继续压减一般性支出。", 0, 0},
	} {
		a := Analyze(Input{Pages: [][]string{{"十一、其他", tc.text}}, Department: "某局", FiscalYear: 2024})
		fails, rows := 0, 0
		for _, c := range a.Checks {
			if c.CheckID != CheckYear {
				continue
			}
			rows++
			if c.Status == "fail" {
				fails++
			}
		}
		if fails != tc.fails || rows != tc.rows {
			t.Errorf("%s: %d D.year rows, %d failed; want %d, %d", tc.text, rows, fails, tc.rows, tc.fails)
		}
	}
}
