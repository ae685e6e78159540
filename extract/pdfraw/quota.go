package pdfraw

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
)

// DefaultQuota is the memory quota of one document when the caller sets
// none: 512 MB. The real reports decode to 1-30 MB; a file that needs more
// is all but certainly damaged or a decompression bomb.
const DefaultQuota = 512 << 20

// ErrTooLarge is wrapped by the error of a document that exceeds its
// Quota. Such a file may convert with a larger quota (it is not
// deterministic damage like ErrNotPDF): match it with errors.Is.
var ErrTooLarge = errors.New("memory quota exceeded")

// A Quota is what reading one document may use: a number of bytes, and
// the time its context leaves. Every decoder charges the bytes it
// produces before it keeps them (a filter chain is charged for each of its
// layers), the object parser charges what it builds, and extraction
// charges its pages and glyphs; past the limit the work stops with an
// error wrapping ErrTooLarge, and once the context is done with the
// context's error. The limit is on everything charged over the
// document's life, not on what is live at one moment, so the memory a
// document holds never exceeds it (by more than small unmetered
// structures). A Quota is safe for concurrent use; give each document
// its own.
type Quota struct {
	ctx   context.Context
	limit int64
	used  atomic.Int64
}

// NewQuota returns a quota of limit bytes (DefaultQuota when limit <= 0)
// that ends when ctx is done.
func NewQuota(ctx context.Context, limit int64) *Quota {
	if limit <= 0 {
		limit = DefaultQuota
	}
	if ctx == nil {
		ctx = context.Background()
	}
	return &Quota{ctx: ctx, limit: limit}
}

// Limit is the quota's size in bytes.
func (b *Quota) Limit() int64 { return b.limit }

// Used is what has been charged so far.
func (b *Quota) Used() int64 { return b.used.Load() }

// Remaining is what may still be charged.
func (b *Quota) Remaining() int64 { return max(b.limit-b.used.Load(), 0) }

// Err is the context's error once it is done, else nil.
func (b *Quota) Err() error { return b.ctx.Err() }

// Charge accounts for n more bytes. It fails when the context is done or
// the total exceeds the limit; callers stop and return the error.
func (b *Quota) Charge(n int64) error {
	if err := b.ctx.Err(); err != nil {
		return err
	}
	if b.used.Add(n) > b.limit {
		return b.exceeded()
	}
	return nil
}

func (b *Quota) exceeded() error {
	return fmt.Errorf("the PDF expands to more than %d MB when decompressed; it is probably damaged or hostile: %w",
		b.limit>>20, ErrTooLarge)
}

// Stopped reports whether err ends a document's work: its quota spent
// (ErrTooLarge) or its context done. Such an error is never damage of one
// stream: callers return it instead of going on with the next.
func Stopped(err error) bool {
	return errors.Is(err, ErrTooLarge) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// ReadAll reads r to its end, charging the memory it takes before taking
// it: a decompression bomb stops at the limit, having held no more than
// the quota. Data is read into a pooled scratch buffer and, past it, into
// chunks of growing size, each charged before it is allocated (never
// larger than the quota left), then copied once into a slice of its
// exact size, charged too: a buffer grown by doubling would hold three
// times its data while it is copied. On an error other than the quota's
// it returns what was read with the error (a damaged stream's readable
// prefix). hint sizes the first chunk.
func (b *Quota) ReadAll(r io.Reader, hint int) ([]byte, error) {
	bp := scratchBuffers.Get().(*[]byte)
	defer scratchBuffers.Put(bp)
	scratch := (*bp)[:0]
	chunks := [][]byte{scratch}
	total := 0
	cur := &chunks[0]
	var err error
	for {
		if len(*cur) == cap(*cur) {
			size := int64(max(total, hint, 64<<10))
			size = min(size, b.Remaining()+1, maxChunk)
			if cerr := b.Charge(size); cerr != nil {
				return nil, cerr
			}
			chunks = append(chunks, make([]byte, 0, size))
			cur = &chunks[len(chunks)-1]
		}
		var n int
		n, err = r.Read((*cur)[len(*cur):cap(*cur)])
		*cur = (*cur)[:len(*cur)+n]
		total += n
		if cerr := b.Err(); cerr != nil {
			return nil, cerr
		}
		if err != nil {
			break
		}
	}
	if cerr := b.Charge(int64(total)); cerr != nil {
		return nil, cerr
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	if err == io.EOF {
		err = nil
	}
	return out, err
}

// maxChunk bounds one chunk of ReadAll: a large stream is read in several.
const maxChunk = 64 << 20

// Drain reads r to its end and drops the data, charging it as ReadAll does.
func (b *Quota) Drain(r io.Reader) error {
	var chunk [32 << 10]byte
	for {
		n, err := r.Read(chunk[:])
		if cerr := b.Charge(int64(n)); cerr != nil {
			return cerr
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// quotaStop carries a quota error out of deep recursion (object parsing,
// page-tree walks) as a panic; Prepare's recover returns the error.
type quotaStop struct{ err error }

// charge charges n bytes or stops the document's work.
func (d *document) charge(n int64) {
	if err := d.quota.Charge(n); err != nil {
		panic(quotaStop{err})
	}
}

// tick counts one step of a loop over the file's syntax (cross-reference
// entries, objects scanned for or checked, objects of an object stream)
// and reads the context every 4,096 steps: a file of millions of tiny
// objects or entries is seconds of work that no decoded chunk interrupts.
func (d *document) tick() {
	if d.ticks++; d.ticks&4095 == 0 {
		d.checkContext()
	}
}

// elementCost is what a parsed array element or dictionary entry is
// charged while its object is parsed (an interface value and its boxed
// number or name); objectCost charges the whole object again once parsed.
const elementCost = 64

// elements charges elementsPerCall parsed elements and reads the context:
// the parser's elements func.
func (d *document) elements() {
	d.charge(elementsPerCall * elementCost)
	d.checkContext()
}

// checkContext stops the document's work once its context is done.
func (d *document) checkContext() {
	if err := d.quota.Err(); err != nil {
		panic(quotaStop{err})
	}
}

// stoppedBy returns the quota error a recovered panic carries, if it is one.
func stoppedBy(r any) (error, bool) {
	if s, ok := r.(quotaStop); ok {
		return s.err, true
	}
	return nil, false
}
