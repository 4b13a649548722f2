package scoring

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/model"
)

// An answer «не применимо» (an option not_applicable) takes the indicator
// out: its maximum leaves the totals, it is neither missing nor a deficit,
// a critical one does not fail; with several answers it must stand alone.
func TestNotApplicable(t *testing.T) {
	comp := `component: a
indicators:
  - id: "1"
    text: Бассейн
    critical: true
    options:
      - {text: нет, points: 0}
      - {text: есть, points: 2}
      - {text: не применимо, not_applicable: true, aliases: [н/п]}
  - id: "2"
    text: Программы
    select: multiple
    options:
      - {text: LibreOffice, points: 1}
      - {text: Linux, points: 1}
      - {text: не применимо, not_applicable: true}
`
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(fmt.Sprintf(testRoot, "", "force", "below_base", "both"))},
		"a.yaml": {Data: []byte(comp)}, "b.yaml": {Data: []byte(testB)}}, "na")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pool, soft string
		max        int // of component a
		na         int // indicators not applicable
		failed     bool
		deficits   int
		invalid    bool
	}{
		{"есть", "LibreOffice; Linux", 4, 0, false, 0, false},
		{"н/п", "LibreOffice; Linux", 2, 1, false, 0, false},
		{"не применимо", "не применимо", 0, 2, false, 0, false},
		{"нет", "Linux", 4, 0, true, 2, false},
		{"есть", "Linux; не применимо", 4, 0, false, 1, true},
	} {
		r := Score(m, sub(plain, "1", tc.pool, "2", tc.soft, "5", "есть", "6", "3"))
		na := 0
		for _, is := range r.Indicators {
			if is.Status == StatusNotApplicable {
				na++
			}
		}
		if r.Components[0].Max != tc.max || na != tc.na {
			t.Errorf("%q, %q: component max %d, %d not applicable; want %d, %d", tc.pool, tc.soft, r.Components[0].Max, na, tc.max, tc.na)
		}
		if got := len(r.CriticalFailures) > 0; got != tc.failed {
			t.Errorf("%q: critical failed %v, want %v", tc.pool, got, tc.failed)
		}
		if len(r.Deficits) != tc.deficits {
			t.Errorf("%q, %q: %d deficits, want %d", tc.pool, tc.soft, len(r.Deficits), tc.deficits)
		}
		if r.Incomplete != tc.invalid {
			t.Errorf("%q, %q: incomplete %v, want %v (problems %v)", tc.pool, tc.soft, r.Incomplete, tc.invalid, r.Problems)
		}
	}
}
