package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/form"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// framework is one of testdata/frameworks: another framework's model and
// its answers for two rounds.
type framework struct {
	dir, model, before, after string
	// check checks what the framework's rules make of one respondent of
	// the first round.
	check func(t *testing.T, m *model.Model, r wire.ResultDoc)
}

var frameworks = []framework{
	{dir: "maturita-digitale", model: "modello", before: "2025", after: "2026", check: checkMean},
	{dir: "csf-self-assessment", model: "model", before: "2025", after: "2026", check: checkLowest},
}

// TestFrameworks runs each framework of testdata/frameworks end to end —
// a template filled and scored, reports in every format, a batch of each
// round, the comparison of the rounds — and checks what its model's rules
// make of the answers: the overall level by the mean of component percents
// (Italian) or by the weakest function (English), «does not apply»
// answers out of the maximum, several answers capped, comments and
// evidence kept, requirement ids and their aliases read.
func TestFrameworks(t *testing.T) {
	for _, fw := range frameworks {
		t.Run(fw.dir, func(t *testing.T) {
			root := filepath.Join("..", "..", "testdata", "frameworks", fw.dir)
			modelDir := filepath.Join(root, fw.model)
			m, err := model.Load(os.DirFS(modelDir), fw.model)
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			runs := map[string]string{}
			for _, round := range []string{fw.before, fw.after} {
				runs[round] = filepath.Join(work, "run-"+round)
				mustRun(t, ExitOK, "batch", "--model", modelDir, "--per-school", "-f", "json", "--out", runs[round], filepath.Join(root, round))
			}
			checkGrouping(t, m, modelDir, filepath.Join(root, fw.before))
			checkSet(t, m, modelDir, work)
			schools := readResults(t, filepath.Join(runs[fw.before], "schools"))
			if len(schools) < 5 {
				t.Fatalf("%d respondents read", len(schools))
			}
			for _, r := range schools {
				if len(r.Problems) > 0 {
					t.Errorf("%s: problems %v", r.Respondent.Name, r.Problems)
				}
				fw.check(t, m, r)
			}
			for _, r := range readResults(t, filepath.Join(runs[fw.after], "schools")) {
				if len(r.Problems) > 0 {
					t.Errorf("second round, %s: problems %v", r.Respondent.Name, r.Problems)
				}
			}
			checkTemplate(t, m, modelDir, schools[0], work)
			checkTemplatesInLanguage(t, m, modelDir, work)
			checkReports(t, modelDir, root, fw.after, work)
			checkComparison(t, modelDir, runs[fw.before], filepath.Join(root, fw.after), work)
			checkDocumentsInLanguage(t, m, modelDir, root, fw, runs, work)
		})
	}
}

// mustRun runs the command in process and wants its exit code; it returns
// stdout.
func mustRun(t *testing.T, want int, args ...string) string {
	t.Helper()
	out, _ := run(t, want, args...)
	return out
}

// mustRunErr is mustRun returning stderr.
func mustRunErr(t *testing.T, want int, args ...string) string {
	t.Helper()
	_, errOut := run(t, want, args...)
	return errOut
}

func run(t *testing.T, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := Main(args, nil, &out, &errOut); code != want {
		t.Fatalf("selfdiag %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out.String(), errOut.String())
	}
	return out.String(), errOut.String()
}

func readResults(t *testing.T, dir string) []wire.ResultDoc {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no results in %s: %v", dir, err)
	}
	slices.Sort(files)
	var out []wire.ResultDoc
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var r wire.ResultDoc
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, r)
	}
	return out
}

func indicator(r wire.ResultDoc, id string) wire.IndicatorDoc {
	for _, is := range r.Indicators {
		if is.ID == id {
			return is
		}
	}
	return wire.IndicatorDoc{}
}

func levelIndex(m *model.Model, id string) int { return m.LevelIndex(id) }

