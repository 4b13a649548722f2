package scoring

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/model"
)

// software is a model of another framework: «which of these are in
// use», several at once, a point each, capped at 2.
func software(t *testing.T, capLine string) *model.Model {
	t.Helper()
	root := strings.Replace(testRoot, "%s\ncritical_rule: {action: %s, level: %s, scope: %s}\n", "", 1)
	comp := `component: a
indicators:
  - id: "1"
    text: Свободные программы в работе
    select: multiple
` + capLine + `    options:
      - {text: нет, points: 0}
      - {text: LibreOffice, points: 1}
      - {text: Linux, points: 1}
      - {text: Moodle, points: 1}
`
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(root)}, "a.yaml": {Data: []byte(comp)},
		"b.yaml": {Data: []byte(strings.Replace(testB, "component: b", "component: b", 1))}}, "sw")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// select: multiple — several options in one cell, at the separators the
// reader knows; each counted once, points summed and capped at max; an
// option not in the list makes the answer invalid.
func TestMultipleChoice(t *testing.T) {
	capped := software(t, "    max: 2\n")
	whole := software(t, "")
	if ind, _ := whole.Indicator("1"); ind.Max != 3 || !ind.Multiple {
		t.Fatalf("without max: Max %d, multiple %v; want 3 (the options' sum)", ind.Max, ind.Multiple)
	}
	for _, tc := range []struct {
		m      *model.Model
		answer string
		points int
		status string
	}{
		{whole, "LibreOffice", 1, StatusOK},
		{whole, "LibreOffice; Linux", 2, StatusOK},
		{whole, "libreoffice, linux / MOODLE", 3, StatusOK},
		{whole, "Linux\nLinux", 1, StatusOK}, // counted once
		{whole, "нет", 0, StatusOK},
		{capped, "LibreOffice; Linux; Moodle", 2, StatusOK}, // capped
		{whole, "LibreOffice; Windows", 0, StatusInvalid},
		{whole, " ; ", 0, StatusInvalid},
	} {
		r := Score(tc.m, sub(plain, "1", tc.answer, "5", "есть", "6", "3"))
		is := r.Indicators[0]
		if is.Points != tc.points || is.Status != tc.status {
			t.Errorf("%q (max %d): %d points, %v; want %d, %v; problems %v", tc.answer, is.Max, is.Points, is.Status, tc.points, tc.status, r.Problems)
		}
		if tc.status == StatusInvalid && (len(r.Problems) == 0 || !strings.Contains(r.Problems[0].Message, "показатель 1")) {
			t.Errorf("%q: problems %v, want one naming the indicator", tc.answer, r.Problems)
		}
	}
	// The plan names the fewest options that reach what is wanted.
	ind, _ := capped.Indicator("1")
	if text, points := targetFor(ind, 2); points != 2 || strings.Count(text, ";") != 1 {
		t.Errorf("target for 2 points: %q, %d", text, points)
	}
	if best := ind.Best(); strings.Count(best, ";") != 1 {
		t.Errorf("best answer of a choice capped at 2: %q, want two options", best)
	}
}
