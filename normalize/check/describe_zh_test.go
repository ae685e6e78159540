package check

import "testing"

// TestDescriptionZH: the identities' descriptions as the corpus writes
// them, in the Chinese a reader of the reports would write.
func TestDescriptionZH(t *testing.T) {
	for _, tc := range []struct{ en, zh string }{
		{"the report contains table T03 支出决算表 (with data or marked as having none): not found",
			"报告应含 T03 支出决算表（有数据或注明本表无数据）：未找到"},
		{"201 一般公共服务支出: 合计 equals 基本支出 + 项目支出", "201 一般公共服务支出：合计 应等于 基本支出 + 项目支出"},
		{"类 201 一般公共服务支出 equals the sum of its 2 款 rows (20101 人大事务 + 20103 政府办公厅（室）及相关机构事务), column 金额",
			"类 201 一般公共服务支出 应等于其下 2 个款之和（20101 人大事务 + 20103 政府办公厅（室）及相关机构事务），列：金额"},
		{"本年收入合计 equals the sum of the 8 rows above it (一、a + 二、b + 三、c + 四、d + … (8 rows)), column 收入/决算数",
			"本年收入合计 应等于上方 8 行之和（一、a + 二、b + 三、c + 四、d + …，共 8 行），列：收入/决算数"},
		{"收入总计 equals 支出总计 (column 收入/决算数 vs 支出/决算数)", "收入总计 应等于 支出总计（收入/决算数 列对 支出/决算数 列）"},
		{"T04 本年支出合计 in the 一般公共预算财政拨款 column equals T05 合计", "T04 本年支出合计（一般公共预算财政拨款 列）应等于 T05 合计"},
		{"T01 class 八、社会保障和就业支出 (column 支出/决算数) equals T03 类 208 社会保障和就业支出 (column 本年支出合计)",
			"T01 的“八、社会保障和就业支出”（支出/决算数 列）应等于 T03 的类 208 社会保障和就业支出（本年支出合计 列）"},
		{"合计 equals the sum of the 类 rows — skipped: table T09 (国有资本经营预算财政拨款收入支出决算表) is missing from the report",
			"合计 应等于各类之和——未核对：报告中缺少 T09（国有资本经营预算财政拨款收入支出决算表）"},
		{"一般公共预算资金小计 equals the sum of its 2 lines (公共财政拨款(补助)资金 + 专项收入)",
			"一般公共预算资金小计 应等于其 2 项之和（公共财政拨款(补助)资金 + 专项收入）"},
		{"T07 决算数 公务用车运行维护费 compared with T06 30231 公务用车运行维护费 (T07 also covers project spending, so a difference is information, not an error)",
			"T07 决算数 公务用车运行维护费 对照 T06 30231 公务用车运行维护费（T07 还含项目支出，差额仅作提示，不算错误）"},
		{"a wording this table does not know", "a wording this table does not know"},
	} {
		if got := DescriptionZH(tc.en); got != tc.zh {
			t.Errorf("DescriptionZH(%q)\n got %q\nwant %q", tc.en, got, tc.zh)
		}
	}
}
