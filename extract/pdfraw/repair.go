package pdfraw

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
)

// rebuild recreates the cross-reference data by scanning the whole file for
// "N G obj" definitions (the last definition of a number wins, as in an
// incremental update) and for trailer dictionaries.
func (d *document) rebuild() {
	d.entries = map[uint32]xrefEntry{}
	d.cache = map[uint32]object{}
	d.objstms = map[uint32]map[uint32]object{}
	oldTrailer := d.trailer
	d.trailer = &dict{}
	var objstms []uint32
	var trailers []*dict
	var encrypt ref
	data := d.data
	for i := 0; i < len(data); {
		d.tick()
		k := bytes.Index(data[i:], []byte("obj"))
		if k < 0 {
			break
		}
		at := i + k
		start, num, gen, ok := definitionStart(data, at)
		if !ok {
			i = at + 3
			continue
		}
		ind, err := readIndirect(data, start, nil, d.elements)
		if errors.Is(err, ErrNesting) {
			d.warn("object %d is unreadable: %v", num, err)
		}
		if err != nil || ind.num != num || ind.gen != gen || num == 0 {
			i = at + 3
			continue
		}
		d.entries[num] = xrefEntry{kind: entryOffset, gen: gen, offset: start}
		if dd, isDict := ind.obj.(*dict); isDict && dd.get("O") != nil && dd.get("U") != nil {
			if f, _ := dd.get("Filter").(name); f == "Standard" {
				encrypt = ref{num, gen} // the trailer naming it may be lost
			}
		}
		if s, isStream := ind.obj.(*stream); isStream {
			switch t, _ := s.dict.get("Type").(name); t {
			case "ObjStm":
				objstms = append(objstms, num)
			case "XRef":
				trailers = append(trailers, s.dict)
			}
		}
		if ind.end > at+3 {
			i = ind.end // skip the body: stream data may contain "obj"
		} else {
			i = at + 3
		}
	}
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("trailer"))
		if k < 0 {
			break
		}
		p := &parser{data: data, pos: i + k + len("trailer")}
		if t, err := p.object(); err == nil {
			if td, ok := t.(*dict); ok {
				trailers = append(trailers, td)
			}
		}
		i += k + len("trailer")
	}
	// The last trailer is the newest; older ones fill in missing keys.
	for i := len(trailers) - 1; i >= 0; i-- {
		d.mergeTrailer(trailers[i])
	}
	d.mergeTrailer(oldTrailer)
	if d.trailer.get("Encrypt") == nil && encrypt.num != 0 {
		d.trailer.set("Encrypt", encrypt)
	}
	d.trailer.del("Prev")
	d.trailer.del("XRefStm")
	d.pendingObjStms = objstms
}

// expandObjStms registers the objects of the object streams found by the
// scan (after decryption is set up: object streams are encrypted). A plain
// definition of the same number takes precedence.
func (d *document) expandObjStms() {
	for _, stm := range d.pendingObjStms {
		objs, err := d.objectStream(stm)
		if err != nil {
			d.warn("%v", err)
			continue
		}
		for num := range objs {
			if e, ok := d.entries[num]; !ok || e.kind == entryFree {
				d.entries[num] = xrefEntry{kind: entryCompressed, stm: stm}
			}
		}
	}
	d.pendingObjStms = nil
}

// definitionStart checks that the "obj" at i ends a "num gen obj" header and
// returns where that header starts.
func definitionStart(data []byte, i int) (start int, num uint32, gen uint16, ok bool) {
	if i+3 < len(data) && isRegular(data[i+3]) {
		return 0, 0, 0, false
	}
	j := i
	for j > 0 && isSpace(data[j-1]) {
		j--
	}
	g, j2, ok1 := digitsBefore(data, j)
	if !ok1 || j2 == j || j2 == 0 || !isSpace(data[j2-1]) {
		return 0, 0, 0, false
	}
	j = j2
	for j > 0 && isSpace(data[j-1]) {
		j--
	}
	n, j3, ok2 := digitsBefore(data, j)
	if !ok2 || j3 == j || (j3 > 0 && isRegular(data[j3-1])) || g > 65535 || n > 1<<31 {
		return 0, 0, 0, false
	}
	return j3, uint32(n), uint16(g), true
}

