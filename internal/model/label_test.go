package model

import (
	"strings"
	"testing"
)

// A band's label says whether its upper bound belongs to it: the bound of
// a lower band belongs to the next one.
func TestBandLabel(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	percent := &NumberSpec{Unit: "%", Max: f(100)}
	pieces := &NumberSpec{Unit: "шт."}
	tests := []struct {
		band Band
		spec *NumberSpec
		want string
	}{
		{Band{Min: 30, Max: f(50)}, percent, "от 30 до 50 %, не включая 50"},
		{Band{Min: 50}, percent, "от 50 до 100 % включительно"},
		{Band{Min: 60, Max: f(100), MaxInclusive: true}, percent, "от 60 до 100 % включительно"},
		{Band{Min: 0, Max: f(0), MaxInclusive: true}, pieces, "0 шт."},
		{Band{Min: 3}, pieces, "от 3 шт."},
		{Band{Min: 1.5, Max: f(2.5)}, nil, "от 1,5 до 2,5, не включая 2,5"},
		{Band{Min: 2, MinExclusive: true}, pieces, "больше 2 шт."},
		{Band{Min: 2, MinExclusive: true}, percent, "больше 2 и до 100 % включительно"},
		{Band{Min: 2, MinExclusive: true, Max: f(5)}, pieces, "больше 2 и меньше 5 шт."},
	}
	for _, tc := range tests {
		if got := tc.band.Label(tc.spec); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.band, got, tc.want)
		}
	}
}

// A band's lower bound is included unless min_exclusive: «≤ 2 → 3,
// > 2 → 2» puts 2 in the first band and 2,01 in the second.
func TestBandContains(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	upTo2 := Band{Min: 0, Max: f(2), MaxInclusive: true}
	above2 := Band{Min: 2, MinExclusive: true}
	from30 := Band{Min: 30, Max: f(50)}
	for _, tc := range []struct {
		band Band
		v    float64
		want bool
	}{
		{upTo2, 2, true}, {upTo2, 2.01, false}, {upTo2, 0, true},
		{above2, 2, false}, {above2, 2.01, true}, {above2, 1e9, true},
		{from30, 30, true}, {from30, 50, false}, {from30, 29.99, false},
	} {
		if got := tc.band.Contains(tc.v); got != tc.want {
			t.Errorf("%s contains %v: %v, want %v", tc.band.Label(nil), tc.v, got, tc.want)
		}
	}
}

// Level abbreviations: the model's «short», else initials that are short
// and tell the levels apart, else the level's number.
func TestLevelShorts(t *testing.T) {
	lv := func(titles ...string) []Level {
		var out []Level
		for _, t := range titles {
			short := ""
			if before, after, ok := strings.Cut(t, "="); ok {
				t, short = before, after
			}
			out = append(out, Level{Title: t, Short: short})
		}
		return out
	}
	for _, tc := range []struct {
		levels []Level
		want   string
	}{
		{lv("ниже базового", "базовый", "средний", "высокий"), "н/б б с в"},
		{lv("Tier 1 Partial", "Tier 2 Risk Informed", "Tier 3 Repeatable", "Tier 4 Adaptive"), "1 2 3 4"},
		{lv("Tier 1 Partial=T1", "Tier 2 Risk Informed=T2", "Tier 3 Repeatable=T3", "Tier 4 Adaptive=T4"), "T1 T2 T3 T4"},
		{lv("iniziale", "di base", "in sviluppo", "avanzato", "ottimale"), "i d/b i/s a o"},
		{lv("высокий", "высший"), "1 2"},
	} {
		if got := strings.Join(LevelShorts(tc.levels), " "); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.levels, got, tc.want)
		}
	}
}
