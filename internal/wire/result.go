// Package wire holds the JSON forms selfdiag writes and reads back: a
// school's result (selfdiag.result/v1) and a district's summary
// (selfdiag.summary/v1). report writes them; compare reads a previous
// run's; regional systems read both. A change here is a change of schema.
package wire

import "github.com/selfdiag/selfdiag/internal/model"

// ResultSchema is the "schema" of a school result in JSON; ResultSchemaV2
// of a result of a model with a respondent of its own: its «respondent»
// (instead of «school») holds «groups» and «attributes» instead of
// «municipality» and «profile».
const (
	ResultSchema   = "selfdiag.result/v1"
	ResultSchemaV2 = "selfdiag.result/v2"
)

// ResultDoc is the JSON form of a school's result (schema selfdiag.result/v1).
type ResultDoc struct {
	Schema           string         `json:"schema"`
	Source           SourceDoc      `json:"source"`
	Model            ModelDoc       `json:"model"`
	School           *SchoolDoc     `json:"school,omitempty"`     // v1
	Respondent       *SchoolDoc     `json:"respondent,omitempty"` // v2
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

// Who is the result's school (v1) or respondent (v2); an empty one when
// a document has neither.
func (d *ResultDoc) Who() *SchoolDoc {
	switch {
	case d.Respondent != nil:
		return d.Respondent
	case d.School != nil:
		return d.School
	}
	return &SchoolDoc{}
}

// NextLevelDoc is the way to the next level, overall and per component.
type NextLevelDoc struct {
	Overall    PlanDoc   `json:"overall"`
	Components []PlanDoc `json:"components"`
}

// PlanDoc is the smallest set of improvements that reaches the next level.
type PlanDoc struct {
	Component string `json:"component,omitempty"`
	Title     string `json:"title"`
	Level     string `json:"level"`      // current level id ("" when nothing applies)
	NextLevel string `json:"next_level"` // "" when the level is the highest
	Highest   bool   `json:"highest"`
	Reachable bool   `json:"reachable"`
	Points    int    `json:"points"`
	Max       int    `json:"max"`
	Threshold int    `json:"threshold"` // points the next level needs
	Missing   int    `json:"missing"`   // points still missing
	// Basis, Score and Need: for levels not from plain points, the score
	// and what the next level needs of it (Threshold and Missing are 0).
	Basis   string    `json:"basis,omitempty"`
	Score   *float64  `json:"score,omitempty"`
	Need    *float64  `json:"need,omitempty"`
	Blocked bool      `json:"blocked_by_critical"`
	Steps   []StepDoc `json:"steps"`
	Reaches string    `json:"reaches"` // level after all steps
	Summary string    `json:"summary"`
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
	// Language is the model's language when it is not Russian (en, it):
	// a reader of a previous run writes in it.
	Language string `json:"language,omitempty"`
}

// SchoolDoc is the school's identity and profile.
type SchoolDoc struct {
	Name           string        `json:"name"`
	Code           string        `json:"code"`
	Municipality   *string       `json:"municipality,omitempty"` // v1
	Groups         []GroupDoc    `json:"groups,omitempty"`       // v2: the grouping fields, in the model's order
	Year           string        `json:"year"`
	Profile        *ProfileDoc   `json:"profile,omitempty"`    // v1
	Attributes     model.Profile `json:"attributes,omitempty"` // v2: value ids by attribute
	ProfileAssumed bool          `json:"profile_assumed"`
}

// GroupDoc is the value of a grouping field.
type GroupDoc struct {
	ID    string `json:"id"`
	Value string `json:"value"`
}

// ProfileDoc is the school profile that decides which indicators apply.
type ProfileDoc struct {
	Programs   []string `json:"programs"`
	OVZ        bool     `json:"ovz"`
	Corrective bool     `json:"corrective"`
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
	// Basis is what the level came from when it is not plain points:
	// weighted, mean_of_components or min_component_level; Score and
	// ScoreMax are then the weighted points or the mean percent of 100.
	Basis    string   `json:"basis,omitempty"`
	Score    *float64 `json:"score,omitempty"`
	ScoreMax *float64 `json:"score_max,omitempty"`
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
	Comment   string `json:"comment,omitempty"` // comment or evidence beside the answer
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
	Comment   string   `json:"comment,omitempty"`
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
