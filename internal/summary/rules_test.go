package summary

import "testing"

// TestShareRoundedToNearest pins how the summary rounds shares of schools:
// to the nearest thousandth (2 of 3 is 0,667, not 0,666), 0 of none is 0.
func TestShareRoundedToNearest(t *testing.T) {
	for _, tt := range []struct {
		n, of int
		want  float64
	}{
		{2, 3, 0.667}, {1, 3, 0.333}, {1, 6, 0.167}, {5, 6, 0.833}, {1, 8, 0.125}, {1, 2000, 0.001}, {1, 2001, 0}, {3, 3, 1}, {0, 0, 0},
	} {
		if got := share(tt.n, tt.of); got != tt.want {
			t.Errorf("share(%d, %d) = %v, want %v", tt.n, tt.of, got, tt.want)
		}
	}
}
