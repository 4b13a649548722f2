package compare

import (
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/report"
)

// Report is a comparison (JSON schema selfdiag.compare/v1).
type Report struct {
	Schema string `json:"schema"`
	// Territory and AsOf (YYYY-MM-DD) name the comparison; "" not said.
	Territory string  `json:"territory,omitempty"`
	AsOf      string  `json:"as_of,omitempty"`
	Old       SideRef `json:"old"`
	New       SideRef `json:"new"`
	// Indicators says where the two models differ: indicators present in
	// one only, or with another maximum, are compared by percent only.
	Indicators IndicatorChanges `json:"indicators"`
	Schools    []SchoolChange   `json:"schools"`
	District   District         `json:"district"`
}

// SideRef is a side's model and number of schools.
type SideRef struct {
	Model   ModelRef `json:"model"`
	Schools int      `json:"schools"`
}

// IndicatorChanges lists the differences of the models' indicators.
type IndicatorChanges struct {
	OnlyOld    []string    `json:"only_old"`
	OnlyNew    []string    `json:"only_new"`
	MaxChanged []MaxChange `json:"max_changed"`
}

// MaxChange is an indicator whose maximum changed.
type MaxChange struct {
	ID     string `json:"id"`
	OldMax int    `json:"old_max"`
	NewMax int    `json:"new_max"`
}

// Match says on which sides a school is.
const (
	MatchBoth    = "both"
	MatchOnlyOld = "only_old"
	MatchOnlyNew = "only_new"
)

// SchoolChange is one school then and now.
type SchoolChange struct {
	School  SchoolRef `json:"school"`
	Match   string    `json:"match"`
	Sources struct {
		Old string `json:"old,omitempty"`
		New string `json:"new,omitempty"`
	} `json:"sources"`
	Total              TotalChange       `json:"total"`
	Components         []ComponentChange `json:"components"`
	DeficitsClosed     []string          `json:"deficits_closed"`
	DeficitsPersisting []string          `json:"deficits_persisting"`
	DeficitsNew        []string          `json:"deficits_new"`
	CriticalFixed      []string          `json:"critical_fixed"`
	CriticalNew        []string          `json:"critical_new"`
	// PlanReached: whether the school reached the level its previous
	// next-level plan aimed at; nil when there was no such plan.
	PlanReached *bool `json:"plan_reached"`
	// Commented are the comparable indicators with a comment or evidence
	// beside the answer then or now, in the new model's order: both
	// answers with their comments.
	Commented []AnswerChange `json:"commented,omitempty"`

	old, cur *School
}

// AnswerChange is an indicator's answer and comment then and now.
type AnswerChange struct {
	Indicator string `json:"indicator"`
	Old       Answer `json:"old"`
	New       Answer `json:"new"`
}

// SchoolRef names a school.
type SchoolRef struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	Municipality string `json:"municipality"`
}

// Title is the school's name and code for people.
func (s SchoolRef) Title() string {
	return s.TitleIn(Titles{L: lang.RU, Units: report.UnitsOf(lang.RU, &schoolRespondent, "")})
}

// schoolRespondent is the respondent of a side that knows none.
var schoolRespondent = model.SchoolRespondent()

// TitleIn is the respondent's name and code in the writers' words.
func (s SchoolRef) TitleIn(t Titles) string {
	name := s.Name
	if name == "" {
		name = t.L.T("%s без наименования", t.Units.Single())
	}
	if s.Code != "" {
		name += t.L.T(" (код %s)", s.Code)
	}
	return name
}

// TotalChange is the overall result then and now; LevelChange is in
// steps, each level counted in its own model (nil unless on both sides).
type TotalChange struct {
	Old         *Tally `json:"old"`
	New         *Tally `json:"new"`
	LevelChange *int   `json:"level_change"`
}

// ComponentChange is a component then and now.
type ComponentChange struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Old         *Tally `json:"old"`
	New         *Tally `json:"new"`
	LevelChange *int   `json:"level_change"`
}

// District is the district's change (or a municipality's).
type District struct {
	Name        string       `json:"name,omitempty"`
	Schools     SideCounts   `json:"schools"`
	Transitions []Transition `json:"transitions"`
	// Moved counts the matched schools whose level rose, stayed, fell.
	Moved      Moved            `json:"moved"`
	Total      ComponentMeans   `json:"total"`
	Components []ComponentMeans `json:"components"`
	Deficits   []DeficitCount   `json:"deficits"`
	Fallers    []Faller         `json:"fallers"`
	// Municipalities, with --group-by municipality.
	Municipalities []District `json:"municipalities,omitempty"`
}

// Moved counts matched schools by the direction their level moved.
type Moved struct {
	Up   int `json:"up"`
	Same int `json:"same"`
	Down int `json:"down"`
}

// SideCounts are numbers of schools then and now.
type SideCounts struct {
	Old int `json:"old"`
	New int `json:"new"`
}

// Transition is how many matched schools went from one level to another.
type Transition struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Schools int    `json:"schools"`
}

// ComponentMeans is a component's mean percent then and now, over the
// schools of each side where it applies.
type ComponentMeans struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Old   *float64 `json:"old_mean_percent"`
	New   *float64 `json:"new_mean_percent"`
}

// DeficitCount is how many schools had a deficit then and now, and how
// many matched schools closed it or opened it.
type DeficitCount struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	OldSchools int    `json:"old_schools"`
	NewSchools int    `json:"new_schools"`
	Closed     int    `json:"closed"`
	New        int    `json:"new"`
}

// Faller is a school whose level fell, with the reasons.
type Faller struct {
	School  SchoolRef `json:"school"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Steps   int       `json:"steps"`
	Reasons []string  `json:"reasons"`
}
