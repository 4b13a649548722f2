package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/selfdiag/selfdiag/internal/summary"
)

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
	Empty          []FailureDoc      `json:"empty"` // blank templates, not counted
	// MunicipalityNotes: spellings read as one municipality, names that
	// differ by a letter or two.
	MunicipalityNotes []string       `json:"municipality_notes"`
	Duplicates        []DuplicateDoc `json:"duplicates"`
	// Then "schools" ([]SchoolRowDoc) and "problems" ([]SchoolProblemDoc),
	// streamed by WriteSummaryJSON after the rest.
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
	Notices      int `json:"notices"`
	Empty        int `json:"empty"`
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
	// Schools with data problems, and with missing or invalid answers.
	WithProblems int `json:"with_problems"`
	Incomplete   int `json:"incomplete"`
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
	FirstSource string `json:"first_source"` // the submission counted, "" when none is
	By          string `json:"by"`
	Reason      string `json:"reason"` // which submission is counted, and why
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
	d := StatsDoc{Schools: s.Schools, Levels: levelCountsDoc(s.Levels), Weakest: nonNil(s.Weakest), WithProblems: s.WithProblems, Incomplete: s.Incomplete,
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
		Model:  modelDoc(s.Model),
		Counts: CountsDoc{Files: c.Files, Schools: c.Schools, WithProblems: c.WithProblems, Incomplete: c.Incomplete, Failed: c.Failed, Duplicates: c.Duplicates, Problems: c.Problems, Notices: c.Notices, Empty: c.Empty},
		Stats:  statsDoc(s.Stats), Failures: []FailureDoc{}, Empty: []FailureDoc{}, Duplicates: []DuplicateDoc{},
		MunicipalityNotes: nonNil(s.MunicipalityNotes)}
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
	for _, f := range s.Empty {
		d.Empty = append(d.Empty, FailureDoc(f))
	}
	for _, x := range s.Duplicates {
		d.Duplicates = append(d.Duplicates, DuplicateDoc(x))
	}
	return d
}

// WriteSummaryJSON writes the summary as JSON (schema selfdiag.summary/v1,
// the types above). The two arrays that grow with the number of schools,
// "schools" and "problems", come last and are streamed: one compact object
// per line, each encoded on its own, so that a national summary is never
// held in memory as one document.
func WriteSummaryJSON(w io.Writer, s *summary.Summary) error {
	head, err := marshalIndent(summaryHead(s))
	if err != nil {
		return err
	}
	// The head's closing brace makes way for the two streamed arrays.
	head = bytes.TrimSuffix(bytes.TrimRight(head, "\n"), []byte("}"))
	bw := bufio.NewWriterSize(w, 64<<10) // keeps the first write error; Flush returns it
	bw.Write(bytes.TrimRight(head, " \n"))
	bw.WriteString(",\n")
	if err := writeArray(bw, "schools", len(s.Schools), func(i int) any { return schoolRowDoc(s, &s.Schools[i]) }); err != nil {
		return err
	}
	bw.WriteString(",\n")
	if err := writeArray(bw, "problems", len(s.Problems), func(i int) any { return SchoolProblemDoc(s.Problems[i]) }); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes `  "key": [` and n items, each encoded compactly on
// a line of its own.
func writeArray(bw *bufio.Writer, key string, n int, item func(int) any) error {
	bw.WriteString(`  "` + key + `": [`)
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	for i := range n {
		line.Reset()
		if err := enc.Encode(item(i)); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	return nil
}

// marshalIndent encodes v as the documents of this package are written:
// indented by two spaces, with '<', '>' and '&' as they are, ending in a
// newline.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}
