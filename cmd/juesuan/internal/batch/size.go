package batch

import (
	"fmt"
	"strconv"
	"strings"
)

// sizeUnits are the units ParseSize takes, powers of 1024 whether written
// MB or MiB (as most tools read them), longest suffix first.
var sizeUnits = []struct {
	suffix string
	bytes  int64
}{
	{"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10},
	{"gb", 1 << 30}, {"mb", 1 << 20}, {"kb", 1 << 10},
	{"g", 1 << 30}, {"m", 1 << 20}, {"k", 1 << 10}, {"b", 1},
}

// ParseSize reads a size such as 512MB, 1.5G, 300k or 1048576 (bytes).
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.bytes
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || n*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("size %q: want a number of bytes with an optional unit (K, M, G: powers of 1024), such as 512MB", s)
	}
	return int64(n * float64(mult)), nil
}

// FormatSize writes a size in the largest unit that keeps it short, in
// the form ParseSize reads: 512MB, 1.5GB (rounded to a tenth), 300 bytes.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name  string
		bytes int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n >= u.bytes {
			return strings.TrimSuffix(strconv.FormatFloat(float64(n)/float64(u.bytes), 'f', 1, 64), ".0") + u.name
		}
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
