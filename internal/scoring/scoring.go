// Package scoring scores one school's answers against an indicator model:
// points, maxima and levels per component and overall, critical failures,
// deficits and every problem met on the way. It is pure: no files, no output.
package scoring

import (
	"cmp"
	"errors"
	"math"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/submission"
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
	// lang is the model's language: the problems' messages are said in it.
	lang             lang.Lang
	Model            ModelStamp
	Source           string    // file
	Modified         time.Time // when the file was last changed
	Sheet            string    // worksheet of the answers (xlsx)
	Row              int       // row of a district table, 0 for one-school files
	Layout           string
	School           submission.School
	ProfileAssumed   bool // no profile field was given: the default was used
	Total            Tally
	Components       []ComponentScore
	Indicators       []IndicatorScore // model order
	CriticalFailures []string         // indicator ids, model order
	Deficits         []Deficit
	Problems         []problem.Problem
	// Notices are answers that do not count and need no fix: answers to
	// indicators that do not apply to the school's profile. They never
	// make a school «с проблемами».
	Notices    []problem.Problem
	Incomplete bool // some applicable indicator is missing or invalid
	Stated     submission.Stated
}

// ModelStamp identifies the model a result was scored with.
type ModelStamp struct {
	ID, Version, Title, Source string
	Hash                       string // see model.Model.Hash
	Embedded                   bool   // the reconstruction built in (see model.Model.Embedded)
}

// Stamp identifies m.
func Stamp(m *model.Model) ModelStamp {
	return ModelStamp{ID: m.ID, Version: m.Version, Title: m.Title, Source: m.Source, Hash: m.Hash, Embedded: m.Embedded}
}

// Tally is points out of the applicable maximum and the level they give.
type Tally struct {
	Points  int
	Max     int
	Percent float64 // rounded down to one decimal; for display only, levels use exact points
	// Level indexes model.Levels; -1 when nothing applies (Max == 0).
	Level      int
	LevelID    string
	LevelTitle string
	// ByPoints is the level the points alone reach, before the critical rule.
	ByPoints int
	// Needs[l] is the fewest points out of Max that reach level l by the
	// thresholds that applied (-1: none do); nil when nothing applies.
	Needs []int
	// CriticalApplied says the critical rule changed or held the level.
	CriticalApplied bool
	// Basis is what the level was found from: BasisPoints (Points out
	// of Max), BasisWeighted (Score out of ScoreMax, the points weighted
	// by the model's weights), BasisMean (Score, the mean of the
	// components' percents, out of 100) or BasisMinLevel (the lowest
	// level of the components). Percent is then Score's.
	Basis           string
	Score, ScoreMax float64 // BasisWeighted, BasisMean; for display
	// ScoreNeeds[l] is the score level l needs out of ScoreMax
	// (BasisWeighted, BasisMean), rounded for display; ScoreNeeds[0] is 0.
	ScoreNeeds []float64
	// score and scoreMax are Score and ScoreMax exactly (Points and Max
	// for BasisPoints), for the next-level plan.
	score, scoreMax *big.Rat
}

// What a level was found from (Tally.Basis).
const (
	BasisPoints   = "points"
	BasisWeighted = "weighted"
	BasisMean     = "mean_of_components"
	BasisMinLevel = "min_component_level"
)

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
	Comment     string // the comment or evidence beside the answer
	Points, Max int
	Option      int // matched option index, or -1
	Band        int // matched band index, or -1
	// Row and Col are the answer cell (see Result.Loc); 0 when there is no
	// answer cell.
	Row, Col int
}

// Deficit is an applicable indicator scored below its maximum. Best() of
// the embedded indicator is the answer that earns the maximum.
type Deficit struct {
	*model.Indicator
	Answer           string
	Comment          string // beside the answer
	Points, Max, Gap int
	Status           string
}

// NoLevelTitle is shown for a component with no applicable indicator.
const NoLevelTitle = "нет применимых показателей"

