package juesuan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// Convert converts one PDF, held in data, into a Result (see the package
// documentation). It never returns an error: a file that cannot be read
// is a failed report whose Report.Error says what to do and whose Err is
// the error for errors.Is. When ctx is done it stops, wherever it is
// (decoding a stream, reading a page, building tables), and returns a
// failed report within milliseconds; it starts no goroutine, so nothing
// of it runs on after it returns.
func Convert(ctx context.Context, data []byte, opts ...Option) *Result {
	return convert(ctx, newConfig(opts), data)
}

// ConvertReader is Convert of the bytes r yields. The file's bytes count
// against the memory limit (WithMemoryLimit) as in Convert, so r is read
// no further than one byte past the limit: a reader yielding more fails
// as Convert fails on that many bytes, its Err wrapping
// pdfraw.ErrTooLarge. An error reading r is a failed report too. Either
// has no report ID (r was not read to its end) unless WithReportID gave
// one.
func ConvertReader(ctx context.Context, r io.Reader, opts ...Option) *Result {
	cfg := newConfig(opts)
	data, err := io.ReadAll(io.LimitReader(r, cfg.memory+1))
	if int64(len(data)) > cfg.memory {
		quota := pdfraw.NewQuota(ctx, cfg.memory)
		return Failed(cfg.reportID, cfg.sourcePath, cfg.toolVersion, openError(quota.Charge(int64(len(data))), quota))
	}
	if err != nil {
		return Failed(cfg.reportID, cfg.sourcePath, cfg.toolVersion, fmt.Errorf("reading the file: %w", err))
	}
	return convert(ctx, cfg, data)
}

func convert(ctx context.Context, cfg *config, data []byte) *Result {
	id := cfg.reportID
	if id == "" {
		id = ReportID(data)
	}
	sourcePath := cfg.sourcePath
	fail := func(err error) *Result { return Failed(id, sourcePath, cfg.toolVersion, err) }

	quota := pdfraw.NewQuota(ctx, cfg.memory)
	// The file's own bytes are held while it is converted: they count.
	if err := quota.Charge(int64(len(data))); err != nil {
		return fail(openError(err, quota))
	}
	doc, err := extract.Load(data, extract.WithQuota(quota))
	if err != nil {
		return fail(openError(err, quota))
	}
	res := &Result{Report: schema.Report{
		ReportID:    id,
		SourcePath:  sourcePath,
		DocKind:     schema.KindUnknown,
		Pages:       int32(doc.NumPages()),
		Status:      schema.StatusOK,
		ToolVersion: cfg.toolVersion,
	}}
	newLedger(&res.Report)

	if doc.Prepared().Truncated {
		// What was recovered is real, but pages or tables may be missing
		// without a trace: the user should fetch the file again.
		setPartial(res, "the file is truncated (an incomplete download?): the pages that could be recovered were read; download it again to be sure nothing is missing")
	}
	for _, w := range doc.Warnings() {
		res.Warnings = append(res.Warnings, w.Error())
	}

	pages, pageErrs, err := readPages(doc)
	if err != nil {
		return fail(openError(err, quota))
	}
	if len(pages) == 0 {
		return failWith(res, fmt.Errorf("no page could be read: %s", strings.Join(pageErrs, "; ")))
	}
	read, ocrErrs, err := ocrPages(ctx, cfg, doc, pages)
	if ctx.Err() != nil {
		return fail(ctx.Err())
	}
	src := textSource(pages, read)
	res.Report.TextSource = &src
	if err := textLayerProblem(pages, cfg); err != nil {
		if len(ocrErrs) > 0 {
			err = fmt.Errorf("%w; %s", err, strings.Join(ocrErrs, "; "))
		}
		return failWith(res, err)
	}
	for _, e := range ocrErrs {
		setPartial(res, e)
	}
	res.Warnings = append(res.Warnings, pageErrs...)
	if len(pageErrs) > 0 {
		setPartial(res, fmt.Sprintf("%d of %d pages could not be read: %s", len(pageErrs), doc.NumPages(), strings.Join(pageErrs, "; ")))
	}
	for _, err := range doc.Damage() {
		setPartial(res, err.Error()+": download the file again")
	}
	if msg := damageReport(pages); msg != "" {
		setPartial(res, msg)
	}

	lines := make([][]string, doc.NumPages())
	for _, p := range pages {
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
		lines[p.Number-1] = p.TextLines()
	}
	text := normalize.ReadText(lines)
	found, tableErrs, err := findTables(ctx, pages, text)
	if err != nil {
		return fail(err)
	}
	meta := text.Meta(found)
	describe(res, meta, found)
	if len(found) == 0 {
		if narrativeOnly(meta, lines) {
			// A report's text published apart from its tables: its
			// statements and the checks of its own figures.
			readNarrative(res, pages, lines, meta, nil)
			pointCells(res, nil)
			return countChecks(res)
		}
		return failWith(res, noTablesError(meta, tableErrs))
	}
	for _, err := range tableErrs {
		setPartial(res, err.Error())
	}
	found, repeated, reprintPages := firstOfEachTable(found)
	for _, msg := range repeated {
		setPartial(res, msg)
	}
	res.Report.Tables = int32(len(found))
	accountFigures(res, found)

	if ctx.Err() != nil {
		return fail(ctx.Err())
	}
	items, cellErrs := normalize.LineItems(res.Report.ReportID, meta, found)
	if len(cellErrs) > 0 {
		msgs := make([]string, 0, min(len(cellErrs), maxNamed))
		for _, err := range cellErrs[:min(len(cellErrs), maxNamed)] {
			msgs = append(msgs, err.Error())
		}
		more := ""
		if len(cellErrs) > maxNamed {
			more = fmt.Sprintf(" (and %d more)", len(cellErrs)-maxNamed)
		}
		setPartial(res, fmt.Sprintf("%d cells could not be read, they are null: %s%s", len(cellErrs), strings.Join(msgs, "; "), more))
	}
	ocrConfidence(items, found, read)
	normalize.SortLineItems(items)
	res.Tables, res.LineItems = found, items
	if ctx.Err() != nil {
		return fail(ctx.Err())
	}
	var cells [][]check.CellRef
	res.Checks, cells = check.RunFailedCells(res.Report.ReportID, res.Report.FiscalYear, found, items)
	if len(read) > 0 {
		judgeOCR(res, found, read)
	}
	readNarrative(res, pages, lines, meta, reprintPages)
	pointCells(res, cells)
	return countChecks(res)
}

