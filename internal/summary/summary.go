// Package summary aggregates scored schools into a district (municipal) or
// regional summary: level distributions, mean percent per component, the
// district's common deficits, the schools «ниже базового» with reasons,
// duplicates and failures. It keeps aggregates, not whole results, so memory
// grows only by one small row per school.
package summary

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Schema is the "schema" of a summary in JSON.
const Schema = "selfdiag.summary/v1"

// GroupMunicipality is the school model's grouping field.
const GroupMunicipality = "municipality"

// GroupField is the place among the model's grouping fields of the one a
// district's rows show and, with groupBy, are grouped by: groupBy's when
// given, else the first (-1 when the model has none).
func GroupField(m *model.Model, groupBy string) int {
	if groupBy == "" {
		if len(m.Respondent.Groups) == 0 {
			return -1
		}
		return 0
	}
	return m.Respondent.GroupIndex(groupBy)
}

// MaxProblems caps the data problems kept for the «Ошибки» list; the count
// is always exact.
const MaxProblems = 20000

// Summary is the district picture.
type Summary struct {
	Model   scoring.ModelStamp
	GroupBy string
	// Lang is the model's language; Respondent its respondent (names,
	// fields): what the documents call the counted units and columns.
	Lang       lang.Lang
	Respondent model.Respondent
	// Words are the model's names for its documents (the note's title).
	Words model.Words
	// GroupTitle is the title of the grouping field (GroupBy), "" none.
	GroupTitle string
	// Run names the self-diagnosis in its documents.
	Run RunInfo
	// IncompletePolicy is how schools with missing or unrecognised
	// answers were treated: IncompleteExclude or IncompleteCount.
	IncompletePolicy string
	Counts           Counts
	Schools          []SchoolRow // in the order the schools were added
	// Stats are the statistics of the counted schools — without the
	// incomplete ones under IncompleteExclude, which are listed in
	// IncompleteSchools instead.
	Stats             Stats
	IncompleteSchools []IncompleteSchool
	Municipalities    []Municipality // with GroupBy == "municipality", by name
	Failures          []Failure
	Empty             []Failure // answer files (or rows) with no school in them: blank templates
	// PassedOver are files that are no answer tables at all (a covering
	// letter, an order): listed, neither read nor failed.
	PassedOver []Failure
	// MunicipalityNotes say which spellings were read as one municipality
	// and which names differ by a letter or two.
	MunicipalityNotes []string
	Duplicates        []Duplicate
	Problems          []SchoolProblem // capped at MaxProblems
	Levels            []model.Level
	Components        []ComponentRef
	// Marks are the level thresholds in percent of the maximum for the
	// default profile (all programmes, no ОВЗ), overall and per component
	// in model order: what a district's means are read against. Marks[i]
	// has one value per level, the lowest 0; a level the profile cannot
	// reach is above 100.
	Marks          []float64
	ComponentMarks [][]float64
	// groups are the statistics of every municipality, by the name
	// shown, whether or not GroupBy lists them: a school's report
	// compares it with its municipality.
	groups map[string]Stats
}

// GroupStats are the statistics of the municipality named as in
// SchoolRow.Group, and whether it has any.
func (s *Summary) GroupStats(group string) (Stats, bool) {
	st, ok := s.groups[group]
	return st, ok
}

// ComponentRef names a component in model order.
type ComponentRef struct{ ID, Title, Kind string }

// Counts are the headline numbers.
type Counts struct {
	Files        int // answer files read or attempted
	Schools      int // schools scored and counted (duplicates excluded)
	WithProblems int // counted schools with at least one data problem
	Incomplete   int // counted schools with missing or invalid answers
	Excluded     int // incomplete schools left out of the statistics (IncompleteExclude)
	Failed       int // files that could not be read
	Duplicates   int // school entries not counted because they repeat another
	Problems     int // data problems in counted schools
	Notices      int // answers that do not count and need no fix (see scoring.Result.Notices)
	// NotApplicable: answers «не применимо» (an option not_applicable) in
	// counted schools: their indicators left the maxima.
	NotApplicable int
	Empty         int // blank templates: not counted as schools
	PassedOver    int // files that are no answer tables: not counted as files
}

