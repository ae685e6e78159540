package hostile

import (
	"bytes"
	"testing"
)

func TestShowOpsAndDamage(t *testing.T) {
	data := []byte("BT /F1 10 Tf 100 700 Td (A\\)) Tj 1 0 0 1 150 700 Tm [(B) -2 <0043>] TJ ET\nBT 160 700 Td (D) Tj ET")
	ops := ShowOps(data)
	if len(ops) != 3 {
		t.Fatalf("%d operators, want 3: %+v", len(ops), ops)
	}
	for i, want := range []struct {
		text string
		x    float64
	}{{"(A\\)) Tj", 100}, {"[(B) -2 <0043>] TJ", 150}, {"(D) Tj", 160}} {
		if got := string(data[ops[i].Start:ops[i].End]); got != want.text || ops[i].X != want.x || ops[i].Y != 700 {
			t.Errorf("op %d: %q at %v,%v; want %q at %v,700", i, got, ops[i].X, ops[i].Y, want.text, want.x)
		}
	}
	if got := DamageOp(data, ops, ops[0], DamageSep); !bytes.Contains(got, []byte("(A\\))\xa0Tj")) {
		t.Errorf("textsep: %q", got)
	}
	if got := DamageOp(data, ops, ops[1], DamageDrop); bytes.Contains(got, []byte("TJ")) || !bytes.Contains(got, []byte("Tm  ET")) {
		t.Errorf("textdrop: %q", got)
	}
	if got := DamageOp(data, ops, ops[1], DamageShift); !bytes.Contains(got, []byte("1 0 0 1 162.000 700 Tm")) || !bytes.Contains(got, []byte("172.000 700 Td")) || !bytes.Contains(got, []byte("100 700 Td")) {
		t.Errorf("textshift moves the runs within 20 pt of x=150 only: %q", got)
	}
	if got := DamageOp(data, ops, ops[2], DamageFlip); bytes.Equal(got, data) || len(got) != len(data) {
		t.Errorf("textflip: %q", got)
	}
}

func TestTextDamagesRoundTrip(t *testing.T) {
	var content bytes.Buffer
	for i := range 50 {
		content.WriteString("BT /F1 10 Tf ")
		content.WriteString("100 ")
		content.WriteString(string(rune('0' + i%10)))
		content.WriteString("00 Td (12.50) Tj ET\n")
	}
	pdf := OnePage(Stream{Name: "page", Filter: "/Filter /FlateDecode", Data: Flate(content.Bytes())})
	vs := TextDamages(pdf, 4)
	if len(vs) != 12 {
		t.Fatalf("%d variants, want 4 kinds × 3 places", len(vs))
	}
	for _, v := range vs {
		cs := Contents(v.Data)
		if len(cs) != 1 || bytes.Equal(cs[0].Data, content.Bytes()) {
			t.Errorf("%s: the updated content stream is not read back damaged", v.Name)
		}
	}
}
