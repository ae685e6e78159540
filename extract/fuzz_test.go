package extract

import "testing"

// FuzzContentStream runs the interpreter over arbitrary content: it must
// never panic (Page would turn a panic into a lost page).
func FuzzContentStream(f *testing.F) {
	for _, seed := range []string{
		"BT /F1 10 Tf 100 700 Td (a\\(b\\)) Tj [(x) -100 <0041>] TJ ET",
		"q 1 0 0 1 5 5 cm 0 0 m 10 0 l 10 10 l h S Q Q Q f* B b*",
		"BI /W 1 /H 1 ID \x00\xff EI 10 10 100 1 re f",
		"BT /F2 12 Tf <000100020003> Tj 2 Tz 3 Ts 1 Tc 2 Tw (a b) ' 1 2 (c) \" ET",
		"[ [ ( << /A [1 2] >> BDC /Im Do /Fm Do %comment\n 1.5.3 -.5 --3 ] ] Tj",
	} {
		f.Add([]byte(seed))
	}
	fonts := synthFonts
	f.Fuzz(func(t *testing.T, content []byte) {
		doc, err := Load(synthPDF("", synthRes, "", fonts...))
		if err != nil {
			t.Fatal(err)
		}
		page := &Page{Number: 1, Width: 600, Height: 800}
		in := newInterp(doc, page, pageMatrix(0, 0, 600, 800, 0))
		in.run(content, newResources(doc.pages[0].resources))
	})
}
