package hostile

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// A Variant is a damaged or hostile copy of a PDF.
type Variant struct {
	Name string // kind and position, e.g. "bomb-flate-flate", "flip-12"
	Data []byte
}

// Options bounds how many variants of each kind Variants makes.
type Options struct {
	BombSize  int64 // bytes each bomb decodes to
	Repeats   int   // how many times the /Kids repeat a page
	MaxFlips  int   // compressed streams damaged, one variant each
	Truncates []float64
}

// DefaultOptions are the sizes of the hostile batch: 2.4 GB bombs,
// a page listed 100,000 times, up to 50 flipped streams, 14 truncations.
var DefaultOptions = Options{
	BombSize:  2400 << 20,
	Repeats:   100_000,
	MaxFlips:  50,
	Truncates: []float64{0.02, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.999},
}

// Variants returns hostile copies of a PDF: the content stream of its
// first page and of its last (in file order) replaced by each bomb (an incremental update, so the rest of the
// file stays as it was), its page tree looping back on itself (directly
// and through a second node) and listing its last page o.Repeats more
// times, one byte flipped in the middle of each of up to o.MaxFlips Flate
// streams (spread over the file; images and font programs excepted), and
// the file cut at each fraction of o.Truncates. Kinds a file does not
// allow (no page content found, no page tree in plain text) are left out.
func Variants(pdf []byte, o Options) []Variant {
	var out []Variant
	if contents := contentRefs(pdf); len(contents) > 0 {
		targets := map[string]ref{"first": contents[0], "last": contents[len(contents)-1]}
		if len(contents) == 1 {
			delete(targets, "last")
		}
		for _, b := range Bombs(o.BombSize) {
			for _, where := range []string{"first", "last"} {
				if r, ok := targets[where]; ok {
					out = append(out, Variant{"bomb-" + b.Name + "-" + where, Update(pdf, map[ref]string{r: streamObject(b)}, nil)})
				}
			}
		}
	}
	out = append(out, treeVariants(pdf, o.Repeats)...)
	out = append(out, Flips(pdf, o.MaxFlips)...)
	for _, f := range o.Truncates {
		n := int(float64(len(pdf)) * f)
		out = append(out, Variant{fmt.Sprintf("truncate-%05.1f", 100*f), bytes.Clone(pdf[:n])})
	}
	return out
}

// ref is an indirect reference.
type ref struct{ num, gen int }

func (r ref) String() string { return fmt.Sprintf("%d %d R", r.num, r.gen) }

var (
	contentsRe = regexp.MustCompile(`/Contents\s*(\d+)\s+(\d+)\s+R`)
	pagesRe    = regexp.MustCompile(`/Pages\s*(\d+)\s+(\d+)\s+R`)
	rootRe     = regexp.MustCompile(`/Root\s*(\d+)\s+(\d+)\s+R`)
	sizeRe     = regexp.MustCompile(`/Size\s*(\d+)`)
	startxRe   = regexp.MustCompile(`startxref\s*(\d+)`)
	kidsRe     = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	refRe      = regexp.MustCompile(`(\d+)\s+(\d+)\s+R`)
)

func refOf(m [][]byte) ref {
	n, _ := strconv.Atoi(string(m[1]))
	g, _ := strconv.Atoi(string(m[2]))
	return ref{n, g}
}

// contentRefs lists the content streams pages refer to, in file order.
func contentRefs(pdf []byte) []ref {
	var refs []ref
	seen := map[ref]bool{}
	for _, m := range contentsRe.FindAllSubmatch(pdf, -1) {
		if r := refOf(m); !seen[r] {
			seen[r] = true
			refs = append(refs, r)
		}
	}
	return refs
}