// SchoolRow is one school in the schools table.
type SchoolRow struct {
	Source, Name, Code, Municipality string
	Row                              int
	Points, Max                      int
	Percent                          float64
	Level                            int // -1: no level
	LevelID, LevelTitle              string
	Components                       []ComponentCell // model order
	Deficits                         int
	CriticalFailures                 []string
	// CriticalHeld: the critical rule holds the overall level below what
	// the points reach.
	CriticalHeld bool
	Incomplete   bool
	Problems     int
	// Group is the municipality the school is counted in: its spelling
	// as the summary shows it (see MunicipalityNotes).
	Group string
}

// ComponentCell is a school's result in one component.
type ComponentCell struct {
	Percent float64
	Level   int
	LevelID string
}

// Stats are the aggregates of a set of schools.
type Stats struct {
	Schools int
	// MeanPercent is the mean of the schools' overall percents.
	MeanPercent float64
	Levels      []LevelCount // overall level distribution, low to high
	Components  []ComponentStats
	Weakest     []string // component ids, weakest first (lowest mean percent)
	Deficits    []DeficitFrequency
	BelowBase   []BelowBase
	// WithProblems and Incomplete count the schools with data problems
	// and with missing or invalid answers.
	WithProblems, Incomplete int
}

// LevelCount is how many schools are at a level.
type LevelCount struct {
	ID, Title string
	Count     int
	Share     float64 // 0..1, rounded to 0.001
}

// ComponentStats aggregates one component.
type ComponentStats struct {
	ID, Title, Kind string
	MeanPercent     float64 // over schools where the component applies
	Schools         int     // schools where the component applies
	Levels          []LevelCount
}

// DeficitFrequency says how common a deficit is.
type DeficitFrequency struct {
	Indicator, Component, Title string
	Critical                    bool
	Schools                     int     // schools with this deficit
	Applicable                  int     // schools the indicator applies to
	Share                       float64 // Schools/Applicable, rounded to 0.001
}

// BelowBase is a school at the lowest level, with why.
type BelowBase struct {
	Name, Code, Municipality, Source string
	Row                              int
	Points, Max                      int
	Percent                          float64
	Reasons                          []string
}

// Municipality is a group's summary.
type Municipality struct {
	Name  string
	Stats Stats
}

// Failure is a file that could not be read.
type Failure struct {
	File, Message string
}

// Duplicate is a submission of a school that another one of the same
// school replaces: Source is not counted, FirstSource (the kept one) is,
// for Reason.
type Duplicate struct {
	School, Source, FirstSource string
	By                          string // "код" or "наименование и муниципалитет"
	Reason                      string
}

// Policies for a school that comes more than once (--duplicates).
const (
	DuplicatesLatest = "latest" // the later «Дата заполнения», else the newer file
	DuplicatesFirst  = "first"  // the first by file path and row
	DuplicatesError  = "error"  // none: every submission of the school is refused
)

// SchoolProblem is a data problem of a counted school.
type SchoolProblem struct {
	School, Location, Message string
}

// Aggregator builds a Summary from results added in a deterministic order.
// It keeps an entry per counted school until Summary: a later submission
// of a school may still replace it.
type Aggregator struct {
	m          *model.Model
	groupBy    string
	field      int // GroupField
	duplicates string
	places     *municipalities
	sum        Summary
	entries    []*Entry
	// The entry of each school, by its normalised code, else by its
	// normalised name and municipality.
	byKey map[string]int
}

// Entry is what the summary keeps of a school (see NewEntry).
type Entry struct {
	row           SchoolRow
	here          string // the file, and row of a district table
	describe      string // the school, for lists
	blank         string // why this is a blank template, not a school; "" for a school
	key, by       string // the school's key for duplicates, and what it is
	municipality  string // as written, trimmed
	group         string // MunicipalityKey(municipality)
	filled        time.Time
	modified      time.Time
	problems      []SchoolProblem
	notices       int
	notApplicable int // answers «не применимо»
	level         int
	comps         []compTally
	applicable    []bool // by indicator index
	deficit       []bool
	belowBase     *BelowBase
	incomplete    IncompleteSchool
	year          string
	dropped       bool // replaced by a later submission, or refused
}

