package scoring

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/selfdiag/selfdiag/internal/model"
)

// coefficients is how much the scope's score rises per point each
// candidate gains: its weight, times its component's weight overall; for
// the mean of component percents, its share of that mean —
// w_c·w_i·100 / (M_c·Σw_c), M_c the component's weighted maximum and the
// sum over the components that have a maximum.
func coefficients(m *model.Model, overall bool, basis string, comps []ComponentScore, candidates []*IndicatorScore) map[*model.Indicator]*big.Rat {
	weightSum := new(big.Rat)
	for i, c := range comps {
		if c.Max > 0 {
			weightSum.Add(weightSum, m.Components[i].Weight.Rat())
		}
	}
	out := make(map[*model.Indicator]*big.Rat, len(candidates))
	for _, is := range candidates {
		ci := is.ComponentIndex()
		k := is.Weight.Rat()
		if overall {
			k.Mul(k, m.Components[ci].Weight.Rat())
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
	p := Plan{Title: m.Lang().T("Итог"), Current: t.Level, Next: -1, Points: t.Points, Max: t.Max, Reaches: t.Level, Basis: t.Basis}
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