// firstOfEachTable keeps the first table of each ID: a report holds each
// standard table once, and the datasets key rows by (table_id, row_seq). A
// second printing (a unit's tables appended to the department's, a heading
// followed by a small grid; tables.Find has already joined the pages that
// continue a table) is named in the report with the reason it is not a
// continuation, never merged silently; its pages are returned, so that
// they are not read as the report's text either.
func firstOfEachTable(ts []tables.Table) (kept []tables.Table, repeated []string, repeatPages []int) {
	first := map[string]tables.Table{}
	for _, t := range ts {
		if f, seen := first[t.ID]; seen {
			why := ""
			if t.NotJoined != "" {
				why = "; not its continuation: " + t.NotJoined
			}
			repeatPages = append(repeatPages, t.Pages...)
			repeated = append(repeated, fmt.Sprintf("table %s %s is printed again on %s (first on %s%s); only the first was converted",
				t.ID, t.Title, onPages(t.Pages), onPages(f.Pages), why))
			continue
		}
		first[t.ID] = t
		kept = append(kept, t)
	}
	return kept, repeated, repeatPages
}

// onPages names pages for a message: "page 4", "pages 6-7".
func onPages(pages []int) string {
	if len(pages) == 1 {
		return "page " + tables.PageRanges(pages)
	}
	return "pages " + tables.PageRanges(pages)
}

// describe fills the report row's metadata.
func describe(res *Result, meta normalize.Meta, found []tables.Table) {
	r := &res.Report
	if meta.Department != "" {
		r.Department = &meta.Department
	}
	if meta.FiscalYear != 0 {
		y := int32(meta.FiscalYear)
		r.FiscalYear = &y
	}
	if meta.DocKind != "" {
		r.DocKind = meta.DocKind
	}
	if meta.Unit != "" {
		r.Unit = &meta.Unit
	}
	r.Tables = int32(len(found))
}

