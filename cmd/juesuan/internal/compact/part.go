package compact

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
)

// partFile is a part being written under its temporary name.
type partFile struct {
	f    *os.File
	buf  *bufio.Writer
	part Part
}

// createPart starts a part in dir under a temporary name readers skip
// (they read *.parquet).
func createPart(dir string) (*partFile, error) {
	name, err := partName()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create part in %s: %w", dir, err)
	}
	return &partFile{f: f, buf: bufio.NewWriterSize(f, 1<<20), part: Part{Temp: f.Name(), Name: name}}, nil
}

// finish closes w, the Parquet writer over p.buf, then writes out, syncs
// and closes the file. On an error the file is removed.
func (p *partFile) finish(w io.Closer) error {
	err := w.Close()
	if err == nil {
		err = p.buf.Flush()
	}
	if err == nil {
		err = p.f.Chmod(0o644) // as the per-report files; CreateTemp made it 0600
	}
	if err == nil {
		err = p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p.f.Name())
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == p.f.Name() {
			err = pe.Err // named once
		}
		return fmt.Errorf("write part %s: %w", p.f.Name(), err)
	}
	return nil
}

// discard closes and removes a part being written.
func (p *partFile) discard() {
	p.f.Close()
	os.Remove(p.f.Name())
}

// writerOptions are the Parquet settings of every part.
func (c config) writerOptions() []parquet.WriterOption {
	opts := []parquet.WriterOption{
		parquet.Compression(codec),
		// Page v1 like the per-report files: the most widely readable.
		parquet.DataPageVersion(1),
		parquet.CreatedBy(c.createdBy, "", ""),
		parquet.MaxRowsPerRowGroup(c.rowGroupRows),
		// Nearly every text column repeats across the reports of a part
		// (department, table_id, item, column_key, report_id itself).
		parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.RLEDictionary),
		parquet.DictionaryMaxBytes(c.dictMaxBytes),
		// Min/max per page are in the page index (column and offset
		// indexes, always written), where readers look for them; repeating
		// them in every page header cost a sixth of the merge.
		parquet.DataPageStatistics(false),
		parquet.PageBufferSize(pageBytes),
	}
	for k, v := range c.metadata {
		opts = append(opts, parquet.KeyValueMetadata(k, v))
	}
	return opts
}

// pageBytes is the size of a part's data pages before compression: 1 MB
// rather than parquet-go's 256 KiB. DuckDB's GROUP BY fiscal_year,
// left(code, 3) over 100,000 reports' line items took 8 % less CPU
// (headers, levels and a decompression per page) and the files 5 % less
// space. Faster codecs for the amounts were measured too (bench/README.md).
const pageBytes = 1 << 20

// withCodec is s with every column compressed by codec. A schema read
// from a file names the file's codec on each of its columns, and the
// writer prefers that to parquet.Compression: parts merged from files
// were compressed by parquet-go's own zstd codec, whose encoders a GC
// throws away (zstdcodec's reason to be) and whose 8 MB window gives each
// a 16 MB history to allocate and clear again.
func withCodec(s *parquet.Schema) *parquet.Schema {
	return parquet.NewSchema(s.Name(), codecGroup{s})
}

type codecGroup struct{ parquet.Node }

func (g codecGroup) Fields() []parquet.Field { return codecFields(g.Node.Fields()) }

type codecField struct{ parquet.Field }

func (f codecField) Compression() compress.Codec { return codec }
func (f codecField) Fields() []parquet.Field     { return codecFields(f.Field.Fields()) }

func codecFields(fields []parquet.Field) []parquet.Field {
	out := make([]parquet.Field, len(fields))
	for i, f := range fields {
		out[i] = codecField{f}
	}
	return out
}
