package check

import (
	"strings"

	"github.com/juesuan/juesuan/internal/textfold"
)

const cnDigits = "一二三四五六七八九十"

// ordinalPrefix reports whether a normalized label starts with a top-level
// ordinal such as "一、" or "二十三、" (the numbering of T01/T04 items), and
// returns the label without it. "(一)" sub-numbering is not top-level.
func ordinalPrefix(s string) (rest string, ok bool) {
	i := 0
	for _, r := range s {
		if !strings.ContainsRune(cnDigits, r) {
			break
		}
		i += len(string(r))
	}
	if i == 0 || i >= len(s) {
		return s, false
	}
	for _, sep := range []string{"、", ".", ","} {
		if strings.HasPrefix(s[i:], sep) {
			return s[i+len(sep):], true
		}
	}
	return s, false
}

// stripOrdinal removes a leading "一、" style ordinal, if any.
func stripOrdinal(s string) string {
	rest, _ := ordinalPrefix(s)
	return rest
}

// isSubRow reports labels that detail the row above them rather than add to
// it: "其中：…", "(一)…", "1.…".
func isSubRow(s string) bool {
	if strings.HasPrefix(s, "其中") {
		return true
	}
	if strings.HasPrefix(s, "(") {
		return true
	}
	if len(s) > 1 && s[0] >= '0' && s[0] <= '9' {
		return true
	}
	return false
}

// carryPrefixes are the labels of the rows that stand between 本年收入/支出合计
// and 总计 in T01 and T04, across template years. Rows there that match none
// (e.g. "基本支出结转" under 年末结转和结余) are breakdowns, not addends.
var carryPrefixes = []string{
	"使用非财政拨款结余",
	"用事业基金弥补收支差额",
	"用事业基金弥补",
	"使用专用结余",
	"年初结转和结余",
	"年初财政拨款结转和结余",
	"年初结转",
	"上年结转",
	"结余分配",
	"年末结转和结余",
	"年末财政拨款结转和结余",
	"年末结转",
	"结转下年",
}

func isCarryRow(label string) bool {
	s := stripOrdinal(label)
	for _, p := range carryPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// functionClasses maps the names of the 类 of the government functional
// classification (支出功能分类) to their codes, including names used by
// earlier years, so that a T01 class line can be matched to a T03 类 row.
var functionClasses = map[string]string{
	"一般公共服务支出":       "201",
	"外交支出":           "202",
	"国防支出":           "203",
	"公共安全支出":         "204",
	"教育支出":           "205",
	"科学技术支出":         "206",
	"文化旅游体育与传媒支出":    "207",
	"文化体育与传媒支出":      "207",
	"社会保障和就业支出":      "208",
	"社会保险基金支出":       "209",
	"卫生健康支出":         "210",
	"医疗卫生与计划生育支出":    "210",
	"医疗卫生支出":         "210",
	"节能环保支出":         "211",
	"城乡社区支出":         "212",
	"农林水支出":          "213",
	"交通运输支出":         "214",
	"资源勘探工业信息等支出":    "215",
	"资源勘探信息等支出":      "215",
	"商业服务业等支出":       "216",
	"金融支出":           "217",
	"援助其他地区支出":       "219",
	"自然资源海洋气象等支出":    "220",
	"国土海洋气象等支出":      "220",
	"住房保障支出":         "221",
	"粮油物资储备支出":       "222",
	"粮油物资储备管理支出":     "222",
	"国有资本经营预算支出":     "223",
	"灾害防治及应急管理支出":    "224",
	"预备费":            "227",
	"其他支出":           "229",
	"转移性支出":          "230",
	"债务还本支出":         "231",
	"债务付息支出":         "232",
	"债务发行费用支出":       "233",
	"抗疫特别国债安排的支出":    "234",
	"抗疫特别国债安排的支出(注)": "234",
}

// classCode returns the 类 code of a T01/T04 class label ("八、社会保障和就业支出"),
// or "" when the name is not a known class.
func classCode(label string) string {
	return functionClasses[stripOrdinal(textfold.LabelKey(label))]
}
