package calibrate

import (
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
)

// TestExactIntervalBounds pins the interval rule: a table of S points at
// level L says T_k ≤ S for k ≤ L and T_k ≥ S+1 for k > L, so the bounds
// are exactly the tightest such S and S+1; the intervals never fall with
// the level; a table a failed critical indicator explains bounds nothing.
func TestExactIntervalBounds(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := m.Respondent.DefaultProfile()
	_, max := m.Maxima(p)
	crit := m.Indicators[0]
	for !crit.Critical {
		crit = m.Indicators[1]
	}
	tab := func(total, level int, failed ...*model.Indicator) table {
		return table{source: "t", profile: p, total: total, level: level, max: max, failed: failed}
	}
	for _, tt := range []struct {
		name   string
		tables []table
		from   []int  // per level above the lowest
		to     []*int // nil: unbounded above
		left   int
	}{
		{"one table at base", []table{tab(50, 1)}, []int{0, 51, 51}, []*int{new(50), nil, nil}, 0},
		{"below base", []table{tab(40, 0)}, []int{41, 41, 41}, []*int{nil, nil, nil}, 0},
		{"at the highest", []table{tab(90, 3)}, []int{0, 0, 0}, []*int{new(90), new(90), new(90)}, 0},
		{"four tables", []table{tab(50, 1), tab(40, 0), tab(90, 3), tab(70, 2), tab(45, 1), tab(75, 2)},
			[]int{41, 51, 76}, []*int{new(45), new(70), new(90)}, 0},
		{"a critical table bounds nothing", []table{tab(50, 1), tab(100, 0, crit)}, []int{0, 51, 51}, []*int{new(50), nil, nil}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := calibrateProfile(m, p, tt.tables)
			if got.LeftOut != tt.left {
				t.Errorf("left out %d, want %d", got.LeftOut, tt.left)
			}
			for i, th := range got.Thresholds {
				if th.From != tt.from[i] || !sameBound(th.To, tt.to[i]) {
					t.Errorf("%s: [%d; %v], want [%d; %v]", th.Level, th.From, show(th.To), tt.from[i], show(tt.to[i]))
				}
				if i > 0 && (th.From < got.Thresholds[i-1].From || (got.Thresholds[i-1].To != nil && th.To != nil && *th.To < *got.Thresholds[i-1].To)) {
					t.Errorf("%s: interval falls below the level under it", th.Level)
				}
			}
		})
	}
}

func sameBound(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func show(p *int) any {
	if p == nil {
		return "∞"
	}
	return *p
}

// Calibration serves only models whose levels come from plain sums of
// points: a weight, the mean of components or the lowest component level
// is declined with the reason.
func TestSupported(t *testing.T) {
	embedded, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := Supported(embedded); err != nil {
		t.Errorf("the embedded model declined: %v", err)
	}
	for _, tc := range []struct{ root, indicator, want string }{
		{"overall: mean_of_components\n", "", "mean_of_components"},
		{"overall: min_component_level\n", "", "min_component_level"},
		{"", "    weight: 1.5\n", "веса (weight)"},
	} {
		m := modeltest.LoadRoot(t, modeltest.Root+tc.root, "  - id: \"1\"\n"+tc.indicator+"    text: П\n    options: [{text: нет, points: 0}, {text: да, points: 1}]\n")
		if err := Supported(m); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q%q: %v, want a refusal naming %q", tc.root, tc.indicator, err, tc.want)
		}
	}
}
