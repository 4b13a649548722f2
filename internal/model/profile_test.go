package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// TestAppliesTo: how a condition's values must be held, and how it reads.
func TestAppliesTo(t *testing.T) {
	school := SchoolRespondent()
	progs, ovz := school.Attribute("programs"), school.Attribute("ovz")
	on := func(vals ...string) Cond { return Cond{Attr: progs, Values: vals} }
	noo, ooo, soo := []string{"НОО"}, []string{"НОО", "ООО"}, []string{"НОО", "ООО", "СОО"}
	with := func(c Cond, match string) Cond { c.Match = match; return c }
	for _, tt := range []struct {
		a    Applicability
		p    []string
		want bool
	}{
		{Applicability{}, noo, true},
		{Applicability{[]Cond{on("ООО", "СОО")}}, noo, false},
		{Applicability{[]Cond{on("ООО", "СОО")}}, ooo, true}, // any of them
		{Applicability{[]Cond{with(on("НОО", "ООО"), MatchAll)}}, ooo, true},
		{Applicability{[]Cond{with(on("НОО", "ООО"), MatchAll)}}, soo, true}, // and more
		{Applicability{[]Cond{with(on("НОО", "ООО"), MatchAll)}}, noo, false},
		{Applicability{[]Cond{with(on("НОО", "ООО"), MatchExactly)}}, ooo, true},
		{Applicability{[]Cond{with(on("НОО", "ООО"), MatchExactly)}}, soo, false},
		{Applicability{[]Cond{with(on("НОО", "ООО"), MatchExactly)}}, noo, false},
		{Applicability{[]Cond{{Attr: progs, Not: []string{"СОО"}}}}, ooo, true},
		{Applicability{[]Cond{{Attr: progs, Not: []string{"СОО"}}}}, soo, false},
		{Applicability{[]Cond{{Attr: progs, Values: noo, Not: []string{"СОО"}}, {Attr: ovz, Values: []string{Yes}}}}, ooo, false}, // no ОВЗ
	} {
		p := Profile{"programs": tt.p, "ovz": {No}}
		if got := tt.a.AppliesTo(p); got != tt.want {
			t.Errorf("%s for %v: %v, want %v", tt.a, tt.p, got, tt.want)
		}
	}
	for a, want := range map[string]string{
		fmt.Sprint(Applicability{[]Cond{with(on("НОО", "ООО"), MatchExactly)}}):                         "только НОО и ООО",
		fmt.Sprint(Applicability{[]Cond{with(on("НОО", "ООО"), MatchAll)}}):                             "НОО и ООО",
		fmt.Sprint(Applicability{[]Cond{on("ООО", "СОО")}}):                                             "ООО или СОО",
		fmt.Sprint(Applicability{[]Cond{{Attr: progs, Not: []string{"СОО"}}}}):                          "без СОО",
		fmt.Sprint(Applicability{[]Cond{on("ООО"), {Attr: ovz, Values: []string{Yes}}}}):                "ООО; есть обучающиеся с ОВЗ",
		fmt.Sprint(Applicability{[]Cond{{Attr: school.Attribute("corrective"), Values: []string{No}}}}): "не коррекционная школа",
	} {
		if a != want {
			t.Errorf("%q, want %q", a, want)
		}
	}
}

// TestSchoolProfiles: the school's every profile (7 sets of programmes ×
// ОВЗ × corrective), its default, its text and the reading of values with
// Latin look-alikes and full names.
func TestSchoolProfiles(t *testing.T) {
	r := SchoolRespondent()
	if n := len(r.AllProfiles()); n != 28 {
		t.Errorf("%d profiles, want 28", n)
	}
	if got := r.ProfileText(r.DefaultProfile()); got != "НОО, ООО, СОО" {
		t.Errorf("default profile %q", got)
	}
	p := Profile{"programs": {"ООО"}, "ovz": {Yes}, "corrective": {Yes}}
	if got := r.ProfileText(p); got != "ООО; обучающиеся с ОВЗ; коррекционная школа" {
		t.Errorf("profile text %q", got)
	}
	progs := r.Attribute("programs")
	for in, want := range map[string]string{"OOO": "ООО", "HOO, COO": "НОО, СОО", "начальное общее; среднее": "НОО, СОО", "НОО ООО": "НОО, ООО", "соо/ноо": "НОО, СОО"} {
		got, bad := progs.ParseValues(in)
		if len(bad) > 0 || strings.Join(got, ", ") != want {
			t.Errorf("%q: %v (bad %v), want %s", in, got, bad, want)
		}
	}
	if _, bad := progs.ParseValues("НОО, гимназия"); len(bad) != 1 {
		t.Errorf("«гимназия» read as a programme")
	}
	if v, ok := r.Attribute("ovz").ParseValue("есть"); !ok || v != Yes {
		t.Errorf("ovz «есть»: %q %v", v, ok)
	}
}

// TestRespondentCount: the name after a number, by each language's rules.
func TestRespondentCount(t *testing.T) {
	school := SchoolRespondent()
	for n, want := range map[int]string{1: "1 школа", 2: "2 школы", 5: "5 школ", 11: "11 школ", 21: "21 школа", 104: "104 школы", 112: "112 школ"} {
		if got := school.Count(n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
	unit := plainRespondent(lang.EN)
	unit.One, unit.Few, unit.Many = "unit", "units", "units"
	for n, want := range map[int]string{1: "1 unit", 2: "2 units", 21: "21 units"} {
		if got := unit.Count(n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
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
`); err == nil || !contains(err, "указано и в programs, и в not_programs") {
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
