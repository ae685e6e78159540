package batch

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/schema"
)

// ManifestName is the incremental state that juesuan kept at the top of
// OUT before the state was a database (StateName): read once, to migrate
// it (state_repair.go), then renamed to ManifestName + ".migrated".
const ManifestName = "juesuan-manifest.json"

// manifest maps source paths to content hashes and hashes to the files
// written for them, as earlier juesuan versions wrote it (one JSON file,
// rewritten whole at every save); the state's entries have its fields.
//
// It is data, never instructions: anyone able to write OUT can edit it, so
// every file it names is checked to be one of juesuan's own dataset files
// under OUT before it is looked at or removed.
type manifest struct {
	Version int                     `json:"version"`
	Sources map[string]sourceEntry  `json:"sources"` // by recordedPath
	Reports map[string]*reportEntry `json:"reports"` // by report_id
	// Parts are the compacted files (compact.go): which reports' rows each
	// holds. A report's Files name the part that holds its rows in a
	// dataset instead of its own file there.
	Parts map[string]*partEntry `json:"parts,omitempty"` // by path relative to OUT
}

type partEntry struct {
	Reports []string `json:"reports"` // in file order
}

type sourceEntry struct {
	ReportID string `json:"report_id"`
	Size     int64  `json:"size"`
}

type reportEntry struct {
	Status       string      `json:"status"`
	Error        string      `json:"error,omitempty"`
	Tables       int         `json:"tables"`
	ChecksFailed int         `json:"checks_failed"`
	Checks       CheckCounts `json:"checks"`
	ToolVersion  string      `json:"tool_version"`
	// Department is the report's, as its rows carry it ("" for none, or
	// in a manifest of an earlier juesuan): compaction orders reports by
	// it without opening their files.
	Department string   `json:"department,omitempty"`
	Files      []string `json:"files"` // relative to OUT
	// Retry marks a failure that another run may not repeat (a time or
	// size limit, a write error, an input that could not be read): the
	// next run converts the input again.
	Retry bool `json:"retry,omitempty"`
}

const manifestVersion = 1

func newManifest() *manifest {
	return &manifest{Version: manifestVersion, Sources: map[string]sourceEntry{}, Reports: map[string]*reportEntry{},
		Parts: map[string]*partEntry{}}
}

// loadManifest reads OUT's manifest; a missing one is an empty state. One
// that cannot be read (corrupt, another program's, another version's) stops
// the run, unless force: it is then moved aside, named in a warning, and
// the run starts from an empty state. Entries naming anything but
// juesuan's own files under OUT are dropped with a warning.
func loadManifest(out string, force bool, warn func(msg string)) (*manifest, error) {
	path := filepath.Join(out, ManifestName)
	m, err := readManifest(path)
	if err == nil {
		m.dropForeignEntries(warn)
		return m, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return newManifest(), nil
	}
	if !force {
		return nil, fmt.Errorf("%w; run again with --force: it moves this file aside and converts every input again", err)
	}
	aside := fmt.Sprintf("%s.bad-%s", path, time.Now().UTC().Format("20060102T150405.000000000Z"))
	if err := os.Rename(path, aside); err != nil {
		return nil, fmt.Errorf("move the unreadable manifest aside: %w", err)
	}
	warn(fmt.Sprintf("%v; moved to %s, every input is converted again", err, aside))
	return newManifest(), nil
}

func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	m := newManifest()
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("manifest %s is not a juesuan manifest (%v)", path, err)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("manifest %s has version %d, this juesuan reads version %d", path, m.Version, manifestVersion)
	}
	if m.Sources == nil {
		m.Sources = map[string]sourceEntry{}
	}
	if m.Reports == nil {
		m.Reports = map[string]*reportEntry{}
	}
	if m.Parts == nil {
		m.Parts = map[string]*partEntry{}
	}
	return m, nil
}

// dropForeignEntries removes what juesuan does not write: a report entry
// under anything but a report ID, and any file name but the report's own
// dataset files under OUT. Nothing such a name points to is ever looked at
// or removed; an entry left without its reports file is converted again.
func (m *manifest) dropForeignEntries(warn func(string)) {
	for id, e := range m.Reports {
		if e == nil || !validReportID(id) {
			warn(fmt.Sprintf("manifest entry %q ignored: not a report of this output folder", id))
			delete(m.Reports, id)
			continue
		}
		e.Files = slices.DeleteFunc(e.Files, func(f string) bool {
			if isOwnFile(f, id) {
				return false
			}
			warn(fmt.Sprintf("manifest entry %q: file %q ignored: not one of the report's dataset files under the output folder", id, f))
			return true
		})
	}
	for rel, p := range m.Parts {
		if p == nil || !isPartFile(rel) || slices.ContainsFunc(p.Reports, func(id string) bool { return !validReportID(id) }) {
			warn(fmt.Sprintf("manifest part %q ignored: not a part file of this output folder", rel))
			delete(m.Parts, rel)
		}
	}
}

// validReportID is a content hash (64 lowercase hex digits) or the ID of
// an unreadable input.
func validReportID(id string) bool {
	h := strings.TrimPrefix(id, unreadableIDPrefix)
	if len(h) != 64 || strings.ToLower(h) != h {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}

// isOwnFile reports whether rel is a file juesuan writes for report id:
// DATASET/fiscal_year=YEAR/ID.parquet, or a part file there holding its
// rows, nothing else.
func isOwnFile(rel, id string) bool {
	return isDatasetFile(rel, func(name string) bool { return name == id+".parquet" || compact.IsPartName(name) })
}

// isPartFile reports whether rel is DATASET/fiscal_year=YEAR/part-….parquet.
func isPartFile(rel string) bool { return isDatasetFile(rel, compact.IsPartName) }

func isDatasetFile(rel string, nameOK func(string) bool) bool {
	parts := strings.Split(rel, "/")
	if len(parts) != 3 || !slices.Contains(schema.Datasets, parts[0]) || !nameOK(parts[2]) {
		return false
	}
	year, ok := strings.CutPrefix(parts[1], "fiscal_year=")
	if !ok {
		return false
	}
	if year == schema.NullPartition {
		return true
	}
	n, err := strconv.ParseInt(year, 10, 32)
	return err == nil && strconv.FormatInt(n, 10) == year
}

// reportsFile is the entry's file in the reports dataset, "" if none.
func (e *reportEntry) reportsFile() string { return e.datasetFile(schema.DatasetReports) }

// datasetFile is the entry's file in dataset, "" if none.
func (e *reportEntry) datasetFile(dataset string) string {
	for _, f := range e.Files {
		if strings.HasPrefix(f, dataset+"/") {
			return f
		}
	}
	return ""
}
