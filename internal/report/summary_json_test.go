package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// The summary's JSON schema (selfdiag.summary/v1) as Go types, encoded
// with encoding/json: the reference WriteSummaryJSON is checked against.

// SummaryDoc is the JSON form of a district summary (schema selfdiag.summary/v1).
type SummaryDoc struct {
	Schema         string            `json:"schema"`
	Model          ModelDoc          `json:"model"`
	GroupBy        string            `json:"group_by,omitempty"`
	Counts         CountsDoc         `json:"counts"`
	Levels         []LevelRefDoc     `json:"levels"`
	Stats          StatsDoc          `json:"stats"`
	Municipalities []MunicipalityDoc `json:"municipalities,omitempty"`
	Region         []RegionRowDoc    `json:"region,omitempty"`
	Failures       []FailureDoc      `json:"failures"`
	Duplicates     []DuplicateDoc    `json:"duplicates"`
	// Then "schools" ([]SchoolRowDoc) and "problems" ([]SchoolProblemDoc),
	// streamed by WriteSummaryJSON.
}

// CountsDoc are the headline numbers.
type CountsDoc struct {
	Files        int `json:"files"`
	Schools      int `json:"schools"`
	WithProblems int `json:"with_problems"`
	Incomplete   int `json:"incomplete"`
	Failed       int `json:"failed"`
	Duplicates   int `json:"duplicates"`
	Problems     int `json:"problems"`
}

// LevelRefDoc names a level.
type LevelRefDoc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// SchoolRowDoc is a row of the schools table.
type SchoolRowDoc struct {
	Source           string             `json:"source"`
	Row              int                `json:"row,omitempty"`
	Name             string             `json:"name"`
	Code             string             `json:"code"`
	Municipality     string             `json:"municipality"`
	Points           int                `json:"points"`
	Max              int                `json:"max"`
	Percent          float64            `json:"percent"`
	Level            string             `json:"level"`
	LevelTitle       string             `json:"level_title"`
	Components       []ComponentCellDoc `json:"components"`
	Deficits         int                `json:"deficits"`
	CriticalFailures []string           `json:"critical_failures"`
	Incomplete       bool               `json:"incomplete"`
	Problems         int                `json:"problems"`
}

// ComponentCellDoc is a school's result in a component.
type ComponentCellDoc struct {
	ID      string  `json:"id"`
	Percent float64 `json:"percent"`
	Level   string  `json:"level"`
}

// StatsDoc aggregates a set of schools.
type StatsDoc struct {
	Schools    int                `json:"schools"`
	Levels     []LevelCountDoc    `json:"levels"`
	Components []ComponentStatDoc `json:"components"`
	Weakest    []string           `json:"weakest_components"`
	Deficits   []DeficitFreqDoc   `json:"deficits"`
	BelowBase  []BelowBaseDoc     `json:"below_base"`
}

// LevelCountDoc is a level's count and share (0..1).
type LevelCountDoc struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// ComponentStatDoc aggregates a component.
type ComponentStatDoc struct {
	ID          string          `json:"id"`
	Title       string          `json:"title"`
	Kind        string          `json:"kind"`
	MeanPercent float64         `json:"mean_percent"`
	Schools     int             `json:"schools"`
	Levels      []LevelCountDoc `json:"levels"`
}

// DeficitFreqDoc is how common a deficit is.
type DeficitFreqDoc struct {
	Indicator  string  `json:"indicator"`
	Component  string  `json:"component"`
	Title      string  `json:"title"`
	Critical   bool    `json:"critical"`
	Schools    int     `json:"schools"`
	Applicable int     `json:"applicable"`
	Share      float64 `json:"share"`
}

// BelowBaseDoc is a school «ниже базового» with reasons.
type BelowBaseDoc struct {
	Name         string   `json:"name"`
	Code         string   `json:"code"`
	Municipality string   `json:"municipality"`
	Source       string   `json:"source"`
	Row          int      `json:"row,omitempty"`
	Points       int      `json:"points"`
	Max          int      `json:"max"`
	Percent      float64  `json:"percent"`
	Reasons      []string `json:"reasons"`
}

// MunicipalityDoc is one municipality's summary.
type MunicipalityDoc struct {
	Name  string   `json:"name"`
	Stats StatsDoc `json:"stats"`
}

// RegionRowDoc is a municipality's row in the region table.
type RegionRowDoc struct {
	Municipality string          `json:"municipality"`
	Schools      int             `json:"schools"`
	Levels       []LevelCountDoc `json:"levels"`
	BelowBase    int             `json:"below_base"`
	MeanPercent  []ComponentMean `json:"mean_percent"`
}

// ComponentMean is a component's mean percent.
type ComponentMean struct {
	ID      string  `json:"id"`
	Percent float64 `json:"percent"`
}