// IncompleteSchool is a school whose questionnaire is not complete: how
// many applicable indicators have no answer and how many an answer that
// was not recognised.
type IncompleteSchool struct {
	Name, Code, Municipality, Source string
	Row                              int
	Missing, Invalid, Applicable     int
}

// Policies for incomplete questionnaires.
const (
	// IncompleteExclude lists them apart and leaves them out of the
	// level distribution, the means and the deficit frequencies: their
	// missing answers would read as deficits and levels.
	IncompleteExclude = "exclude"
	// IncompleteCount counts them like the others.
	IncompleteCount = "count"
)

// RunInfo names a self-diagnosis in its documents: the territory, the
// year (when not given, the one most of its schools state) and the date
// the documents describe («по состоянию на»; zero: not said).
type RunInfo struct {
	Territory, Year string
	AsOf            time.Time
}

// NewRunInfo reads a run's territory, year and date as typed: the date
// ДД.ММ.ГГГГ, today when empty.
func NewRunInfo(territory, year, date string, today time.Time) (RunInfo, error) {
	r := RunInfo{Territory: strings.TrimSpace(territory), Year: strings.TrimSpace(year), AsOf: today}
	if d := strings.TrimSpace(date); d != "" {
		t, err := time.Parse("02.01.2006", d)
		if err != nil {
			return r, lang.Errorf("%q: ожидалась дата ДД.ММ.ГГГГ, например 01.06.2025", d)
		}
		r.AsOf = t
	}
	return r, nil
}

// Options tune an aggregation.
type Options struct {
	// Run names the self-diagnosis in the documents.
	Run RunInfo
	// Incomplete is IncompleteExclude ("" too) or IncompleteCount.
	Incomplete string
	GroupBy    string // "" or GroupMunicipality
	Duplicates string // one of the Duplicates* policies; "" is DuplicatesLatest
	// Municipalities, if not nil, is the official list: a school's
	// municipality not on it is a problem. ListName names it in messages.
	Municipalities []string
	ListName       string
}

// compTally is what the district's statistics need of a component score.
type compTally struct{ level, points, max int }

// New starts an aggregation.
func New(m *model.Model, o Options) *Aggregator {
	groupBy := o.GroupBy
	a := &Aggregator{m: m, groupBy: groupBy, field: GroupField(m, groupBy), duplicates: cmp.Or(o.Duplicates, DuplicatesLatest), byKey: map[string]int{},
		places: newMunicipalities(o.Municipalities, o.ListName)}
	if a.field >= 0 && !m.Respondent.IsSchool() {
		// Another respondent's groups are told of by their field's title.
		a.places.lang, a.places.field = m.Lang(), m.Respondent.Groups[a.field].Title
	}
	a.sum.Model = scoring.Stamp(m)
	a.sum.GroupBy = groupBy
	a.sum.Lang, a.sum.Respondent, a.sum.Words = m.Lang(), m.Respondent, m.Words
	if a.field >= 0 {
		a.sum.GroupTitle = m.Respondent.Groups[a.field].Title
	}
	a.sum.IncompletePolicy = cmp.Or(o.Incomplete, IncompleteExclude)
	a.sum.Run = o.Run
	a.sum.Levels = m.Levels
	p := m.Respondent.DefaultProfile()
	maxes, total := m.Maxima(p)
	for i, c := range m.Components {
		a.sum.Components = append(a.sum.Components, ComponentRef{c.ID, c.Title, c.Kind})
		a.sum.ComponentMarks = append(a.sum.ComponentMarks, m.Thresholds.For(c.ID, p).Percents(len(m.Levels), maxes[i]))
	}
	a.sum.Marks = m.Thresholds.For("", p).Percents(len(m.Levels), total)
	return a
}

// FileDone counts a file that was read.
func (a *Aggregator) FileDone() { a.sum.Counts.Files++ }

