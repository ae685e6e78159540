package extract

import (
	"reflect"

	"github.com/ledongthuc/pdf"
)

// objRef identifies an indirect PDF object.
type objRef struct {
	id  uint32
	gen uint16
}

// entryRef reports the indirect reference stored under key in the
// dictionary (or stream header) v, without resolving it: resources are
// cached by the object they point to, not by their resource name (/F1 is a
// different font on different pages of real files), and resolving an
// object through ledongthuc/pdf re-reads it from the file every time.
//
// ledongthuc/pdf keeps references unexported, so this reads them via
// reflect. pdfraw.Ref is not used here because it reports the object a
// value was read from, which for a direct font dictionary is the enclosing
// resources object (not unique), and it needs the value resolved first.
func entryRef(v pdf.Value, key string) (objRef, bool) {
	defer func() { _ = recover() }() // a layout change must not crash extraction
	rv := reflect.ValueOf(v).FieldByName("data")
	if !rv.IsValid() || rv.IsNil() {
		return objRef{}, false
	}
	rv = rv.Elem()
	if rv.Kind() == reflect.Struct { // stream: header dict
		rv = rv.FieldByName("hdr")
	}
	if rv.Kind() != reflect.Map {
		return objRef{}, false
	}
	return refIn(rv.MapIndex(reflect.ValueOf(key).Convert(rv.Type().Key())))
}

// elemRef is entryRef for element i of the array v: the page tree's /Kids
// are checked by reference before they are resolved (resolving costs the
// library a 4 KB buffer, and a hostile /Kids lists one page 100,000 times).
func elemRef(v pdf.Value, i int) (objRef, bool) {
	defer func() { _ = recover() }()
	rv := reflect.ValueOf(v).FieldByName("data")
	if !rv.IsValid() || rv.IsNil() {
		return objRef{}, false
	}
	rv = rv.Elem()
	if rv.Kind() != reflect.Slice || i < 0 || i >= rv.Len() {
		return objRef{}, false
	}
	return refIn(rv.Index(i))
}

// refIn reads the library's objptr held in the interface value e.
func refIn(e reflect.Value) (objRef, bool) {
	if !e.IsValid() || e.IsNil() {
		return objRef{}, false
	}
	e = e.Elem()
	if e.Kind() != reflect.Struct || e.Type().Name() != "objptr" || e.NumField() < 2 {
		return objRef{}, false
	}
	return objRef{id: uint32(e.Field(0).Uint()), gen: uint16(e.Field(1).Uint())}, true
}
