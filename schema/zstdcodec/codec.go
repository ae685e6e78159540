// Package zstdcodec is parquet-go's ZSTD codec with encoders and decoders
// that survive garbage collections: parquet-go keeps them in a sync.Pool,
// which every GC empties, and building an encoder (tables to allocate and
// clear, a history buffer of twice the window) cost more than compressing
// a report's pages. When the heap runs near its limit, as in a long
// compaction, GCs come every few hundred milliseconds and each one threw
// away 16 MB encoders that the next page built again.
package zstdcodec

import (
	"fmt"
	"runtime"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// Codec implements parquet-go's compress.Codec. Its free lists are
// bounded; it is safe for concurrent use.
type Codec struct {
	cfg      config
	encoders chan *zstd.Encoder
	decoders chan *zstd.Decoder
}

type config struct {
	level  zstd.EncoderLevel
	window int
	keep   int
}

// Option configures a Codec.
type Option func(*config)

// Level sets the compression level (zstd.SpeedDefault by default).
func Level(l zstd.EncoderLevel) Option { return func(c *config) { c.level = l } }

// Window sets the encoder's window in bytes, a power of two (zstd's
// default by default). A window larger than any page compresses no better
// and holds a larger history buffer.
func Window(n int) Option { return func(c *config) { c.window = n } }

// Keep bounds the encoders and decoders kept for reuse (GOMAXPROCS by
// default): one per goroutine compressing at once.
func Keep(n int) Option { return func(c *config) { c.keep = n } }

// New returns a codec.
func New(opts ...Option) *Codec {
	cfg := config{level: zstd.SpeedDefault, keep: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&cfg)
	}
	return &Codec{cfg: cfg, encoders: make(chan *zstd.Encoder, cfg.keep), decoders: make(chan *zstd.Decoder, cfg.keep)}
}

func (c *Codec) String() string { return "ZSTD" }

func (c *Codec) CompressionCodec() format.CompressionCodec { return format.Zstd }

func (c *Codec) Encode(dst, src []byte) ([]byte, error) {
	var e *zstd.Encoder
	select {
	case e = <-c.encoders:
	default:
		opts := []zstd.EOption{
			zstd.WithEncoderConcurrency(1),
			zstd.WithEncoderLevel(c.cfg.level),
			zstd.WithZeroFrames(true),
			// Each page's frame carries a checksum of its bytes, which
			// libzstd (DuckDB, Arrow) and this package's decoder check:
			// without it a bit flipped in a stored file decoded, in a
			// quarter of the cases, into other figures without an error
			// in DuckDB, which skips Parquet's page CRC32. 4 bytes a page.
			zstd.WithEncoderCRC(true),
		}
		if c.cfg.window > 0 {
			opts = append(opts, zstd.WithWindowSize(c.cfg.window))
		}
		var err error
		if e, err = zstd.NewWriter(nil, opts...); err != nil {
			return nil, fmt.Errorf("zstd encoder: %w", err)
		}
	}
	out := e.EncodeAll(src, dst[:0])
	select {
	case c.encoders <- e:
	default:
	}
	return out, nil
}

func (c *Codec) Decode(dst, src []byte) ([]byte, error) {
	var d *zstd.Decoder
	select {
	case d = <-c.decoders:
	default:
		var err error
		if d, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1)); err != nil {
			return nil, fmt.Errorf("zstd decoder: %w", err)
		}
	}
	out, err := d.DecodeAll(src, dst[:0])
	select {
	case c.decoders <- d:
	default:
	}
	return out, err
}
