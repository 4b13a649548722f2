package model

import (
	"math/big"
	"strings"
	"testing"
	"testing/fstest"
)

// Rules of the model that scoring relies on, each pinned here in its own
// package: change the rule, see one of these fail.

// bandIndicator is a component file with one numeric indicator whose
// bands are given.
func bandIndicator(bands string) string {
	return validComp + `  - id: "2"
    text: Доля
    number: {unit: "%", min: 0, max: 100}
    bands:
` + bands
}

// TestBandEdges: a band holds its lower edge and not its upper one,
// unless max_inclusive; bands touching at a point both include are
// refused, bands touching at a point one of them includes are not.
func TestBandEdges(t *testing.T) {
	fifty := 50.0
	for _, tt := range []struct {
		band Band
		v    float64
		in   bool
	}{
		{Band{Min: 30, Max: &fifty}, 30, true},
		{Band{Min: 30, Max: &fifty}, 49.999, true},
		{Band{Min: 30, Max: &fifty}, 50, false},
		{Band{Min: 30, Max: &fifty, MaxInclusive: true}, 50, true},
		{Band{Min: 30, Max: &fifty, MaxInclusive: true}, 50.001, false},
		{Band{Min: 30}, 29.999, false},
		{Band{Min: 30}, 1e9, true},
	} {
		if got := tt.band.Contains(tt.v); got != tt.in {
			t.Errorf("band %+v (max %v) contains %v = %v, want %v", tt.band, *cmpOr(tt.band.Max), tt.v, got, tt.in)
		}
	}

	for _, tt := range []struct {
		name, bands string
		err         string // "" loads
	}{
		{"inclusive upper edge meets the next band's exclusive start", `      - {min: 0, max: 50, max_inclusive: true, points: 0}
      - {min: 50, max: 100, max_inclusive: true, points: 1}
`, "перекрываются"},
		{"exclusive upper edge meets the next band", `      - {min: 0, max: 50, points: 0}
      - {min: 50, max: 100, max_inclusive: true, points: 1}
`, ""},
		{"last band stops short of the maximum", `      - {min: 0, max: 50, points: 0}
      - {min: 50, max: 100, points: 1}
`, "значения до 100 включительно не попадают"},
		{"gap between bands", `      - {min: 0, max: 40, points: 0}
      - {min: 50, max: 100, max_inclusive: true, points: 1}
`, "пропуск в диапазонах"},
		{"an empty band", `      - {min: 0, max: 0, points: 0}
      - {min: 0, max: 100, max_inclusive: true, points: 1}
`, "пустой диапазон"},
		{"a one-point band", `      - {min: 0, max: 0, max_inclusive: true, points: 0}
      - {min: 0, max: 100, max_inclusive: true, points: 1}
`, "перекрываются"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := load(map[string]string{"model.yaml": validRoot, "a.yaml": bandIndicator(tt.bands)})
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("err = %v, want %q", err, tt.err)
			}
		})
	}
}

func cmpOr(p *float64) *float64 {
	if p == nil {
		inf := -1.0
		return &inf
	}
	return p
}

// TestThresholdVariantSearch: the first variant whose condition fits is
// the one in force; where it has no set for a component (and no default)
// the base thresholds apply — a later fitting variant is not consulted.
func TestThresholdVariantSearch(t *testing.T) {
	set := func(base int64) ThresholdSet { return ThresholdSet{Values: []Rational{{}, {Num: base, Den: 1}}} }
	first, second := set(11), set(22)
	th := Thresholds{
		Default:    set(1),
		Components: map[string]ThresholdSet{"b": set(2)},
		Variants: []ThresholdVariant{
			{ID: "first", When: correctiveOnly, Components: map[string]ThresholdSet{"a": first}},
			{ID: "second", When: correctiveOnly, Default: &second, Overall: &second},
		},
	}
	corrective := Profile{"programs": {"НОО"}, "corrective": {Yes}}
	plain := Profile{"programs": {"НОО"}, "corrective": {No}}
	for _, tt := range []struct {
		component string
		p         Profile
		want      int64
	}{
		{"a", corrective, 11}, // the first fitting variant's own set
		{"b", corrective, 2},  // the first fitting variant has none: the base's component set
		{"c", corrective, 1},  // … nor the base: the base default, not the second variant's
		{"", corrective, 1},   // overall: likewise
		{"a", plain, 1},       // no variant fits
		{"b", plain, 2},
	} {
		if got := th.For(tt.component, tt.p).Values[1].Num; got != tt.want {
			t.Errorf("For(%q, %v) base = %d, want %d", tt.component, tt.p, got, tt.want)
		}
	}
}

var school = SchoolRespondent()

var correctiveOnly = Applicability{[]Cond{{Attr: school.Attribute("corrective"), Values: []string{Yes}}}}

// TestBandsLoadedAsWritten: max_inclusive is read from the file onto the
// band the scorer uses.
func TestBandsLoadedAsWritten(t *testing.T) {
	fsys := fstest.MapFS{
		"model.yaml": {Data: []byte(validRoot)},
		"a.yaml": {Data: []byte(bandIndicator(`      - {min: 0, max: 50, points: 0}
      - {min: 50, max: 100, max_inclusive: true, points: 1}
`))},
	}
	m, err := Load(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	ind, ok := m.Indicator("2")
	if !ok || len(ind.Bands) != 2 || ind.Bands[0].MaxInclusive || !ind.Bands[1].MaxInclusive || !ind.Bands[1].Contains(100) || ind.Bands[0].Contains(50) {
		t.Errorf("bands = %+v", ind)
	}
}

// Standing decides levels in whole points; LevelAt decides them on exact
// rationals (for weighted scores and means). Both must agree on every
// whole score, for percent and points thresholds, exact and repeating.
func TestStandingIsLevelAt(t *testing.T) {
	levels := []Level{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	for _, set := range []ThresholdSet{
		{Unit: UnitPercent, Values: []Rational{{}, {35, 1}, {60, 1}, {85, 1}}},
		{Unit: UnitPercent, Values: []Rational{{}, {100, 3}, {200, 3}, {999, 10}}},
		{Unit: UnitPoints, Values: []Rational{{}, {5, 1}, {21, 2}, {40, 1}}},
	} {
		m := &Model{Levels: levels, Thresholds: Thresholds{Default: set}}
		for max := 0; max <= 60; max++ {
			for points := 0; points <= max; points++ {
				want := m.LevelAt("", Profile{}, big.NewRat(int64(points), 1), big.NewRat(int64(max), 1))
				if got := m.Standing("", Profile{}, points, max).Level; got != want {
					t.Errorf("%s %v: %d of %d: Standing %d, LevelAt %d", set.Unit, set.Values, points, max, got, want)
				}
			}
		}
	}
}
