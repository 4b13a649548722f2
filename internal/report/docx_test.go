package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/docx"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// Every school document is a valid Word package whose headings Word's
// navigation pane lists, and LibreOffice Writer opens and prints it with
// every section, the total, every component, every deficit and the
// measures table. SELFDIAG_KEEP_PDF=DIR keeps the PDFs.
func TestSchoolDOCX(t *testing.T) {
	keep := os.Getenv("SELFDIAG_KEEP_PDF")
	dir := t.TempDir()
	musts := map[string][]string{}       // by document: what LibreOffice must read in it
	headerWords := map[string][]string{} // by document: its tables' header words
	var paths []string
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			m, results := scoreSamples(t, tc.file)
			r := results[0]
			data, heads := validDocument(t, func(w io.Writer) error { return WriteSchoolDOCX(w, m, r) })
			var level1 []string
			level2 := 0
			for _, h := range heads {
				if h.Level == 1 {
					level1 = append(level1, h.Text)
				} else {
					level2++
				}
			}
			want := []string{schoolHeadResults, schoolHeadDeficits, schoolHeadPlan, schoolHeadMeasures, schoolHeadAnswers, schoolHeadProblems}
			// Thresholds, critical indicators, «По компонентам»; each
			// component among the deficits and the answers; notices.
			wantLevel2 := 3 + 2*len(m.Components)
			if len(r.Notices) > 0 {
				wantLevel2++
			}
			if strings.Join(level1, "|") != strings.Join(want, "|") || level2 != wantLevel2 {
				t.Errorf("headings: %q and %d of level 2", level1, level2)
			}
			path := filepath.Join(dir, tc.name+".docx")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			must := append([]string{}, want...)
			must = append(must, SchoolTitle(m, r.Result), "набрала "+strconv.Itoa(r.Total.Points), "из "+strconv.Itoa(r.Total.Max), r.Total.LevelTitle,
				"Ответственный", "Срок", "Ожидаемый результат", "Рисунок 1", "Рисунок 2")
			for _, c := range r.Components {
				must = append(must, c.Title)
			}
			for _, d := range r.Deficits {
				must = append(must, strings.Join(strings.Fields(d.Text), " "))
				must = append(must, d.Measures...)
			}
			paths, musts[path] = append(paths, path), must
			headerWords[path] = tableHeaderWords(SchoolDocument(m, r).Blocks)
		})
	}
	// LibreOffice opens every document in one run.
	var titles []string
	m, _ := model.Default()
	for _, c := range m.Components {
		titles = append(titles, c.Title)
	}
	for path, doc := range officetest.Documents(t, keep, paths...) {
		name := filepath.Base(path)
		officetest.CheckPaper(t, name, doc.PDF, titles)
		officetest.CheckWordsWhole(t, name+", tables' headers", doc.PDF, headerWords[path])
		if p := doc.Printed; p.Pages < 3 || p.Landscape || p.TextSize < 9 {
			t.Errorf("%s printed %+v: want 3 pages or more, A4 portrait, readable text", name, p)
		}
		flat := strings.Join(strings.Fields(doc.Text), " ")
		for _, w := range musts[path] {
			if !strings.Contains(flat, w) {
				t.Errorf("%s as LibreOffice reads it lacks %q", name, w)
			}
		}
	}
}

// Summary paragraphs for a range of schools: every level, with and
// without critical failures, with no deficits. The golden file is read
// by people: it is the document's prose.
func TestSchoolNarratives(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	type school struct {
		name string
		// answer picks each indicator's answer by its model index.
		answer func(i int, ind *model.Indicator) string
	}
	worst := func(ind *model.Indicator) string {
		if ind.IsNumeric() {
			return model.FormatNumber(ind.Bands[0].Min)
		}
		for _, o := range ind.Options {
			if o.Points == 0 {
				return o.Text
			}
		}
		return ind.Options[0].Text
	}
	share := func(every int, critical bool) func(int, *model.Indicator) string {
		return func(i int, ind *model.Indicator) string {
			if ind.Critical {
				if critical && ind.ID == "22" {
					return worst(ind)
				}
				return ind.Best()
			}
			if every > 0 && i%every == 0 {
				return worst(ind)
			}
			return bestAnswer(ind)
		}
	}
	cases := []school{
		{"все показатели на максимуме: высокий, дефицитов нет", share(0, false)},
		{"высокий с немногими дефицитами", share(12, false)},
		{"средний", share(4, false)},
		{"базовый", share(2, false)},
		{"ниже базового по баллам", func(i int, ind *model.Indicator) string {
			if ind.Critical || i%5 == 0 {
				return bestAnswer(ind)
			}
			return worst(ind)
		}},
		{"средний по баллам, но невыполненный критический показатель", share(4, true)},
		{"все показатели на нуле", func(_ int, ind *model.Indicator) string { return worst(ind) }},
	}
	var out strings.Builder
	for _, c := range cases {
		sub := &submission.Submission{Source: "s.csv", ProfileKnown: true, School: submission.School{Name: c.name, Profile: modeltest.DefaultProfile()}}
		for i, ind := range m.Indicators {
			sub.Answers = append(sub.Answers, submission.Answer{Indicator: ind.ID, Value: c.answer(i, ind)})
		}
		r := scoring.Explain(m, scoring.Score(m, sub))
		if len(r.Problems) > 0 {
			t.Fatalf("%s: %v", c.name, r.Problems)
		}
		text := schoolNarrative(m.Levels, newSchoolView(m, &School{Explained: r}))
		checkNarrative(t, c.name, text)
		fmt.Fprintf(&out, "## %s\n%s\n\n", c.name, text)
	}
	t.Chdir("../..")
	golden(t, "narratives.txt", []byte(out.String()))
}

