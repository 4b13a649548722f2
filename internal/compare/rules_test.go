package compare

import (
	"slices"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
)

// Rules of the comparison, each pinned here with sides built by hand:
// change the rule, see a test fail.

func handSide(levels []string, indicators []IndicatorRef, schools ...School) *Side {
	s := &Side{Model: ModelRef{ID: "m", Version: "1"}, Components: []ComponentRef{{ID: "a", Title: "А"}}, Indicators: indicators}
	for _, l := range levels {
		s.Levels = append(s.Levels, model.Level{ID: l, Title: l})
	}
	s.Schools = schools
	return s
}

func handSchool(code, level string, points, max int, deficits ...string) School {
	t := Tally{Points: points, Max: max, Level: level}
	return School{Code: code, Name: "Школа " + code, Total: t, Components: []Tally{t}, Deficits: deficits}
}

// TestLevelsCountedInTheirOwnModel: when the two years' models have
// different level sets, a level change is counted in steps of each side's
// own levels, and a level the other model lacks gives no change at all
// (not a guess); transitions pair the old model's levels with the new one's.
func TestLevelsCountedInTheirOwnModel(t *testing.T) {
	ind := []IndicatorRef{{ID: "1", Component: "a", Max: 1}}
	old := handSide([]string{"low", "mid", "high"}, ind,
		handSchool("1", "mid", 5, 10), handSchool("2", "high", 9, 10), handSchool("3", "low", 1, 10))
	cur := handSide([]string{"low", "base", "mid", "high", "top"}, ind,
		handSchool("1", "mid", 5, 10), handSchool("2", "mid", 6, 10), handSchool("3", "nowhere", 1, 10))
	rep := Compare(old, cur, Options{})
	got := byCode(rep)
	for code, want := range map[string]*int{"1": new(1), "2": new(0), "3": nil} {
		lc := got[code].Total.LevelChange
		switch {
		case want == nil && lc != nil:
			t.Errorf("school %s: level change %d, want none", code, *lc)
		case want != nil && (lc == nil || *lc != *want):
			t.Errorf("school %s: level change %v, want %d", code, lc, *want)
		}
	}
	// 1: mid → mid is one step up (index 1 → 2); 2: high (2) → mid (2) the same.
	if m := rep.District.Moved; m.Up != 1 || m.Same != 1 || m.Down != 0 {
		t.Errorf("moved = %+v", m)
	}
	var tr []string
	for _, x := range rep.District.Transitions {
		tr = append(tr, x.From+"→"+x.To)
	}
	if !slices.Equal(tr, []string{"mid→mid", "high→mid"}) {
		t.Errorf("transitions = %v (a level only the other model has is left out)", tr)
	}
}

// TestUnknownMaximum: a maximum of 0 (a previous run where the indicator
// applied to no school shows none) is unknown, not different: the
// indicator stays comparable; a known different maximum is listed and its
// deficits are left out of the classes.
func TestUnknownMaximum(t *testing.T) {
	old := handSide([]string{"low", "high"}, []IndicatorRef{{ID: "1", Component: "a", Max: 0}, {ID: "2", Component: "a", Max: 1}},
		handSchool("1", "low", 0, 3, "1", "2"))
	cur := handSide([]string{"low", "high"}, []IndicatorRef{{ID: "1", Component: "a", Max: 2}, {ID: "2", Component: "a", Max: 2}},
		handSchool("1", "low", 0, 4))
	rep := Compare(old, cur, Options{})
	if mc := rep.Indicators.MaxChanged; len(mc) != 1 || mc[0].ID != "2" || mc[0].OldMax != 1 || mc[0].NewMax != 2 {
		t.Errorf("max changed = %+v", mc)
	}
	if closed := rep.Schools[0].DeficitsClosed; !slices.Equal(closed, []string{"1"}) {
		t.Errorf("deficits closed = %v, want [1] (2 changed its maximum)", closed)
	}
}

// TestDistrictMeansRoundedToNearest: the district's mean percent is the
// mean of the schools' exact shares, rounded once to the nearest tenth
// (113 of 133 is 84,96 %: the mean shows 85,0, where a school's own
// percent shows 84,9).
func TestDistrictMeansRoundedToNearest(t *testing.T) {
	ind := []IndicatorRef{{ID: "1", Component: "a", Max: 1}}
	side := handSide([]string{"low", "high"}, ind, handSchool("1", "high", 113, 133))
	rep := Compare(side, side, Options{})
	if m := rep.District.Total.New; m == nil || *m != 85.0 {
		t.Errorf("mean = %v, want 85", m)
	}
	two := handSide([]string{"low", "high"}, ind, handSchool("1", "high", 1, 3), handSchool("2", "high", 1, 6))
	// (1/3 + 1/6) / 2 = 25 % exactly; (33,3 + 16,6) / 2 would be 24,95.
	rep = Compare(two, two, Options{})
	if m := rep.District.Components[0].Old; m == nil || *m != 25.0 {
		t.Errorf("mean = %v, want 25", m)
	}
}

// A side is named by the year most of its schools state, else by its
// folder's name: never a path.
func TestSideName(t *testing.T) {
	side := func(years ...string) *Side {
		s := &Side{}
		for _, y := range years {
			s.Schools = append(s.Schools, School{Year: y})
		}
		return s
	}
	tests := []struct {
		side *Side
		want string
	}{
		{side("2024", "2024", "2023", ""), "2024"},
		{side("2023", "2024"), "2023"}, // a tie: the earlier
		{side("", ""), "y2024"},
		{side(), "y2024"},
	}
	for _, tc := range tests {
		if got := tc.side.Name("/home/методист/архив/y2024/"); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.side.Schools, got, tc.want)
		}
	}
}
