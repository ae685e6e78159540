package batch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/juesuan/juesuan/schema"
)

// input is one path to convert, in the order the inputs named it.
type input struct {
	seq  int    // position in input order: decides which of several paths with the same bytes a report records
	path string // as found, for opening
	err  error  // set when the walk already knows it cannot be read (an unreadable folder, a broken link)
}

// fileKey identifies a folder across the names it is reached by.
type fileKey struct{ dev, ino uint64 }

// walker finds the inputs named by the command line: files as given,
// folders walked recursively for *.pdf (any case), symbolic links
// followed. Each folder is walked once, whatever the names it is reached
// by, so a link loop ends and the output is the same for any link layout.
// Hidden folders (below a folder given) and OUT are never walked.
type walker struct {
	ctx     context.Context
	emit    func(input) bool // false: stop
	warn    func(path, msg string)
	out     fileKey // OUT, by identity where the system has one
	outAbs  string  // and by name
	walked  map[fileKey]bool
	next    int
	stopped bool
}

func (w *walker) send(path string, err error) {
	if w.stopped || w.ctx.Err() != nil {
		w.stopped = true
		return
	}
	in := input{seq: w.next, path: path, err: err}
	w.next++
	if !w.emit(in) {
		w.stopped = true
	}
}

// walkInputs emits every input named by paths, in order ("-": a list of
// paths read from stdin, one per line). Inputs stream out as they are
// found, so a huge batch starts at once and memory does not grow with it.
// It returns an error only when the list on stdin could not be read.
func walkInputs(ctx context.Context, paths []string, stdin io.Reader, out string, emit func(input) bool, warn func(path, msg string)) error {
	w := &walker{ctx: ctx, emit: emit, warn: warn, walked: map[fileKey]bool{}}
	w.outAbs, _ = filepath.Abs(out)
	if info, err := os.Stat(out); err == nil {
		w.out, _ = keyOf(info)
	}
	for _, p := range paths {
		if p != "-" {
			w.top(p)
			continue
		}
		sc := bufio.NewScanner(stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() && !w.stopped {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				w.top(line)
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("reading paths from stdin: %w", err)
		}
	}
	return nil
}

// top handles a path named by the user: a folder is walked, anything else
// is an input, whatever its name or type (the worker refuses what is not a
// regular file, in a reports row).
func (w *walker) top(p string) {
	info, err := os.Stat(p)
	switch {
	case err != nil:
		w.send(p, err)
	case info.IsDir():
		w.dir(p, info)
	default:
		w.send(p, nil)
	}
}

func (w *walker) dir(dir string, info fs.FileInfo) {
	if abs, _ := filepath.Abs(dir); abs == w.outAbs {
		return
	}
	if key, ok := keyOf(info); ok {
		if key == w.out {
			return
		}
		if w.walked[key] {
			w.warn(dir, "folder already walked under another name (a symbolic link, or a loop): not walked again")
			return
		}
		w.walked[key] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		// Whatever the folder holds is not converted: say so in a row.
		w.send(dir, fmt.Errorf("cannot read folder: %w", err))
	}
	for _, e := range entries {
		if w.stopped {
			return
		}
		q := filepath.Join(dir, e.Name())
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			target, err := os.Stat(q)
			if err != nil {
				if isPDFName(e.Name()) {
					w.send(q, fmt.Errorf("broken symbolic link: %w", err))
				} else {
					w.warn(q, fmt.Sprintf("symbolic link not followed: %v", err))
				}
				continue
			}
			if target.IsDir() {
				if _, ok := keyOf(target); !ok {
					w.warn(q, "symbolic link to a folder not followed: loops cannot be told on this system")
				} else if !hidden(e.Name()) {
					w.dir(q, target)
				}
				continue
			}
			typ = target.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if !hidden(e.Name()) {
				sub, err := e.Info()
				if err != nil {
					w.send(q, fmt.Errorf("cannot read folder: %w", err))
					continue
				}
				w.dir(q, sub)
			}
		case isPDFName(e.Name()) && !schema.IsTemp(e.Name()):
			w.send(q, nil) // a FIFO or device named *.pdf too: it becomes a failed row
		}
	}
}

func isPDFName(name string) bool { return strings.EqualFold(filepath.Ext(name), ".pdf") }

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// errTooLarge is an input over --max-file-size.
var errTooLarge = errors.New("file too large")

// errNotRegular is an input that is not a regular file (a FIFO, device,
// socket): reading it could block for ever or never end.
var errNotRegular = errors.New("not a regular file")

// inputData is what was read of an input: its bytes, or, when they were
// not kept (refused), only their hash and why.
type inputData struct {
	data    []byte
	id      string // report ID: SHA-256 of the bytes
	size    int64
	refused error // the bytes cannot be converted: the failed report's error
}

// inputCheck is how an input is looked at before it is read whole.
type inputCheck struct {
	limit  int64                               // --max-file-size; 0: none
	memory int64                               // --max-memory; 0: none
	header func(head []byte, size int64) error // nil: none
}

