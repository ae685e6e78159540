package schema

// DatasetStatements is the folder of the statements dataset.
const DatasetStatements = "statements"

// Statement is one row of the statements dataset: one figure stated in the
// report's text (情况说明), with the table cell it names where it names one.
// Value is DECIMAL(18,2) in the printed unit; percentages as printed
// (12.08 for 12.08%).
type Statement struct {
	ReportID   string  `parquet:"report_id,id(1),dict"`
	FiscalYear *int32  `parquet:"fiscal_year,id(2),optional"`
	Department *string `parquet:"department,id(3),optional,dict"`
	Seq        int32   `parquet:"seq,id(4)"` // 1-based order in the text
	Page       int32   `parquet:"page,id(5)"`
	Section    string  `parquet:"section,id(6),dict"`
	Sentence   string  `parquet:"sentence,id(7),dict"`
	Subject    string  `parquet:"subject,id(8),dict"`
	Code       *string `parquet:"code,id(9),optional,dict"`
	Metric     string  `parquet:"metric,id(10),dict"`
	Value      *int64  `parquet:"value,id(11),optional,decimal(2:18)"`
	Unit       string  `parquet:"unit,id(12),dict"`
	Direction  *string `parquet:"direction,id(13),optional,dict"`
	Base       *string `parquet:"base,id(14),optional,dict"`
	TableID    *string `parquet:"table_id,id(15),optional,dict"`
	RowCode    *string `parquet:"row_code,id(16),optional,dict"`
	RowItem    *string `parquet:"row_item,id(17),optional,dict"`
	ColumnKey  *string `parquet:"column_key,id(18),optional,dict"`
}
