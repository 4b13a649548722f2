package scoring

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/model"
)

// Rules of scoring, each pinned here: change the rule, see a test fail.

// TestPercentRoundedDown: a percent is shown rounded down to one decimal,
// never up to a value the next level needs (113 of 133 is 84,96 %: 84,9).
func pointsScore(points, max int) score {
	return score{basis: BasisPoints, value: big.NewRat(int64(points), 1), of: big.NewRat(int64(max), 1)}
}

func TestPercentRoundedDown(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	for _, tt := range []struct {
		points, max int
		want        float64
	}{
		{113, 133, 84.9}, {2, 3, 66.6}, {1, 3, 33.3}, {1, 6, 16.6}, {133, 133, 100}, {0, 7, 0}, {5, 8, 62.5},
	} {
		if got := level(m, "", plain, tt.points, tt.max, pointsScore(tt.points, tt.max), nil).Percent; got != tt.want {
			t.Errorf("%d of %d = %v %%, want %v", tt.points, tt.max, got, tt.want)
		}
		// The same rounding for a weighted score.
		weighted := score{basis: BasisWeighted, value: big.NewRat(int64(tt.points)*3, 2), of: big.NewRat(int64(tt.max)*3, 2)}
		if got := level(m, "", plain, tt.points, tt.max, weighted, nil).Percent; got != tt.want {
			t.Errorf("weighted %d of %d = %v %%, want %v", tt.points, tt.max, got, tt.want)
		}
	}
}

// TestInvalidOrMissingMakesIncomplete: an invalid answer, like a missing
// one, makes the result incomplete; a complete set of valid answers does
// not; an indicator that does not apply to the school is no gap.
func TestInvalidOrMissingMakesIncomplete(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	full := []string{"1", "да", "2", "есть", "3", "50", "5", "есть", "6", "3"}
	with := func(id, v string) []string {
		out := append([]string(nil), full...)
		for i := 0; i < len(out); i += 2 {
			if out[i] == id {
				out[i+1] = v
			}
		}
		return out
	}
	for _, tt := range []struct {
		name       string
		kv         []string
		incomplete bool
	}{
		{"complete (4 does not apply)", full, false},
		{"invalid option", with("2", "может быть"), true},
		{"invalid number", with("3", "много"), true},
		{"number out of range", with("6", "-1"), true},
		{"missing", with("5", ""), true},
	} {
		if r := Score(m, sub(plain, tt.kv...)); r.Incomplete != tt.incomplete {
			t.Errorf("%s: incomplete = %v, want %v (problems %v)", tt.name, r.Incomplete, tt.incomplete, r.Problems)
		}
	}
}

// TestInclusiveUpperEdgeScores: an answer at the upper edge of a band with
// max_inclusive earns that band's points; at an exclusive edge, the next
// band's.
func TestInclusiveUpperEdgeScores(t *testing.T) {
	comp := `component: a
indicators:
  - id: "1"
    text: Доля
    number: {unit: "%", min: 0, max: 100}
    bands:
      - {min: 0, max: 50, points: 0}
      - {min: 50, max: 100, max_inclusive: true, points: 2}
`
	root := fmt.Sprintf(testRoot, "", "force", "below_base", "both")
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(root)}, "a.yaml": {Data: []byte(comp)},
		"b.yaml": {Data: []byte(testB)}}, "t")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		answer string
		points int
	}{
		{"100", 2}, {"99,99", 2}, {"50", 2}, {"49,99", 0}, {"0", 0},
	} {
		r := Score(m, sub(plain, "1", tt.answer))
		if is := r.Indicators[0]; is.Points != tt.points || is.Status != StatusOK {
			t.Errorf("%s earns %d (%s), want %d", tt.answer, is.Points, is.Status, tt.points)
		}
	}
}

// TestSpaceInsideNumber: «8 5» or «5<tab>0» is no number the school meant
// for sure: invalid, said, never 85 or 50; «1 000» is a thousand.
func TestSpaceInsideNumber(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	for answer, points := range map[string]int{"8 5": -1, "5\t0": -1, "1 000": 2} {
		r := Score(m, sub(plain, "6", answer))
		var is IndicatorScore
		for _, x := range r.Indicators {
			if x.ID == "6" {
				is = x
			}
		}
		switch {
		case points < 0 && (is.Status != StatusInvalid || len(r.Problems) == 0 || !strings.Contains(r.Problems[0].Message, "разделены пробелом не по разрядам тысяч")):
			t.Errorf("%q: %s %d points, problems %v", answer, is.Status, is.Points, r.Problems)
		case points >= 0 && (is.Status != StatusOK || is.Points != points):
			t.Errorf("%q: %s %d points", answer, is.Status, is.Points)
		}
	}
}
