package batch

import (
	"fmt"
	"path/filepath"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

// encodeResult encodes a report's dataset files: line_items and checks
// and statements (when not empty), then reports, the order they are renamed in, so that a
// reader who sees the report row sees its line items and checks too. It
// returns their paths relative to out, and the files to write.
func encodeResult(out string, res *juesuan.Result) (rels []string, files []schema.File, err error) {
	rep := res.Report
	meta := metadata(rep)
	add := func(dataset string, data []byte, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", dataset, err)
		}
		rel := schema.RelPath(dataset, rep.FiscalYear, rep.ReportID)
		rels = append(rels, rel)
		files = append(files, stagedFile(filepath.Join(out, rel), data))
		return nil
	}
	if len(res.LineItems) > 0 {
		data, err := schema.Encode(res.LineItems, meta...)
		if err := add(schema.DatasetLineItems, data, err); err != nil {
			return nil, nil, err
		}
	}
	if len(res.Checks) > 0 {
		data, err := schema.Encode(res.Checks, meta...)
		if err := add(schema.DatasetChecks, data, err); err != nil {
			return nil, nil, err
		}
	}
	if len(res.Statements) > 0 {
		data, err := schema.Encode(res.Statements, meta...)
		if err := add(schema.DatasetStatements, data, err); err != nil {
			return nil, nil, err
		}
	}
	data, err := schema.Encode([]schema.Report{rep}, meta...)
	if err := add(schema.DatasetReports, data, err); err != nil {
		return nil, nil, err
	}
	return rels, files, nil
}

// reportIDKey is the footer entry naming a report's own file's report,
// which compact checks before merging the file.
const reportIDKey = "juesuan.source_sha256"

// metadata is the footer key/value metadata of every file of a report.
func metadata(rep schema.Report) []schema.WriteOption {
	return []schema.WriteOption{
		schema.WithMetadata("juesuan.tool_version", rep.ToolVersion),
		schema.WithMetadata(reportIDKey, rep.ReportID),
	}
}

// relabelReport rewrites a report's files that name its source (the
// reports row, and its checks: checks is "" when it has none) with
// sourcePath: the same bytes as converting the file from that path. The
// checks go first, the row last, as a conversion writes them.
func relabelReport(reports, checks, sourcePath string) error {
	rows, err := parquet.ReadFile[schema.Report](reports)
	if err != nil {
		return fmt.Errorf("read %s: %w", reports, err)
	}
	if len(rows) != 1 {
		return fmt.Errorf("read %s: %d rows, want 1", reports, len(rows))
	}
	rep := rows[0]
	rep.SourcePath = sourcePath
	if checks != "" {
		cs, err := parquet.ReadFile[schema.Check](checks)
		if err != nil {
			return fmt.Errorf("read %s: %w", checks, err)
		}
		for i := range cs {
			cs[i].SourcePath = sourcePath
		}
		data, err := schema.Encode(cs, metadata(rep)...)
		if err != nil {
			return err
		}
		if err := schema.ReplaceFiles(stagedFile(checks, data)); err != nil {
			return err
		}
	}
	data, err := schema.Encode([]schema.Report{rep}, metadata(rep)...)
	if err != nil {
		return err
	}
	return schema.ReplaceFiles(stagedFile(reports, data))
}

// stagedFile is a dataset file written through tempPath: the write intent
// that names path also names its temporary file.
func stagedFile(path string, data []byte) schema.File {
	return schema.File{Path: path, Data: data, Temp: tempPath(path)}
}

// tempPath is the one temporary name of a dataset file (schema.IsTemp):
// one writer per OUT, and one commit per report at a time.
func tempPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-juesuan")
}
