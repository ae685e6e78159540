package normalize

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/juesuan/juesuan/internal/textfold"
)

// Code systems of the contract's code_system column.
const (
	SystemFunction = "function" // 功能分类 (2xx) and 收入分类 (1xx)
	SystemEconomic = "economic" // 部门经济分类 (3xx) and 政府经济分类 (5xx)
)

// ErrBadCode is wrapped by every code error.
var ErrBadCode = errors.New("invalid subject code")

// CodeInfo is a subject code with its place in the classification.
type CodeInfo struct {
	Code   string // digits only; "" for rows without a code (合计, 总计 …)
	System string // SystemFunction or SystemEconomic; "" without a code
	Level  int    // 1 类, 2 款, 3 项; 0 without a code
	Parent string // code one level up; "" at level 1 or without a code
}

// partWidths are the widths of the 类, 款 and 项 parts of a split code.
var partWidths = []int{3, 2, 2}

// Code reads the code of a single row without context; see CodeReader for
// the rows of a table.
func Code(parts []string, item string) (CodeInfo, string, error) {
	var r CodeReader
	return r.Read(parts, item)
}

// CodeReader reads the subject codes of the rows of one table in order. It
// carries the last 类 and 款 seen, because some templates print a 款 or 项
// row as "  | 06 | 01" and rely on the rows above for the 类.
type CodeReader struct {
	// Economic forces the economic classification (T06, or a table whose
	// title or header says 经济分类); otherwise the system follows the code.
	Economic bool

	prefix [3]string // last 类 (3 digits), 款 (5 digits), 项 (7 digits) read
}

// Reset forgets the context, e.g. at a new section of a table.
func (r *CodeReader) Reset() { r.prefix = [3]string{} }

// Read parses the code of one row. parts are the code cells as printed:
// one cell holding the whole code (possibly glued to the name), or the 类,
// 款 and 项 cells of a split code. item is the printed label; it is
// returned cleaned, with the name part of a glued code cell prepended. A row
// without a code gives a zero CodeInfo. A malformed code is an error wrapping
// ErrBadCode; the cleaned label is still returned.
func (r *CodeReader) Read(parts []string, item string) (CodeInfo, string, error) {
	code, label, err := r.join(parts, item)
	if err != nil {
		return CodeInfo{}, label, err
	}
	if code == "" {
		return CodeInfo{}, label, nil
	}
	info, err := Classify(code, r.Economic)
	if err != nil {
		return CodeInfo{}, label, err
	}
	r.remember(info.Code)
	return info, label, nil
}

// remember stores the 类/款/项 prefixes of code for the rows below it.
func (r *CodeReader) remember(code string) {
	n := 0
	for i, w := range partWidths {
		n += w
		if len(code) < n {
			r.prefix[i] = ""
			continue
		}
		r.prefix[i] = code[:n]
	}
}

// join assembles the digits of the code and the row label.
func (r *CodeReader) join(parts []string, item string) (code, label string, err error) {
	label = CleanLabel(item)
	cells := make([]string, len(parts))
	nonEmpty := 0
	for i, p := range parts {
		cells[i] = strings.TrimSpace(p)
		if cells[i] != "" {
			nonEmpty++
		}
	}
	switch {
	case nonEmpty == 0:
		return gluedInItem(label)
	case !strings.ContainsFunc(textfold.Fold(strings.Join(cells, ""), textfold.Width), isASCIIDigit):
		// Only words in the code columns: a label spanning them (合计,
		// 本年收入 | 合计 …).
		return "", CleanLabel(strings.Join(cells, "") + label), nil
	case nonEmpty == 1 && cells[0] != "":
		// One cell holds the code, maybe glued to the name, maybe a label
		// such as 合计 printed in the code column.
		return splitCodeCell(cells[0], label)
	}
	code, err = r.joinParts(cells)
	return code, label, err
}

// gluedInItem takes a code off the front of a label when the template
// prints code and name in one cell ("2010101 行政运行"). It is conservative:
// only 3, 5 or 7 digits followed by a name, so that "2024年…" or "1.一般…"
// stay labels.
func gluedInItem(label string) (code, rest string, err error) {
	digits, tail := leadingDigits(label)
	switch len(digits) {
	case 3, 5, 7:
	default:
		return "", label, nil
	}
	first, _ := utf8.DecodeRuneInString(tail)
	if !unicode.Is(unicode.Han, first) || strings.ContainsRune("年月日号元万个人次", first) {
		return "", label, nil
	}
	return digits, CleanLabel(tail), nil
}

