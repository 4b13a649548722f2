package wire

// SummaryDoc is the JSON form of a district summary (schema
// selfdiag.summary/v1; v2, of a model whose respondent is not the
// school's, spells its keys by NeutralKeys and names its respondent).
type SummaryDoc struct {
	Schema string   `json:"schema"`
	Model  ModelDoc `json:"model"`
	// Respondent: v2's respondent, as its documents name it.
	Respondent *RespondentDoc `json:"respondent,omitempty"`
	GroupBy    string         `json:"group_by,omitempty"`
	// Run names the self-diagnosis: territory, year, «по состоянию на».
	Run RunDoc `json:"run"`
	// Policy says how the statistics were counted.
	Policy         PolicyDoc         `json:"policy"`
	Counts         CountsDoc         `json:"counts"`
	Levels         []LevelRefDoc     `json:"levels"`
	Stats          StatsDoc          `json:"stats"`
	Municipalities []MunicipalityDoc `json:"municipalities,omitempty"`
	Region         []RegionRowDoc    `json:"region,omitempty"`
	Failures       []FailureDoc      `json:"failures"`
	Empty          []FailureDoc      `json:"empty"` // blank templates, not counted
	// PassedOver: files that are no answer tables, listed, not failed.
	PassedOver []FailureDoc `json:"passed_over,omitempty"`
	// MunicipalityNotes: spellings read as one municipality, names that
	// differ by a letter or two.
	MunicipalityNotes []string       `json:"municipality_notes"`
	Duplicates        []DuplicateDoc `json:"duplicates"`
	// IncompleteSchools: the questionnaires left out of the statistics
	// (policy.incomplete "exclude"), with what is missing.
	IncompleteSchools []IncompleteSchoolDoc `json:"incomplete_schools"`
	// Then "schools" ([]SchoolRowDoc) and "problems" ([]SchoolProblemDoc),
	// streamed by WriteSummaryJSON after the rest.
}

// RespondentDoc names a model's respondent: after a number (one, few,
// many: «1 unit», «5 units»), and the titles of its identity and grouping
// fields. A reader of v2 reads it as it is, not by SchoolKeys.
type RespondentDoc struct {
	One    string     `json:"one"`
	Few    string     `json:"few"`
	Many   string     `json:"many"`
	Name   FieldDoc   `json:"name"`
	Code   FieldDoc   `json:"code"`
	Groups []FieldDoc `json:"groups"`
}

// FieldDoc is a respondent's field: its id and title.
type FieldDoc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// RunDoc names a self-diagnosis; AsOf is YYYY-MM-DD.
type RunDoc struct {
	Territory string `json:"territory,omitempty"`
	Year      string `json:"year,omitempty"`
	AsOf      string `json:"as_of,omitempty"`
}

// PolicyDoc: incomplete is "exclude" (incomplete questionnaires listed
// apart, out of the levels, means and deficit frequencies) or "count".
type PolicyDoc struct {
	Incomplete string `json:"incomplete"`
}

// IncompleteSchoolDoc is a questionnaire left out of the statistics: how
// many applicable indicators have no answer or an unrecognised one.
type IncompleteSchoolDoc struct {
	Name         string `json:"name"`
	Code         string `json:"code"`
	Municipality string `json:"municipality"`
	File         string `json:"file"`
	Row          int    `json:"row,omitempty"`
	Missing      int    `json:"missing"`
	Invalid      int    `json:"invalid"`
	Applicable   int    `json:"applicable"`
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
	// NotApplicable: answers «не применимо»; only when there are any.
	NotApplicable int `json:"not_applicable,omitempty"`
	Empty         int `json:"empty"`
	PassedOver    int `json:"passed_over,omitempty"`
	// Excluded: incomplete questionnaires left out of the statistics.
	Excluded int `json:"excluded"`
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