// FailureDoc is a file that could not be read.
type FailureDoc struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// DuplicateDoc is a repeated school.
type DuplicateDoc struct {
	School      string `json:"school"`
	Source      string `json:"source"`
	FirstSource string `json:"first_source"`
	By          string `json:"by"`
}

// SchoolProblemDoc is a data problem of a school.
type SchoolProblemDoc struct {
	School   string `json:"school"`
	Location string `json:"location"`
	Message  string `json:"message"`
}

func levelCountsDoc(l []summary.LevelCount) []LevelCountDoc {
	out := make([]LevelCountDoc, len(l))
	for i, x := range l {
		out[i] = LevelCountDoc(x)
	}
	return out
}

func statsDoc(s summary.Stats) StatsDoc {
	d := StatsDoc{Schools: s.Schools, Levels: levelCountsDoc(s.Levels), Weakest: nonNil(s.Weakest),
		Components: []ComponentStatDoc{}, Deficits: []DeficitFreqDoc{}, BelowBase: []BelowBaseDoc{}}
	for _, c := range s.Components {
		d.Components = append(d.Components, ComponentStatDoc{ID: c.ID, Title: c.Title, Kind: c.Kind, MeanPercent: c.MeanPercent,
			Schools: c.Schools, Levels: levelCountsDoc(c.Levels)})
	}
	for _, x := range s.Deficits {
		d.Deficits = append(d.Deficits, DeficitFreqDoc(x))
	}
	for _, b := range s.BelowBase {
		d.BelowBase = append(d.BelowBase, BelowBaseDoc{Name: b.Name, Code: b.Code, Municipality: b.Municipality, Source: b.Source,
			Row: b.Row, Points: b.Points, Max: b.Max, Percent: b.Percent, Reasons: b.Reasons})
	}
	return d
}

func schoolRowDoc(s *summary.Summary, r *summary.SchoolRow) SchoolRowDoc {
	row := SchoolRowDoc{Source: r.Source, Row: r.Row, Name: r.Name, Code: r.Code, Municipality: r.Municipality, Points: r.Points,
		Max: r.Max, Percent: r.Percent, Level: r.LevelID, LevelTitle: r.LevelTitle, Deficits: r.Deficits,
		CriticalFailures: nonNil(r.CriticalFailures), Incomplete: r.Incomplete, Problems: r.Problems,
		Components: make([]ComponentCellDoc, len(r.Components))}
	for i, cc := range r.Components {
		row.Components[i] = ComponentCellDoc{ID: s.Components[i].ID, Percent: cc.Percent, Level: cc.LevelID}
	}
	return row
}

// summaryHead is the summary's JSON form but for the two arrays that grow
// with the number of schools (schools, problems), which are streamed.
func summaryHead(s *summary.Summary) SummaryDoc {
	c := s.Counts
	d := SummaryDoc{Schema: summary.Schema, GroupBy: s.GroupBy,
		Model:  ModelDoc{ID: s.Model.ID, Version: s.Model.Version, Title: s.Model.Title, Source: s.Model.Source},
		Counts: CountsDoc{Files: c.Files, Schools: c.Schools, WithProblems: c.WithProblems, Incomplete: c.Incomplete, Failed: c.Failed, Duplicates: c.Duplicates, Problems: c.Problems},
		Stats:  statsDoc(s.Stats), Failures: []FailureDoc{}, Duplicates: []DuplicateDoc{}}
	for _, l := range s.Levels {
		d.Levels = append(d.Levels, LevelRefDoc{l.ID, l.Title})
	}
	for _, m := range s.Municipalities {
		d.Municipalities = append(d.Municipalities, MunicipalityDoc{Name: m.Name, Stats: statsDoc(m.Stats)})
		rr := RegionRowDoc{Municipality: m.Name, Schools: m.Stats.Schools, Levels: levelCountsDoc(m.Stats.Levels), BelowBase: len(m.Stats.BelowBase)}
		for _, c := range m.Stats.Components {
			rr.MeanPercent = append(rr.MeanPercent, ComponentMean{c.ID, c.MeanPercent})
		}
		d.Region = append(d.Region, rr)
	}
	for _, f := range s.Failures {
		d.Failures = append(d.Failures, FailureDoc(f))
	}
	for _, x := range s.Duplicates {
		d.Duplicates = append(d.Duplicates, DuplicateDoc(x))
	}
	return d
}

