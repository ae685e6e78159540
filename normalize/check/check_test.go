package check

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

func runSpecs(t *testing.T, specs []tspec, opts ...Option) []schema.Check {
	t.Helper()
	ts, items := buildSpecs(t, specs...)
	year := int32(2024)
	return Run("r1", &year, ts, items, opts...)
}

func dump(cs []schema.Check) string {
	var b bytes.Buffer
	_ = Render(&b, cs, false)
	return b.String()
}

// byStatus lists "check_id @ location" of the rows with a status.
func byStatus(cs []schema.Check, status string) []string {
	var out []string
	for _, c := range cs {
		if c.Status == status {
			out = append(out, c.CheckID+" @ "+c.Location)
		}
	}
	return out
}

func TestAllIdentitiesHold(t *testing.T) {
	cs := runSpecs(t, goodReport())
	pass, fail, skip, info := Summary(cs)
	if fail+skip+info != 0 || pass == 0 {
		t.Fatalf("want only passes, got %d pass %d fail %d skipped %d info\n%s", pass, fail, skip, info, dump(cs))
	}
	// Every family with printed figures must have produced rows.
	seen := map[string]int{}
	for _, c := range cs {
		seen[c.CheckID]++
		if c.ReportID != "r1" || c.FiscalYear == nil || *c.FiscalYear != 2024 {
			t.Fatalf("report id/year not set on %+v", c)
		}
	}
	for _, id := range []string{
		"T01.present", "T09.present",
		"T01.income_total", "T01.expenditure_total", "T01.income_grand_total", "T01.expenditure_grand_total", "T01.balance",
		"T02.row_sum", "T02.class_sum", "T02.kuan_sum", "T02.total_sum",
		"T03.row_sum", "T03.class_sum", "T03.kuan_sum", "T03.total_sum",
		"T04.row_sum", "T04.income_total", "T04.expenditure_total", "T04.income_grand_total", "T04.expenditure_grand_total", "T04.carry_breakdown", "T04.balance",
		"T05.row_sum", "T05.class_sum", "T05.kuan_sum", "T05.total_sum",
		"T06.class_sum", "T06.personnel_total", "T06.public_total",
		"T07.total", "T07.vehicle_total",
		"T08.carry_out", "T08.row_sum", "T08.class_sum", "T08.kuan_sum", "T08.total_sum",
		"X.T01_T02_income", "X.T01_T03_expenditure", "X.T01_T03_class", "X.T04_T05_general_budget", "X.T04_T08_gov_fund",
		"X.T05_T06_basic", "X.T02_T04_fiscal_income", "X.T07_T06_vehicle_operation", "X.T04_T05_class", "X.T04_T08_class", "X.T01_T04_fund_income",
	} {
		if seen[id] == 0 {
			t.Errorf("no %s rows", id)
		}
	}
	// Instances: one per row and column where figures are printed.
	for id, want := range map[string]int{
		"T02.row_sum":        11,
		"T02.class_sum":      7, // 201 in total, fiscal, business; 208 and 229 in total, fiscal
		"T04.row_sum":        6,
		"T07.total":          2,
		"X.T01_T03_class":    3,
		"T04.balance":        1,
		"T06.class_sum":      4,
		"X.T04_T08_gov_fund": 1,
	} {
		if seen[id] != want {
			t.Errorf("%s: %d rows, want %d", id, seen[id], want)
		}
	}
}

