// Package compare compares two self-diagnoses of the same schools — last
// year's and this year's — school by school and for the district: levels
// then and now, deficits closed, persisting and new, critical failures
// fixed and new, whether a school reached the level its plan aimed at.
//
// Each side is a Side: the schools of one self-diagnosis with the model
// they were scored with. A side is built from scored results (answer
// files scored now) or from a previous run's JSON (batch --per-school),
// so last year's raw files are not needed.
package compare

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/textnorm"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// Schema is the JSON schema id of a Report.
const Schema = "selfdiag.compare/v1"

// Side is one self-diagnosis: its model and its schools.
type Side struct {
	Model ModelRef
	// Lang and Respondent are the model's language and respondent, when
	// the side was scored with a model (NewSide) or read back from a
	// run's v2 summary, which names them; a v1 run's are the school's.
	Lang       lang.Lang
	Respondent *model.Respondent
	Levels     []model.Level
	Components []ComponentRef
	// Indicators are the model's indicators in model order.
	Indicators []IndicatorRef
	Schools    []School
}

// ModelRef names a side's model.
type ModelRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash,omitempty"`
}

// ComponentRef names a component.
type ComponentRef struct{ ID, Title, Kind string }

// IndicatorRef is an indicator of a side's model.
type IndicatorRef struct {
	ID, Component, Title string
	Max                  int
	Critical             bool
}

// School is what a comparison needs of a scored school.
type School struct {
	// Municipality is the value of the model's first grouping field (the
	// school's municipality); Groups are the values of all of them, by
	// field id.
	Code, Name, Municipality string
	Groups                   map[string]string
	Year                     string // of the self-diagnosis, as the answers state it
	Source                   string
	Row                      int
	Total                    Tally
	// Components are in the order of its side's Components.
	Components []Tally
	// Deficits are the applicable indicators below their maximum, in
	// model order; CriticalFailures the failed critical indicators.
	Deficits, CriticalFailures []string
	// PlanTarget is the level id the school's next-level plan aimed at
	// ("" when it was at the highest level or had none).
	PlanTarget string
	// Why the school's overall level is what it is, for fallers: the
	// critical rule lowered it.
	CriticalApplied bool
	// Answers are the school's answers with their comments, by
	// indicator id, kept only for a school that commented some answer
	// (a district of forty thousand without comments keeps none).
	Answers map[string]Answer
}

// Answer is an answer with the comment or evidence beside it.
type Answer struct {
	Text    string `json:"answer"`
	Comment string `json:"comment"`
}

// Tally is points out of a maximum and the level they give.
type Tally struct {
	Points  int     `json:"points"`
	Max     int     `json:"max"`
	Percent float64 `json:"percent"`
	Level   string  `json:"level"` // level id; "" when nothing applies
}

// Options tune a comparison.
type Options struct {
	// GroupBy, a grouping field's id («municipality» for schools), adds
	// the district's figures per value of the field.
	GroupBy string
	// Territory and AsOf («по состоянию на», zero: not said) name the
	// comparison in its documents.
	Territory string
	AsOf      time.Time
}

// respondentOf is the respondent the comparison names: the newer side's,
// else the older's, else the school.
func respondentOf(old, cur *Side) *model.Respondent {
	for _, s := range []*Side{cur, old} {
		if s.Respondent != nil {
			return s.Respondent
		}
	}
	return &schoolRespondent
}

// sidesLang is the language of the newer side's model, else the older's
// (Russian when neither was scored with a model).
func sidesLang(old, cur *Side) lang.Lang {
	for _, s := range []*Side{cur, old} {
		if s.Respondent != nil {
			return s.Lang
		}
	}
	return lang.RU
}

// noGroup names the group of respondents without a value of the field
// the comparison groups by.
func noGroup(old, cur *Side, field string) string {
	for _, s := range []*Side{cur, old} {
		if s.Respondent == nil || s.Respondent.IsSchool() {
			continue
		}
		if f, ok := s.Respondent.Group(field); ok {
			return s.Lang.T("(не указано: %s)", f.Title)
		}
	}
	return summary.NoMunicipality
}

// groupOf is a school's value of the grouping field, on its newer side.
func groupOf(sc SchoolChange, field string) string {
	for _, s := range []*School{sc.cur, sc.old} {
		if s == nil {
			continue
		}
		if s.Groups == nil {
			return s.Municipality
		}
		return s.Groups[field]
	}
	return ""
}

