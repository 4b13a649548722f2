package summary

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

func score(m *model.Model, s sampledata.School, source string) *scoring.Result {
	sub := &submission.Submission{Source: source, ProfileKnown: true,
		School: submission.School{Name: s.Name, Code: s.Code, Groups: []string{s.Municipality}, Profile: s.Profile}}
	for _, ind := range m.Indicators {
		if v, ok := s.Answers[ind.ID]; ok {
			sub.Answers = append(sub.Answers, submission.Answer{Indicator: ind.ID, Value: v})
		}
	}
	return scoring.Score(m, sub)
}

func TestAggregate(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	full := m.Respondent.DefaultProfile()
	best := sampledata.Answers(m, full, 1, 1)
	worst := map[string]string{}
	for _, ind := range m.Indicators {
		if ind.Applies.AppliesTo(full) && !ind.IsNumeric() {
			for _, o := range ind.Options {
				if o.Points == 0 {
					worst[ind.ID] = o.Text
				}
			}
		} else if ind.Applies.AppliesTo(full) {
			worst[ind.ID] = "0"
		}
	}
	critOnly := map[string]string{}
	for k, v := range best {
		critOnly[k] = v
	}
	critOnly["22"] = "нет" // one critical failure, points otherwise high

	a := New(m, Options{GroupBy: GroupMunicipality, Duplicates: ""})
	schools := []sampledata.School{
		{Name: "A", Code: "1", Municipality: "Север", Profile: full, Answers: best},
		{Name: "B", Code: "2", Municipality: "Север", Profile: full, Answers: worst},
		{Name: "C", Code: "3", Municipality: "Юг", Profile: full, Answers: critOnly},
		{Name: "A again", Code: "1", Municipality: "Юг", Profile: full, Answers: best}, // duplicate by code
		{Name: "D", Municipality: "Юг", Profile: full, Answers: best},
		{Name: "D", Municipality: "юг", Profile: full, Answers: best}, // duplicate by name and municipality
	}
	for i, s := range schools {
		counted := a.Add(score(m, s, "f"+string(rune('0'+i))+".csv")) >= 0
		if want := i != 3 && i != 5; counted != want {
			t.Errorf("school %d counted = %v, want %v", i, counted, want)
		}
	}
	a.AddFailure("bad.xls", "старый формат")
	s := a.Summary()
	if s.Counts.Schools != 4 || s.Counts.Duplicates != 2 || s.Counts.Failed != 1 || s.Counts.Files != 1 {
		t.Errorf("counts = %+v", s.Counts)
	}
	if s.Duplicates[0].FirstSource != "f0.csv" || s.Duplicates[0].By != "код" || s.Duplicates[1].By != "наименование и муниципалитет" {
		t.Errorf("duplicates = %+v", s.Duplicates)
	}
	lv := s.Stats.Levels
	if lv[0].Count != 2 || lv[3].Count != 2 || lv[0].Share != 0.5 {
		t.Errorf("level distribution = %+v", lv)
	}
	if len(s.Stats.BelowBase) != 2 {
		t.Fatalf("below base = %+v", s.Stats.BelowBase)
	}
	b, c := s.Stats.BelowBase[0], s.Stats.BelowBase[1]
	if b.Name != "B" || len(b.Reasons) != 2 || !strings.Contains(b.Reasons[1], "баллов ниже порога уровня «базовый»: 0 из") {
		t.Errorf("B reasons = %v", b.Reasons)
	}
	if c.Name != "C" || len(c.Reasons) != 1 || !strings.Contains(c.Reasons[0], "22 «Школьный спортивный клуб»") {
		t.Errorf("C reasons = %v", c.Reasons)
	}
	// Indicator 22: deficit at B and C, applies to all four.
	for _, d := range s.Stats.Deficits {
		if d.Indicator == "22" && (d.Schools != 2 || d.Applicable != 4 || d.Share != 0.5 || !d.Critical) {
			t.Errorf("deficit 22 = %+v", d)
		}
		if d.Indicator == "28" {
			t.Errorf("ОВЗ indicator listed though it applies to no school: %+v", d)
		}
	}
	if s.Stats.Deficits[0].Share < s.Stats.Deficits[len(s.Stats.Deficits)-1].Share {
		t.Error("deficits not sorted by share")
	}
	if len(s.Municipalities) != 2 || s.Municipalities[0].Name != "Север" || s.Municipalities[0].Stats.Schools != 2 || s.Municipalities[1].Stats.Schools != 2 {
		t.Errorf("municipalities = %+v", s.Municipalities)
	}
	if len(s.Stats.Weakest) != 3 {
		t.Errorf("weakest = %v", s.Stats.Weakest)
	}
	if !s.HasProblems() {
		t.Error("failures and duplicates must count as problems")
	}
}