// AddFailure records a file that could not be read.
// AddPassedOver lists a file that is no answer table: no failure.
func (a *Aggregator) AddPassedOver(file, msg string) {
	a.sum.Counts.PassedOver++
	a.sum.PassedOver = append(a.sum.PassedOver, Failure{File: file, Message: msg})
}

func (a *Aggregator) AddFailure(file, msg string) {
	a.sum.Counts.Files++
	a.sum.Counts.Failed++
	a.sum.Failures = append(a.sum.Failures, Failure{File: file, Message: msg})
}

// Add counts a school. A school whose code (else name and municipality)
// was already added is recorded as a duplicate and not counted; Add then
// returns false.
func (a *Aggregator) Add(r *scoring.Result) (id int) { return a.AddEntry(NewEntry(a.m, r, a.field)) }

// NewEntry makes what the summary keeps of a school from its result. It
// depends on nothing but its arguments: a batch makes entries on the
// goroutines that score, and adds them in order. field is the grouping
// field the rows show (GroupField).
func NewEntry(m *model.Model, r *scoring.Result, field int) *Entry {
	school := r.School
	e := &Entry{here: r.Source, filled: school.Filled, modified: r.Modified, describe: describe(m.Lang(), school)}
	if r.Row > 0 {
		e.here = r.Source + ", " + m.Lang().T("строка ") + strconv.Itoa(r.Row)
	}
	if e.blank = blankReason(m.Lang(), r); e.blank != "" {
		return e
	}
	// The texts are copied: a reader may cut them from a whole row of a
	// district table, which would otherwise stay in memory with them.
	e.row = SchoolRow{Source: r.Source, Row: r.Row, Name: strings.Clone(school.Name), Code: strings.Clone(school.Code),
		Municipality: strings.Clone(school.Group(field)),
		Points:       r.Total.Points, Max: r.Total.Max, Percent: r.Total.Percent, Level: r.Total.Level, LevelID: r.Total.LevelID,
		LevelTitle: r.Total.LevelTitle, Deficits: len(r.Deficits), CriticalFailures: r.CriticalFailures,
		CriticalHeld: r.Total.CriticalApplied && r.Total.Level < r.Total.ByPoints, Incomplete: r.Incomplete, Problems: len(r.Problems)}
	e.row.Components, e.comps = make([]ComponentCell, len(r.Components)), make([]compTally, len(r.Components))
	for i, cs := range r.Components {
		e.row.Components[i] = ComponentCell{Percent: cs.Percent, Level: cs.Level, LevelID: cs.LevelID}
		e.comps[i] = compTally{cs.Level, cs.Points, cs.Max}
	}
	for _, p := range r.Problems {
		e.problems = append(e.problems, SchoolProblem{School: e.describe, Location: p.Location.In(m.Lang()), Message: p.Message})
	}
	e.notices, e.level = len(r.Notices), r.Total.Level
	for _, is := range r.Indicators {
		if is.Status == scoring.StatusNotApplicable && is.Option >= 0 {
			e.notApplicable++
		}
	}
	e.applicable, e.deficit = make([]bool, len(r.Indicators)), make([]bool, len(r.Indicators))
	e.incomplete = IncompleteSchool{Name: e.row.Name, Code: e.row.Code, Municipality: e.row.Municipality, Source: r.Source, Row: r.Row}
	for i, is := range r.Indicators {
		e.applicable[i] = is.Status != scoring.StatusNotApplicable
		e.deficit[i] = e.applicable[i] && is.Points < is.Max
		switch is.Status {
		case scoring.StatusMissing:
			e.incomplete.Missing++
		case scoring.StatusInvalid:
			e.incomplete.Invalid++
		}
		if e.applicable[i] {
			e.incomplete.Applicable++
		}
	}
	if r.Total.Level == 0 {
		e.belowBase = &BelowBase{Name: e.row.Name, Code: e.row.Code, Municipality: e.row.Municipality,
			Source: r.Source, Row: r.Row, Points: r.Total.Points, Max: r.Total.Max, Percent: r.Total.Percent,
			Reasons: belowBaseReasons(m, r)}
	}
	e.municipality = strings.TrimSpace(e.row.Municipality)
	e.year = strings.Clone(strings.TrimSpace(school.Year))
	e.group = MunicipalityKey(e.municipality)
	switch {
	case school.Code != "":
		e.key, e.by = "код|"+textnorm.Normalize(school.Code), m.Lang().T("код")
	case school.Name != "":
		e.key, e.by = "имя|"+textnorm.Normalize(school.Name)+"|"+textnorm.Normalize(e.row.Municipality), "наименование и муниципалитет"
		if !m.Respondent.IsSchool() && field >= 0 {
			e.by = m.Lang().T("наименование и «%s»", m.Respondent.Groups[field].Title)
		} else if !m.Respondent.IsSchool() {
			e.by = m.Lang().T("наименование")
		}
	}
	return e
}

