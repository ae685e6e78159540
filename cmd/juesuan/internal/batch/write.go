package batch

import (
	"fmt"
	"path/filepath"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/schema"
)

// writeResult writes a report's dataset files, each atomically, the reports
// row last: a reader that sees the report row sees its line items and
// checks too. Empty line_items/checks files are not written. It returns the
// files written, relative to out. Their folders are not synced: the caller
// syncs them before it records the files in the manifest.
func writeResult(out string, res *pipeline.Result) ([]string, error) {
	rep := res.Report
	meta := []schema.WriteOption{
		schema.WithMetadata("juesuan.tool_version", rep.ToolVersion),
		schema.WithMetadata("juesuan.source_sha256", rep.ReportID),
	}
	var files []string
	put := func(dataset string, encode func() ([]byte, error)) error {
		data, err := encode()
		if err != nil {
			return fmt.Errorf("%s: %w", dataset, err)
		}
		rel := schema.RelPath(dataset, rep.FiscalYear, rep.ReportID)
		if err := schema.ReplaceFile(filepath.Join(out, rel), data); err != nil {
			return fmt.Errorf("%s: %w", dataset, err)
		}
		files = append(files, rel)
		return nil
	}
	if len(res.LineItems) > 0 {
		if err := put(schema.DatasetLineItems, func() ([]byte, error) { return schema.Encode(res.LineItems, meta...) }); err != nil {
			return files, err
		}
	}
	if len(res.Checks) > 0 {
		if err := put(schema.DatasetChecks, func() ([]byte, error) { return schema.Encode(res.Checks, meta...) }); err != nil {
			return files, err
		}
	}
	if err := put(schema.DatasetReports, func() ([]byte, error) { return schema.Encode([]schema.Report{rep}, meta...) }); err != nil {
		return files, err
	}
	return files, nil
}