func digitsBefore(data []byte, end int) (int64, int, bool) {
	j := end
	for j > 0 && data[j-1] >= '0' && data[j-1] <= '9' && end-j < 10 {
		j--
	}
	if j == end {
		return 0, j, false
	}
	var v int64
	for _, c := range data[j:end] {
		v = v*10 + int64(c-'0')
	}
	return v, j, true
}

// findCatalog returns the newest object that looks like a document catalog.
func (d *document) findCatalog() (ref, bool) {
	best, found := ref{}, false
	bestOff := -1
	for num, e := range d.entries {
		o, ok := d.load(num)
		if !ok {
			continue
		}
		dd, isDict := o.(*dict)
		if !isDict {
			continue
		}
		if t, _ := dd.get("Type").(name); t != "Catalog" || dd.get("Pages") == nil {
			continue
		}
		off := e.offset
		if e.kind == entryCompressed {
			off = d.entries[e.stm].offset
		}
		if off > bestOff || off == bestOff && num > best.num {
			best, bestOff, found = ref{num, e.gen}, off, true
		}
	}
	return best, found
}

// synthesizeCatalog builds a new catalog and page tree from the /Type /Page
// objects that survived (a truncated file often loses its catalog and page
// tree root, which many producers write last). Pages keep the order of
// their definitions in the file. It returns the new catalog's reference.
func (d *document) synthesizeCatalog() (ref, bool) {
	type found struct {
		num uint32
		pos int
	}
	var pages []found
	var maxNum uint32
	for num, e := range d.entries {
		maxNum = max(maxNum, num)
		o, ok := d.load(num)
		if !ok {
			continue
		}
		pd, isDict := o.(*dict)
		if !isDict {
			continue
		}
		if t, _ := pd.get("Type").(name); t != "Page" {
			continue
		}
		pos := e.offset
		if e.kind == entryCompressed {
			pos = d.entries[e.stm].offset
		}
		pages = append(pages, found{num, pos})
	}
	if len(pages) == 0 {
		return ref{}, false
	}
	sort.Slice(pages, func(i, j int) bool {
		if pages[i].pos != pages[j].pos {
			return pages[i].pos < pages[j].pos
		}
		return pages[i].num < pages[j].num
	})
	rootNum, catNum := maxNum+1, maxNum+2
	kids := make(array, len(pages))
	var mediaBox object
	for i, p := range pages {
		kids[i] = ref{p.num, d.entries[p.num].gen}
		pd := d.cache[p.num].(*dict)
		if asDict(d.resolve(pd.get("Parent"))) == nil {
			pd.set("Parent", ref{num: rootNum}) // the lost root: inherit from the new one
		}
		if mediaBox == nil {
			if mb, ok := d.resolve(pd.get("MediaBox")).(array); ok && len(mb) == 4 {
				mediaBox = mb
			}
		}
	}
	if mediaBox == nil {
		mediaBox = array{number("0"), number("0"), number("595"), number("842")}
		d.warn("page tree rebuilt without a /MediaBox: A4 assumed")
	}
	root := &dict{}
	root.set("Type", name("Pages"))
	root.set("Kids", kids)
	root.set("Count", number(strconv.Itoa(len(kids))))
	root.set("MediaBox", mediaBox)
	cat := &dict{}
	cat.set("Type", name("Catalog"))
	cat.set("Pages", ref{num: rootNum})
	for num, o := range map[uint32]object{rootNum: root, catNum: cat} {
		d.entries[num] = xrefEntry{kind: entryOffset, offset: -1}
		d.cache[num] = o
	}
	d.warn("catalog and page tree lost: rebuilt from %d page objects in file order", len(pages))
	return ref{num: catNum}, true
}
