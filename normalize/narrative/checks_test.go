package narrative

import (
	"fmt"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestOwnFigures checks sentences against their own figures (no tables):
// each case is one paragraph and the checks that must fail on it.
func TestOwnFigures(t *testing.T) {
	for _, tc := range []struct {
		text  string
		fails []string // check IDs failing, in order; nil when all pass
	}{
		{"本年支出合计9759.38万元，其中：基本支出5377.64万元，占55.10%；项目支出4381.74万元，占44.90%。", nil},
		{"本年支出合计9759.38万元，其中：基本支出5377.64万元，占55.20%；项目支出4381.74万元，占44.90%。",
			[]string{CheckShare, CheckShareSum}},
		{"机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.65%。", nil},
		{"机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.75%。", []string{CheckChangePct}},
		{"机关运行经费支出142.80万元，比2023年度增加13.52万元，下降8.65%。", []string{CheckDirection}},
		{"机关运行经费支出142.80万元，上年为156.32万元，比上年减少13.52万元。", nil},
		{"机关运行经费支出142.80万元，上年为156.32万元，比上年减少13.62万元。", []string{CheckChange}},
		{"支出年初预算为45.46万元，支出决算为44.14万元，完成年初预算的97.10%。决算数小于预算数的主要原因：节约。", nil},
		{"支出年初预算为45.46万元，支出决算为44.14万元，完成年初预算的97.20%。决算数大于预算数的主要原因：节约。",
			[]string{CheckCompletion, CheckDirection}},
		{"支出年初预算为44.14万元，支出决算为44.14万元。决算数同预算数持平。", nil},
		{"支出年初预算为45.14万元，支出决算为44.14万元。决算数同预算数持平。", []string{CheckDirection}},
		{"支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。", []string{CheckCompletion}},
		{"支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成全年预算的95.89%。", nil},
	} {
		a := Analyze(Input{Pages: [][]string{{"十一、其他", tc.text}}}, WithDocumentChecks(false))
		var fails []string
		for _, c := range a.Checks {
			if c.Status == schema.CheckFail {
				fails = append(fails, c.CheckID)
			}
		}
		if fmt.Sprint(fails) != fmt.Sprint(tc.fails) {
			t.Errorf("%s\n  failed %v, want %v", tc.text, fails, tc.fails)
		}
		if len(a.Checks) == 0 {
			t.Errorf("%s: no check evaluated", tc.text)
		}
	}
}

// TestNoPriorYear: a unit new this year has no prior year, so its rate
// (增长100.00%) is not checked rather than failed.
func TestNoPriorYear(t *testing.T) {
	a := Analyze(Input{Pages: [][]string{{"一、总体", "收入支出总计307.82万元。与2023年度相比，收入支出总计增加307.82万元，增长100.00%。"}}},
		WithDocumentChecks(false))
	if len(a.Figures) != 3 || len(a.Checks) != 0 {
		t.Errorf("%d figures, checks %+v; want 3 figures and no check", len(a.Figures), a.Checks)
	}
}
