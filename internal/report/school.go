package report

import (
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// School is what a school's report is written from: its scored result
// with the way to the next level and, when it was scored with its district,
// its peers' means and its change since the previous self-diagnosis.
type School struct {
	*scoring.Explained
	// Peers are the district's and the municipality's means to show
	// beside the school's own; nil when scored alone.
	Peers *Peers
	// Change is what changed for the school since the previous
	// self-diagnosis; nil without one.
	Change *Change
	// Run names the self-diagnosis: territory, year, date.
	Run summary.RunInfo
}

// Schools wraps scored schools that have neither peers nor a change.
func Schools(es ...*scoring.Explained) []*School {
	out := make([]*School, len(es))
	for i, e := range es {
		out[i] = &School{Explained: e}
	}
	return out
}

// Peers are the mean percent per component, in model order, of the
// district and of the school's municipality (nil when not known).
type Peers struct {
	District, Municipal []float64
	Municipality        string
}

// Change is what changed since a school's previous self-diagnosis, as its
// report shows it (batch --previous): made by the comparison, with the
// titles resolved, so that report writers only format it.
type Change struct {
	// Previous names where the previous self-diagnosis came from.
	Previous string
	Old, New ChangeTally
	// LevelChange is the overall level's change in steps.
	LevelChange int
	Components  []ComponentChange
	// Deficits closed, still open and new since then; critical
	// indicators fixed and newly failed.
	Closed, Persisting, Opened []ChangedIndicator
	CriticalFixed, CriticalNew []ChangedIndicator
	// PlanTarget is the level the previous next-level plan aimed at ("":
	// none); PlanReached whether the school is there now.
	PlanTarget  string
	PlanReached bool
}

// ChangeTally is a result then or now.
type ChangeTally struct {
	Points, Max int
	Percent     float64
	LevelTitle  string
}

// ComponentChange is a component then and now; Old or New is nil when
// the component is in one model only.
type ComponentChange struct {
	Title       string
	Old, New    *ChangeTally
	LevelChange int
}

// ChangedIndicator names an indicator.
type ChangedIndicator struct{ ID, Text string }
