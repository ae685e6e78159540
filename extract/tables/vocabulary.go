package tables

import "sort"

// HeaderWords lists the header words whose columns have a contract key
// (合计, 基本支出, 年初结转和结余, …), sorted: OCR snaps a misread header
// to the nearest of them.
func HeaderWords() []string {
	out := make([]string, 0, len(labelKeys))
	for w := range labelKeys {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}