// writeSummaryJSONReflect is the summary written through encoding/json from
// the document types above: the reference the hand-written writer must
// match byte for byte.
func writeSummaryJSONReflect(w io.Writer, s *summary.Summary) error {
	doc := summaryHead(s)
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	body := bytes.TrimSuffix(bytes.TrimRight(head.Bytes(), "\n"), []byte("}"))
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(bytes.TrimRight(body, " \n"))
	bw.WriteString(",\n")
	writeArray(bw, "schools", len(s.Schools), func(i int) any { return schoolRowDoc(s, s.Schools[i]) }, true)
	writeArray(bw, "problems", len(s.Problems), func(i int) any { return SchoolProblemDoc(s.Problems[i]) }, false)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func writeArray(bw *bufio.Writer, key string, n int, item func(int) any, comma bool) {
	bw.WriteString("  \"" + key + "\": [")
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	for i := range n {
		line.Reset()
		enc.Encode(item(i))
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimRight(line.Bytes(), "\n"))
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	if comma {
		bw.WriteString(",\n")
	}
}

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
		s.Schools = append(s.Schools, &row)
	}
	for range rows + rng.IntN(3) {
		s.Problems = append(s.Problems, summary.SchoolProblem{School: str(), Location: str(), Message: str()})
	}
	return s
}

// TestSummaryJSONMatchesEncodingJSON: the hand-written writer gives the
// bytes encoding/json gives, for real summaries and for random ones full of
// odd strings and numbers.
func TestSummaryJSONMatchesEncodingJSON(t *testing.T) {
	check := func(name string, s *summary.Summary) {
		t.Helper()
		var want, got bytes.Buffer
		if err := writeSummaryJSONReflect(&want, s); err != nil {
			t.Fatal(err)
		}
		if err := WriteSummaryJSON(&got, s); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%s: hand-written JSON differs from encoding/json\n got: %s\nwant: %s", name, got.Bytes(), want.Bytes())
		}
	}
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv", "testdata/broken/bad-answers.csv")
	for _, group := range []string{"", summary.GroupMunicipality} {
		agg := summary.New(m, group)
		for _, r := range results {
			agg.Add(r)
		}
		agg.AddFailure("плохой.xls", "файл старого формата")
		agg.Add(results[0]) // a duplicate
		check("samples "+group, agg.Summary())
	}
	check("empty", &summary.Summary{})
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		rows := rng.IntN(4)
		if i%50 == 0 { // enough for the rows to be written on all cores
			rows = 2*elemBlock + rng.IntN(3*elemBlock)
		}
		check(fmt.Sprintf("random %d", i), randomSummary(rng, rows))
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range oddStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

// TestJSONFloatDecimals: numbers of up to three decimals, as percents and
// shares are, are written as encoding/json writes them.
func TestJSONFloatDecimals(t *testing.T) {
	check := func(x float64) {
		want, _ := json.Marshal(x)
		if got := appendJSONFloat(nil, x); !bytes.Equal(got, want) {
			t.Fatalf("%v: got %s, want %s", x, got, want)
		}
	}
	for n := -30000; n <= 30000; n++ {
		for _, p := range []float64{1, 10, 100, 1000, 10000} {
			check(float64(n) / p)
			check(math.Round(float64(n)*7/3) / p)
		}
	}
	for _, x := range []float64{math.Copysign(0, -1), 0.1 + 0.2, 1e11 + 0.5, 999999999999.9, 1e12 + 0.1, 5e-324, 0.0001} {
		check(x)
	}
}

func FuzzJSONFloat(f *testing.F) {
	for _, x := range oddFloats {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		want, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONFloat(nil, x); !bytes.Equal(got, want) {
			t.Fatalf("%v: got %s, want %s", x, got, want)
		}
	})
}

// FuzzJSONFloatDecimals: decimal fractions, which take appendJSONFloat's
// short path, are written as encoding/json writes them.
func FuzzJSONFloatDecimals(f *testing.F) {
	f.Add(int64(837), uint8(1))
	f.Add(int64(-67), uint8(3))
	f.Fuzz(func(t *testing.T, n int64, k uint8) {
		x := float64(n) / math.Pow(10, float64(k%8))
		want, _ := json.Marshal(x)
		if got := appendJSONFloat(nil, x); !bytes.Equal(got, want) {
			t.Fatalf("%v: got %s, want %s", x, got, want)
		}
	})
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
	s := randomSummary(rand.New(rand.NewPCG(3, 4)), 3*elemBlock)
	var full bytes.Buffer
	if err := WriteSummaryJSON(&full, s); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 10, flushSize - 1, flushSize + 1, full.Len() / 2, full.Len() - 1} {
		if err := WriteSummaryJSON(&failAfter{n}, s); err == nil {
			t.Errorf("failing after %d of %d bytes: no error", n, full.Len())
		}
	}
	if err := WriteSummaryJSON(&failAfter{full.Len()}, s); err != nil {
		t.Errorf("room for all of it: %v", err)
	}
}