// AddEntry counts a school, unless it is a blank template. A school whose
// code (else name and municipality) was added before is counted once, by
// the duplicates policy. It returns the school's id (see Counted), or -1
// when it is not counted.
func (a *Aggregator) AddEntry(e *Entry) (id int) {
	if e.blank != "" {
		a.sum.Counts.Empty++
		a.sum.Empty = append(a.sum.Empty, Failure{File: e.here, Message: e.blank})
		return -1
	}
	if problem := a.places.add(e.municipality, e.group); problem != "" {
		e.row.Problems++
		e.problems = append(e.problems, SchoolProblem{School: e.describe, Location: e.here, Message: problem})
	}
	e.group = cmp.Or(e.group, NoGroup(a.m, a.field))
	key, by := e.key, e.by
	id = len(a.entries)
	a.entries = append(a.entries, e)
	k, seen := a.byKey[key]
	if key == "" || !seen {
		a.byKey[key] = id
		return id
	}
	// The school came before: keep one submission, by the policy.
	kept := a.entries[k]
	dup := Duplicate{School: e.describe, By: by}
	switch newer, why := later(a.sum.Lang, e, kept); {
	case a.duplicates == DuplicatesError:
		e.dropped = true
		dup.Source, dup.Reason = e.here, a.sum.Lang.T("при --duplicates error повторы не учитываются: ни одна подача этой школы не учтена; оставьте один файл")
		if !kept.dropped {
			kept.dropped = true
			a.sum.Duplicates = append(a.sum.Duplicates, Duplicate{School: dup.School, Source: kept.here, By: by, Reason: dup.Reason})
			a.sum.Counts.Duplicates++
		}
		id = -1
	case a.duplicates == DuplicatesLatest && newer:
		kept.dropped = true
		a.byKey[key] = id
		dup.Source, dup.FirstSource, dup.Reason = kept.here, e.here, why
	default:
		e.dropped = true
		dup.Source, dup.FirstSource = e.here, kept.here
		dup.Reason = a.sum.Lang.T("учтена первая подача по порядку файлов (--duplicates first)")
		if a.duplicates == DuplicatesLatest {
			dup.Reason = why
		}
		id = -1
	}
	a.sum.Counts.Duplicates++
	a.sum.Duplicates = append(a.sum.Duplicates, dup)
	return id
}

// later says whether submission e is later than kept: by the «Дата
// заполнения» both state, else by the files' modification times; a tie
// keeps the first. why says so in the model's language, for whichever
// was later.
func later(l lang.Lang, e, kept *Entry) (bool, string) {
	stamp := func(t time.Time) string { return l.Date(t) + " " + t.Format("15:04:05") }
	switch {
	case !e.filled.IsZero() && !kept.filled.IsZero() && !e.filled.Equal(kept.filled):
		newer, older := e.filled, kept.filled
		if kept.filled.After(e.filled) {
			newer, older = older, newer
		}
		return e.filled.After(kept.filled), l.T("учтена более поздняя подача: дата заполнения %s позже %s", l.Date(newer), l.Date(older))
	}
	// Modification times count to the second, as they are shown: two
	// files saved within one second (copied, unpacked) are a tie, not a
	// later submission the message could not tell apart.
	em, km := e.modified.Truncate(time.Second), kept.modified.Truncate(time.Second)
	if !em.Equal(km) && !em.IsZero() && !km.IsZero() {
		newer, older := em, km
		if km.After(em) {
			newer, older = older, newer
		}
		return em.After(km), l.T("учтена более поздняя подача: файл изменён %s, другой — %s", stamp(newer), stamp(older))
	}
	return false, l.T("даты заполнения и изменения файлов не различаются: учтена первая подача по порядку файлов")
}