// Compare compares the old side with the new one.
func Compare(old, cur *Side, o Options) *Report {
	rep := &Report{Schema: Schema, Old: sideRef(old), New: sideRef(cur), Schools: []SchoolChange{}, Territory: o.Territory}
	if !respondentOf(old, cur).IsSchool() {
		rep.Schema = wire.CompareSchemaV2
	}
	if !o.AsOf.IsZero() {
		rep.AsOf = o.AsOf.Format(time.DateOnly)
	}
	rep.Indicators = indicatorChanges(old, cur)
	comparable := map[string]bool{} // indicators in both models with the same maximum
	oldInd := indicatorMap(old)
	for _, ind := range cur.Indicators {
		if o, ok := oldInd[ind.ID]; ok && sameMax(o.Max, ind.Max) {
			comparable[ind.ID] = true
		}
	}
	ix := newIndex(old, cur, comparable)
	for _, p := range match(old.Schools, cur.Schools) {
		rep.Schools = append(rep.Schools, schoolChange(old, cur, p.old, p.cur, ix))
	}
	rep.District = district("", old, cur, rep.Schools)
	if o.GroupBy != "" {
		groups := map[string][]SchoolChange{}
		var names []string
		for _, sc := range rep.Schools {
			key := summary.MunicipalityKey(groupOf(sc, o.GroupBy))
			if _, ok := groups[key]; !ok {
				names = append(names, key)
			}
			groups[key] = append(groups[key], sc)
		}
		slices.Sort(names)
		for _, key := range names {
			scs := groups[key]
			d := district(groupOf(scs[0], o.GroupBy), old, cur, scs)
			if d.Name == "" {
				d.Name = noGroup(old, cur, o.GroupBy)
			}
			rep.District.Municipalities = append(rep.District.Municipalities, d)
		}
	}
	return rep
}

func sideRef(s *Side) SideRef {
	return SideRef{Model: s.Model, Schools: len(s.Schools)}
}

func indicatorMap(s *Side) map[string]IndicatorRef {
	m := make(map[string]IndicatorRef, len(s.Indicators))
	for _, ind := range s.Indicators {
		m[ind.ID] = ind
	}
	return m
}

// indicatorChanges lists the indicators only one model has and those
// whose maximum changed.
func indicatorChanges(old, cur *Side) IndicatorChanges {
	ch := IndicatorChanges{OnlyOld: []string{}, OnlyNew: []string{}, MaxChanged: []MaxChange{}}
	oldInd, curInd := indicatorMap(old), indicatorMap(cur)
	for _, ind := range old.Indicators {
		if _, ok := curInd[ind.ID]; !ok {
			ch.OnlyOld = append(ch.OnlyOld, ind.ID)
		}
	}
	for _, ind := range cur.Indicators {
		o, ok := oldInd[ind.ID]
		switch {
		case !ok:
			ch.OnlyNew = append(ch.OnlyNew, ind.ID)
		case !sameMax(o.Max, ind.Max):
			ch.MaxChanged = append(ch.MaxChanged, MaxChange{ID: ind.ID, OldMax: o.Max, NewMax: ind.Max})
		}
	}
	return ch
}

// pair is a school on one side or both.
type pair struct{ old, cur *School }

// match pairs the schools of the two sides: by code where both have one,
// then, where either has none, by normalised name and municipality. Matched pairs come in the new
// side's order, then the old side's unmatched schools.
func match(old, cur []School) []pair {
	usedOld := make([]bool, len(old))
	byCode, byName := map[string]int{}, map[string]int{}
	for i := range old {
		if k := codeKey(&old[i]); k != "" {
			if _, dup := byCode[k]; !dup {
				byCode[k] = i
			}
		}
	}
	pairs := make([]pair, len(cur))
	for i := range cur {
		pairs[i].cur = &cur[i]
		if k := codeKey(&cur[i]); k != "" {
			if j, ok := byCode[k]; ok && !usedOld[j] {
				usedOld[j] = true
				pairs[i].old = &old[j]
			}
		}
	}
	// By name only where a code cannot decide: two different codes are
	// two schools.
	for i := range old {
		if k := nameKey(&old[i]); !usedOld[i] && k != "" {
			if _, dup := byName[k]; !dup {
				byName[k] = i
			}
		}
	}
	for i := range pairs {
		if pairs[i].old != nil {
			continue
		}
		if j, ok := byName[nameKey(&cur[i])]; ok && !usedOld[j] && (codeKey(&old[j]) == "" || codeKey(&cur[i]) == "") {
			usedOld[j] = true
			pairs[i].old = &old[j]
		}
	}
	for i := range old {
		if !usedOld[i] {
			pairs = append(pairs, pair{old: &old[i]})
		}
	}
	return pairs
}

