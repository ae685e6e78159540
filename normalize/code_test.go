package normalize

import (
	"errors"
	"testing"
)

func TestCodeReaderSingleRow(t *testing.T) {
	tests := []struct {
		name     string
		parts    []string
		item     string
		economic bool
		want     CodeInfo
		wantItem string
		wantErr  bool
	}{
		{"split 项", []string{"201", "06", "01"}, "行政运行", false,
			CodeInfo{"2010601", SystemFunction, 3, "20106"}, "行政运行", false},
		{"leading zero dropped from the 款", []string{"301", "2", ""}, "津贴补贴", false,
			CodeInfo{"30102", SystemEconomic, 2, "301"}, "津贴补贴", false},
		{"leading zeros dropped from 款 and 项", []string{"201", "6", "1"}, "行政运行", false,
			CodeInfo{"2010601", SystemFunction, 3, "20106"}, "行政运行", false},
		{"split 款", []string{"201", "06", ""}, "财政事务", false,
			CodeInfo{"20106", SystemFunction, 2, "201"}, "财政事务", false},
		{"split 类", []string{"201", "", ""}, "一般公共服务支出", false,
			CodeInfo{"201", SystemFunction, 1, ""}, "一般公共服务支出", false},
		{"joined", []string{"2080506"}, "机关事业单位职业年金缴费支\n出", false,
			CodeInfo{"2080506", SystemFunction, 3, "20805"}, "机关事业单位职业年金缴费支出", false},
		{"glued in code cell", []string{"30207邮电费"}, "", false,
			CodeInfo{"30207", SystemEconomic, 2, "302"}, "邮电费", false},
		{"glued with space", []string{"2010101 行政运行"}, "", false,
			CodeInfo{"2010101", SystemFunction, 3, "20101"}, "行政运行", false},
		{"glued in item", nil, "2010101 行政运行", false,
			CodeInfo{"2010101", SystemFunction, 3, "20101"}, "行政运行", false},
		{"glued in item no space", []string{""}, "30101基本工资", false,
			CodeInfo{"30101", SystemEconomic, 2, "301"}, "基本工资", false},
		{"full-width digits", []string{"２０１０１０１"}, "行政运行", false,
			CodeInfo{"2010101", SystemFunction, 3, "20101"}, "行政运行", false},
		{"full-width code, name keeps full-width brackets", []string{"３０２１２因公出国（境）费用"}, "", false,
			CodeInfo{"30212", SystemEconomic, 2, "302"}, "因公出国（境）费用", false},
		{"full-width code glued in item", nil, "２０１０１０１ 行政运行（机关）", false,
			CodeInfo{"2010101", SystemFunction, 3, "20101"}, "行政运行（机关）", false},
		{"full-width split", []string{"２０１", "０６", "０１"}, "行政运行", false,
			CodeInfo{"2010601", SystemFunction, 3, "20106"}, "行政运行", false},
		{"letter-spaced code", []string{"2 0 1 0 1"}, "人大事务", false,
			CodeInfo{"20101", SystemFunction, 2, "201"}, "人大事务", false},
		{"split printed in one cell", []string{"208 05 06"}, "机关事业单位职业年金缴费支出", false,
			CodeInfo{"2080506", SystemFunction, 3, "20805"}, "机关事业单位职业年金缴费支出", false},
		{"split joined code in first part", []string{"2080506", "", ""}, "职业年金", false,
			CodeInfo{"2080506", SystemFunction, 3, "20805"}, "职业年金", false},
		{"cumulative parts", []string{"208", "20805", "2080506"}, "职业年金", false,
			CodeInfo{"2080506", SystemFunction, 3, "20805"}, "职业年金", false},
		{"cumulative 款 without context", []string{"", "20805", ""}, "行政事业单位养老支出", false,
			CodeInfo{"20805", SystemFunction, 2, "208"}, "行政事业单位养老支出", false},
		{"income classification", []string{"10301"}, "政府性基金收入", false,
			CodeInfo{"10301", SystemFunction, 2, "103"}, "政府性基金收入", false},
		{"economic class", []string{"301"}, "工资福利支出", true,
			CodeInfo{"301", SystemEconomic, 1, ""}, "工资福利支出", false},
		{"government economic", []string{"50101"}, "工资奖金津补贴", false,
			CodeInfo{"50101", SystemEconomic, 2, "501"}, "工资奖金津补贴", false},
		{"total row", nil, "  合    计 ", false, CodeInfo{}, "合计", false},
		{"total in code column", []string{"合计", "", ""}, "", false, CodeInfo{}, "合计", false},
		{"total in the 款 column", []string{"", "合计", ""}, "", false, CodeInfo{}, "合计", false},
		{"total spanning code and item", []string{"本年收入"}, "合计", false, CodeInfo{}, "本年收入合计", false},
		{"enumeration kept", nil, "一、一般公共预算财政拨款收入", false, CodeInfo{}, "一、一般公共预算财政拨款收入", false},
		{"numbered label in code column", []string{"1.一般公共预算"}, "", false, CodeInfo{}, "1.一般公共预算", false},
		{"year is not a code", nil, "2024年结转", false, CodeInfo{}, "2024年结转", false},
		{"4 digits in item stay label", nil, "3010 基本工资", false, CodeInfo{}, "3010基本工资", false},
		// errors
		{"wrong length", []string{"2010"}, "x", false, CodeInfo{}, "x", true},
		{"seven-digit economic", []string{"3010101"}, "x", false, CodeInfo{}, "x", true},
		{"letters", []string{"2O10101"}, "x", false, CodeInfo{}, "x", true},
		{"letter first", []string{"X201"}, "x", false, CodeInfo{}, "x", true},
		{"unknown class", []string{"40101"}, "x", false, CodeInfo{}, "x", true},
		{"functional in economic table", []string{"20101"}, "x", true, CodeInfo{}, "x", true},
		{"bad part width", []string{"201", "006", "01"}, "x", false, CodeInfo{}, "x", true},
		{"one-digit 项 without 款", []string{"201", "", "6"}, "x", false, CodeInfo{}, "x", true},
		{"gap between parts", []string{"201", "", "01"}, "x", false, CodeInfo{}, "x", true},
		{"letters in part", []string{"201", "0A", "01"}, "x", false, CodeInfo{}, "x", true},
		{"款 without 类 above", []string{"", "06", "01"}, "x", false, CodeInfo{}, "x", true},
		{"punctuation in code", []string{"201-06"}, "x", false, CodeInfo{}, "x", true},
		{"cumulative part disagrees", []string{"208", "21005", ""}, "x", false, CodeInfo{}, "x", true},
		{"too many parts", []string{"201", "06", "01", "01"}, "x", false, CodeInfo{}, "x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CodeReader{Economic: tt.economic}
			got, item, err := r.Read(tt.parts, tt.item)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Read(%q, %q) = %+v, want error", tt.parts, tt.item, got)
				}
				if !errors.Is(err, ErrBadCode) {
					t.Errorf("error %v does not wrap ErrBadCode", err)
				}
			} else if err != nil {
				t.Fatalf("Read(%q, %q) error: %v", tt.parts, tt.item, err)
			}
			if got != tt.want || item != tt.wantItem {
				t.Errorf("Read(%q, %q) = %+v, %q; want %+v, %q", tt.parts, tt.item, got, item, tt.want, tt.wantItem)
			}
		})
	}
}

