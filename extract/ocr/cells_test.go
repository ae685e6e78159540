package ocr

import (
	"slices"
	"testing"
)

// Two cells side by side (a figure column, the next block's code column)
// and a blank one below.
var testCells = []cell{{0, 0, 100, 40}, {108, 0, 200, 40}, {0, 48, 100, 88}}

func texts(ws []word) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.text)
	}
	return out
}

// TestChooseReadings: the cell pass's words win in a cell it read; a
// page word across the ruling between two read cells is theirs (not a
// third reading); what the page pass read in a blank cell is dropped;
// words outside the table stay.
func TestChooseReadings(t *testing.T) {
	read := testCells[:2] // the blank cell had no ink to read
	page := []word{
		{left: 40, top: 10, width: 120, height: 20, text: "166.3130201", block: 1},
		{left: 50, top: 60, width: 3, height: 3, text: "二", block: 1},
		{left: 10, top: 100, width: 60, height: 20, text: "注", block: 2},
	}
	cellWords := []word{
		{left: 40, top: 10, width: 55, height: 20, text: "166.31", page: 1},
		{left: 112, top: 10, width: 50, height: 20, text: "30201", page: 2},
	}
	got := texts(chooseReadings(dropInBlank(page, testCells, read), cellWords, read))
	want := []string{"注", "166.31", "30201"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropSpecks: a letter or digit smaller both ways than half a
// millimetre and read with little confidence is noise; punctuation that small (a decimal point) and thin
// but long strokes (一) are print.
func TestDropSpecks(t *testing.T) {
	ws := []word{
		{width: 2, height: 3, text: "二", conf: 49},
		{width: 3, height: 2, text: "1", conf: 45},
		{width: 5, height: 2, text: "二", conf: 92}, // tiny print, read with confidence
		{width: 4, height: 4, text: "."},
		{width: 50, height: 5, text: "一"},
		{width: 9, height: 9, text: "、"},
		{width: 20, height: 30, text: "7"},
	}
	got := texts(dropSpecks(ws, 300))
	want := []string{"二", ".", "一", "、", "7"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
