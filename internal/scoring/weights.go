package scoring

import (
	"math/big"
	"slices"

	"github.com/selfdiag/selfdiag/internal/model"
)

// score is what a level is found from, exactly: value out of of, and its
// basis (see Tally.Basis).
type score struct {
	basis     string
	value, of *big.Rat
	minLevel  int // BasisMinLevel: the lowest component level
}

// weights holds the exact sums of one school's scored indicators: per
// component, points times the indicators' weights (plain points when the
// model weighs no indicator).
type weights struct {
	components []score
}

// weigh sums every applicable indicator's points and maximum, times its
// weight, into its component. Without weights on indicators the sums are
// the components' points and maxima (comps), as summed already.
func weigh(m *model.Model, inds []IndicatorScore, comps []ComponentScore) weights {
	w := weights{components: make([]score, len(m.Components))}
	if !slices.ContainsFunc(m.Indicators, func(ind *model.Indicator) bool { return !ind.Weight.IsOne() }) {
		plain := m.LevelsFromPoints()
		for i, c := range comps {
			w.components[i] = score{basis: BasisPoints}
			if !plain {
				// The overall level needs the components' sums.
				w.components[i].value, w.components[i].of = big.NewRat(int64(c.Points), 1), big.NewRat(int64(c.Max), 1)
			}
		}
		return w
	}
	for i := range w.components {
		w.components[i] = score{basis: BasisWeighted, value: new(big.Rat), of: new(big.Rat)}
	}
	for _, is := range inds {
		if is.Status == StatusNotApplicable {
			continue
		}
		c := &w.components[is.ComponentIndex()]
		wt := is.Weight.Rat()
		c.value.Add(c.value, new(big.Rat).Mul(wt, big.NewRat(int64(is.Points), 1)))
		c.of.Add(c.of, new(big.Rat).Mul(wt, big.NewRat(int64(is.Max), 1)))
	}
	return w
}

// overall is the score the overall level is found from, by the model's
// rule: the (weighted) sum of the components, the weighted mean of their
// percents, or the lowest of their levels (comps: their tallies, the
// critical rule applied).
func (w weights) overall(m *model.Model, comps []ComponentScore) score {
	if m.LevelsFromPoints() {
		return score{basis: BasisPoints} // plain points: level finds the level in integers
	}
	total := score{basis: BasisPoints, value: new(big.Rat), of: new(big.Rat)}
	if m.Weighted() {
		total.basis = BasisWeighted
	}
	for i, c := range w.components {
		cw := m.Components[i].Weight.Rat()
		total.value.Add(total.value, new(big.Rat).Mul(cw, c.value))
		total.of.Add(total.of, new(big.Rat).Mul(cw, c.of))
	}
	switch m.Overall {
	case model.OverallMean:
		mean, weightSum := new(big.Rat), new(big.Rat)
		for i, c := range w.components {
			if c.of.Sign() == 0 {
				continue // nothing applies: no percent to average
			}
			cw := m.Components[i].Weight.Rat()
			pct := new(big.Rat).Quo(new(big.Rat).Mul(c.value, big.NewRat(100, 1)), c.of)
			mean.Add(mean, pct.Mul(pct, cw))
			weightSum.Add(weightSum, cw)
		}
		if weightSum.Sign() > 0 {
			mean.Quo(mean, weightSum)
		}
		return score{basis: BasisMean, value: mean, of: big.NewRat(100, 1)}
	case model.OverallMinLevel:
		total.basis, total.minLevel = BasisMinLevel, -1
		for _, c := range comps {
			if c.Max > 0 && (total.minLevel < 0 || c.Level < total.minLevel) {
				total.minLevel = c.Level
			}
		}
	}
	return total
}

// floorPercent is value out of of in percent, rounded down to one decimal
// (as Tally.Percent).
func floorPercent(value, of *big.Rat) float64 {
	if of.Sign() == 0 {
		return 0
	}
	tenths := new(big.Rat).Quo(new(big.Rat).Mul(value, big.NewRat(1000, 1)), of)
	q := new(big.Int).Quo(tenths.Num(), tenths.Denom())
	return float64(q.Int64()) / 10
}
