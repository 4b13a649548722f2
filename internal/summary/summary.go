// Package summary aggregates scored schools into a district (municipal) or
// regional summary: level distributions, mean percent per component, the
// district's common deficits, the schools «ниже базового» with reasons,
// duplicates and failures. It keeps aggregates, not whole results, so memory
// grows only by one small row per school.
package summary

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Schema is the "schema" of a summary in JSON.
const Schema = "selfdiag.summary/v1"

// GroupMunicipality is the only grouping so far.
const GroupMunicipality = "municipality"

// MaxProblems caps the data problems kept for the «Ошибки» list; the count
// is always exact.
const MaxProblems = 20000

// Summary is the district picture.
type Summary struct {
	Model          scoring.ModelStamp
	GroupBy        string
	Counts         Counts
	Schools        []*SchoolRow   // rows kept by the aggregator: 40,000 are not copied again
	Stats          Stats          // all counted schools
	Municipalities []Municipality // with GroupBy == "municipality", by name
	Failures       []Failure
	Duplicates     []Duplicate
	Problems       []SchoolProblem // capped at MaxProblems
	Levels         []model.Level
	Components     []ComponentRef
}

// ComponentRef names a component in model order.
type ComponentRef struct{ ID, Title, Kind string }

// Counts are the headline numbers.
type Counts struct {
	Files        int // answer files read or attempted
	Schools      int // schools scored and counted (duplicates excluded)
	WithProblems int // counted schools with at least one data problem
	Incomplete   int // counted schools with missing or invalid answers
	Failed       int // files that could not be read
	Duplicates   int // school entries not counted because they repeat another
	Problems     int // data problems in counted schools
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
	Incomplete                       bool
	Problems                         int
}

// ComponentCell is a school's result in one component.
type ComponentCell struct {
	Percent float64
	Level   int
	LevelID string
}