// splitCodeCell separates a code cell into digits and a name glued to it.
func splitCodeCell(cell, label string) (code, rest string, err error) {
	digits, tail := leadingDigits(cell)
	if digits == "" {
		// A label in the code column (合计, 总计 …) unless it mixes ASCII
		// letters and digits, which is a misread code.
		first, _ := utf8.DecodeRuneInString(textfold.Fold(cell, textfold.Width))
		if first < unicode.MaxASCII && strings.ContainsFunc(textfold.Fold(cell, textfold.Width), isASCIIDigit) {
			return "", label, fmt.Errorf("code %q: letters in the code: %w", cell, ErrBadCode)
		}
		return "", CleanLabel(cell + label), nil
	}
	if tail != "" {
		r, _ := utf8.DecodeRuneInString(tail)
		switch {
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			return "", label, fmt.Errorf("code %q: letters in the code: %w", cell, ErrBadCode)
		case !unicode.Is(unicode.Han, r) && len(digits) >= 3:
			return "", label, fmt.Errorf("code %q: stray characters in the code: %w", cell, ErrBadCode)
		case !unicode.Is(unicode.Han, r):
			// An enumeration such as "1.一般公共预算" printed in the code
			// column: a label, not a code.
			return "", CleanLabel(cell + label), nil
		}
	}
	return digits, CleanLabel(tail + label), nil
}

// leadingDigits takes the digits (ASCII or full-width) at the front of cell,
// skipping spaces between them (letter-spaced "2 0 1 0 1", or 类 款 项
// printed in one cell), and returns them as ASCII with the rest of the cell
// as printed.
func leadingDigits(cell string) (digits, rest string) {
	var b strings.Builder
	for i, r := range cell {
		switch {
		case isASCIIDigit(textfold.FoldRune(r, textfold.Width)):
			b.WriteRune(textfold.FoldRune(r, textfold.Width))
		case textfold.IsSpace(r):
		default:
			return b.String(), strings.TrimSpace(cell[i:])
		}
	}
	return b.String(), ""
}

// joinParts joins split 类/款/项 cells. Leading empty cells are filled from
// the rows above; a cell may also hold the cumulative code ("20106" in the
// 款 column) as long as it agrees with the cells before it; a one-digit 款
// or 项 is that part with its leading zero dropped ("2" is 02).
func (r *CodeReader) joinParts(cells []string) (string, error) {
	if len(cells) > len(partWidths) {
		return "", fmt.Errorf("%d code columns (at most 类, 款, 项): %w", len(cells), ErrBadCode)
	}
	first := 0
	for cells[first] == "" {
		first++
	}
	code := ""
	if first > 0 && len(textfold.Compact(cells[first])) == partWidths[first] {
		// "  | 06 | 01": the 类 (and 款) come from the rows above.
		code = r.prefix[first-1]
		if code == "" {
			return "", fmt.Errorf("code parts %q: no 类/款 printed above this part: %w", cells, ErrBadCode)
		}
	}
	ended := false
	for i := first; i < len(cells); i++ {
		c := textfold.Compact(cells[i])
		if c == "" {
			ended = true
			continue
		}
		if ended {
			return "", fmt.Errorf("code parts %q: gap between parts: %w", cells, ErrBadCode)
		}
		if !isDigits(c) {
			return "", fmt.Errorf("code parts %q: %q is not digits: %w", cells, c, ErrBadCode)
		}
		cum := 0
		for _, w := range partWidths[:i+1] {
			cum += w
		}
		if i > 0 && len(c) == 1 && partWidths[i] == 2 && len(code) == cum-partWidths[i] {
			// "301 | 2": a spreadsheet printed the 款 02 as a number and
			// dropped its leading zero.
			c = "0" + c
		}
		switch {
		case len(c) == partWidths[i] && len(code) == cum-partWidths[i]:
			code += c
		case len(c) == cum && strings.HasPrefix(c, code):
			code = c
		default:
			return "", fmt.Errorf("code parts %q: part %q has %d digits, want %d: %w",
				cells, c, len(c), partWidths[i], ErrBadCode)
		}
	}
	return code, nil
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Classify places a digits-only code: its system, level and parent.
// Functional codes (1xx income, 2xx expenditure) have 3, 5 or 7 digits;
// economic codes (3xx department, 5xx government) 3 or 5. economic forces the
// economic classification, for tables whose header says so.
func Classify(code string, economic bool) (CodeInfo, error) {
	if !isDigits(code) {
		return CodeInfo{}, fmt.Errorf("%q is not digits: %w", code, ErrBadCode)
	}
	system := ""
	switch code[0] {
	case '1', '2':
		system = SystemFunction
	case '3', '5':
		system = SystemEconomic
	default:
		return CodeInfo{}, fmt.Errorf("%q starts with %c, no classification does: %w", code, code[0], ErrBadCode)
	}
	if economic && system != SystemEconomic {
		return CodeInfo{}, fmt.Errorf("%q in an economic-classification table: %w", code, ErrBadCode)
	}
	info := CodeInfo{Code: code, System: system}
	switch {
	case len(code) == 3:
		info.Level = 1
	case len(code) == 5:
		info.Level, info.Parent = 2, code[:3]
	case len(code) == 7 && system == SystemFunction:
		info.Level, info.Parent = 3, code[:5]
	default:
		return CodeInfo{}, fmt.Errorf("%q has %d digits, a %s code has %s: %w",
			code, len(code), system, map[string]string{SystemFunction: "3, 5 or 7", SystemEconomic: "3 or 5"}[system], ErrBadCode)
	}
	return info, nil
}
