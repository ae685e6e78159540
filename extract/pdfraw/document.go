package pdfraw

import (
	"errors"
	"fmt"
)

type entryKind uint8

const (
	entryFree       entryKind = iota
	entryOffset               // a plain object at a byte offset
	entryCompressed           // an object inside an object stream
)

type xrefEntry struct {
	kind   entryKind
	gen    uint16
	offset int    // entryOffset
	stm    uint32 // entryCompressed: object number of the object stream
}

// document is the loaded object graph of one input file.
type document struct {
	ticks          int // steps of loops over the file's syntax, for tick
	data           []byte
	quota          *Quota
	entries        map[uint32]xrefEntry
	trailer        *dict
	cache          map[uint32]object
	loading        map[uint32]bool
	objstms        map[uint32]map[uint32]object // decoded object streams, by stream number
	crypt          *security
	encNum         uint32 // object number of the /Encrypt dictionary (never decrypted)
	info           *Info
	filters        map[string]bool
	warned         map[string]bool
	pendingObjStms []uint32 // object streams found by a rebuild scan
	current        uint32   // object being loaded, for error messages

	// Data of the streams write decoded, by output object, when the caller
	// wants them (nil otherwise); keptBytes bounds it by maxKeptDecoded.
	keptDecoded map[ObjectID][]byte
	keptBytes   int
}

func newDocument(data []byte, info *Info, quota *Quota) *document {
	return &document{
		data:    data,
		quota:   quota,
		entries: map[uint32]xrefEntry{},
		trailer: &dict{},
		cache:   map[uint32]object{},
		loading: map[uint32]bool{},
		objstms: map[uint32]map[uint32]object{},
		info:    info,
		filters: map[string]bool{},
		warned:  map[string]bool{},
	}
}

func (d *document) warn(format string, args ...interface{}) {
	msg := fmt.Sprintf(format, args...)
	if d.warned[msg] || len(d.warned) > 50 {
		return
	}
	d.warned[msg] = true
	d.info.Warnings = append(d.info.Warnings, msg)
}

// mergeTrailer copies into the document trailer the keys it lacks, so the
// newest section (merged first) wins.
func (d *document) mergeTrailer(t *dict) {
	if t == nil {
		return
	}
	for i, k := range t.keys {
		if d.trailer.get(k) == nil && t.vals[i] != nil {
			d.trailer.set(k, t.vals[i])
		}
	}
}

// resolve follows references (bounded) and returns the direct object.
func (d *document) resolve(o object) object {
	for i := 0; i < 32; i++ {
		r, ok := o.(ref)
		if !ok {
			return o
		}
		o, _ = d.load(r.num)
	}
	return nil
}

// load returns object num (decrypted), or ok=false if it is absent or unreadable.
func (d *document) load(num uint32) (object, bool) {
	if o, ok := d.cache[num]; ok {
		return o, true
	}
	e, ok := d.entries[num]
	if !ok || e.kind == entryFree {
		return nil, false
	}
	if d.loading[num] {
		return nil, false // a reference cycle through /Length or object streams
	}
	d.loading[num] = true
	defer delete(d.loading, num)
	d.current = num
	var obj object
	switch e.kind {
	case entryOffset:
		ind, err := readIndirect(d.data, e.offset, d.lengthOf, d.elements)
		if err != nil {
			d.warn("object %d: %v", num, err)
			return nil, false
		}
		if ind.num != num {
			d.warn("object %d: offset %d holds object %d", num, e.offset, ind.num)
			return nil, false
		}
		d.charge(objectCost(ind, e.offset))
		if ind.truncated {
			d.info.Truncated = true
			d.warn("object %d: stream cut short by the end of the file", num)
		}
		obj = ind.obj
		if d.crypt != nil && num != d.encNum {
			obj = d.crypt.decryptObject(obj, num, ind.gen)
		}
	case entryCompressed:
		objs, err := d.objectStream(e.stm)
		if err != nil {
			d.warn("object %d: %v", num, err)
			return nil, false
		}
		o, ok := objs[num]
		if !ok {
			d.warn("object %d: not found in object stream %d", num, e.stm)
			return nil, false
		}
		obj = o
	}
	d.cache[num] = obj
	return obj, true
}

