package tables

import (
	"reflect"
	"strings"
	"testing"
)

// TestFindColumnsByMeaning: a continuation page laid out on its own, its
// inner borders 20-100 pt from the first page's, continues the table when
// it prints the same columns; a page printing other columns does not.
func TestFindColumnsByMeaning(t *testing.T) {
	header := [][]string{
		{"项目", "<", "本年收入合计", "财政拨款收入", "其他收入"},
		{"科目编码", "科目名称", "^", "^", "^"},
		{"栏次", "<", "1", "2", "3"},
	}
	titled := func(n int, widths []float64, hdr [][]string, rows ...[]string) *page {
		return newPage(n).text("公开02表", 700, 40).text("收入决算表", 380, 50).
			text("部门：新乡市生态环境局", 60, 70).text("2020 年", 380, 70).text("金额单位：万元", 680, 70).
			table(60, 80, widths, 20, append(append([][]string{}, hdr...), rows...))
	}
	first := []float64{60, 140, 70, 70, 70}
	moved := []float64{40, 230, 100, 80, 60}   // borders 20-110 pt away
	narrower := []float64{50, 120, 60, 60, 60} // narrower altogether
	rows1 := [][]string{{"", "合计", "60.00", "50.00", "10.00"}, {"201", "一般公共服务支出", "20.00", "20.00", ""}}
	want := []string{
		"p3 |||合计|60.00,50.00,10.00",
		"p3 ||201|一般公共服务支出|20.00,20.00,",
		"p4 ||208|社会保障和就业支出|30.00,25.00,5.00",
		"p5 ||210|卫生健康支出|10.00,5.00,5.00",
	}
	check := func(t *testing.T, got []Table, want []string) {
		t.Helper()
		if len(got) != 1 {
			t.Fatalf("got %d tables, want 1: %v", len(got), got)
		}
		if c := compact(got[0])[2:]; !reflect.DeepEqual(c, want) {
			t.Errorf("got:\n%s\nwant:\n%s", strings.Join(c, "\n"), strings.Join(want, "\n"))
		}
	}
	t.Run("header repeated over moved borders", func(t *testing.T) {
		got, errs := Find(pagesOf(
			titled(3, first, header, rows1...),
			titled(4, moved, header, []string{"208", "社会保障和就业支出", "30.00", "25.00", "5.00"}),
			titled(5, narrower, header, []string{"210", "卫生健康支出", "10.00", "5.00", "5.00"}),
		))
		for _, err := range errs {
			t.Error(err)
		}
		check(t, got, want)
	})
	t.Run("no header over moved borders", func(t *testing.T) {
		got, errs := Find(pagesOf(
			titled(3, first, header, rows1...),
			newPage(4).table(60, 80, moved, 20, [][]string{{"208", "社会保障和就业支出", "30.00", "25.00", "5.00"}}),
			newPage(5).table(60, 80, narrower, 20, [][]string{{"210", "卫生健康支出", "10.00", "5.00", "5.00"}}),
		))
		for _, err := range errs {
			t.Error(err)
		}
		check(t, got, want)
	})
	t.Run("whole amounts, no header, moved borders", func(t *testing.T) {
		got, _ := Find(pagesOf(
			titled(3, first, header, rows1...),
			newPage(4).table(60, 80, moved, 20, [][]string{{"208", "社会保障和就业支出", "30", "25", "5"}}),
		))
		check(t, got, append(want[:2:2], "p4 ||208|社会保障和就业支出|30,25,5"))
	})
	t.Run("only the 栏次 row repeated", func(t *testing.T) {
		got, _ := Find(pagesOf(
			titled(3, first, header, rows1...),
			newPage(4).table(60, 80, moved, 20, [][]string{header[2], {"208", "社会保障和就业支出", "30.00", "25.00", "5.00"}}),
		))
		check(t, got, want[:3])
	})
	t.Run("another header is another table", func(t *testing.T) {
		other := [][]string{
			{"项目", "<", "本年收入合计", "事业收入", "经营收入"},
			{"科目编码", "科目名称", "^", "^", "^"},
		}
		for _, widths := range [][]float64{moved, first} {
			got, _ := Find(pagesOf(
				titled(3, first, header, rows1...),
				titled(4, widths, other, []string{"208", "社会保障和就业支出", "30.00", "25.00", "5.00"}),
			))
			if len(got) != 2 || !strings.Contains(got[1].NotJoined, "columns differ") {
				t.Errorf("borders %v: got %d tables (second not joined: %q), want the second refused for its columns", widths, len(got), got[len(got)-1].NotJoined)
			}
		}
	})
	t.Run("another column count is another table", func(t *testing.T) {
		got, _ := Find(pagesOf(
			titled(3, first, header, rows1...),
			newPage(4).table(60, 80, []float64{40, 230, 100, 140}, 20, [][]string{{"208", "社会保障和就业支出", "30.00", "25.00"}}),
		))
		if len(got) != 1 || len(got[0].Rows) != 2 {
			t.Errorf("a grid of four columns joined a table of five: %v", got)
		}
	})
	t.Run("words under a value column", func(t *testing.T) {
		got, _ := Find(pagesOf(
			titled(3, first, header, rows1...),
			newPage(4).table(60, 80, moved, 20, [][]string{{"208", "社会保障和就业支出", "30.00", "见说明", "5.00"}}),
		))
		if len(got) != 1 || len(got[0].Rows) != 2 {
			t.Errorf("a grid printing words under 财政拨款收入 joined the table: %v", got)
		}
	})
}
