package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/docx"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/wire"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// scoreSamples scores the bundled samples from the repository root, so that
// paths in the output are the ones a user sees.
func scoreSamples(t testing.TB, files ...string) (*model.Model, []*School) {
	t.Helper()
	t.Chdir("../..")
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	var results []*School
	for _, f := range files {
		err := answers.ReadFile(f, answers.Options{}, func(s *submission.Submission) error {
			results = append(results, &School{Explained: scoring.Explain(m, scoring.Score(m, s))})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m, results
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./internal/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update and review the diff):\n%s", name, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return ""
}

var goldenCases = []struct{ name, file string }{
	{"school1", "testdata/schools/school1.xlsx"},
	{"federal", "testdata/schools/federal-table.xlsx"},
	{"corrective", "testdata/schools/corrective-ovz.csv"},
	{"bad-answers", "testdata/broken/bad-answers.csv"},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			m, results := scoreSamples(t, tc.file)
			var text, js, csv bytes.Buffer
			if err := WriteText(&text, m, results); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&js, m, results); err != nil {
				t.Fatal(err)
			}
			if err := WriteCSV(&csv, m, results); err != nil {
				t.Fatal(err)
			}
			var page, md bytes.Buffer
			if err := WriteHTML(&page, m, results[0]); err != nil {
				t.Fatal(err)
			}
			if err := WriteMarkdown(&md, m, results[0]); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name+".html", page.Bytes())
			golden(t, tc.name+".md", md.Bytes())
			golden(t, tc.name+".txt", text.Bytes())
			golden(t, tc.name+".json", js.Bytes())
			golden(t, tc.name+".csv", csv.Bytes())
		})
	}
}

// The JSON carries every field the documented schema names.
func TestJSONSchemaFields(t *testing.T) {
	m, results := scoreSamples(t, "testdata/broken/bad-answers.csv")
	var buf bytes.Buffer
	if err := WriteJSON(&buf, m, results); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schema"] != wire.ResultSchema {
		t.Errorf("schema = %v", doc["schema"])
	}
	for _, key := range []string{"model", "school", "total", "components", "indicators", "critical_failures", "deficits", "problems", "incomplete"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("missing key %q", key)
		}
	}
	want := map[string][]string{
		"model":  {"id", "version", "source"},
		"school": {"name", "code", "municipality", "year", "profile"},
		"total":  {"points", "max", "percent", "level", "level_title"},
	}
	for obj, keys := range want {
		o := doc[obj].(map[string]any)
		for _, k := range keys {
			if _, ok := o[k]; !ok {
				t.Errorf("%s lacks %q", obj, k)
			}
		}
	}
	comp := doc["components"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "title", "kind", "points", "max", "percent", "level", "level_title"} {
		if _, ok := comp[k]; !ok {
			t.Errorf("component lacks %q", k)
		}
	}
	ind := doc["indicators"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "component", "answer", "points", "max", "status"} {
		if _, ok := ind[k]; !ok {
			t.Errorf("indicator lacks %q", k)
		}
	}
	def := doc["deficits"].([]any)[0].(map[string]any)
	for _, k := range []string{"indicator", "component", "answer", "points", "max", "gap", "critical", "target"} {
		if _, ok := def[k]; !ok {
			t.Errorf("deficit lacks %q", k)
		}
	}
	statuses := map[string]bool{}
	for _, x := range doc["indicators"].([]any) {
		statuses[x.(map[string]any)["status"].(string)] = true
	}
	for _, s := range []string{"ok", "missing", "invalid", "not_applicable"} {
		if !statuses[s] {
			t.Errorf("no indicator with status %q", s)
		}
	}
}

// The streamed summary JSON is one valid object whose keys each appear once
// (the streamed arrays must not also be written by the head), with a row per
// school.
func TestSummaryJSONKeysOnce(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv", "testdata/broken/bad-answers.csv")
	agg := summary.New(m, summary.Options{GroupBy: summary.GroupMunicipality, Duplicates: ""})
	for _, r := range results {
		agg.Add(r.Result)
	}
	var buf bytes.Buffer
	if err := WriteSummaryJSON(&buf, agg.Summary()); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("first token %v, %v", tok, err)
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		key := tok.(string)
		if seen[key] {
			t.Errorf("key %q appears twice", key)
		}
		seen[key] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("value of %q: %v", key, err)
		}
	}
	var doc struct {
		Counts   struct{ Schools, Problems int }
		Schools  []wire.SchoolRowDoc
		Problems []wire.SchoolProblemDoc
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Schools) != 3 || doc.Counts.Schools != 3 {
		t.Errorf("schools: %d rows, counts say %d; want 3", len(doc.Schools), doc.Counts.Schools)
	}
	if len(doc.Problems) == 0 || len(doc.Problems) != doc.Counts.Problems {
		t.Errorf("problems: %d rows, counts say %d", len(doc.Problems), doc.Counts.Problems)
	}
	if len(doc.Schools[0].Components) != len(m.Components) {
		t.Errorf("components per school = %d, want %d", len(doc.Schools[0].Components), len(m.Components))
	}
}