// lengthOf resolves an indirect /Length while an object is being parsed.
func (d *document) lengthOf(r ref) (int64, bool) {
	o, ok := d.load(r.num)
	if !ok {
		return 0, false
	}
	return asInt(o)
}

var errNoObjStm = errors.New("not an object stream")

// objectStream decodes object stream num once and returns its objects by number.
func (d *document) objectStream(num uint32) (map[uint32]object, error) {
	if objs, ok := d.objstms[num]; ok {
		if objs == nil {
			return nil, fmt.Errorf("object stream %d is unreadable", num)
		}
		return objs, nil
	}
	d.objstms[num] = nil // marks "in progress / failed" so cycles end here
	o, ok := d.load(num)
	if !ok {
		return nil, fmt.Errorf("object stream %d is missing", num)
	}
	s, ok := o.(*stream)
	if !ok {
		return nil, fmt.Errorf("object %d: %w", num, errNoObjStm)
	}
	data, rest, _, err := d.decode(s)
	if Stopped(err) {
		panic(quotaStop{err})
	}
	if err != nil || len(rest.names) > 0 {
		if err == nil {
			err = fmt.Errorf("undecodable filter %v", rest.names)
		}
		return nil, fmt.Errorf("object stream %d: %w", num, err)
	}
	// Parsed objects take several times the bytes they are written in.
	d.charge(int64(len(data)) * parsedObjectWeight)
	objs := parseObjectStream(data, s.dict, d.tick, d.checkContext)
	d.objstms[num] = objs
	return objs, nil
}

// parseObjectStream reads the "num offset" header pairs and then each object.
// tick is called per object, checkContext every elementsPerCall elements
// (the stream's memory is charged before it is parsed).
func parseObjectStream(data []byte, hdr *dict, tick, checkContext func()) map[uint32]object {
	n, _ := asInt(hdr.get("N"))
	first, _ := asInt(hdr.get("First"))
	objs := map[uint32]object{}
	if first < 0 || first > int64(len(data)) {
		return objs
	}
	p := &parser{data: data[:first]}
	for i := int64(0); i < n; i++ {
		tick()
		p.skipSpace()
		num, ok1 := p.readUint()
		p.skipSpace()
		off, ok2 := p.readUint()
		if !ok1 || !ok2 {
			break
		}
		if int64(off) >= int64(len(data))-first {
			continue
		}
		op := &parser{data: data, pos: int(first + off), elements: checkContext}
		o, err := op.object()
		if err != nil {
			continue
		}
		if _, isKw := o.(keyword); isKw {
			o = nil
		}
		if _, dup := objs[uint32(num)]; !dup {
			objs[uint32(num)] = o
		}
	}
	return objs
}

// parsedObjectWeight is how many bytes of memory a byte of object syntax
// may become once parsed (an array of one-digit numbers: an interface
// value and a string header per two bytes).
const parsedObjectWeight = 8

// objectCost is what a parsed object is charged: its syntax weighted, plus
// a fixed cost that bounds the number of objects. A stream's data is not
// counted (it is a slice of the file, not a copy).
func objectCost(ind *indirect, off int) int64 {
	n := ind.end - off
	if s, ok := ind.obj.(*stream); ok {
		n -= len(s.raw)
	}
	return int64(max(n, 0))*parsedObjectWeight + 64
}

// markDamaged records that stream num of the output lost data.
func (d *document) markDamaged(num uint32, gen uint16, err error) {
	if d.info.Damaged == nil {
		d.info.Damaged = map[ObjectID]error{}
	}
	d.info.Damaged[ObjectID{Num: num, Gen: gen}] = err
}
