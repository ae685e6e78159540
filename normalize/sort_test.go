package normalize

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestSortLineItemsMatchesStableSort checks the index sort and in-place
// permutation against a plain stable sort, ties included (the Item field
// tells equal keys apart).
func TestSortLineItemsMatchesStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 50, 1000} {
		items := make([]schema.LineItem, n)
		for i := range items {
			items[i] = schema.LineItem{
				TableID:   "T0" + strconv.Itoa(1+rng.IntN(3)),
				RowSeq:    int32(rng.IntN(5)),
				ColumnKey: []string{"a", "b", "total"}[rng.IntN(3)],
				Item:      strconv.Itoa(i),
			}
		}
		want := append([]schema.LineItem(nil), items...)
		sort.SliceStable(want, func(i, j int) bool {
			a, b := want[i], want[j]
			if a.TableID != b.TableID {
				return a.TableID < b.TableID
			}
			if a.RowSeq != b.RowSeq {
				return a.RowSeq < b.RowSeq
			}
			return a.ColumnKey < b.ColumnKey
		})
		SortLineItems(items)
		for i := range want {
			if items[i].Item != want[i].Item {
				t.Fatalf("n=%d: position %d holds item %s, want %s", n, i, items[i].Item, want[i].Item)
			}
		}
	}
}
