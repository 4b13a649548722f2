package report

import (
	"bufio"
	"bytes"
	"cmp"
	"io"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/wire"
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
		Model:             modelDoc(s.Model, cmp.Or(s.Lang, lang.RU)),
		Counts:            wire.CountsDoc{Files: c.Files, Schools: c.Schools, WithProblems: c.WithProblems, Incomplete: c.Incomplete, Failed: c.Failed, Duplicates: c.Duplicates, Problems: c.Problems, Notices: c.Notices, NotApplicable: c.NotApplicable, Empty: c.Empty, PassedOver: c.PassedOver, Excluded: c.Excluded},
		Stats:             statsDoc(s.Stats), Failures: []wire.FailureDoc{}, Empty: []wire.FailureDoc{}, Duplicates: []wire.DuplicateDoc{},
		MunicipalityNotes: nonNil(s.MunicipalityNotes)}
	if neutral(s) {
		d.Schema, d.Respondent = wire.SummarySchemaV2, respondentDoc(&s.Respondent)
	}
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

// neutral says the summary is written as v2: its model's respondent is
// not the school's.
func neutral(s *summary.Summary) bool {
	return s.Respondent.Name.ID != "" && !s.Respondent.IsSchool()
}

// respondentDoc names a v2 summary's respondent.
func respondentDoc(r *model.Respondent) *wire.RespondentDoc {
	d := &wire.RespondentDoc{One: r.One, Few: r.Few, Many: r.Many, Name: wire.FieldDoc{ID: r.Name.ID, Title: r.Name.Title},
		Code: wire.FieldDoc{ID: r.Code.ID, Title: r.Code.Title}, Groups: []wire.FieldDoc{}}
	for _, g := range r.Groups {
		d.Groups = append(d.Groups, wire.FieldDoc{ID: g.ID, Title: g.Title})
	}
	return d
}

// WriteSummaryJSON writes the summary as JSON (schema selfdiag.summary/v1,
// the types above; v2 for a respondent other than the school, its keys
// spelled by wire.NeutralKeys). The two arrays that grow with the number
// of schools, "schools" and "problems", come last and are streamed: one
// compact object per line, each encoded on its own, so that a national
// summary is never held in memory as one document.
func WriteSummaryJSON(w io.Writer, s *summary.Summary) error {
	var keys map[string]string
	if neutral(s) {
		keys = wire.NeutralKeys
	}
	head, err := wire.Marshal(summaryHead(s), keys, "", "  ")
	if err != nil {
		return err
	}
	// The head's closing brace makes way for the two streamed arrays.
	head = bytes.TrimSuffix(head, []byte("}"))
	bw := bufio.NewWriterSize(w, 64<<10) // keeps the first write error; Flush returns it
	bw.Write(bytes.TrimRight(head, " \n"))
	bw.WriteString(",\n")
	if err := writeArray(bw, keys, "schools", len(s.Schools), func(i int) any { return schoolRowDoc(s, &s.Schools[i]) }); err != nil {
		return err
	}
	bw.WriteString(",\n")
	if err := writeArray(bw, keys, "problems", len(s.Problems), func(i int) any { return wire.SchoolProblemDoc(s.Problems[i]) }); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeArray writes `  "key": [` and n items, each encoded compactly on
// a line of its own; keys spell the key and the items' keys (nil: as
// they are).
func writeArray(bw *bufio.Writer, keys map[string]string, key string, n int, item func(int) any) error {
	bw.WriteString(`  "` + cmp.Or(keys[key], key) + `": [`)
	for i := range n {
		line, err := wire.Marshal(item(i), keys, "", "")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(line)
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	return nil
}

// isoDate is a date for programs: 2025-06-01 ("" for none).
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