// TestDeficitCountsMatchResults: the district's deficit table counts, for
// every indicator, the schools it applies to and the schools short of its
// maximum, across schools of many profiles and with a repeated school.
func TestDeficitCountsMatchResults(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	schools := sampledata.District(m, 300, 5)
	for _, policy := range []string{IncompleteExclude, IncompleteCount} {
		t.Run(policy, func(t *testing.T) {
			agg := New(m, Options{GroupBy: GroupMunicipality, Duplicates: "", Incomplete: policy})
			applicable, deficit := map[string]int{}, map[string]int{}
			var perSchool []int
			incomplete, levels := 0, 0
			for i, s := range schools {
				r := score(m, s, "район.csv")
				perSchool = append(perSchool, len(r.Deficits))
				if agg.Add(r) < 0 {
					t.Fatalf("school %d taken for a repeat", i)
				}
				if r.Incomplete {
					incomplete++
					if policy == IncompleteExclude {
						continue // listed apart, out of the statistics
					}
				}
				levels++
				for _, is := range r.Indicators {
					if is.Status != scoring.StatusNotApplicable {
						applicable[is.ID]++
						if is.Points < is.Max {
							deficit[is.ID]++
						}
					}
				}
			}
			if incomplete == 0 {
				t.Fatal("the sample district has no incomplete questionnaire: the policy is not tried")
			}
			if agg.Add(score(m, schools[0], "повтор.csv")) >= 0 {
				t.Fatal("a repeated school was counted")
			}
			s := agg.Summary()
			for i, row := range s.Schools {
				if row.Deficits != perSchool[i] {
					t.Errorf("school %d: %d deficits, want %d", i, row.Deficits, perSchool[i])
				}
			}
			for _, d := range s.Stats.Deficits {
				if d.Applicable != applicable[d.Indicator] || d.Schools != deficit[d.Indicator] {
					t.Errorf("indicator %s: %d of %d schools, want %d of %d", d.Indicator, d.Schools, d.Applicable, deficit[d.Indicator], applicable[d.Indicator])
				}
			}
			// The levels add up to the schools the statistics count.
			sum := 0
			for _, l := range s.Stats.Levels {
				sum += l.Count
			}
			excluded := map[string]int{IncompleteExclude: incomplete, IncompleteCount: 0}[policy]
			if s.Stats.Schools != levels || sum != levels || s.Counts.Schools != len(schools) || s.Counts.Excluded != excluded ||
				len(s.IncompleteSchools) != excluded || s.IncompletePolicy != policy {
				t.Errorf("stats %d schools, levels sum %d, want %d; counted %d; excluded %d (listed %d), want %d; policy %q",
					s.Stats.Schools, sum, levels, s.Counts.Schools, s.Counts.Excluded, len(s.IncompleteSchools), excluded, s.IncompletePolicy)
			}
			for _, is := range s.IncompleteSchools {
				if is.Missing+is.Invalid == 0 || is.Applicable == 0 || is.Source == "" {
					t.Errorf("an incomplete school says nothing of what is missing: %+v", is)
				}
			}
		})
	}
}

// TestBelowBasePointsReason: a school below the threshold by points is
// told the threshold of the embedded model (35 % of its maximum) and the
// points it lacks, counted here from the definition.
func TestBelowBasePointsReason(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	rng := rand.New(rand.NewPCG(9, 9))
	for i, s := range sampledata.District(m, 400, 9) {
		// The best answer to some indicators, the worst to the rest.
		good := float64(i%40) / 100
		for _, ind := range m.Indicators {
			switch {
			case rng.Float64() < good:
				s.Answers[ind.ID] = ind.Best()
			case ind.IsNumeric():
				s.Answers[ind.ID] = "0"
			default:
				for _, o := range ind.Options {
					if o.Points == 0 {
						s.Answers[ind.ID] = o.Text
					}
				}
			}
		}
		r := score(m, s, "район.csv")
		if r.Total.ByPoints != 0 {
			continue
		}
		n++
		need := (35*r.Total.Max + 99) / 100 // the fewest points with points/max >= 35 %
		want := fmt.Sprintf("баллов ниже порога уровня «базовый»: %d из %d (%s %%), порог 35 %%, не хватает %s",
			r.Total.Points, r.Total.Max, model.FormatPercent(r.Total.Percent), ru.PointsShort(need-r.Total.Points))
		reasons := belowBaseReasons(m, r)
		if len(reasons) == 0 || reasons[len(reasons)-1] != want {
			t.Fatalf("school %d: reasons %q, want last %q", i, reasons, want)
		}
	}
	if n < 20 {
		t.Fatalf("only %d schools below the threshold by points", n)
	}
}