// Score scores a submission. It never fails: every problem is in the
// result. It reads top to bottom as the methodology does: match answers to
// indicators, score each, sum per component and overall, find the levels
// (the critical rule included) and list the deficits. Explain adds the way
// to the next level, for reports.
func Score(m *model.Model, sub *submission.Submission) *Result {
	r := &Result{
		lang:           m.Lang(),
		Model:          Stamp(m),
		Source:         sub.Source,
		Modified:       sub.Modified,
		Sheet:          sub.Sheet,
		Row:            sub.Row,
		Layout:         sub.Layout,
		School:         sub.School,
		ProfileAssumed: !sub.ProfileKnown,
		Stated:         sub.Stated,
		Problems:       slices.Clone(sub.Problems),
		Indicators:     make([]IndicatorScore, len(m.Indicators)),
		Components:     make([]ComponentScore, len(m.Components)),
	}
	profile := sub.School.Profile

	// Each indicator's answer, and every indicator scored, summed into its
	// component and the total.
	given := r.matchAnswers(m, sub)
	for i, c := range m.Components {
		r.Components[i] = ComponentScore{ID: c.ID, Title: c.Title, Kind: c.Kind}
	}
	var failed []*model.Indicator        // critical indicators failed
	var byComponent [][]*model.Indicator // the same by component (nil: none failed)
	for i, ind := range m.Indicators {
		is := r.scoreIndicator(m, sub, ind, given[i], profile)
		r.Indicators[i] = is
		if is.Status == StatusNotApplicable {
			continue
		}
		cs := &r.Components[ind.ComponentIndex()]
		cs.Points += is.Points
		cs.Max += is.Max
		r.Total.Points += is.Points
		r.Total.Max += is.Max
		if ind.Fails(is.Points) {
			cs.CriticalFailures = append(cs.CriticalFailures, is.ID)
			r.CriticalFailures = append(r.CriticalFailures, is.ID)
			if byComponent == nil {
				byComponent = make([][]*model.Indicator, len(m.Components))
			}
			byComponent[ind.ComponentIndex()] = append(byComponent[ind.ComponentIndex()], ind)
			failed = append(failed, ind)
		}
		if is.Status == StatusMissing || is.Status == StatusInvalid {
			r.Incomplete = true
		}
	}

	// Levels by points (weighted, when the model weighs), then the
	// critical rules where they act; overall by the model's rule.
	w := weigh(m, r.Indicators, r.Components)
	for i := range r.Components {
		cs := &r.Components[i]
		var compFailed []*model.Indicator
		if byComponent != nil {
			compFailed = byComponent[i]
		}
		cs.Tally = level(m, cs.ID, profile, cs.Points, cs.Max, w.components[i], compFailed)
	}
	r.Total = level(m, "", profile, r.Total.Points, r.Total.Max, w.overall(m, r.Components), failed)

	r.Deficits = deficits(r.Indicators)
	r.checkStated(sub)
	problem.Sort(r.Problems)
	r.Problems = problem.Cap(r.Problems, MaxProblems, problem.Location{File: r.Source}, m.Lang())
	return r
}

// MaxProblems is how many problems a result lists; the rest are counted.
const MaxProblems = 1000

// addf adds a problem; its message is said in the model's language when
// the catalogue has it.
func (r *Result) addf(loc problem.Location, format string, args ...any) {
	r.Problems = append(r.Problems, problem.At(loc, r.lang.T(format), args...))
}

