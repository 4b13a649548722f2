package scoring

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/model"
)

// weighModel is a model of two components with three levels (from 50 and
// 80 %): a1 weighs 3, a2 may be «н/п», b1 is critical below fails points.
// The root gets extra lines (overall, weights of components, a rule).
func weighModel(t *testing.T, root, wa, wb, failsBelow string) *model.Model {
	t.Helper()
	r := `schema: selfdiag.model/v1
id: w
version: "1"
title: Веса
source: тест
levels:
  - {id: low, title: низкий}
  - {id: mid, title: средний}
  - {id: high, title: высокий}
components:
  - {id: a, title: А, kind: direction, weight: WA}
  - {id: b, title: Б, kind: direction, weight: WB}
thresholds:
  default: {percent: {mid: 50, high: 80}}
` + root
	inds := `indicators:
  - id: A.1
    component: a
    weight: 3
    text: Первый
    options: [{text: нет, points: 0}, {text: да, points: 2}]
  - id: A.2
    component: a
    text: Второй
    options: [{text: нет, points: 0}, {text: да, points: 1}, {text: н/п, not_applicable: true}]
  - id: B.1
    component: b
    text: Третий
    critical: {fails_below: ` + failsBelow + `}
    options: [{text: нет, points: 0}, {text: частично, points: 2}, {text: да, points: 4}]
`
	r = strings.NewReplacer("weight: WA", "weight: "+wa, "weight: WB", "weight: "+wb).Replace(r)
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(r)}, "i.yaml": {Data: []byte(inds)}}, "w")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestWeightsAndOverallRules pins how weights and the overall rule make
// levels, worked by hand, with not-applicable answers and critical caps.
func TestWeightsAndOverallRules(t *testing.T) {
	for _, tc := range []struct {
		name              string
		root              string // overall, component weights (WA, WB), rule
		failsBelow        string
		a1, a2, b1        string
		compA, compB, all string // levels
		points, max       int    // earned, unweighted
		percent           float64
		basis             string
	}{
		// a: 3·2+0 = 6 of 3·2+1 = 7, 85,7 % (unweighted 2 of 3 would be
		// 66,6 %, «средний»); b: 2 of 4; overall 8 of 11, 72,7 %.
		{"weighted sum", "", "1", "да", "нет", "частично", "high", "mid", "mid", 4, 7, 72.7, BasisWeighted},
		// «н/п» leaves a2 out of both sums: a 6 of 6; overall 8 of 10.
		{"not applicable with weights", "", "1", "да", "н/п", "частично", "high", "mid", "high", 4, 6, 80, BasisWeighted},
		// a weighing 2: a 6 of 7 ×2 = 12 of 14, b 2 of 4: 14 of 18, 77,7 %.
		{"component weights", "WA=2", "1", "да", "нет", "частично", "high", "mid", "mid", 4, 7, 77.7, BasisWeighted},
		// Sum 6 of 11 = 54,5 % would be «средний»; the mean of 85,7 % and
		// 0 % is 42,8 %: «низкий».
		{"mean of components", "overall: mean_of_components\n", "1", "да", "нет", "нет", "high", "low", "low", 2, 7, 42.8, BasisMean},
		// Weighted mean (a 1, b 3): (85,71 + 3·100) / 4 = 96,4 %.
		{"weighted mean", "overall: mean_of_components\nWB=3", "1", "да", "нет", "да", "high", "high", "high", 6, 7, 96.4, BasisMean},
		{"lowest component level", "overall: min_component_level\n", "1", "да", "нет", "частично", "high", "mid", "mid", 4, 7, 72.7, BasisMinLevel},
		// b1 «частично» fails below 4: the rule caps only the overall
		// level, under the lowest component level «средний».
		{"lowest level with a critical cap", "overall: min_component_level\ncritical_rule: {action: cap, level: low, scope: overall}\n", "4", "да", "нет", "частично", "high", "mid", "low", 4, 7, 72.7, BasisMinLevel},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, wa, wb := tc.root, "1", "1"
			if i := strings.Index(root, "WA="); i >= 0 {
				wa, root = root[i+3:], root[:i]
			}
			if i := strings.Index(root, "WB="); i >= 0 {
				wb, root = root[i+3:], root[:i]
			}
			if !strings.Contains(root, "critical_rule") {
				root += "critical_rule: {action: cap, level: mid, scope: component}\n"
			}
			m := weighModel(t, root, wa, wb, tc.failsBelow)
			r := Score(m, sub(plain, "A.1", tc.a1, "A.2", tc.a2, "B.1", tc.b1))
			got := []string{r.Components[0].LevelID, r.Components[1].LevelID, r.Total.LevelID}
			want := []string{tc.compA, tc.compB, tc.all}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("levels a, b, overall = %v, want %v", got, want)
			}
			if r.Total.Points != tc.points || r.Total.Max != tc.max || r.Total.Percent != tc.percent || r.Total.Basis != tc.basis {
				t.Errorf("total %d of %d, %v %% (%s), want %d of %d, %v %% (%s)", r.Total.Points, r.Total.Max, r.Total.Percent, r.Total.Basis,
					tc.points, tc.max, tc.percent, tc.basis)
			}
		})
	}
}

