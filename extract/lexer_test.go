package extract

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// renderOperands writes operands in a compact, unambiguous form.
func renderOperands(b *strings.Builder, lx *contentLexer, ops []operand) {
	for i, o := range ops {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch o.kind {
		case opNumber:
			fmt.Fprintf(b, "%g", o.num)
		case opString:
			fmt.Fprintf(b, "(%s)", lx.bytesOf(&o))
		case opName:
			fmt.Fprintf(b, "/%s", lx.bytesOf(&o))
		case opArray:
			b.WriteByte('[')
			renderOperands(b, lx, lx.arrayOf(&o))
			b.WriteByte(']')
		case opDict:
			b.WriteString("<<>>")
		case opBool:
			fmt.Fprintf(b, "%v", o.num == 1)
		case opNull:
			b.WriteString("null")
		}
	}
}

// lexAll runs a document's lexer over data and renders every operator
// with its operands, checking that operands of earlier operators are not
// needed (they are only valid until the next one).
func lexAll(d *Document, data string) string {
	lx := d.takeLexer([]byte(data))
	defer d.returnLexer(lx)
	var b strings.Builder
	for {
		op, ok := lx.next()
		if !ok {
			return b.String()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if len(lx.operands) > 0 {
			renderOperands(&b, lx, lx.operands)
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s;", op)
		if string(op) == "ID" {
			lx.skipInlineImage()
		}
	}
}

func TestContentLexer(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"numbers", "1 -2.5 .5 --3 5.- 0 0 cm", "1 -2.5 0.5 3 5 0 0 cm;"},
		{"TJ array", "[(A) -120 <0041> 3] TJ", "[(A) -120 (\x00A) 3] TJ;"},
		{"two top-level arrays", "[1 2] [3 [4 5] 6] 7 d", "[1 2] [3 [4 5] 6] 7 d;"},
		{"nested before and after", "[[1] 2 [3 [4]]] [5] x", "[[1] 2 [3 [4]]] [5] x;"},
		{"arrays over operators", "[1 2] 0 d [(a) 1 (b)] TJ [3] 1 d", "[1 2] 0 d; [(a) 1 (b)] TJ; [3] 1 d;"},
		{"unclosed array", "[(a) (b) TJ (c) Tj", "[(a) (b)] TJ; (c) Tj;"},
		{"strings", `(a\(b\)c\101\n) Tj <41 4 > Tj`, "(a(b)cA\n) Tj; (A@) Tj;"},
		{"names and keywords", "/F#31 12 Tf true false null /P <</MCID 0>> BDC", "/F1 12 Tf; true false null /P <<>> BDC;"},
		{"comment", "1 w % comment [ (\n2 w", "1 w; 2 w;"},
		{"inline image", "BI /W 2 /H 1 ID \x00(EI \xff EI Q", "BI; /W 2 /H 1 ID; Q;"},
	}
	d := &Document{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := lexAll(d, tc.in); got != tc.want {
				t.Errorf("lex %q\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
	// Nested runs (a form inside a page) take separate lexers.
	outer := d.takeLexer([]byte("[1 2] 0 d"))
	inner := d.takeLexer([]byte("[3 4] 1 d"))
	if outer == inner {
		t.Fatal("a nested stream got the lexer in use")
	}
	outer.next()
	inner.next()
	var b strings.Builder
	renderOperands(&b, outer, outer.operands)
	if b.String() != "[1 2] 0" {
		t.Errorf("outer operands after the inner stream = %q", b.String())
	}
}

// TestParseNumberScales checks parseNumber against the float loop it
// replaces (integer digits multiplied in float, the scale divided for every
// decimal), past 15 integer digits and past the end of the scale table.
func TestParseNumberScales(t *testing.T) {
	for _, in := range []string{"0.1", "-.5", "12.345678", "123456789012345.5", "1234567890123456789.25", "99999999999999999999999.9", "3.14159265358979323846264338", "0.000000000000000000000000123", "99.99999999999999999999999999999"} {
		b := []byte(in)
		got, ok := parseNumber(b)
		// Reference: the former loop, dividing the scale for every digit.
		neg, i, want := false, 0, 0.0
		if b[0] == '-' {
			neg, i = true, 1
		}
		for ; b[i] != '.'; i++ {
			want = want*10 + float64(b[i]-'0')
		}
		scale := 0.1
		for i++; i < len(b); i++ {
			want += float64(b[i]-'0') * scale
			scale /= 10
		}
		if neg {
			want = -want
		}
		if !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}
