// Command hostile makes and checks the hostile batch of issue 13 (see
// bench/README.md, `make hostile`):
//
//	go run ./bench/hostile gen -o DIR PDF...   # variants of each PDF, and DIR/variants.tsv
//	go run ./bench/hostile check -o OUT DIR    # what `juesuan convert -o OUT DIR PDF...` gave
//
// gen writes hostile.Variants of each PDF (bombs of every filter chain,
// page-tree loops and repeats, flipped bytes, truncations) and its
// hostile.TextDamages (one text run of a table page damaged) into DIR, with
// variants.tsv naming each variant's original. check reads the reports and
// line_items datasets under OUT and fails when an input has no report, a
// status is not ok/partial/failed, an original failed or timed out, or a
// variant is ok with fewer line_items cells than its original or with a
// figure it still prints lost or doubled (figures.go).
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/internal/hostile"
	"github.com/juesuan/juesuan/schema"
)

func main() {
	if len(os.Args) < 4 || os.Args[2] != "-o" {
		fmt.Fprintln(os.Stderr, "usage: hostile gen -o DIR PDF... | hostile check -o OUT DIR | hostile deadline -o LOG TIMEOUT")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[3], os.Args[4:])
	case "check":
		if len(os.Args) != 5 {
			err = errors.New("check takes -o OUT DIR")
			break
		}
		err = check(os.Args[3], os.Args[4])
	case "deadline":
		if len(os.Args) != 5 {
			err = errors.New("deadline takes -o LOG TIMEOUT")
			break
		}
		err = deadline(os.Args[3], os.Args[4])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
}

const manifestName = "variants.tsv"

