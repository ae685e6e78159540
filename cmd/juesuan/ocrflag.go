package main

import (
	"flag"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/extract/ocr"
)

// ocrFlag is --ocr auto|never|always, shared by the commands that convert.
type ocrFlag struct{ mode string }

func (f *ocrFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&f.mode, "ocr", string(pipeline.OCRAuto),
		"`mode` for pages without a text layer (scans): auto reads them with tesseract when it is installed, never refuses them, always also reads the text layer's pages that draw an image")
}

// option checks the mode and returns the pipeline option. One reader
// serves the whole run; tesseract is looked for only when a scan needs it.
func (f *ocrFlag) option(cmd string) (pipeline.Option, error) {
	switch m := pipeline.OCRMode(f.mode); m {
	case pipeline.OCRAuto, pipeline.OCRAlways:
		return pipeline.WithOCR(ocr.New(), m), nil
	case pipeline.OCRNever:
		return pipeline.WithOCR(nil, m), nil
	}
	return nil, usagef("%s: --ocr must be auto, never or always, not %q", cmd, f.mode)
}
