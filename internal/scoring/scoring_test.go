package scoring

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/submission"
)

const testRoot = `schema: selfdiag.model/v1
id: test
version: "1"
title: Тест
source: тестовая модель
levels:
  - {id: below_base, title: ниже базового}
  - {id: base, title: базовый}
  - {id: medium, title: средний}
  - {id: high, title: высокий}
components:
  - {id: a, title: А, kind: direction, order: 1}
  - {id: b, title: Б, kind: condition, order: 2}
thresholds:
  default: {percent: {base: 35, medium: 60, high: 85}}
%s
critical_rule: {action: %s, level: %s, scope: %s}
`

const testA = `component: a
indicators:
  - id: "1"
    text: Выбор
    critical: true
    options:
      - {text: нет, points: 0}
      - {text: частично, points: 1}
      - {text: полностью, points: 2, aliases: [да]}
  - id: "2"
    text: Да-нет
    options:
      - {text: нет, points: 0}
      - {text: есть, points: 1, aliases: [да]}
  - id: "3"
    text: Доля
    number: {unit: "%", min: 0, max: 100}
    bands:
      - {min: 0, max: 50, points: 0}
      - {min: 50, max: 100, points: 1}
      - {min: 100, points: 2}
  - id: "4"
    text: Только ОВЗ
    applies: {ovz: true}
    options:
      - {text: нет, points: 0}
      - {text: есть, points: 3}
`

const testB = `component: b
indicators:
  - id: "5"
    text: Условие
    options:
      - {text: нет, points: 0}
      - {text: есть, points: 1}
  - id: "6"
    text: Количество
    number: {unit: "шт.", min: 0, integer: true}
    bands:
      - {min: 0, max: 1, points: 0}
      - {min: 1, max: 3, points: 1}
      - {min: 3, points: 2}
`

func testModel(t testing.TB, extra, action, lvl, scope string) *model.Model {
	t.Helper()
	root := fmt.Sprintf(testRoot, extra, action, lvl, scope)
	m, err := model.Load(fstest.MapFS{
		"model.yaml": {Data: []byte(root)},
		"a.yaml":     {Data: []byte(testA)},
		"b.yaml":     {Data: []byte(testB)},
	}, "t")
	if err != nil {
		t.Fatalf("test model: %v", err)
	}
	return m
}

func sub(profile model.Profile, kv ...string) *submission.Submission {
	s := &submission.Submission{Source: "s.csv", ProfileKnown: true, School: submission.School{Name: "Школа", Profile: profile},
		Loc: problem.Location{File: "s.csv"}}
	for i := 0; i+1 < len(kv); i += 2 {
		s.Answers = append(s.Answers, submission.Answer{Indicator: kv[i], Value: kv[i+1],
			Row: i/2 + 2, Col: 2})
	}
	return s
}

var (
	plain = modeltest.DefaultProfile()
	ovz   = modeltest.SchoolProfile(true, false, modeltest.AllPrograms...)
)

func TestScoreLevels(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	// Max without ОВЗ: a = 2+1+2 = 5, b = 1+2 = 3, total 8.
	tests := []struct {
		name       string
		profile    model.Profile
		answers    []string
		points     int
		max        int
		level      string
		compLevels []string
		critical   []string
	}{
		{"all best", plain, []string{"1", "полностью", "2", "есть", "3", "100", "5", "есть", "6", "7"}, 8, 8, "high", []string{"high", "high"}, nil},
		// 3/8 = 37.5 % ≥ 35 → base
		{"base", plain, []string{"1", "частично", "2", "есть", "3", "10", "5", "нет", "6", "1"}, 3, 8, "base", []string{"base", "below_base"}, nil},
		// 7/8 = 87.5 % → high by points, but the critical indicator is at 0 → forced below base
		{"critical forces", plain, []string{"1", "нет", "2", "есть", "3", "100%", "5", "есть", "6", "3"}, 6, 8, "below_base", []string{"below_base", "high"}, []string{"1"}},
		// ОВЗ adds indicator 4 (3 points): max 11.
		{"ovz changes max", ovz, []string{"1", "да", "2", "да", "3", "99,9", "4", "есть", "5", "есть", "6", "2"}, 9, 11, "medium", []string{"high", "medium"}, nil},
		{"missing answers score 0", plain, []string{"1", "полностью"}, 2, 8, "below_base", []string{"base", "below_base"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(m, sub(tt.profile, tt.answers...))
			if r.Total.Points != tt.points || r.Total.Max != tt.max || r.Total.LevelID != tt.level {
				t.Errorf("total = %d/%d %s, want %d/%d %s", r.Total.Points, r.Total.Max, r.Total.LevelID, tt.points, tt.max, tt.level)
			}
			for i, want := range tt.compLevels {
				if got := r.Components[i].LevelID; got != want {
					t.Errorf("component %s level = %s, want %s", r.Components[i].ID, got, want)
				}
			}
			if strings.Join(r.CriticalFailures, ",") != strings.Join(tt.critical, ",") {
				t.Errorf("critical failures = %v, want %v", r.CriticalFailures, tt.critical)
			}
		})
	}
}

