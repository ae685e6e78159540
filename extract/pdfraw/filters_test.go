package pdfraw

import (
	"bytes"
	"context"
	"encoding/ascii85"
	"errors"
	"fmt"
	"slices"
	"testing"
)

func ascii85Encode(data []byte) []byte {
	out := make([]byte, ascii85.MaxEncodedLen(len(data)))
	n := ascii85.Encode(out, data)
	return append(out[:n], "~>"...)
}

// TestPrepareFilters builds one-page files whose content stream uses each
// filter and predictor, and checks the library reads the decoded content.
func TestPrepareFilters(t *testing.T) {
	long := longContent()
	hello := []byte(helloContent)
	// Rows of 9 bytes = 3 colours x 8 bits x 3 columns; 16-bit: 2 colours x 3 columns.
	cases := []struct {
		name          string
		dict          string
		data          []byte
		want          []byte
		wantRewritten bool
		wantFilters   []string
	}{
		{"none", "", hello, hello, false, nil},
		{"flate", "/Filter /FlateDecode", flateEncode(long), long, false, nil},
		{"ascii85 unchanged", "/Filter /ASCII85Decode", ascii85Encode(long), long, false, nil},
		{"asciihex", "/Filter /ASCIIHexDecode", asciiHexEncode(long), long, true, []string{"ASCIIHexDecode"}},
		{"asciihex abbreviated", "/Filter /AHx", asciiHexEncode(hello), hello, true, []string{"ASCIIHexDecode"}},
		{"asciihex odd digits", "/Filter /ASCIIHexDecode", []byte("48656c6c6f2>"), []byte("Hello "), true, []string{"ASCIIHexDecode"}},
		{"runlength", "/Filter /RunLengthDecode", runLengthEncode(append(bytes.Repeat([]byte(" "), 300), long...)), append(bytes.Repeat([]byte(" "), 300), long...), true, []string{"RunLengthDecode"}},
		{"lzw early change", "/Filter /LZWDecode", lzwEncode(long, true), long, true, []string{"LZWDecode"}},
		{"lzw no early change", "/Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>", lzwEncode(long, false), long, true, []string{"LZWDecode"}},
		{"lzw short", "/Filter /LZWDecode", lzwEncode(hello, true), hello, true, []string{"LZWDecode"}},
		{"chain hex+flate", "/Filter [/ASCIIHexDecode /FlateDecode]", asciiHexEncode(flateEncode(long)), long, true, []string{"ASCIIHexDecode", "FlateDecode"}},
		{"chain a85+lzw", "/Filter [/A85 /LZW]", ascii85Encode(lzwEncode(long, true)), long, true, []string{"ASCII85Decode", "LZWDecode"}},
		{"flate truncated", "/Filter /FlateDecode", flateEncode(long)[:len(flateEncode(long))*2/3], nil, true, []string{"FlateDecode"}},
	}
	for _, typ := range []byte{0, 1, 2, 3, 4} {
		cases = append(cases, struct {
			name          string
			dict          string
			data          []byte
			want          []byte
			wantRewritten bool
			wantFilters   []string
		}{fmt.Sprintf("png predictor type %d", typ), "/Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /Columns 3 >>",
			flateEncode(pngEncode(long, 9, 3, []byte{typ})), long, true, []string{"FlateDecode"}})
	}
	cases = append(cases, []struct {
		name          string
		dict          string
		data          []byte
		want          []byte
		wantRewritten bool
		wantFilters   []string
	}{
		{"png predictor mixed rows", "/Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /Columns 3 >>",
			flateEncode(pngEncode(long, 9, 3, []byte{0, 1, 2, 3, 4, 4, 2})), long, true, []string{"FlateDecode"}},
		{"png predictor 12 up", "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 5 >>",
			flateEncode(pngEncode(long, 5, 1, []byte{2})), long, true, []string{"FlateDecode"}},
		{"png predictor 16-bit", "/Filter /FlateDecode /DecodeParms << /Predictor 14 /Colors 2 /BitsPerComponent 16 /Columns 3 >>",
			flateEncode(pngEncode(long, 12, 4, []byte{4, 3})), long, true, []string{"FlateDecode"}},
		{"png predictor on lzw", "/Filter /LZWDecode /DecodeParms << /Predictor 11 /Columns 7 >>",
			lzwEncode(pngEncode(long, 7, 1, []byte{1}), true), long, true, []string{"LZWDecode"}},
		{"tiff predictor 8-bit", "/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 3 /Columns 3 >>",
			flateEncode(tiffEncode(long, 9, 3, 8)), long, true, []string{"FlateDecode"}},
		{"tiff predictor 16-bit", "/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 2 /BitsPerComponent 16 /Columns 3 >>",
			flateEncode(tiffEncode(long, 12, 2, 16)), long, true, []string{"FlateDecode"}},
		{"tiff predictor 4-bit", "/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 1 /BitsPerComponent 4 /Columns 10 >>",
			flateEncode(tiffEncode(long, 5, 1, 4)), long, true, []string{"FlateDecode"}},
	}...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := buildPDF("%PDF-1.4\n", pageObjects(streamBody(tc.dict, tc.data)), "/Root 1 0 R")
			want := tc.want
			if want == nil { // damaged data: a prefix of the content
				want = long
			}
			out, info, err := Prepare(in)
			if err != nil {
				t.Fatalf("Prepare: %v", err)
			}
			if info.Rewritten != tc.wantRewritten {
				t.Errorf("Rewritten = %v, want %v", info.Rewritten, tc.wantRewritten)
			}
			if !slices.Equal(info.Filters, tc.wantFilters) {
				t.Errorf("Filters = %v, want %v", info.Filters, tc.wantFilters)
			}
			r := openLibrary(t, out)
			got := pageContent(t, r, 1)
			walkAll(t, r)
			if tc.want == nil {
				if len(got) < 1000 || !bytes.HasPrefix(want, got) {
					t.Errorf("truncated flate: got %d bytes, want a prefix of the content of 1000+", len(got))
				}
				if len(info.Warnings) == 0 {
					t.Error("no warning about the damaged stream")
				}
				return
			}
			if !bytes.Equal(got, want) {
				t.Errorf("content:\n got %q\nwant %q", trunc(got), trunc(want))
			}
		})
	}
}

