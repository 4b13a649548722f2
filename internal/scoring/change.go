package scoring

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
