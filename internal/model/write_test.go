package model

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// exportLoad writes the model as a folder and loads the folder back.
func exportLoad(t *testing.T, m *Model) (*Model, fstest.MapFS) {
	t.Helper()
	files, err := m.FolderFiles()
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	back, err := Load(fsys, "экспорт")
	if err != nil {
		t.Fatalf("the exported folder does not load: %v", err)
	}
	return back, fsys
}

func docJSON(t *testing.T, m *Model) string {
	t.Helper()
	b, err := json.MarshalIndent(m.Doc(), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The embedded model, exported as a folder and loaded back, is the same
// model: its documented form is equal, and exporting again gives the same
// files.
func TestWriteFolderRoundTrip(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	back, files := exportLoad(t, m)
	if got, want := docJSON(t, back), docJSON(t, m); got != want {
		t.Errorf("exported and loaded model differs from the embedded one")
	}
	if len(files) != 1+len(m.Components) {
		t.Errorf("%d files, want model.yaml and one per component", len(files))
	}
	_, again := exportLoad(t, back)
	for name, f := range files {
		if again[name] == nil || !bytes.Equal(again[name].Data, f.Data) {
			t.Errorf("%s differs when exported a second time", name)
		}
	}
}

// everyFeature is a model using every feature of the format (see its
// model.yaml).
func everyFeature(t *testing.T) *Model {
	t.Helper()
	m, err := Load(os.DirFS("../../testdata/models/every-feature"), "every-feature")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A model using every feature survives the trip.
func TestWriteFolderEveryFeature(t *testing.T) {
	m := everyFeature(t)
	back, files := exportLoad(t, m)
	if got, want := docJSON(t, back), docJSON(t, m); got != want {
		t.Errorf("model differs after the trip:\n%s\nwant\n%s", got, want)
	}
	if a := back.Indicators[1].Applies; a.String() != "ООО или СОО; без НОО; не коррекционная школа" {
		t.Errorf("applicability after the trip: %s", a)
	}
	if !strings.Contains(string(files["model.yaml"].Data), "programs_match: exactly") {
		t.Errorf("the variant's exact match is lost:\n%s", files["model.yaml"].Data)
	}
	if !strings.Contains(string(files["model.yaml"].Data), "100/3") {
		t.Errorf("a third of a percent is not kept exactly:\n%s", files["model.yaml"].Data)
	}
	if ind := back.Indicators[1]; ind.FailsBelow != 2 || len(ind.Rules) != 1 || len(back.CriticalRules) != 2 {
		t.Errorf("critical rules after the trip: indicator %+v, model %+v", ind, back.CriticalRules)
	}
}

func TestComponentFile(t *testing.T) {
	for id, want := range map[string]string{"knowledge": "knowledge.yaml", "teacher_team": "teacher_team.yaml",
		"../x": "component-3.yaml", "model": "component-3.yaml", "Знание": "component-3.yaml", "": "component-3.yaml"} {
		if got := componentFile(2, id); got != want {
			t.Errorf("componentFile(%q) = %q, want %q", id, got, want)
		}
	}
}

// A model without critical indicators needs no critical rule, and its
// forms say none: no critical_rule, an empty critical_rules, and its folder
// loads back the same.
func TestNoCriticalRule(t *testing.T) {
	fsys := fstest.MapFS{
		"model.yaml": {Data: []byte(strings.Replace(validRoot, "critical_rule: {action: force, level: below_base, scope: both}\n", "", 1))},
		"a.yaml":     {Data: []byte(strings.Replace(validComp, "    critical: true\n", "", 1))},
	}
	m, err := Load(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(m.Doc())
	if err != nil {
		t.Fatal(err)
	}
	if s := string(data); strings.Contains(s, `"critical_rule"`) || !strings.Contains(s, `"critical_rules":[]`) {
		t.Errorf("JSON: %s", s)
	}
	back, files := exportLoad(t, m)
	if strings.Contains(string(files["model.yaml"].Data), "critical_rule") || len(back.CriticalRules) != 0 {
		t.Errorf("the folder:\n%s", files["model.yaml"].Data)
	}
}

// A band whose lower bound is not included keeps it through the model's
// folder.
func TestMinExclusiveRoundTrip(t *testing.T) {
	m, err := Load(fstest.MapFS{"model.yaml": {Data: []byte(validRoot)}, "a.yaml": {Data: []byte(validComp + pupils("{min: 2, min_exclusive: true, points: 2}"))}}, "m")
	if err != nil {
		t.Fatal(err)
	}
	back, files := exportLoad(t, m)
	if !strings.Contains(string(files["a.yaml"].Data), "min_exclusive: true") {
		t.Errorf("the component file lost min_exclusive:\n%s", files["a.yaml"].Data)
	}
	ind, _ := back.Indicator("2")
	for v, want := range map[float64]int{2: 3, 2.5: 2, 0: 3} {
		if b, ok := ind.BandFor(v); !ok || ind.Bands[b].Points != want {
			t.Errorf("after the trip %v pupils earn band %d, want %d points", v, b, want)
		}
	}
}

// A multiple choice and its cap keep through the model's folder.
func TestMultipleRoundTrip(t *testing.T) {
	m, err := Load(fstest.MapFS{"model.yaml": {Data: []byte(validRoot)}, "a.yaml": {Data: []byte(validComp + several("select: multiple\n    max: 2\n"))}}, "m")
	if err != nil {
		t.Fatal(err)
	}
	back, files := exportLoad(t, m)
	if ind, _ := back.Indicator("3"); !ind.Multiple || ind.Max != 2 {
		t.Errorf("after the trip: multiple %v, max %d\n%s", ind.Multiple, ind.Max, files["a.yaml"].Data)
	}
	if got, want := docJSON(t, back), docJSON(t, m); got != want || !strings.Contains(got, `"select": "multiple"`) {
		t.Errorf("model differs after the trip:\n%s\nwant\n%s", got, want)
	}
}

// A model with every feature of another framework — free ids, aliases,
// order, weights, the overall rule, «does not apply» words — is the same
// model after a trip through its folder and through its table, with one
// fingerprint.
func TestAnyFrameworkRoundTrip(t *testing.T) {
	m, err := Load(os.DirFS("../../testdata/models/any-framework"), "any-framework")
	if err != nil {
		t.Fatal(err)
	}
	if ids := []string{m.Indicators[0].ID, m.Indicators[1].ID}; ids[0] != "GV.PO-1" || ids[1] != "GV.PO-2" {
		t.Errorf("indicators in order %v, want by «order»: GV.PO-1, GV.PO-2", ids)
	}
	if id, ok := m.ResolveID("gv2"); !ok || id != "GV.PO-2" {
		t.Errorf("alias gv2 gives %q, %v", id, ok)
	}
	if m.Overall != OverallMean || !m.Weighted() {
		t.Errorf("overall %q, weighted %v", m.Overall, m.Weighted())
	}
	if m.Words.Report != "Отчёт о самооценке" || m.Words.Note != "Обзор самооценок организаций" || m.Words.MeasuresIntro == "" {
		t.Errorf("words %+v", m.Words)
	}
	back, _ := exportLoad(t, m)
	fromTable, err := LoadTable(m.Table(), "таблица")
	if err != nil {
		t.Fatalf("the table does not load: %v", err)
	}
	if got := LevelColors(m.Levels); !slices.Equal(got, []string{"#C62828", "#F9A825", "#1565C0"}) {
		t.Errorf("level colours %v, want them upper case with #", got)
	}
	for name, other := range map[string]*Model{"folder": back, "table": fromTable} {
		if !slices.Equal(LevelColors(other.Levels), LevelColors(m.Levels)) {
			t.Errorf("%s: level colours %v", name, LevelColors(other.Levels))
		}
		if other.Words != m.Words {
			t.Errorf("%s: words %+v, want %+v", name, other.Words, m.Words)
		}
		if got, want := docJSON(t, other), docJSON(t, m); got != want {
			t.Errorf("%s: the model differs after the trip:\n%s\nwant\n%s", name, got, want)
		}
		if other.Hash != m.Hash {
			t.Errorf("%s: fingerprint %s, want %s", name, other.Hash, m.Hash)
		}
	}
}

// A model nothing of which depends on a school's profile has no profile
// columns in its table (nor variants); the school model has them.
func TestTableProfileColumns(t *testing.T) {
	other, err := Load(os.DirFS("../../testdata/models/any-framework"), "any")
	if err != nil {
		t.Fatal(err)
	}
	school, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for m, want := range map[*Model]bool{other: false, school: true} {
		for _, s := range m.canonical().Sheets {
			if s.Name != SheetIndicators && s.Name != SheetThresholds {
				continue
			}
			if got := slices.Contains(s.Rows[0], colPrograms) && slices.Contains(s.Rows[0], colOVZ); got != want {
				t.Errorf("%s, «%s»: profile columns %v, want %v (%v)", m.ID, s.Name, got, want, s.Rows[0])
			}
		}
	}
}

// An English model's table is in English and reads back into the same
// model, with one fingerprint; a Russian reader's words stand behind it.
func TestTableInEnglish(t *testing.T) {
	m, err := Load(os.DirFS("../../testdata/frameworks/csf-self-assessment/model"), "csf")
	if err != nil {
		t.Fatal(err)
	}
	tab := m.Table()
	var names []string
	for _, s := range tab.Sheets {
		names = append(names, s.Name)
	}
	if !slices.Contains(names, "Info") || !slices.Contains(names, "Indicators") || slices.Contains(names, SheetIndicators) {
		t.Errorf("sheets %v", names)
	}
	back, err := LoadTable(tab, "csf.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if docJSON(t, back) != docJSON(t, m) || back.Hash != m.Hash || back.Language != LangEN {
		t.Errorf("the English table reads back into another model (%s, %s)", back.Hash, back.Language)
	}
}

// A table in English or Italian is told its problems in its language:
// sheets and columns as the file names them, the program's words
// translated, no Russian word but in the values quoted.
func TestTableProblemsInLanguage(t *testing.T) {
	quoted := regexp.MustCompile(`«[^«»]*»|"[^"]*"`)
	cyrillic := regexp.MustCompile(`\p{Cyrillic}+`)
	for dir, want := range map[string][]string{
		"../../testdata/frameworks/csf-self-assessment/model": {"Indicators!", "in the column «Critical», «maybe»: write «yes» or «no»",
			"indicator kind «bogus»: allowed are «choice»", "in the column «Points», «x»: a whole number from 0 is needed", "the sheet «Bands» has no column «From»"},
		"../../testdata/frameworks/maturita-digitale/modello": {"Indicatori!", "nella colonna «Critico», «maybe»: scrivete «sì» o «no»",
			"tipo di indicatore «bogus»: sono ammessi «scelta»", "nella colonna «Punti», «x»: serve un numero intero da 0", "il foglio «Fasce» non ha la colonna «Da»"},
	} {
		m, err := Load(os.DirFS(dir), "m")
		if err != nil {
			t.Fatal(err)
		}
		lg := lang.Of(m.Language)
		tab := m.Table()
		cell := func(sheet, col string, row int, v string) {
			s, ok := tab.Sheet(lg.T(sheet))
			if !ok {
				t.Fatalf("%s: no sheet %s", dir, lg.T(sheet))
			}
			j := slices.Index(s.Rows[0], lg.T(col))
			if j < 0 {
				t.Fatalf("%s: no column %s in %v", dir, lg.T(col), s.Rows[0])
			}
			s.Rows[row][j] = v
		}
		cell(SheetIndicators, colCritical, 1, "maybe")
		cell(SheetIndicators, colKind, 2, "bogus")
		cell(SheetOptions, colPoints, 1, "x")
		cell(SheetBands, colFrom, 0, "Fromm")
		_, err = LoadTable(tab, "m.xlsx")
		if err == nil {
			t.Fatalf("%s: no error", dir)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: no %q in:\n%v", dir, w, err)
			}
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if left := cyrillic.FindAllString(quoted.ReplaceAllString(line, ""), -1); len(left) > 0 {
				t.Errorf("%s: Russian %q in %s", dir, left, line)
			}
		}
	}
}