func TestDoctoredCell(t *testing.T) {
	tests := []struct {
		name               string
		table, row, col, v string
		fails              []string
		infos              []string
	}{
		{
			name: "T02 leaf fiscal", table: tables.T02, row: "2080505", col: "fiscal_appropriation", v: "31.00",
			fails: []string{"T02.kuan_sum", "T02.row_sum"},
		},
		{
			name: "T04 fund income", table: tables.T04, row: "二、政府性基金预算财政拨款", col: "amount", v: "11.00",
			fails: []string{"T04.income_total", "X.T01_T04_fund_income"},
		},
		{
			name: "T01 carry-in", table: tables.T01, row: "年初结转和结余", col: "amount", v: "21.00",
			fails: []string{"T01.income_grand_total"},
		},
		{
			name: "T01 class", table: tables.T01, row: "八、社会保障和就业支出", col: "amount", v: "51.00",
			fails: []string{"T01.expenditure_total", "X.T01_T03_class"},
		},
		{
			name: "T05 class", table: tables.T05, row: "208", col: "total", v: "50.50",
			fails: []string{"T05.class_sum", "T05.row_sum", "T05.total_sum", "X.T04_T05_class"},
		},
		{
			name: "T03 total row basic", table: tables.T03, row: "合计", col: "basic", v: "81.00",
			fails: []string{"T03.row_sum", "T03.total_sum"},
		},
		{
			name: "T04 general budget total", table: tables.T04, row: "本年支出合计", col: "general_budget", v: "99.00",
			fails: []string{"T04.expenditure_grand_total", "T04.expenditure_total", "T04.row_sum", "X.T04_T05_general_budget"},
		},
		{
			name: "T05 basic total", table: tables.T05, row: "合计", col: "basic", v: "79.00",
			fails: []string{"T05.row_sum", "T05.total_sum", "X.T05_T06_basic"},
		},
		{
			name: "T06 personnel total", table: tables.T06, row: "人员经费合计", col: "amount", v: "71.00",
			fails: []string{"T06.personnel_total", "X.T05_T06_basic"},
		},
		{
			name: "T06 vehicle operation", table: tables.T06, row: "30231", col: "amount", v: "2.00",
			fails: []string{"T06.class_sum"},
			infos: []string{"X.T07_T06_vehicle_operation"},
		},
		{
			name: "T07 final vehicle purchase", table: tables.T07, row: "", col: "final_vehicle_purchase", v: "1.00",
			fails: []string{"T07.vehicle_total"},
		},
		{
			name: "T08 carry out", table: tables.T08, row: "229", col: "carry_out", v: "1.00",
			fails: []string{"T08.carry_out", "T08.class_sum", "T08.total_sum"},
		},
		{
			name: "within tolerance", table: tables.T05, row: "2010101", col: "project", v: "20.01",
		},
		{
			name: "blank total beside printed parts", table: tables.T07, row: "", col: "final_total", v: "",
			fails: []string{"T07.total"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs := runSpecs(t, set(t, goodReport(), tc.table, tc.row, tc.col, tc.v))
			var fails, infos []string
			for _, c := range cs {
				switch c.Status {
				case schema.CheckFail:
					fails = append(fails, c.CheckID)
				case schema.CheckInfo:
					infos = append(infos, c.CheckID)
				case schema.CheckSkipped:
					t.Errorf("unexpected skip %s", c.CheckID)
				}
			}
			sort.Strings(fails)
			if fmt.Sprint(fails) != fmt.Sprint(tc.fails) || fmt.Sprint(infos) != fmt.Sprint(tc.infos) {
				t.Errorf("fails %v infos %v, want %v %v\n%s", fails, infos, tc.fails, tc.infos, dump(cs))
			}
		})
	}
}

func TestMissingTable(t *testing.T) {
	cs := runSpecs(t, without(goodReport(), tables.T05))
	fails := byStatus(cs, schema.CheckFail)
	if len(fails) != 1 || !strings.HasPrefix(fails[0], "T05.present") {
		t.Errorf("fails %v, want only T05.present", fails)
	}
	var skips []string
	for _, c := range cs {
		if c.Status == schema.CheckSkipped {
			skips = append(skips, c.CheckID)
			if c.Expected != nil || c.Actual != nil || c.Diff != nil {
				t.Errorf("skipped %s has values", c.CheckID)
			}
		}
	}
	want := []string{"T05.row_sum", "T05.class_sum", "T05.kuan_sum", "T05.total_sum", "X.T04_T05_general_budget", "X.T05_T06_basic", "X.T04_T05_class"}
	if fmt.Sprint(skips) != fmt.Sprint(want) {
		t.Errorf("skipped %v, want %v", skips, want)
	}
}

func TestEmptyTableCountsAsZero(t *testing.T) {
	specs := goodReport()
	// The report says it had no state-capital spending, yet T04 prints some.
	specs = set(t, specs, tables.T04, "本年支出合计", "state_capital", "1.00")
	cs := runSpecs(t, specs)
	var x *schema.Check
	for i := range cs {
		if cs[i].CheckID == "X.T04_T09_state_capital" {
			x = &cs[i]
		}
	}
	if x == nil || x.Status != schema.CheckFail || *x.Expected != 100 || *x.Actual != 0 {
		t.Fatalf("X.T04_T09_state_capital = %+v\n%s", x, dump(cs))
	}
	if !strings.Contains(x.Location, "printed without data") {
		t.Errorf("location %q does not say T09 is empty", x.Location)
	}
}

func TestToleranceAndValues(t *testing.T) {
	// T05 row 2010101: 50.00 = 30.00 + 20.03 is off by 3 cents; two parts
	// and a total carry 3 × 0.005 = 0.015 → 0.02.
	cs := runSpecs(t, set(t, goodReport(), tables.T05, "2010101", "project", "20.03"))
	for _, c := range cs {
		if c.CheckID == "T05.row_sum" && strings.Contains(c.Location, "2010101") {
			if *c.Expected != 5000 || *c.Actual != 5003 || *c.Diff != 3 || *c.Tolerance != 2 || c.Status != schema.CheckFail {
				t.Errorf("got %+v", c)
			}
			want := `T05 row 3 "2010101 行政运行" column 合计 (page 1)`
			if c.Location != want {
				t.Errorf("location %q, want %q", c.Location, want)
			}
			return
		}
	}
	t.Fatal("no T05.row_sum row for 2010101")
}

