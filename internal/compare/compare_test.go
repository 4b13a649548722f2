package compare

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

var sixMunicipalities = []string{"Кировский район", "Заречный городской округ", "Светлогорский район",
	"Озёрский муниципальный округ", "Лесной район", "Город Северный"}

// schoolsOf makes n schools over six municipalities.
func schoolsOf(t testing.TB, m *model.Model, n int, seed uint64) []sampledata.School {
	t.Helper()
	schools := sampledata.District(m, n, seed)
	for i := range schools {
		schools[i].Municipality = sixMunicipalities[i%len(sixMunicipalities)]
	}
	return schools
}

// sideOf scores schools with m.
func sideOf(t testing.TB, m *model.Model, schools []sampledata.School) *Side {
	t.Helper()
	side := NewSide(m)
	for _, s := range schools {
		side.Schools = append(side.Schools, FromResult(m, scoring.Score(m, submissionOf(m, s))))
	}
	return side
}

// submissionOf is a generated school as a reader gives it.
func submissionOf(m *model.Model, s sampledata.School) *submission.Submission {
	sub := &submission.Submission{Source: s.Code + ".xlsx", ProfileKnown: true,
		School: submission.School{Name: s.Name, Code: s.Code, Groups: []string{s.Municipality}, Profile: s.Profile}}
	for _, ind := range m.Indicators {
		if v, ok := s.Answers[ind.ID]; ok {
			sub.Answers = append(sub.Answers, submission.Answer{Indicator: ind.ID, Value: v})
		}
	}
	return sub
}