func codeKey(s *School) string { return textnorm.Normalize(s.Code) }

func nameKey(s *School) string {
	if strings.TrimSpace(s.Name) == "" {
		return ""
	}
	return textnorm.Normalize(s.Name) + "|" + summary.MunicipalityKey(s.Municipality)
}

func levelIndex(levels []model.Level, id string) int {
	return slices.IndexFunc(levels, func(l model.Level) bool { return l.ID == id })
}

// steps is the change from the old level to the new one in steps: each
// level counted in its own model.
func steps(old, cur *Side, from, to string) *int {
	i, j := levelIndex(old.Levels, from), levelIndex(cur.Levels, to)
	if i < 0 || j < 0 {
		return nil
	}
	d := j - i
	return &d
}

func schoolChange(old, cur *Side, o, n *School, ix *index) SchoolChange {
	sc := SchoolChange{Match: MatchBoth, Components: []ComponentChange{}, old: o, cur: n,
		DeficitsClosed: []string{}, DeficitsPersisting: []string{}, DeficitsNew: []string{}, CriticalFixed: []string{}, CriticalNew: []string{}}
	switch {
	case o == nil:
		sc.Match = MatchOnlyNew
	case n == nil:
		sc.Match = MatchOnlyOld
	}
	id := n
	if id == nil {
		id = o
	}
	sc.School = SchoolRef{Code: id.Code, Name: id.Name, Municipality: id.Municipality}
	if o != nil {
		sc.Sources.Old = o.Source
		t := o.Total
		sc.Total.Old = &t
	}
	if n != nil {
		sc.Sources.New = n.Source
		t := n.Total
		sc.Total.New = &t
	}
	if o != nil && n != nil {
		sc.Total.LevelChange = steps(old, cur, o.Total.Level, n.Total.Level)
	}
	sc.Components = componentChanges(old, cur, o, n, ix)
	if o == nil || n == nil {
		return sc
	}
	indicatorChangesOf(&sc, o, n, ix)
	if o.PlanTarget != "" {
		target, now := levelIndex(cur.Levels, o.PlanTarget), levelIndex(cur.Levels, n.Total.Level)
		if target >= 0 && now >= 0 {
			reached := now >= target
			sc.PlanReached = &reached
		}
	}
	return sc
}

// componentChanges are a school's components then and now, in the order
// of the index.
func componentChanges(old, cur *Side, o, n *School, ix *index) []ComponentChange {
	out := make([]ComponentChange, len(ix.comps))
	for i, c := range ix.comps {
		cc := ComponentChange{ID: c.ref.ID, Title: c.ref.Title}
		if o != nil && c.old >= 0 && c.old < len(o.Components) {
			t := o.Components[c.old]
			cc.Old = &t
		}
		if n != nil && c.cur >= 0 && c.cur < len(n.Components) {
			t := n.Components[c.cur]
			cc.New = &t
		}
		if cc.Old != nil && cc.New != nil {
			cc.LevelChange = steps(old, cur, cc.Old.Level, cc.New.Level)
		}
		out[i] = cc
	}
	return out
}

// indicatorChangesOf fills a matched school's deficits closed, still open
// and new (comparable indicators only) and its critical indicators fixed
// and newly failed.
func indicatorChangesOf(sc *SchoolChange, o, n *School, ix *index) {
	oldDef, newDef := ix.marks(o.Deficits), ix.marks(n.Deficits)
	for _, k := range ix.oldOrder {
		if ix.comparable[k] && oldDef[k] && !newDef[k] {
			sc.DeficitsClosed = append(sc.DeficitsClosed, ix.ids[k])
		}
	}
	for _, k := range ix.curOrder {
		switch {
		case !ix.comparable[k] || !newDef[k]:
		case oldDef[k]:
			sc.DeficitsPersisting = append(sc.DeficitsPersisting, ix.ids[k])
		default:
			sc.DeficitsNew = append(sc.DeficitsNew, ix.ids[k])
		}
	}
	for _, k := range ix.curOrder {
		id := ix.ids[k]
		if !ix.comparable[k] || o.Answers[id].Comment == "" && n.Answers[id].Comment == "" {
			continue
		}
		sc.Commented = append(sc.Commented, AnswerChange{Indicator: id, Old: o.Answers[id], New: n.Answers[id]})
	}
	oldCrit, newCrit := ix.marks(o.CriticalFailures), ix.marks(n.CriticalFailures)
	for _, id := range o.CriticalFailures {
		if k := ix.byID[id]; !newCrit[k] && ix.inCur[k] {
			sc.CriticalFixed = append(sc.CriticalFixed, id)
		}
	}
	for _, id := range n.CriticalFailures {
		if k := ix.byID[id]; !oldCrit[k] && ix.inOld[k] {
			sc.CriticalNew = append(sc.CriticalNew, id)
		}
	}
}