// TestDuplicatePolicies: a school sent twice is counted once, by a rule a
// user can predict: the later «Дата заполнения» when both state one, else
// the newer file; --duplicates first keeps the first, error neither. The
// summary says which was kept and why.
func TestDuplicatePolicies(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	full := m.Respondent.DefaultProfile()
	good, poor := sampledata.Answers(m, full, 1, 1), sampledata.Answers(m, full, 2, 0.2)
	day := func(d int) time.Time { return time.Date(2025, 5, d, 0, 0, 0, 0, time.UTC) }
	sent := func(file string, answers map[string]string, filled, modified time.Time) *scoring.Result {
		r := score(m, sampledata.School{Name: "Школа 1", Code: "660001", Profile: full, Answers: answers}, file)
		r.School.Filled, r.Modified = filled, modified
		return r
	}
	for _, tc := range []struct {
		policy          string
		first, second   *scoring.Result
		wantKept        string // "" for none
		wantReasonStart string
	}{
		{DuplicatesLatest, sent("школа-1 (копия).xlsx", poor, day(10), day(20)), sent("школа-1.xlsx", good, day(15), day(1)), "школа-1.xlsx", "учтена более поздняя подача: дата заполнения 15.05.2025 позже 10.05.2025"},
		{DuplicatesLatest, sent("a.xlsx", good, day(15), day(1)), sent("b.xlsx", poor, day(10), day(20)), "a.xlsx", "учтена более поздняя подача: дата заполнения 15.05.2025 позже 10.05.2025"},
		{DuplicatesLatest, sent("a.xlsx", poor, time.Time{}, day(1)), sent("b.xlsx", good, day(10), day(2)), "b.xlsx", "учтена более поздняя подача: файл изменён 02.05.2025"},
		{DuplicatesLatest, sent("a.xlsx", good, time.Time{}, day(1)), sent("b.xlsx", poor, time.Time{}, day(1)), "a.xlsx", "даты заполнения и изменения файлов не различаются"},
		// Within one second is a tie (the times are shown to the second).
		{DuplicatesLatest, sent("a.xlsx", good, time.Time{}, day(1).Add(100*time.Millisecond)), sent("b.xlsx", poor, time.Time{}, day(1).Add(900*time.Millisecond)), "a.xlsx", "даты заполнения и изменения файлов не различаются"},
		{DuplicatesLatest, sent("a.xlsx", poor, time.Time{}, day(1).Add(900*time.Millisecond)), sent("b.xlsx", good, time.Time{}, day(1).Add(1100*time.Millisecond)), "b.xlsx", "учтена более поздняя подача: файл изменён 01.05.2025 00:00:01, другой — 01.05.2025 00:00:00"},
		{DuplicatesFirst, sent("a.xlsx", poor, day(10), day(1)), sent("b.xlsx", good, day(15), day(2)), "a.xlsx", "учтена первая подача"},
		{DuplicatesError, sent("a.xlsx", poor, day(10), day(1)), sent("b.xlsx", good, day(15), day(2)), "", "при --duplicates error"},
	} {
		agg := New(m, Options{GroupBy: "", Duplicates: tc.policy})
		agg.Add(tc.first)
		agg.Add(tc.second)
		s := agg.Summary()
		var kept []string
		for _, row := range s.Schools {
			kept = append(kept, row.Source)
		}
		if got := strings.Join(kept, ","); got != tc.wantKept || len(s.Duplicates) == 0 || !strings.HasPrefix(s.Duplicates[0].Reason, tc.wantReasonStart) {
			t.Errorf("%s: kept %q, duplicates %+v; want %q kept, reason %q", tc.policy, got, s.Duplicates, tc.wantKept, tc.wantReasonStart)
		}
		if tc.wantKept != "" && (s.Duplicates[0].FirstSource != tc.wantKept || s.Stats.Schools != 1 || s.Counts.Schools != 1) {
			t.Errorf("%s: %+v, stats of %d schools", tc.policy, s.Duplicates[0], s.Stats.Schools)
		}
		if tc.wantKept == "" && (s.Counts.Schools != 0 || s.Counts.Duplicates != 2) {
			t.Errorf("error policy: counts %+v", s.Counts)
		}
	}
}