// gen writes the variants of each PDF into dir and lists them.
func gen(dir string, pdfs []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var list strings.Builder
	n := 0
	for _, p := range pdfs {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		base := strings.TrimSuffix(filepath.Base(p), ".pdf")
		for _, v := range append(hostile.Variants(data, hostile.DefaultOptions), hostile.TextDamages(data, 4)...) {
			name := base + "." + v.Name + ".pdf"
			if err := os.WriteFile(filepath.Join(dir, name), v.Data, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(&list, "%s\t%s\n", name, abs)
			n++
		}
	}
	// Issue 24's files stand alone (no original to compare with: "-").
	for _, v := range hostile.Attacks(hostile.DefaultAttackOptions) {
		if err := os.WriteFile(filepath.Join(dir, v.Name+".pdf"), v.Data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&list, "%s\t-\n", v.Name+".pdf")
		n++
	}
	for _, b := range bigFiles {
		if err := writeBig(filepath.Join(dir, b.name), b.size, b.unit); err != nil {
			return err
		}
		fmt.Fprintf(&list, "%s\t-\n", b.name)
		n++
	}
	// Files whose whole work is minutes, for the deadline check: beside
	// DIR, so that the main run does not wait for their time limit.
	slow := filepath.Join(filepath.Dir(dir), "slow")
	if err := os.MkdirAll(slow, 0o755); err != nil {
		return err
	}
	for _, v := range hostile.Slow(60_000, 4_000_000) {
		if err := os.WriteFile(filepath.Join(slow, v.Name+".pdf"), v.Data, 0o644); err != nil {
			return err
		}
	}
	// The same bytes under two more names: the first in input order names
	// the report in every dataset, whatever the timing.
	if len(pdfs) > 0 {
		data, err := os.ReadFile(pdfs[0])
		if err != nil {
			return err
		}
		abs, _ := filepath.Abs(pdfs[0])
		base := strings.TrimSuffix(filepath.Base(pdfs[0]), ".pdf")
		for _, name := range []string{base + ".dup-1.pdf", base + ".dup-2.pdf", "gbk-\xcb\xce\xcc\xe5.dup-3.pdf"} {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(&list, "%s\t%s\n", name, abs)
			n++
		}
	}
	fmt.Printf("%d variants of %d files in %s\n", n, len(pdfs), dir)
	return os.WriteFile(filepath.Join(dir, manifestName), []byte(list.String()), 0o644)
}

// bigFiles are inputs of 500 MB that are not PDFs (issue 24): read whole,
// two at once took the process to 1 GB; all zeros read as "empty".
var bigFiles = []struct {
	name string
	size int64
	unit string
}{
	{"big-html-500mb.pdf", 500 << 20, "<html><body>404 Not Found</body></html>\n"},
	{"big-noise-500mb.pdf", 500 << 20, "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR juesuan hostile noise, not a PDF \xff\xfe\n"},
	{"big-zeros-500mb.pdf", 500 << 20, "\x00"},
}

// writeBig writes size bytes of unit repeated to path, streaming.
func writeBig(path string, size int64, unit string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	block := []byte(strings.Repeat(unit, max(1, (64<<10)/len(unit))))
	for left := size; left > 0; left -= int64(len(block)) {
		if _, err := w.Write(block[:min(int64(len(block)), left)]); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// report is what check needs of one input's conversion.
type report struct {
	status, err string
	cells       int64
	items       string // its line_items file
}

// check compares each variant's report with its original's.
func check(out, dir string) error {
	byPath, err := readReports(out)
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(dir, manifestName))
	if err != nil {
		return err
	}
	defer f.Close()
	problems := mismatches
	counts := map[string]map[string]int{} // kind → status → count
	lost := map[string]int{}              // kind → ok variants that lost or doubled figures
	figures := newFigureOracle()
	originals := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, orig, _ := strings.Cut(sc.Text(), "\t")
		v, ok := lookup(byPath, filepath.Join(dir, name))
		if orig == "-" {
			problems = append(problems, checkAttack(name, v, ok)...)
			kind := strings.SplitN(name, "-", 2)[0]
			if counts[kind] == nil {
				counts[kind] = map[string]int{}
			}
			counts[kind][v.status]++
			continue
		}
		originals[orig] = true
		o, okOrig := lookup(byPath, orig)
		switch {
		case !ok:
			problems = append(problems, name+": no report")
			continue
		case !okOrig:
			problems = append(problems, orig+": no report")
			continue
		}
		kind := strings.SplitN(strings.SplitN(name, ".", 2)[1], "-", 2)[0]
		if counts[kind] == nil {
			counts[kind] = map[string]int{}
		}
		counts[kind][v.status]++
		switch v.status {
		case "ok", "partial", "failed":
		default:
			problems = append(problems, fmt.Sprintf("%s: status %q", name, v.status))
		}
		// A damaged text run may take a row's only text, and the blank
		// row with it: for those kinds the figures are what must add up.
		if v.status == "ok" && v.cells < o.cells && !strings.HasPrefix(kind, "text") {
			problems = append(problems, fmt.Sprintf("%s: ok with %d line_items cells, its original %d", name, v.cells, o.cells))
		}
		if v.status == "ok" {
			msg, err := figures.compare(orig, filepath.Join(dir, name), o, v)
			if err != nil {
				return err
			}
			if msg != "" {
				problems = append(problems, fmt.Sprintf("%s: ok, but %s", name, msg))
				lost[kind]++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for orig := range originals {
		// An original may be partial by design (a fixture printing its
		// tables twice); failing or timing out is a problem.
		if o, _ := lookup(byPath, orig); o.status == "failed" || strings.Contains(o.err, "took longer") {
			problems = append(problems, fmt.Sprintf("%s (original): %s %s", orig, o.status, o.err))
		}
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	total := 0
	for _, k := range kinds {
		c := counts[k]
		n := c["ok"] + c["partial"] + c["failed"]
		total += n
		fmt.Printf("%-10s %4d variants: %4d ok, %4d partial, %4d failed; ok with figures lost or doubled: %d\n", k, n, c["ok"], c["partial"], c["failed"], lost[k])
	}
	fmt.Printf("%d variants of %d originals; %d problems%s\n", total, len(originals), len(problems), figures.note())
	for _, p := range problems {
		fmt.Println("PROBLEM", p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d problems", len(problems))
	}
	return nil
}

// lookup finds a report by the path it was converted from, as given or
// absolute, or else by the file's report_id (the same bytes under two
// paths have one report, recorded under one of them).
func lookup(byPath map[string]report, path string) (report, bool) {
	if r, ok := byPath[path]; ok {
		return r, true
	}
	abs, _ := filepath.Abs(path)
	for p, r := range byPath {
		if a, _ := filepath.Abs(p); a == abs {
			return r, true
		}
	}
	if data, err := os.ReadFile(path); err == nil {
		sum := sha256.Sum256(data)
		r, ok := byPath[hex.EncodeToString(sum[:])]
		return r, ok
	}
	return report{}, false
}

// mismatches are reports whose checks name another path than their row.
var mismatches []string

// readReports reads every reports row under out, with its line_items count.
func readReports(out string) (map[string]report, error) {
	files, err := filepath.Glob(filepath.Join(out, "reports", "*", "*.parquet"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no reports under %s (%v)", out, err)
	}
	byPath := map[string]report{}
	for _, f := range files {
		rows, err := parquet.ReadFile[schema.Report](f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, r := range rows {
			rep := report{status: r.Status}
			if r.Error != nil {
				rep.err = *r.Error
			}
			items := filepath.Join(out, "line_items", filepath.Base(filepath.Dir(f)), r.ReportID+".parquet")
			rep.items = items
			if pf, err := os.Open(items); err == nil {
				st, _ := pf.Stat()
				if file, err := parquet.OpenFile(pf, st.Size()); err == nil {
					rep.cells = file.NumRows()
				}
				pf.Close()
			}
			// A report's checks name the path its row names (the first
			// of the paths holding its bytes), whatever the timing.
			checksFile := filepath.Join(out, "checks", filepath.Base(filepath.Dir(f)), r.ReportID+".parquet")
			if cs, err := parquet.ReadFile[schema.Check](checksFile); err == nil && len(cs) > 0 && cs[0].SourcePath != r.SourcePath {
				mismatches = append(mismatches, fmt.Sprintf("%s: checks name %s, the reports row %s", r.ReportID, cs[0].SourcePath, r.SourcePath))
			}
			byPath[r.SourcePath] = rep
			byPath[r.ReportID] = rep
		}
	}
	return byPath, nil
}

// checkAttack checks the report of one of issue 24's standalone files:
// it has one, with a clear error (never an internal error or a lost
// deadline), and says what is wrong with the file.
func checkAttack(name string, r report, ok bool) []string {
	if !ok {
		return []string{name + ": no report"}
	}
	var problems []string
	if r.status == "ok" {
		problems = append(problems, name+": ok")
	}
	for _, bad := range []string{"internal error", "took longer", "empty"} {
		if strings.Contains(r.err, bad) {
			problems = append(problems, fmt.Sprintf("%s: %s %q", name, r.status, r.err))
		}
	}
	for prefix, want := range attackErrors {
		if strings.HasPrefix(name, prefix) && !strings.Contains(r.err, want) {
			problems = append(problems, fmt.Sprintf("%s: error %q does not say %q", name, r.err, want))
		}
	}
	return problems
}

// attackErrors is what the error of each family must say.
var attackErrors = map[string]string{
	"nest-array-content-open":   "arrays nested more than 500 deep",
	"nest-array-content-closed": "arrays nested more than 500 deep",
	"nest-dict-content":         "dictionaries nested more than 500 deep",
	"nest-array-object":         "nested more than 500 deep",
	"nest-dict-object":          "nested more than 500 deep",
	"cmap-":                     "CMap maps more than 1048576 codes",
	"font-widths":               "W array sets more than 1048576 widths",
	"gbk-names":                 "font /宋体 is missing",
	"big-html":                  "HTML page",
	"big-noise":                 "no %PDF- header in the first 1024 bytes",
	"big-zeros":                 "which are all zero bytes",
}

// deadline reads the JSON log of a run with --timeout limit and fails
// when a file was not stopped within half a second of its deadline (its
// "ms" counts reading and writing it too) or did not time out at all.
func deadline(logPath, limit string) error {
	d, err := time.ParseDuration(limit)
	if err != nil {
		return err
	}
	f, err := os.Open(logPath)
	if err != nil {
		return err
	}
	defer f.Close()
	var problems []string
	n, worst := 0, int64(0)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var ev struct {
			Message, Path, Error string
			MS                   int64 `json:"ms"`
		}
		if json.Unmarshal(sc.Bytes(), &ev) != nil || ev.Message != "file" {
			continue
		}
		n++
		worst = max(worst, ev.MS)
		if over := time.Duration(ev.MS)*time.Millisecond - d; over > 500*time.Millisecond {
			problems = append(problems, fmt.Sprintf("%s: ran %d ms, %s past its deadline", ev.Path, ev.MS, over))
		}
		if !strings.Contains(ev.Error, "took longer") {
			problems = append(problems, fmt.Sprintf("%s: did not time out: %s", ev.Path, ev.Error))
		}
	}
	fmt.Printf("deadline %s: %d files, the longest %d ms; %d problems\n", d, n, worst, len(problems))
	for _, p := range problems {
		fmt.Println("PROBLEM", p)
	}
	if len(problems) > 0 || n == 0 {
		return fmt.Errorf("%d problems, %d files", len(problems), n)
	}
	return nil
}
