package juesuan_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// Convert a file and print one of its tables, T05 (一般公共预算财政拨款支出
// 决算表), as it was reconstructed from the PDF.
func ExampleConvert() {
	data, err := os.ReadFile("fixtures/sample.pdf")
	if err != nil {
		log.Fatal(err)
	}
	res := juesuan.Convert(context.Background(), data, juesuan.WithSourcePath("sample.pdf"))
	if res.Report.Status == schema.StatusFailed {
		log.Fatal(res.Err)
	}
	fmt.Println(*res.Report.Department, *res.Report.FiscalYear, res.Report.DocKind, res.Report.Status)
	for _, t := range res.Tables {
		if t.ID == tables.T05 {
			tables.Render(os.Stdout, t)
		}
	}
	// Output:
	// 上海市普陀区示范事务中心 2024 final ok
	// == T05 一般公共预算财政拨款支出决算表
	// pages: 5   unit: 万元
	// columns:
	//   total = 合计
	//   basic = 基本支出
	//   project = 项目支出
	// page  line  code     item                                  total    basic  project
	//    5        208      社会保障和就业支出                  2145.33  2023.69   121.64
	//    5        20801    人力资源和社会保障管理事务           121.64            121.64
	//    5        2080199  其他人力资源和社会保障管理事务支出   121.64            121.64
	//    5        20805    行政事业单位养老支出                2023.69  2023.69
	//    5        2080505  机关事业单位基本养老保险缴费支出    1090.69  1090.69
	//    5        2080506  机关事业单位职业年金缴费支出         933.00   933.00
	//    5        210      卫生健康支出                         407.36   407.36
	//    5        21011    行政事业单位医疗                     407.36   407.36
	//    5        2101101  行政单位医疗                         407.36   407.36
	//    5        212      城乡社区支出                         302.24   302.24
	//    5        21201    城乡社区管理事务                     302.24   302.24
	//    5        2120101  行政运行                             302.24   302.24
	//    5        221      住房保障支出                         512.52   512.52
	//    5        22102    住房改革支出                         512.52   512.52
	//    5        2210201  住房公积金                           512.52   512.52
	//    5                 合计                                3367.45  3245.81   121.64
}

// Iterate over the line items: one per value cell, each with its table,
// row, column, subject code and exact amount. Here the expenditure by 类
// (the top level of the functional classification) of T05.
func ExampleConvert_lineItems() {
	data, err := os.ReadFile("fixtures/sample.pdf")
	if err != nil {
		log.Fatal(err)
	}
	res := juesuan.Convert(context.Background(), data)
	for _, it := range res.LineItems {
		if it.TableID != tables.T05 || it.ColumnKey != "total" || it.Level == nil || *it.Level != 1 {
			continue
		}
		fmt.Printf("%s %s %s %s (row %d, page %d)\n", *it.Code, it.Item,
			schema.FromCents(*it.Amount).StringFixed(2), it.Unit, it.RowSeq, it.Page)
	}
	// Output:
	// 208 社会保障和就业支出 2145.33 万元 (row 1, page 5)
	// 210 卫生健康支出 407.36 万元 (row 7, page 5)
	// 212 城乡社区支出 302.24 万元 (row 10, page 5)
	// 221 住房保障支出 512.52 万元 (row 13, page 5)
}

// List the failed checks: the accounting identities a report's printed
// figures break, with the cells each one read. In this fixture one cell
// of T02 was altered by 10.00 after the report was laid out.
func ExampleConvert_failedChecks() {
	data, err := os.ReadFile("fixtures/sh2024_lo_split_doctored.pdf")
	if err != nil {
		log.Fatal(err)
	}
	res := juesuan.Convert(context.Background(), data)
	fmt.Println(res.Report.ChecksFailed, "checks failed")
	for i, c := range res.Checks {
		if c.Status != schema.CheckFail {
			continue
		}
		fmt.Printf("%s at %s: expected %s, printed %s\n", c.CheckID, c.Location,
			schema.FromCents(*c.Expected).StringFixed(2), schema.FromCents(*c.Actual).StringFixed(2))
		for _, cell := range res.CheckCells[i] {
			fmt.Printf("  reads %s row %d %s\n", cell.Table, cell.RowSeq, cell.ColumnKey)
		}
	}
	// Output:
	// 2 checks failed
	// T02.row_sum at T02 row 29 "2101101 行政单位医疗" column 本年收入合计 (page 3): expected 213.69, printed 223.69
	//   reads T02 row 29 total
	//   reads T02 row 29 fiscal_appropriation
	//   reads T02 row 29 superior_subsidy
	//   reads T02 row 29 business
	//   reads T02 row 29 operating
	//   reads T02 row 29 affiliated_remittance
	//   reads T02 row 29 other
	// T02.kuan_sum at T02 row 28 "21011 行政事业单位医疗" column 财政拨款收入 (page 3): expected 485.93, printed 495.93
	//   reads T02 row 28 fiscal_appropriation
	//   reads T02 row 29 fiscal_appropriation
	//   reads T02 row 30 fiscal_appropriation
}

// A reader is read no further than the memory limit allows: a file larger
// than the limit fails, its Err wrapping pdfraw.ErrTooLarge.
func ExampleConvertReader() {
	f, err := os.Open("fixtures/sample.pdf") // 132 KB
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	res := juesuan.ConvertReader(context.Background(), f, juesuan.WithMemoryLimit(64<<10))
	fmt.Println(res.Report.Status, errors.Is(res.Err, pdfraw.ErrTooLarge))
	// Output:
	// failed true
}

// The figure ledger accounts for every figure printed in the tables: a
// figure in no cell of the line items, or in two, makes the report
// partial and is listed with its page and position.
func ExampleResult_Ledger() {
	data, err := os.ReadFile("fixtures/sample.pdf")
	if err != nil {
		log.Fatal(err)
	}
	res := juesuan.Convert(context.Background(), data)
	all, t05 := res.Ledger(), res.Ledger(tables.T05)
	fmt.Printf("%d figures printed in the tables, %d unplaced; %d of them in T05\n", all.Printed, len(all.Unplaced), t05.Printed)
	for _, u := range all.Unplaced {
		fmt.Printf("%s page %d: %s at x=%.0f,y=%.0f, %s\n", u.TableID, u.Page, u.Text, u.X, u.Y, u.Why)
	}
	// Output:
	// 180 figures printed in the tables, 0 unplaced; 34 of them in T05
}