func defaultModel(t testing.TB) *model.Model {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// changed is year two of a district: other answers for some schools, a few
// schools gone and a few new.
func changed(m *model.Model, schools []sampledata.School, seed uint64) []sampledata.School {
	out := slices.Clone(schools)
	for i := range out {
		if i%3 == 0 {
			out[i].Answers = sampledata.Answers(m, out[i].Profile, seed+uint64(i), 0.2+float64(i%7)/10)
		}
	}
	out = out[5:]
	extra := sampledata.District(m, 7, seed+99)
	for i := range extra {
		extra[i].Code = fmt.Sprintf("9%05d", i)
		extra[i].Name = fmt.Sprintf("МБОУ «Новая школа № %d»", i+1)
	}
	return append(out, extra...)
}

func byCode(rep *Report) map[string]SchoolChange {
	m := map[string]SchoolChange{}
	for _, sc := range rep.Schools {
		m[sc.School.Code] = sc
	}
	return m
}

func transitionsSum(d District) int {
	n := 0
	for _, t := range d.Transitions {
		n += t.Schools
	}
	return n
}

func matched(rep *Report) int {
	n := 0
	for _, sc := range rep.Schools {
		if sc.Match == MatchBoth {
			n++
		}
	}
	return n
}

// Comparing a set with itself changes nothing.
func TestCompareWithItself(t *testing.T) {
	m := defaultModel(t)
	side := sideOf(t, m, schoolsOf(t, m, 120, 1))
	rep := Compare(side, side, Options{GroupBy: "municipality"})
	if len(rep.Schools) != 120 || matched(rep) != 120 {
		t.Fatalf("%d schools, %d matched", len(rep.Schools), matched(rep))
	}
	for _, sc := range rep.Schools {
		if *sc.Total.LevelChange != 0 || len(sc.DeficitsClosed)+len(sc.DeficitsNew)+len(sc.CriticalFixed)+len(sc.CriticalNew) != 0 {
			t.Errorf("%s changed against itself: %+v", sc.School.Code, sc)
		}
		for _, c := range sc.Components {
			if c.LevelChange != nil && *c.LevelChange != 0 {
				t.Errorf("%s: component %s changed", sc.School.Code, c.ID)
			}
		}
		if sc.PlanReached != nil && *sc.PlanReached {
			t.Errorf("%s reached its plan's level without changing", sc.School.Code)
		}
	}
	for _, tr := range rep.District.Transitions {
		if tr.From != tr.To {
			t.Errorf("transition %s → %s against itself", tr.From, tr.To)
		}
	}
	for _, c := range append(rep.District.Components, rep.District.Total) {
		if *c.Old != *c.New {
			t.Errorf("%s mean %v → %v", c.ID, *c.Old, *c.New)
		}
	}
	if len(rep.District.Fallers) != 0 || len(rep.District.Municipalities) != 6 || transitionsSum(rep.District) != 120 {
		t.Errorf("fallers %d, municipalities %d, transitions %d", len(rep.District.Fallers), len(rep.District.Municipalities), transitionsSum(rep.District))
	}
}

// Comparing A with B mirrors comparing B with A: closed and new swap,
// transitions reverse, level changes change sign, and the transitions add
// up to the matched schools, in the district and in every municipality.
func TestCompareMirrors(t *testing.T) {
	m := defaultModel(t)
	a := schoolsOf(t, m, 200, 2)
	b := changed(m, a, 50)
	sa, sb := sideOf(t, m, a), sideOf(t, m, b)
	ab, ba := Compare(sa, sb, Options{GroupBy: "municipality"}), Compare(sb, sa, Options{GroupBy: "municipality"})
	x, y := byCode(ab), byCode(ba)
	if len(x) != len(y) {
		t.Fatalf("%d and %d schools", len(x), len(y))
	}
	for code, s := range x {
		r := y[code]
		mirror := map[string]string{MatchBoth: MatchBoth, MatchOnlyOld: MatchOnlyNew, MatchOnlyNew: MatchOnlyOld}
		if r.Match != mirror[s.Match] {
			t.Errorf("%s: %s one way, %s the other", code, s.Match, r.Match)
			continue
		}
		if s.Match != MatchBoth {
			continue
		}
		if *s.Total.LevelChange != -*r.Total.LevelChange || !slices.Equal(s.DeficitsClosed, r.DeficitsNew) || !slices.Equal(s.DeficitsNew, r.DeficitsClosed) ||
			!slices.Equal(s.DeficitsPersisting, r.DeficitsPersisting) || !slices.Equal(s.CriticalFixed, r.CriticalNew) || !slices.Equal(s.CriticalNew, r.CriticalFixed) {
			t.Errorf("%s does not mirror:\n%+v\n%+v", code, s, r)
		}
	}
	reversed := func(ts []Transition) map[[2]string]int {
		out := map[[2]string]int{}
		for _, tr := range ts {
			out[[2]string{tr.To, tr.From}] = tr.Schools
		}
		return out
	}
	forward := map[[2]string]int{}
	for _, tr := range ab.District.Transitions {
		forward[[2]string{tr.From, tr.To}] = tr.Schools
	}
	if fmt.Sprint(forward) != fmt.Sprint(reversed(ba.District.Transitions)) {
		t.Errorf("transitions do not reverse: %v and %v", ab.District.Transitions, ba.District.Transitions)
	}
	for _, rep := range []*Report{ab, ba} {
		if transitionsSum(rep.District) != matched(rep) || matched(rep) != 195 {
			t.Errorf("transitions add up to %d, matched %d", transitionsSum(rep.District), matched(rep))
		}
		sum := 0
		for _, mu := range rep.District.Municipalities {
			sum += transitionsSum(mu)
		}
		if sum != matched(rep) {
			t.Errorf("municipalities' transitions add up to %d, want %d", sum, matched(rep))
		}
	}
	for i, c := range ab.District.Components {
		if r := ba.District.Components[i]; *c.Old != *r.New || *c.New != *r.Old {
			t.Errorf("%s means do not swap", c.ID)
		}
	}
	for _, d := range ab.District.Deficits {
		i := slices.IndexFunc(ba.District.Deficits, func(x DeficitCount) bool { return x.ID == d.ID })
		if i < 0 || ba.District.Deficits[i].Closed != d.New || ba.District.Deficits[i].New != d.Closed || ba.District.Deficits[i].OldSchools != d.NewSchools {
			t.Errorf("deficit %s does not mirror", d.ID)
		}
	}
}

// Schools are matched by code, else by name and municipality (spelled
// differently), and the rest listed on their side.
func TestMatching(t *testing.T) {
	m := defaultModel(t)
	schools := schoolsOf(t, m, 4, 3)
	old := slices.Clone(schools)
	cur := slices.Clone(schools)
	old[1].Code = ""                      // no code then: matched by name
	cur[1].Code = ""                      // and now
	cur[1].Municipality = "Заречный г.о." // spelled otherwise
	cur[2].Code = "777777"                // a new code: another school
	rep := Compare(sideOf(t, m, old), sideOf(t, m, cur), Options{})
	var got []string
	for _, sc := range rep.Schools {
		got = append(got, sc.School.Name+"="+sc.Match)
	}
	want := []string{"МБОУ «Школа № 1»=both", "МБОУ «Школа № 2»=both", "МБОУ «Школа № 3»=only_new", "МБОУ «Школа № 4»=both", "МБОУ «Школа № 3»=only_old"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("matched %v, want %v", got, want)
	}
}

// yearTwoModel is the embedded model as the methodology changed between
// the years: indicator 7 dropped, 96 added, 25 worth one point more.
func yearTwoModel(t *testing.T) *model.Model {
	t.Helper()
	tab := defaultModel(t).Table()
	inds, _ := tab.Sheet(model.SheetIndicators)
	opts, _ := tab.Sheet(model.SheetOptions)
	inds.Rows = slices.DeleteFunc(inds.Rows, func(r []string) bool { return r[1] == "7" })
	opts.Rows = slices.DeleteFunc(opts.Rows, func(r []string) bool { return r[0] == "7" })
	row := make([]string, len(inds.Rows[1]))
	copy(row, inds.Rows[1])
	row[1], row[2], row[3], row[4], row[10] = "96", "Цифровой образовательный контент", "нет", "", "выбор"
	for _, k := range []int{5, 6, 7, 8, 9, 11, 12, 13, 14, 15} {
		row[k] = ""
	}
	inds.Rows = append(inds.Rows, row)
	opts.Rows = append(opts.Rows, []string{"96", "нет", "", "0"}, []string{"96", "есть", "", "1"})
	best := -1
	for i, r := range opts.Rows {
		if r[0] == "25" && (best < 0 || r[3] > opts.Rows[best][3]) {
			best = i
		}
	}
	opts.Rows[best][3] = fmt.Sprint(int(opts.Rows[best][3][0]-'0') + 1)
	info, _ := tab.Sheet(model.SheetInfo)
	info.Rows[2][1] = "2025.1"
	m, err := model.LoadTable(tab, "модель-2025")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A generated two-year district: 300 schools in six municipalities, ten
// gone and twelve new in the second year, a model change between the
// years, and known changes: twenty schools answer everything at the best,
// ten fail a critical indicator they met, the rest answer as before.
func TestTwoYearDistrict(t *testing.T) {
	m1, m2 := defaultModel(t), yearTwoModel(t)
	year1 := schoolsOf(t, m1, 300, 10)
	for i := 30; i < 40; i++ {
		year1[i].Answers["22"] = "есть" // met in the first year
	}
	var year2 []sampledata.School
	for i, s := range year1[10:] {
		s.Answers = maps(s.Answers)
		s.Answers["96"] = "есть"
		switch i += 10; {
		case i < 30:
			s.Answers = sampledata.Answers(m2, s.Profile, 1, 1)
		case i < 40:
			s.Answers["22"] = "нет"
		}
		year2 = append(year2, s)
	}
	added := schoolsOf(t, m2, 12, 77)
	for i := range added {
		added[i].Code = fmt.Sprintf("2%05d", i)
	}
	year2 = append(year2, added...)

	old, cur := sideOf(t, m1, year1), sideOf(t, m2, year2)
	rep := Compare(old, cur, Options{GroupBy: "municipality"})

	if fmt.Sprint(rep.Indicators.OnlyOld, rep.Indicators.OnlyNew, rep.Indicators.MaxChanged) != "[7] [96] [{25 3 4}]" {
		t.Errorf("model changes: %+v", rep.Indicators)
	}
	if rep.Old.Model.Version == rep.New.Model.Version || rep.Old.Schools != 300 || rep.New.Schools != 302 {
		t.Errorf("sides: %+v %+v", rep.Old, rep.New)
	}
	counts := map[string]int{}
	for _, sc := range rep.Schools {
		counts[sc.Match]++
	}
	if counts[MatchBoth] != 290 || counts[MatchOnlyOld] != 10 || counts[MatchOnlyNew] != 12 {
		t.Errorf("matches %v", counts)
	}
	oldByCode := map[string]School{}
	for _, s := range old.Schools {
		oldByCode[s.Code] = s
	}
	fallers := map[string]Faller{}
	for _, f := range rep.District.Fallers {
		fallers[f.School.Code] = f
	}
	for i, s := range year1 {
		sc := byCode(rep)[s.Code]
		was := oldByCode[s.Code]
		comparableDeficits := slices.DeleteFunc(slices.Clone(was.Deficits), func(id string) bool { return id == "7" || id == "25" })
		switch {
		case i < 10:
			if sc.Match != MatchOnlyOld || sc.Total.New != nil {
				t.Errorf("%s: removed school is %s", s.Code, sc.Match)
			}
		case i < 30:
			if sc.Total.New.Level != "high" || len(sc.DeficitsNew) != 0 || len(sc.DeficitsPersisting) != 0 ||
				!slices.Equal(sc.DeficitsClosed, comparableDeficits) || len(sc.CriticalNew) != 0 {
				t.Errorf("%s answered everything at the best: %+v", s.Code, sc)
			}
			if was.PlanTarget != "" && (sc.PlanReached == nil || !*sc.PlanReached) {
				t.Errorf("%s reached the top but not its plan's level %s", s.Code, was.PlanTarget)
			}
		case i < 40:
			if !slices.Equal(sc.CriticalNew, []string{"22"}) || sc.Total.New.Level != "below_base" {
				t.Errorf("%s failed indicator 22: %+v", s.Code, sc)
			}
			f, fell := fallers[s.Code]
			if was.Total.Level != "below_base" && (!fell || !strings.Contains(strings.Join(f.Reasons, ";"), "22 «Школьный спортивный клуб»")) {
				t.Errorf("%s fell from %s without the reason: %+v", s.Code, was.Total.Level, f)
			}
		default:
			if len(sc.DeficitsClosed)+len(sc.DeficitsNew)+len(sc.CriticalNew)+len(sc.CriticalFixed) != 0 ||
				!slices.Equal(sc.DeficitsPersisting, comparableDeficits) {
				t.Errorf("%s answered as before: %+v", s.Code, sc)
			}
		}
	}
	if len(fallers) < 5 {
		t.Errorf("only %d schools fell", len(fallers))
	}
	if transitionsSum(rep.District) != 290 || len(rep.District.Municipalities) != 6 {
		t.Errorf("transitions %d, municipalities %d", transitionsSum(rep.District), len(rep.District.Municipalities))
	}
	sum := 0
	for _, mu := range rep.District.Municipalities {
		sum += mu.Schools.New
	}
	if sum != 302 {
		t.Errorf("municipalities hold %d schools now, want 302", sum)
	}
	i := slices.IndexFunc(rep.District.Deficits, func(d DeficitCount) bool { return d.ID == "22" })
	if i < 0 || rep.District.Deficits[i].New < 10 {
		t.Errorf("indicator 22 opened at fewer than ten schools: %+v", rep.District.Deficits[i])
	}
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// A school's plan target, read without planning, is the level its
// next-level plan aims at.
func TestPlanTargetIsThePlansNextLevel(t *testing.T) {
	m := defaultModel(t)
	for _, s := range schoolsOf(t, m, 200, 6) {
		sub := &submission.Submission{Source: "s.csv", ProfileKnown: true, School: submission.School{Code: s.Code, Profile: s.Profile}}
		for id, v := range s.Answers {
			sub.Answers = append(sub.Answers, submission.Answer{Indicator: id, Value: v})
		}
		r := scoring.Score(m, sub)
		want := ""
		if p := scoring.PlanNext(m, r).Overall; p.Next >= 0 {
			want = m.Levels[p.Next].ID
		}
		if got := FromResult(m, r).PlanTarget; got != want {
			t.Errorf("%s: plan target %q, the plan aims at %q", s.Code, got, want)
		}
	}
}

// A comment or evidence beside an answer, then or now, is carried with
// both answers into the school's comparison, from results and from a
// previous run's JSON alike.
func TestCommentsCarried(t *testing.T) {
	m := modeltest.Load(t, "  - id: ID.AM-1\n    text: Inventory\n    options: [{text: нет, points: 0}, {text: да, points: 1}]\n"+
		"  - id: \"2\"\n    text: Второй\n    options: [{text: нет, points: 0}, {text: да, points: 1}]\n")
	side := func(answer, comment, comment2 string) *Side {
		sub := &submission.Submission{School: submission.School{Name: "Школа", Code: "1"}, Answers: []submission.Answer{
			{Indicator: "ID.AM-1", Value: answer, Comment: comment}, {Indicator: "2", Value: "да", Comment: comment2}}}
		s := NewSide(m)
		s.Schools = append(s.Schools, FromResult(m, scoring.Score(m, sub)))
		return s
	}
	old, cur := side("нет", "", "приказ 2024"), side("да", "policy.pdf", "")
	rep := Compare(old, cur, Options{})
	want := []AnswerChange{{Indicator: "ID.AM-1", Old: Answer{Text: "нет"}, New: Answer{Text: "да", Comment: "policy.pdf"}},
		{Indicator: "2", Old: Answer{Text: "да", Comment: "приказ 2024"}, New: Answer{Text: "да"}}}
	if got := rep.Schools[0].Commented; !reflect.DeepEqual(got, want) {
		t.Errorf("commented %+v, want %+v", got, want)
	}
	// A school that commented nothing keeps no answers (a country of
	// schools without comments costs nothing): its side is empty.
	want = []AnswerChange{{Indicator: "ID.AM-1", New: Answer{Text: "да", Comment: "policy.pdf"}}}
	if got := Compare(side("нет", "", ""), cur, Options{}).Schools[0].Commented; !reflect.DeepEqual(got, want) {
		t.Errorf("commented %+v, want %+v", got, want)
	}
	if got := Compare(side("нет", "", ""), side("да", "", ""), Options{}).Schools[0].Commented; got != nil {
		t.Errorf("no comments, yet %+v", got)
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, rep, TitlesOf(old, cur)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "policy.pdf") || !strings.Contains(b.String(), "Комментарий / подтверждение") {
		t.Errorf("the comparison does not show the comment:\n%s", b.String())
	}
}

// twoGroupings is a model whose respondents have two grouping fields.
const twoGroupings = `schema: selfdiag.model/v1
id: two
version: "1"
title: Two groupings
source: test
language: en
respondent:
  one: unit
  many: units
  name: {title: Unit}
  code: {title: Code}
  groups:
    - {id: region, title: Region}
    - {id: sector, title: Sector}
levels:
  - {id: low, title: Low}
  - {id: high, title: High}
components:
  - {id: a, title: A, kind: direction}
thresholds:
  default: {percent: {high: 50}}
indicators:
  - {id: "1", component: a, text: Practice, options: [{text: "no", points: 0}, {text: "yes", points: 1}]}
`

// A comparison groups the district by any of the model's grouping
// fields, not only the first; a unit without a value of the field is in
// a group of its own, named by the field.
func TestCompareByAnyGrouping(t *testing.T) {
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(twoGroupings)}}, "two")
	if err != nil {
		t.Fatal(err)
	}
	units := []struct{ code, region, sector, before, after string }{
		{"u1", "North", "health", "no", "yes"},
		{"u2", "North", "water", "no", "no"},
		{"u3", "South", "health", "yes", "yes"},
		{"u4", "South", "", "yes", "no"},
	}
	side := func(answer func(i int) string) *Side {
		s := NewSide(m)
		for i, u := range units {
			sub := &submission.Submission{Source: u.code + ".csv", School: submission.School{Name: u.code, Code: u.code, Groups: []string{u.region, u.sector}},
				Answers: []submission.Answer{{Indicator: "1", Value: answer(i)}}}
			s.Schools = append(s.Schools, FromResult(m, scoring.Score(m, sub)))
		}
		return s
	}
	old := side(func(i int) string { return units[i].before })
	cur := side(func(i int) string { return units[i].after })
	for field, want := range map[string][]string{
		"region": {"North:2", "South:2"},
		"sector": {"(Sector not given):1", "health:2", "water:1"},
	} {
		rep := Compare(old, cur, Options{GroupBy: field})
		var got []string
		for _, d := range rep.District.Municipalities {
			got = append(got, fmt.Sprintf("%s:%d", d.Name, d.Schools.New))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("by %s: %v, want %v", field, got, want)
		}
	}
}