// Counted lists, in order, the ids Add gave of the schools the summary
// counts: a school Add counted may be replaced later.
func (a *Aggregator) Counted() []int {
	var ids []int
	for i, e := range a.entries {
		if !e.dropped {
			ids = append(ids, i)
		}
	}
	return ids
}

// blankReason says why a result is no school but a blank template: no
// answer at all, or neither name nor code and under a tenth of the answers.
// It is "" for a school.
func blankReason(l lang.Lang, r *scoring.Result) string {
	answered, applicable := 0, 0
	for _, is := range r.Indicators {
		if is.Status != scoring.StatusNotApplicable {
			applicable++
		}
		if is.Status == scoring.StatusOK || is.Status == scoring.StatusInvalid {
			answered++
		}
	}
	switch {
	case answered == 0:
		return l.T("пустой шаблон: нет ни одного ответа; школа не учтена — заполните ответы и пришлите файл снова")
	case r.School.Name == "" && r.School.Code == "" && answered*10 < applicable:
		return l.T("похоже на незаполненный шаблон: нет ни наименования, ни кода ОО и дано ответов %d из %d; школа не учтена", answered, applicable)
	}
	return ""
}

// commonYear is the year most counted schools state ("" none; a tie goes
// to the earlier).
func commonYear(entries []*Entry) string {
	count := map[string]int{}
	best := ""
	for _, e := range entries {
		if e.dropped || e.year == "" {
			continue
		}
		count[e.year]++
		if n := count[e.year]; n > count[best] || n == count[best] && e.year < best {
			best = e.year
		}
	}
	return best
}

// describe names a school for the lists of problems and duplicates.
func describe(l lang.Lang, s submission.School) string {
	return s.Title(l, l.T("без наименования"))
}

// NoMunicipality groups schools without a municipality.
const NoMunicipality = "(муниципалитет не указан)"

// NoGroup groups respondents whose grouping field (GroupField) is empty:
// NoMunicipality for the school's, «(не указано: Voivodato)» in the
// model's language for another.
func NoGroup(m *model.Model, field int) string {
	if m.Respondent.IsSchool() || field < 0 || field >= len(m.Respondent.Groups) {
		return NoMunicipality
	}
	return m.Lang().T("(не указано: %s)", m.Respondent.Groups[field].Title)
}

// Summary finishes the aggregation.
func (a *Aggregator) Summary() *Summary {
	s := a.sum
	slices.SortStableFunc(s.Failures, func(x, y Failure) int { return strings.Compare(x.File, y.File) })
	all := newStatsAcc(a.m)
	groups := map[string]*statsAcc{}
	c := &s.Counts
	for _, e := range a.entries {
		if e.dropped {
			continue
		}
		c.Schools++
		if len(e.problems) > 0 || e.row.Problems > 0 {
			c.WithProblems++
			c.Problems += len(e.problems)
			s.Problems = append(s.Problems, e.problems[:min(len(e.problems), MaxProblems-len(s.Problems))]...)
		}
		if e.row.Incomplete {
			c.Incomplete++
		}
		c.Notices += e.notices
		c.NotApplicable += e.notApplicable
		e.row.Group = cmp.Or(a.places.shown[e.group], e.group)
		s.Schools = append(s.Schools, e.row)
		if e.row.Incomplete && s.IncompletePolicy == IncompleteExclude {
			c.Excluded++
			s.IncompleteSchools = append(s.IncompleteSchools, e.incomplete)
			continue
		}
		all.add(e)
		if groups[e.group] == nil {
			groups[e.group] = newStatsAcc(a.m)
		}
		groups[e.group].add(e)
	}
	s.Stats = all.stats()
	if s.Run.Year == "" {
		s.Run.Year = commonYear(a.entries)
	}
	shown := map[string]string{} // name shown → group key
	for key := range groups {
		shown[cmp.Or(a.places.shown[key], key)] = key
	}
	s.groups = map[string]Stats{}
	for _, name := range slices.Sorted(maps.Keys(shown)) {
		st := groups[shown[name]].stats()
		s.groups[name] = st
		if a.groupBy != "" {
			s.Municipalities = append(s.Municipalities, Municipality{Name: name, Stats: st})
		}
	}
	s.MunicipalityNotes = a.places.notes()
	return &s
}