// Stats are the aggregates of a set of schools.
type Stats struct {
	Schools    int
	Levels     []LevelCount // overall level distribution, low to high
	Components []ComponentStats
	Weakest    []string // component ids, weakest first (lowest mean percent)
	Deficits   []DeficitFrequency
	BelowBase  []BelowBase
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

// Duplicate is a school entry that repeats an earlier one.
type Duplicate struct {
	School, Source, FirstSource string
	By                          string // "код" or "наименование и муниципалитет"
}

// SchoolProblem is a data problem of a counted school.
type SchoolProblem struct {
	School, Location, Message string
}

// Aggregator builds a Summary from results added in a deterministic order.
type Aggregator struct {
	m       *model.Model
	groupBy string
	sum     Summary
	all     *statsAcc
	groups  map[string]*statsAcc
	// First entries of each school, for duplicates: by normalised code,
	// else by normalised name and municipality.
	byCode, byName schoolKeys
	rows           paged[SchoolRow] // the schools table
}

// paged is a list kept in pages: appending to one slice of tens of
// thousands of items would copy them again at every doubling, on the
// ordering goroutine of a batch. Pointers to items stay valid.
type paged[T any] struct {
	pages [][]T
	n     int
}

// pageSize is how many items a page of a paged list holds.
const pageSize = 1024

// add appends v and returns its index.
func (p *paged[T]) add(v T) int {
	if p.n%pageSize == 0 {
		p.pages = append(p.pages, make([]T, 0, pageSize))
	}
	last := &p.pages[len(p.pages)-1]
	*last = append(*last, v)
	p.n++
	return p.n - 1
}

// at is the item at index i.
func (p *paged[T]) at(i int) *T { return &p.pages[i/pageSize][i%pageSize] }

// origin is where a school entry was read.
type origin struct {
	source string
	row    int
}

func (o origin) String() string {
	if o.row > 0 {
		return fmt.Sprintf("%s, строка %d", o.source, o.row)
	}
	return o.source
}

// New starts an aggregation. groupBy is "" or GroupMunicipality.
func New(m *model.Model, groupBy string) *Aggregator {
	a := &Aggregator{m: m, groupBy: groupBy, all: newStatsAcc(m), groups: map[string]*statsAcc{},
		byCode: schoolKeys{}, byName: schoolKeys{}}
	a.sum.Model = scoring.ModelStamp{ID: m.ID, Version: m.Version, Title: m.Title, Source: m.Source}
	a.sum.GroupBy = groupBy
	a.sum.Levels = m.Levels
	for _, c := range m.Components {
		a.sum.Components = append(a.sum.Components, ComponentRef{c.ID, c.Title, c.Kind})
	}
	return a
}

// FileDone counts a file that was read.
func (a *Aggregator) FileDone() { a.sum.Counts.Files++ }

// AddFailure records a file that could not be read.
func (a *Aggregator) AddFailure(file, msg string) {
	a.sum.Counts.Files++
	a.sum.Counts.Failed++
	a.sum.Failures = append(a.sum.Failures, Failure{File: file, Message: msg})
}

// Entry is what the summary keeps of one school. NewEntry makes it from
// the school's result on any goroutine, so that a batch reads each result
// where it was scored; AddEntry counts entries in order.
type Entry struct {
	row       SchoolRow
	here      origin
	dupKey    string // normalised code, else name and municipality
	dupHash   uint64 // keyHash(dupKey)
	dupByCode bool
	problems  []SchoolProblem
	group     string // municipality, for GroupMunicipality
	comps     []compTally
	// Indicators that apply, and that are deficits, as bit sets by model
	// index: counting them is a few words, not a hundred scores.
	applicable, deficit []uint64
	belowBase           *BelowBase
	// Room for comps and the bit sets of a model of the usual size, so
	// that an entry is one allocation: a national table makes 40,000.
	compBuf [8]compTally
	markBuf [4]uint64
}

type compTally struct{ level, points, max int }

// NewEntry makes a school's entry. It keeps copies: r may be reused. The
// strings are copied too: in a district table they are cut from the
// school's whole row, which would otherwise stay in memory.
func NewEntry(m *model.Model, r *scoring.Result) *Entry {
	return fillEntry(new(Entry), make([]ComponentCell, len(r.Components)), m, r)
}

// Entries makes entries as NewEntry does, many to an allocation: a national
// table makes 40,000 of them. For one goroutine at a time.
type Entries struct {
	m       *model.Model
	entries []Entry
	cells   []ComponentCell // for the rows' components, kept with the rows
}

// entrySlab is how many entries Entries allocates at a time.
const entrySlab = 64

// NewEntries makes entries for schools scored with m.
func NewEntries(m *model.Model) *Entries { return &Entries{m: m} }

// New makes a school's entry (see NewEntry).
func (s *Entries) New(r *scoring.Result) *Entry {
	if len(s.entries) == 0 {
		s.entries = make([]Entry, entrySlab)
	}
	n := len(r.Components)
	if len(s.cells) < n {
		s.cells = make([]ComponentCell, entrySlab*n)
	}
	e, cells := &s.entries[0], s.cells[:n:n]
	s.entries, s.cells = s.entries[1:], s.cells[n:]
	return fillEntry(e, cells, s.m, r)
}

// fillEntry makes the entry of r in e, which is zero, with cells for its
// row's components.
func fillEntry(e *Entry, cells []ComponentCell, m *model.Model, r *scoring.Result) *Entry {
	e.here = origin{r.Source, r.Row}
	words := (len(r.Indicators) + 63) / 64
	marks := e.markBuf[:]
	if 2*words > len(marks) {
		marks = make([]uint64, 2*words)
	}
	e.applicable, e.deficit = marks[:words:words], marks[words:2*words]
	e.comps = e.compBuf[:0]
	if len(r.Components) > len(e.compBuf) {
		e.comps = make([]compTally, 0, len(r.Components))
	}
	// One copy of the three texts, cut in three.
	school := r.School
	texts := school.Name + school.Code + school.Municipality
	nameEnd, codeEnd := len(school.Name), len(school.Name)+len(school.Code)
	e.row = SchoolRow{Source: r.Source, Row: r.Row, Name: texts[:nameEnd], Code: texts[nameEnd:codeEnd],
		Municipality: texts[codeEnd:],
		Points:       r.Total.Points, Max: r.Total.Max, Percent: r.Total.Percent, Level: r.Total.Level, LevelID: r.Total.LevelID,
		LevelTitle: r.Total.LevelTitle, Deficits: deficitCount(r), CriticalFailures: slices.Clone(r.CriticalFailures),
		Incomplete: r.Incomplete, Problems: len(r.Problems), Components: cells}
	switch {
	case e.row.Code != "":
		e.dupKey, e.dupByCode = textnorm.Normalize(e.row.Code), true
	case e.row.Name != "":
		e.dupKey = textnorm.Normalize(e.row.Name) + "|" + textnorm.Normalize(e.row.Municipality)
	}
	e.dupHash = keyHash(e.dupKey)
	if len(r.Problems) > 0 {
		who := e.describe()
		e.problems = make([]SchoolProblem, len(r.Problems))
		for i, p := range r.Problems {
			e.problems[i] = SchoolProblem{School: who, Location: p.Location.String(), Message: p.Message}
		}
	}
	e.group = strings.TrimSpace(e.row.Municipality)
	if e.group == "" {
		e.group = NoMunicipality
	}
	for i, cs := range r.Components {
		e.row.Components[i] = ComponentCell{Percent: cs.Percent, Level: cs.Level, LevelID: cs.LevelID}
		e.comps = append(e.comps, compTally{cs.Level, cs.Points, cs.Max})
	}
	if len(r.Applicable) == words && len(r.Short) == words {
		copy(e.applicable, r.Applicable)
		copy(e.deficit, r.Short)
	} else { // a result not made by scoring
		for i := range r.Indicators {
			is := &r.Indicators[i]
			if is.Status == scoring.StatusNotApplicable {
				continue
			}
			e.applicable[i/64] |= 1 << (i % 64)
			if is.Points < is.Max {
				e.deficit[i/64] |= 1 << (i % 64)
			}
		}
	}
	if r.Total.Level == 0 {
		e.belowBase = &BelowBase{Name: e.row.Name, Code: e.row.Code, Municipality: e.row.Municipality,
			Source: r.Source, Row: r.Row, Points: r.Total.Points, Max: r.Total.Max, Percent: r.Total.Percent,
			Reasons: belowBaseReasons(m, r)}
	}
	return e
}

// deficitCount is how many deficits a school has: the bits of its Short
// set, which is there when the list is not (scoring.Scorer.SkipDeficits).
func deficitCount(r *scoring.Result) int {
	if r.Short == nil {
		return len(r.Deficits)
	}
	n := 0
	for _, w := range r.Short {
		n += bits.OnesCount64(w)
	}
	return n
}

// describe names the school for the lists of problems and duplicates.
func (e *Entry) describe() string {
	name := e.row.Name
	if name == "" {
		name = "без наименования"
	}
	if e.row.Code != "" {
		name += " (код " + e.row.Code + ")"
	}
	return name
}

// Add counts a school (see AddEntry).
func (a *Aggregator) Add(r *scoring.Result) bool { return a.AddEntry(NewEntry(a.m, r)) }

// AddEntry counts a school. A school whose code (else name and
// municipality) was already seen is recorded as a duplicate and not
// counted; AddEntry then returns false.
func (a *Aggregator) AddEntry(e *Entry) bool {
	if e.dupKey != "" {
		seen, by := &a.byName, "наименование и муниципалитет"
		if e.dupByCode {
			seen, by = &a.byCode, "код"
		}
		if first, dup := seen.add(e.dupHash, e.dupKey, e.here); dup {
			a.sum.Counts.Duplicates++
			a.sum.Duplicates = append(a.sum.Duplicates, Duplicate{School: e.describe(), Source: e.here.String(), FirstSource: first.String(), By: by})
			return false
		}
	}
	c := &a.sum.Counts
	c.Schools++
	if len(e.problems) > 0 {
		c.WithProblems++
		c.Problems += len(e.problems)
		if room := MaxProblems - len(a.sum.Problems); room > 0 {
			a.sum.Problems = append(a.sum.Problems, e.problems[:min(room, len(e.problems))]...)
		}
	}
	if e.row.Incomplete {
		c.Incomplete++
	}
	a.rows.add(e.row)
	a.all.add(e)
	if a.groupBy == GroupMunicipality {
		g, ok := a.groups[e.group]
		if !ok {
			g = newStatsAcc(a.m)
			a.groups[e.group] = g
		}
		g.add(e)
	}
	return true
}

// schoolKeys holds the first entry of each school key. The keys come
// hashed from NewEntry, so that the ordering goroutine of a batch hashes
// no strings, and the map holds small numbers: a national table has
// 40,000 schools.
type schoolKeys struct {
	byHash map[uint64]int32 // index in firsts
	firsts paged[firstSeen]
}

type firstSeen struct {
	key  string
	here origin
	next int32 // index in firsts of another key with the same hash, or -1
}

// add records the key's entry at here, unless the key was seen: then it
// returns where.
func (k *schoolKeys) add(hash uint64, key string, here origin) (first origin, seen bool) {
	if k.byHash == nil {
		k.byHash = map[uint64]int32{}
	}
	i, ok := k.byHash[hash]
	if ok {
		for j := i; j >= 0; j = k.firsts.at(int(j)).next {
			if f := k.firsts.at(int(j)); f.key == key {
				return f.here, true
			}
		}
	} else {
		i = -1
	}
	k.byHash[hash] = int32(k.firsts.add(firstSeen{key: key, here: here, next: i}))
	return origin{}, false
}

// keyHash is the 64-bit FNV-1a hash of a school key.
func keyHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// NoMunicipality groups schools without a municipality.
const NoMunicipality = "(муниципалитет не указан)"

// AddFile records a file problem that is not a school (e.g. a per-school
// report that could not be written).
func (a *Aggregator) AddProblem(school string, p problem.Problem) {
	a.sum.Counts.Problems++
	if len(a.sum.Problems) < MaxProblems {
		a.sum.Problems = append(a.sum.Problems, SchoolProblem{School: school, Location: p.Location.String(), Message: p.Message})
	}
}

// Summary finishes the aggregation.
func (a *Aggregator) Summary() *Summary {
	s := a.sum
	s.Schools = nil
	if a.rows.n > 0 {
		s.Schools = make([]*SchoolRow, a.rows.n)
		for i := range s.Schools {
			s.Schools[i] = a.rows.at(i)
		}
	}
	slices.SortStableFunc(s.Failures, func(x, y Failure) int { return strings.Compare(x.File, y.File) })
	s.Stats = a.all.stats()
	if a.groupBy == GroupMunicipality {
		names := make([]string, 0, len(a.groups))
		for n := range a.groups {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			s.Municipalities = append(s.Municipalities, Municipality{Name: n, Stats: a.groups[n].stats()})
		}
	}
	return &s
}

// HasProblems reports whether the batch should exit with the data-problems code.
func (s *Summary) HasProblems() bool {
	return s.Counts.Failed > 0 || s.Counts.WithProblems > 0 || s.Counts.Duplicates > 0
}

// statsAcc accumulates Stats.
type statsAcc struct {
	m          *model.Model
	schools    int
	levels     []int
	compLevels [][]int   // component -> level -> count
	compSum    []float64 // sum of exact ratios points/max
	compN      []int
	deficit    []int // indicator -> schools with a deficit
	applicable []int // indicator -> schools it applies to, beside applicableSets
	// applicableSets counts the schools of each set of applicable
	// indicators. A set follows from the profile, so there are few:
	// counting sets is cheaper than counting a hundred bits a school.
	applicableSets map[bitSet]int
	belowBase      []BelowBase
}

// bitSet is a set of indicators of a model of up to 256 of them.
type bitSet [4]uint64

func newStatsAcc(m *model.Model) *statsAcc {
	a := &statsAcc{m: m, levels: make([]int, len(m.Levels)), compLevels: make([][]int, len(m.Components)),
		compSum: make([]float64, len(m.Components)), compN: make([]int, len(m.Components)),
		deficit: make([]int, len(m.Indicators)), applicable: make([]int, len(m.Indicators)),
		applicableSets: map[bitSet]int{}}
	for i := range a.compLevels {
		a.compLevels[i] = make([]int, len(m.Levels))
	}
	return a
}

func (a *statsAcc) add(e *Entry) {
	a.schools++
	if e.row.Level >= 0 {
		a.levels[e.row.Level]++
	}
	for i, cs := range e.comps {
		if cs.max == 0 {
			continue
		}
		a.compLevels[i][cs.level]++
		a.compSum[i] += float64(cs.points) / float64(cs.max)
		a.compN[i]++
	}
	if len(e.applicable) <= len(bitSet{}) {
		var set bitSet
		copy(set[:], e.applicable)
		a.applicableSets[set]++
	} else {
		countBits(a.applicable, e.applicable)
	}
	countBits(a.deficit, e.deficit)
	if e.belowBase != nil {
		a.belowBase = append(a.belowBase, *e.belowBase)
	}
}

// countBits adds one to counts[i] for every bit i set.
func countBits(counts []int, set []uint64) {
	for w, word := range set {
		for word != 0 {
			counts[w*64+bits.TrailingZeros64(word)]++
			word &= word - 1
		}
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
		reasons = append(reasons, "критические показатели с 0 баллов: "+strings.Join(texts, "; "))
	}
	if r.Total.ByPoints == 0 && len(m.Levels) > 1 {
		// A national table has thousands of such schools: no fmt here.
		rules, overall := m.Rules(r.School.Profile), len(m.Components)
		set := &rules.Thresholds[overall]
		unit := "%"
		if set.Unit == model.UnitPoints {
			unit = "баллов"
		}
		b := make([]byte, 0, 160)
		b = append(b, "баллов ниже порога уровня «"...)
		b = append(b, m.Levels[1].Title...)
		b = append(b, "»: "...)
		b = strconv.AppendInt(b, int64(r.Total.Points), 10)
		b = append(b, " из "...)
		b = strconv.AppendInt(b, int64(r.Total.Max), 10)
		b = append(b, " ("...)
		b = append(b, model.FormatPercent(r.Total.Percent)...)
		b = append(b, " %), порог "...)
		b = append(b, set.Values[1].String()...)
		b = append(b, ' ')
		b = append(b, unit...)
		if need := rules.PointsFor(overall, 1, r.Total.Max); need > 0 {
			b = append(b, ", не хватает "...)
			b = strconv.AppendInt(b, int64(need-r.Total.Points), 10)
		}
		reasons = append(reasons, string(b))
	}
	return reasons
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
	applicable := slices.Clone(a.applicable)
	for set, n := range a.applicableSets {
		for w, word := range set {
			for ; word != 0; word &= word - 1 {
				applicable[w*64+bits.TrailingZeros64(word)] += n
			}
		}
	}
	s := Stats{Schools: a.schools, Levels: a.levelCounts(a.levels, a.schools), BelowBase: a.belowBase}
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
	slices.SortStableFunc(s.Deficits, func(x, y DeficitFrequency) int {
		if c := cmp.Compare(y.Share, x.Share); c != 0 {
			return c
		}
		return cmp.Compare(y.Schools, x.Schools)
	})
	return s
}
