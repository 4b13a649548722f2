package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// The summary's JSON schema (selfdiag.summary/v1) as Go types, encoded
// with encoding/json: the reference WriteSummaryJSON is checked against.

// oddStrings are strings encoding/json treats specially.
var oddStrings = []string{"", "МБОУ «Школа № 1»", `кав"ычки и \ слэш`, "строка\nперевод\tтаб\rвозврат",
	"\b\f\x00\x1f\x7f", "<html>&", "\u2028\u2029", "битый \xff\xfe UTF-8", "ёЁ—–", "😀"}

var oddFloats = []float64{0, 100, 33.3, 66.7, 0.001, 1e-7, 2.5e-9, 1e21, 123456789.125, -0.5, 12.345}

// randomSummary is a summary with every part filled, odd strings and odd
// numbers included.
// randomSummary makes a summary of odd values with the given number of
// school rows.
func randomSummary(rng *rand.Rand, rows int) *summary.Summary {
	str := func() string {
		if rng.IntN(3) == 0 {
			return oddStrings[rng.IntN(len(oddStrings))]
		}
		return fmt.Sprintf("значение %d", rng.IntN(1000))
	}
	num := func() float64 { return oddFloats[rng.IntN(len(oddFloats))] }
	strs := func() []string {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		return []string{str(), str()}
	}
	levels := func(n int) []summary.LevelCount {
		out := make([]summary.LevelCount, n)
		for i := range out {
			out[i] = summary.LevelCount{ID: str(), Title: str(), Count: rng.IntN(100), Share: num()}
		}
		return out
	}
	stats := func() summary.Stats {
		st := summary.Stats{Schools: rng.IntN(50), Levels: levels(rng.IntN(4)), Weakest: strs()}
		for range rng.IntN(3) {
			st.Components = append(st.Components, summary.ComponentStats{ID: str(), Title: str(), Kind: str(),
				MeanPercent: num(), Schools: rng.IntN(9), Levels: levels(2)})
		}
		for range rng.IntN(3) {
			st.Deficits = append(st.Deficits, summary.DeficitFrequency{Indicator: str(), Component: str(), Title: str(),
				Critical: rng.IntN(2) == 0, Schools: rng.IntN(9), Applicable: rng.IntN(9), Share: num()})
		}
		for range rows + rng.IntN(3) {
			st.BelowBase = append(st.BelowBase, summary.BelowBase{Name: str(), Code: str(), Municipality: str(), Source: str(),
				Row: rng.IntN(3), Points: rng.IntN(99), Max: 99, Percent: num(), Reasons: strs()})
		}
		return st
	}
	s := &summary.Summary{
		Model:   scoring.ModelStamp{ID: str(), Version: str(), Title: str(), Source: str()},
		Counts:  summary.Counts{Files: rng.IntN(9), Schools: rng.IntN(9), WithProblems: 1, Incomplete: 2, Failed: 3, Duplicates: 4, Problems: 5},
		Stats:   stats(),
		GroupBy: []string{"", summary.GroupMunicipality}[rng.IntN(2)],
	}
	if rng.IntN(4) > 0 {
		s.Levels = []model.Level{{ID: str(), Title: str()}, {ID: str(), Title: str()}}
	}
	for range rng.IntN(3) {
		s.Components = append(s.Components, summary.ComponentRef{ID: str(), Title: str(), Kind: str()})
	}
	for range rng.IntN(3) {
		s.Municipalities = append(s.Municipalities, summary.Municipality{Name: str(), Stats: stats()})
	}
	for range rng.IntN(3) {
		s.Failures = append(s.Failures, summary.Failure{File: str(), Message: str()})
	}
	for range rng.IntN(3) {
		s.Duplicates = append(s.Duplicates, summary.Duplicate{School: str(), Source: str(), FirstSource: str(), By: str()})
	}
	for range rows {
		row := summary.SchoolRow{Source: str(), Name: str(), Code: str(), Municipality: str(), Row: rng.IntN(3),
			Points: rng.IntN(200), Max: 200, Percent: num(), Level: rng.IntN(4), LevelID: str(), LevelTitle: str(),
			Deficits: rng.IntN(9), CriticalFailures: strs(), Incomplete: rng.IntN(2) == 0, Problems: rng.IntN(3)}
		for range s.Components {
			row.Components = append(row.Components, summary.ComponentCell{Percent: num(), Level: 1, LevelID: str()})
		}
		s.Schools = append(s.Schools, row)
	}
	for range rows + rng.IntN(3) {
		s.Problems = append(s.Problems, summary.SchoolProblem{School: str(), Location: str(), Message: str()})
	}
	return s
}

