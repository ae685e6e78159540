package pdfraw

import "strconv"

// The in-memory object model. It is deliberately small: the rewriter only
// needs to read objects, decrypt their strings and write them back.
type (
	object    interface{} // nil (null), bool, name, pdfString, number, keyword, ref, array, *dict, *stream
	name      string      // without the leading slash, #xx escapes resolved
	pdfString []byte      // decoded bytes (escapes resolved, decrypted once loaded)
	number    string      // original token text, kept for faithful output
	keyword   string      // a bare word that is not true/false/null (invalid inside objects)
	array     []object
)

type ref struct {
	num uint32
	gen uint16
}

// dict keeps keys in file order so output is deterministic and close to the input.
type dict struct {
	keys []name
	vals []object
}

// stream is a stream object; raw is the bytes between "stream" and "endstream"
// as stored (still encoded, possibly encrypted until the loader decrypts it).
type stream struct {
	dict *dict
	raw  []byte
}

func (d *dict) get(k name) object {
	if d == nil {
		return nil
	}
	// Last duplicate wins, like most readers.
	for i := len(d.keys) - 1; i >= 0; i-- {
		if d.keys[i] == k {
			return d.vals[i]
		}
	}
	return nil
}

// duplicates marks the entries overridden by a later one with the same key
// (nil when there are none, the common case).
func (d *dict) duplicates() []bool {
	var dups []bool
	if len(d.keys) <= 16 {
		for i := range d.keys {
			for j := i + 1; j < len(d.keys); j++ {
				if d.keys[i] == d.keys[j] {
					if dups == nil {
						dups = make([]bool, len(d.keys))
					}
					dups[i] = true
					break
				}
			}
		}
		return dups
	}
	seen := make(map[name]bool, len(d.keys))
	for i := len(d.keys) - 1; i >= 0; i-- {
		if seen[d.keys[i]] {
			if dups == nil {
				dups = make([]bool, len(d.keys))
			}
			dups[i] = true
		}
		seen[d.keys[i]] = true
	}
	return dups
}

func (d *dict) set(k name, v object) {
	for i := len(d.keys) - 1; i >= 0; i-- {
		if d.keys[i] == k {
			d.vals[i] = v
			return
		}
	}
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
}

func (d *dict) del(k name) {
	for i := 0; i < len(d.keys); i++ {
		if d.keys[i] == k {
			d.keys = append(d.keys[:i], d.keys[i+1:]...)
			d.vals = append(d.vals[:i], d.vals[i+1:]...)
			i--
		}
	}
}

// int64Value reads an integer number token (reals are truncated).
func (n number) int64Value() (int64, bool) {
	if v, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return v, true
	}
	f, ok := n.floatValue()
	if !ok {
		return 0, false
	}
	return int64(f), true
}

// floatValue parses a number leniently ("--5", "1.2.3" and similar junk
// producers write are read as far as they make sense).
func (n number) floatValue() (float64, bool) {
	s := string(n)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	neg := false
	i := 0
	for i < len(s) && (s[i] == '+' || s[i] == '-') {
		if s[i] == '-' {
			neg = !neg
		}
		i++
	}
	j := i
	dot := false
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' && !dot) {
		if s[j] == '.' {
			dot = true
		}
		j++
	}
	if j == i {
		return 0, false
	}
	f, err := strconv.ParseFloat(s[i:j], 64)
	if err != nil {
		if s[i:j] == "." {
			return 0, true
		}
		return 0, false
	}
	if neg {
		f = -f
	}
	return f, true
}

// asInt returns the integer value of a direct number object.
func asInt(o object) (int64, bool) {
	if n, ok := o.(number); ok {
		return n.int64Value()
	}
	return 0, false
}

func asName(o object) (name, bool) {
	n, ok := o.(name)
	return n, ok
}

func asDict(o object) *dict {
	switch v := o.(type) {
	case *dict:
		return v
	case *stream:
		return v.dict
	}
	return nil
}
