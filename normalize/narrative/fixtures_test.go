package narrative

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// mistake is one entry of a fixture's NAME.narrative.json.
type mistake struct {
	Key    string   `json:"key"`
	What   string   `json:"what"`
	Where  string   `json:"where"`
	Checks []string `json:"checks"`
}

// allChecks runs the table identities and the narrative checks of a PDF,
// as the pipeline does.
func allChecks(t *testing.T, path string) ([]schema.Check, *Analysis) {
	t.Helper()
	in := loadInput(t, path)
	a := Analyze(in)
	return append(check.Run("x", nil, in.Tables, in.Items), a.Checks...), a
}

// TestFixtureMistakes: on every fixture with a 情况说明 part, each mistake
// injected on purpose is caught by the checks its truth names, each figure
// printed by a common convention is reported as info, and no other check
// (table identity or narrative) fails.
func TestFixtureMistakes(t *testing.T) {
	truths, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.narrative.json"))
	if len(truths) < 2 {
		t.Fatalf("found %d narrative fixtures, want one per template", len(truths))
	}
	for _, tp := range truths {
		name := strings.TrimSuffix(filepath.Base(tp), ".narrative.json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(tp)
			if err != nil {
				t.Fatal(err)
			}
			var truth struct{ Mistakes, Conventions []mistake }
			if err := json.Unmarshal(b, &truth); err != nil {
				t.Fatal(err)
			}
			checks, a := allChecks(t, filepath.Join("..", "..", "fixtures", name+".pdf"))
			if len(a.Figures) < 40 {
				t.Errorf("only %d figures read from the text", len(a.Figures))
			}
			claimed := make([]bool, len(checks))
			for _, m := range truth.Mistakes {
				for _, id := range m.Checks {
					caught := false
					for i, c := range checks {
						if c.Status == schema.CheckFail && c.CheckID == id && strings.Contains(c.Location, m.Where) {
							caught, claimed[i] = true, true
						}
					}
					if !caught {
						t.Errorf("mistake %s (%s) not caught by %s at %q", m.Key, m.What, id, m.Where)
					}
				}
			}
			for _, m := range truth.Conventions {
				for _, id := range m.Checks {
					if !slices.ContainsFunc(checks, func(c schema.Check) bool {
						return c.Status == schema.CheckInfo && c.CheckID == id && strings.Contains(c.Location, m.Where)
					}) {
						t.Errorf("convention %s (%s) not reported as info by %s at %q", m.Key, m.What, id, m.Where)
					}
				}
			}
			for i, c := range checks {
				if c.Status == schema.CheckFail && !claimed[i] {
					t.Errorf("false alarm: %s %s: %s", c.CheckID, c.Description, c.Location)
				}
			}
			for _, id := range []string{CheckAmount, CheckShare, CheckShareSum, CheckCompletion, CheckChangePct, CheckDirection} {
				if !slices.ContainsFunc(checks, func(c schema.Check) bool { return c.CheckID == id && c.Status == schema.CheckPass }) {
					t.Errorf("no %s check passes: the fixture does not exercise it", id)
				}
			}
		})
	}
}