// headSize is how much of a file checkHeader looks at.
const headSize = 1024

// readInput reads a regular file of at most limit bytes (0: no limit).
// Anything else is refused before it is opened for reading, and the read
// itself is bounded, so a file growing while it is read cannot exceed the
// limit either. A file whose first bytes c.header refuses, or larger than
// c.memory, is hashed through a small buffer and not kept: -j N inputs
// never hold more than N memory limits.
func readInput(path string, c inputCheck) (inputData, error) {
	info, err := os.Stat(path)
	if err != nil {
		return inputData{}, err
	}
	if err := regularWithin(info, c.limit); err != nil {
		return inputData{}, err
	}
	// O_NONBLOCK: were the file swapped for a FIFO since the check, opening
	// it must not wait for a writer; the check below then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return inputData{}, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return inputData{}, err
	}
	if err := regularWithin(info, c.limit); err != nil {
		return inputData{}, err
	}
	var r io.Reader = f
	if c.limit > 0 {
		r = io.LimitReader(f, c.limit+1)
	}
	head := make([]byte, min(info.Size(), headSize))
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return inputData{}, err
	}
	head = head[:n]
	in := inputData{size: info.Size()}
	if c.header != nil {
		in.refused = c.header(head, info.Size())
	}
	if in.refused == nil && c.memory > 0 && info.Size() > c.memory {
		in.refused = tooLargeForMemory(info.Size(), c.memory)
	}
	if in.refused != nil {
		h := sha256.New()
		h.Write(head)
		size := int64(len(head))
		buf := make([]byte, 256<<10)
		for {
			n, err := r.Read(buf)
			h.Write(buf[:n])
			if size += int64(n); size&(64<<20-1) < int64(n) {
				dropCache(f) // every 64 MB
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return inputData{}, err
			}
		}
		dropCache(f)
		in.id, in.size = hex.EncodeToString(h.Sum(nil)), size
		return in, tooLong(in.size, c.limit)
	}
	// The file's word for its size, bounded: it may grow while it is read.
	bound := info.Size()
	if c.limit > 0 {
		bound = min(bound, c.limit)
	}
	if c.memory > 0 {
		bound = min(bound, c.memory)
	}
	buf := bytes.NewBuffer(make([]byte, 0, int(min(bound, 1<<30))+bytes.MinRead))
	buf.Write(head)
	if c.memory > 0 {
		r = io.LimitReader(r, c.memory+1-int64(len(head)))
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return inputData{}, err
	}
	in.data, in.size = buf.Bytes(), int64(buf.Len())
	if err := tooLong(in.size, c.limit); err != nil {
		return inputData{}, err
	}
	if c.memory > 0 && in.size > c.memory {
		return inputData{}, fmt.Errorf("%w: it grew past the memory limit of %s while being read", errTooLarge, FormatSize(c.memory))
	}
	in.id = juesuan.ReportID(in.data)
	return in, nil
}

// tooLong is the error of a file that grew past limit while it was read.
func tooLong(size, limit int64) error {
	if limit > 0 && size > limit {
		return fmt.Errorf("%w: it grew past %s while being read", errTooLarge, FormatSize(limit))
	}
	return nil
}

// tooLargeForMemory is the failed report of a file larger than the memory
// budget of one conversion, which holds the file's bytes too.
func tooLargeForMemory(size, memory int64) error {
	return fmt.Errorf("the file is %s, more than the memory limit of one conversion (%s), which must hold its bytes: convert it with a larger --max-memory (the next run tries it again): %w",
		FormatSize(size), FormatSize(memory), pdfraw.ErrTooLarge)
}

func regularWithin(info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%w: %s", errNotRegular, describeType(info.Mode()))
	}
	if limit > 0 && info.Size() > limit {
		return fmt.Errorf("%w: %s, over the limit of %s", errTooLarge, FormatSize(info.Size()), FormatSize(limit))
	}
	return nil
}

func describeType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m.IsDir():
		return "a folder"
	default:
		return "not a regular file (" + m.Type().String() + ")"
	}
}

// readError puts an input that could not be read in words a user can act
// on. Every such error is retryable: the next run looks at the input again.
func readError(err error) error {
	switch {
	case errors.Is(err, errTooLarge):
		return fmt.Errorf("%w: %w; raise --max-file-size if it really is a report (the next run tries it again)", errCannotRead, err)
	case errors.Is(err, errNotRegular):
		return fmt.Errorf("%w: %w; juesuan reads regular files only, copy the report to a file first", errCannotRead, err)
	default:
		return fmt.Errorf("%w: %w", errCannotRead, err)
	}
}

// removeTemps deletes the temporary files in out. It runs holding OUT's
// lock, which every run writing OUT holds, so every temporary file found
// belongs to a run that was killed mid-write.
func removeTemps(out string) error {
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() && schema.IsTemp(d.Name()) {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("remove leftover temporary file: %w", err)
			}
		}
		return nil
	})
}