// index numbers the indicators of both models once, so that a school's
// deficits become marks by number.
type index struct {
	ids                []string // by number
	byID               map[string]int
	oldOrder, curOrder []int // each model's indicators, in its order
	inOld, inCur       []bool
	comparable         []bool // in both models with the same maximum
	// comps are the components of the new model, then those only the old
	// one has, with their places on each side (-1: none).
	comps []componentPlace
}

// componentPlace is a component and its place on each side (-1: none).
type componentPlace struct {
	ref      ComponentRef
	old, cur int
}

func newIndex(old, cur *Side, comparable map[string]bool) *index {
	ix := &index{byID: map[string]int{}}
	number := func(id string) int {
		k, ok := ix.byID[id]
		if !ok {
			k = len(ix.ids)
			ix.byID[id] = k
			ix.ids = append(ix.ids, id)
		}
		return k
	}
	for _, ind := range old.Indicators {
		ix.oldOrder = append(ix.oldOrder, number(ind.ID))
	}
	for _, ind := range cur.Indicators {
		ix.curOrder = append(ix.curOrder, number(ind.ID))
	}
	ix.inOld, ix.inCur, ix.comparable = make([]bool, len(ix.ids)), make([]bool, len(ix.ids)), make([]bool, len(ix.ids))
	for _, k := range ix.oldOrder {
		ix.inOld[k] = true
	}
	for _, k := range ix.curOrder {
		ix.inCur[k] = true
	}
	for id, ok := range comparable {
		ix.comparable[ix.byID[id]] = ok
	}
	place := func(cs []ComponentRef, id string) int {
		return slices.IndexFunc(cs, func(c ComponentRef) bool { return c.ID == id })
	}
	for _, c := range cur.Components {
		ix.comps = append(ix.comps, componentPlace{c, place(old.Components, c.ID), place(cur.Components, c.ID)})
	}
	for _, c := range old.Components {
		if place(cur.Components, c.ID) < 0 {
			ix.comps = append(ix.comps, componentPlace{c, place(old.Components, c.ID), -1})
		}
	}
	return ix
}

// marks marks the indicators listed; ids in neither model are ignored.
func (ix *index) marks(ids []string) []bool {
	out := make([]bool, len(ix.ids))
	for _, id := range ids {
		if k, ok := ix.byID[id]; ok {
			out[k] = true
		}
	}
	return out
}

