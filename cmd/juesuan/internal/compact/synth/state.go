package main

import (
	"bufio"
	"encoding/json"
	"path/filepath"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/schema"
)

// manifestName is the batch state juesuan keeps at the top of OUT.
const manifestName = "juesuan-manifest.json"

// The manifest's entries (version 1, as batch/manifest.go writes it: the
// on-disk format of this juesuan, which later ones migrate).
type (
	sourceEntry struct {
		ReportID string `json:"report_id"`
		Size     int64  `json:"size"`
	}
	checkCounts struct {
		Pass    int `json:"pass"`
		Fail    int `json:"fail"`
		Skipped int `json:"skipped"`
		Info    int `json:"info"`
	}
	reportEntry struct {
		Status       string      `json:"status"`
		Error        string      `json:"error,omitempty"`
		Tables       int         `json:"tables"`
		ChecksFailed int         `json:"checks_failed"`
		Checks       checkCounts `json:"checks"`
		ToolVersion  string      `json:"tool_version"`
		Department   string      `json:"department,omitempty"`
		Files        []string    `json:"files"`
	}
	partEntry struct {
		Reports []string `json:"reports"`
	}
)

func countChecks(cs []schema.Check) checkCounts {
	n := map[string]int{}
	for _, ch := range cs {
		n[ch.Status]++
	}
	return checkCounts{Pass: n[schema.CheckPass], Fail: n[schema.CheckFail], Skipped: n[schema.CheckSkipped], Info: n[schema.CheckInfo]}
}

// writeManifest writes the manifest of s, entry by entry: at a million
// reports it is about a gigabyte.
func writeManifest(s *scaleOut) error {
	counts := map[*juesuan.Result]checkCounts{}
	for _, t := range s.g.templates {
		counts[t] = countChecks(t.Checks)
	}
	return schema.WriteAtomic(filepath.Join(s.out, manifestName), func(w *bufio.Writer) error {
		e := entryWriter{w: w, first: true}
		w.WriteString(`{"version":1,"sources":{`)
		for i := range s.n {
			e.entry(s.g.inputPath(i), sourceEntry{ReportID: s.ids[i], Size: int64(len(input(i)))})
		}
		w.WriteString(`},"reports":{`)
		e.first = true
		for i := range s.n {
			r := s.g.report(i, "")
			rep := r.t.Report
			entry := reportEntry{Status: rep.Status, Error: deref(rep.Error), Tables: int(rep.Tables), ChecksFailed: int(rep.ChecksFailed),
				Checks: counts[r.t], ToolVersion: toolVersion, Department: r.dept}
			for _, ds := range schema.Datasets {
				if k := s.partOf[ds][i]; k >= 0 {
					entry.Files = append(entry.Files, s.partRels[k])
				} else if i >= s.n-s.fresh && datasetRows(r, ds) > 0 {
					entry.Files = append(entry.Files, filepath.ToSlash(schema.RelPath(ds, &r.year, r.id)))
				}
			}
			e.entry(r.id, entry)
		}
		w.WriteString(`},"parts":{`)
		e.first = true
		for k, rel := range s.partRels {
			e.entry(rel, partEntry{Reports: s.partRepts[k]})
		}
		w.WriteString("}}\n")
		return e.err
	})
}

// entryWriter writes "key":value pairs of a JSON object.
type entryWriter struct {
	w     *bufio.Writer
	first bool
	err   error
}

func (e *entryWriter) entry(key string, value any) {
	if e.err != nil {
		return
	}
	k, err := json.Marshal(key)
	if err != nil {
		e.err = err
		return
	}
	v, err := json.Marshal(value)
	if err != nil {
		e.err = err
		return
	}
	if !e.first {
		e.w.WriteByte(',')
	}
	e.first = false
	e.w.Write(k)
	e.w.WriteByte(':')
	e.w.Write(v)
}

// datasetRows is how many rows report r has in dataset ds.
func datasetRows(r *synthReport, ds string) int {
	switch ds {
	case schema.DatasetLineItems:
		return len(r.t.LineItems)
	case schema.DatasetChecks:
		return len(r.t.Checks)
	case schema.DatasetStatements:
		return len(r.t.Statements)
	}
	return 1
}
