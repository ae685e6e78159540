package narrative

import (
	"strings"
	"testing"
)

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
		// A budget of 2024 dates its assets in the year before; not earlier.
		{"budget:截至2023年8月31日，某局共有车辆0辆。", 0, 1},
		{"budget:截至2022年8月31日，某局共有车辆0辆。", 1, 1},
	} {
		text, budget := strings.CutPrefix(tc.text, "budget:")
		a := Analyze(Input{Pages: [][]string{{"十一、其他", text}}, Department: "某局", FiscalYear: 2024, Budget: budget})
		rows, fails := countChecks(a, CheckYear)
		if fails != tc.fails || rows != tc.rows {
			t.Errorf("%s: %d D.year rows, %d failed; want %d, %d", tc.text, rows, fails, tc.rows, tc.fails)
		}
	}
}

func TestDepartments(t *testing.T) {
	const dept = "江苏省人大常委会办公厅"
	for _, tc := range []struct {
		heading string
		rows    int
		fails   int
	}{
		{"第三部分江苏省人大常委会办公厅2017年度部门预算情况说明", 1, 0},
		{"第二部分省人大办公厅2017年度部门预算表", 1, 0}, // a short form
		{"第一部分部门概况", 0, 0},              // names no department
		{"第三部分江苏省财政厅2017年度部门预算情况说明", 1, 1},
	} {
		a := Analyze(Input{Pages: [][]string{{tc.heading, "本部门2017年度收入预算合计1.00万元。"}}, Department: dept, FiscalYear: 2017})
		rows, fails := countChecks(a, CheckDepartment)
		if rows != tc.rows || fails != tc.fails {
			t.Errorf("%s: %d D.department rows, %d failed; want %d, %d", tc.heading, rows, fails, tc.rows, tc.fails)
		}
	}
}

// countChecks counts the rows of one check and how many of them fail.
func countChecks(a *Analysis, id string) (rows, fails int) {
	for _, c := range a.Checks {
		if c.CheckID != id {
			continue
		}
		rows++
		if c.Status == "fail" {
			fails++
		}
	}
	return rows, fails
}
