package report

import (
	"encoding/json"
	"io"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// ResultSchema is the "schema" of a school result in JSON.
const ResultSchema = "selfdiag.result/v1"

// ResultDoc is the JSON form of a school's result (schema selfdiag.result/v1).
type ResultDoc struct {
	Schema           string         `json:"schema"`
	Source           SourceDoc      `json:"source"`
	Model            ModelDoc       `json:"model"`
	School           SchoolDoc      `json:"school"`
	Total            TotalDoc       `json:"total"`
	Components       []ComponentDoc `json:"components"`
	Indicators       []IndicatorDoc `json:"indicators"`
	CriticalFailures []string       `json:"critical_failures"`
	Deficits         []DeficitDoc   `json:"deficits"`
	NextLevel        NextLevelDoc   `json:"next_level"`
	Incomplete       bool           `json:"incomplete"`
	Problems         []ProblemDoc   `json:"problems"`
	Notices          []ProblemDoc   `json:"notices"` // answers that do not count and need no fix
}

// NextLevelDoc is the way to the next level, overall and per component.
type NextLevelDoc struct {
	Overall    PlanDoc   `json:"overall"`
	Components []PlanDoc `json:"components"`
}

// PlanDoc is the smallest set of improvements that reaches the next level.
type PlanDoc struct {
	Component string    `json:"component,omitempty"`
	Title     string    `json:"title"`
	Level     string    `json:"level"`      // current level id ("" when nothing applies)
	NextLevel string    `json:"next_level"` // "" when the level is the highest
	Highest   bool      `json:"highest"`
	Reachable bool      `json:"reachable"`
	Points    int       `json:"points"`
	Max       int       `json:"max"`
	Threshold int       `json:"threshold"` // points the next level needs
	Missing   int       `json:"missing"`   // points still missing
	Blocked   bool      `json:"blocked_by_critical"`
	Steps     []StepDoc `json:"steps"`
	Reaches   string    `json:"reaches"` // level after all steps
	Summary   string    `json:"summary"`
}

// StepDoc is one indicator to improve.
type StepDoc struct {
	Indicator    string `json:"indicator"`
	Component    string `json:"component"`
	Title        string `json:"title"`
	Critical     bool   `json:"critical"`
	Blocking     bool   `json:"blocking"`
	Answer       string `json:"answer"`
	Points       int    `json:"points"`
	Target       string `json:"target"`
	TargetPoints int    `json:"target_points"`
	Gain         int    `json:"gain"`
}

func planDoc(m *model.Model, p *scoring.Plan) PlanDoc {
	d := PlanDoc{Component: p.Component, Title: p.Title, Level: levelID(m, p.Current), NextLevel: levelID(m, p.Next),
		Highest: p.Current >= 0 && p.Highest(len(m.Levels)), Reachable: p.Reachable, Points: p.Points, Max: p.Max,
		Threshold: p.Threshold, Missing: p.Missing, Blocked: p.Blocked, Steps: []StepDoc{}, Summary: p.Summary(m)}
	if p.Reachable {
		d.Reaches = levelID(m, p.Reaches)
	}
	for _, s := range p.Steps {
		d.Steps = append(d.Steps, StepDoc{Indicator: s.ID, Component: s.Component, Title: s.Text, Critical: s.Critical,
			Blocking: s.Blocking, Answer: s.Answer, Points: s.Points, Target: s.Target, TargetPoints: s.TargetPoints, Gain: s.Gain()})
	}
	return d
}

// SourceDoc says where the answers came from.
type SourceDoc struct {
	File   string `json:"file"`
	Row    int    `json:"row,omitempty"`
	Layout string `json:"layout"`
}

// ModelDoc stamps the model a result was scored with.
type ModelDoc struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	Hash    string `json:"hash"` // the start of the SHA-256 of the model's files
}

// SchoolDoc is the school's identity and profile.
type SchoolDoc struct {
	Name           string     `json:"name"`
	Code           string     `json:"code"`
	Municipality   string     `json:"municipality"`
	Year           string     `json:"year"`
	Profile        ProfileDoc `json:"profile"`
	ProfileAssumed bool       `json:"profile_assumed"`
}

// ProfileDoc is the school profile that decides which indicators apply.
type ProfileDoc struct {
	Programs   []model.Program `json:"programs"`
	OVZ        bool            `json:"ovz"`
	Corrective bool            `json:"corrective"`
}

// TotalDoc is points, maximum, percent and level. Level is empty when
// nothing applies.
type TotalDoc struct {
	Points          int     `json:"points"`
	Max             int     `json:"max"`
	Percent         float64 `json:"percent"`
	Level           string  `json:"level"`
	LevelTitle      string  `json:"level_title"`
	LevelByPoints   string  `json:"level_by_points"`
	CriticalApplied bool    `json:"critical_applied"`
}

