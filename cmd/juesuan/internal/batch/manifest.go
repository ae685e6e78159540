package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/juesuan/juesuan/schema"
)

// ManifestName is the incremental state kept at the top of OUT, beside the
// dataset folders (so dataset readers never see it).
const ManifestName = "juesuan-manifest.json"

// manifest maps source paths to content hashes and hashes to the files
// written for them. It is rewritten atomically, so a run killed at any point
// leaves the previous or the new state, never a mix.
type manifest struct {
	Version int                     `json:"version"`
	Sources map[string]sourceEntry  `json:"sources"` // by path as given
	Reports map[string]*reportEntry `json:"reports"` // by report_id
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
	Files        []string    `json:"files"` // relative to OUT
}

const manifestVersion = 1

func newManifest() *manifest {
	return &manifest{Version: manifestVersion, Sources: map[string]sourceEntry{}, Reports: map[string]*reportEntry{}}
}

// loadManifest reads OUT's manifest; a missing one is an empty state.
func loadManifest(out string) (*manifest, error) {
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return newManifest(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	m := newManifest()
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("read manifest %s: %w (delete it, or run with --force, to start over)", filepath.Join(out, ManifestName), err)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("manifest %s has version %d, this juesuan writes %d: use a new output folder or --force", filepath.Join(out, ManifestName), m.Version, manifestVersion)
	}
	if m.Sources == nil {
		m.Sources = map[string]sourceEntry{}
	}
	if m.Reports == nil {
		m.Reports = map[string]*reportEntry{}
	}
	return m, nil
}

func (m *manifest) save(out string) error {
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	return schema.WriteFileAtomic(filepath.Join(out, ManifestName), append(data, '\n'))
}

// referencedExcept reports whether a path other than except maps to reportID.
func (m *manifest) referencedExcept(reportID, except string) bool {
	for p, s := range m.Sources {
		if p != except && s.ReportID == reportID {
			return true
		}
	}
	return false
}

// outputsPresent reports whether every file recorded for a report exists.
func (m *manifest) outputsPresent(out, reportID string) bool {
	e := m.Reports[reportID]
	if e == nil {
		return false
	}
	for _, f := range e.Files {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			return false
		}
	}
	return true
}