// TestHostileValues: names, codes, answers and file names from a sender
// can neither drive a terminal nor put HTML, links or images into a
// Markdown report.
func TestHostileValues(t *testing.T) {
	m, results := scoreSamples(t, "testdata/broken/bad-answers.csv")
	r := results[0]
	r.Source = "ответы\x1b]0;взлом\a.csv"
	r.School.Name = "Школа\x1b[2J\r\nИТОГ: 133 из 133 баллов <script>alert(1)</script>"
	r.School.Code = "[клик](javascript:alert(1))"
	r.School.Groups = []string{"<img src=x onerror=alert(1)> ![](http://evil.example/x.png)"}
	r.Indicators[0].Answer = "да\x07\x1b[31m"
	var text, md bytes.Buffer
	if err := WriteText(&text, m, results); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, m, r); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "md": md.String()} {
		if i := strings.IndexFunc(out, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }); i >= 0 {
			t.Errorf("%s: a control character at %d: %q", name, i, out[max(0, i-20):i+5])
		}
		if strings.Contains(out, "\nИТОГ: 133 из 133") {
			t.Errorf("%s: a forged line", name)
		}
	}
	// Markup is only markup when its first character is not escaped.
	for _, bad := range []string{"<script>", "<img", "](javascript:", "![](http"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(md.String()) {
			t.Errorf("md passes %q through", bad)
		}
	}
	if !strings.Contains(md.String(), `\<script\>alert(1)\</script\>`) || !strings.Contains(text.String(), `Школа\x1b[2J\x0d\x0aИТОГ`) {
		t.Errorf("values must stay readable:\n%s", md.String()[:600])
	}
}

// badOutput is what no output may contain: a Printf mistake (%!d, MISSING),
// a nil or a non-number printed, or a raw float (74.599999999999994).
var badOutput = regexp.MustCompile(`%!|MISSING|<nil>|NaN|\+Inf|\d[.,]\d{6,}`)

// TestNoBadOutput: every writer's output, for schools and for a district,
// and every golden file, is free of the marks of a formatting mistake.
func TestNoBadOutput(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv",
		"testdata/broken/bad-answers.csv", "testdata/schools/federal-table.xlsx")
	check := func(name string, data []byte) {
		t.Helper()
		if loc := badOutput.FindIndex(data); loc != nil {
			from, to := max(0, loc[0]-60), min(len(data), loc[1]+20)
			t.Errorf("%s: %q in …%s…", name, data[loc[0]:loc[1]], data[from:to])
		}
	}
	agg := summary.New(m, summary.Options{GroupBy: summary.GroupMunicipality})
	for _, r := range results {
		agg.Add(r.Result)
	}
	s := agg.Summary()
	for _, f := range formats {
		var buf bytes.Buffer
		if f.Results != nil {
			if err := f.Results(&buf, m, results); err != nil {
				t.Fatal(err)
			}
			check(f.Name+" results", buf.Bytes())
		}
		for _, r := range results {
			if f.School != nil {
				buf.Reset()
				if err := f.School(&buf, m, r); err != nil {
					t.Fatal(err)
				}
				check(f.Name+" report "+r.Source, xlsxText(t, f, buf.Bytes()))
			}
		}
		if f.Summary != nil {
			buf.Reset()
			if err := f.Summary(&buf, s, nil); err != nil {
				t.Fatal(err)
			}
			check(f.Name+" summary", xlsxText(t, f, buf.Bytes()))
		}
	}
	goldens, _ := filepath.Glob("testdata/golden/*")
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		check(g, data)
	}
	if len(goldens) < 10 {
		t.Fatalf("only %d golden files", len(goldens))
	}
}