// checkMean: the Italian model's overall level is the mean of the areas'
// percents (areas weigh alike) against 20/40/60/80 %, capped at «in
// sviluppo» by a failed critical indicator; computed here from the
// areas' points, independently of the program's sums.
func checkMean(t *testing.T, m *model.Model, r wire.ResultDoc) {
	t.Helper()
	mean, n := new(big.Rat), 0
	for _, c := range r.Components {
		if c.Max > 0 {
			mean.Add(mean, big.NewRat(int64(c.Points)*100, int64(c.Max)))
			n++
		}
	}
	mean.Quo(mean, big.NewRat(int64(n), 1))
	level := 0
	for i, v := range []int64{20, 40, 60, 80} {
		if mean.Cmp(big.NewRat(v, 1)) >= 0 {
			level = i + 1
		}
	}
	if len(r.CriticalFailures) > 0 {
		level = min(level, levelIndex(m, "sviluppo"))
	}
	if got := levelIndex(m, r.Total.Level); got != level || r.Total.Basis != "mean_of_components" {
		f, _ := mean.Float64()
		t.Errorf("%s: overall %s (%s), want %s by the mean %.2f %%", r.Respondent.Name, r.Total.Level, r.Total.Basis, m.Levels[level].ID, f)
	}
	switch r.Respondent.Name {
	case "Powiat krakowski": // «non applicabile» twice: out of the maximum
		for _, id := range []string{"2.2", "7.2"} {
			if is := indicator(r, id); is.Status != "not_applicable" || is.Max != 0 {
				t.Errorf("%s %s: %+v, want not applicable", r.Respondent.Name, id, is)
			}
		}
	case "Miasto Nowy Sącz": // «Si» and «SÌ» for «sì»
		for _, id := range []string{"2.3", "5.2"} {
			if is := indicator(r, id); is.Status != "ok" || is.Points != 2 {
				t.Errorf("%s %s: %+v, want «sì» (2 points)", r.Respondent.Name, id, is)
			}
		}
	case "Powiat nowotarski": // a number's «does not apply» word
		if is := indicator(r, "1.4"); is.Status != "not_applicable" {
			t.Errorf("«nessuna scuola»: %+v", is)
		}
	case "Gmina Dobra": // the data protection officer missing: critical
		if !slices.Contains(r.CriticalFailures, "5.1") || r.Total.Level == "avanzato" || r.Total.Level == "ottimale" {
			t.Errorf("%s: critical %v, level %s", r.Respondent.Name, r.CriticalFailures, r.Total.Level)
		}
	}
	if is := indicator(r, "4.1"); strings.Count(is.Answer, ";") == 2 && is.Points != 2 {
		t.Errorf("%s: three free programs earn %d points, want the cap 2", r.Respondent.Name, is.Points)
	}
	if is := indicator(r, "5.1"); is.Comment == "" {
		t.Errorf("%s: the comment beside 5.1 is lost", r.Respondent.Name)
	}
}

// checkLowest: the English model's overall tier is its weakest
// function's, capped at Tier 2 when PR.AC-1 is below «Largely».
func checkLowest(t *testing.T, m *model.Model, r wire.ResultDoc) {
	t.Helper()
	lowest := len(m.Levels)
	for _, c := range r.Components {
		if c.Max > 0 {
			lowest = min(lowest, levelIndex(m, c.Level))
		}
	}
	if slices.Contains(r.CriticalFailures, "PR.AC-1") {
		lowest = min(lowest, levelIndex(m, "tier2"))
	}
	if got := levelIndex(m, r.Total.Level); got != lowest || r.Total.Basis != "min_component_level" {
		t.Errorf("%s: overall %s (%s), want %s, the weakest function's", r.Respondent.Name, r.Total.Level, r.Total.Basis, m.Levels[lowest].ID)
	}
	evidence := 0
	for _, is := range r.Indicators {
		if strings.HasPrefix(is.Comment, "policy-") {
			evidence++
		}
		if strings.HasPrefix(is.Answer, "Largely") || strings.HasPrefix(is.Answer, "Fully") {
			if !strings.HasPrefix(is.Comment, "policy-") {
				t.Errorf("%s %s: evidence %q lost", r.Respondent.Name, is.ID, is.Comment)
			}
		}
	}
	if evidence == 0 {
		t.Errorf("%s: no evidence kept", r.Respondent.Name)
	}
	if is := indicator(r, "PR.PT-3"); strings.Count(is.Answer, ";") == 3 && is.Points != 3 {
		t.Errorf("%s: four technologies earn %d, want the cap 3", r.Respondent.Name, is.Points)
	}
	switch r.Respondent.Name {
	case "Riverside Clinic":
		if is := indicator(r, "RC.IM-1"); is.Status != "not_applicable" || is.Comment == "" {
			t.Errorf("N/A with its reason: %+v", is)
		}
	case "Lakeside Credit Union":
		if is := indicator(r, "DE.AE-3"); is.Status != "not_applicable" {
			t.Errorf("«not applicable»: %+v", is)
		}
	}
}

