package schema

// DatasetStatements is the folder of the statements dataset.
const DatasetStatements = "statements"

// Statement is one row of the statements dataset: one figure stated in the
// report's text (情况说明), with the table cell it names where it names one.
// Value is DECIMAL(18,2) in the printed unit; percentages as printed
// (12.08 for 12.08%).
type Statement struct {
	ReportID   string  `parquet:"report_id,dict"`
	FiscalYear *int32  `parquet:"fiscal_year,optional"`
	Department *string `parquet:"department,optional,dict"`
	Seq        int32   `parquet:"seq"` // 1-based order in the text
	Page       int32   `parquet:"page"`
	Section    string  `parquet:"section,dict"`
	Sentence   string  `parquet:"sentence,dict"`
	Subject    string  `parquet:"subject,dict"`
	Code       *string `parquet:"code,optional,dict"`
	Metric     string  `parquet:"metric,dict"`
	Value      *int64  `parquet:"value,optional,decimal(2:18)"`
	Unit       string  `parquet:"unit,dict"`
	Direction  *string `parquet:"direction,optional,dict"`
	Base       *string `parquet:"base,optional,dict"`
	TableID    *string `parquet:"table_id,optional,dict"`
	RowCode    *string `parquet:"row_code,optional,dict"`
	RowItem    *string `parquet:"row_item,optional,dict"`
	ColumnKey  *string `parquet:"column_key,optional,dict"`
}