// Some templates print a 款 or 项 row with its 类 (and 款) cells blank and
// rely on the rows above.
func TestCodeReaderCarriesContext(t *testing.T) {
	rows := []struct {
		parts []string
		want  string
	}{
		{[]string{"208", "", ""}, "208"},
		{[]string{"", "05", ""}, "20805"},
		{[]string{"", "05", "06"}, "2080506"},
		{[]string{"", "", "99"}, "2080599"},
		{[]string{"", "", ""}, ""}, // 合计 row: no code, context kept
		{[]string{"", "", "01"}, "2080501"},
		{[]string{"210", "11", ""}, "21011"},
		{[]string{"", "", "02"}, "2101102"},
		{[]string{"2120101", "", ""}, "2120101"},
		{[]string{"", "", "02"}, "2120102"},
		{[]string{"", "03", ""}, "21203"},
	}
	var r CodeReader
	for i, row := range rows {
		got, _, err := r.Read(row.parts, "名称")
		if err != nil {
			t.Fatalf("row %d %q: %v", i, row.parts, err)
		}
		if got.Code != row.want {
			t.Errorf("row %d %q: code %q, want %q", i, row.parts, got.Code, row.want)
		}
	}
	r.Reset()
	if _, _, err := r.Read([]string{"", "05", "06"}, "名称"); err == nil {
		t.Error("after Reset a 款/项 row without 类 must be an error")
	}
}