// bestAnswer is an answer earning the indicator's maximum, as a file
// writes it (a number for a numeric indicator).
func bestAnswer(ind *model.Indicator) string {
	if ind.IsNumeric() {
		for _, b := range ind.Bands {
			if b.Points == ind.Max {
				return model.FormatNumber(b.Min)
			}
		}
	}
	return ind.Best()
}

func TestLevelDative(t *testing.T) {
	for title, want := range map[string]string{"базовый": "базовому уровню", "средний": "среднему уровню", "высокий": "высокому уровню",
		"ниже базового": "уровню «ниже базового»", "Оптимальный": "оптимальному уровню", "A": "уровню «A»", "простой": "простому уровню"} {
		if got := levelDative(lang.RU, title); got != want {
			t.Errorf("levelDative(%q) = %q, want %q", title, got, want)
		}
	}
}

// The municipal analytical note: a valid Word package with the district's
// figures, per municipality, which LibreOffice opens and prints.
func TestSummaryDOCX(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv",
		"testdata/broken/bad-answers.csv", "testdata/schools/federal-table.xlsx")
	agg := summary.New(m, summary.Options{GroupBy: summary.GroupMunicipality})
	for _, r := range results {
		agg.Add(r.Result)
	}
	s := agg.Summary()
	data, heads := validDocument(t, func(w io.Writer) error { return WriteSummaryDOCX(w, s, nil) })
	var names []string
	for _, h := range heads {
		names = append(names, h.Text)
	}
	want := []string{noteHeadOverview, noteHeadComponents, noteHeadDeficits, fmt.Sprintf(noteHeadBelowBase, m.Levels[0].Title), "5. " + noteHeadGroups}
	for _, mu := range s.Municipalities {
		want = append(want, mu.Name)
	}
	want = append(want, "6. "+noteHeadData)
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("headings %q, want %q", names, want)
	}
	path := filepath.Join(t.TempDir(), "справка.docx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	opened := officetest.Documents(t, os.Getenv("SELFDIAG_KEEP_PDF"), path)[path]
	text, printed := opened.Text, opened.Printed
	if printed.Pages < 2 || printed.Landscape {
		t.Errorf("printed %+v", printed)
	}
	var titles []string
	for _, c := range s.Components {
		titles = append(titles, c.Title)
	}
	officetest.CheckPaper(t, "the note", opened.PDF, titles)
	officetest.CheckWordsWhole(t, "the note, tables' headers", opened.PDF, tableHeaderWords(NoteDocument(s, nil).Blocks))
	flat := strings.Join(strings.Fields(text), " ")
	must := append([]string{noteTitle, ru.Counted(s.Stats.Schools), Percent(s.Stats.MeanPercent) + " % от максимума",
		s.Stats.Deficits[0].Title}, want...)
	for _, c := range s.Components {
		must = append(must, c.Title)
	}
	for _, b := range s.Stats.BelowBase {
		must = append(must, b.Name)
	}
	for _, w := range must {
		if !strings.Contains(flat, w) {
			t.Errorf("the note as LibreOffice reads it lacks %q", w)
		}
	}
}

// validDocument writes a document, checks it is a valid Word package and
// returns it with its headings.
func validDocument(t *testing.T, write func(io.Writer) error) ([]byte, []docx.Heading) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := docx.Verify(buf.Bytes()); err != nil {
		t.Fatalf("invalid Word package: %v", err)
	}
	heads, err := docx.Headings(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), heads
}

var quoted = regexp.MustCompile(`«([^»]+)» \((\d+,\d) %\)`)

// checkNarrative pins the paragraph's rules: strengths and weaknesses by
// the one measure (percent of the maximum), no component on both sides,
// the weak ones lowest first, and «не хватает» only on the way to the next
// level.
func checkNarrative(t *testing.T, name, text string) {
	t.Helper()
	strongPart, weakPart := "", ""
	for _, sentence := range strings.Split(text, ". ") {
		switch {
		case strings.HasPrefix(sentence, "Сильные стороны") || strings.HasPrefix(sentence, "Наибольший процент"):
			strongPart = sentence
		case strings.Contains(sentence, "ниже всего процент"):
			weakPart = sentence
		}
	}
	strong := map[string]bool{}
	for _, m := range quoted.FindAllStringSubmatch(strongPart, -1) {
		strong[m[1]] = true
	}
	last := -1.0
	for _, m := range quoted.FindAllStringSubmatch(weakPart, -1) {
		if strong[m[1]] {
			t.Errorf("%s: «%s» is both strong and weak", name, m[1])
		}
		p, _ := strconv.ParseFloat(strings.Replace(m[2], ",", ".", 1), 64)
		if p < last {
			t.Errorf("%s: weak components not lowest first: %s", name, weakPart)
		}
		last = p
	}
	for _, sentence := range strings.Split(text, ". ") {
		if strings.Contains(sentence, "не хватает") && !strings.HasPrefix(sentence, "До уровня") {
			t.Errorf("%s: «не хватает» not toward the next level: %q", name, sentence)
		}
	}
}

// tableHeaderWords are the words of every table header of a document:
// Word must print each whole.
func tableHeaderWords(blocks []doc.Block) []string {
	var words []string
	doc.Walk(blocks, func(b doc.Block) {
		if t, ok := b.(doc.Table); ok {
			for _, h := range t.Header {
				words = append(words, strings.Fields(h)...)
			}
		}
	})
	return words
}