// ComponentDoc is one component's score.
type ComponentDoc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Kind  string `json:"kind"`
	TotalDoc
	CriticalFailures []string `json:"critical_failures"`
}

// IndicatorDoc is one indicator's score.
type IndicatorDoc struct {
	ID        string `json:"id"`
	Component string `json:"component"`
	Critical  bool   `json:"critical"`
	Answer    string `json:"answer"`
	Points    int    `json:"points"`
	Max       int    `json:"max"`
	Status    string `json:"status"`
	Location  string `json:"location,omitempty"`
}

// DeficitDoc is an indicator below its maximum.
type DeficitDoc struct {
	Indicator string   `json:"indicator"`
	Component string   `json:"component"`
	Title     string   `json:"title"`
	Answer    string   `json:"answer"`
	Points    int      `json:"points"`
	Max       int      `json:"max"`
	Gap       int      `json:"gap"`
	Critical  bool     `json:"critical"`
	Target    string   `json:"target"`
	Measures  []string `json:"measures,omitempty"` // the model's typical measures
}

// ProblemDoc is a problem in the data.
type ProblemDoc struct {
	Location string `json:"location"`
	Message  string `json:"message"`
}

func modelDoc(st scoring.ModelStamp) ModelDoc {
	return ModelDoc{ID: st.ID, Version: st.Version, Title: st.Title, Source: st.Source, Hash: st.Hash}
}

func levelID(m *model.Model, i int) string {
	if i < 0 {
		return ""
	}
	return m.Levels[i].ID
}

func totalDoc(m *model.Model, t scoring.Tally) TotalDoc {
	return TotalDoc{Points: t.Points, Max: t.Max, Percent: t.Percent, Level: t.LevelID, LevelTitle: t.LevelTitle,
		LevelByPoints: levelID(m, t.ByPoints), CriticalApplied: t.CriticalApplied}
}

// Doc converts a result to its JSON form.
func Doc(m *model.Model, r *School) ResultDoc {
	d := ResultDoc{
		Schema: ResultSchema,
		Source: SourceDoc{File: r.Source, Row: r.Row, Layout: r.Layout},
		Model:  modelDoc(r.Model),
		School: SchoolDoc{Name: r.School.Name, Code: r.School.Code, Municipality: r.School.Municipality, Year: r.School.Year,
			Profile:        ProfileDoc{Programs: nonNil(r.School.Profile.Programs), OVZ: r.School.Profile.OVZ, Corrective: r.School.Profile.Corrective},
			ProfileAssumed: r.ProfileAssumed},
		Total:            totalDoc(m, r.Total),
		CriticalFailures: nonNil(r.CriticalFailures),
		Incomplete:       r.Incomplete,
		Components:       []ComponentDoc{},
		Indicators:       []IndicatorDoc{},
		Deficits:         []DeficitDoc{},
		Problems:         []ProblemDoc{},
		Notices:          []ProblemDoc{},
	}
	for _, c := range r.Components {
		d.Components = append(d.Components, ComponentDoc{ID: c.ID, Title: c.Title, Kind: c.Kind, TotalDoc: totalDoc(m, c.Tally),
			CriticalFailures: nonNil(c.CriticalFailures)})
	}
	for i := range r.Indicators {
		is := &r.Indicators[i]
		d.Indicators = append(d.Indicators, IndicatorDoc{ID: is.ID, Component: is.Component, Critical: is.Critical,
			Answer: is.Answer, Points: is.Points, Max: is.Max, Status: is.Status, Location: r.Loc(is).String()})
	}
	for _, df := range r.Deficits {
		d.Deficits = append(d.Deficits, DeficitDoc{Indicator: df.ID, Component: df.Component, Title: df.Text,
			Answer: df.Answer, Points: df.Points, Max: df.Max, Gap: df.Gap, Critical: df.Critical, Target: df.Best(), Measures: df.Measures})
	}
	for _, p := range r.Problems {
		d.Problems = append(d.Problems, ProblemDoc{Location: p.Location.String(), Message: p.Message})
	}
	for _, p := range r.Notices {
		d.Notices = append(d.Notices, ProblemDoc{Location: p.Location.String(), Message: p.Message})
	}
	nl := r.Next
	d.NextLevel.Overall = planDoc(m, &nl.Overall)
	d.NextLevel.Components = []PlanDoc{}
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
	docs := make([]ResultDoc, len(results))
	for i, r := range results {
		docs[i] = Doc(m, r)
	}
	return enc.Encode(docs)
}
