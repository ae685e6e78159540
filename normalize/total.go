package normalize

import (
	"strings"

	"github.com/juesuan/juesuan/internal/textfold"
)

// IsTotalLabel reports whether a row label names a total row: 合计, 总计,
// 小计 alone or at the end of the label (本年收入合计, 人员经费合计, 收入总计).
// Callers also require the row to have no subject code: a coded row is an
// item, whatever its name says.
func IsTotalLabel(label string) bool {
	s := textfold.Compact(label)
	for _, suffix := range totalSuffixes {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

var totalSuffixes = []string{"合计", "总计", "小计"}
