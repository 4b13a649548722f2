package model

import (
	"math/big"
	"strconv"
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

// String prints the value as a decimal when it is one, e.g. "35" or "35,5".
func (r Rational) String() string {
	f, _ := new(big.Rat).SetFrac64(r.Num, r.Den).Float64()
	if r.Den == 1 {
		return strconv.FormatInt(r.Num, 10)
	}
	return FormatNumber(f)
}

// Float returns the value as a float64, for JSON.
func (r Rational) Float() float64 { return float64(r.Num) / float64(r.Den) }

// Reaches reports whether points out of max reach the threshold of level i.
// A value exactly at the threshold reaches it.
func (s ThresholdSet) Reaches(i, points, max int) bool {
	t := s.Values[i]
	if s.Unit == UnitPercent {
		if max <= 0 {
			return false
		}
		// points/max*100 >= Num/Den  <=>  points*100*Den >= Num*max
		return int64(points)*100*t.Den >= t.Num*int64(max)
	}
	return int64(points)*t.Den >= t.Num
}

// Level returns the index of the highest level reached by points out of max.
func (s ThresholdSet) Level(points, max int) int {
	level := 0
	for i := 1; i < len(s.Values); i++ {
		if s.Reaches(i, points, max) {
			level = i
		}
	}
	return level
}

// PointsFor returns the smallest whole number of points that reaches level i
// out of max, or -1 when no number of points up to max reaches it.
func (s ThresholdSet) PointsFor(i, max int) int {
	for p := 0; p <= max; p++ {
		if s.Reaches(i, p, max) {
			return p
		}
	}
	return -1
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

// CriticalRule says what a critical indicator at 0 points does.
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
