package model

import (
	"slices"
	"strings"
)

// Applicability says which respondents an indicator (or a threshold
// variant) concerns: conditions on their attributes, all of which must
// hold. Empty means every respondent.
type Applicability struct {
	Conds []Cond
}

// Cond is a condition on one attribute.
type Cond struct {
	Attr *Attribute
	// Values the respondent must have, as Match says: MatchAny (any of
	// them, the default), MatchAll (all of them, maybe more) or
	// MatchExactly (those and no other). A yes/no attribute: Yes or No.
	Values []string
	Match  string
	// Not are values the respondent must not have.
	Not []string
}

// How a condition's values must be held.
const (
	MatchAny     = "any"
	MatchAll     = "all"
	MatchExactly = "exactly"
)

// AppliesTo reports whether every condition holds for the profile.
func (a Applicability) AppliesTo(p Profile) bool {
	for _, c := range a.Conds {
		if !c.holds(p[c.Attr.ID]) {
			return false
		}
	}
	return true
}

func (c Cond) holds(have []string) bool {
	in := func(v string) bool { return slices.Contains(have, v) }
	if len(c.Values) > 0 {
		switch c.Match {
		case MatchAll:
			if !all(c.Values, in) {
				return false
			}
		case MatchExactly:
			if !all(c.Values, in) || len(have) != len(c.Values) {
				return false
			}
		default:
			if !slices.ContainsFunc(c.Values, in) {
				return false
			}
		}
	}
	return !slices.ContainsFunc(c.Not, in)
}

func all[T any](xs []T, ok func(T) bool) bool {
	for _, x := range xs {
		if !ok(x) {
			return false
		}
	}
	return true
}

// IsZero reports whether the condition is empty (applies to everyone).
func (a Applicability) IsZero() bool { return len(a.Conds) == 0 }

// Cond is the condition on the attribute, the zero Cond when there is
// none.
func (a Applicability) Cond(attr string) Cond {
	for _, c := range a.Conds {
		if c.Attr.ID == attr {
			return c
		}
	}
	return Cond{}
}

// String prints the condition in the model's language, e.g. «ООО или
// СОО; есть обучающиеся с ОВЗ».
func (a Applicability) String() string {
	var parts []string
	for _, c := range a.Conds {
		parts = append(parts, c.String())
	}
	return strings.Join(parts, "; ")
}

// String prints one condition: «ООО или СОО», «только НОО и ООО», «без
// НОО», «есть обучающиеся с ОВЗ».
func (c Cond) String() string {
	at, lg := c.Attr, c.Attr.lang
	if at.IsYesNo() {
		if slices.Contains(c.Values, Yes) {
			return at.Yes
		}
		return at.No
	}
	titles := func(ids []string, sep string) string {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = at.ValueTitle(id)
		}
		return strings.Join(s, lg.T(sep))
	}
	var parts []string
	if len(c.Values) > 0 {
		switch c.Match {
		case MatchAll:
			parts = append(parts, titles(c.Values, " и "))
		case MatchExactly:
			parts = append(parts, lg.T("только %s", titles(c.Values, " и ")))
		default:
			parts = append(parts, titles(c.Values, " или "))
		}
	}
	if len(c.Not) > 0 {
		parts = append(parts, lg.T("без %s", titles(c.Not, " и ")))
	}
	return strings.Join(parts, "; ")
}
