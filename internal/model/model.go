// Package model holds the indicator model of the self-diagnosis: components,
// indicators, answer options and numeric bands, level thresholds and the
// critical rule. Everything that bears a rule is data loaded from YAML.
package model

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Schema is the value of the "schema" key of a model's model.yaml and of the
// JSON written by `selfdiag model show`.
const Schema = "selfdiag.model/v1"

// Component kinds of the school model, the kinds a model has unless it
// declares its own («kinds»).
const (
	KindDirection = "direction" // магистральное направление
	KindCondition = "condition" // ключевое условие
)

// Kind is a kind of component: its id, and its name in the model's
// language, one and many («area», «areas»).
type Kind struct {
	ID, Title, Plural string
}

// SchoolKinds are the kinds of a model that declares none: the school
// self-diagnosis's magistral directions and key conditions.
var SchoolKinds = []Kind{
	{ID: KindDirection, Title: "магистральное направление", Plural: "магистральные направления"},
	{ID: KindCondition, Title: "ключевое условие", Plural: "ключевые условия"},
}

// MaxLevels bounds a model's levels: the documents' palette (and its
// hatching, for print) tells apart seven (chart.ShadeIndex).
const MaxLevels = 7

// Words are a model's names for its documents and their sections, in
// its language: «Piano di miglioramento» where the school's report says
// «План мероприятий по устранению дефицитов». Each is "" unless the model
// declares it; the documents then use their own.
type Words struct {
	// Report titles a respondent's report (its name follows: «Report:
	// Hillcrest»); Results, Deficits and Measures head its sections of
	// results, deficits and the measures table; MeasuresIntro is the
	// sentence before that table.
	Report, Results, Deficits, Measures, MeasuresIntro string
	// Note titles the district's analytical note.
	Note string
}

// WordKeys are the keys of «words», in order, each with its field.
var WordKeys = []struct {
	Key   string
	Field func(*Words) *string
}{
	{"report", func(w *Words) *string { return &w.Report }},
	{"results", func(w *Words) *string { return &w.Results }},
	{"deficits", func(w *Words) *string { return &w.Deficits }},
	{"measures", func(w *Words) *string { return &w.Measures }},
	{"measures_intro", func(w *Words) *string { return &w.MeasuresIntro }},
	{"note", func(w *Words) *string { return &w.Note }},
}

// KindOf is the kind with the given id (the zero Kind when there is none).
func (m *Model) KindOf(id string) Kind {
	for _, k := range m.Kinds {
		if k.ID == id {
			return k
		}
	}
	return Kind{}
}

// Heading names a component with its kind, as templates and listings
// head its indicators: «Магистральное направление «Знание»», «Area
// «Standard»».
func (m *Model) Heading(c *Component) string {
	kind := []rune(m.KindOf(c.Kind).Title)
	if len(kind) > 0 {
		kind[0] = unicode.ToUpper(kind[0])
	}
	return string(kind) + " «" + c.Title + "»"
}

// SchoolKinded says the model's components are of the school kinds (it
// declares none of its own).
func (m *Model) SchoolKinded() bool { return !m.kindsDeclared }

// Model is a loaded and validated indicator model. It is read-only after Load
// and safe to share between goroutines.
type Model struct {
	ID      string
	Version string
	Title   string
	Source  string
	// Hash is the start of the SHA-256 of the model's files (HashLen hex
	// digits): printed with the id and version, it shows a swapped model.
	Hash string
	// Embedded is the reconstruction built into the program, not a
	// region's model.
	Embedded bool

	Levels     []Level      // low to high
	Kinds      []Kind       // of components: declared, else SchoolKinds
	Components []*Component // by order
	Indicators []*Indicator // model order: by component, then as listed
	Thresholds Thresholds
	// CriticalRules say what a failed critical indicator does to levels,
	// unless the indicator has rules of its own.
	CriticalRules []CriticalRule
	// Overall is how the overall level is found: OverallSum (the
	// default), OverallMean or OverallMinLevel.
	Overall string
	// Language is the model's language (LangRU, LangEN, LangIT): its
	// spreadsheet form is written in it.
	Language string

	// Respondent is who answers: its names, identity and grouping
	// fields, attributes.
	Respondent Respondent
	// Words are the names the model gives its documents and their
	// sections («words»); each "" that it leaves to the program.
	Words Words

	kindsDeclared      bool
	respondentDeclared bool
	indicatorByID      map[string]*Indicator
	idByAlias          map[string]string // idKey of an id or alias -> id
	indexByID          map[string]int
	componentByID      map[string]*Component
}

