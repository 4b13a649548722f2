package model

import (
	"math"
	"math/big"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
)

// Threshold units.
const (
	UnitPercent = "percent" // percent of the applicable maximum
	UnitPoints  = "points"  // points
)

// ThresholdSet gives, for every level but the lowest, the value a school must
// reach for that level. Values are exact rationals, so 35 % of 137 points is
// decided without rounding.
type ThresholdSet struct {
	Unit   string     // UnitPercent or UnitPoints
	Values []Rational // indexed like Model.Levels; Values[0] is unused
	// Where the set is written, for messages: its key and place.
	name string
	loc  problem.Location
}

// Rational is an exact threshold value Num/Den (Den > 0). Parsing limits both
// to values far below where int64 products could overflow.
type Rational struct{ Num, Den int64 }

// ParseRational reads a decimal such as "35", "35.5" or "2/3" exactly.
func ParseRational(s string) (Rational, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok || !r.Num().IsInt64() || !r.Denom().IsInt64() {
		return Rational{}, false
	}
	n, d := r.Num().Int64(), r.Denom().Int64()
	if n > 1e9 || n < -1e9 || d > 1e6 {
		return Rational{}, false
	}
	return Rational{n, d}, true
}

// Cmp compares r with s: -1, 0 or +1.
func (r Rational) Cmp(s Rational) int {
	a, b := r.Num*s.Den, s.Num*r.Den
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String prints the value as a decimal with a decimal comma when it is
// one («35», «35,5»), else as a fraction («2/3»).
func (r Rational) String() string { return r.In(lang.RU) }

// In prints the value in a language: a decimal with its separator, or a
// fraction («2/3») when it has no finite decimal.
func (r Rational) In(l lang.Lang) string {
	d := r.Decimal()
	if strings.Contains(d, "/") {
		return d
	}
	return l.Number(r.Float())
}

// Rat is the value as a big.Rat, for exact sums; the zero Rational (a
// weight never set) is 1.
func (r Rational) Rat() *big.Rat {
	if r.IsOne() {
		return big.NewRat(1, 1)
	}
	return big.NewRat(r.Num, r.Den)
}

// IsOne says whether the value is 1, a weight that changes nothing (the
// zero Rational, a weight never set, counts as 1).
func (r Rational) IsOne() bool { return r.Num == r.Den }

// Float returns the value as a float64, for JSON.
func (r Rational) Float() float64 { return float64(r.Num) / float64(r.Den) }

// MinPoints returns the fewest whole points out of max that reach level i,
// or -1 when not even max points do.
func (s ThresholdSet) MinPoints(i, max int) int {
	// points reach the level when points >= num/den.
	num, den := s.Values[i].Num, s.Values[i].Den
	if s.Unit == UnitPercent {
		if max <= 0 {
			return -1
		}
		num, den = num*int64(max), 100*den
	}
	p := num / den // rounded up: the fewest whole points
	if p*den < num {
		p++
	}
	if p < 0 {
		p = 0
	}
	if p > int64(max) {
		return -1
	}
	return int(p)
}

// Percents gives each of levels thresholds as percent of max, index 0
// (the lowest level) 0. A points threshold of a set with nothing to earn
// (max 0) is +Inf: no school reaches it.
func (s ThresholdSet) Percents(levels, max int) []float64 {
	out := make([]float64, levels)
	for i := 1; i < levels && i < len(s.Values); i++ {
		v := s.Values[i].Float()
		if s.Unit == UnitPoints {
			if max <= 0 {
				v = math.Inf(1)
			} else {
				v = v * 100 / float64(max)
			}
		}
		out[i] = v
	}
	return out
}

// Standing is what the thresholds in force say of a score: the level it
// reaches and what every level needs.
type Standing struct {
	// Level is the highest level the points reach (0, the lowest, when
	// they reach no threshold).
	Level int
	// Needs[l] is the fewest points out of the maximum that reach level l,
	// -1 when no number of points does; Needs[0] is 0.
	Needs []int
}

// Standing answers, for a school of profile p, which level points out of
// max reach in a component (or overall: component ""), and how many
// points each level needs. Scoring and the next-level plan both ask it.
func (m *Model) Standing(component string, p Profile, points, max int) Standing {
	set := m.Thresholds.For(component, p)
	st := Standing{Needs: make([]int, len(set.Values))}
	// Whole points reach a level when they reach its fewest whole points:
	// the same decision LevelAt makes on rationals (TestStandingIsLevelAt),
	// in integers, as a district of forty thousand schools needs.
	for l := 1; l < len(set.Values); l++ {
		st.Needs[l] = set.MinPoints(l, max)
		if st.Needs[l] >= 0 && points >= st.Needs[l] {
			st.Level = l
		}
	}
	return st
}

// LevelAt is the highest level a score out of a maximum reaches by the
// thresholds in force (0, the lowest, when it reaches none), decided
// exactly: a percent threshold v is reached when score ≥ v·max/100, a
// points threshold when score ≥ v. The score is points, weighted points or
// a mean of percents out of 100, as the model finds its levels.
func (m *Model) LevelAt(component string, p Profile, score, of *big.Rat) int {
	set := m.Thresholds.For(component, p)
	level := 0
	if set.Unit == UnitPercent && of.Sign() <= 0 {
		return level // nothing to earn: no share of it is reached
	}
	for l := 1; l < len(set.Values); l++ {
		if score.Cmp(set.Need(l, of)) >= 0 {
			level = l
		}
	}
	return level
}

// Need is the score level l needs out of a maximum, exactly.
func (s ThresholdSet) Need(l int, of *big.Rat) *big.Rat {
	v := s.Values[l].Rat()
	if s.Unit == UnitPercent {
		v.Mul(v, of)
		v.Quo(v, big.NewRat(100, 1))
	}
	return v
}

// Thresholds holds the base threshold sets and the profile variants.
type Thresholds struct {
	Default    ThresholdSet
	Overall    *ThresholdSet
	Components map[string]ThresholdSet
	Variants   []ThresholdVariant
}

// ThresholdVariant replaces thresholds for schools of a given profile. Its
// Default applies to everything the variant does not name.
type ThresholdVariant struct {
	ID         string
	When       Applicability
	Default    *ThresholdSet
	Overall    *ThresholdSet
	Components map[string]ThresholdSet
	// Where the variant is written, for messages.
	name string
	loc  problem.Location
}

// For returns the threshold set for the overall level (component == "") or
// for one component, for a school of the given profile.
func (t Thresholds) For(component string, p Profile) ThresholdSet {
	for _, v := range t.Variants {
		if !v.When.AppliesTo(p) {
			continue
		}
		if component == "" && v.Overall != nil {
			return *v.Overall
		}
		if s, ok := v.Components[component]; ok && component != "" {
			return s
		}
		if v.Default != nil {
			return *v.Default
		}
		break
	}
	if component == "" {
		if t.Overall != nil {
			return *t.Overall
		}
		return t.Default
	}
	if s, ok := t.Components[component]; ok {
		return s
	}
	return t.Default
}

// Critical rule actions and scopes.
const (
	ActionForce = "force" // a failed critical indicator sets the level
	ActionCap   = "cap"   // a failed critical indicator caps the level

	ScopeComponent = "component"
	ScopeOverall   = "overall"
	ScopeBoth      = "both"
)

// CriticalRule says what a failed critical indicator does.
type CriticalRule struct {
	Action string // ActionForce or ActionCap
	Level  int    // index into Model.Levels
	Scope  string // ScopeComponent, ScopeOverall or ScopeBoth
}

// Apply returns the level after a critical failure.
func (r CriticalRule) Apply(level int) int {
	if r.Action == ActionForce || level > r.Level {
		return r.Level
	}
	return level
}

// OnComponent reports whether the rule acts on the component's level.
func (r CriticalRule) OnComponent() bool { return r.Scope == ScopeComponent || r.Scope == ScopeBoth }

// OnOverall reports whether the rule acts on the overall level.
func (r CriticalRule) OnOverall() bool { return r.Scope == ScopeOverall || r.Scope == ScopeBoth }

// Fails reports whether points fail the indicator: it is critical and
// they are below its FailsBelow.
func (ind *Indicator) Fails(points int) bool { return ind.Critical && points < ind.FailsBelow }

// RulesOf returns the critical rules a failure of ind sets off: its own,
// else the model's.
func (m *Model) RulesOf(ind *Indicator) []CriticalRule {
	if ind.Rules != nil {
		return ind.Rules
	}
	return m.CriticalRules
}

// AfterCritical returns the level that the rules set off by the failed
// indicators leave of level, on a component's level or the overall one:
// the lowest outcome of every rule acting there. acted is false when no
// rule acts there (the level is unchanged).
func (m *Model) AfterCritical(level int, failed []*Indicator, overall bool) (after int, acted bool) {
	after = level
	for _, ind := range failed {
		for _, r := range m.RulesOf(ind) {
			if overall && !r.OnOverall() || !overall && !r.OnComponent() {
				continue
			}
			if !acted || r.Apply(level) < after {
				after = r.Apply(level)
			}
			acted = true
		}
	}
	return after, acted
}
