package scoring

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/selfdiag/selfdiag/internal/model"
)

// scorePlan plans a scope whose level comes from a weighted score or a
// mean of component percents, as buildPlan does for plain points: each
// point an indicator gains raises the score by its coefficient (its
// weight, times its component's weight overall; for a mean, its share of
// the mean), and the largest gains in score come first.
func scorePlan(m *model.Model, component string, profile model.Profile, t Tally, p Plan, comps []ComponentScore, candidates []*IndicatorScore) Plan {
	overall := component == ""
	set := m.Thresholds.For(component, profile)
	need := set.Need(p.Next, t.scoreMax)
	p.Basis = t.Basis
	p.Score, _ = t.score.Float64()
	p.Need, _ = need.Float64()
	if need.Cmp(t.scoreMax) > 0 {
		return p // not reachable
	}
	coef := coefficients(m, overall, t.Basis, comps, candidates)
	gain := func(is *IndicatorScore, target int) *big.Rat {
		return new(big.Rat).Mul(coef[is.Indicator], big.NewRat(int64(target-is.Points), 1))
	}
	var blocking []Step
	var others []*IndicatorScore
	have := new(big.Rat).Set(t.score)
	for _, is := range candidates {
		if is.Fails(is.Points) {
			if after, _ := m.AfterCritical(p.Next, []*model.Indicator{is.Indicator}, overall); after < p.Next {
				s := Step{Indicator: is.Indicator, Answer: is.Answer, Points: is.Points, Blocking: true}
				s.Target, s.TargetPoints = targetFor(is.Indicator, is.Max)
				blocking = append(blocking, s)
				have.Add(have, gain(is, s.TargetPoints))
				continue
			}
		}
		others = append(others, is)
	}
	p.Blocked = len(blocking) > 0
	p.Steps = blocking
	slices.SortStableFunc(others, func(a, b *IndicatorScore) int {
		if c := gain(b, b.Max).Cmp(gain(a, a.Max)); c != 0 {
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
		want := is.Points + int(ceil(short))
		s := Step{Indicator: is.Indicator, Answer: is.Answer, Points: is.Points}
		s.Target, s.TargetPoints = targetFor(is.Indicator, min(is.Max, want))
		have.Add(have, gain(is, s.TargetPoints))
		p.Steps = append(p.Steps, s)
	}
	if have.Cmp(need) < 0 {
		p.Steps = nil
		return p
	}
	p.Reachable = true
	p.Reaches = m.LevelAt(component, profile, have, t.scoreMax)
	var still []*model.Indicator
	for _, is := range candidates {
		if is.Fails(is.Points) && !slices.ContainsFunc(p.Steps, func(s Step) bool { return s.Indicator == is.Indicator && !s.Fails(s.TargetPoints) }) {
			still = append(still, is.Indicator)
		}
	}
	p.Reaches, _ = m.AfterCritical(p.Reaches, still, overall)
	return p
}

// coefficients is how much the scope's score rises per point each
// candidate gains: its weight, times its component's weight overall; for
// the mean of component percents, its share of that mean —
// w_c·w_i·100 / (M_c·Σw_c), M_c the component's weighted maximum and the
// sum over the components that have a maximum.
func coefficients(m *model.Model, overall bool, basis string, comps []ComponentScore, candidates []*IndicatorScore) map[*model.Indicator]*big.Rat {
	weightSum := new(big.Rat)
	for i, c := range comps {
		if c.Max > 0 {
			weightSum.Add(weightSum, rat(m.Components[i].Weight))
		}
	}
	out := make(map[*model.Indicator]*big.Rat, len(candidates))
	for _, is := range candidates {
		ci := is.ComponentIndex()
		k := rat(is.Weight)
		if overall {
			k.Mul(k, rat(m.Components[ci].Weight))
		}
		if overall && basis == BasisMean {
			k.Mul(k, big.NewRat(100, 1))
			k.Quo(k, new(big.Rat).Mul(comps[ci].scoreMax, weightSum))
		}
		out[is.Indicator] = k
	}
	return out
}

// ceil rounds a non-negative rational up to a whole number.
func ceil(r *big.Rat) int64 {
	q, rem := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if rem.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}

// lowestPlan plans the overall level of a model whose overall level is its
// lowest component's: every component at that level must reach the next
// one, so the steps are their plans' together.
func lowestPlan(m *model.Model, r *Result, comps []Plan, all []*IndicatorScore) Plan {
	t := r.Total
	p := Plan{Title: "Итог", Current: t.Level, Next: -1, Points: t.Points, Max: t.Max, Reaches: t.Level, Basis: t.Basis}
	if t.Max == 0 || t.Level < 0 || t.Level >= len(m.Levels)-1 {
		return p
	}
	p.Next = t.Level + 1
	p.Reachable = true
	reaches := len(m.Levels) - 1
	for i, cp := range comps {
		c := r.Components[i]
		if c.Max == 0 {
			continue
		}
		if c.Level >= p.Next {
			reaches = min(reaches, c.Level)
			continue
		}
		if !cp.Reachable || cp.Next != p.Next {
			p.Reachable, p.Steps = false, nil
			return p
		}
		p.Blocked = p.Blocked || cp.Blocked
		p.Steps = append(p.Steps, cp.Steps...)
		reaches = min(reaches, cp.Reaches)
	}
	// Critical failures the overall rules punish are steps too.
	for _, is := range all {
		if !is.Fails(is.Points) || slices.ContainsFunc(p.Steps, func(s Step) bool { return s.Indicator == is.Indicator }) {
			continue
		}
		if after, _ := m.AfterCritical(p.Next, []*model.Indicator{is.Indicator}, true); after < p.Next {
			s := Step{Indicator: is.Indicator, Answer: is.Answer, Points: is.Points, Blocking: true}
			s.Target, s.TargetPoints = targetFor(is.Indicator, is.Max)
			p.Steps = append(p.Steps, s)
			p.Blocked = true
		}
	}
	slices.SortStableFunc(p.Steps, func(a, b Step) int { return cmp.Compare(a.Index(), b.Index()) })
	var still []*model.Indicator
	for _, is := range all {
		if is.Fails(is.Points) && !slices.ContainsFunc(p.Steps, func(s Step) bool { return s.Indicator == is.Indicator && !s.Fails(s.TargetPoints) }) {
			still = append(still, is.Indicator)
		}
	}
	p.Reaches, _ = m.AfterCritical(reaches, still, true)
	return p
}