// HasProblems reports whether the batch should exit with the data-problems code.
func (s *Summary) HasProblems() bool {
	return s.Counts.Failed > 0 || s.Counts.WithProblems > 0 || s.Counts.Duplicates > 0 || s.Counts.Empty > 0
}

// statsAcc accumulates Stats.
type statsAcc struct {
	m                        *model.Model
	schools                  int
	levels                   []int
	compLevels               [][]int   // component -> level -> count
	compSum                  []float64 // sum of exact ratios points/max
	compN                    []int
	totalSum                 float64 // sum of exact overall ratios
	totalN                   int
	deficit                  []int // indicator -> schools with a deficit
	applicable               []int // indicator -> schools it applies to
	belowBase                []BelowBase
	withProblems, incomplete int
}

func newStatsAcc(m *model.Model) *statsAcc {
	a := &statsAcc{m: m, levels: make([]int, len(m.Levels)), compLevels: make([][]int, len(m.Components)),
		compSum: make([]float64, len(m.Components)), compN: make([]int, len(m.Components)),
		deficit: make([]int, len(m.Indicators)), applicable: make([]int, len(m.Indicators))}
	for i := range a.compLevels {
		a.compLevels[i] = make([]int, len(m.Levels))
	}
	return a
}

func (a *statsAcc) add(e *Entry) {
	a.schools++
	if e.row.Problems > 0 {
		a.withProblems++
	}
	if e.row.Incomplete {
		a.incomplete++
	}
	if e.level >= 0 {
		a.levels[e.level]++
	}
	if e.row.Max > 0 {
		a.totalSum += float64(e.row.Points) / float64(e.row.Max)
		a.totalN++
	}
	for i, cs := range e.comps {
		if cs.max == 0 {
			continue
		}
		a.compLevels[i][cs.level]++
		a.compSum[i] += float64(cs.points) / float64(cs.max)
		a.compN[i]++
	}
	for i := range e.applicable {
		if e.applicable[i] {
			a.applicable[i]++
		}
		if e.deficit[i] {
			a.deficit[i]++
		}
	}
	if e.belowBase != nil {
		a.belowBase = append(a.belowBase, *e.belowBase)
	}
}

// belowBaseReasons explains a school «ниже базового»: critical failures,
// points below the threshold, or both.
func belowBaseReasons(m *model.Model, r *scoring.Result) []string {
	var reasons []string
	if len(r.CriticalFailures) > 0 && r.Total.CriticalApplied {
		texts := make([]string, 0, len(r.CriticalFailures))
		for _, id := range r.CriticalFailures {
			if ind, ok := m.Indicator(id); ok {
				texts = append(texts, id+" «"+ind.Text+"»")
			}
		}
		reasons = append(reasons, m.Lang().T("невыполненные критические показатели: %s", strings.Join(texts, "; ")))
	}
	if r.Total.ByPoints == 0 && len(m.Levels) > 1 && r.Total.Basis != scoring.BasisPoints && r.Total.Basis != "" {
		reasons = append(reasons, scoreReason(m, r))
	} else if r.Total.ByPoints == 0 && len(m.Levels) > 1 {
		l := m.Lang()
		set := m.Thresholds.For("", r.School.Profile)
		unit := "%"
		if set.Unit == model.UnitPoints {
			unit = l.T("баллов")
		}
		reason := l.T("баллов ниже порога уровня «%s»: %d из %d (%s %%), порог %s %s",
			m.Levels[1].Title, r.Total.Points, r.Total.Max, l.Percent(r.Total.Percent), set.Values[1], unit)
		if need := m.Standing("", r.School.Profile, r.Total.Points, r.Total.Max).Needs[1]; need > 0 {
			reason += l.T(", не хватает %s", l.Count(need-r.Total.Points, "балла", "баллов", "баллов"))
		}
		reasons = append(reasons, reason)
	}
	return reasons
}