// checkTemplate fills the model's school template with a respondent's
// answers and comments and wants the same result from it.
func checkTemplate(t *testing.T, m *model.Model, modelDir string, want wire.ResultDoc, work string) {
	t.Helper()
	path := filepath.Join(work, "template.xlsx")
	mustRun(t, ExitOK, "template", "--model", modelDir, "--out", path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l := lang.Of(m.Language)
	// The respondent's fields, found by their titles: identity, groups
	// and attributes, as the table gave them.
	values := map[string]string{m.Respondent.Name.Title: want.Respondent.Name, m.Respondent.Code.Title: want.Respondent.Code}
	for _, g := range want.Respondent.Groups {
		if f, ok := m.Respondent.Group(g.ID); ok {
			values[f.Title] = g.Value
		}
	}
	for id, vals := range want.Respondent.Attributes {
		a := m.Respondent.Attribute(id)
		values[a.Title] = a.Text(vals)
	}
	meta, err := f.GetRows(l.T(form.SheetSchool))
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range meta {
		if len(row) == 0 {
			continue
		}
		if v, ok := values[row[0]]; ok {
			f.SetCellValue(l.T(form.SheetSchool), "B"+itoa(i+1), v)
			delete(values, row[0])
		}
	}
	if len(values) > 0 {
		t.Errorf("the template asks for no %v", values)
	}
	rows, err := f.GetRows(l.T(form.SheetAnswers))
	if err != nil {
		t.Fatal(err)
	}
	filled := 0
	for i, row := range rows {
		if len(row) == 0 {
			continue
		}
		if is := indicator(want, row[0]); is.ID != "" {
			f.SetCellValue(l.T(form.SheetAnswers), "D"+itoa(i+1), is.Answer)
			f.SetCellValue(l.T(form.SheetAnswers), "E"+itoa(i+1), is.Comment)
			filled++
		}
	}
	if filled != len(m.Indicators) {
		t.Fatalf("the template has %d of %d indicators", filled, len(m.Indicators))
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var got wire.ResultDoc
	if err := json.Unmarshal([]byte(mustRun(t, ExitOK, "score", "--model", modelDir, "-f", "json", path)), &got); err != nil {
		t.Fatal(err)
	}
	if got.Total.Points != want.Total.Points || got.Total.Level != want.Total.Level || got.Total.Percent != want.Total.Percent {
		t.Errorf("the filled template scores %+v, the table %+v", got.Total, want.Total)
	}
	for _, is := range want.Indicators {
		if g := indicator(got, is.ID); g.Comment != is.Comment || g.Status != is.Status {
			t.Errorf("%s from the template: %q %s, from the table %q %s", is.ID, g.Comment, g.Status, is.Comment, is.Status)
		}
	}
}

// checkReports writes every report format of the second round's first
// file: each is written, and carries the evidence.
func checkReports(t *testing.T, modelDir, root, round, work string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, round, "*.csv"))
	if len(files) == 0 {
		t.Fatal("no answer files")
	}
	for _, f := range []string{"html", "md", "xlsx", "docx"} {
		dir := filepath.Join(work, "reports-"+f)
		mustRun(t, ExitOK, "report", "--model", modelDir, "-f", f, "--out", dir, files[0])
		written, _ := filepath.Glob(filepath.Join(dir, "*."+f))
		if len(written) == 0 {
			t.Fatalf("report %s: nothing written", f)
		}
		data, err := os.ReadFile(written[0])
		if err != nil || len(data) == 0 {
			t.Fatalf("report %s: %v", f, err)
		}
		if err := os.WriteFile(filepath.Join(work, "report."+f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"text", "json", "csv"} {
		if err := os.WriteFile(filepath.Join(work, "report."+f), []byte(mustRun(t, ExitOK, "score", "--model", modelDir, "-f", f, files[0])), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"html", "md", "text", "json", "csv"} {
		data, _ := os.ReadFile(filepath.Join(work, "report."+f))
		if !bytes.Contains(data, []byte("policy-")) && !bytes.Contains(data, []byte("delibera")) && !bytes.Contains(data, []byte("nomina")) {
			t.Errorf("the %s report carries no comment or evidence", f)
		}
	}
}

// checkComparison compares the first round's run with the second round's
// files: every respondent matched, their comments carried.
func checkComparison(t *testing.T, modelDir, before, after, work string) {
	t.Helper()
	var rep struct {
		Schema      string `json:"schema"`
		Respondents []struct {
			Match     string            `json:"match"`
			Commented []json.RawMessage `json:"commented"`
		} `json:"respondents"`
	}
	out := mustRun(t, ExitOK, "compare", "--model", modelDir, "-f", "json", before, after)
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Schema != wire.CompareSchemaV2 {
		t.Errorf("comparison schema %q", rep.Schema)
	}
	both, commented := 0, 0
	for _, s := range rep.Respondents {
		if s.Match == "both" {
			both++
		}
		if len(s.Commented) > 0 {
			commented++
		}
	}
	if both < 4 || commented == 0 {
		t.Errorf("comparison: %d respondents in both rounds, %d with comments", both, commented)
	}
}

// checkGrouping groups a round by the model's grouping field: every
// respondent counted in a group named as its files write it; an unknown
// field is refused with the model's fields named.
func checkGrouping(t *testing.T, m *model.Model, modelDir, round string) {
	t.Helper()
	g := m.Respondent.Groups[0]
	var sum struct {
		Schema  string `json:"schema"`
		GroupBy string `json:"group_by"`
		Groups  []struct {
			Name  string `json:"name"`
			Stats struct {
				Respondents int `json:"respondents"`
			} `json:"stats"`
		} `json:"groups"`
		Stats struct {
			Respondents int `json:"respondents"`
		} `json:"stats"`
		Respondents []struct {
			Group string `json:"group"`
		} `json:"respondents"`
	}
	out := mustRun(t, ExitOK, "batch", "--model", modelDir, "--group-by", g.ID, "-f", "json", round)
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	counted := 0
	for _, grp := range sum.Groups {
		counted += grp.Stats.Respondents
		if grp.Name == "" || cyrillic.MatchString(grp.Name) {
			t.Errorf("group %q", grp.Name)
		}
		if !slices.ContainsFunc(sum.Respondents, func(r struct {
			Group string `json:"group"`
		}) bool {
			return r.Group == grp.Name
		}) {
			t.Errorf("no respondent's row names its group %q", grp.Name)
		}
	}
	if sum.Schema != wire.SummarySchemaV2 || sum.GroupBy != g.ID || len(sum.Groups) == 0 || counted != sum.Stats.Respondents || counted == 0 ||
		len(sum.Respondents) != counted {
		t.Errorf("%s grouped by %q: %d groups, %d of %d respondents, %d rows", sum.Schema, sum.GroupBy, len(sum.Groups), counted, sum.Stats.Respondents, len(sum.Respondents))
	}
	errOut := mustRunErr(t, ExitUsage, "batch", "--model", modelDir, "--group-by", "municipality", round)
	if !strings.Contains(errOut, "допустимы "+g.ID) {
		t.Errorf("an unknown grouping: %s", errOut)
	}
}

// checkSet gives a respondent's attribute on the command line, for a file
// that states none: used for what the file leaves out, refused when the
// model has no such attribute or value.
func checkSet(t *testing.T, m *model.Model, modelDir, work string) {
	t.Helper()
	r := &m.Respondent
	path := filepath.Join(work, "one.csv")
	ind := m.Indicators[0]
	if err := os.WriteFile(path, []byte(r.Name.Title+";X\n"+r.Code.Title+";X1\n\n№;Answer\n"+ind.ID+";"+ind.Options[0].Text+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if len(r.Attributes) == 0 {
		if errOut := mustRunErr(t, ExitUsage, "score", "--model", modelDir, "--set", "tipo=powiat", path); !strings.Contains(errOut, "нет признаков") {
			t.Errorf("--set for a model without attributes: %s", errOut)
		}
		return
	}
	a := r.Attributes[0]
	value := a.ValueIDs()[1]
	var res wire.ResultDoc
	out := mustRun(t, ExitProblems, "score", "--model", modelDir, "--set", a.ID+"="+a.ValueTitle(value), "-f", "json", path)
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if got := res.Respondent.Attributes[a.ID]; len(got) != 1 || got[0] != value || res.Schema != wire.ResultSchemaV2 {
		t.Errorf("--set %s=%s: attributes %v, schema %s", a.ID, value, res.Respondent.Attributes, res.Schema)
	}
	for _, p := range res.Problems {
		if strings.Contains(p.Message, a.Title) {
			t.Errorf("a given attribute still reported: %s", p.Message)
		}
	}
	if errOut := mustRunErr(t, ExitUsage, "score", "--model", modelDir, "--set", a.ID+"=nowhere", path); !strings.Contains(errOut, "--set "+a.ID+"=nowhere") {
		t.Errorf("a value not of the attribute: %s", errOut)
	}
	if errOut := mustRunErr(t, ExitUsage, "score", "--model", modelDir, "--set", "programs=НОО", path); !strings.Contains(errOut, "её признаки: "+a.ID) {
		t.Errorf("an attribute not of the model: %s", errOut)
	}
}

func itoa(i int) string { return big.NewInt(int64(i)).String() }

// schoolWords find the school model's words in English and Italian:
// another framework's outputs speak of its own respondents.
var schoolWords = regexp.MustCompile(`(?i)\b(school|scuol[ae]|pupils?|alunni|municipalit\w*|comune|development programme|programma di sviluppo)\b`)

// withoutModelText is text without the model's own words — its
// indicators' wordings and answers, which may well speak of schools (the
// Italian units manage their schools' IT).
func withoutModelText(m *model.Model, text string) string {
	for _, ind := range m.Indicators {
		text = strings.ReplaceAll(text, ind.Text, "")
		for _, o := range ind.Options {
			text = strings.ReplaceAll(text, o.Text, "")
		}
		if ind.Number != nil {
			for _, w := range ind.Number.NotApplicable {
				text = strings.ReplaceAll(text, w, "")
			}
		}
	}
	return text
}

// cyrillic finds a Cyrillic letter.
var cyrillic = regexp.MustCompile(`[\p{Cyrillic}]`)

// checkTemplatesInLanguage wants every template of the model — both
// layouts, workbook and CSV: sheet names, cells, hints and checks, print
// footers — and its description (model show) in the model's language,
// with no Cyrillic letter, and the templates speaking of the model's
// respondents, not of schools and municipalities.
func checkTemplatesInLanguage(t *testing.T, m *model.Model, modelDir, work string) {
	t.Helper()
	if show := mustRun(t, ExitOK, "model", "show", "--model", modelDir); cyrillic.MatchString(show) {
		t.Errorf("model show has Cyrillic:\n%s", show)
	}
	for _, layout := range []string{"single", "table"} {
		csvText := mustRun(t, ExitOK, "template", "--model", modelDir, "--layout", layout, "-f", "csv")
		if w := cyrillic.FindString(csvText); w != "" {
			t.Errorf("%s CSV template has Cyrillic: %.300s", layout, csvText)
		}
		path := filepath.Join(work, layout+"-template.xlsx")
		mustRun(t, ExitOK, "template", "--model", modelDir, "--layout", layout, "--out", path)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, sheet := range f.GetSheetList() {
			all = append(all, sheet)
			rows, _ := f.GetRows(sheet)
			for _, r := range rows {
				all = append(all, r...)
			}
			if hf, err := f.GetHeaderFooter(sheet); err == nil && hf != nil {
				all = append(all, hf.OddFooter, hf.OddHeader)
			}
			dvs, _ := f.GetDataValidations(sheet)
			for _, dv := range dvs {
				for _, p := range []*string{dv.Prompt, dv.PromptTitle, dv.Error, dv.ErrorTitle} {
					if p != nil {
						all = append(all, *p)
					}
				}
			}
		}
		f.Close()
		for _, text := range all {
			if cyrillic.MatchString(text) {
				t.Errorf("%s workbook template has Cyrillic: %q", layout, text)
				break
			}
		}
		for _, text := range append(all, csvText) {
			if w := schoolWords.FindString(withoutModelText(m, text)); w != "" {
				t.Errorf("%s template speaks of %q: %q", layout, w, text)
				break
			}
		}
	}
}

// checkDocumentsInLanguage writes every document of the framework — the
// report in every format, the district's summary, note and dashboard, the
// comparison in every format, and of two runs read back without the model
// — and wants each in the model's language: no Cyrillic letter, and no
// school, municipality or development programme outside the model's own
// wordings, JSON keys included (their v2 schemas are neutral).
func checkDocumentsInLanguage(t *testing.T, m *model.Model, modelDir, root string, fw framework, runs map[string]string, work string) {
	t.Helper()
	docs, before := filepath.Join(work, "documents"), runs[fw.before]
	mustRun(t, ExitOK, "batch", "--model", modelDir, "--group-by", m.Respondent.Groups[0].ID, "-f", "html,xlsx,md,docx,text,csv,json",
		"--out", filepath.Join(docs, "batch"), filepath.Join(root, fw.before))
	for _, f := range []string{"html", "md", "text", "xlsx", "docx", "json", "csv"} {
		mustRun(t, ExitOK, "compare", "--model", modelDir, "-f", f, "--out", filepath.Join(docs, "compare."+f), before, filepath.Join(root, fw.after))
	}
	// Two runs compared without the model: their summaries name the
	// language and the respondent.
	for _, f := range []string{"html", "text", "xlsx", "json"} {
		mustRun(t, ExitOK, "compare", "-f", f, "--out", filepath.Join(docs, "compare-runs."+f), before, runs[fw.after])
	}
	var files []string
	// The respondents' names are data: «Hillcrest School District».
	var names []string
	for _, r := range readResults(t, filepath.Join(before, "schools")) {
		names = append(names, r.Respondent.Name)
	}
	for _, pattern := range []string{filepath.Join(work, "report.*"), filepath.Join(docs, "batch", "*"), filepath.Join(docs, "compare*.*")} {
		found, _ := filepath.Glob(pattern)
		for _, f := range found {
			if !strings.HasPrefix(filepath.Base(f), ".") { // the run's manifest: bookkeeping, not a document
				files = append(files, f)
			}
		}
	}
	if len(files) < 20 {
		t.Fatalf("%d documents written: %v", len(files), files)
	}
	checkWords(t, m, work, docs)
	checkColours(t, m, work, docs)
	checkStatusLines(t, modelDir, root, fw, work)
	checkTroubleInLanguage(t, modelDir, root, fw, work, m.Lang())
	checkFailuresInLanguage(t, modelDir, root, fw, work, m.Lang())
	checkExportInLanguage(t, modelDir, work)
	for _, path := range files {
		text := documentText(t, path)
		if w := cyrillic.FindString(text); w != "" {
			i := strings.Index(text, w)
			t.Errorf("%s has Cyrillic: …%s…", filepath.Base(path), text[max(0, i-80):min(len(text), i+80)])
		}
		rest := withoutModelText(m, text)
		for _, name := range names {
			rest = strings.ReplaceAll(rest, name, "")
		}
		if loc := schoolWords.FindStringIndex(rest); loc != nil {
			t.Errorf("%s speaks of %q: …%s…", filepath.Base(path), rest[loc[0]:loc[1]], rest[max(0, loc[0]-80):min(len(rest), loc[1]+80)])
		}
	}
}

// checkStatusLines reads what the commands say of what they did — a
// report, a comparison written, a model checked and exported — in the
// model's language.
func checkStatusLines(t *testing.T, modelDir, root string, fw framework, work string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, fw.after, "*.csv"))
	var said []string
	for _, args := range [][]string{
		{"report", "--model", modelDir, "-f", "md", "--out", filepath.Join(work, "status-reports"), files[0]},
		{"compare", "--model", modelDir, "-f", "text", "--out", filepath.Join(work, "status-compare.txt"), filepath.Join(root, fw.before), filepath.Join(root, fw.after)},
		{"batch", "--model", modelDir, "--per-school", "-f", "md", "--out", filepath.Join(work, "status-batch"), filepath.Join(root, fw.after)},
		{"model", "validate", "--model", modelDir},
		{"model", "export", "--model", modelDir, "-f", "csv", "--out", filepath.Join(work, "status-model.csv")},
		{"model", "export", "--model", modelDir, "--out", filepath.Join(work, "status-model")},
	} {
		out, errOut := run(t, ExitOK, args...)
		said = append(said, out+errOut)
	}
	// A broken copy of the model is told its problems in its language.
	broken := filepath.Join(work, "broken-model")
	if err := os.CopyFS(broken, os.DirFS(modelDir)); err != nil {
		t.Fatal(err)
	}
	rootYAML, err := os.ReadFile(filepath.Join(broken, "model.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "model.yaml"), append(rootYAML, "colour: red\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut := run(t, ExitProblems, "model", "validate", broken)
	if !strings.Contains(out, "«colour»") {
		t.Errorf("model validate of a broken model: %s", out)
	}
	said = append(said, out+errOut)
	for i, text := range said {
		if strings.TrimSpace(text) == "" {
			t.Errorf("command %d says nothing", i)
		}
		if w := cyrillic.FindString(text); w != "" {
			t.Errorf("command %d says in Russian: %s", i, text)
		}
	}
}

// checkWords finds the model's own words for its documents («words») in
// them: the report's title and section headings in the report of every
// format that has headings, the note's title in the note.
func checkWords(t *testing.T, m *model.Model, work, docs string) {
	t.Helper()
	w := m.Words
	for _, f := range []string{"html", "md", "docx"} {
		text := documentText(t, filepath.Join(work, "report."+f))
		for _, word := range []string{w.Report, w.Results, w.Deficits, w.Measures, w.MeasuresIntro} {
			if word != "" && !strings.Contains(text, word) {
				t.Errorf("report.%s lacks the model's «%s»", f, word)
			}
		}
	}
	for _, f := range []string{"md", "docx", "txt"} {
		if text := documentText(t, filepath.Join(docs, "batch", "summary."+f)); w.Note != "" && !strings.Contains(text, w.Note) {
			t.Errorf("the note (summary.%s) lacks its title «%s»", f, w.Note)
		}
	}
}

// markup finds a tag of HTML or XML, a page's script and style sheet.
var markup = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)

// documentText is what a reader of the file sees: a page's text, a
// workbook's or Word document's (its parts' text; document properties and
// pictures aside), any other file as it is.
func documentText(t *testing.T, path string) string {
	t.Helper()
	if ext := filepath.Ext(path); ext != ".xlsx" && ext != ".docx" {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if ext == ".html" {
			return html.UnescapeString(markup.ReplaceAllString(string(data), " "))
		}
		return string(data)
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xml") || strings.HasPrefix(f.Name, "docProps/") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		b.WriteString(html.UnescapeString(markup.ReplaceAllString(string(data), " ")))
		b.WriteByte('\n')
	}
	return b.String()
}

// checkColours finds the model's own level colours, where it declares
// them, in the pages' style sheets (the report and the dashboard) and in
// the summary workbook's fills.
func checkColours(t *testing.T, m *model.Model, work, docs string) {
	t.Helper()
	page, _ := os.ReadFile(filepath.Join(work, "report.html"))
	dashboard, _ := os.ReadFile(filepath.Join(docs, "batch", "summary.html"))
	book, err := zip.OpenReader(filepath.Join(docs, "batch", "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	var styles []byte
	for _, f := range book.File {
		if f.Name == "xl/styles.xml" {
			r, _ := f.Open()
			styles, _ = io.ReadAll(r)
			r.Close()
		}
	}
	for _, l := range m.Levels {
		if l.Color == "" {
			continue
		}
		for name, text := range map[string][]byte{"report.html": page, "summary.html": dashboard} {
			if !bytes.Contains(text, []byte("background: "+l.Color)) {
				t.Errorf("%s does not paint «%s» %s", name, l.Title, l.Color)
			}
		}
		if !bytes.Contains(styles, []byte(strings.TrimPrefix(l.Color, "#"))) {
			t.Errorf("summary.xlsx does not fill «%s» with %s", l.Title, l.Color)
		}
	}
}

// checkTroubleInLanguage runs batch and score on a folder of troubles —
// a damaged workbook, an empty CSV, an old .xls, the program's own
// results, a respondent sent twice, a template sent back blank — and wants what the district's note
// and the command line say of them in the model's language.
func checkTroubleInLanguage(t *testing.T, modelDir, root string, fw framework, work string, l lang.Lang) {
	t.Helper()
	dir := filepath.Join(work, "troubles")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, fw.before))); err != nil {
		t.Fatal(err)
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	data, err := os.ReadFile(csvs[0])
	if err != nil {
		t.Fatal(err)
	}
	// A table whose last column comes twice: a problem inside a file.
	lines := strings.Split(strings.TrimRight(string(data), "\r\n"), "\n")
	for i, line := range lines {
		line = strings.TrimRight(line, "\r")
		cells := strings.Split(line, ";")
		lines[i] = line + ";" + cells[len(cells)-1]
	}
	twice := []byte(strings.Join(lines, "\n") + "\n")
	for name, body := range map[string][]byte{"again.csv": data, "damaged.xlsx": []byte("PK\x03\x04damaged"), "empty.csv": nil, "old.xls": []byte("x"), "twice.csv": twice, "letter.csv": []byte("Dear colleagues\nall is well\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A template sent back blank.
	run(t, ExitOK, "template", "--model", modelDir, "--format", "csv", "--out", filepath.Join(dir, "blank.csv"))
	note := filepath.Join(work, "troubles-note")
	out, errOut := run(t, ExitProblems, "batch", "--model", modelDir, "-f", "md", "--out", note, dir)
	said := out + errOut
	text, err := os.ReadFile(filepath.Join(note, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	said += string(text)
	// The run's list of the files it wrote keeps a note for whoever opens it.
	manifest, err := os.ReadFile(filepath.Join(note, outdir.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	said += string(manifest)
	_, errOut = run(t, ExitFailure, "score", "--model", modelDir, filepath.Join(dir, "damaged.xlsx"))
	said += errOut
	// Answers the scoring cannot count, and a total and a level the
	// file states that are not the model's: each problem in its words.
	wrong := filepath.Join(work, "wrong-answers.csv")
	run(t, ExitOK, "template", "--model", modelDir, "--format", "csv", "--out", wrong)
	form, err := os.ReadFile(wrong)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(string(form), "\n")
	for i, row := range rows {
		if cells := strings.Split(row, ";"); i > 0 && len(cells) > 3 && cells[2] == "" {
			cells[2] = []string{"bogus", "12 34", "1; 2", "=A1"}[i%4]
			rows[i] = strings.Join(cells, ";")
		}
	}
	stated := map[lang.Lang]string{lang.EN: "Total points: 999\nLevel: nowhere\n", lang.IT: "Punteggio totale: 999\nLivello: da nessuna parte\n"}[l]
	if err := os.WriteFile(wrong, []byte(stated+strings.Join(rows, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut = run(t, ExitProblems, "score", "--model", modelDir, wrong)
	said += out + errOut
	for _, want := range []string{"999", "bogus"} {
		if !strings.Contains(out, want) {
			t.Errorf("nothing said of %s:\n%s", want, out)
		}
	}
	_, errOut = run(t, ExitProblems, "compare", "--model", modelDir, "-f", "text", "--out", filepath.Join(work, "troubles-compare.txt"), dir, filepath.Join(root, fw.after))
	said += errOut
	for _, want := range []string{"damaged.xlsx", "empty.csv", "old.xls", "again.csv", "twice.csv", "blank.csv", "letter.csv", "«Dear colleagues»"} {
		if !strings.Contains(said, want) {
			t.Errorf("nothing said of %s:\n%s", want, said)
		}
	}
	for _, line := range strings.Split(said, "\n") {
		if cyrillic.MatchString(line) {
			t.Errorf("said in Russian: %s", line)
		}
	}
}

// checkFailuresInLanguage makes the commands fail — an output folder
// another run holds, a report's place taken by a folder, a previous run's
// folder that is not one, a model table that is a folder — and wants the
// failure told in the model's language (the last, whose model is not
// read, with --lang).
func checkFailuresInLanguage(t *testing.T, modelDir, root string, fw framework, work string, l lang.Lang) {
	t.Helper()
	answers := filepath.Join(root, fw.after)
	locked := filepath.Join(work, "locked")
	if err := os.MkdirAll(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(locked, outdir.LockFile), []byte("PID 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	said := map[string]string{}
	_, said["a held folder"] = run(t, ExitFailure, "batch", "--model", modelDir, "--out", locked, answers)

	// A report written, then its place taken by a folder.
	taken := filepath.Join(work, "taken")
	files, _ := filepath.Glob(filepath.Join(answers, "*"))
	run(t, ExitOK, "report", "--model", modelDir, "--out", taken, files[0])
	reports, _ := filepath.Glob(filepath.Join(taken, "*.html"))
	if len(reports) == 0 {
		t.Fatal("no report written")
	}
	report := filepath.Base(reports[0])
	if err := os.Remove(reports[0]); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(reports[0], 0o755); err != nil {
		t.Fatal(err)
	}
	_, said["a report's place taken"] = run(t, ExitFailure, "report", "--model", modelDir, "--out", taken, files[0])

	notRun := filepath.Join(work, "not-a-run")
	if err := os.MkdirAll(filepath.Join(notRun, "schools"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(notRun, "summary.json"), []byte(`{"schema":"other","levels":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, said["not a previous run"] = run(t, ExitFailure, "compare", "--model", modelDir, notRun, answers)
	folder := filepath.Join(work, "folder.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	_, said["a table that is a folder"] = run(t, ExitFailure, "model", "import", "--lang", string(l), folder, "--out", filepath.Join(work, "imported"))

	for what, text := range said {
		if strings.TrimSpace(text) == "" || cyrillic.MatchString(text) {
			t.Errorf("%s: not told in %s:\n%s", what, l, text)
		}
	}
	for what, want := range map[string]string{"a held folder": outdir.LockFile, "a table that is a folder": "folder.xlsx", "a report's place taken": report, "not a previous run": "summary.json"} {
		if !strings.Contains(said[what], want) {
			t.Errorf("%s: %s not named:\n%s", what, want, said[what])
		}
	}
}

// checkExportInLanguage exports the model as a folder and as tables and
// finds no Cyrillic letter in them: the folder's comments and the tables'
// sheets and columns are in the model's language.
func checkExportInLanguage(t *testing.T, modelDir, work string) {
	t.Helper()
	folder := filepath.Join(work, "exported")
	run(t, ExitOK, "model", "export", "--model", modelDir, "--out", folder)
	run(t, ExitOK, "model", "export", "--model", modelDir, "--out", filepath.Join(work, "exported.xlsx"))
	run(t, ExitOK, "model", "export", "--model", modelDir, "--out", filepath.Join(work, "exported.csv"))
	files, _ := filepath.Glob(filepath.Join(folder, "*.yaml"))
	files = append(files, filepath.Join(work, "exported.xlsx"), filepath.Join(work, "exported.csv"))
	if len(files) < 4 {
		t.Fatalf("exported: %v", files)
	}
	for _, f := range files {
		if w := cyrillic.FindString(documentText(t, f)); w != "" {
			t.Errorf("%s: a Russian word %q", filepath.Base(f), w)
		}
	}
}