// matchAnswers returns the answer to each indicator by model index (nil
// when there is none). The first answer to an indicator counts; a second,
// different one and answers to indicators the model does not have are
// problems.
func (r *Result) matchAnswers(m *model.Model, sub *submission.Submission) []*submission.Answer {
	given := make([]*submission.Answer, len(m.Indicators))
	for i := range sub.Answers {
		a := &sub.Answers[i]
		idx := m.IndicatorIndex(a.Indicator)
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
	return given
}

// level makes the tally of points out of max: the percent, the level the
// score reaches by the thresholds in force, and the level after the
// critical rules of the failed critical indicators (component "": the
// overall level).
func level(m *model.Model, component string, p model.Profile, points, max int, sc score, failed []*model.Indicator) Tally {
	t := Tally{Points: points, Max: max, Basis: sc.basis, score: sc.value, scoreMax: sc.of}
	if max == 0 {
		t.Level, t.ByPoints, t.LevelTitle = -1, -1, NoLevelTitle
		return t
	}
	// Rounded down: 113 of 133 is 84,96 %, shown as 84,9 % — never as the
	// 85,0 % that the next level needs.
	t.Percent = float64(points*1000/max) / 10
	switch sc.basis {
	case BasisPoints:
		st := m.Standing(component, p, points, max)
		t.ByPoints, t.Needs = st.Level, st.Needs
	case BasisMinLevel:
		t.ByPoints = sc.minLevel
		t.Percent = floorPercent(sc.value, sc.of)
	default:
		t.ByPoints = m.LevelAt(component, p, sc.value, sc.of)
		t.Percent = floorPercent(sc.value, sc.of)
		set := m.Thresholds.For(component, p)
		t.ScoreNeeds = make([]float64, len(set.Values))
		for l := 1; l < len(set.Values); l++ {
			t.ScoreNeeds[l], _ = set.Need(l, sc.of).Float64()
		}
		t.Score, _ = sc.value.Float64()
		t.ScoreMax, _ = sc.of.Float64()
	}
	t.Level, t.CriticalApplied = m.AfterCritical(t.ByPoints, failed, component == "")
	t.LevelID = m.Levels[t.Level].ID
	t.LevelTitle = m.Levels[t.Level].Title
	return t
}

// Loc is where an indicator's answer was (the school's row or file when
// there was none).
func (r *Result) Loc(is *IndicatorScore) problem.Location {
	row, col := is.Row, is.Col
	if row == 0 {
		row = r.Row
		col = 0
	}
	if row == 0 {
		return problem.Location{File: r.Source}
	}
	return problem.Location{File: r.Source, Sheet: r.Sheet, Row: row, Col: col}
}

// scoreIndicator scores the answer a (nil: none) to one indicator.
func (r *Result) scoreIndicator(m *model.Model, sub *submission.Submission, ind *model.Indicator, a *submission.Answer, p model.Profile) IndicatorScore {
	is := IndicatorScore{Indicator: ind, Max: ind.Max, Option: -1, Band: -1}
	if a != nil {
		is.Answer, is.Comment, is.Row, is.Col = a.Value, a.Comment, a.Row, a.Col
	}
	var odd submission.Odd // what makes the cell doubtful; zero for a plain answer
	if a != nil && a.Odd != nil {
		odd = *a.Odd
	}
	invalid := func(format string, args ...any) {
		is.Status = StatusInvalid
		r.addf(sub.AnswerLoc(a), r.lang.T(format)+r.lang.T("; засчитано 0 баллов"), args...)
	}
	switch {
	case !ind.Applies.AppliesTo(p):
		is.Status, is.Max = StatusNotApplicable, 0
		if a != nil && (a.Value != "" || odd.Date != "") {
			r.Notices = append(r.Notices, problem.At(sub.AnswerLoc(a), m.Lang().T("показатель %s — только для %s с условием «%s», а здесь — %s: ответ «%s» не учитывается"),
				ind.ID, m.Respondent.Many, ind.Applies, m.Respondent.ProfileText(p), textnorm.Truncate(cmp.Or(a.Value, odd.Date), 40)))
		}
		return is
	case odd.Formula:
		is.Status = StatusMissing
		r.addf(sub.AnswerLoc(a), "в ячейке ответа на показатель %s формула, значение которой не сохранено в файле: откройте файл в Excel или LibreOffice, сохраните его и пришлите снова; засчитано 0 баллов", ind.ID)
		return is
	case odd.Date != "":
		is.Answer = odd.Date
		invalid("в ячейке ответа на показатель %s дата %s, а ожидалось %s: Excel превращает набранное «1.5» в 1 мая — задайте ячейке формат «Общий» и впишите ответ заново",
			ind.ID, odd.Date, ind.AllowedIn(r.lang))
		return is
	case a == nil || a.Value == "":
		is.Status = StatusMissing
		r.addf(r.Loc(&is), "нет ответа на показатель %s «%s»: засчитано 0 баллов; допустимые ответы: %s",
			ind.ID, textnorm.Truncate(ind.Text, 60), ind.AllowedIn(r.lang))
		return is
	case len(odd.Extra) > 0:
		invalid("после ответа «%s» на показатель %s в строке есть ещё %s: если это несколько ответов через «;», то показатель принимает один — оставьте один из допустимых: %s",
			textnorm.Truncate(a.Value, 40), ind.ID, quoteAll(odd.Extra), ind.AllowedIn(r.lang))
		return is
	case ind.IsNotApplicableWord(a.Value):
		// A numeric indicator's «does not apply» word: as an option
		// marked not_applicable.
		is.Status, is.Max = StatusNotApplicable, 0
	case ind.IsNumeric():
		r.scoreNumber(ind, a, &is, invalid)
	default:
		if o, ok := ind.MatchOption(a.Value); ok && ind.Options[o].NotApplicable {
			// «не применимо»: out of the maximum, neither missing nor a
			// deficit.
			is.Status, is.Option, is.Max = StatusNotApplicable, o, 0
		} else if ok {
			is.Status, is.Option, is.Points = StatusOK, o, min(ind.Options[o].Points, ind.Max)
		} else if ind.Multiple {
			scoreSeveral(r.lang, ind, a.Value, &is, invalid)
		} else if several := severalOptions(ind, a.Value); several != nil {
			invalid("в ячейке ответа на показатель %s несколько ответов (%s), а показатель принимает один: оставьте один", ind.ID, quoteAll(several))
		} else {
			invalid("ответ «%s» на показатель %s не входит в допустимые: %s", textnorm.Truncate(a.Value, 40), ind.ID, ind.AllowedIn(r.lang))
		}
	}
	if a.Points != nil && is.Status == StatusOK && *a.Points != is.Points {
		r.addf(sub.PointsLoc(a), "в файле за показатель %s указано %s, а по модели за ответ «%s» положено %d",
			ind.ID, ru.Points(*a.Points), textnorm.Truncate(a.Value, 40), is.Points)
	}
	return is
}

// scoreSeveral scores the answer to a multiple choice: every part must be
// one of the options; each option counts once, their points summed up to
// the indicator's Max.
func scoreSeveral(l lang.Lang, ind *model.Indicator, answer string, is *IndicatorScore, invalid func(string, ...any)) {
	chosen := map[int]bool{}
	sum, first := 0, -1
	for _, part := range splitAnswer(answer) {
		o, ok := ind.MatchOption(part)
		if !ok {
			invalid("в ответе на показатель %s «%s» — не из допустимых: %s", ind.ID, textnorm.Truncate(strings.TrimSpace(part), 40), ind.AllowedIn(l))
			return
		}
		if ind.Options[o].NotApplicable {
			invalid("в ответе на показатель %s «%s» вместе с другими ответами: «не применимо» пишется один", ind.ID, ind.Options[o].Text)
			return
		}
		if !chosen[o] {
			chosen[o] = true
			sum += ind.Options[o].Points
			if first < 0 {
				first = o
			}
		}
	}
	if first < 0 {
		invalid("ответ на показатель %s пуст: ожидалось %s", ind.ID, ind.AllowedIn(l))
		return
	}
	is.Status, is.Option, is.Points = StatusOK, first, min(sum, ind.Max)
}

// splitAnswer splits a cell listing several answers at the separators
// people use: «;», «,», «/» and line breaks.
func splitAnswer(answer string) []string {
	parts := strings.FieldsFunc(answer, func(r rune) bool { return r == ';' || r == ',' || r == '/' || r == '\n' })
	out := parts[:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// severalOptions returns the options named in an answer that lists two or
// more of them («театр, музей»), else nil.
func severalOptions(ind *model.Indicator, answer string) []string {
	parts := splitAnswer(answer)
	if len(parts) < 2 {
		return nil
	}
	for _, p := range parts {
		if _, ok := ind.MatchOption(p); !ok {
			return nil
		}
	}
	return parts
}

func quoteAll(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = "«" + textnorm.Truncate(strings.TrimSpace(t), 40) + "»"
	}
	return strings.Join(q, ", ")
}

// scoreNumber scores a number answer; invalid reports why it does not count.
func (r *Result) scoreNumber(ind *model.Indicator, a *submission.Answer, is *IndicatorScore, invalid func(string, ...any)) {
	spec := ind.Number
	n, err := textnorm.ParseNumber(a.Value)
	v := n.Value
	switch {
	case errors.Is(err, textnorm.ErrTooManyDigits):
		invalid("в числе «%s» (показатель %s) больше %d значащих цифр: впишите его так, как оно записано в документах",
			textnorm.Truncate(a.Value, 40), ind.ID, textnorm.MaxDigits)
	case errors.Is(err, textnorm.ErrSpaceInNumber):
		invalid("в ответе «%s» на показатель %s цифры разделены пробелом не по разрядам тысяч: неясно, какое число имелось в виду; впишите его без пробелов (пробел допустим только как в «1 000»)",
			textnorm.Truncate(a.Value, 40), ind.ID)
	case err != nil:
		invalid("ответ «%s» на показатель %s не число: ожидалось %s", textnorm.Truncate(a.Value, 40), ind.ID, ind.AllowedIn(r.lang))
	case n.Unit == "%" && spec.Unit != "%":
		invalid("ответ «%s» на показатель %s записан в процентах, а ожидалось %s", a.Value, ind.ID, ind.AllowedIn(r.lang))
	case n.Unit != "" && n.Unit != "%" && !sameUnit(n.Unit, spec.Unit):
		invalid("после числа в ответе «%s» на показатель %s стоит «%s», а ожидалось %s", textnorm.Truncate(a.Value, 40), ind.ID, n.Unit, ind.AllowedIn(r.lang))
	case spec.Unit == "%" && n.Unit == "" && v > 0 && v <= 1 && v != math.Trunc(v):
		// A share typed as a fraction: 0,85 is 0,85 % or 85 %?
		invalid("%s — это %s %% или %s %%? Доля по показателю %s записывается в процентах: впишите %s",
			model.FormatNumber(v), model.FormatNumber(v), model.FormatNumber(v*100), ind.ID, model.FormatNumber(v*100))
	case spec.Min != nil && v < *spec.Min, spec.Max != nil && v > *spec.Max:
		invalid("значение %s показателя %s вне допустимых пределов: ожидалось %s", model.FormatNumber(v), ind.ID, ind.AllowedIn(r.lang))
	case spec.Integer && v != math.Trunc(v):
		invalid("значение %s показателя %s не целое: ожидалось %s", model.FormatNumber(v), ind.ID, ind.AllowedIn(r.lang))
	default:
		b, ok := ind.BandFor(v)
		if !ok {
			invalid("значение %s показателя %s не попадает ни в один диапазон модели", model.FormatNumber(v), ind.ID)
			return
		}
		is.Status, is.Band, is.Points = StatusOK, b, ind.Bands[b].Points
	}
}

// sameUnit says a unit written after a number is the indicator's unit
// («шт.» for «шт.», «чел» for «человек»).
func sameUnit(written, unit string) bool {
	w, u := textnorm.Key(written), textnorm.Key(unit)
	return w != "" && u != "" && (strings.HasPrefix(u, w) || strings.HasPrefix(w, u))
}

// deficits lists the applicable indicators below their maximum: critical
// first, then by gap (largest first), then in model order.
func deficits(inds []IndicatorScore) []Deficit {
	var ds []Deficit
	for _, is := range inds {
		if is.Status == StatusNotApplicable || is.Points >= is.Max {
			continue
		}
		ds = append(ds, Deficit{Indicator: is.Indicator, Answer: is.Answer, Comment: is.Comment,
			Points: is.Points, Max: is.Max, Gap: is.Max - is.Points, Status: is.Status})
	}
	slices.SortStableFunc(ds, func(a, b Deficit) int {
		if a.Critical != b.Critical {
			if a.Critical {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.Gap, a.Gap)
	})
	return ds
}

// checkStated compares the total and level a federal table states with ours.
func (r *Result) checkStated(sub *submission.Submission) {
	st := sub.Stated
	if st.Total != nil && *st.Total != r.Total.Points {
		r.addf(st.TotalLoc, "в таблице указана сумма баллов %d, а по модели «%s» получено %d", *st.Total, r.Model.ID, r.Total.Points)
	}
	if st.Level != "" && textnorm.Normalize(st.Level) != textnorm.Normalize(r.Total.LevelTitle) {
		r.addf(st.LevelLoc, "в таблице указан уровень «%s», а по модели «%s» получен «%s»", st.Level, r.Model.ID, r.Total.LevelTitle)
	}
}