// scoreReason says why a school whose level is not found from plain
// points is below the base level.
func scoreReason(m *model.Model, r *scoring.Result) string {
	t := r.Total
	l := m.Lang()
	base := m.Levels[1].Title
	switch t.Basis {
	case scoring.BasisMinLevel:
		var low []string
		for _, c := range r.Components {
			if c.Max > 0 && c.Level == 0 {
				low = append(low, "«"+c.Title+"»")
			}
		}
		return l.T("общий уровень — наименьший из уровней компонентов; ниже уровня «%s»: %s", base, strings.Join(low, ", "))
	case scoring.BasisMean:
		return l.T("средний процент компонентов ниже порога уровня «%s»: %s %%, порог %s %%", base, scoring.ScoreText(l, t.Score), scoring.ScoreText(l, t.ScoreNeeds[1]))
	}
	return l.T("взвешенная сумма баллов ниже порога уровня «%s»: %s из %s (%s %%), порог %s", base, scoring.ScoreText(l, t.Score), scoring.ScoreText(l, t.ScoreMax),
		l.Percent(t.Percent), scoring.ScoreText(l, t.ScoreNeeds[1]))
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return math.Round(float64(n)*1000/float64(of)) / 1000
}

func (a *statsAcc) levelCounts(counts []int, of int) []LevelCount {
	out := make([]LevelCount, len(a.m.Levels))
	for i, l := range a.m.Levels {
		out[i] = LevelCount{ID: l.ID, Title: l.Title, Count: counts[i], Share: share(counts[i], of)}
	}
	return out
}

func (a *statsAcc) stats() Stats {
	applicable := a.applicable
	s := Stats{Schools: a.schools, Levels: a.levelCounts(a.levels, a.schools), BelowBase: a.belowBase,
		WithProblems: a.withProblems, Incomplete: a.incomplete}
	if a.totalN > 0 {
		s.MeanPercent = math.Round(a.totalSum*1000/float64(a.totalN)) / 10
	}
	if s.BelowBase == nil {
		s.BelowBase = []BelowBase{}
	}
	for i, c := range a.m.Components {
		cs := ComponentStats{ID: c.ID, Title: c.Title, Kind: c.Kind, Schools: a.compN[i], Levels: a.levelCounts(a.compLevels[i], a.compN[i])}
		if a.compN[i] > 0 {
			cs.MeanPercent = math.Round(a.compSum[i]*1000/float64(a.compN[i])) / 10
		}
		s.Components = append(s.Components, cs)
	}
	order := slices.Clone(s.Components)
	slices.SortStableFunc(order, func(x, y ComponentStats) int { return cmp.Compare(x.MeanPercent, y.MeanPercent) })
	for _, c := range order {
		if c.Schools > 0 && len(s.Weakest) < 3 {
			s.Weakest = append(s.Weakest, c.ID)
		}
	}
	for i, ind := range a.m.Indicators {
		if applicable[i] == 0 {
			continue
		}
		s.Deficits = append(s.Deficits, DeficitFrequency{Indicator: ind.ID, Component: ind.Component, Title: ind.Text,
			Critical: ind.Critical, Schools: a.deficit[i], Applicable: applicable[i], Share: share(a.deficit[i], applicable[i])})
	}
	// The most schools first, then the larger share: 7 of 13 ranks above
	// 3 of 4.
	slices.SortStableFunc(s.Deficits, func(x, y DeficitFrequency) int {
		if c := cmp.Compare(y.Schools, x.Schools); c != 0 {
			return c
		}
		return cmp.Compare(y.Share, x.Share)
	})
	return s
}
