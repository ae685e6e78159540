package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestManifestEncode checks that the streamed manifest is the bytes
// json.MarshalIndent gives, so that the file reads as before.
func TestManifestEncode(t *testing.T) {
	id1, id2 := strings.Repeat("a", 64), strings.Repeat("b", 64)
	full := newManifest()
	full.Sources["/in/<&>\"q\".pdf"] = sourceEntry{ReportID: id1, Size: 18}
	full.Sources["/in/部门决算.pdf"] = sourceEntry{ReportID: id2, Size: 7}
	full.Reports[id1] = &reportEntry{Status: "ok", Tables: 9, ToolVersion: "v1", Department: "上海市普陀区民政局", Files: []string{"reports/fiscal_year=2024/" + id1 + ".parquet"}}
	full.Reports[id2] = &reportEntry{Status: "failed", Error: "not a PDF\n", Retry: true}
	full.Parts["line_items/fiscal_year=2024/part-0123456789abcdef.parquet"] = &partEntry{Reports: []string{id1}}
	noParts := newManifest()
	noParts.Sources = full.Sources
	noParts.Reports = full.Reports
	for _, tc := range []struct {
		name string
		m    *manifest
	}{
		{"empty", newManifest()},
		{"without parts", noParts},
		{"with parts", full},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.MarshalIndent(tc.m, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, '\n')
			var got bytes.Buffer
			w := bufio.NewWriter(&got)
			if err := tc.m.encode(w); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("encode:\n%s\nwant MarshalIndent's:\n%s", got.Bytes(), want)
			}
		})
	}
}
