// Package scoring scores one school's answers against an indicator model:
// points, maxima and levels per component and overall, critical failures,
// deficits and every problem met on the way. It is pure: no files, no output.
package scoring

import (
	"cmp"
	"math"
	"slices"
	"unsafe"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Indicator statuses.
const (
	StatusOK            = "ok"
	StatusMissing       = "missing"
	StatusInvalid       = "invalid"
	StatusNotApplicable = "not_applicable"
)

// Result is the scored self-diagnosis of one school. Every report is written
// from a Result, so that no two formats can disagree.
type Result struct {
	Model            ModelStamp
	Source           string // file
	Sheet            string // worksheet of the answers (xlsx)
	Row              int    // row of a district table, 0 for one-school files
	Layout           string
	School           answers.School
	ProfileAssumed   bool // no profile field was given: the default was used
	Total            Tally
	Components       []ComponentScore
	Indicators       []IndicatorScore
	CriticalFailures []string // indicator ids, model order
	Deficits         []Deficit
	// Applicable and Short are bit sets by model index (bit i%64 of word
	// i/64): the indicators that apply to the school, and those of them
	// below their maximum, the deficits. A district summary counts them
	// for tens of thousands of schools.
	Applicable, Short []uint64
	Problems          []problem.Problem
	Incomplete        bool // some applicable indicator is missing or invalid
	Stated            answers.Stated
}

// ModelStamp identifies the model a result was scored with.
type ModelStamp struct {
	ID, Version, Title, Source string
}

// Tally is points out of the applicable maximum and the level they give.
type Tally struct {
	Points  int
	Max     int
	Percent float64 // rounded to one decimal; for display only, levels use exact points
	// Level indexes model.Levels; -1 when nothing applies (Max == 0).
	Level      int
	LevelID    string
	LevelTitle string
	// ByPoints is the level the points alone reach, before the critical rule.
	ByPoints int
	// CriticalApplied says the critical rule changed or held the level.
	CriticalApplied bool
}

// ComponentScore is the score of one component.
type ComponentScore struct {
	ID, Title, Kind string
	Tally
	CriticalFailures []string
}

// IndicatorScore is how one indicator was scored. It embeds the model's
// indicator (id, component, text, critical flag, options); its own Max is
// the maximum counted for this school: 0 when the indicator does not apply.
type IndicatorScore struct {
	*model.Indicator
	Status      string
	Answer      string // as written in the file
	Points, Max int
	Option      int32 // matched option index, or -1
	Band        int32 // matched band index, or -1
	// Row and Col are the answer cell (see Result.Loc); 0 when there is no
	// answer cell.
	Row, Col int32
}

// Deficit is an applicable indicator scored below its maximum. Best() of
// the embedded indicator is the answer that earns the maximum.
type Deficit struct {
	*model.Indicator
	Answer           string
	Points, Max, Gap int
	Status           string
}

// NoLevelTitle is shown for a component with no applicable indicator.
const NoLevelTitle = "нет применимых показателей"

// Score scores a submission. It never fails: every problem is in the result.
func Score(m *model.Model, sub *answers.Submission) *Result { return ScoreInto(nil, m, sub) }

// ScoreInto is Score writing into r and reusing its slices, for a batch of
// tens of thousands of schools; r must be no longer in use. A nil r is a
// new result. The result shares nothing with sub.
func ScoreInto(r *Result, m *model.Model, sub *answers.Submission) *Result {
	s := Scorer{m: m}
	return s.Score(r, sub)
}

// Scorer scores school after school against one model, as a batch does,
// and remembers what it matched on the way: the rows of a district table
// name the same indicators in the same columns and give each indicator the
// same few answers, as the same strings (see answers.ReadFileMap). What it
// remembers only saves work: a result is what ScoreInto gives. A Scorer is
// for one goroutine at a time.
type Scorer struct {
	m *model.Model
	// SkipDeficits leaves Result.Deficits nil; Result.Short still says
	// which indicators are deficits. For a batch that keeps only what a
	// district summary counts: listing and ordering the deficits of every
	// school of a national table costs a tenth of scoring it.
	SkipDeficits bool
	// ids[i] is the indicator named by the i-th answer of an earlier
	// submission and index[i] its model index.
	ids   []string
	index []int
	// seen[i] holds answers to indicator i that scored, with their score.
	seen []answerMemo
}

// answerMemo holds answers to an indicator that scored, by where their
// text is in memory: a district table's reader gives one string to each of
// a column's repeated answers (see answers.ReadFileMap), so that finding
// one is comparing a pointer. Other strings just miss.
type answerMemo [8]seenAnswer

type seenAnswer struct {
	value        string
	points       int
	option, band int32
}

// slot is where value would be in an answerMemo.
func (m *answerMemo) slot(value string) *seenAnswer {
	return &m[uintptr(unsafe.Pointer(unsafe.StringData(value)))>>4%uintptr(len(m))]
}

// NewScorer returns a scorer for m.
func NewScorer(m *model.Model) *Scorer {
	return &Scorer{m: m, seen: make([]answerMemo, len(m.Indicators))}
}

// Score is ScoreInto with the scorer's model.
func (s *Scorer) Score(r *Result, sub *answers.Submission) *Result {
	m := s.m
	if r == nil {
		r = new(Result)
	}
	old := *r
	*r = Result{
		Model:          ModelStamp{ID: m.ID, Version: m.Version, Title: m.Title, Source: m.Source},
		Source:         sub.Source,
		Sheet:          sub.Sheet,
		Row:            sub.Row,
		Layout:         sub.Layout,
		School:         sub.School,
		ProfileAssumed: !sub.ProfileKnown,
		Stated:         sub.Stated,
		Problems:       append(old.Problems[:0], sub.Problems...),
		Indicators:     resize(old.Indicators, len(m.Indicators)),
		Components:     resize(old.Components, len(m.Components)),
		Applicable:     clear0(resize(old.Applicable, (len(m.Indicators)+63)/64)),
		Short:          clear0(resize(old.Short, (len(m.Indicators)+63)/64)),
	}
	if len(r.Problems) == 0 {
		r.Problems = nil // as Score always gave
	}
	profile := sub.School.Profile
	rules := m.Rules(profile)

	// given[i] is the answer to indicator i (on the stack for models of
	// the usual size: a batch scores tens of thousands of schools).
	var givenBuf [128]*answers.Answer
	given := givenBuf[:0]
	if len(m.Indicators) <= len(givenBuf) {
		given = givenBuf[:len(m.Indicators)]
	} else {
		given = make([]*answers.Answer, len(m.Indicators))
	}
	for i := range sub.Answers {
		a := &sub.Answers[i]
		idx := s.indexOf(i, a.Indicator)
		if idx < 0 {
			if a.Value != "" {
				r.addf(sub.AnswerLoc(a), "показателя %s нет в модели «%s» (версия %s): ответ «%s» не учтён",
					a.Indicator, m.ID, m.Version, textnorm.Truncate(a.Value, 40))
			}
			continue
		}
		if prev := given[idx]; prev != nil {
			if a.Value != "" && (prev.Value == "" || textnorm.Normalize(prev.Value) != textnorm.Normalize(a.Value)) {
				r.addf(sub.AnswerLoc(a), "ответ на показатель %s дан повторно («%s»; первый — %s): учтён первый",
					a.Indicator, textnorm.Truncate(a.Value, 40), sub.AnswerLoc(prev))
			}
			continue
		}
		given[idx] = a
	}

	for i, c := range m.Components {
		r.Components[i] = ComponentScore{ID: c.ID, Title: c.Title, Kind: c.Kind}
	}
	for i, ind := range m.Indicators {
		is := &r.Indicators[i]
		s.scoreIndicator(r, sub, i, given[i], profile, rules.Applies[i], is)
		if is.Status == StatusNotApplicable {
			continue
		}
		r.Applicable[i/64] |= 1 << (i % 64)
		if is.Points < is.Max {
			r.Short[i/64] |= 1 << (i % 64)
		}
		cs := &r.Components[ind.ComponentIndex()]
		cs.Points += is.Points
		cs.Max += is.Max
		r.Total.Points += is.Points
		r.Total.Max += is.Max
		if is.Critical && is.Points == 0 {
			cs.CriticalFailures = append(cs.CriticalFailures, is.ID)
			r.CriticalFailures = append(r.CriticalFailures, is.ID)
		}
		if is.Status == StatusMissing || is.Status == StatusInvalid {
			r.Incomplete = true
		}
	}
	rule := m.CriticalRule
	for i := range r.Components {
		cs := &r.Components[i]
		setLevel(m, rules, i, &cs.Tally, len(cs.CriticalFailures) > 0 && rule.OnComponent(), rule)
	}
	setLevel(m, rules, len(m.Components), &r.Total, len(r.CriticalFailures) > 0 && rule.OnOverall(), rule)

	if !s.SkipDeficits {
		r.Deficits = deficits(old.Deficits[:0], r.Indicators)
	}
	r.checkStated(sub)
	SortProblems(r.Problems)
	return r
}

func (r *Result) addf(loc problem.Location, format string, args ...any) {
	r.Problems = append(r.Problems, problem.At(loc, format, args...))
}

// setLevel finds the percent and the level of a tally whose points and
// maximum are counted.
func setLevel(m *model.Model, rules *model.ProfileRules, set int, s *Tally, critical bool, rule model.CriticalRule) {
	if s.Max == 0 {
		s.Level, s.ByPoints = -1, -1
		s.LevelTitle = NoLevelTitle
		return
	}
	s.Percent = math.Round(float64(s.Points)*1000/float64(s.Max)) / 10
	s.ByPoints = rules.Level(set, s.Points, s.Max)
	s.Level = s.ByPoints
	if critical {
		s.Level = rule.Apply(s.Level)
		s.CriticalApplied = true
	}
	s.LevelID = m.Levels[s.Level].ID
	s.LevelTitle = m.Levels[s.Level].Title
}

// Loc is where an indicator's answer was (the school's row or file when
// there was none).
func (r *Result) Loc(is *IndicatorScore) problem.Location {
	row, col := int(is.Row), int(is.Col)
	if row == 0 {
		row = r.Row
		col = 0
	}
	if row == 0 {
		return problem.Location{File: r.Source}
	}
	return problem.Location{File: r.Source, Sheet: r.Sheet, Row: row, Col: col}
}

// indexOf returns the model index of the indicator id named by the pos-th
// answer of a submission, -1 if the model has none.
func (s *Scorer) indexOf(pos int, id string) int {
	// The same string as the last submission's: two pointers compared.
	if pos < len(s.ids) && unsafe.StringData(s.ids[pos]) == unsafe.StringData(id) && len(s.ids[pos]) == len(id) {
		return s.index[pos]
	}
	return s.lookup(pos, id)
}

func (s *Scorer) lookup(pos int, id string) int {
	idx := pos // answers usually come in model order
	if idx >= len(s.m.Indicators) || s.m.Indicators[idx].ID != id {
		idx = s.m.IndicatorIndex(id)
	}
	if s.seen != nil {
		for len(s.ids) <= pos {
			s.ids, s.index = append(s.ids, ""), append(s.index, -1)
		}
		s.ids[pos], s.index[pos] = id, idx
	}
	return idx
}

func (s *Scorer) scoreIndicator(r *Result, sub *answers.Submission, i int, a *answers.Answer, p model.Profile, applies bool, is *IndicatorScore) {
	ind := s.m.Indicators[i]
	*is = IndicatorScore{Indicator: ind, Max: ind.Max, Option: -1, Band: -1}
	if a != nil {
		is.Answer = a.Value
		is.Row, is.Col = int32(a.Row), int32(a.Col)
	}
	if !applies {
		is.Status, is.Max = StatusNotApplicable, 0
		if a != nil && a.Value != "" {
			r.addf(sub.AnswerLoc(a), "показатель %s относится только к школам с условием «%s», а профиль школы — %s: ответ «%s» не учтён",
				ind.ID, ind.Applies, p, textnorm.Truncate(a.Value, 40))
		}
		return
	}
	if a == nil || a.Value == "" {
		is.Status = StatusMissing
		r.addf(r.Loc(is), "нет ответа на показатель %s «%s»: засчитано 0 баллов; допустимые ответы: %s",
			ind.ID, textnorm.Truncate(ind.Text, 60), ind.AllowedAnswers())
		return
	}
	if !s.recall(i, a.Value, is) {
		if ind.IsNumeric() {
			r.scoreNumber(sub, ind, a, is)
		} else if o, ok := ind.MatchOption(a.Value); ok {
			is.Status, is.Option, is.Points = StatusOK, int32(o), ind.Options[o].Points
		} else {
			is.Status = StatusInvalid
			r.addf(sub.AnswerLoc(a), "ответ «%s» на показатель %s не входит в допустимые: %s; засчитано 0 баллов",
				textnorm.Truncate(a.Value, 40), ind.ID, ind.AllowedAnswers())
		}
		s.remember(i, a.Value, is)
	}
	if a.Points != nil && is.Status == StatusOK && *a.Points != is.Points {
		r.addf(sub.PointsLoc(a), "в файле за показатель %s указано %d балл(ов), а по модели за ответ «%s» положено %d",
			ind.ID, *a.Points, textnorm.Truncate(a.Value, 40), is.Points)
	}
}

// recall scores a non-empty answer to indicator i as the same string
// scored before, if it did.
func (s *Scorer) recall(i int, value string, is *IndicatorScore) bool {
	if s.seen == nil {
		return false
	}
	e := s.seen[i].slot(value)
	if unsafe.StringData(e.value) != unsafe.StringData(value) || len(e.value) != len(value) {
		return false
	}
	is.Status, is.Points, is.Option, is.Band = StatusOK, e.points, e.option, e.band
	return true
}

// remember keeps a non-empty answer to indicator i that scored.
func (s *Scorer) remember(i int, value string, is *IndicatorScore) {
	if s.seen == nil || is.Status != StatusOK {
		return
	}
	*s.seen[i].slot(value) = seenAnswer{value: value, points: is.Points, option: is.Option, band: is.Band}
}

func (r *Result) scoreNumber(sub *answers.Submission, ind *model.Indicator, a *answers.Answer, is *IndicatorScore) {
	spec := ind.Number
	v, percent, err := textnorm.ParseNumber(a.Value)
	bad := func(format string, args ...any) {
		is.Status = StatusInvalid
		r.addf(sub.AnswerLoc(a), format, args...)
	}
	switch {
	case err != nil:
		bad("ответ «%s» на показатель %s не число: ожидалось %s; засчитано 0 баллов",
			textnorm.Truncate(a.Value, 40), ind.ID, ind.AllowedAnswers())
	case percent && spec.Unit != "%":
		bad("ответ «%s» на показатель %s записан в процентах, а ожидалось %s; засчитано 0 баллов",
			a.Value, ind.ID, ind.AllowedAnswers())
	case spec.Min != nil && v < *spec.Min, spec.Max != nil && v > *spec.Max:
		bad("значение %s показателя %s вне допустимых пределов: ожидалось %s; засчитано 0 баллов",
			model.FormatNumber(v), ind.ID, ind.AllowedAnswers())
	case spec.Integer && v != math.Trunc(v):
		bad("значение %s показателя %s не целое: ожидалось %s; засчитано 0 баллов",
			model.FormatNumber(v), ind.ID, ind.AllowedAnswers())
	default:
		b, ok := ind.BandFor(v)
		if !ok {
			bad("значение %s показателя %s не попадает ни в один диапазон модели; засчитано 0 баллов", model.FormatNumber(v), ind.ID)
			return
		}
		is.Status, is.Band, is.Points = StatusOK, int32(b), ind.Bands[b].Points
	}
}

// deficits lists applicable indicators below their maximum: critical first,
// then by gap (largest first), then in model order.
func deficits(dst []Deficit, inds []IndicatorScore) []Deficit {
	// Sort keys, not 80-byte deficits: critical first (bit 63 clear), then
	// the larger gap (the complement of the gap in bits 32–62), then model
	// order (the index in the low bits, which also makes keys unique).
	var keyBuf [128]uint64
	keys := keyBuf[:0]
	for i := range inds {
		is := &inds[i]
		if is.Status == StatusNotApplicable || is.Points >= is.Max {
			continue
		}
		k := uint64(math.MaxInt32-min(is.Max-is.Points, math.MaxInt32))<<32 | uint64(i)
		if !is.Critical {
			k |= 1 << 63
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil // as for a school without deficits Score always gave
	}
	sortKeys(keys)
	for _, k := range keys {
		is := &inds[uint32(k)]
		dst = append(dst, Deficit{Indicator: is.Indicator, Answer: is.Answer,
			Points: is.Points, Max: is.Max, Gap: is.Max - is.Points, Status: is.Status})
	}
	return dst
}

// sortKeys sorts deficit keys made in model order. Sorting them stably by
// their high halves (criticality and gap) is then enough, and gaps are a
// few points: a counting sort by criticality and gap does it.
func sortKeys(keys []uint64) {
	const maxGap = 31
	var outBuf [128]uint64
	if len(keys) > len(outBuf) {
		slices.Sort(keys)
		return
	}
	bucket := func(k uint64) int { // critical first, then the larger gap
		gap := math.MaxInt32 - int(k>>32&math.MaxInt32)
		return int(k>>63)*(maxGap+1) + maxGap - gap
	}
	var starts [2*(maxGap+1) + 1]int
	for _, k := range keys {
		if math.MaxInt32-int(k>>32&math.MaxInt32) > maxGap {
			slices.Sort(keys)
			return
		}
		starts[bucket(k)+1]++
	}
	for b := 1; b < len(starts); b++ {
		starts[b] += starts[b-1]
	}
	out := outBuf[:len(keys)]
	for _, k := range keys {
		b := bucket(k)
		out[starts[b]] = k
		starts[b]++
	}
	copy(keys, out)
}

// clear0 zeroes s and returns it.
func clear0(s []uint64) []uint64 {
	clear(s)
	return s
}

// resize returns s with length n, reusing its array when it is big enough.
func resize[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// checkStated compares the total and level a federal table states with ours.
func (r *Result) checkStated(sub *answers.Submission) {
	st := sub.Stated
	if st.Total != nil && *st.Total != r.Total.Points {
		r.addf(st.TotalLoc, "в таблице указана сумма баллов %d, а по модели «%s» получено %d", *st.Total, r.Model.ID, r.Total.Points)
	}
	if st.Level != "" && textnorm.Normalize(st.Level) != textnorm.Normalize(r.Total.LevelTitle) {
		r.addf(st.LevelLoc, "в таблице указан уровень «%s», а по модели «%s» получен «%s»", st.Level, r.Model.ID, r.Total.LevelTitle)
	}
}

// SortProblems orders problems as a person reads the file: by file, sheet,
// row and column; problems about the file as a whole come last.
func SortProblems(ps []problem.Problem) {
	slices.SortStableFunc(ps, func(a, b problem.Problem) int {
		la, lb := a.Location, b.Location
		if c := cmp.Compare(la.File, lb.File); c != 0 {
			return c
		}
		if c := cmp.Compare(la.Sheet, lb.Sheet); c != 0 {
			return c
		}
		if (la.Row == 0) != (lb.Row == 0) {
			if la.Row == 0 {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(la.Row, lb.Row); c != 0 {
			return c
		}
		return cmp.Compare(la.Col, lb.Col)
	})
}
