package narrative

import "testing"

// TestMetricPhrases: every phrase of metricPhrases, in three phrasings at
// least, gives its figure a metric, a direction and a base.
func TestMetricPhrases(t *testing.T) {
	type want struct{ metric, direction, base string }
	cases := map[string][]struct {
		sentence string
		want
	}{
		"增长": {
			{"收入支出总计比上年增长12.08%。", want{MetricChangePct, "增长", "上年"}},
			{"与2023年度相比，收入支出总计增加1062.85万元，增长12.08%。", want{MetricChangePct, "增长", "2023年度"}},
			{"机关运行经费同比增长3.5%。", want{MetricChangePct, "增长", "上年"}},
			{"机关运行经费较2019年增长了5.00%。", want{MetricChangePct, "增长", "2019年"}},
		},
		"增加": {
			{"收入支出总计比上年增加1062.85万元。", want{MetricChange, "增加", "上年"}},
			{"与2019年度相比，收、支总计均增加48.12万元。", want{MetricChange, "增加", "2019年度"}},
			{"财政拨款收入比2024年预算增加3,355.65万元。", want{MetricChange, "增加", "2024年预算"}},
		},
		"上升/提高": {
			{"公用经费较上年上升2.5%。", want{MetricChangePct, "上升", "上年"}},
			{"人员经费比上年提高10.00万元。", want{MetricChange, "提高", "上年"}},
			{"与上年相比，公务接待费上升0.5万元。", want{MetricChange, "上升", "上年"}},
		},
		"下降": {
			{"“三公”经费比上年下降13.75%。", want{MetricChangePct, "下降", "上年"}},
			{"与2019年度相比，减少12.00万元，下降31.75%。", want{MetricChangePct, "下降", "2019年度"}},
			{"公务接待费同比下降5%。", want{MetricChangePct, "下降", "上年"}},
		},
		"减少/降低": {
			{"公务接待费比上年减少0.15万元。", want{MetricChange, "减少", "上年"}},
			{"与上年相比，机关运行经费降低13.52万元。", want{MetricChange, "降低", "上年"}},
			{"公用经费较2023年度减少8.00万元。", want{MetricChange, "减少", "2023年度"}},
		},
		"增幅/涨幅": {
			{"收入总计比上年增加100.00万元，增幅10.00%。", want{MetricChangePct, "增长", "上年"}},
			{"与上年相比，增幅为5.26%。", want{MetricChangePct, "增长", "上年"}},
			{"人员经费涨幅3.1%。", want{MetricChangePct, "增长", ""}},
		},
		"降幅/减幅": {
			{"公务接待费较上年减少0.02万元，降幅0.66%。", want{MetricChangePct, "下降", "上年"}},
			{"与2019年相比，降幅为12.50%。", want{MetricChangePct, "下降", "2019年"}},
			{"公用经费减幅2%。", want{MetricChangePct, "下降", ""}},
		},
		"持平/基本持平": {
			{"机关运行经费较上年基本持平（增长0.02%）。", want{MetricChangePct, "基本持平", "上年"}},
			{"公用经费与2019年度持平（0.00%）。", want{MetricChangePct, "持平", "2019年度"}},
			{"人员经费同比基本持平（下降0.10%）。", want{MetricChangePct, "基本持平", "上年"}},
		},
		"大于/高于/超过": {
			{"决算数大于预算数的比例为5.00%。", want{MetricPercent, "大于", ""}},
			{"执行进度高于序时进度2.5%。", want{MetricPercent, "高于", ""}},
			{"超过预算3%。", want{MetricPercent, "超过", ""}},
		},
		"小于/低于": {
			{"决算数小于预算数2.00%。", want{MetricPercent, "小于", ""}},
			{"执行进度低于序时进度1.5%。", want{MetricPercent, "低于", ""}},
			{"支出小于收入0.5%。", want{MetricPercent, "小于", ""}},
		},
		"等于": {
			{"决算数等于预算数的100.00%。", want{MetricPercent, "等于", ""}},
			{"结余率等于0%。", want{MetricPercent, "等于", ""}},
			{"执行率等于序时进度的100%。", want{MetricCompletionPct, "", ""}},
		},
		"占": {
			{"一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.94%。", want{MetricSharePct, "", "本年支出合计"}},
			{"其中：财政拨款收入900.00万元，占90.00%。", want{MetricSharePct, "", ""}},
			{"因公出国（境）费占“三公”经费的8.75%。", want{MetricSharePct, "", "“三公”经费"}},
		},
		"完成/执行率": {
			{"支出决算为9746.50万元，完成年初预算的95.45%。", want{MetricCompletionPct, "", MetricBudget}},
			{"完成全年预算的98.00%。", want{MetricCompletionPct, "", MetricFullYearBudget}},
			{"预算执行率为97.10%。", want{MetricCompletionPct, "", ""}},
		},
		"为…%": {
			{"项目支出占比为30.00%。", want{MetricSharePct, "", ""}},
			{"政府采购中小企业合同金额比例为85.00%。", want{MetricPercent, "", ""}},
			{"自评得分率为95.5%。", want{MetricPercent, "", ""}},
		},
	}
	for phrase, list := range cases {
		if len(list) < 3 {
			t.Errorf("%s: %d phrasings, want at least 3", phrase, len(list))
		}
		for _, tc := range list {
			figs := Parse([]Sentence{{Text: tc.sentence}}, "")
			if len(figs) == 0 {
				t.Errorf("%s: no figure in %s", phrase, tc.sentence)
				continue
			}
			f := figs[len(figs)-1]
			if got := (want{f.Metric, f.Direction, f.Base}); got != tc.want {
				t.Errorf("%s: %s = %+v, want %+v", phrase, tc.sentence, got, tc.want)
			}
		}
	}
}