// district aggregates the schools' changes: the transitions of the
// matched schools, the means then and now over each side's schools, the
// deficits' frequencies, and the schools that fell.
func district(name string, old, cur *Side, schools []SchoolChange) District {
	d := District{Name: name, Transitions: []Transition{}, Components: []ComponentMeans{}, Deficits: []DeficitCount{}, Fallers: []Faller{}}
	titles, ids := indicatorTitles(old, cur)
	oldMeans, newMeans := means{}, means{}
	count := map[[2]string]int{}
	for i := range schools {
		sc := &schools[i]
		if sc.Total.Old != nil {
			d.Schools.Old++
			oldMeans.add("", sc.Total.Old)
		}
		if sc.Total.New != nil {
			d.Schools.New++
			newMeans.add("", sc.Total.New)
		}
		for j := range sc.Components {
			oldMeans.add(sc.Components[j].ID, sc.Components[j].Old)
			newMeans.add(sc.Components[j].ID, sc.Components[j].New)
		}
		if sc.Match == MatchBoth && sc.Total.Old.Level != "" && sc.Total.New.Level != "" {
			count[[2]string{sc.Total.Old.Level, sc.Total.New.Level}]++
		}
		if sc.Match == MatchBoth && sc.Total.LevelChange != nil {
			switch c := *sc.Total.LevelChange; {
			case c > 0:
				d.Moved.Up++
			case c == 0:
				d.Moved.Same++
			default:
				d.Moved.Down++
				d.Fallers = append(d.Fallers, faller(sidesLang(old, cur), titles, sc))
			}
		}
	}
	for _, from := range old.Levels {
		for _, to := range cur.Levels {
			if n := count[[2]string{from.ID, to.ID}]; n > 0 {
				d.Transitions = append(d.Transitions, Transition{From: from.ID, To: to.ID, Schools: n})
			}
		}
	}
	d.Total = ComponentMeans{ID: "", Title: sidesLang(old, cur).T("Итог"), Old: oldMeans.mean(""), New: newMeans.mean("")}
	seen := map[string]bool{}
	for _, cs := range [][]ComponentRef{cur.Components, old.Components} {
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				d.Components = append(d.Components, ComponentMeans{ID: c.ID, Title: c.Title, Old: oldMeans.mean(c.ID), New: newMeans.mean(c.ID)})
			}
		}
	}
	d.Deficits = deficitCounts(schools, titles, ids)
	slices.SortStableFunc(d.Fallers, func(a, b Faller) int { return cmp.Compare(a.Steps, b.Steps) })
	return d
}

// indicatorTitles are the titles of both models' indicators by id (the new
// model's first), and their ids in that order.
func indicatorTitles(old, cur *Side) (map[string]string, []string) {
	titles := map[string]string{}
	var ids []string
	for _, side := range []*Side{cur, old} {
		for _, ind := range side.Indicators {
			if _, ok := titles[ind.ID]; !ok {
				titles[ind.ID] = ind.Title
				ids = append(ids, ind.ID)
			}
		}
	}
	return titles, ids
}

// means sums schools' shares of their maximum by component id ("" the
// total): as the district summary, exact shares, rounded once.
type means map[string]*meanSum

type meanSum struct {
	sum float64
	n   int
}

func (m means) add(id string, t *Tally) {
	if t == nil || t.Max == 0 {
		return
	}
	s := m[id]
	if s == nil {
		s = &meanSum{}
		m[id] = s
	}
	s.sum += float64(t.Points) / float64(t.Max)
	s.n++
}

// mean is the mean percent, to one decimal; nil when no school had it.
func (m means) mean(id string) *float64 {
	s := m[id]
	if s == nil || s.n == 0 {
		return nil
	}
	v := math.Round(s.sum*1000/float64(s.n)) / 10
	return &v
}

// deficitCounts count, per indicator, the schools with a deficit then
// and now and the matched schools that closed or opened it.
func deficitCounts(schools []SchoolChange, titles map[string]string, ids []string) []DeficitCount {
	oldDef, newDef, closed, opened := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, sc := range schools {
		for _, id := range sc.DeficitsClosed {
			closed[id]++
		}
		for _, id := range sc.DeficitsNew {
			opened[id]++
		}
		if sc.old != nil {
			for _, id := range sc.old.Deficits {
				oldDef[id]++
			}
		}
		if sc.cur != nil {
			for _, id := range sc.cur.Deficits {
				newDef[id]++
			}
		}
	}
	out := []DeficitCount{}
	for _, id := range ids {
		if oldDef[id]+newDef[id]+closed[id]+opened[id] == 0 {
			continue
		}
		out = append(out, DeficitCount{ID: id, Title: titles[id], OldSchools: oldDef[id], NewSchools: newDef[id], Closed: closed[id], New: opened[id]})
	}
	return out
}

