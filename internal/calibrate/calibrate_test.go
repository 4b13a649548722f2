package calibrate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// withThresholds is the embedded model with other default percent
// thresholds: the «official» model the tables were made with.
func withThresholds(t *testing.T, base, medium, high string) *model.Model {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	files, err := m.FolderFiles()
	if err != nil {
		t.Fatal(err)
	}
	root := string(files[model.RootFile])
	for level, v := range map[string]string{"base": base, "medium": medium, "high": high} {
		was := map[string]string{"base": "35", "medium": "60", "high": "85"}[level]
		old := fmt.Sprintf("%s: %q", level, was)
		if strings.Count(root, old) != 1 {
			t.Fatalf("the exported thresholds are not as expected:\n%s", root)
		}
		root = strings.Replace(root, old, fmt.Sprintf("%s: %q", level, v), 1)
	}
	files[model.RootFile] = []byte(root)
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	official, err := model.Load(fsys, "official")
	if err != nil {
		t.Fatal(err)
	}
	return official
}

var profiles = []model.Profile{
	modeltest.DefaultProfile(),
	modeltest.SchoolProfile(true, true, "НОО", "ООО"),
}

// tables scores n generated schools with the official model and states
// its total and level on each, as the federal service prints them. The
// schools spread over the whole range of points; every tenth fails a
// critical indicator.
func tables(t *testing.T, official *model.Model, n int, seed uint64) []*scoring.Result {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	var out []*scoring.Result
	for i := range n {
		p := profiles[i%len(profiles)]
		share := rng.Float64() // the share of indicators at their best
		failOne := i%10 == 0
		sub := &submission.Submission{Source: fmt.Sprintf("школа-%03d.xlsx", i), ProfileKnown: true, School: submission.School{Profile: p}}
		for _, ind := range official.Indicators {
			if !ind.Applies.AppliesTo(p) {
				continue
			}
			best := rng.Float64() < share
			if ind.Critical {
				best = !failOne
				failOne = false
			}
			sub.Answers = append(sub.Answers, submission.Answer{Indicator: ind.ID, Value: answer(ind, best)})
		}
		r := scoring.Score(official, sub)
		if len(r.Problems) > 0 {
			t.Fatalf("generated answers have problems: %v", r.Problems)
		}
		total := r.Total.Points
		r.Stated = submission.Stated{Total: &total, Level: strings.ToUpper(r.Total.LevelTitle)}
		out = append(out, r)
	}
	return out
}

// answer is the best answer to an indicator, or one earning 0 points.
func answer(ind *model.Indicator, best bool) string {
	if ind.IsNumeric() {
		for _, b := range ind.Bands {
			if best && b.Points == ind.Max || !best && b.Points == 0 {
				return model.FormatNumber(b.Min)
			}
		}
	}
	for _, o := range ind.Options {
		if best && o.Points == ind.Max || !best && o.Points == 0 {
			return o.Text
		}
	}
	panic("no such answer: " + ind.ID)
}

// rescore scores the tables' answers with the model in force, keeping
// what the tables state.
func rescore(m *model.Model, official []*scoring.Result) []*scoring.Result {
	out := make([]*scoring.Result, len(official))
	for i, r := range official {
		sub := &submission.Submission{Source: r.Source, ProfileKnown: true, School: r.School, Stated: r.Stated}
		for _, is := range r.Indicators {
			if is.Answer != "" {
				sub.Answers = append(sub.Answers, submission.Answer{Indicator: is.ID, Value: is.Answer})
			}
		}
		out[i] = scoring.Score(m, sub)
	}
	return out
}

