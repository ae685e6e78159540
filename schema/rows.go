// Package schema defines the four datasets of the contract (reports,
// line_items, checks, statements; docs/CONTRACT.md) as Go row types with
// parquet-go tags, and writes them as Hive-partitioned Parquet files.
//
// Amounts are DECIMAL(18,2) stored as int64 cents (parquet-go's tag takes the
// scale first: decimal(2:18)); use Cents and FromCents to convert.
package schema

// Report is one row of the reports dataset: one input PDF. Its file holds
// that one row, so no column is dictionary-encoded (a dictionary page per
// column cost a quarter of writing the file, for nothing).
type Report struct {
	ReportID     string  `parquet:"report_id,id(1)"`
	SourcePath   string  `parquet:"source_path,id(2)"`
	Department   *string `parquet:"department,id(3),optional"`
	FiscalYear   *int32  `parquet:"fiscal_year,id(4),optional"`
	DocKind      string  `parquet:"doc_kind,id(5)"`
	Unit         *string `parquet:"unit,id(6),optional"`
	Pages        int32   `parquet:"pages,id(7)"`
	Tables       int32   `parquet:"tables,id(8)"`
	Status       string  `parquet:"status,id(9)"`
	Error        *string `parquet:"error,id(10),optional"`
	ChecksFailed int32   `parquet:"checks_failed,id(11)"`
	ToolVersion  string  `parquet:"tool_version,id(12)"`
	// The figure ledger (README): figures printed inside the report's
	// table regions, and those of them that landed in no cell or in two.
	// Optional only so that the rows of files written before the ledger
	// read as null once compacted with newer ones; every new row has them.
	FiguresPrinted  *int32 `parquet:"figures_printed,id(13),optional"`
	FiguresUnplaced *int32 `parquet:"figures_unplaced,id(14),optional"`
	// TextSource is where the text was read from: the PDF's text layer,
	// page images read by OCR, or some pages each way.
	TextSource *string `parquet:"text_source,id(15),optional"`
}

// Text sources of a report.
const (
	TextSourceText  = "text"  // the PDF's text layer
	TextSourceOCR   = "ocr"   // page images read by OCR
	TextSourceMixed = "mixed" // some pages each way
)

// Report statuses.
const (
	StatusOK      = "ok"
	StatusPartial = "partial"
	StatusFailed  = "failed"
)

// Document kinds.
const (
	KindFinal   = "final"
	KindBudget  = "budget"
	KindUnknown = "unknown"
)

// LineItem is one row of the line_items dataset: one value cell of a data
// row (an amount, or the words of a word column).
// IsTotal marks the cells of a total row (合计, 总计, 本年收入合计, 人员经费合计,
// …), so that a sum over line items can leave them out.
type LineItem struct {
	ReportID    string  `parquet:"report_id,id(1),dict"`
	FiscalYear  *int32  `parquet:"fiscal_year,id(2),optional"`
	Department  *string `parquet:"department,id(3),optional,dict"`
	TableID     string  `parquet:"table_id,id(4),dict"`
	TableTitle  string  `parquet:"table_title,id(5),dict"`
	RowSeq      int32   `parquet:"row_seq,id(6)"`
	Section     string  `parquet:"section,id(7),dict"`
	LineNo      *int32  `parquet:"line_no,id(8),optional"`
	Code        *string `parquet:"code,id(9),optional,dict"`
	CodeSystem  *string `parquet:"code_system,id(10),optional,dict"`
	Level       *int32  `parquet:"level,id(11),optional"`
	ParentCode  *string `parquet:"parent_code,id(12),optional,dict"`
	Item        string  `parquet:"item,id(13),dict"`
	IsTotal     bool    `parquet:"is_total,id(14)"`
	ColumnKey   string  `parquet:"column_key,id(15),dict"`
	ColumnLabel string  `parquet:"column_label,id(16),dict"`
	// ColumnSeq is the column's 1-based position in the printed table,
	// left to right (sections in print order, word columns counted):
	// null in files written before it was kept.
	ColumnSeq  *int32 `parquet:"column_seq,id(17),optional"`
	Amount     *int64 `parquet:"amount,id(18),optional,decimal(2:18)"`
	Unit       string `parquet:"unit,id(19),dict"`
	AmountYuan *int64 `parquet:"amount_yuan,id(20),optional,decimal(2:18)"`
	// Text is a word column's cell as printed (B13's 专项名称 …), null for
	// an amount column and for a blank cell.
	Text *string `parquet:"text,id(21),optional,dict"`
	Page int32   `parquet:"page,id(22)"`
	// OCRConfidence is the OCR engine's confidence (0..1) in the figure of
	// a cell read from a page image; null for text. OCRSuspect marks a
	// cell read by OCR in a table one of whose identities fails: one of
	// that table's figures may be misread. Null for text.
	OCRConfidence *float32 `parquet:"ocr_confidence,id(23),optional"`
	OCRSuspect    *bool    `parquet:"ocr_suspect,id(24),optional"`
	// DroppedDecimals is how many of the two decimal places the printed
	// figure leaves out (2 for 503,724, 0 for 503,724.00; 0 for a zero,
	// which is exact however printed): its rounding, for the checks'
	// tolerance. Not written.
	DroppedDecimals int8 `parquet:"-"`
}

// Check is one row of the checks dataset: one accounting identity evaluated.
type Check struct {
	ReportID    string `parquet:"report_id,id(1),dict"`
	FiscalYear  *int32 `parquet:"fiscal_year,id(2),optional"`
	CheckID     string `parquet:"check_id,id(3),dict"`
	Description string `parquet:"description,id(4),dict"`
	Expected    *int64 `parquet:"expected,id(5),optional,decimal(2:18)"`
	Actual      *int64 `parquet:"actual,id(6),optional,decimal(2:18)"`
	Diff        *int64 `parquet:"diff,id(7),optional,decimal(2:18)"`
	Tolerance   *int64 `parquet:"tolerance,id(8),optional,decimal(2:18)"`
	Status      string `parquet:"status,id(9),dict"`
	Location    string `parquet:"location,id(10)"`
	// Page is the page the check concerns: set by the narrative checks
	// (N.*, D.*), null for the table identities, which name their pages
	// in location.
	Page *int32 `parquet:"page,id(11),optional"`

	// Department and SourcePath repeat the report's, so that a query of
	// failed checks names the report without a join.
	Department *string `parquet:"department,id(12),optional,dict"`
	SourcePath string  `parquet:"source_path,id(13),dict"`
}

// Check statuses.
const (
	CheckPass    = "pass"
	CheckFail    = "fail"
	CheckSkipped = "skipped"
	CheckInfo    = "info" // reported for information, not a failure
)
