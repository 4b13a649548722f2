package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"github.com/selfdiag/selfdiag/internal/wire"
	"io"
	"time"

	"github.com/selfdiag/selfdiag/internal/summary"
)

func levelCountsDoc(l []summary.LevelCount) []wire.LevelCountDoc {
	out := make([]wire.LevelCountDoc, len(l))
	for i, x := range l {
		out[i] = wire.LevelCountDoc(x)
	}
	return out
}

func statsDoc(s summary.Stats) wire.StatsDoc {
	d := wire.StatsDoc{Schools: s.Schools, Levels: levelCountsDoc(s.Levels), Weakest: nonNil(s.Weakest), WithProblems: s.WithProblems, Incomplete: s.Incomplete,
		Components: []wire.ComponentStatDoc{}, Deficits: []wire.DeficitFreqDoc{}, BelowBase: []wire.BelowBaseDoc{}}
	for _, c := range s.Components {
		d.Components = append(d.Components, wire.ComponentStatDoc{ID: c.ID, Title: c.Title, Kind: c.Kind, MeanPercent: c.MeanPercent,
			Schools: c.Schools, Levels: levelCountsDoc(c.Levels)})
	}
	for _, x := range s.Deficits {
		d.Deficits = append(d.Deficits, wire.DeficitFreqDoc(x))
	}
	for _, b := range s.BelowBase {
		d.BelowBase = append(d.BelowBase, wire.BelowBaseDoc{Name: b.Name, Code: b.Code, Municipality: b.Municipality, Source: b.Source,
			Row: b.Row, Points: b.Points, Max: b.Max, Percent: b.Percent, Reasons: b.Reasons})
	}
	return d
}

func schoolRowDoc(s *summary.Summary, r *summary.SchoolRow) wire.SchoolRowDoc {
	row := wire.SchoolRowDoc{Source: r.Source, Row: r.Row, Name: r.Name, Code: r.Code, Municipality: r.Municipality, Points: r.Points,
		Max: r.Max, Percent: r.Percent, Level: r.LevelID, LevelTitle: r.LevelTitle, Deficits: r.Deficits,
		CriticalFailures: nonNil(r.CriticalFailures), Incomplete: r.Incomplete, Problems: r.Problems,
		Components: make([]wire.ComponentCellDoc, len(r.Components))}
	for i, cc := range r.Components {
		row.Components[i] = wire.ComponentCellDoc{ID: s.Components[i].ID, Percent: cc.Percent, Level: cc.LevelID}
	}
	return row
}

// summaryHead is the summary's JSON form but for the two arrays that grow
// with the number of schools (schools, problems), which are streamed.
func summaryHead(s *summary.Summary) wire.SummaryDoc {
	c := s.Counts
	d := wire.SummaryDoc{Schema: summary.Schema, GroupBy: s.GroupBy, Policy: wire.PolicyDoc{Incomplete: s.IncompletePolicy},
		Run:               wire.RunDoc{Territory: s.Run.Territory, Year: s.Run.Year, AsOf: isoDate(s.Run.AsOf)},
		IncompleteSchools: []wire.IncompleteSchoolDoc{},
		Model:             modelDoc(s.Model),
		Counts:            wire.CountsDoc{Files: c.Files, Schools: c.Schools, WithProblems: c.WithProblems, Incomplete: c.Incomplete, Failed: c.Failed, Duplicates: c.Duplicates, Problems: c.Problems, Notices: c.Notices, NotApplicable: c.NotApplicable, Empty: c.Empty, PassedOver: c.PassedOver, Excluded: c.Excluded},
		Stats:             statsDoc(s.Stats), Failures: []wire.FailureDoc{}, Empty: []wire.FailureDoc{}, Duplicates: []wire.DuplicateDoc{},
		MunicipalityNotes: nonNil(s.MunicipalityNotes)}
	for _, l := range s.Levels {
		d.Levels = append(d.Levels, wire.LevelRefDoc{ID: l.ID, Title: l.Title})
	}
	for _, m := range s.Municipalities {
		d.Municipalities = append(d.Municipalities, wire.MunicipalityDoc{Name: m.Name, Stats: statsDoc(m.Stats)})
		rr := wire.RegionRowDoc{Municipality: m.Name, Schools: m.Stats.Schools, Levels: levelCountsDoc(m.Stats.Levels), BelowBase: len(m.Stats.BelowBase)}
		for _, c := range m.Stats.Components {
			rr.MeanPercent = append(rr.MeanPercent, wire.ComponentMean{ID: c.ID, Percent: c.MeanPercent})
		}
		d.Region = append(d.Region, rr)
	}
	for _, f := range s.Failures {
		d.Failures = append(d.Failures, wire.FailureDoc(f))
	}
	for _, f := range s.Empty {
		d.Empty = append(d.Empty, wire.FailureDoc(f))
	}
	for _, x := range s.Duplicates {
		d.Duplicates = append(d.Duplicates, wire.DuplicateDoc(x))
	}
	for _, x := range s.IncompleteSchools {
		d.IncompleteSchools = append(d.IncompleteSchools, wire.IncompleteSchoolDoc{Name: x.Name, Code: x.Code, Municipality: x.Municipality,
			File: x.Source, Row: x.Row, Missing: x.Missing, Invalid: x.Invalid, Applicable: x.Applicable})
	}
	for _, f := range s.PassedOver {
		d.PassedOver = append(d.PassedOver, wire.FailureDoc(f))
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
	if err := writeArray(bw, "problems", len(s.Problems), func(i int) any { return wire.SchoolProblemDoc(s.Problems[i]) }); err != nil {
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

// isoDate is a date for programs: 2025-06-01 ("" for none).
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