// Tables made with known thresholds give intervals that hold them, and
// the intervals narrow as tables are added.
func TestIntervalsHoldTheThresholds(t *testing.T) {
	official := withThresholds(t, "40", "62.5", "80")
	all := tables(t, official, 600, 1)
	var prev *Report
	for _, n := range []int{30, 150, 600} {
		rep := Calibrate(official, all[:n])
		if rep.Tables != n || len(rep.Profiles) != len(profiles) {
			t.Fatalf("%d tables: %d read, %d profiles", n, rep.Tables, len(rep.Profiles))
		}
		if !rep.Agrees() {
			t.Errorf("%d tables from the model itself disagree with it: %+v", n, rep.Profiles)
		}
		for pi, p := range rep.Profiles {
			if len(p.Contradictions) > 0 {
				t.Errorf("contradictions: %+v", p.Contradictions)
			}
			maxima := official.Standing("", profileOf(p), 0, p.Max).Needs
			for k, th := range p.Thresholds {
				if th.Model != maxima[k+1] || !th.Consistent || th.From > th.Model || th.To != nil && *th.To < th.Model {
					t.Errorf("%d tables, %v, %s: [%d, %v] does not hold %d", n, p.Profile, th.Level, th.From, th.To, th.Model)
				}
				if prev == nil {
					continue
				}
				was := prev.Profiles[pi].Thresholds[k]
				if th.From < was.From || th.To != nil && was.To != nil && *th.To > *was.To || th.To == nil && was.To != nil {
					t.Errorf("%s widened from [%d, %v] to [%d, %v] with more tables", th.Level, was.From, was.To, th.From, th.To)
				}
			}
		}
		prev = &rep
	}
	// With 600 tables the intervals are tight: a few points wide.
	for _, p := range prev.Profiles {
		for _, th := range p.Thresholds {
			if th.To == nil || *th.To-th.From > 8 {
				t.Errorf("%v %s: [%d, %v] is still wide after 600 tables", p.Profile, th.Level, th.From, th.To)
			}
		}
	}
}

func profileOf(p Profile) model.Profile {
	return modeltest.SchoolProfile(p.Profile.OVZ, p.Profile.Corrective, p.Profile.Programs...)
}

// The model in force (35/60/85 %) against tables made with other
// thresholds: inconsistent thresholds, and each contradicting table named
// with its file and the points its threshold misses by.
func TestContradictions(t *testing.T) {
	official := withThresholds(t, "45", "60", "85")
	inForce, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	rep := Calibrate(inForce, rescore(inForce, tables(t, official, 400, 7)))
	if rep.Agrees() {
		t.Fatal("the model agrees with tables made with other thresholds")
	}
	for _, p := range rep.Profiles {
		base := p.Thresholds[0]
		if base.Consistent || base.Model >= base.From {
			t.Errorf("%v: base [%d, %v], model %d: should be below the interval", p.Profile, base.From, base.To, base.Model)
		}
		if !p.Thresholds[1].Consistent || !p.Thresholds[2].Consistent {
			t.Errorf("%v: medium and high are the same in both models: %+v", p.Profile, p.Thresholds)
		}
		if len(p.Contradictions) == 0 {
			t.Errorf("%v: no contradiction", p.Profile)
		}
		for _, c := range p.Contradictions {
			if !strings.HasPrefix(c.Source, "школа-") || c.StatedLevel != "below_base" || c.ModelLevel != "base" || c.By == nil || *c.By <= 0 {
				t.Errorf("contradiction %+v", c)
			}
		}
	}
}

// A table whose level a failed critical indicator sets says nothing of
// the thresholds: it is left out, and a table stating nothing is skipped
// with the reason.
func TestCriticalAndSkipped(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	all := tables(t, m, 200, 3)
	critical := 0
	for _, r := range all {
		if r.Total.CriticalApplied {
			critical++
		}
	}
	if critical == 0 {
		t.Fatal("the generated tables have no critical failure")
	}
	all[0].Stated = submission.Stated{}
	lvl := "отличный"
	all[1].Stated.Level = lvl
	rep := Calibrate(m, all)
	left := 0
	for _, p := range rep.Profiles {
		left += p.LeftOut
	}
	if left == 0 || rep.Tables != 198 || len(rep.Skipped) != 2 {
		t.Errorf("left out %d, tables %d, skipped %+v", left, rep.Tables, rep.Skipped)
	}
	if !strings.Contains(rep.Skipped[1].Reason, "уровень «отличный» не из модели") {
		t.Errorf("reason: %s", rep.Skipped[1].Reason)
	}
	if !rep.Agrees() {
		t.Errorf("the model disagrees with its own tables")
	}
}

