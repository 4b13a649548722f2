package model

import (
	"bytes"
	"encoding/json"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Doc is the resolved model as written by `selfdiag model show --format json|yaml`
// (schema "selfdiag.model/v1"). It is the documented, stable form of a model.
type Doc struct {
	Schema     string         `json:"schema" yaml:"schema"`
	ID         string         `json:"id" yaml:"id"`
	Version    string         `json:"version" yaml:"version"`
	Title      string         `json:"title" yaml:"title"`
	Source     string         `json:"source" yaml:"source"`
	Levels     []LevelDoc     `json:"levels" yaml:"levels"`
	Kinds      []KindDoc      `json:"kinds,omitempty" yaml:"kinds,omitempty"` // declared kinds of components
	Components []ComponentDoc `json:"components" yaml:"components"`
	Thresholds ThresholdsDoc  `json:"thresholds" yaml:"thresholds"`
	// CriticalRule is the first of CriticalRules, as before lists were
	// possible; none in a model without critical indicators.
	CriticalRule  *CriticalDoc  `json:"critical_rule,omitempty" yaml:"critical_rule,omitempty"`
	CriticalRules []CriticalDoc `json:"critical_rules" yaml:"critical_rules"`
	// Overall is the overall rule when it is not the sum (see
	// OverallMean, OverallMinLevel).
	Overall string `json:"overall,omitempty" yaml:"overall,omitempty"`
	// Language is the model's language when it is not Russian.
	Language string `json:"language,omitempty" yaml:"language,omitempty"`
	// Respondent is the respondent the model declares.
	Respondent *RespondentDoc `json:"respondent,omitempty" yaml:"respondent,omitempty"`
	// Words are the model's names for its documents, when it declares
	// any.
	Words *WordsDoc `json:"words,omitempty" yaml:"words,omitempty"`
}

// WordsDoc are the model's words for its documents (Words).
type WordsDoc struct {
	Report        string `json:"report,omitempty" yaml:"report,omitempty"`
	Results       string `json:"results,omitempty" yaml:"results,omitempty"`
	Deficits      string `json:"deficits,omitempty" yaml:"deficits,omitempty"`
	Measures      string `json:"measures,omitempty" yaml:"measures,omitempty"`
	MeasuresIntro string `json:"measures_intro,omitempty" yaml:"measures_intro,omitempty"`
	Note          string `json:"note,omitempty" yaml:"note,omitempty"`
}

// wordsDoc is nil for a model that declares no words.
func (m *Model) wordsDoc() *WordsDoc {
	if m.Words == (Words{}) {
		return nil
	}
	d := WordsDoc(m.Words)
	return &d
}

// LevelDoc is a level in Doc.
type LevelDoc struct {
	ID    string `json:"id" yaml:"id"`
	Title string `json:"title" yaml:"title"`
	Short string `json:"short,omitempty" yaml:"short,omitempty"`
	Color string `json:"color,omitempty" yaml:"color,omitempty"`
}

// KindDoc is a kind of components the model declares.
type KindDoc struct {
	ID     string `json:"id" yaml:"id"`
	Title  string `json:"title" yaml:"title"`
	Plural string `json:"plural" yaml:"plural"`
}

// ComponentDoc is a component in Doc. Max is the sum of its indicators'
// maxima when all of them apply (a school's own maximum may be lower).
type ComponentDoc struct {
	ID         string         `json:"id" yaml:"id"`
	Title      string         `json:"title" yaml:"title"`
	Kind       string         `json:"kind" yaml:"kind"`
	Order      int            `json:"order" yaml:"order"`
	Weight     *float64       `json:"weight,omitempty" yaml:"weight,omitempty"` // unless 1
	Max        int            `json:"max" yaml:"max"`
	Indicators []IndicatorDoc `json:"indicators" yaml:"indicators"`
}

// IndicatorDoc is an indicator in Doc. Kind is "choice" (Options) or
// "number" (Unit, Bands).
type IndicatorDoc struct {
	ID        string   `json:"id" yaml:"id"`
	Aliases   []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	Order     int      `json:"order,omitempty" yaml:"order,omitempty"`
	Weight    *float64 `json:"weight,omitempty" yaml:"weight,omitempty"` // unless 1
	Title     string   `json:"title" yaml:"title"`
	Component string   `json:"component" yaml:"component"`
	Kind      string   `json:"kind" yaml:"kind"`
	Critical  bool     `json:"critical" yaml:"critical"`
	// FailsBelow and CriticalRules: see CriticalDoc; only for a critical
	// indicator, rules only when it has its own.
	FailsBelow    int           `json:"fails_below,omitempty" yaml:"fails_below,omitempty"`
	CriticalRules []CriticalDoc `json:"critical_rules,omitempty" yaml:"critical_rules,omitempty"`
	Applies       AppliesDoc    `json:"applies" yaml:"applies"`
	Options       []OptionDoc   `json:"options,omitempty" yaml:"options,omitempty"`
	Select        string        `json:"select,omitempty" yaml:"select,omitempty"` // multiple: several options, points summed up to max
	Number        *NumberDoc    `json:"number,omitempty" yaml:"number,omitempty"`
	Bands         []BandDoc     `json:"bands,omitempty" yaml:"bands,omitempty"`
	Max           int           `json:"max" yaml:"max"`
	Measures      []string      `json:"measures,omitempty" yaml:"measures,omitempty"`
}

// AppliesDoc is an applicability condition as model files write it: for
// each attribute its values («programs: [ООО, СОО]», «ovz: true»), how
// they match («programs_match: all») and the values excluded
// («not_programs: [НОО]»), in the attributes' order; empty means any.
type AppliesDoc []AppliesKey

// AppliesKey is one key of a condition: Value is a []string, a string or
// a bool.
type AppliesKey struct {
	Key   string
	Value any
}

// MarshalJSON writes the condition as an object, keys in order.
func (d AppliesDoc) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range d {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.Key)
		v, err := json.Marshal(kv.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalYAML writes the condition as a mapping, keys in order.
func (d AppliesDoc) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, kv := range d {
		var v yaml.Node
		if err := v.Encode(kv.Value); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: kv.Key}, &v)
	}
	return n, nil
}

