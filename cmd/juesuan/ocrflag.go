package main

import (
	"flag"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/extract/ocr"
)

// ocrFlag is --ocr auto|never|always, shared by the commands that convert.
type ocrFlag struct{ mode string }

func (f *ocrFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&f.mode, "ocr", string(juesuan.OCRAuto),
		"`mode` for pages without a text layer (scans): auto reads them with tesseract when it is installed, never refuses them, always also reads the text layer's pages that draw an image")
}

// option checks the mode and returns the pipeline option. One reader
// serves the whole run; tesseract is looked for only when a scan needs it.
func (f *ocrFlag) option(cmd string) (juesuan.Option, error) {
	switch m := juesuan.OCRMode(f.mode); m {
	case juesuan.OCRAuto, juesuan.OCRAlways:
		return juesuan.WithOCR(ocr.New(), m), nil
	case juesuan.OCRNever:
		return juesuan.WithOCR(nil, m), nil
	}
	return nil, usagef("%s: --ocr must be auto, never or always, not %q", cmd, f.mode)
}
