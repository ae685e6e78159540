package schema

import (
	"reflect"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/juesuan/juesuan/internal/textenc"
)

// Every string column is valid UTF-8: Parquet requires it, and DuckDB
// refuses a whole glob ("Invalid string encoding") over one bad value.
// Text from a PDF (a font or XObject name of GBK bytes in an error, a
// producer's label) or a file system reaches the rows from many places;
// Encode makes each string valid on the way out, where nothing can be
// missed (textenc.Valid: GB18030 decoded, any other byte \xNN).

// stringFields are the byte offsets of a row type's string and *string
// fields: found once per type by reflection, then read directly, so that
// the check costs a utf8.ValidString per value and nothing more.
type stringFields struct {
	size        uintptr
	plain, ptrs []uintptr
}

var stringFieldsOf sync.Map // reflect.Type → *stringFields

func fieldsOf(t reflect.Type) *stringFields {
	if f, ok := stringFieldsOf.Load(t); ok {
		return f.(*stringFields)
	}
	f := &stringFields{size: t.Size()}
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			sf := t.Field(i)
			switch {
			case sf.Type.Kind() == reflect.String:
				f.plain = append(f.plain, sf.Offset)
			case sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.String:
				f.ptrs = append(f.ptrs, sf.Offset)
			}
		}
	}
	stringFieldsOf.Store(t, f)
	return f
}

// validStrings makes every string field of rows valid UTF-8, in place. A
// *string field that is not gets a new pointer: the old one may be shared
// with other rows or the caller.
func validStrings[T any](rows []T) {
	if len(rows) == 0 {
		return
	}
	f := fieldsOf(reflect.TypeFor[T]())
	if len(f.plain) == 0 && len(f.ptrs) == 0 {
		return
	}
	// Most columns repeat one string through a report's rows (its ID, the
	// department, a table's title, a unit): a value whose bytes are the
	// ones checked last in its column is not checked again.
	var stack [32]string
	last := stack[:0]
	if n := len(f.plain) + len(f.ptrs); n > len(stack) {
		last = make([]string, 0, n)
	}
	last = last[:len(f.plain)+len(f.ptrs)]
	same := func(a, b string) bool {
		return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
	}
	base := unsafe.Pointer(unsafe.SliceData(rows))
	for i := range rows {
		row := unsafe.Add(base, uintptr(i)*f.size)
		for k, off := range f.plain {
			s := (*string)(unsafe.Add(row, off))
			if same(*s, last[k]) {
				continue
			}
			if !utf8.ValidString(*s) {
				*s = textenc.Valid(*s)
			}
			last[k] = *s
		}
		for k, off := range f.ptrs {
			p := (**string)(unsafe.Add(row, off))
			if *p == nil || same(**p, last[len(f.plain)+k]) {
				continue
			}
			if !utf8.ValidString(**p) {
				v := textenc.Valid(**p)
				*p = &v
			}
			last[len(f.plain)+k] = **p
		}
	}
}