// At exactly a threshold a level is reached; one point less is not.
func TestThresholdBoundaries(t *testing.T) {
	for _, tt := range []struct {
		unit   string
		values string
		points int
		max    int
		want   string
	}{
		{"percent", "{base: 35, medium: 60, high: 85}", 7, 20, "base"},        // 35 % exactly
		{"percent", "{base: 35, medium: 60, high: 85}", 6, 20, "below_base"},  // 30 %
		{"percent", "{base: 35, medium: 60, high: 85}", 12, 20, "medium"},     // 60 % exactly
		{"percent", "{base: 35, medium: 60, high: 85}", 17, 20, "high"},       // 85 % exactly
		{"percent", "{base: 35, medium: 60, high: 85}", 16, 20, "medium"},     // 80 %
		{"percent", "{base: 33.4, medium: 60, high: 85}", 1, 3, "below_base"}, // 33.33… % < 33.4
		{"percent", "{base: 100/3, medium: 60, high: 85}", 1, 3, "base"},      // exactly a third
		// Points thresholds within the test model's smallest maximum (3):
		// larger ones are refused as unreachable.
		{"points", "{base: 1, medium: 2, high: 3}", 2, 20, "medium"},
		{"points", "{base: 1, medium: 2, high: 3}", 0, 20, "below_base"},
		{"points", "{base: 1, medium: 2, high: 3}", 3, 3, "high"},
	} {
		m := modelWithDefault(t, tt.unit, tt.values)
		only := &model.Model{Levels: m.Levels, Thresholds: model.Thresholds{Default: m.Thresholds.Default}}
		got := only.Standing("", modeltest.DefaultProfile(), tt.points, tt.max).Level
		if m.Levels[got].ID != tt.want {
			t.Errorf("%s %s: %d/%d → %s, want %s", tt.unit, tt.values, tt.points, tt.max, m.Levels[got].ID, tt.want)
		}
	}
}

// modelWithDefault loads the test model with another default threshold set.
func modelWithDefault(t *testing.T, unit, values string) *model.Model {
	t.Helper()
	root := strings.Replace(testRoot, "default: {percent: {base: 35, medium: 60, high: 85}}", "default: {"+unit+": "+values+"}", 1)
	root = fmt.Sprintf(root, "", "force", "below_base", "both")
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(root)}, "a.yaml": {Data: []byte(testA)}, "b.yaml": {Data: []byte(testB)}}, "t")
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	return m
}

func TestCriticalRuleVariants(t *testing.T) {
	// By points: a 3/5 = 60 % medium, b 3/3 high, total 6/8 = 75 % medium;
	// indicator 1 (critical, component a) is at 0 points.
	answersHigh := []string{"1", "нет", "2", "есть", "3", "100", "5", "есть", "6", "5"}
	tests := []struct {
		action, level, scope string
		total, compA, compB  string
	}{
		{"force", "below_base", "both", "below_base", "below_base", "high"},
		{"force", "below_base", "component", "medium", "below_base", "high"},
		{"force", "below_base", "overall", "below_base", "medium", "high"},
		{"cap", "base", "both", "base", "base", "high"},
		{"cap", "base", "overall", "base", "medium", "high"},
		{"cap", "high", "both", "medium", "medium", "high"},
		{"force", "high", "both", "high", "high", "high"},
	}
	for _, tt := range tests {
		t.Run(tt.action+"-"+tt.level+"-"+tt.scope, func(t *testing.T) {
			m := testModel(t, "", tt.action, tt.level, tt.scope)
			r := Score(m, sub(plain, answersHigh...))
			if r.Total.ByPoints != 2 {
				t.Fatalf("by points = %d, want medium", r.Total.ByPoints)
			}
			if r.Total.LevelID != tt.total || r.Components[0].LevelID != tt.compA || r.Components[1].LevelID != tt.compB {
				t.Errorf("levels total/a/b = %s/%s/%s, want %s/%s/%s", r.Total.LevelID, r.Components[0].LevelID,
					r.Components[1].LevelID, tt.total, tt.compA, tt.compB)
			}
		})
	}
	// cap never raises: points at base, cap at medium keeps base.
	m := testModel(t, "", "cap", "medium", "both")
	r := Score(m, sub(plain, "1", "нет", "2", "есть", "3", "50", "5", "есть", "6", "0"))
	if r.Total.LevelID != "base" {
		t.Errorf("cap raised the level: %s", r.Total.LevelID)
	}
}

