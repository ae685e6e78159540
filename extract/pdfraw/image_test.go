package pdfraw

import (
	"bytes"
	"testing"
)

// TestPrepareKeepsImages checks that image streams keep their encoded data
// and filters while the content stream around them is decoded.
func TestPrepareKeepsImages(t *testing.T) {
	jpeg := []byte("\xff\xd8\xff\xe0fake-jpeg-bytes\xff\xd9")
	pixels := flateEncode(pngEncode(bytes.Repeat([]byte{1, 2, 3}, 16), 12, 3, []byte{4}))
	content := []byte("q 10 0 0 10 0 0 cm /Im1 Do Q q /Im2 Do Q\n")
	objs := pageObjects(streamBody("/Filter /ASCIIHexDecode", asciiHexEncode(content)))
	objs[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 6 0 R /Im2 7 0 R >> >> /Contents 4 0 R >>"
	objs = append(objs,
		streamBody("/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode", jpeg),
		streamBody("/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /Columns 4 >>", pixels))
	in := buildPDF("%PDF-1.4\n", objs, "/Root 1 0 R")
	info := checkPrepared(t, in, content)
	if !info.Rewritten {
		t.Fatal("ASCIIHex content must force a rewrite")
	}
	out, _, _ := Prepare(in)
	r := openLibrary(t, out)
	xobj := r.Page(1).V.Key("Resources").Key("XObject")
	for _, tc := range []struct {
		key, filter string
		raw         []byte
	}{{"Im1", "DCTDecode", jpeg}, {"Im2", "FlateDecode", pixels}} {
		img := xobj.Key(tc.key)
		if got := img.Key("Filter").Name(); got != tc.filter {
			t.Errorf("%s: /Filter %q, want %q", tc.key, got, tc.filter)
		}
		if int(img.Key("Length").Int64()) != len(tc.raw) || !bytes.Contains(out, tc.raw) {
			t.Errorf("%s: encoded data not kept (Length %d, want %d)", tc.key, img.Key("Length").Int64(), len(tc.raw))
		}
	}
	if xobj.Key("Im2").Key("DecodeParms").Key("Predictor").Int64() != 15 {
		t.Error("Im2 lost its /DecodeParms")
	}
}
