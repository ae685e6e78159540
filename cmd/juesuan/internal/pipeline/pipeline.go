package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/schema"
)

// Option configures Convert.
type Option func(*config)

type config struct {
	toolVersion string
}

// WithToolVersion sets the version written into the report row.
func WithToolVersion(v string) Option { return func(c *config) { c.toolVersion = v } }

// Convert turns one PDF into dataset rows. It never returns an error: a file
// that cannot be read is a failed report whose error says what to do. It
// stops early, returning a failed report, when ctx is done.
func Convert(ctx context.Context, data []byte, sourcePath string, opts ...Option) *Result {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	fail := func(err error) *Result { return Failed(data, sourcePath, cfg.toolVersion, err) }

	doc, err := extract.Load(data)
	if err != nil {
		return fail(err)
	}
	res := &Result{Report: schema.Report{
		ReportID:    ReportID(data),
		SourcePath:  sourcePath,
		DocKind:     schema.KindUnknown,
		Pages:       int32(doc.NumPages()),
		Status:      schema.StatusOK,
		ToolVersion: cfg.toolVersion,
	}}

	pages, pageErrs := readPages(ctx, doc)
	if ctx.Err() != nil {
		return fail(ctx.Err())
	}
	if len(pages) == 0 {
		return failWith(res, fmt.Errorf("no page could be read: %s", strings.Join(pageErrs, "; ")))
	}
	if err := textLayerProblem(pages); err != nil {
		return failWith(res, err)
	}
	res.Warnings = append(res.Warnings, pageErrs...)
	if len(pageErrs) > 0 {
		setPartial(res, fmt.Sprintf("%d of %d pages could not be read: %s", len(pageErrs), doc.NumPages(), strings.Join(pageErrs, "; ")))
	}
	return res
}

// readPages extracts every page; a page that fails is skipped and named.
func readPages(ctx context.Context, doc *extract.Document) ([]*extract.Page, []string) {
	var pages []*extract.Page
	var errs []string
	for n := 1; n <= doc.NumPages(); n++ {
		if ctx.Err() != nil {
			return pages, errs
		}
		p, err := doc.Page(n)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		pages = append(pages, p)
	}
	return pages, errs
}

// textLayerProblem explains a document without text: a scan, or nothing.
func textLayerProblem(pages []*extract.Page) error {
	glyphs, images := 0, 0
	for _, p := range pages {
		glyphs += len(p.Glyphs)
		images += p.Images
	}
	switch {
	case glyphs > 0:
		return nil
	case images > 0:
		return fmt.Errorf("the PDF has no text layer, only images (a scan): run OCR on it first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`) and convert the result")
	default:
		return fmt.Errorf("the PDF has no text on any page")
	}
}

func failWith(res *Result, err error) *Result {
	msg := err.Error()
	res.Report.Status, res.Report.Error = schema.StatusFailed, &msg
	res.LineItems, res.Checks = nil, nil
	return res
}

// setPartial marks a report partial (unless it already failed) and adds a
// reason to its error.
func setPartial(res *Result, reason string) {
	if res.Report.Status == schema.StatusOK {
		res.Report.Status = schema.StatusPartial
	}
	if res.Report.Error == nil {
		res.Report.Error = &reason
		return
	}
	joined := *res.Report.Error + "; " + reason
	res.Report.Error = &joined
}