func TestBandsAndAnswers(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	tests := []struct {
		id, answer string
		status     string
		points     int
		problem    string
	}{
		{"3", "49,9", StatusOK, 0, ""},
		{"3", "50", StatusOK, 1, ""},
		{"3", "99.99", StatusOK, 1, ""},
		{"3", "100 %", StatusOK, 2, ""},
		{"3", "100,1", StatusInvalid, 0, "вне допустимых пределов"},
		{"3", "-1", StatusInvalid, 0, "вне допустимых пределов"},
		{"3", "много", StatusInvalid, 0, "не число"},
		{"6", "2", StatusOK, 1, ""},
		{"6", "250", StatusOK, 2, ""},
		{"6", "2,5", StatusInvalid, 0, "не целое: ожидалось целое число"},
		{"6", "5%", StatusInvalid, 0, "записан в процентах"},
		{"2", " «Есть» ", StatusOK, 1, ""},
		{"2", "ДА", StatusOK, 1, ""},
		{"2", "1", StatusInvalid, 0, "не входит в допустимые: «нет», «есть»"},
		{"2", "", StatusMissing, 0, "нет ответа на показатель 2"},
	}
	for _, tt := range tests {
		r := Score(m, sub(plain, tt.id, tt.answer))
		var is IndicatorScore
		for _, x := range r.Indicators {
			if x.ID == tt.id {
				is = x
			}
		}
		if is.Status != tt.status || is.Points != tt.points {
			t.Errorf("%s=%q: status %s points %d, want %s %d", tt.id, tt.answer, is.Status, is.Points, tt.status, tt.points)
		}
		found := tt.problem == ""
		for _, p := range r.Problems {
			if strings.Contains(p.Message, tt.problem) && strings.HasPrefix(p.Message, "") && tt.problem != "" {
				found = true
				if p.Location.Row == 0 {
					t.Errorf("%s=%q: problem without location: %v", tt.id, tt.answer, p)
				}
			}
		}
		if !found {
			t.Errorf("%s=%q: no problem containing %q in %v", tt.id, tt.answer, tt.problem, r.Problems)
		}
		if tt.status != StatusOK && !r.Incomplete {
			t.Errorf("%s=%q: result not marked incomplete", tt.id, tt.answer)
		}
	}
}

func TestDeficitsOrder(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	// 1: critical, gap 1; 2: gap 1; 3: gap 2; 5: gap 1; 6: gap 2 (missing)
	r := Score(m, sub(plain, "1", "частично", "2", "нет", "3", "0", "5", "нет"))
	var ids []string
	for _, d := range r.Deficits {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, ","), "1,3,6,2,5"; got != want {
		t.Errorf("deficit order = %s, want %s", got, want)
	}
	d := r.Deficits[0]
	if !d.Critical || d.Gap != 1 || d.Best() != "полностью" || d.Answer != "частично" {
		t.Errorf("first deficit = %+v", d)
	}
	if r.Deficits[1].Best() != "100 %" {
		t.Errorf("band target = %q, want %q", r.Deficits[1].Best(), "100 %")
	}
}

func TestProblems(t *testing.T) {
	m := testModel(t, "", "force", "below_base", "both")
	s := sub(plain, "1", "да", "1", "нет", "99", "да", "4", "есть", "2", "есть", "3", "100", "5", "есть", "6", "3")
	two := 2
	s.Answers[4].Points = &two
	s.Answers[4].PointsCol = 3
	total := 99
	s.Stated = submission.Stated{Total: &total, TotalLoc: problem.Location{File: "s.csv", Row: 1, Col: 1}, Level: "СРЕДНИЙ"}
	r := Score(m, s)
	for _, want := range []string{
		"s.csv:строка 3, столбец 2: ответ на показатель 1 дан повторно",
		"s.csv:строка 4, столбец 2: показателя 99 нет в модели",
		"s.csv:строка 6, столбец 3: в файле за показатель 2 указано 2 балла, а по модели за ответ «есть» положено 1",
		"s.csv:строка 1, столбец 1: в таблице указана сумма баллов 99, а по модели «test» получено 8",
		"в таблице указан уровень «СРЕДНИЙ», а по модели «test» получен «высокий»",
	} {
		if !containsProblem(r.Problems, want) {
			t.Errorf("missing problem %q in:\n%v", want, problem.List(r.Problems))
		}
	}
	// An answer to an indicator that does not apply is a notice, not a
	// problem: nothing to fix.
	if len(r.Notices) != 1 || !strings.HasPrefix(r.Notices[0].String(), "s.csv:строка 5, столбец 2: показатель 4 — только для школ с условием «есть обучающиеся с ОВЗ»") ||
		containsProblem(r.Problems, "показатель 4 относится") {
		t.Errorf("notices %v", r.Notices)
	}
	if r.Incomplete {
		t.Error("complete answers marked incomplete")
	}
	if r.Total.Points != 8 {
		t.Errorf("total = %d, want 8 (duplicate and inapplicable answers ignored)", r.Total.Points)
	}
}