func TestMixedUnits(t *testing.T) {
	// T07 printed in 元 while T06 is in 万元: 30000.00 元 = 3.00 万元.
	specs := goodReport()
	for i := range specs {
		if specs[i].id == tables.T07 {
			specs[i].unit = "元"
			specs[i].rows = []trow{{"", "", "", []string{"50000.00", "10000.00", "30000.00", "0.00", "30000.00", "10000.00",
				"45000.00", "5000.00", "30000.00", "0.00", "30000.00", "10000.00"}}}
		}
	}
	cs := runSpecs(t, specs)
	if _, f, s, i := Summary(cs); f+s+i != 0 {
		t.Fatalf("want all pass\n%s", dump(cs))
	}
	for _, c := range cs {
		if c.CheckID == "X.T07_T06_vehicle_operation" {
			if *c.Expected != 3000000 || *c.Tolerance != 5001 || !strings.Contains(c.Location, "compared in 元") {
				t.Errorf("got %+v %s", c, c.Location)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := dump(runSpecs(t, goodReport()))
	for range 5 {
		if b := dump(runSpecs(t, goodReport())); a != b {
			t.Fatal("output order differs between runs")
		}
	}
}

func TestBlankInstancesOption(t *testing.T) {
	n := len(runSpecs(t, goodReport()))
	m := len(runSpecs(t, goodReport(), WithBlankInstances(true)))
	if m <= n {
		t.Errorf("WithBlankInstances: %d rows, default %d", m, n)
	}
}

func TestRenderOnlyFailed(t *testing.T) {
	cs := runSpecs(t, set(t, goodReport(), tables.T02, "2080505", "fiscal_appropriation", "31.00"))
	var b bytes.Buffer
	if err := Render(&b, cs, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\npass ") || !strings.Contains(out, "T02.kuan_sum") || !strings.Contains(out, "2 fail") {
		t.Errorf("render:\n%s", out)
	}
}

// TestEveryCellDoctored changes each value cell of the good report in turn
// and requires that exactly the checks reading that cell fail (or, for the
// informational comparison, report info).
func TestEveryCellDoctored(t *testing.T) {
	good := goodReport()
	n := 0
	for si, s := range good {
		for ri, r := range s.rows {
			for ci, c := range s.sectionCols(r.sec) {
				specs := doctorAt(good, si, ri, ci)
				ts, items := buildSpecs(t, specs...)
				ref := cellRef{s.id, int32(ri + 1), c.key}
				var fails, involved []string
				for _, res := range run(ts, items) {
					name := res.check.CheckID + " @ " + res.check.Location
					if res.check.Status == schema.CheckFail || res.check.Status == schema.CheckInfo {
						fails = append(fails, name)
					}
					for _, cr := range res.cells {
						if cr == ref {
							involved = append(involved, name)
							break
						}
					}
				}
				n++
				if len(involved) == 0 {
					t.Errorf("%s row %d %q column %s: no check reads it", s.id, ri+1, r.item, c.key)
				}
				if fmt.Sprint(fails) != fmt.Sprint(involved) {
					t.Errorf("%s row %d %q column %s:\nfails    %v\ninvolved %v", s.id, ri+1, r.item, c.key, fails, involved)
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d cells doctored", n)
	}
}

// doctorAt returns a copy of specs with one cell raised by 1.00 (a blank
// cell becomes 1.00).
func doctorAt(specs []tspec, si, ri, ci int) []tspec {
	out := make([]tspec, len(specs))
	copy(out, specs)
	s := out[si]
	rows := make([]trow, len(s.rows))
	copy(rows, s.rows)
	vals := append([]string(nil), rows[ri].vals...)
	v := "1.00"
	if vals[ci] != "" {
		d := decimalMust(vals[ci])
		v = d.Add(decimalMust("1")).StringFixed(2)
	}
	vals[ci] = v
	rows[ri].vals = vals
	out[si].rows = rows
	return out
}

func TestIDsUniqueAndProduced(t *testing.T) {
	ids := IDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("duplicate check id %s", id)
		}
		seen[id] = true
	}
	for _, c := range runSpecs(t, goodReport(), WithBlankInstances(true)) {
		if !seen[c.CheckID] {
			t.Errorf("Run produced %s, not listed by IDs", c.CheckID)
		}
	}
	if len(ids) < 50 {
		t.Errorf("only %d ids", len(ids))
	}
}
