package scoring

import (
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
)

// answerFor is an answer that earns exactly points on an indicator.
func answerFor(t *testing.T, ind *model.Indicator, points int) string {
	t.Helper()
	if ind.IsNumeric() {
		for _, b := range ind.Bands {
			if b.Points == points {
				return model.FormatNumber(b.Min)
			}
		}
	} else {
		for _, o := range ind.Options {
			if o.Points == points {
				return o.Text
			}
		}
	}
	t.Fatalf("indicator %s has no answer for %d points", ind.ID, points)
	return ""
}

// randomAnswers gives every indicator a random allowed answer, or none.
func randomAnswers(t *testing.T, m *model.Model, rng *rand.Rand) map[string]string {
	out := map[string]string{}
	for _, ind := range m.Indicators {
		var pts []int
		if ind.IsNumeric() {
			for _, b := range ind.Bands {
				pts = append(pts, b.Points)
			}
		} else {
			for _, o := range ind.Options {
				pts = append(pts, o.Points)
			}
		}
		if rng.IntN(8) == 0 {
			continue // missing answer
		}
		out[ind.ID] = answerFor(t, ind, pts[rng.IntN(len(pts))])
	}
	return out
}

func scoreMap(m *model.Model, p model.Profile, ans map[string]string) *Result {
	var kv []string
	for _, ind := range m.Indicators {
		if v, ok := ans[ind.ID]; ok {
			kv = append(kv, ind.ID, v)
		}
	}
	return Score(m, sub(p, kv...))
}

func scopeTally(r *Result, component string) Tally {
	if component == "" {
		return r.Total
	}
	for _, c := range r.Components {
		if c.ID == component {
			return c.Tally
		}
	}
	return Tally{}
}

// The plan is minimal: brute force over every subset of the scope's
// improvable indicators (each raised to its maximum) finds no smaller set
// that reaches the next level; and following the plan's own targets
// reaches the level it promises.
func TestPlanMinimalBruteForce(t *testing.T) {
	variants := []struct{ action, level, scope string }{
		{"force", "below_base", "both"},
		{"cap", "base", "both"},
		{"cap", "medium", "overall"},
		{"force", "below_base", "component"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for _, v := range variants {
		m := testModel(t, "", v.action, v.level, v.scope)
		for range 150 {
			profile := plain
			if rng.IntN(2) == 0 {
				profile = ovz
			}
			ans := randomAnswers(t, m, rng)
			r := scoreMap(m, profile, ans)
			nl := PlanNext(m, r)
			plans := append([]Plan{nl.Overall}, nl.Components...)
			for _, p := range plans {
				checkPlan(t, m, profile, ans, r, p)
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d plans checked", checked)
	}
}

func checkPlan(t *testing.T, m *model.Model, profile model.Profile, ans map[string]string, r *Result, p Plan) {
	t.Helper()
	tally := scopeTally(r, p.Component)
	if p.Current != tally.Level {
		t.Fatalf("plan %q current %d, result %d", p.Component, p.Current, tally.Level)
	}
	if p.Next < 0 {
		if tally.Max > 0 && tally.Level != len(m.Levels)-1 {
			t.Errorf("plan %q: no next level from %d", p.Component, tally.Level)
		}
		return
	}
	// Candidates: applicable indicators of the scope below their maximum.
	var cands []*IndicatorScore
	for i := range r.Indicators {
		is := &r.Indicators[i]
		if (p.Component == "" || is.Component == p.Component) && is.Status != StatusNotApplicable && is.Points < is.Max {
			cands = append(cands, is)
		}
	}
	best := -1
	for mask := 0; mask < 1<<len(cands); mask++ {
		n := bits.OnesCount(uint(mask))
		if best >= 0 && n >= best {
			continue
		}
		trial := clone(ans)
		for i, is := range cands {
			if mask&(1<<i) != 0 {
				trial[is.ID] = answerFor(t, is.Indicator, is.Indicator.Max)
			}
		}
		if scopeTally(scoreMap(m, profile, trial), p.Component).Level >= p.Next {
			best = n
		}
	}
	if best < 0 {
		if p.Reachable {
			t.Errorf("plan %q says level %d is reachable; brute force finds no way", p.Component, p.Next)
		}
		return
	}
	if !p.Reachable {
		t.Fatalf("plan %q says unreachable; brute force reaches it with %d", p.Component, best)
	}
	if len(p.Steps) != best {
		t.Errorf("plan %q has %d steps, the minimum is %d (answers %v)", p.Component, len(p.Steps), best, ans)
	}
	// Following the plan reaches the promised level.
	trial := clone(ans)
	for _, s := range p.Steps {
		trial[s.ID] = answerFor(t, s.Indicator, s.TargetPoints)
		if s.TargetPoints <= s.Points {
			t.Errorf("step %s does not gain: %d -> %d", s.ID, s.Points, s.TargetPoints)
		}
	}
	got := scopeTally(scoreMap(m, profile, trial), p.Component).Level
	if got < p.Next || got != p.Reaches {
		t.Errorf("plan %q: following it gives level %d, want ≥ %d and = promised %d", p.Component, got, p.Next, p.Reaches)
	}
	// Blocking critical failures come first.
	seenOther := false
	for _, s := range p.Steps {
		if s.Blocking && seenOther {
			t.Errorf("plan %q: blocking step %s after a non-blocking one", p.Component, s.ID)
		}
		seenOther = seenOther || !s.Blocking
	}
}

func clone(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestPlanStatements(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	// Everything at the maximum: the highest level.
	top := Score(m, sub(plain, "1", "полностью", "2", "есть", "3", "100", "5", "есть", "6", "5"))
	if p := PlanNext(m, top).Overall; p.Next != -1 || !p.Highest(len(m.Levels)) || !strings.Contains(p.Summary(m), "высший") {
		t.Errorf("highest: %+v %q", p, p.Summary(m))
	}
	// Points enough for medium, but the critical indicator 1 is at 0.
	r := Score(m, sub(plain, "1", "нет", "2", "есть", "3", "100", "5", "есть", "6", "5"))
	p := PlanNext(m, r).Overall
	if !p.Blocked || p.Missing != 0 || len(p.Steps) != 1 || p.Steps[0].ID != "1" || !p.Steps[0].Blocking ||
		p.Steps[0].Target != "полностью" || p.Reaches != 3 {
		t.Errorf("blocked plan: %+v", p)
	}
	// Plain sentences that name the step and say the level reached is
	// above the next one.
	if s := p.Summary(m); s != "Баллов для уровня «базовый» хватает (6 при нужных 3), но его держат невыполненные критические показатели. "+
		"Улучшить показатель: 1 «Выбор» — до ответа «полностью». После этого уровень — «высокий»." {
		t.Errorf("blocked summary: %q", s)
	}
	// The last step aims only as high as needed: 6/8 needs 1 more point
	// for high (85 % of 8 = 6.8 → 7); indicator 1 at «частично» earns it.
	r = Score(m, sub(plain, "1", "частично", "2", "нет", "3", "100", "5", "есть", "6", "5"))
	p = PlanNext(m, r).Overall
	if p.Next != 3 || p.Missing != 1 || len(p.Steps) != 1 {
		t.Fatalf("one-step plan: %+v", p)
	}
	if s := p.Steps[0]; s.ID != "1" || s.Target != "полностью" || s.Gain() != 1 {
		t.Errorf("step: %+v", s)
	}
	if s := p.Summary(m); !strings.HasPrefix(s, "До уровня «высокий» не хватает 1 балла (нужно 7 из 8). Улучшить показатель: 1 ") {
		t.Errorf("one-step summary: %q", s)
	}
}