func containsProblem(ps []problem.Problem, want string) bool {
	for _, p := range ps {
		if strings.Contains(p.String(), want) {
			return true
		}
	}
	return false
}

func TestThresholdVariants(t *testing.T) {
	extra := `  variants:
    - id: corrective
      when: {corrective: true}
      default: {points: {base: 1, medium: 2, high: 3}}
      components:
        b: {percent: {base: 10, medium: 20, high: 30}}`
	m := testModel(t, extra, "force", "below_base", "both")
	corr := modeltest.SchoolProfile(false, true, modeltest.AllPrograms...)
	r := Score(m, sub(corr, "1", "частично", "2", "нет", "3", "0", "5", "нет", "6", "0"))
	// a: 1 point → base by points thresholds; b: 0 % → below base; total 1 → base (variant default).
	if r.Components[0].LevelID != "base" || r.Components[1].LevelID != "below_base" || r.Total.LevelID != "base" {
		t.Errorf("variant levels: a=%s b=%s total=%s", r.Components[0].LevelID, r.Components[1].LevelID, r.Total.LevelID)
	}
	r = Score(m, sub(plain, "1", "частично", "2", "нет", "3", "0", "5", "нет", "6", "0"))
	if r.Total.LevelID != "below_base" {
		t.Errorf("non-corrective school used the variant: %s", r.Total.LevelID)
	}
}

func TestDefaultModelProfiles(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	maxFor := func(p model.Profile) int {
		return Score(m, &submission.Submission{School: submission.School{Profile: p}}).Total.Max
	}
	noo := maxFor(modeltest.SchoolProfile(false, false, "НОО"))
	all := maxFor(modeltest.DefaultProfile())
	allOVZ := maxFor(modeltest.SchoolProfile(true, false, modeltest.AllPrograms...))
	if !(noo < all && all < allOVZ) {
		t.Errorf("max by profile: НОО %d, all %d, all+ОВЗ %d: applicability must change the maximum", noo, all, allOVZ)
	}
}

func BenchmarkScoreSchool(b *testing.B) {
	m, err := model.Default()
	if err != nil {
		b.Fatal(err)
	}
	s := &submission.Submission{School: submission.School{Profile: modeltest.SchoolProfile(true, false, modeltest.AllPrograms...)}, ProfileKnown: true}
	for _, ind := range m.Indicators {
		v := "нет"
		if ind.IsNumeric() {
			v = "55,5"
		} else {
			v = ind.Options[len(ind.Options)-1].Text
		}
		s.Answers = append(s.Answers, submission.Answer{Indicator: ind.ID, Value: v})
	}
	b.ReportAllocs()
	for b.Loop() {
		Score(m, s)
	}
}

// TestProblemsCapped: a file with thousands of bad lines lists the first
// MaxProblems problems and says how many more there were.
func TestProblemsCapped(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	sub := &submission.Submission{Source: "школа.csv", School: submission.School{Name: "Школа", Profile: modeltest.DefaultProfile()}, ProfileKnown: true}
	for i := range 3000 {
		sub.Answers = append(sub.Answers, submission.Answer{Indicator: fmt.Sprintf("x%d", i), Value: "да", Row: i + 2, Col: 2})
	}
	r := Score(m, sub)
	if len(r.Problems) != MaxProblems+1 {
		t.Fatalf("%d problems listed", len(r.Problems))
	}
	applicable := 0 // each is missing an answer: a problem
	for _, ind := range m.Indicators {
		if ind.Applies.AppliesTo(modeltest.DefaultProfile()) {
			applicable++
		}
	}
	want := fmt.Sprintf("не показано ещё %d", 3000+applicable-MaxProblems)
	if last := r.Problems[MaxProblems]; !strings.Contains(last.Message, want) {
		t.Errorf("last problem %q, want %q", last, want)
	}
}