// TestSummaryJSONGolden: summaries of the sample schools, plain and grouped
// by municipality, with a failure and a duplicate, as the golden files hold
// them (made before the writer became encoding/json and kept unchanged).
func TestSummaryJSONGolden(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv", "testdata/broken/bad-answers.csv")
	for name, group := range map[string]string{"summary.json": "", "summary-grouped.json": summary.GroupMunicipality} {
		agg := summary.New(m, summary.Options{GroupBy: group, Duplicates: ""})
		for _, r := range results {
			agg.Add(r.Result)
		}
		agg.AddFailure("плохой.xls", "файл старого формата")
		agg.Add(results[0].Result) // a duplicate
		var got bytes.Buffer
		if err := WriteSummaryJSON(&got, agg.Summary()); err != nil {
			t.Fatal(err)
		}
		golden(t, name, got.Bytes())
	}
}

// TestSummaryJSONRoundTrip: summaries full of odd strings and numbers are
// valid JSON that decodes back to every school row and problem.
func TestSummaryJSONRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		s := randomSummary(rng, rng.IntN(40))
		var buf bytes.Buffer
		if err := WriteSummaryJSON(&buf, s); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			wire.SummaryDoc
			Schools  []wire.SchoolRowDoc     `json:"schools"`
			Problems []wire.SchoolProblemDoc `json:"problems"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("summary %d is not JSON: %v\n%s", i, err, buf.Bytes())
		}
		if len(doc.Schools) != len(s.Schools) || len(doc.Problems) != len(s.Problems) {
			t.Fatalf("summary %d: %d rows and %d problems decoded, want %d and %d", i, len(doc.Schools), len(doc.Problems), len(s.Schools), len(s.Problems))
		}
		for k, r := range s.Schools {
			if got := doc.Schools[k]; got.Points != r.Points || got.Percent != r.Percent || len(got.Components) != len(r.Components) {
				t.Fatalf("summary %d row %d: decoded %+v from %+v", i, k, got, r)
			}
		}
	}
}

// failAfter is a writer that fails once n bytes are written.
type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("диск заполнен")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestSummaryJSONWriteError: a failing output is reported, wherever in a
// long summary it fails.
func TestSummaryJSONWriteError(t *testing.T) {
	s := randomSummary(rand.New(rand.NewPCG(3, 4)), 3000)
	var full bytes.Buffer
	if err := WriteSummaryJSON(&full, s); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 10, 64<<10 - 1, 64<<10 + 1, full.Len() / 2, full.Len() - 1} {
		if err := WriteSummaryJSON(&failAfter{n}, s); err == nil {
			t.Errorf("failing after %d of %d bytes: no error", n, full.Len())
		}
	}
	if err := WriteSummaryJSON(&failAfter{full.Len()}, s); err != nil {
		t.Errorf("room for all of it: %v", err)
	}
}

// TestCSVFormulasShownAsText: names and codes that look like formulas are
// shown by LibreOffice as the text they are, and numbers stay numbers.
func TestCSVFormulasShownAsText(t *testing.T) {
	s := &summary.Summary{Levels: []model.Level{{ID: "base", Title: "базовый"}}}
	for _, name := range []string{"=1+1", "+2+2", "@SUM(1;2)", "=HYPERLINK(\"http://evil.example\";\"клик\")"} {
		s.Schools = append(s.Schools, summary.SchoolRow{Source: "ответы.csv", Name: name, Code: "-5", Municipality: "-нет", LevelTitle: "базовый"})
	}
	path := filepath.Join(t.TempDir(), "сводка.csv")
	var buf bytes.Buffer
	if err := WriteSummaryCSV(&buf, s); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(officetest.CSVAsSeen(t, path)))
	r.Comma, r.FieldsPerRecord = ';', -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) != 1+len(s.Schools) {
		t.Fatalf("LibreOffice's view: %v, %d rows", err, len(rows))
	}
	for i, school := range s.Schools {
		// Shown as typed, with the apostrophe that keeps it text; the
		// number -5 is a number.
		if got := rows[i+1]; got[2] != "'"+school.Name || got[3] != "-5" || got[4] != "'-нет" {
			t.Errorf("row %d as LibreOffice shows it: %q", i+1, got)
		}
	}
}
