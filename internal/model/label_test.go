package model

import "testing"

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
	}
	for _, tc := range tests {
		if got := tc.band.Label(tc.spec); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.band, got, tc.want)
		}
	}
}
