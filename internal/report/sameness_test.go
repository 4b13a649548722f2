package report

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/summary"
)

var tags = regexp.MustCompile(`<[^>]*>`)

// documentHeadings are the texts of a document's headings, spaces
// collapsed as plainText does.
func documentHeadings(d *doc.Document) []string {
	var out []string
	doc.Walk(d.Blocks, func(b doc.Block) {
		if h, ok := b.(doc.Heading); ok {
			out = append(out, strings.Join(strings.Fields(h.Text), " "))
		}
	})
	return out
}

// plainText is a report as a reader sees its words: HTML without tags,
// workbooks and Word documents by their text.
func plainText(t *testing.T, f Format, data []byte) string {
	t.Helper()
	text := string(xlsxText(t, f, data))
	if f.Name == "html" {
		text = html.UnescapeString(tags.ReplaceAllString(text, " "))
	}
	return strings.Join(strings.Fields(text), " ")
}

// TestSchoolReportFormatsAgree: every format of the development
// programme's report carries the same sections and key statements — the
// model with its fingerprint and source, the total, every component, the
// comparison with the district's means and the change since the previous
// self-diagnosis where the run gives them, the next-level plan — so that
// a school's Word document says what its HTML page says.
func TestSchoolReportFormatsAgree(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx")
	r := results[0]
	r.Peers = &Peers{District: make([]float64, len(m.Components)), Municipal: make([]float64, len(m.Components)), Municipality: "Кировский район"}
	for i := range m.Components {
		r.Peers.District[i], r.Peers.Municipal[i] = 50+float64(i), 40+float64(i)
	}
	r.Change = &Change{Previous: "2024", Old: ChangeTally{Points: 90, Max: 133, Percent: 67.6, LevelTitle: "средний"},
		New: ChangeTally{Points: r.Total.Points, Max: r.Total.Max, Percent: r.Total.Percent, LevelTitle: r.Total.LevelTitle}}
	must := []string{ModelTitle(lang.RU, r.Model), "Источник модели", r.Model.Source, "Кировский район", PeersHeading, ChangeHeading,
		"План перехода на следующий уровень", "Итог"}
	for _, c := range r.Components {
		must = append(must, c.Title)
	}
	for _, d := range r.Deficits {
		must = append(must, strings.Join(strings.Fields(d.Text), " "))
	}
	// Every section and subsection the builder makes, in every format
	// rendered from it; xlsx lays its sheets out natively.
	headings := documentHeadings(SchoolDocument(m, r))
	if len(headings) < 20 {
		t.Fatalf("the school document has %d headings", len(headings))
	}
	for _, f := range formats {
		if f.School == nil || f.Name == "json" {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.School(&buf, m, r); err != nil {
				t.Fatal(err)
			}
			text := plainText(t, f, buf.Bytes())
			want := must
			if f.Name != "xlsx" {
				want = append(slices.Clone(must), headings...)
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the %s report lacks %q", f.Name, w)
				}
			}
			if strings.Contains(text, "Итого") {
				t.Errorf("the %s report says «Итого» where the others say «Итог»", f.Name)
			}
		})
	}
}

// TestSummaryFormatsAgree: every document of the district summary names
// the model with its fingerprint and source, the number of schools
// counted and every component.
func TestSummaryFormatsAgree(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv", "testdata/schools/federal-table.xlsx")
	agg := summary.New(m, summary.Options{GroupBy: summary.GroupMunicipality})
	for _, r := range results {
		agg.Add(r.Result)
	}
	s := agg.Summary()
	must := []string{s.Model.Title, "отпечаток " + s.Model.Hash, "версия " + s.Model.Version, "Источник модели", s.Model.Source}
	for _, c := range s.Components {
		must = append(must, c.Title)
	}
	// The formats of the analytical note carry its every heading; the
	// dashboard and the workbook lay the same figures out their own way.
	headings := documentHeadings(NoteDocument(s, nil))
	if len(headings) < 8 {
		t.Fatalf("the note has %d headings", len(headings))
	}
	for _, f := range formats {
		if f.Summary == nil || f.Name == "json" || f.Name == "csv" {
			continue // data, not documents
		}
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.Summary(&buf, s, nil); err != nil {
				t.Fatal(err)
			}
			text := plainText(t, f, buf.Bytes())
			want := must
			if f.Name != "html" && f.Name != "xlsx" {
				want = append(slices.Clone(must), headings...)
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the %s summary lacks %q", f.Name, w)
				}
			}
		})
	}
}

// A format that renders the school's document writes the same bytes from
// a document built once (batch --per-school) as from the school.
func TestRenderIsSchool(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx")
	r := results[0]
	d := SchoolDocument(m, r)
	n := 0
	for _, f := range formats {
		if f.Render == nil {
			continue
		}
		n++
		var a, b bytes.Buffer
		if err := f.School(&a, m, r); err != nil {
			t.Fatal(err)
		}
		if err := f.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: rendered document differs from the school's report", f.Name)
		}
	}
	if n < 4 {
		t.Errorf("%d formats render the document, want text, md, html and docx", n)
	}
}
