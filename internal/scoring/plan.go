package scoring

import (
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

// NextLevel is the way up from the levels a school has: overall and for
// each component, in model order.
type NextLevel struct {
	Overall    Plan
	Components []Plan
}

// Plan is the smallest set of indicator improvements that lifts one scope
// (the whole school, or one component) to its next level.
type Plan struct {
	Component string // "" for the overall plan
	Title     string // component title, or "Итог"
	Current   int    // current level index; -1 when nothing applies
	// Next is the level aimed at; -1 when Current is the highest level or
	// nothing applies.
	Next        int
	Points, Max int
	// Threshold is the points Next needs; Missing is how many of them the
	// school lacks (0 when only critical failures hold it back).
	Threshold, Missing int
	// Blocked: critical indicators with 0 points hold the level down by
	// the critical rule; they are the first steps.
	Blocked bool
	// Reachable is false when even every applicable indicator at its
	// maximum would not reach Next.
	Reachable bool
	Steps     []Step
	// Reaches is the level after all steps (it may be above Next when fixing
	// a critical failure releases points already earned).
	Reaches int
	// Basis is the tally's (Tally.Basis). When it is not BasisPoints,
	// Threshold and Missing are 0 and Score, Need say the same exactly
	// rounded for display: the score and what Next needs of it.
	Basis       string
	Score, Need float64
}

// Step is one indicator to improve.
type Step struct {
	*model.Indicator
	Answer       string // current answer as written ("" when missing)
	Points       int
	Target       string // the answer to aim for
	TargetPoints int
	// Blocking marks a critical failure the critical rule punishes here.
	Blocking bool
}

// Gain is the points the step adds.
func (s Step) Gain() int { return s.TargetPoints - s.Points }

// Highest reports that the scope is already at the top level.
func (p *Plan) Highest(levels int) bool { return p.Current == levels-1 }

// Explained is a scored school with its way to the next level: what every
// school report is written from, so that writers format the plan and never
// compute it.
type Explained struct {
	*Result
	Next NextLevel
}

// Explain plans the next level of a scored school.
func Explain(m *model.Model, r *Result) *Explained {
	return &Explained{Result: r, Next: PlanNext(m, r)}
}

// PlanNext builds the next-level plans of a scored school (overall and per
// component).
func PlanNext(m *model.Model, r *Result) NextLevel {
	// The candidates for steps: applicable indicators below their
	// maximum, in model order, overall and by component.
	all := make([]*IndicatorScore, 0, len(r.Indicators))
	byComponent := make([][]*IndicatorScore, len(r.Components))
	for i := range r.Indicators {
		is := &r.Indicators[i]
		if is.Status == StatusNotApplicable || is.Points >= is.Max {
			continue
		}
		all = append(all, is)
		byComponent[is.ComponentIndex()] = append(byComponent[is.ComponentIndex()], is)
	}
	var nl NextLevel
	for i, c := range r.Components {
		nl.Components = append(nl.Components, buildPlan(m, c.ID, c.Title, r.School.Profile, c.Tally, r.Components, byComponent[i]))
	}
	if r.Total.Basis == BasisMinLevel {
		nl.Overall = lowestPlan(m, r, nl.Components, all)
	} else {
		nl.Overall = buildPlan(m, "", m.Lang().T("Итог"), r.School.Profile, r.Total, r.Components, all)
	}
	return nl
}

// buildPlan plans one scope: the component (or overall, component "")
// whose tally is t, from the scope's candidates. The level comes from a
// score — plain points, weighted points or a mean of component percents;
// each point an indicator gains raises it by the indicator's coefficient
// (1 for plain points; see coefficients), and the steps gather the
// missing score with the largest gains first. Decisions are exact, on
// rationals.
func buildPlan(m *model.Model, component, title string, profile model.Profile, t Tally, comps []ComponentScore, candidates []*IndicatorScore) Plan {
	overall := component == ""
	p := Plan{Component: component, Title: title, Current: t.Level, Next: -1, Points: t.Points, Max: t.Max, Reaches: t.Level, Basis: t.Basis}
	if t.Max == 0 || t.Level < 0 || t.Level >= len(m.Levels)-1 {
		return p
	}
	p.Next = t.Level + 1
	have, need, of, coef, ok := p.target(m, component, profile, t, comps, candidates)
	if !ok {
		return p // no score reaches Next: Reachable stays false
	}
	gain := func(is *IndicatorScore, target int) *big.Rat {
		return new(big.Rat).Mul(coef[is.Indicator], big.NewRat(int64(target-is.Points), 1))
	}

	// A critical failure blocks Next when its rules would hold the level
	// below it: those come first, whatever the score.
	var others []*IndicatorScore
	for _, is := range candidates {
		if is.Fails(is.Points) {
			if after, _ := m.AfterCritical(p.Next, []*model.Indicator{is.Indicator}, overall); after < p.Next {
				s := Step{Indicator: is.Indicator, Answer: is.Answer, Points: is.Points, Blocking: true}
				s.Target, s.TargetPoints = targetFor(is.Indicator, is.Max)
				p.Steps = append(p.Steps, s)
				have.Add(have, gain(is, s.TargetPoints))
				continue
			}
		}
		others = append(others, is)
	}
	p.Blocked = len(p.Steps) > 0

	// Then the largest gains: to gather a sum with the fewest indicators,
	// taking the largest first is optimal. Ties: critical, then model order.
	best := make(map[*model.Indicator]*big.Rat, len(others))
	for _, is := range others {
		best[is.Indicator] = gain(is, is.Max)
	}
	slices.SortStableFunc(others, func(a, b *IndicatorScore) int {
		if c := best[b.Indicator].Cmp(best[a.Indicator]); c != 0 {
			return c
		}
		if a.Critical != b.Critical {
			if a.Critical {
				return -1
			}
			return 1
		}
		return 0
	})
	for _, is := range others {
		if have.Cmp(need) >= 0 {
			break
		}
		// The last step aims only as high as needed: the fewest points
		// whose gain covers what is missing.
		short := new(big.Rat).Sub(need, have)
		short.Quo(short, coef[is.Indicator])
		s := Step{Indicator: is.Indicator, Answer: is.Answer, Points: is.Points}
		s.Target, s.TargetPoints = targetFor(is.Indicator, min(is.Max, is.Points+int(ceil(short))))
		have.Add(have, gain(is, s.TargetPoints))
		p.Steps = append(p.Steps, s)
	}
	if have.Cmp(need) < 0 {
		p.Steps = nil
		return p
	}
	p.Reachable = true
	p.Reaches = m.LevelAt(component, profile, have, of)
	// The failures the steps leave failed still act.
	var still []*model.Indicator
	for _, is := range candidates {
		if is.Fails(is.Points) && !slices.ContainsFunc(p.Steps, func(s Step) bool { return s.Indicator == is.Indicator && !s.Fails(s.TargetPoints) }) {
			still = append(still, is.Indicator)
		}
	}
	p.Reaches, _ = m.AfterCritical(p.Reaches, still, overall)
	return p
}

// target is what the plan gathers: the score the scope has, the score
// Next needs out of the scope's maximum, and each candidate's coefficient;
// ok is false when no score reaches Next.
func (p *Plan) target(m *model.Model, component string, profile model.Profile, t Tally, comps []ComponentScore, candidates []*IndicatorScore) (have, need, of *big.Rat, coef map[*model.Indicator]*big.Rat, ok bool) {
	if p.scored() {
		of = t.scoreMax
		need = m.Thresholds.For(component, profile).Need(p.Next, of)
		p.Score, _ = t.score.Float64()
		p.Need, _ = need.Float64()
		return new(big.Rat).Set(t.score), need, of, coefficients(m, component == "", t.Basis, comps, candidates), need.Cmp(of) <= 0
	}
	p.Threshold = t.Needs[p.Next]
	if p.Threshold < 0 {
		return nil, nil, nil, nil, false
	}
	p.Missing = max(0, p.Threshold-t.Points)
	coef = make(map[*model.Indicator]*big.Rat, len(candidates))
	for _, is := range candidates {
		coef[is.Indicator] = big.NewRat(1, 1) // a point is a point
	}
	return big.NewRat(int64(t.Points), 1), big.NewRat(int64(p.Threshold), 1), big.NewRat(int64(t.Max), 1), coef, true
}

// targetFor is the answer earning the fewest points that are at least
// want (the first such in model order).
func targetFor(ind *model.Indicator, want int) (string, int) {
	text, points := ind.Best(), ind.Max
	if ind.IsNumeric() {
		for _, b := range ind.Bands {
			if b.Points >= want && b.Points < points {
				text, points = b.Label(ind.Number), b.Points
			}
		}
		return text, points
	}
	if ind.Multiple {
		return ind.OptionsFor(want)
	}
	for _, o := range ind.Options {
		if o.Points >= want && o.Points < points {
			text, points = o.Text, o.Points
		}
	}
	return text, points
}

// Summary states the plan in plain sentences of the model's language:
// what the next level needs, which indicators to improve and to which
// answers, and the level the steps reach when it is above the next one.
func (p *Plan) Summary(m *model.Model) string {
	head, steps := p.SummaryParts(m)
	return head + steps
}

// SummaryParts is the summary's first sentence — what the next level
// needs — and the rest: the steps (each beginning with a space; "" when
// there are none).
func (p *Plan) SummaryParts(m *model.Model) (head, steps string) {
	l := m.Lang()
	switch {
	case p.Current < 0:
		return l.T("Нет применимых показателей."), ""
	case p.Next < 0:
		return l.T("Уровень «%s» — высший.", m.Levels[p.Current].Title), ""
	case !p.Reachable && p.Basis == BasisMinLevel:
		return l.T("Общий уровень — наименьший из уровней компонентов; уровень «%s» недостижим: его не достигает хотя бы один компонент на применимых показателях.", m.Levels[p.Next].Title), ""
	case !p.Reachable && p.scored():
		return l.T("Уровень «%s» на применимых показателях недостижим: ему нужно %s.", m.Levels[p.Next].Title, p.needText(l)), ""
	case !p.Reachable:
		return l.T("Уровень «%s» на применимых показателях недостижим: ему нужно %s из %d возможных.",
			m.Levels[p.Next].Title, l.Count(p.Threshold, "балл", "балла", "баллов"), p.Max), ""
	}
	next := m.Levels[p.Next].Title
	held := ""
	if p.Blocked {
		held = l.T(", и его держат невыполненные критические показатели")
	}
	missing := l.Count(p.Missing, "балла", "баллов", "баллов")
	switch {
	case p.Basis == BasisMinLevel:
		head = l.T("Общий уровень — наименьший из уровней компонентов: для уровня «%s» его должны достичь все компоненты%s.", next, held)
	case p.scored() && p.Score >= p.Need:
		head = l.T("Для уровня «%s» хватает %s, но его держат невыполненные критические показатели.", next, p.needText(l))
	case p.scored():
		head = l.T("До уровня «%s» не хватает: %s, а набрано %s%s.", next, p.needText(l), p.scoreText(l), held)
	case p.Blocked && p.Missing == 0:
		head = l.T("Баллов для уровня «%s» хватает (%d при нужных %d), но его держат невыполненные критические показатели.", next, p.Points, p.Threshold)
	case p.Blocked:
		head = l.T("До уровня «%s» не хватает %s (нужно %d из %d), и его держат невыполненные критические показатели.", next, missing, p.Threshold, p.Max)
	default:
		head = l.T("До уровня «%s» не хватает %s (нужно %d из %d).", next, missing, p.Threshold, p.Max)
	}
	list := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		list[i] = l.T("%s «%s» — до ответа «%s»", s.ID, s.Text, s.Target)
	}
	// One indicator or several, by the language's rules (Russian says
	// «показатель» after 21 too).
	if l.Plural(len(list), "1", "n", "n") == "1" {
		steps = l.T(" Улучшить показатель: %s.", strings.Join(list, "; "))
	} else {
		steps = l.T(" Улучшить показатели: %s.", strings.Join(list, "; "))
	}
	if p.Reaches > p.Next {
		steps += l.T(" После этого уровень — «%s».", m.Levels[p.Reaches].Title)
	}
	return head, steps
}

// scored: the level comes from a weighted score or a mean, not points.
func (p *Plan) scored() bool { return p.Basis == BasisWeighted || p.Basis == BasisMean }

// needText says what the next level needs of a score that is not plain
// points: «взвешенная сумма баллов 30,5» or «средний процент компонентов
// 70 %».
func (p *Plan) needText(l lang.Lang) string {
	if p.Basis == BasisMean {
		return l.T("средний процент компонентов %s %%", ScoreText(l, p.Need))
	}
	return l.T("взвешенная сумма баллов %s", ScoreText(l, p.Need))
}

func (p *Plan) scoreText(l lang.Lang) string {
	if p.Basis == BasisMean {
		return ScoreText(l, p.Score) + " %"
	}
	return ScoreText(l, p.Score)
}

// ScoreText writes a weighted score or a mean for people: rounded to
// hundredths («8,8», «42,86»); the decisions are made on the exact
// rationals, never on this.
func ScoreText(l lang.Lang, v float64) string { return l.Number(math.Round(v*100) / 100) }
