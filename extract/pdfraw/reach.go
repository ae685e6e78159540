package pdfraw

// forEachRef calls fn for every indirect reference inside o (arrays,
// dictionaries and stream headers, bounded in depth), skipping the keys skip
// reports true for.
func forEachRef(o object, skip func(name) bool, fn func(ref), depth int) {
	if depth > MaxNesting {
		return
	}
	switch v := o.(type) {
	case ref:
		fn(v)
	case array:
		for _, x := range v {
			forEachRef(x, nil, fn, depth+1)
		}
	case *dict:
		for i, k := range v.keys {
			if skip != nil && skip(k) {
				continue
			}
			forEachRef(v.vals[i], nil, fn, depth+1)
		}
	case *stream:
		forEachRef(v.dict, nil, fn, depth+1)
	}
}

// reachable marks the objects reachable from the trailer's /Root and /Info,
// leaving out the catalog's /StructTreeRoot (the tag tree text extraction
// never reads).
func (d *document) reachable() map[uint32]bool {
	seen := map[uint32]bool{}
	var queue []uint32
	visit := func(r ref) {
		if !seen[r.num] {
			seen[r.num] = true
			queue = append(queue, r.num)
		}
	}
	rootNum := uint32(0)
	if r, ok := d.trailer.get("Root").(ref); ok {
		rootNum = r.num
	}
	skipTagTree := func(k name) bool { return k == "StructTreeRoot" }
	forEachRef(d.trailer, nil, visit, 0)
	for len(queue) > 0 {
		num := queue[0]
		queue = queue[1:]
		obj, ok := d.load(num)
		if !ok {
			continue
		}
		var skip func(name) bool
		if num == rootNum {
			skip = skipTagTree
		}
		forEachRef(obj, skip, visit, 0)
	}
	return seen
}