// loadCritical loads the test model with the critical rule text rules
// (after «critical_rule:») and indicator 1's «critical:» value crit, and
// indicator 6 critical too when crit6.
func loadCritical(t *testing.T, rules, crit string, crit6 bool) *model.Model {
	t.Helper()
	root := strings.Replace(fmt.Sprintf(testRoot, "", "force", "below_base", "both"),
		"critical_rule: {action: force, level: below_base, scope: both}", "critical_rule: "+rules, 1)
	a := strings.Replace(testA, "    critical: true\n", "    critical: "+crit+"\n", 1)
	b := testB
	if crit6 {
		b = strings.Replace(b, "    text: Количество\n", "    text: Количество\n    critical: true\n", 1)
	}
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(root)}, "a.yaml": {Data: []byte(a)}, "b.yaml": {Data: []byte(b)}}, "t")
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	return m
}

func TestCriticalRuleLists(t *testing.T) {
	// By points with 1 = «частично» (1 of 2): a 4/5 = 80 % medium, b 3/3
	// high, total 7/8 = 87.5 % high. With 6 = 0: b 1/3 below base, total
	// 5/8 = 62.5 % medium.
	partial := []string{"1", "частично", "2", "есть", "3", "100", "5", "есть", "6", "5"}
	partialNo6 := []string{"1", "частично", "2", "есть", "3", "100", "5", "есть", "6", "0"}
	tests := []struct {
		name, rules, crit   string
		crit6               bool
		answers             []string
		total, compA, compB string
		failures            string
	}{
		// «частично» earns a point: by default it is no failure.
		{"fails at 0 only", "{action: force, level: below_base, scope: both}", "true", false, partial, "high", "medium", "high", ""},
		{"fails_below 2", "{action: force, level: below_base, scope: both}", "{fails_below: 2}", false, partial, "below_base", "below_base", "high", "1"},
		// Two model rules: the strictest outcome where each acts.
		{"rule list", "[{action: cap, level: base, scope: component}, {action: cap, level: medium, scope: overall}]",
			"{fails_below: 2}", false, partial, "medium", "base", "high", "1"},
		{"strictest wins", "[{action: cap, level: medium, scope: both}, {action: cap, level: base, scope: both}]",
			"{fails_below: 2}", false, partial, "base", "base", "high", "1"},
		// Indicator 1's own rule acts on its component only; indicator 6
		// keeps the model's rule (both).
		{"own rules", "{action: force, level: below_base, scope: both}",
			"{fails_below: 2, rules: [{action: cap, level: base, scope: component}]}", true, partial, "high", "base", "high", "1"},
		{"own and model rules", "{action: cap, level: base, scope: both}",
			"{fails_below: 2, rules: [{action: cap, level: medium, scope: overall}]}", true, partialNo6, "base", "medium", "below_base", "1,6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loadCritical(t, tt.rules, tt.crit, tt.crit6)
			r := Score(m, sub(plain, tt.answers...))
			if r.Total.LevelID != tt.total || r.Components[0].LevelID != tt.compA || r.Components[1].LevelID != tt.compB {
				t.Errorf("levels total/a/b = %s/%s/%s, want %s/%s/%s", r.Total.LevelID, r.Components[0].LevelID,
					r.Components[1].LevelID, tt.total, tt.compA, tt.compB)
			}
			if got := strings.Join(r.CriticalFailures, ","); got != tt.failures {
				t.Errorf("failures = %q, want %q", got, tt.failures)
			}
			// The plan agrees with the rules: fixing every failure lifts
			// the hold, and a plan never claims a level the rules keep.
			nl := PlanNext(m, r)
			if p := nl.Overall; p.Reachable && p.Reaches < p.Next {
				t.Errorf("overall plan reaches %d below its next %d", p.Reaches, p.Next)
			}
		})
	}
}

func TestCriticalPlanFixesPartialFailure(t *testing.T) {
	// Indicator 1 at «частично» fails (fails_below 2) and forces component a
	// below base: the plan's blocking step must aim at the answer that
	// stops the failure («полностью»), not at one more point only.
	m := loadCritical(t, "{action: force, level: below_base, scope: both}", "{fails_below: 2}", false)
	r := Score(m, sub(plain, "1", "частично", "2", "есть", "3", "100", "5", "есть", "6", "5"))
	p := PlanNext(m, r).Components[0]
	if !p.Blocked || len(p.Steps) == 0 || p.Steps[0].ID != "1" || p.Steps[0].Target != "полностью" {
		t.Fatalf("plan = %+v", p)
	}
	if p.Reaches < 1 {
		t.Errorf("fixing the failure reaches %d", p.Reaches)
	}
}
