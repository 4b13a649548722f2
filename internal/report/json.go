package report

import (
	"encoding/json"
	"io"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/wire"
)

func planDoc(m *model.Model, p *scoring.Plan) wire.PlanDoc {
	d := wire.PlanDoc{Component: p.Component, Title: p.Title, Level: levelID(m, p.Current), NextLevel: levelID(m, p.Next),
		Highest: p.Current >= 0 && p.Highest(len(m.Levels)), Reachable: p.Reachable, Points: p.Points, Max: p.Max,
		Threshold: p.Threshold, Missing: p.Missing, Blocked: p.Blocked, Steps: []wire.StepDoc{}, Summary: p.Summary(m)}
	if p.Basis == scoring.BasisWeighted || p.Basis == scoring.BasisMean {
		d.Basis, d.Score, d.Need = p.Basis, &p.Score, &p.Need
	} else if p.Basis == scoring.BasisMinLevel {
		d.Basis = p.Basis
	}
	if p.Reachable {
		d.Reaches = levelID(m, p.Reaches)
	}
	for _, s := range p.Steps {
		d.Steps = append(d.Steps, wire.StepDoc{Indicator: s.ID, Component: s.Component, Title: s.Text, Critical: s.Critical,
			Blocking: s.Blocking, Answer: s.Answer, Points: s.Points, Target: s.Target, TargetPoints: s.TargetPoints, Gain: s.Gain()})
	}
	return d
}

func modelDoc(st scoring.ModelStamp, l lang.Lang) wire.ModelDoc {
	d := wire.ModelDoc{ID: st.ID, Version: st.Version, Title: st.Title, Source: st.Source, Hash: st.Hash}
	if l != lang.RU {
		d.Language = string(l)
	}
	return d
}

func levelID(m *model.Model, i int) string {
	if i < 0 {
		return ""
	}
	return m.Levels[i].ID
}

func totalDoc(m *model.Model, t scoring.Tally) wire.TotalDoc {
	d := wire.TotalDoc{Points: t.Points, Max: t.Max, Percent: t.Percent, Level: t.LevelID, LevelTitle: t.LevelTitle,
		LevelByPoints: levelID(m, t.ByPoints), CriticalApplied: t.CriticalApplied}
	if t.Basis != scoring.BasisPoints && t.Basis != "" {
		d.Basis = t.Basis
	}
	if t.Basis == scoring.BasisWeighted || t.Basis == scoring.BasisMean {
		d.Score, d.ScoreMax = &t.Score, &t.ScoreMax
	}
	return d
}

// schoolDoc is the respondent of a result: for the school model its
// municipality and profile (schema v1), else its groups and attributes
// (v2).
func schoolDoc(m *model.Model, r *School) wire.SchoolDoc {
	s := r.School
	d := wire.SchoolDoc{Name: s.Name, Code: s.Code, Year: s.Year, ProfileAssumed: r.ProfileAssumed}
	if !m.Respondent.IsSchool() {
		for i, g := range m.Respondent.Groups {
			d.Groups = append(d.Groups, wire.GroupDoc{ID: g.ID, Value: s.Group(i)})
		}
		d.Attributes = s.Profile
		return d
	}
	mun := s.Group(0)
	d.Municipality = &mun
	d.Profile = &wire.ProfileDoc{Programs: nonNil(s.Profile["programs"]), OVZ: s.Profile.Has("ovz", model.Yes),
		Corrective: s.Profile.Has("corrective", model.Yes)}
	return d
}

// Doc converts a result to its JSON form.
func Doc(m *model.Model, r *School) wire.ResultDoc {
	d := wire.ResultDoc{
		Schema:           wire.ResultSchema,
		Source:           wire.SourceDoc{File: r.Source, Row: r.Row, Layout: r.Layout},
		Model:            modelDoc(r.Model, m.Lang()),
		Total:            totalDoc(m, r.Total),
		CriticalFailures: nonNil(r.CriticalFailures),
		Incomplete:       r.Incomplete,
		Components:       []wire.ComponentDoc{},
		Indicators:       []wire.IndicatorDoc{},
		Deficits:         []wire.DeficitDoc{},
		Problems:         []wire.ProblemDoc{},
		Notices:          []wire.ProblemDoc{},
	}
	if who := schoolDoc(m, r); m.Respondent.IsSchool() {
		d.School = &who
	} else {
		d.Schema, d.Respondent = wire.ResultSchemaV2, &who
		d.Source.Layout = submission.NeutralLayout(r.Layout)
	}
	for _, c := range r.Components {
		d.Components = append(d.Components, wire.ComponentDoc{ID: c.ID, Title: c.Title, Kind: c.Kind, TotalDoc: totalDoc(m, c.Tally),
			CriticalFailures: nonNil(c.CriticalFailures)})
	}
	for i := range r.Indicators {
		is := &r.Indicators[i]
		d.Indicators = append(d.Indicators, wire.IndicatorDoc{ID: is.ID, Component: is.Component, Critical: is.Critical, Comment: is.Comment,
			Answer: is.Answer, Points: is.Points, Max: is.Max, Status: is.Status, Location: r.Loc(is).In(m.Lang())})
	}
	for _, df := range r.Deficits {
		d.Deficits = append(d.Deficits, wire.DeficitDoc{Indicator: df.ID, Component: df.Component, Title: df.Text, Comment: df.Comment,
			Answer: df.Answer, Points: df.Points, Max: df.Max, Gap: df.Gap, Critical: df.Critical, Target: df.Best(), Measures: df.Measures})
	}
	for _, p := range r.Problems {
		d.Problems = append(d.Problems, wire.ProblemDoc{Location: p.Location.In(m.Lang()), Message: p.Message})
	}
	for _, p := range r.Notices {
		d.Notices = append(d.Notices, wire.ProblemDoc{Location: p.Location.In(m.Lang()), Message: p.Message})
	}
	nl := r.Next
	d.NextLevel.Overall = planDoc(m, &nl.Overall)
	d.NextLevel.Components = []wire.PlanDoc{}
	for i := range nl.Components {
		d.NextLevel.Components = append(d.NextLevel.Components, planDoc(m, &nl.Components[i]))
	}
	return d
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// WriteJSON writes one result as an object, several as an array.
func WriteJSON(w io.Writer, m *model.Model, results []*School) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(results) == 1 {
		return enc.Encode(Doc(m, results[0]))
	}
	docs := make([]wire.ResultDoc, len(results))
	for i, r := range results {
		docs[i] = Doc(m, r)
	}
	return enc.Encode(docs)
}