// Level is one level of the self-diagnosis, e.g. {base, «базовый», «б»}.
type Level struct {
	ID    string
	Title string
	// Short is the level's abbreviation for tight cells (a heat map's):
	// the model's «short», else ShortTitle's.
	Short string
	// Color is the level's fill in the documents, «#RRGGBB» (upper
	// case), or "" for the program's palette (chart.LevelFill).
	Color string
}

// LevelColors are the levels' declared colours, "" where none is.
func LevelColors(levels []Level) []string {
	out := make([]string, len(levels))
	for i, l := range levels {
		out[i] = l.Color
	}
	return out
}

// LevelShorts are the levels' abbreviations: the model's «short» where
// given, else the initials of the title («ниже базового» → «н/б») when
// they are short and tell the levels apart, else the level's number.
func LevelShorts(levels []Level) []string {
	out := make([]string, len(levels))
	seen := map[string]bool{}
	initials := true
	for i, l := range levels {
		if l.Short != "" {
			out[i] = l.Short
			continue
		}
		var parts []string
		for _, w := range strings.Fields(l.Title) {
			parts = append(parts, string([]rune(w)[:1]))
		}
		out[i] = strings.Join(parts, "/")
		if len(parts) > 2 || seen[out[i]] {
			initials = false
		}
		seen[out[i]] = true
	}
	if !initials {
		for i, l := range levels {
			if l.Short == "" {
				out[i] = strconv.Itoa(i + 1)
			}
		}
	}
	return out
}

// Component is a magistral direction or a key condition.
type Component struct {
	ID         string
	Title      string
	Kind       string // a Kind's id
	Order      int
	Weight     Rational // 1 unless the model weighs it
	Indicators []*Indicator
}

// The values of a model's «overall»: how the overall level is found.
const (
	// OverallSum: from the sum of every applicable indicator's points
	// (weighted, when the model weighs) against the overall thresholds.
	OverallSum = "sum"
	// OverallMean: from the mean of the components' percents (weighted
	// by the components' weights) against the overall thresholds, which
	// are then in percent.
	OverallMean = "mean_of_components"
	// OverallMinLevel: the lowest level of the components that have an
	// applicable indicator; the critical rules on the overall level act
	// after it.
	OverallMinLevel = "min_component_level"
)

// Indicator is one показатель. Exactly one of Options and Bands is set.
type Indicator struct {
	// ID is the official number («7», «2.1») or any id without spaces
	// («ID.AM-1», «A.5.1»).
	ID string
	// Aliases are other ids answer files may give the indicator.
	Aliases   []string
	Component string
	Text      string
	// Order places the indicator within its component (its place in the
	// file unless the model gives «order»).
	Order int
	// Weight multiplies its points in the weighted totals levels come
	// from (1 unless the model weighs it).
	Weight   Rational
	Critical bool
	// FailsBelow is the points below which a critical indicator fails
	// (1: it fails at 0 points).
	FailsBelow int
	// Rules are the indicator's own critical rules; nil: the model's.
	Rules []CriticalRule
	// Measures are typical management decisions for a deficit of this
	// indicator, as the model gives them, for development programmes.
	Measures []string
	Applies  Applicability
	Options  []Option
	// Multiple: several options may be chosen at once (select: multiple);
	// their points are summed, up to Max.
	Multiple bool
	Number   *NumberSpec
	Bands    []Band
	Max      int    // the best points an answer can earn
	best     string // Best(), computed at load

	index          int // position in Model.Indicators
	componentIndex int // position of its component in Model.Components

	match map[string]int // normalised option text or alias -> option index
}

// Option is one allowed answer of a choice indicator.
type Option struct {
	Text    string
	Points  int
	Aliases []string
	// NotApplicable: the answer says the indicator does not apply
	// («не применимо»): it leaves the maximum, is neither missing nor a
	// deficit.
	NotApplicable bool
}

// NumberSpec describes the number a numeric indicator takes.
type NumberSpec struct {
	Unit    string   // "%", "шт."
	Min     *float64 // smallest allowed value, inclusive
	Max     *float64 // largest allowed value, inclusive
	Integer bool     // only whole numbers
	// NotApplicable are the words that answer «does not apply» instead
	// of a number («нет выпускников»): the indicator then leaves the
	// maximum, as an option marked not_applicable does.
	NotApplicable []string
	// lang is the model's language: a band's label is written in it.
	lang lang.Lang
}

// Band maps numbers from Min (inclusive unless MinExclusive) to Max
// (exclusive unless MaxInclusive; open when nil, i.e. up to the number's
// maximum) to points: «≤ 2 → 3, > 2 → 2» is {0, 2, inclusive} and
// {2, exclusive, …}.
type Band struct {
	Min          float64
	MinExclusive bool
	Max          *float64
	MaxInclusive bool
	Points       int
}

