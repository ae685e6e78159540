package juesuan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

func TestFirstOfEachTable(t *testing.T) {
	in := []tables.Table{
		{ID: tables.T01, Title: "收入支出决算总表", Pages: []int{5}},
		{ID: tables.T02, Title: "收入决算表", Pages: []int{6, 7}},
		{ID: tables.T02, Title: "收入决算表", Pages: []int{21, 22}, NotJoined: "its 部门 is B, the table's A"},
		{ID: tables.T03, Title: "支出决算表", Pages: []int{8}},
	}
	kept, repeated, pages := firstOfEachTable(in)
	if !reflect.DeepEqual(pages, []int{21, 22}) {
		t.Errorf("pages of the second printing %v, want [21 22]", pages)
	}
	if len(kept) != 3 || kept[1].Pages[0] != 6 || kept[2].ID != tables.T03 {
		t.Errorf("kept %+v", kept)
	}
	if len(repeated) != 1 || !strings.Contains(repeated[0], "pages 21-22 (first on pages 6-7; not its continuation: its 部门 is B, the table's A)") {
		t.Errorf("repeated %q", repeated)
	}
}

// TestFixturesConvert converts every generated fixture end to end: each is
// ok with every check evaluated and passing (the doctored one fails only
// its documented checks), except a fixture that prints its tables twice,
// which is partial and names each second printing with its reason. No
// split table may be taken for a second printing.
func TestFixturesConvert(t *testing.T) {
	dir := filepath.Join("fixtures")
	metas, _ := filepath.Glob(filepath.Join(dir, "*.meta.json"))
	if len(metas) == 0 {
		t.Skip("no fixtures in " + dir)
	}
	for _, path := range metas {
		name := strings.TrimSuffix(filepath.Base(path), ".meta.json")
		t.Run(name, func(t *testing.T) {
			var meta struct {
				Doctored        json.RawMessage `json:"doctored"`
				SecondPrintings int             `json:"second_printings"`
				Template        string          `json:"template"`
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &meta); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			// A narrative fixture's mistakes (and the table it may leave out)
			// are on purpose: normalize/narrative's TestFixtureMistakes checks
			// that each is caught and nothing else fails.
			_, err = os.Stat(filepath.Join(dir, name+".narrative.json"))
			onPurpose := err == nil
			res := Convert(context.Background(), data, WithSourcePath(name+".pdf"))
			rep := res.Report
			errText := ""
			if rep.Error != nil {
				errText = *rep.Error
			}
			want := int32(9)
			if meta.Template == "jiangsu_budget" {
				want = 12 // the Jiangsu budget template
			}
			if rep.Tables != want && !onPurpose {
				t.Errorf("%d tables, want %d", rep.Tables, want)
			}
			if !onPurpose && len(res.Statements) > 0 {
				t.Errorf("%d statements from a fixture without text, the first %q", len(res.Statements), res.Statements[0].Sentence)
			}
			again := strings.Count(errText, "is printed again")
			if again != meta.SecondPrintings || strings.Count(errText, "not its continuation: ") != again {
				t.Errorf("%d second printings named with their reason, want %d: %s", again, meta.SecondPrintings, errText)
			}
			wantStatus := schema.StatusOK
			if meta.SecondPrintings > 0 {
				wantStatus = schema.StatusPartial
			}
			if rep.Status != wantStatus {
				t.Errorf("status %s, want %s: %s", rep.Status, wantStatus, errText)
			}
			for _, c := range res.Checks {
				if c.SourcePath != name+".pdf" || c.Department == nil || *c.Department != *rep.Department {
					t.Errorf("check %s names source %q, department %v; want the report's", c.CheckID, c.SourcePath, c.Department)
				}
				if onPurpose {
					continue
				}
				bad := c.Status == schema.CheckSkipped || (c.Status == schema.CheckFail && meta.Doctored == nil)
				if bad {
					t.Errorf("%s %s at %s", c.Status, c.CheckID, c.Location)
				}
			}
		})
	}
}

// countingReader yields n bytes of a PDF-looking file and counts what was
// read of it.
type countingReader struct {
	n, read int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.read >= r.n {
		return 0, io.EOF
	}
	k := int64(len(p))
	if k > r.n-r.read {
		k = r.n - r.read
	}
	for i := range p[:k] {
		p[i] = "%PDF-1.7\n"[(r.read+int64(i))%9]
	}
	r.read += k
	return int(k), nil
}

// TestConvertReader: a reader converts as its bytes do; one that yields
// more than the memory limit is read one byte past it and fails as Convert
// fails on those bytes, with ErrTooLarge for errors.Is and no report ID.
func TestConvertReader(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("fixtures", "sample.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want := Convert(ctx, data, WithSourcePath("sample.pdf"))
	got := ConvertReader(ctx, bytes.NewReader(data), WithSourcePath("sample.pdf"))
	if !reflect.DeepEqual(got.Report, want.Report) || !reflect.DeepEqual(got.LineItems, want.LineItems) || !reflect.DeepEqual(got.Checks, want.Checks) {
		t.Errorf("ConvertReader: %s, %d line items, %d checks; Convert: %s, %d, %d",
			got.Report.Status, len(got.LineItems), len(got.Checks), want.Report.Status, len(want.LineItems), len(want.Checks))
	}

	const limit = 1 << 20
	r := &countingReader{n: 1 << 40}
	res := ConvertReader(ctx, r, WithMemoryLimit(limit), WithSourcePath("huge.pdf"))
	if r.read != limit+1 {
		t.Errorf("read %d bytes of the reader, want the limit and one (%d)", r.read, limit+1)
	}
	if res.Report.Status != schema.StatusFailed || !errors.Is(res.Err, pdfraw.ErrTooLarge) || res.Report.ReportID != "" || res.Report.SourcePath != "huge.pdf" {
		t.Fatalf("status %s, report ID %q, source %q, error %v; want failed with ErrTooLarge, no ID, huge.pdf",
			res.Report.Status, res.Report.ReportID, res.Report.SourcePath, res.Err)
	}
	broken := errors.New("the disk failed")
	if res := ConvertReader(ctx, iotest.ErrReader(broken)); res.Report.Status != schema.StatusFailed || !errors.Is(res.Err, broken) {
		t.Errorf("a reader that fails: status %s, error %v; want failed with its error", res.Report.Status, res.Err)
	}
	prefix := make([]byte, limit+1)
	(&countingReader{n: limit + 1}).Read(prefix)
	if same := Convert(ctx, prefix, WithMemoryLimit(limit)); *same.Report.Error != *res.Report.Error {
		t.Errorf("error %q; Convert of the bytes read: %q", *res.Report.Error, *same.Report.Error)
	}
}