// Update appends an incremental update to pdf that redefines the objects
// of replace and adds those of add (numbered from the file's /Size up),
// with a cross-reference section and a trailer whose /Prev is the file's
// last one.
func Update(pdf []byte, replace map[ref]string, add []string) []byte {
	root := lastMatch(rootRe, pdf)
	size := lastMatch(sizeRe, pdf)
	prev := lastMatch(startxRe, pdf)
	if root == nil || size == nil || prev == nil {
		return bytes.Clone(pdf)
	}
	n, _ := strconv.Atoi(string(size[1]))
	out := bytes.NewBuffer(append(bytes.Clone(pdf), '\n'))
	type entry struct{ off, gen int }
	entries := map[int]entry{}
	for r, body := range replace {
		entries[r.num] = entry{out.Len(), r.gen}
		fmt.Fprintf(out, "%d %d obj\n%s\nendobj\n", r.num, r.gen, body)
	}
	for i, body := range add {
		entries[n+i] = entry{out.Len(), 0}
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", n+i, body)
	}
	xref := out.Len()
	out.WriteString("xref\n")
	for num := 0; num < n+len(add); num++ {
		if e, ok := entries[num]; ok {
			fmt.Fprintf(out, "%d 1\n%010d %05d n\r\n", num, e.off, e.gen)
		}
	}
	fmt.Fprintf(out, "trailer\n<< /Size %d /Root %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		n+len(add), refOf(root), prev[1], xref)
	return out.Bytes()
}

func lastMatch(re *regexp.Regexp, b []byte) [][]byte {
	all := re.FindAllSubmatch(b, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// treeVariants loop the page tree's root back on itself, directly and
// through a new intermediate node, and list its last kid repeats more
// times. The root's dictionary must be written in plain text.
func treeVariants(pdf []byte, repeats int) []Variant {
	pages := lastMatch(pagesRe, pdf)
	if pages == nil {
		return nil
	}
	root := refOf(pages)
	body := objectBody(pdf, root)
	kids := kidsRe.FindSubmatchIndex(body)
	if kids == nil {
		return nil
	}
	list := body[kids[2]:kids[3]]
	last := lastMatch(refRe, list)
	if last == nil {
		return nil
	}
	withKids := func(extra string) string {
		return string(body[:kids[3]]) + " " + extra + string(body[kids[3]:])
	}
	size := lastMatch(sizeRe, pdf)
	n, _ := strconv.Atoi(string(size[1]))
	node := fmt.Sprintf("<< /Type /Pages /Parent %s /Kids [%s] /Count 1 >>", root, root)
	var rep bytes.Buffer
	for range repeats {
		rep.WriteString(refOf(last).String())
		rep.WriteByte(' ')
	}
	return []Variant{
		{"cycle-self", Update(pdf, map[ref]string{root: withKids(root.String())}, nil)},
		{"cycle-node", Update(pdf, map[ref]string{root: withKids(ref{n, 0}.String())}, []string{node})},
		{fmt.Sprintf("kids-repeat-%d", repeats), Update(pdf, map[ref]string{root: withKids(rep.String())}, nil)},
	}
}

// objectBody is the text between "N G obj" and "endobj" of the last
// definition of r in plain text, or nil.
func objectBody(pdf []byte, r ref) []byte {
	re := regexp.MustCompile(fmt.Sprintf(`(?s)(?:^|[^0-9])%d\s+%d\s+obj(.*?)endobj`, r.num, r.gen))
	m := lastMatch(re, pdf)
	if m == nil {
		return nil
	}
	return bytes.TrimSpace(m[1])
}

var streamRe = regexp.MustCompile(`stream\r?\n`)

// Flips returns copies of pdf with one byte inverted in the middle of a
// Flate stream, for up to max streams spread evenly over the file. Images
// and embedded font programs are skipped (text extraction never decodes
// them).
func Flips(pdf []byte, max int) []Variant {
	var spans [][2]int
	for _, loc := range streamRe.FindAllIndex(pdf, -1) {
		if loc[0] > 3 && bytes.HasSuffix(pdf[:loc[0]], []byte("end")) {
			continue // "endstream"
		}
		start := loc[1]
		end := bytes.Index(pdf[start:], []byte("endstream"))
		if end < 16 {
			continue
		}
		dictStart := bytes.LastIndex(pdf[:loc[0]], []byte("obj"))
		if dictStart < 0 {
			continue
		}
		dict := pdf[dictStart:loc[0]]
		if !bytes.Contains(dict, []byte("FlateDecode")) || bytes.Contains(dict, []byte("/Image")) ||
			bytes.Contains(dict, []byte("/Length1")) || bytes.Contains(dict, []byte("/Subtype/Type1C")) ||
			bytes.Contains(dict, []byte("/Subtype /Type1C")) || bytes.Contains(dict, []byte("CIDFontType0C")) ||
			bytes.Contains(dict, []byte("/OpenType")) {
			continue
		}
		spans = append(spans, [2]int{start, start + end})
	}
	var out []Variant
	step := 1.0
	if len(spans) > max {
		step = float64(len(spans)) / float64(max)
	}
	for f := 0.0; int(f) < len(spans) && len(out) < max; f += step {
		i := int(f)
		s := spans[i]
		b := bytes.Clone(pdf)
		b[(s[0]+s[1])/2] ^= 0xff
		out = append(out, Variant{fmt.Sprintf("flip-%03d", i), b})
	}
	return out
}