// RespondentDoc is the respondent a model declares.
type RespondentDoc struct {
	One        string         `json:"one" yaml:"one"`
	Few        string         `json:"few,omitempty" yaml:"few,omitempty"`
	Many       string         `json:"many" yaml:"many"`
	Name       FieldDoc       `json:"name" yaml:"name"`
	Code       FieldDoc       `json:"code" yaml:"code"`
	Groups     []FieldDoc     `json:"groups,omitempty" yaml:"groups,omitempty"`
	Attributes []AttributeDoc `json:"attributes,omitempty" yaml:"attributes,omitempty"`
}

// FieldDoc is a respondent's field.
type FieldDoc struct {
	ID      string   `json:"id,omitempty" yaml:"id,omitempty"`
	Title   string   `json:"title" yaml:"title"`
	Aliases []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
}

// AttributeDoc is a respondent's attribute.
type AttributeDoc struct {
	ID       string     `json:"id" yaml:"id"`
	Title    string     `json:"title" yaml:"title"`
	Short    string     `json:"short,omitempty" yaml:"short,omitempty"`
	Aliases  []string   `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	Values   []ValueDoc `json:"values,omitempty" yaml:"values,omitempty"`
	Multiple bool       `json:"multiple,omitempty" yaml:"multiple,omitempty"`
	Default  []string   `json:"default,omitempty" yaml:"default,omitempty"`
	Yes      string     `json:"yes,omitempty" yaml:"yes,omitempty"`
	No       string     `json:"no,omitempty" yaml:"no,omitempty"`
}

// ValueDoc is a value of an attribute.
type ValueDoc struct {
	ID      string   `json:"id" yaml:"id"`
	Title   string   `json:"title,omitempty" yaml:"title,omitempty"`
	Aliases []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
}

// respondentDoc is the respondent the model declares, nil when it
// declares none.
func (m *Model) respondentDoc() *RespondentDoc {
	if !m.respondentDeclared {
		return nil
	}
	r := m.Respondent
	d := &RespondentDoc{One: r.One, Many: r.Many, Name: FieldDoc{Title: r.Name.Title, Aliases: r.Name.Aliases},
		Code: FieldDoc{Title: r.Code.Title, Aliases: r.Code.Aliases}}
	if r.Few != r.Many {
		d.Few = r.Few
	}
	for _, g := range r.Groups {
		d.Groups = append(d.Groups, FieldDoc(g))
	}
	for _, a := range r.Attributes {
		ad := AttributeDoc{ID: a.ID, Title: a.Title, Short: a.Short, Aliases: a.Aliases, Multiple: a.Multiple, Default: a.Default}
		if a.IsYesNo() {
			ad.Yes, ad.No = a.Yes, a.No
		}
		for _, v := range a.Values {
			ad.Values = append(ad.Values, ValueDoc(v))
		}
		d.Attributes = append(d.Attributes, ad)
	}
	return d
}

// OptionDoc is an answer option.
type OptionDoc struct {
	Text          string   `json:"text" yaml:"text"`
	Points        int      `json:"points" yaml:"points"`
	Aliases       []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	NotApplicable bool     `json:"not_applicable,omitempty" yaml:"not_applicable,omitempty"`
}

// NumberDoc describes a numeric answer.
type NumberDoc struct {
	Unit    string   `json:"unit" yaml:"unit"`
	Min     *float64 `json:"min,omitempty" yaml:"min,omitempty"`
	Max     *float64 `json:"max,omitempty" yaml:"max,omitempty"`
	Integer bool     `json:"integer" yaml:"integer"`
	// NotApplicable are the words that answer «does not apply».
	NotApplicable []string `json:"not_applicable,omitempty" yaml:"not_applicable,omitempty"`
}

// BandDoc is a numeric band: Min inclusive unless MinExclusive, Max exclusive unless
// MaxInclusive, no Max meaning up to the number's maximum.
type BandDoc struct {
	Min          float64  `json:"min" yaml:"min"`
	MinExclusive bool     `json:"min_exclusive,omitempty" yaml:"min_exclusive,omitempty"`
	Max          *float64 `json:"max,omitempty" yaml:"max,omitempty"`
	MaxInclusive bool     `json:"max_inclusive,omitempty" yaml:"max_inclusive,omitempty"`
	Points       int      `json:"points" yaml:"points"`
}

// ThresholdsDoc mirrors the thresholds section of model.yaml.
type ThresholdsDoc struct {
	Default    SetDoc            `json:"default" yaml:"default"`
	Overall    *SetDoc           `json:"overall,omitempty" yaml:"overall,omitempty"`
	Components map[string]SetDoc `json:"components,omitempty" yaml:"components,omitempty"`
	Variants   []VariantDoc      `json:"variants,omitempty" yaml:"variants,omitempty"`
}

// SetDoc is a threshold set: the unit ("percent" or "points") and the value
// for every level but the lowest.
type SetDoc struct {
	Unit   string             `json:"unit" yaml:"unit"`
	Values map[string]float64 `json:"values" yaml:"values"`
}

// VariantDoc is a threshold variant for schools of a profile.
type VariantDoc struct {
	ID         string            `json:"id,omitempty" yaml:"id,omitempty"`
	When       AppliesDoc        `json:"when" yaml:"when"`
	Default    *SetDoc           `json:"default,omitempty" yaml:"default,omitempty"`
	Overall    *SetDoc           `json:"overall,omitempty" yaml:"overall,omitempty"`
	Components map[string]SetDoc `json:"components,omitempty" yaml:"components,omitempty"`
}

// CriticalDoc is the critical rule.
type CriticalDoc struct {
	Action string `json:"action" yaml:"action"`
	Level  string `json:"level" yaml:"level"`
	Scope  string `json:"scope" yaml:"scope"`
}

// Doc returns the documented form of the model.
func (m *Model) Doc() Doc {
	d := Doc{Schema: Schema, ID: m.ID, Version: m.Version, Title: m.Title, Source: m.Source}
	if m.Overall != OverallSum {
		d.Overall = m.Overall
	}
	if m.Language != LangRU {
		d.Language = m.Language
	}
	for _, l := range m.Levels {
		d.Levels = append(d.Levels, LevelDoc(l))
	}
	d.Kinds = m.kindDocs()
	d.Respondent = m.respondentDoc()
	d.Words = m.wordsDoc()
	for _, c := range m.Components {
		cd := ComponentDoc{ID: c.ID, Title: c.Title, Kind: c.Kind, Order: c.Order, Weight: weightDoc(c.Weight), Indicators: []IndicatorDoc{}}
		for _, ind := range c.Indicators {
			cd.Max += ind.Max
			cd.Indicators = append(cd.Indicators, m.indicatorDoc(ind))
		}
		d.Components = append(d.Components, cd)
	}
	d.Thresholds = ThresholdsDoc{Default: m.setDoc(m.Thresholds.Default), Overall: m.setDocPtr(m.Thresholds.Overall),
		Components: m.setDocs(m.Thresholds.Components)}
	for _, v := range m.Thresholds.Variants {
		d.Thresholds.Variants = append(d.Thresholds.Variants, VariantDoc{ID: v.ID, When: appliesDoc(v.When),
			Default: m.setDocPtr(v.Default), Overall: m.setDocPtr(v.Overall), Components: m.setDocs(v.Components)})
	}
	d.CriticalRules = m.ruleDocs(m.CriticalRules)
	if d.CriticalRules == nil {
		d.CriticalRules = []CriticalDoc{} // [] in JSON, not null
	}
	if len(d.CriticalRules) > 0 {
		d.CriticalRule = &d.CriticalRules[0]
	}
	return d
}

func (m *Model) ruleDocs(rules []CriticalRule) []CriticalDoc {
	if rules == nil {
		return nil
	}
	out := make([]CriticalDoc, 0, len(rules))
	for _, r := range rules {
		out = append(out, CriticalDoc{Action: r.Action, Level: m.Levels[r.Level].ID, Scope: r.Scope})
	}
	return out
}

func (m *Model) indicatorDoc(ind *Indicator) IndicatorDoc {
	d := IndicatorDoc{ID: ind.ID, Aliases: ind.Aliases, Order: ind.Order, Weight: weightDoc(ind.Weight), Title: ind.Text, Component: ind.Component, Kind: "choice", Critical: ind.Critical,
		Applies: appliesDoc(ind.Applies), Max: ind.Max, Measures: ind.Measures}
	if ind.Critical {
		d.FailsBelow, d.CriticalRules = ind.FailsBelow, m.ruleDocs(ind.Rules)
	}
	for _, o := range ind.Options {
		d.Options = append(d.Options, OptionDoc(o))
	}
	if ind.Multiple {
		d.Select = SelectMultiple
	}
	if ind.Number != nil {
		d.Kind = "number"
		d.Number = &NumberDoc{Unit: ind.Number.Unit, Min: ind.Number.Min, Max: ind.Number.Max, Integer: ind.Number.Integer, NotApplicable: ind.Number.NotApplicable}
		for _, b := range ind.Bands {
			d.Bands = append(d.Bands, BandDoc(b))
		}
	}
	return d
}

func appliesDoc(a Applicability) AppliesDoc {
	d := AppliesDoc{}
	for _, c := range a.Conds {
		id := c.Attr.ID
		if c.Attr.IsYesNo() {
			d = append(d, AppliesKey{id, slices.Contains(c.Values, Yes)})
			continue
		}
		if len(c.Values) > 0 {
			d = append(d, AppliesKey{id, c.Values})
		}
		if c.Match != "" {
			d = append(d, AppliesKey{id + "_match", c.Match})
		}
		if len(c.Not) > 0 {
			d = append(d, AppliesKey{"not_" + id, c.Not})
		}
	}
	return d
}

func (m *Model) setDoc(s ThresholdSet) SetDoc {
	d := SetDoc{Unit: s.Unit, Values: map[string]float64{}}
	for i := 1; i < len(s.Values); i++ {
		d.Values[m.Levels[i].ID] = s.Values[i].Float()
	}
	return d
}

func (m *Model) setDocPtr(s *ThresholdSet) *SetDoc {
	if s == nil {
		return nil
	}
	d := m.setDoc(*s)
	return &d
}

func (m *Model) setDocs(sets map[string]ThresholdSet) map[string]SetDoc {
	if len(sets) == 0 {
		return nil
	}
	out := make(map[string]SetDoc, len(sets))
	for id, s := range sets {
		out[id] = m.setDoc(s)
	}
	return out
}

// weightDoc is a weight for Doc, nil for 1.
func weightDoc(w Rational) *float64 {
	if w.IsOne() {
		return nil
	}
	f := w.Float()
	return &f
}

// kindDocs are the kinds the model declares; none for the school's.
func (m *Model) kindDocs() []KindDoc {
	if m.SchoolKinded() {
		return nil
	}
	out := make([]KindDoc, len(m.Kinds))
	for i, k := range m.Kinds {
		out[i] = KindDoc(k)
	}
	return out
}
