// Package check evaluates the accounting identities a final-account report
// (部门决算) must satisfy, within and across its nine standard tables, and
// returns them as rows of the checks dataset (docs/CONTRACT.md).
//
// Each row is one instance of an identity (one row, one column): expected is
// the printed total, actual the sum computed from the printed parts, diff =
// actual − expected, all exact int64 cents of the table's printed unit (元
// when the tables of a cross-table identity print different units). Every
// printed figure may be off by half its last digit (尾数误差), so an identity
// reading n figures tolerates n × 0.005 of the unit, rounded up to the cent;
// the tolerance is recorded on the row. Blank cells count as 0; a blank
// total beside parts that do not add up to 0 fails whatever the tolerance.
// Instances whose figures are all blank are left out unless
// WithBlankInstances is set.
//
// Status: pass; fail; skipped when a table it needs is missing (or a row it
// needs cannot be found; the description says why), expected and actual
// null; info for comparisons that may legitimately differ.
//
// Check IDs (IDs lists them in report order):
//
//	T0n.present                 the standard table is in the report (with data or marked empty)
//	T01/T04.income_total        本年收入合计 = Σ income items (一、…)
//	T01/T04.expenditure_total   本年支出合计 = Σ expenditure classes, per column
//	T01/T04.income_grand_total  总计 = 本年收入合计 + 使用非财政拨款结余 (用事业基金弥补收支差额) + 年初结转和结余
//	T01/T04.expenditure_grand_total  总计 = 本年支出合计 + 结余分配 + 年末结转和结余
//	T01/T04.carry_breakdown     a carry-over row = Σ its numbered breakdown (T04 年初财政拨款结转和结余 = 一 + 二 + 三)
//	T01/T04.balance             收入总计 = 支出总计
//	T02/T03/T05.row_sum         per row, total column = Σ the other value columns
//	T04.row_sum                 per expenditure row, 合计 = 一般公共预算 + 政府性基金 + 国有资本经营
//	T02/T03/T05/T08/T09.class_sum  类 = Σ its 款 (or its 项 where no 款 is printed), per column
//	T02/T03/T05/T08/T09.kuan_sum   款 = Σ its 项, per column
//	T02/T03/T05/T08/T09.total_sum  合计 = Σ 类, per column
//	T06.class_sum               economic 类 = Σ its 款 (301 = Σ 301xx)
//	T06.personnel_total         人员经费合计 = Σ 类 of the personnel block (301 + 303)
//	T06.public_total            公用经费合计 = Σ 类 of the public block (302 + 307 + 310 + 399 as printed)
//	T07.total                   合计 = 因公出国（境）费 + 公务用车小计 + 公务接待费, 预算数 and 决算数
//	T07.vehicle_total           公务用车小计 = 购置费 + 运行维护费, 预算数 and 决算数
//	T08/T09.carry_out           per row, 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余
//	T08/T09.row_sum             per row, 本年支出 = 基本支出 + 项目支出
//	X.T01_T02_income            T01 本年收入合计 = T02 合计
//	X.T01_T03_expenditure       T01 本年支出合计 = T03 合计
//	X.T01_T03_class             each T01 expenditure class = T03 类 of that class (by name or class code)
//	X.T01_T04_fund_income       each T04 财政拨款 income line = the T01 income line of the same fund
//	X.T04_T05_general_budget    T04 本年支出合计, 一般公共预算 column = T05 合计
//	X.T04_T08_gov_fund          T04 本年支出合计, 政府性基金 column = T08 合计 本年支出
//	X.T04_T09_state_capital     T04 本年支出合计, 国有资本经营 column = T09 合计 本年支出
//	X.T05_T06_basic             T05 合计 基本支出 = T06 人员经费合计 + 公用经费合计
//	X.T02_T04_fiscal_income     T02 合计 财政拨款收入 = T04 本年收入合计 (skipped where the template splits funds)
//	X.T07_T06_vehicle_operation T07 决算 公务用车运行维护费 vs T06 30231: info when they differ
//	X.T04_T05_class             each T04 class, 一般公共预算 column = T05 类 of that class
//	X.T04_T08_class             each T04 class, 政府性基金 column = T08 类 of that class
//	X.T04_T09_class             each T04 class, 国有资本经营 column = T09 类 of that class
//
// A table printed without data (本表无数据) counts as all zeros in
// cross-table identities.
package check
