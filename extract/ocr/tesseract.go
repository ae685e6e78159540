package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// The Tesseract CLI, not its C API through cgo: juesuan is built with
// CGO_ENABLED=0 into static binaries that copy to any machine, and a
// process per page costs little beside the recognition itself (about a
// tenth of a second of a page's seconds). A process is also killed
// cleanly at the file's --timeout, which a C call cannot be.

// ErrNoTesseract is returned when OCR is needed and tesseract (with the
// chi_sim language) is not installed.
var ErrNoTesseract = errors.New("tesseract is not installed: install it to read scanned pages (Debian/Ubuntu: `apt-get install tesseract-ocr tesseract-ocr-chi-sim`; macOS: `brew install tesseract tesseract-lang`)")

// engine runs tesseract.
type engine struct {
	path string
}

// findEngine locates tesseract and checks that it has the languages
// juesuan reads with (chi_sim for the page, eng for the digit pass).
func findEngine(path string) (*engine, error) {
	if path == "" {
		p, err := exec.LookPath("tesseract")
		if err != nil {
			return nil, ErrNoTesseract
		}
		path = p
	}
	out, err := exec.Command(path, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%w (running %s --list-langs: %v)", ErrNoTesseract, path, err)
	}
	langs := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		langs[l] = true
	}
	for _, need := range []string{"chi_sim", "eng"} {
		if !langs[need] {
			return nil, fmt.Errorf("tesseract has no %s language data: install it (Debian/Ubuntu: `apt-get install tesseract-ocr-%s`)", need, strings.ReplaceAll(need, "_", "-"))
		}
	}
	return &engine{path: path}, nil
}

// word is one word tesseract read, in the pixels of the image it was given.
type word struct {
	left, top, width, height int
	conf                     float64 // 0..100
	text                     string
	page, block, par, line   int
}

// recognize runs tesseract on a PNM image and returns its words.
func (e *engine) recognize(ctx context.Context, img []byte, dpi int, args ...string) ([]word, error) {
	return e.run(ctx, "stdin", img, dpi, args...)
}

// recognizeFile runs tesseract on the images listed in a file, one path
// a line; each word's page is the 1-based image it was read from.
func (e *engine) recognizeFile(ctx context.Context, list string, dpi int, args ...string) ([]word, error) {
	return e.run(ctx, list, nil, dpi, args...)
}

func (e *engine) run(ctx context.Context, input string, img []byte, dpi int, args ...string) ([]word, error) {
	all := append([]string{input, "stdout", "--dpi", strconv.Itoa(dpi)}, args...)
	all = append(all, "tsv")
	cmd := exec.CommandContext(ctx, e.path, all...)
	// One thread: the batch already runs a file per core, and tesseract's
	// OpenMP threads on a busy machine cost several times the work.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	if img != nil {
		cmd.Stdin = bytes.NewReader(img)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("tesseract: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return parseTSV(stdout.Bytes())
}

// parseTSV reads tesseract's TSV output: the word rows (level 5).
func parseTSV(data []byte) ([]word, error) {
	var words []word
	for i, line := range strings.Split(string(data), "\n") {
		if i == 0 || line == "" {
			continue
		}
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		n := make([]int, 10)
		for j := 0; j < 10; j++ {
			n[j], _ = strconv.Atoi(f[j])
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if err != nil {
			return nil, fmt.Errorf("tesseract TSV line %d: confidence %q", i+1, f[10])
		}
		words = append(words, word{
			page: n[1], block: n[2], par: n[3], line: n[4],
			left: n[6], top: n[7], width: n[8], height: n[9],
			conf: conf, text: text,
		})
	}
	return words, nil
}