// faller says why a matched school fell a level.
func faller(l lang.Lang, titles map[string]string, sc *SchoolChange) Faller {
	f := Faller{School: sc.School, From: sc.Total.Old.Level, To: sc.Total.New.Level, Steps: *sc.Total.LevelChange, Reasons: []string{}}
	if len(sc.CriticalNew) > 0 {
		var names []string
		for _, id := range sc.CriticalNew {
			names = append(names, id+" «"+titles[id]+"»")
		}
		f.Reasons = append(f.Reasons, l.T("не выполнены критические показатели: %s", strings.Join(names, "; ")))
	}
	var fell []string
	for _, c := range sc.Components {
		if c.LevelChange != nil && *c.LevelChange < 0 {
			fell = append(fell, "«"+c.Title+"»")
		}
	}
	if len(fell) > 0 {
		f.Reasons = append(f.Reasons, l.T("понизился уровень компонентов: %s", strings.Join(fell, ", ")))
	}
	if d := sc.Total.New.Points - sc.Total.Old.Points; d < 0 {
		f.Reasons = append(f.Reasons, l.T("баллов стало меньше: %d → %d", sc.Total.Old.Points, sc.Total.New.Points))
	}
	if sc.Total.New.Max != sc.Total.Old.Max {
		f.Reasons = append(f.Reasons, l.T("изменился максимум (модель или профиль школы): %d → %d", sc.Total.Old.Max, sc.Total.New.Max))
	}
	if len(sc.DeficitsNew) > 0 {
		f.Reasons = append(f.Reasons, l.T("новых дефицитов: %d", len(sc.DeficitsNew)))
	}
	return f
}

// sameMax compares two maxima; 0 is unknown (a previous run in which the
// indicator applied to no school shows no maximum).
func sameMax(a, b int) bool { return a == b || a == 0 || b == 0 }

// ForReport is the school's change as its report shows it, or nil for a
// school on one side only.
func (sc *SchoolChange) ForReport(previous string, titles Titles) *report.Change {
	if sc.Match != MatchBoth {
		return nil
	}
	named := func(ids []string) []report.ChangedIndicator {
		out := make([]report.ChangedIndicator, len(ids))
		for i, id := range ids {
			out[i] = report.ChangedIndicator{ID: id, Text: titles.Indicators[id]}
		}
		return out
	}
	ch := &report.Change{Previous: previous, Old: *titles.changeTally(sc.Total.Old, true), New: *titles.changeTally(sc.Total.New, false),
		Closed: named(sc.DeficitsClosed), Persisting: named(sc.DeficitsPersisting), Opened: named(sc.DeficitsNew),
		CriticalFixed: named(sc.CriticalFixed), CriticalNew: named(sc.CriticalNew)}
	if sc.Total.LevelChange != nil {
		ch.LevelChange = *sc.Total.LevelChange
	}
	for _, c := range sc.Components {
		cc := report.ComponentChange{Title: c.Title, Old: titles.changeTally(c.Old, true), New: titles.changeTally(c.New, false)}
		if c.LevelChange != nil {
			cc.LevelChange = *c.LevelChange
		}
		ch.Components = append(ch.Components, cc)
	}
	if sc.PlanReached != nil && sc.old != nil {
		ch.PlanTarget, ch.PlanReached = titles.level(false, sc.old.PlanTarget), *sc.PlanReached
	}
	return ch
}

// ForNote is the district's change as the analytical note shows it.
func (rep *Report) ForNote(previous string, titles Titles) *report.DistrictChange {
	d := rep.District
	n := &report.DistrictChange{Previous: previous, Up: d.Moved.Up, Same: d.Moved.Same, Down: d.Moved.Down}
	for _, sc := range rep.Schools {
		switch sc.Match {
		case MatchBoth:
			n.Matched++
		case MatchOnlyOld:
			n.OnlyOld++
		default:
			n.OnlyNew++
		}
	}
	for _, t := range d.Transitions {
		n.Transitions = append(n.Transitions, report.Transition{From: titles.level(true, t.From), To: titles.level(false, t.To), Schools: t.Schools})
	}
	for _, c := range append([]ComponentMeans{d.Total}, d.Components...) {
		n.Means = append(n.Means, report.MeanChange{Title: c.Title, Old: meanText(titles.L, c.Old), New: meanText(titles.L, c.New)})
	}
	named := func(x DeficitCount) string { return x.ID + " «" + cmp.Or(x.Title, titles.Indicators[x.ID]) + "»" }
	for _, x := range topDeficits(d.Deficits, func(x DeficitCount) int { return x.Closed }) {
		n.Closed = append(n.Closed, report.DeficitChange{Indicator: named(x), Schools: x.Closed})
	}
	for _, x := range topDeficits(d.Deficits, func(x DeficitCount) int { return x.New }) {
		n.Opened = append(n.Opened, report.DeficitChange{Indicator: named(x), Schools: x.New})
	}
	for _, f := range d.Fallers {
		n.Fallers = append(n.Fallers, report.FallerChange{School: f.School.TitleIn(titles), From: titles.level(true, f.From),
			To: titles.level(false, f.To), Reasons: strings.Join(f.Reasons, "; ")})
	}
	return n
}
