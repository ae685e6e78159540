package pipeline

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
)

func TestFirstOfEachTable(t *testing.T) {
	in := []tables.Table{
		{ID: tables.T01, Title: "收入支出决算总表", Pages: []int{5}},
		{ID: tables.T02, Title: "收入决算表", Pages: []int{6, 7}},
		{ID: tables.T02, Title: "收入决算表", Pages: []int{21}},
		{ID: tables.T03, Title: "支出决算表", Pages: []int{8}},
	}
	kept, repeated := firstOfEachTable(in)
	if len(kept) != 3 || kept[1].Pages[0] != 6 || kept[2].ID != tables.T03 {
		t.Errorf("kept %+v", kept)
	}
	if len(repeated) != 1 || !strings.Contains(repeated[0], "pages 21 (first on pages 6,7)") {
		t.Errorf("repeated %q", repeated)
	}
}