// Contains reports whether v falls into the band.
func (b Band) Contains(v float64) bool {
	if v < b.Min || (b.MinExclusive && v == b.Min) {
		return false
	}
	if b.Max == nil {
		return true
	}
	if b.MaxInclusive {
		return v <= *b.Max
	}
	return v < *b.Max
}

// Label is a short human description of the band within its number's
// range, e.g. "от 30 до 50 %" or "100 %".
func (b Band) Label(spec *NumberSpec) string {
	if spec != nil {
		return b.LabelIn(spec, spec.lang)
	}
	return b.LabelIn(spec, lang.RU)
}

// LabelIn is Label in a language.
func (b Band) LabelIn(spec *NumberSpec, l lang.Lang) string {
	hi, inclusive := b.Max, b.MaxInclusive
	unit := ""
	if spec != nil {
		unit = spec.Unit
		if hi == nil && spec.Max != nil {
			hi, inclusive = spec.Max, true
		}
	}
	if unit != "" {
		unit = " " + unit
	}
	lo := l.Number(b.Min)
	switch {
	case b.MinExclusive && hi == nil:
		return l.T("больше %s%s", lo, unit)
	case b.MinExclusive && inclusive:
		return l.T("больше %s и до %s%s включительно", lo, l.Number(*hi), unit)
	case b.MinExclusive:
		return l.T("больше %s и меньше %s%s", lo, l.Number(*hi), unit)
	case hi == nil:
		return l.T("от %s%s", lo, unit)
	case inclusive && *hi == b.Min:
		return lo + unit
	case inclusive:
		return l.T("от %s до %s%s включительно", lo, l.Number(*hi), unit)
	default:
		// The upper bound belongs to the next band: said, so that the
		// label is not read as including it.
		return l.T("от %s до %s%s, не включая %s", lo, l.Number(*hi), unit, l.Number(*hi))
	}
}