// noTablesError says why a readable PDF yielded nothing, and what to do.
func noTablesError(meta normalize.Meta, tableErrs []error) error {
	var why string
	switch meta.DocKind {
	case schema.KindBudget:
		why = "no budget tables found: this is a budget report (部门预算) printing table rows, but none of its tables (收支预算总表, 收入预算总表, …) has a recognisable title and header; please report it with the file"
	default:
		why = "no final-account (决算) tables found: none of the nine standard tables (收入支出决算总表, 收入决算表, …) is printed with a recognisable title and header; if the PDF does hold them, please report it with the file"
	}
	if len(tableErrs) > 0 {
		msgs := make([]string, len(tableErrs))
		for i, e := range tableErrs {
			msgs[i] = e.Error()
		}
		why += "; problems seen: " + strings.Join(msgs, "; ")
	}
	return errors.New(why)
}

// openError puts a PDF that cannot be opened, or whose reading was
// stopped, in words a user can act on.
func openError(err error, quota *pdfraw.Quota) error {
	switch {
	case errors.Is(err, pdfraw.ErrEmpty):
		return fmt.Errorf("the file is empty (0 bytes): download it again (%w)", err)
	case errors.Is(err, pdfraw.ErrNotPDF):
		return fmt.Errorf("not a PDF: download it again or remove it from the batch (%w)", err)
	case errors.Is(err, pdfraw.ErrPasswordRequired):
		return fmt.Errorf("the PDF needs a password to open: ask the publisher for an unprotected copy (%w)", err)
	case errors.Is(err, pdfraw.ErrTooLarge):
		// The quota's own words, without the layers of where it ran out.
		return fmt.Errorf("the PDF expands to more than %d MB when decompressed; it is probably damaged or hostile (if it is genuine, convert it with a larger --max-memory): %w",
			quota.Limit()>>20, pdfraw.ErrTooLarge)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, pdfraw.ErrDamaged):
		return fmt.Errorf("the PDF is damaged (truncated or corrupt) and no page could be recovered: download it again (%w)", err)
	default:
		return fmt.Errorf("the PDF cannot be read: %w", err)
	}
}

// CheckHeader says whether a file of size bytes starting with head (its
// first pdfraw.HeaderWindow bytes) can be a PDF: nil, or the error of the
// failed report Convert would return for it, so that a batch need not
// read a large file that is not a PDF into memory.
func CheckHeader(head []byte, size int64) error {
	if err := pdfraw.CheckHeader(head, size); err != nil {
		return openError(err, nil)
	}
	return nil
}

// readPages extracts every page; a page that fails is skipped and named.
// It stops with stop when the document's memory quota is spent or its context
// done.
func readPages(doc *extract.Document) (pages []*extract.Page, errs []string, stop error) {
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if pdfraw.Stopped(err) {
			return nil, nil, err
		}
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		pages = append(pages, p)
	}
	return pages, errs, nil
}

// damageReport names the pages that were read with data missing (a
// damaged or missing stream), or is empty.
func damageReport(pages []*extract.Page) string {
	var msgs []string
	for _, p := range pages {
		for _, err := range p.Damage {
			msgs = append(msgs, fmt.Sprintf("page %d: %v", p.Number, err))
		}
	}
	if len(msgs) == 0 {
		return ""
	}
	more := ""
	if len(msgs) > maxNamed {
		more = fmt.Sprintf(" (and %d more)", len(msgs)-maxNamed)
		msgs = msgs[:maxNamed]
	}
	return strings.Join(msgs, "; ") + more + "; what could be read of it was used — download the file again"
}

// textLayerProblem explains a document without text: a scan (not read
// by OCR), or nothing.
func textLayerProblem(pages []*extract.Page, cfg *config) error {
	glyphs, images := 0, 0
	for _, p := range pages {
		glyphs += len(p.Glyphs)
		images += p.Images
	}
	switch {
	case glyphs > 0:
		return nil
	case images > 0:
		return scanError(cfg)
	default:
		return fmt.Errorf("the PDF has no text on any page")
	}
}