// xlsxText is a workbook's cells as text (raw values: numbers as stored),
// or data itself for the other formats.
func xlsxText(t *testing.T, f Format, data []byte) []byte {
	t.Helper()
	if !f.Binary {
		return data
	}
	if f.Ext == "docx" {
		text, err := docx.PlainText(data)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(text)
	}
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	var b bytes.Buffer
	for _, sheet := range book.GetSheetList() {
		rows, _ := book.GetRows(sheet, excelize.Options{RawCellValue: true})
		for _, row := range rows {
			b.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	return b.Bytes()
}

// A model without critical indicators (another framework's) says nothing
// of them: no section, no sentence, no «критические — первыми».
func TestNoCriticalIndicators(t *testing.T) {
	m := modeltest.Load(t, "  - id: \"1\"\n    text: Показатель\n    options:\n      - {text: нет, points: 0}\n      - {text: да, points: 1}\n"+
		"  - id: \"2\"\n    text: Второй\n    options:\n      - {text: нет, points: 0}\n      - {text: да, points: 1}\n")
	sub := &submission.Submission{School: submission.School{Name: "Школа"}, Answers: []submission.Answer{{Indicator: "1", Value: "да"}, {Indicator: "2", Value: "нет"}}}
	var b bytes.Buffer
	if err := doc.WriteMarkdown(&b, SchoolDocument(m, &School{Explained: scoring.Explain(m, scoring.Score(m, sub))})); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(b.String()), "критическ") {
		t.Errorf("the report of a model without critical indicators speaks of them:\n%s", b.String())
	}
}

// Comments and evidence beside the answers reach every school report
// (beside the answer in the document, in the xlsx sheets, the CSV and the
// JSON); without any, no report gets a comment column.
func TestCommentsInEveryReport(t *testing.T) {
	m := modeltest.Load(t, "  - id: ID.AM-1\n    text: Inventory\n    options:\n      - {text: нет, points: 0}\n      - {text: да, points: 1}\n"+
		"  - id: \"2\"\n    text: Второй\n    options:\n      - {text: нет, points: 0}\n      - {text: да, points: 1}\n")
	for _, comment := range []string{"policy.pdf, с. 3", ""} {
		sub := &submission.Submission{School: submission.School{Name: "Школа"}, Answers: []submission.Answer{
			{Indicator: "ID.AM-1", Value: "нет", Comment: comment}, {Indicator: "2", Value: "да"}}}
		s := &School{Explained: scoring.Explain(m, scoring.Score(m, sub))}
		outs := map[string]string{}
		for _, f := range formats {
			var b bytes.Buffer
			var err error
			if f.School != nil {
				err = f.School(&b, m, s)
			} else {
				err = f.Results(&b, m, []*School{s})
			}
			if err != nil {
				t.Fatal(err)
			}
			outs[f.Name] = plainText(t, f, b.Bytes())
		}
		for f, out := range outs {
			has := strings.Contains(out, "policy.pdf, с. 3")
			header := strings.Contains(out, CommentHeading)
			if f == "json" {
				header = strings.Contains(out, `"comment"`)
			}
			if has != (comment != "") || header != (comment != "") {
				t.Errorf("%s with comment %q: comment shown %v, column %v", f, comment, has, header)
			}
		}
	}
}

// A model's own kinds of components name its components: the deficits
// section heads by them, the narrative says «в компонентах», the
// template's and model show's groups by the kind.
func TestOwnKinds(t *testing.T) {
	m, err := model.Load(os.DirFS("../../testdata/frameworks/maturita-digitale/modello"), "it")
	if err != nil {
		t.Fatal(err)
	}
	csf, err := model.Load(os.DirFS("../../testdata/frameworks/csf-self-assessment/model"), "en")
	if err != nil {
		t.Fatal(err)
	}
	if h := wordsOf(csf, "X").Deficits; h != "Deficits by component (functions)" {
		t.Errorf("heading %q", h)
	}
	// The Italian model names its sections itself («words»); the rest
	// are the program's, in Italian.
	w := wordsOf(m, "Ente")
	if w.Deficits != "Carenze per area del piano triennale" || w.Title != "Autovalutazione della maturità digitale: Ente" || w.Heading != w.Title ||
		w.Results != "Risultati: punti e livelli" {
		t.Errorf("the model's words: %+v", w)
	}
	if h := m.Heading(m.Components[0]); h != "Area «Standard hardware e software»" {
		t.Errorf("component heading %q", h)
	}
	sub := &submission.Submission{School: submission.School{Name: "Ente"}}
	text := schoolNarrative(m.Levels, newSchoolView(m, &School{Explained: scoring.Explain(m, scoring.Score(m, sub))}))
	if strings.Contains(text, "направлени") || strings.Contains(text, "услови") {
		t.Errorf("the narrative speaks of the school's kinds: %s", text)
	}
}
