package pdfraw

import (
	"bytes"
	"testing"

	"github.com/ledongthuc/pdf"
)

func TestRef(t *testing.T) {
	in := buildPDF("%PDF-1.4\n", pageObjects(streamBody("", []byte(helloContent))), "/Root 1 0 R")
	r := openLibrary(t, in)
	page := r.Page(1).V
	resources := page.Key("Resources") // direct: carries its container, page 3
	font := resources.Key("Font").Key("F1")
	cases := []struct {
		name   string
		v      pdf.Value
		wantID uint32
		wantOK bool
	}{
		{"page", page, 3, true},
		{"font through a reference", font, 5, true},
		{"direct dictionary reports its container", resources, 3, true},
		{"content stream", page.Key("Contents"), 4, true},
		{"catalog", r.Trailer().Key("Root"), 1, true},
		{"trailer", r.Trailer(), 0, false},
		{"zero value", pdf.Value{}, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id, gen, ok := Ref(tc.v)
			if id != tc.wantID || gen != 0 || ok != tc.wantOK {
				t.Errorf("Ref = %d %d %v, want %d 0 %v", id, gen, ok, tc.wantID, tc.wantOK)
			}
		})
	}
	// Generation numbers come through, also after a rewrite.
	in2 := bytes.Replace(in, []byte("5 0 obj"), []byte("5 2 obj"), 1)
	in2 = bytes.Replace(in2, []byte("/F1 5 0 R"), []byte("/F1 5 2 R"), 1)
	last := bytes.LastIndex(in2, []byte(" 00000 n"))
	copy(in2[last:], " 00002 n")
	for _, opts := range [][]Option{nil, {WithForceRewrite()}} {
		out, _, err := Prepare(in2, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if id, gen, ok := Ref(openLibrary(t, out).Page(1).V.Key("Resources").Key("Font").Key("F1")); id != 5 || gen != 2 || !ok {
			t.Errorf("font Ref %d %d %v, want 5 2 true", id, gen, ok)
		}
	}
}