// TestMunicipalities: usual spellings of one municipality are one group;
// names a letter or two apart are pointed out; with an official list, a
// name not on it is a problem of the school, with the nearest name.
func TestMunicipalities(t *testing.T) {
	for _, same := range [][2]string{{"Кировский р-н", "Кировский район"}, {"кировский  район ", "Кировский район"},
		{"г. Заречный", "город Заречный"}, {"Заречный г.о.", "Заречный городской округ"}, {"ЗАТО «Северск»", "ЗАТО Северск"}, {"МО Ёлкино", "муниципальное образование Елкино"}} {
		if a, b := MunicipalityKey(same[0]), MunicipalityKey(same[1]); a != b {
			t.Errorf("%q → %q, %q → %q: one municipality", same[0], a, same[1], b)
		}
	}
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	full := m.Respondent.DefaultProfile()
	answers := sampledata.Answers(m, full, 1, 0.9)
	agg := New(m, Options{GroupBy: GroupMunicipality, Municipalities: []string{"Кировский район", "Заречный городской округ"}, ListName: "список.txt"})
	for i, name := range []string{"Кировский р-н", "Кировский район", "кировский район ", "Заречный г.о.", "Зареченый городской округ"} {
		agg.Add(score(m, sampledata.School{Name: fmt.Sprint("Школа ", i), Code: fmt.Sprint(i), Municipality: name, Profile: full, Answers: answers}, "f.csv"))
	}
	s := agg.Summary()
	var groups []string
	for _, g := range s.Municipalities {
		groups = append(groups, fmt.Sprintf("%s:%d", g.Name, g.Stats.Schools))
	}
	if got := strings.Join(groups, ", "); got != "Зареченый городской округ:1, Заречный городской округ:1, Кировский район:3" {
		t.Errorf("groups %s", got)
	}
	notes := strings.Join(s.MunicipalityNotes, "\n")
	for _, want := range []string{"написания «Кировский р-н», «Кировский район», «кировский район» считаются одним муниципалитетом «Кировский район»",
		"муниципалитеты «Зареченый городской округ» и «Заречный городской округ» различаются на 1 букв"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	var problems []string
	for _, p := range s.Problems {
		problems = append(problems, p.Message)
	}
	if got := strings.Join(problems, "\n"); !strings.Contains(got, "муниципалитета «Зареченый городской округ» нет в списке муниципалитетов (список.txt): проверьте написание; ближайшее: «Заречный городской округ»") {
		t.Errorf("problems:\n%s", got)
	}
}

// Another respondent's grouping values spelt in several ways are told of
// in the model's language, by the field's title: a sector is no
// municipality.
func TestGroupSpellingsInModelLanguage(t *testing.T) {
	m, err := model.Load(os.DirFS("../../testdata/frameworks/csf-self-assessment/model"), "csf")
	if err != nil {
		t.Fatal(err)
	}
	answers := sampledata.Answers(m, model.Profile{}, 1, 0.9)
	agg := New(m, Options{GroupBy: "sector", Municipalities: []string{"government", "finance"}, ListName: "sectors.txt"})
	for i, name := range []string{"government", "GOVERNMENT", "Governmnet", "finance"} {
		agg.Add(score(m, sampledata.School{Name: fmt.Sprint("Unit ", i), Code: fmt.Sprint(i), Municipality: name, Answers: answers}, "f.csv"))
	}
	s := agg.Summary()
	said := strings.Join(s.MunicipalityNotes, "\n")
	for _, p := range s.Problems {
		said += "\n" + p.Message
	}
	for _, want := range []string{"the spellings «government», «GOVERNMENT» are read as one value of «Sector»: «government»",
		"the values of «Sector» «government» and «Governmnet» differ by 2 letter(s)",
		"«Governmnet» (Sector) is not on the list (sectors.txt): check the spelling; the nearest: «government»"} {
		if !strings.Contains(said, want) {
			t.Errorf("no %q in:\n%s", want, said)
		}
	}
	if w := regexp.MustCompile(`\p{Cyrillic}+`).FindString(said); w != "" {
		t.Errorf("a Russian word %q in:\n%s", w, said)
	}
}

// TestMarks: a district's means are read against the model's thresholds
// for the default profile, in percent, whether the model sets them in
// percent or in points.
func TestMarks(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := New(m, Options{}).Summary()
	if got := fmt.Sprint(s.Marks, s.ComponentMarks[0]); got != "[0 35 60 85] [0 35 60 85]" {
		t.Errorf("embedded model marks %s", got)
	}
	c := m.Components[0]
	max := 0
	for _, ind := range c.Indicators {
		if ind.Applies.AppliesTo(m.Respondent.DefaultProfile()) {
			max += ind.Max
		}
	}
	m.Thresholds.Components = map[string]model.ThresholdSet{c.ID: {Unit: model.UnitPoints,
		Values: []model.Rational{{}, {Num: int64(max) / 2, Den: 1}, {Num: int64(max), Den: 1}, {Num: int64(max) + 1, Den: 1}}}}
	s = New(m, Options{}).Summary()
	got := s.ComponentMarks[0]
	if got[0] != 0 || math.Abs(got[1]-float64(max/2)*100/float64(max)) > 1e-9 || got[2] != 100 || got[3] <= 100 {
		t.Errorf("points thresholds %v for a component of %d points", got, max)
	}
	if fmt.Sprint(s.ComponentMarks[1]) != "[0 35 60 85]" {
		t.Errorf("other components %v", s.ComponentMarks[1])
	}
}

// The year of a self-diagnosis is the one most of its schools state
// unless the run names one.
func TestRunYear(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	schools := sampledata.District(m, 5, 3)
	years := []string{"2024", "2025", "2024", "", "2025 "}
	for _, run := range []RunInfo{{}, {Year: "2023"}} {
		agg := New(m, Options{Run: run})
		for i, s := range schools {
			r := score(m, s, "район.csv")
			r.School.Year = years[i]
			agg.Add(r)
		}
		want := map[string]string{"": "2024", "2023": "2023"}[run.Year]
		if got := agg.Summary().Run.Year; got != want {
			t.Errorf("run %+v: year %q, want %q", run, got, want)
		}
	}
}

func TestNewRunInfo(t *testing.T) {
	today := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	r, err := NewRunInfo(" Свердловская область ", " 2024 ", "", today)
	if err != nil || r.Territory != "Свердловская область" || r.Year != "2024" || !r.AsOf.Equal(today) {
		t.Errorf("%+v, %v", r, err)
	}
	if r, err := NewRunInfo("", "", "15.06.2025", today); err != nil || r.AsOf.Format("02.01.2006") != "15.06.2025" {
		t.Errorf("%+v, %v", r, err)
	}
	if _, err := NewRunInfo("", "", "2025-06-15", today); err == nil || !strings.Contains(err.Error(), "ожидалась дата ДД.ММ.ГГГГ") {
		t.Errorf("an ISO date: %v", err)
	}
}

// Answers «не применимо» are counted in the summary (and said in the
// note); a profile's inapplicable indicators are not among them.
func TestNotApplicableCounted(t *testing.T) {
	m := modeltest.Load(t, "  - id: \"1\"\n    text: Бассейн\n    options:\n      - {text: нет, points: 0}\n"+
		"      - {text: есть, points: 1}\n      - {text: не применимо, not_applicable: true}\n"+
		"  - id: \"2\"\n    text: Сайт\n    options:\n      - {text: нет, points: 0}\n      - {text: есть, points: 1}\n")
	agg := New(m, Options{})
	for i, pool := range []string{"не применимо", "есть", "не применимо"} {
		s := &submission.Submission{Source: "s.csv", School: submission.School{Name: "Школа", Code: strconv.Itoa(i + 1)},
			Answers: []submission.Answer{{Indicator: "1", Value: pool}, {Indicator: "2", Value: "есть"}}}
		agg.Add(scoring.Score(m, s))
	}
	if got := agg.Summary().Counts.NotApplicable; got != 2 {
		t.Errorf("%d answers «не применимо» counted, want 2", got)
	}
}
