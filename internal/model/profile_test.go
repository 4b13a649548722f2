package model

import (
	"fmt"
	"strings"
	"testing"
)

// TestAppliesTo: how a condition's programmes must be taught.
func TestAppliesTo(t *testing.T) {
	yes := true
	noo, ooo, soo := []Program{NOO}, []Program{NOO, OOO}, []Program{NOO, OOO, SOO}
	for _, tt := range []struct {
		a    Applicability
		p    []Program
		want bool
	}{
		{Applicability{}, noo, true},
		{Applicability{Programs: []Program{OOO, SOO}}, noo, false},
		{Applicability{Programs: []Program{OOO, SOO}}, ooo, true}, // any of them
		{Applicability{Programs: []Program{NOO, OOO}, Match: MatchAll}, ooo, true},
		{Applicability{Programs: []Program{NOO, OOO}, Match: MatchAll}, soo, true}, // and more
		{Applicability{Programs: []Program{NOO, OOO}, Match: MatchAll}, noo, false},
		{Applicability{Programs: []Program{NOO, OOO}, Match: MatchExactly}, ooo, true},
		{Applicability{Programs: []Program{NOO, OOO}, Match: MatchExactly}, soo, false},
		{Applicability{Programs: []Program{NOO, OOO}, Match: MatchExactly}, noo, false},
		{Applicability{NotPrograms: []Program{SOO}}, ooo, true},
		{Applicability{NotPrograms: []Program{SOO}}, soo, false},
		{Applicability{Programs: []Program{NOO}, NotPrograms: []Program{SOO}, OVZ: &yes}, ooo, false}, // no ОВЗ
	} {
		if got := tt.a.AppliesTo(Profile{Programs: tt.p}); got != tt.want {
			t.Errorf("%s for %v: %v, want %v", tt.a, tt.p, got, tt.want)
		}
	}
	for a, want := range map[string]string{
		fmt.Sprint(Applicability{Programs: []Program{NOO, OOO}, Match: MatchExactly}): "только НОО и ООО",
		fmt.Sprint(Applicability{Programs: []Program{NOO, OOO}, Match: MatchAll}):     "НОО и ООО",
		fmt.Sprint(Applicability{Programs: []Program{OOO, SOO}}):                      "ООО или СОО",
		fmt.Sprint(Applicability{NotPrograms: []Program{SOO}}):                        "без СОО",
	} {
		if a != want {
			t.Errorf("%q, want %q", a, want)
		}
	}
}

// Variants that no school gets are refused: a condition nobody fits, one
// whose schools all take an earlier variant, and the fix (exactly).
func TestVariantsThatNeverApply(t *testing.T) {
	variants := func(v string) error {
		root := strings.Replace(validRoot, "  default: {percent: {base: 50, high: 80}}\n", "  default: {percent: {base: 50, high: 80}}\n  variants:\n"+v, 1)
		return load(map[string]string{"model.yaml": root, "a.yaml": validComp})
	}
	if err := variants(`    - {id: v1, when: {programs: [НОО], not_programs: [НОО]}, default: {percent: {base: 40, high: 90}}}
`); err == nil || !contains(err, "programs, и в not_programs") {
		t.Errorf("contradictory condition: %v", err)
	}
	if err := variants(`    - {id: any, when: {programs: [НОО]}, default: {percent: {base: 40, high: 90}}}
    - {id: later, when: {programs: [НОО, ООО], programs_match: all}, default: {percent: {base: 45, high: 95}}}
`); err == nil || !contains(err, "thresholds.variants[2] (НОО и ООО) никогда не применяется") {
		t.Errorf("shadowed variant: %v", err)
	}
	if err := variants(`    - {id: exact, when: {programs: [НОО], programs_match: exactly}, default: {percent: {base: 40, high: 90}}}
    - {id: rest, when: {programs: [НОО, ООО], programs_match: all}, default: {percent: {base: 45, high: 95}}}
`); err != nil {
		t.Errorf("«только НОО» first, then «НОО и ООО»: %v", err)
	}
	if err := variants(`    - {id: bad, when: {programs: [НОО], programs_match: some}, default: {percent: {base: 40, high: 90}}}
`); err == nil || !contains(err, `programs_match "some": допустимы any`) {
		t.Errorf("unknown match: %v", err)
	}
}

func contains(err error, s string) bool { return err != nil && strings.Contains(err.Error(), s) }
