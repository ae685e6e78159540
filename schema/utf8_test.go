package schema

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/juesuan/juesuan/internal/hostile"
)

// TestValidStringsEveryColumn: every string column of every dataset,
// optional or not, set to bytes that are not UTF-8, is written valid: GBK
// decoded, other bytes escaped. A column added later is covered too.
func TestValidStringsEveryColumn(t *testing.T) {
	const gbk, want = "\xcb\xce\xcc\xe5 \xff", `宋体 \xff`
	check := func(name string, rows any) {
		v := reflect.ValueOf(rows)
		for i := range v.Index(0).NumField() {
			f := v.Index(0).Field(i)
			var got string
			switch {
			case f.Kind() == reflect.String:
				got = f.String()
			case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String:
				got = f.Elem().String()
			default:
				continue
			}
			if got != want || !utf8.ValidString(got) {
				t.Errorf("%s.%s = %q, want %q", name, v.Index(0).Type().Field(i).Name, got, want)
			}
		}
	}
	reports, items, checks, stmts := make([]Report, 2), make([]LineItem, 2), make([]Check, 2), make([]Statement, 2)
	shared := gbk
	for i := range 2 {
		hostile.FillStrings(&reports[i], gbk)
		hostile.FillStrings(&items[i], gbk)
		hostile.FillStrings(&checks[i], gbk)
		hostile.FillStrings(&stmts[i], gbk)
	}
	items[1].Department = &shared // a pointer shared with the caller stays as it was
	validStrings(reports)
	validStrings(items)
	validStrings(checks)
	validStrings(stmts)
	check("Report", reports)
	check("LineItem", items)
	check("Check", checks)
	check("Statement", stmts)
	if shared != gbk {
		t.Errorf("the caller's shared string was changed to %q", shared)
	}
}
