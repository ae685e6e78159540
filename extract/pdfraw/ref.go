package pdfraw

import (
	"reflect"

	"github.com/ledongthuc/pdf"
)

// Ref returns the indirect object a pdf.Value came from, which the library
// does not expose, so callers can cache decoded resources (fonts, CMaps) by
// object identity. It reads the Value's unexported object pointer through
// reflection, read-only.
//
// The library stamps a value with the object that contains it: a value
// reached through a reference reports that object, and a direct sub-object
// (say a font dictionary written inline in /Resources) reports its
// enclosing object, so it is not unique; key such caches by (Ref, resource
// name) when in doubt. ok is false when there is no object (the trailer, a
// null, or a library version whose layout changed).
func Ref(v pdf.Value) (id uint32, gen uint16, ok bool) {
	ptr := reflect.ValueOf(v).FieldByName("ptr")
	if !ptr.IsValid() || ptr.Kind() != reflect.Struct {
		return 0, 0, false
	}
	idField, genField := ptr.FieldByName("id"), ptr.FieldByName("gen")
	if !idField.IsValid() || !genField.IsValid() || !isUint(idField) || !isUint(genField) {
		return 0, 0, false
	}
	id, gen = uint32(idField.Uint()), uint16(genField.Uint())
	return id, gen, id != 0
}

func isUint(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		return true
	}
	return false
}
