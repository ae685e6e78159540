package juesuan

import (
	"context"
	"fmt"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// ocrPages reads the pages that need OCR in place (their glyphs and lines
// set from the image) and returns what was read by page number. Pages with
// a text layer are not touched in auto mode: nothing of OCR runs for them.
func ocrPages(ctx context.Context, cfg *config, doc *extract.Document, pages []*extract.Page) (map[int]*ocr.Page, []string, error) {
	var need []*extract.Page
	for _, p := range pages {
		if ocr.NeedsOCR(p) || (cfg.ocrMode == OCRAlways && p.Images > 0) {
			need = append(need, p)
		}
	}
	if len(need) == 0 || cfg.ocrMode == OCRNever || cfg.ocrMode == "" {
		return nil, nil, nil
	}
	if cfg.ocr == nil {
		return nil, nil, nil
	}
	if err := cfg.ocr.Available(); err != nil {
		cfg.ocrMissing = err
		return nil, nil, nil
	}
	read := map[int]*ocr.Page{}
	var errs []string
	for _, p := range need {
		glyphs, lines := p.Glyphs, p.Lines
		op, err := cfg.ocr.ReadPage(ctx, doc, p)
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		if err != nil {
			p.Glyphs, p.Lines = glyphs, lines
			errs = append(errs, fmt.Sprintf("page %d: OCR: %v", p.Number, err))
			continue
		}
		read[p.Number] = op
	}
	return read, errs, nil
}

// textSource names where a report's text came from.
func textSource(pages []*extract.Page, read map[int]*ocr.Page) string {
	switch {
	case len(read) == 0:
		return schema.TextSourceText
	case len(read) == len(pages):
		return schema.TextSourceOCR
	}
	for _, p := range pages {
		if read[p.Number] == nil && len(p.Glyphs) > 0 {
			return schema.TextSourceMixed
		}
	}
	return schema.TextSourceOCR
}

// scanError is the refusal for a scan that is not read.
func scanError(cfg *config) error {
	msg := "the PDF has no text layer, only images (a scan)"
	switch {
	case cfg.ocrMode == OCRNever:
		return fmt.Errorf("%s and --ocr never was given: convert it with --ocr auto, or run OCR on it first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`) and convert the result", msg)
	case cfg.ocrMissing != nil:
		return fmt.Errorf("%s: run OCR on it first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`) and convert the result, or let juesuan read it: %w", msg, cfg.ocrMissing)
	}
	return fmt.Errorf("%s: run OCR on it first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`) and convert the result", msg)
}

// ocrConfidence sets line_items.ocr_confidence: for each value cell
// printed on a page read by OCR, the confidence of the word read there.
// Words are taken in reading order for each text, so that a figure
// printed twice on a page gets each printing's confidence in turn.
func ocrConfidence(items []schema.LineItem, found []tables.Table, read map[int]*ocr.Page) {
	if len(read) == 0 {
		return
	}
	type key struct {
		page int
		text string
	}
	queue := map[key][]ocr.Word{}
	for n, p := range read {
		for _, w := range p.Words {
			k := key{n, w.Text}
			queue[k] = append(queue[k], w)
		}
	}
	type cellKey struct {
		table   string
		seq     int32
		section string
		column  string
	}
	conf := map[cellKey]float32{}
	for _, t := range found {
		for i, row := range t.Rows {
			if read[row.Page] == nil {
				continue
			}
			for _, c := range row.Cells {
				if c.Text == "" {
					continue
				}
				k := key{row.Page, c.Text}
				ws := queue[k]
				if len(ws) == 0 {
					continue
				}
				queue[k] = ws[1:]
				conf[cellKey{t.ID, int32(i + 1), row.Section, c.Key}] = float32(ws[0].Conf)
			}
		}
	}
	for i := range items {
		it := &items[i]
		if c, ok := conf[cellKey{it.TableID, it.RowSeq, it.Section, it.ColumnKey}]; ok {
			it.OCRConfidence = &c
		}
	}
}