// TestPlansByScore: the way to the next level is counted in the score
// the level comes from — weighted points, the mean of component percents,
// or every component at the lowest level rising.
func TestPlansByScore(t *testing.T) {
	rule := "critical_rule: {action: cap, level: mid, scope: component}\n"
	for _, tc := range []struct {
		name, root string
		a1, a2, b1 string
		steps      string // id → target answer
		reaches    string
		summary    string
	}{
		// 8 of 11; «высокий» needs 8,8: B.1 gains 2 weighted points,
		// A.2 only 1 — B.1 to «да» (3 points would do, «да» is the least).
		{"weighted", rule, "да", "нет", "частично", "B.1→да", "high", "взвешенная сумма баллов 8,8, а набрано 8"},
		// 42,86 %; «средний» needs 50: a point of B.1 is 12,5 points of
		// the mean, of A.2 7,14 — B.1 to «частично» (67,86 %).
		{"mean", "overall: mean_of_components\n" + rule, "да", "нет", "нет", "B.1→частично", "mid", "средний процент компонентов 50 %, а набрано 42,86 %"},
		// a «высокий», b «средний»: b must rise, 80 % of 4 is 3,2.
		{"lowest level", "overall: min_component_level\n" + rule, "да", "нет", "частично", "B.1→да", "high", "его должны достичь все компоненты"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := weighModel(t, tc.root, "1", "1", "1")
			e := Explain(m, Score(m, sub(plain, "A.1", tc.a1, "A.2", tc.a2, "B.1", tc.b1)))
			p := e.Next.Overall
			var steps []string
			for _, s := range p.Steps {
				steps = append(steps, s.ID+"→"+s.Target)
			}
			if strings.Join(steps, ", ") != tc.steps || !p.Reachable || m.Levels[p.Reaches].ID != tc.reaches {
				t.Errorf("steps %v, reachable %v, reaches %s; want %s reaching %s", steps, p.Reachable, m.Levels[p.Reaches].ID, tc.steps, tc.reaches)
			}
			if s := p.Summary(m); !strings.Contains(s, tc.summary) {
				t.Errorf("summary %q does not say %q", s, tc.summary)
			}
		})
	}
}

// A numeric indicator's «does not apply» word takes it out as an option
// marked not_applicable does; any other word is no number.
func TestNumberNotApplicableWord(t *testing.T) {
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(testRootPlain)},
		"a.yaml": {Data: []byte(`component: a
indicators:
  - id: "1"
    text: Доля выпускников
    number: {unit: "%", min: 0, max: 100, not_applicable: [нет выпускников, н/п]}
    bands: [{min: 0, max: 50, points: 0}, {min: 50, points: 1}]
  - id: "2"
    text: Второй
    options: [{text: нет, points: 0}, {text: да, points: 1}]
`)}}, "n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		answer, status string
		max            int
	}{{"Нет выпускников", StatusNotApplicable, 1}, {"н/п", StatusNotApplicable, 1}, {"60", StatusOK, 2}, {"нет данных", StatusInvalid, 2}} {
		r := Score(m, sub(plain, "1", tc.answer, "2", "да"))
		if r.Indicators[0].Status != tc.status || r.Total.Max != tc.max {
			t.Errorf("%q: %s, max %d; want %s, %d", tc.answer, r.Indicators[0].Status, r.Total.Max, tc.status, tc.max)
		}
	}
}

const testRootPlain = `schema: selfdiag.model/v1
id: n
version: "1"
title: Т
source: тест
levels: [{id: low, title: низкий}, {id: high, title: высокий}]
components: [{id: a, title: А, kind: direction}]
thresholds: {default: {percent: {high: 50}}}
`
