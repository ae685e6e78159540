package normalize

import (
	"regexp"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/textfold"
)

// Units of the contract.
const (
	UnitWanYuan = "万元"
	UnitYuan    = "元"
)

// unitPattern finds a unit statement: "单位：万元", "金额单位:元", or a
// bare "万元" / "元".
var unitPattern = regexp.MustCompile(`(?:单位:?)?(万元|元)$`)

// unitInLine is a unit statement inside a longer line: "单位：万元",
// "金额单位：人民币元", "单位(万元)". Widths are folded and spaces removed.
var unitInLine = regexp.MustCompile(`单位[:(]?(?:人民币)?(万元|元)`)

// ParseUnit reads a unit as printed ("万元", "元", "单位：万元", "金额单位：
// 元", letter-spaced or full-width) and returns UnitWanYuan, UnitYuan, or ""
// when s states no unit of the contract.
func ParseUnit(s string) string {
	t := textfold.Compact(s)
	if m := unitInLine.FindStringSubmatch(t); m != nil {
		return m[1]
	}
	if m := unitPattern.FindStringSubmatch(t); m != nil && len(m[0]) == len(t) {
		return m[1]
	}
	return ""
}

// YuanFactor is how many 元 one printed unit is: 10000 for 万元, 1 for 元.
// ok is false for an unknown or missing unit.
func YuanFactor(unit string) (f decimal.Decimal, ok bool) {
	switch unit {
	case UnitWanYuan:
		return decimal.NewFromInt(10000), true
	case UnitYuan:
		return decimal.NewFromInt(1), true
	}
	return decimal.Decimal{}, false
}

// TableUnit is the unit of a table's figures (line_items.unit): the one it
// prints, else the document's (Meta.Unit), "" when neither is known.
func TableUnit(t tables.Table, documentUnit string) string {
	if unit := ParseUnit(t.Unit); unit != "" {
		return unit
	}
	return ParseUnit(documentUnit)
}

// DocumentUnit is the unit most tables of a document print, "" when none
// prints one. A tie goes to the unit printed first.
func DocumentUnit(ts []tables.Table) string {
	units := make([]string, 0, len(ts))
	for _, t := range ts {
		units = append(units, ParseUnit(t.Unit))
	}
	return mostCommon(units)
}

// mostCommon returns the most frequent non-empty string, the earliest one on
// a tie, "" when there is none.
func mostCommon(values []string) string {
	count := map[string]int{}
	for _, v := range values {
		if v != "" {
			count[v]++
		}
	}
	best := ""
	for _, v := range values {
		if count[v] > count[best] {
			best = v
		}
	}
	return best
}
