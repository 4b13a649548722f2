package summary

import (
	"reflect"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
)

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

// TestGroupStatsWithoutGrouping: every municipality's statistics are kept
// whether or not the summary lists them (a school's report compares it
// with its municipality); listing them changes nothing else.
func TestGroupStatsWithoutGrouping(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	schools := sampledata.District(m, 12, 4)
	for i := range schools {
		schools[i].Municipality = []string{"Кировский район", "Заречный округ", "Лесной район"}[i%3]
	}
	sum := func(groupBy string) *Summary {
		agg := New(m, Options{GroupBy: groupBy})
		for _, s := range schools {
			agg.Add(score(m, s, s.Code+".csv"))
		}
		return agg.Summary()
	}
	plain, grouped := sum(""), sum(GroupMunicipality)
	if len(plain.Municipalities) != 0 || len(grouped.Municipalities) != 3 {
		t.Fatalf("listed: %d without grouping, %d with", len(plain.Municipalities), len(grouped.Municipalities))
	}
	for _, g := range grouped.Municipalities {
		st, ok := plain.GroupStats(g.Name)
		if !ok || !reflect.DeepEqual(st, g.Stats) {
			t.Errorf("%s: %v %+v, want %+v", g.Name, ok, st.Components, g.Stats.Components)
		}
	}
	if !reflect.DeepEqual(plain.Stats, grouped.Stats) || !reflect.DeepEqual(plain.Schools, grouped.Schools) {
		t.Error("grouping changed the district's figures")
	}
	if _, ok := plain.GroupStats("Нет такого"); ok {
		t.Error("stats for a municipality with no school")
	}
}