func TestDecodersDirect(t *testing.T) {
	// ASCII85 edge cases: 'z', partial final group, white space, <~ prefix.
	for _, tc := range []struct{ in, want string }{
		{"<~87cURD]i,\"Ebo80~>", "Hello World!"},
		{"z~>", "\x00\x00\x00\x00"},
		{"87c URD\n]i,\"Ebo8 0~>", "Hello World!"},
		{"87cURD]i,\"Ebo80", "Hello World!"},
	} {
		if got, _ := ascii85Decode([]byte(tc.in), testQuota()); string(got) != tc.want {
			t.Errorf("ascii85Decode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// A flate stream with a corrupted checksum keeps all its data.
	enc := flateEncode([]byte(helloContent))
	enc[len(enc)-1] ^= 0xff
	got, err := inflate(enc, testQuota())
	if string(got) != helloContent || err == nil {
		t.Errorf("bad checksum: got %q, %v", got, err)
	}
	// Raw deflate without a zlib header decodes too.
	got, err = inflate(flateEncode([]byte(helloContent))[2:], testQuota())
	if string(got) != helloContent || err != nil {
		t.Errorf("raw deflate: got %q, %v", got, err)
	}
	// A damaged zlib header over good deflate data.
	enc = flateEncode([]byte(helloContent))
	enc[0], enc[1] = 0, 0
	got, err = inflate(enc, testQuota())
	if string(got) != helloContent || err != nil {
		t.Errorf("damaged header: got %q, %v", got, err)
	}
	// The quota turns a bomb into ErrTooLarge.
	if _, err := inflate(flateEncode(make([]byte, 1<<20)), NewQuota(context.Background(), 1000)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("bomb: err = %v, want ErrTooLarge", err)
	}
}

func testQuota() *Quota { return NewQuota(context.Background(), 1<<20) }