// FormatNumber prints a number the Russian way: no trailing zeros, decimal comma.
func FormatNumber(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// FormatPercent prints a percentage with one decimal and a decimal comma: "72,1".
func FormatPercent(p float64) string {
	return strings.Replace(strconv.FormatFloat(p, 'f', 1, 64), ".", ",", 1)
}

// IsNumeric reports whether the indicator takes a number mapped by bands.
func (ind *Indicator) IsNumeric() bool { return ind.Number != nil }

// MatchOption finds the option whose text or alias equals the answer after
// normalisation. It never matches by position.
func (ind *Indicator) MatchOption(answer string) (int, bool) {
	// The keys are normal forms, and a normal form normalises to itself:
	// an answer written exactly as a key is that key's answer, without
	// normalising it (most answers are «да», «нет» as the model has them).
	if i, ok := ind.match[answer]; ok {
		return i, true
	}
	i, ok := ind.match[textnorm.Normalize(answer)]
	return i, ok
}

// BandFor finds the band holding v. ok is false when v is outside every band.
func (ind *Indicator) BandFor(v float64) (int, bool) {
	for i, b := range ind.Bands {
		if b.Contains(v) {
			return i, true
		}
	}
	return -1, false
}

// AllowedAnswers describes what the indicator accepts, for error messages:
// «нет», «есть» or "число, %, от 0 до 100".
func (ind *Indicator) AllowedAnswers() string { return ind.AllowedIn(lang.RU) }

// AllowedIn is AllowedAnswers in a language (templates speak the model's).
func (ind *Indicator) AllowedIn(l lang.Lang) string {
	if ind.IsNumeric() {
		var b strings.Builder
		if ind.Number.Integer {
			b.WriteString(l.T("целое число"))
		} else {
			b.WriteString(l.T("число"))
		}
		if ind.Number.Unit != "" {
			b.WriteString(" (" + ind.Number.Unit + ")")
		}
		if ind.Number.Min != nil {
			b.WriteString(l.T(" от %s", l.Number(*ind.Number.Min)))
		}
		if ind.Number.Max != nil {
			b.WriteString(l.T(" до %s", l.Number(*ind.Number.Max)))
		}
		for _, w := range ind.Number.NotApplicable {
			b.WriteString(l.T(" или «%s»", w))
		}
		return b.String()
	}
	parts := make([]string, 0, len(ind.Options))
	for _, o := range ind.Options {
		parts = append(parts, "«"+o.Text+"»")
	}
	if ind.Multiple {
		return strings.Join(parts, ", ") + l.T(" — один или несколько через «;»")
	}
	return strings.Join(parts, ", ")
}

// Best describes the answer that earns the maximum: the best option's text,
// or the band giving Max points.
func (ind *Indicator) Best() string { return ind.best }

func (ind *Indicator) computeBest() string {
	if ind.IsNumeric() {
		for _, b := range ind.Bands {
			if b.Points == ind.Max {
				return b.Label(ind.Number)
			}
		}
		return ""
	}
	if ind.Multiple {
		text, _ := ind.OptionsFor(ind.Max)
		return text
	}
	for _, o := range ind.Options {
		if o.Points == ind.Max {
			return o.Text
		}
	}
	return ""
}

// OptionsSum is the points of all the options together.
func (ind *Indicator) OptionsSum() int {
	sum := 0
	for _, o := range ind.Options {
		sum += o.Points
	}
	return sum
}

// OptionsFor names the fewest options of a multiple choice that together
// earn at least want points (capped at Max), the highest first, joined
// with «; » as an answer lists them, and the points they earn.
func (ind *Indicator) OptionsFor(want int) (string, int) {
	byPoints := slices.Clone(ind.Options)
	slices.SortStableFunc(byPoints, func(a, b Option) int { return b.Points - a.Points })
	var names []string
	sum := 0
	for _, o := range byPoints {
		if min(sum, ind.Max) >= min(want, ind.Max) || o.Points == 0 {
			break
		}
		names = append(names, o.Text)
		sum += o.Points
	}
	return strings.Join(names, "; "), min(sum, ind.Max)
}

// Indicator returns the indicator with the given id.
func (m *Model) Indicator(id string) (*Indicator, bool) {
	ind, ok := m.indicatorByID[id]
	return ind, ok
}

// ResolveID finds the indicator an answer file names: by its id exactly,
// else by its id or an alias in any case («id.am-1» for «ID.AM-1»). It
// returns the model's id.
func (m *Model) ResolveID(written string) (string, bool) {
	if _, ok := m.indicatorByID[written]; ok {
		return written, true
	}
	id, ok := m.idByAlias[idKey(written)]
	return id, ok
}

// idKey is how ids and aliases are compared: case folded.
func idKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// IsNotApplicableWord says whether a numeric indicator's answer is one of
// its «does not apply» words.
func (ind *Indicator) IsNotApplicableWord(answer string) bool {
	if ind.Number == nil {
		return false
	}
	n := textnorm.Normalize(answer)
	return slices.ContainsFunc(ind.Number.NotApplicable, func(w string) bool { return textnorm.Normalize(w) == n })
}

// Weighted says whether any indicator or component has a weight other
// than 1: the levels then come from weighted totals.
func (m *Model) Weighted() bool {
	return slices.ContainsFunc(m.Components, func(c *Component) bool { return !c.Weight.IsOne() }) ||
		slices.ContainsFunc(m.Indicators, func(ind *Indicator) bool { return !ind.Weight.IsOne() })
}

// LevelsFromPoints says whether every level is found from plain sums of
// points against the thresholds — no weights, the overall rule a sum —
// so that «how many points a level needs» has a whole answer.
func (m *Model) LevelsFromPoints() bool { return !m.Weighted() && m.Overall == OverallSum }

// Index is the indicator's position in Model.Indicators.
func (ind *Indicator) Index() int { return ind.index }

// ComponentIndex is the position of the indicator's component in Model.Components.
func (ind *Indicator) ComponentIndex() int { return ind.componentIndex }

// IndicatorIndex returns the position of an indicator in Indicators, or -1.
func (m *Model) IndicatorIndex(id string) int {
	if i, ok := m.indexByID[id]; ok {
		return i
	}
	return -1
}

// Component returns the component with the given id.
func (m *Model) Component(id string) (*Component, bool) {
	c, ok := m.componentByID[id]
	return c, ok
}

// LevelIndex returns the position of a level id in Levels, or -1.
func (m *Model) LevelIndex(id string) int {
	return slices.IndexFunc(m.Levels, func(l Level) bool { return l.ID == id })
}

// UsesProfile reports whether anything in the model depends on a
// respondent's attributes: an indicator for some respondents only, or a
// threshold variant.
func (m *Model) UsesProfile() bool {
	for _, ind := range m.Indicators {
		if !ind.Applies.IsZero() {
			return true
		}
	}
	return len(m.Thresholds.Variants) > 0
}

// Lang is the language of the model's outputs.
func (m *Model) Lang() lang.Lang { return lang.Of(m.Language) }

// HasCritical says whether any indicator is critical: a model of another
// framework may have none, and then no critical rule either.
func (m *Model) HasCritical() bool {
	for _, ind := range m.Indicators {
		if ind.Critical {
			return true
		}
	}
	return false
}