func TestJSONSchema(t *testing.T) {
	official := withThresholds(t, "45", "60", "85")
	inForce, _ := model.Default()
	rep := Calibrate(inForce, rescore(inForce, tables(t, official, 60, 9)))
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema string `json:"schema"`
		Model  struct {
			ID, Version string
		} `json:"model"`
		Tables   int `json:"tables"`
		Profiles []struct {
			Profile struct {
				Programs   []string `json:"programs"`
				OVZ        *bool    `json:"ovz"`
				Corrective *bool    `json:"corrective"`
			} `json:"profile"`
			Max        int `json:"max"`
			Tables     int `json:"tables"`
			Thresholds []struct {
				Level      string `json:"level"`
				From       *int   `json:"from"`
				To         *int   `json:"to"`
				Model      *int   `json:"model"`
				Consistent *bool  `json:"consistent"`
			} `json:"thresholds"`
			Contradictions []map[string]any `json:"contradictions"`
		} `json:"profiles"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != Schema || doc.Model.ID != inForce.ID || doc.Tables != 60 || len(doc.Profiles) != 2 {
		t.Fatalf("%s", buf.String())
	}
	for _, p := range doc.Profiles {
		if p.Profile.OVZ == nil || p.Profile.Corrective == nil || len(p.Thresholds) != 3 || p.Max == 0 {
			t.Errorf("profile %+v", p)
		}
		for _, th := range p.Thresholds {
			if th.From == nil || th.Model == nil || th.Consistent == nil {
				t.Errorf("threshold %+v", th)
			}
		}
		for _, c := range p.Contradictions {
			for _, k := range []string{"source", "stated_total", "stated_level", "model_level"} {
				if _, ok := c[k]; !ok {
					t.Errorf("contradiction without %s: %v", k, c)
				}
			}
		}
	}
	var text bytes.Buffer
	if err := WriteText(&text, inForce, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Калибровка порогов модели shmr-selfdiag-reconstruction", "Профиль: НОО, ООО, СОО; ОВЗ: нет; коррекционная: нет — 30 таблиц",
		"«базовый»: порог от ", "НЕ согласуется", "Модель противоречит таблицам", "в таблице «ниже базового», по модели «базовый» (порог модели расходится на "} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
}

// Another framework's model — Italian, its respondents a unit with a
// «tipo» — is calibrated in its own words: its attributes name the
// profiles (in JSON too), every line is Italian.
func TestCalibrateInModelLanguage(t *testing.T) {
	dir := "../../testdata/frameworks/maturita-digitale/modello"
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		// Levels by the sum of points, which tables state.
		fsys[e.Name()] = &fstest.MapFile{Data: bytes.Replace(data, []byte("overall: mean_of_components\n"), nil, 1)}
	}
	m, err := model.Load(fsys, "modello")
	if err != nil {
		t.Fatal(err)
	}
	if m.Overall == model.OverallMean || m.Lang() != lang.IT {
		t.Fatalf("the model is not as the test needs: %s, %s", m.Overall, m.Lang())
	}
	var results []*scoring.Result
	for i, tipo := range []string{"gmina", "powiat", "gmina", "powiat", "gmina"} {
		p := model.Profile{"tipo": {tipo}}
		sub := &submission.Submission{Source: fmt.Sprintf("ente-%d.csv", i), ProfileKnown: true, School: submission.School{Profile: p}}
		for _, ind := range m.Indicators {
			if ind.Applies.AppliesTo(p) {
				value := ""
				if ind.Multiple && i%2 == 0 { // every option that earns points
					var all []string
					for _, o := range ind.Options {
						if o.Points > 0 {
							all = append(all, o.Text)
						}
					}
					value = strings.Join(all, "; ")
				} else {
					value = answer(ind, i%2 == 0)
				}
				sub.Answers = append(sub.Answers, submission.Answer{Indicator: ind.ID, Value: value})
			}
		}
		r := scoring.Score(m, sub)
		total := r.Total.Points
		r.Stated = submission.Stated{Total: &total, Level: r.Total.LevelTitle}
		results = append(results, r)
	}
	// One table states a level the model does not have.
	results[4].Stated.Level = "eccellente"
	rep := Calibrate(m, results)
	if len(rep.Profiles) != 2 || len(rep.Skipped) != 1 {
		t.Fatalf("%d profiles, %d skipped: %+v", len(rep.Profiles), len(rep.Skipped), rep)
	}
	var text bytes.Buffer
	if err := WriteText(&text, m, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Calibrazione delle soglie del modello maturita-digitale", "Profilo: gmina — 2 tabelle, massimo ",
		"Profilo: powiat — 2 tabelle", "soglia da ", "Non usati (1):", "il livello «eccellente» non è del modello"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if w := regexp.MustCompile(`\p{Cyrillic}+`).FindString(text.String()); w != "" {
		t.Errorf("a Russian word %q:\n%s", w, text.String())
	}
	var doc bytes.Buffer
	if err := WriteJSON(&doc, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.String(), `"attributes": {`) || !strings.Contains(doc.String(), `"gmina"`) || strings.Contains(doc.String(), `"НОО"`) {
		t.Errorf("JSON profiles:\n%s", doc.String())
	}
}
