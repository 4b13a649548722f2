package model

import (
	"bytes"
	"fmt"
	"io"
	"math/big"
	"regexp"

	"go.yaml.in/yaml/v3"
)

// The out* types are a model folder's YAML as WriteFolder writes it: the
// format Load reads (README «Модель показателей»), keys in the documented
// order. Where the folder and the documented model (Doc) say the same
// thing — levels, applicability, options, numbers, bands, the critical
// rule — the Doc types serve both.

type outRoot struct {
	Schema       string         `yaml:"schema"`
	ID           string         `yaml:"id"`
	Version      string         `yaml:"version"`
	Title        string         `yaml:"title"`
	Source       string         `yaml:"source"`
	Levels       []LevelDoc     `yaml:"levels"`
	Kinds        []KindDoc      `yaml:"kinds,omitempty"`
	Components   []outComponent `yaml:"components"`
	Thresholds   outThresholds  `yaml:"thresholds"`
	CriticalRule any            `yaml:"critical_rule,omitempty"` // one CriticalDoc, or a list; none without critical indicators
	Overall      string         `yaml:"overall,omitempty"`       // unless sum
	Language     string         `yaml:"language,omitempty"`      // unless ru
	Respondent   *RespondentDoc `yaml:"respondent,omitempty"`    // when declared
	Words        *WordsDoc      `yaml:"words,omitempty"`         // when declared
}

type outComponent struct {
	ID     string `yaml:"id"`
	Title  string `yaml:"title"`
	Kind   string `yaml:"kind"`
	Order  int    `yaml:"order"`
	Weight string `yaml:"weight,omitempty"` // unless 1
}

type outThresholds struct {
	Default    *outSet           `yaml:"default,omitempty"`
	Overall    *outSet           `yaml:"overall,omitempty"`
	Components map[string]outSet `yaml:"components,omitempty"`
	Variants   []outVariant      `yaml:"variants,omitempty"`
}

// outSet keeps thresholds exact: «35», «33.5», «100/3».
type outSet struct {
	Percent levelValues `yaml:"percent,omitempty"`
	Points  levelValues `yaml:"points,omitempty"`
}

// levelValues are a threshold per level, written in the levels' order
// (a map would be written in alphabetical order: base, high, medium).
type levelValues [][2]string

func (v levelValues) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for _, kv := range v {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: kv[0]},
			&yaml.Node{Kind: yaml.ScalarNode, Value: kv[1], Style: yaml.DoubleQuotedStyle})
	}
	return n, nil
}

type outVariant struct {
	ID         string            `yaml:"id,omitempty"`
	When       AppliesDoc        `yaml:"when"`
	Default    *outSet           `yaml:"default,omitempty"`
	Overall    *outSet           `yaml:"overall,omitempty"`
	Components map[string]outSet `yaml:"components,omitempty"`
}

// outCritical is a critical indicator's «critical» when it is more than
// «true».
type outCritical struct {
	FailsBelow int           `yaml:"fails_below,omitempty"`
	Rules      []CriticalDoc `yaml:"rules,omitempty"`
}

type outFile struct {
	Component  string         `yaml:"component"`
	Indicators []outIndicator `yaml:"indicators"`
}

type outIndicator struct {
	ID       string      `yaml:"id"`
	Aliases  []string    `yaml:"aliases,omitempty"`
	Order    int         `yaml:"order,omitempty"`
	Weight   string      `yaml:"weight,omitempty"` // unless 1
	Text     string      `yaml:"text"`
	Critical any         `yaml:"critical,omitempty"` // true, or an outCritical
	Applies  *AppliesDoc `yaml:"applies,omitempty"`
	Options  []OptionDoc `yaml:"options,omitempty"`
	Select   string      `yaml:"select,omitempty"`
	Max      *int        `yaml:"max,omitempty"` // a multiple choice's cap, when below the options' sum
	Number   *NumberDoc  `yaml:"number,omitempty"`
	Bands    []BandDoc   `yaml:"bands,omitempty"`
	Measures []string    `yaml:"measures,omitempty"`
}

// WriteFolder writes the model as a model folder: model.yaml and one file
// per component, named by the component's id. write is called once per
// file with its name; loading the folder gives the same model.
func (m *Model) WriteFolder(write func(name string, fn func(io.Writer) error) error) error {
	root := outRoot{Schema: Schema, ID: m.ID, Version: m.Version, Title: m.Title, Source: m.Source}
	if m.Overall != OverallSum {
		root.Overall = m.Overall
	}
	if m.Language != LangRU {
		root.Language = m.Language
	}
	switch rules := m.ruleDocs(m.CriticalRules); len(rules) {
	case 0:
	case 1:
		root.CriticalRule = rules[0]
	default:
		root.CriticalRule = rules
	}
	for _, l := range m.Levels {
		root.Levels = append(root.Levels, LevelDoc(l))
	}
	root.Kinds = m.kindDocs()
	root.Respondent = m.respondentDoc()
	root.Words = m.wordsDoc()
	for _, c := range m.Components {
		root.Components = append(root.Components, outComponent{ID: c.ID, Title: c.Title, Kind: c.Kind, Order: c.Order, Weight: weightText(c.Weight)})
	}
	t := m.Thresholds
	root.Thresholds = outThresholds{Default: m.outSet(&t.Default), Overall: m.outSet(t.Overall), Components: m.outSets(t.Components)}
	for _, v := range t.Variants {
		root.Thresholds.Variants = append(root.Thresholds.Variants, outVariant{ID: v.ID, When: appliesDoc(v.When),
			Default: m.outSet(v.Default), Overall: m.outSet(v.Overall), Components: m.outSets(v.Components)})
	}
	if err := write(RootFile, yamlWriter("# "+m.Lang().T("Модель показателей: общие сведения, уровни, компоненты, пороги, правило критических показателей.")+"\n", root)); err != nil {
		return err
	}
	for ci, c := range m.Components {
		f := outFile{Component: c.ID}
		for _, ind := range c.Indicators {
			oi := outIndicator{ID: ind.ID, Aliases: ind.Aliases, Order: ind.Order, Weight: weightText(ind.Weight), Text: ind.Text, Measures: ind.Measures}
			switch {
			case ind.Critical && ind.FailsBelow == 1 && ind.Rules == nil:
				oi.Critical = true
			case ind.Critical:
				oi.Critical = outCritical{FailsBelow: ind.FailsBelow, Rules: m.ruleDocs(ind.Rules)}
			}
			if !ind.Applies.IsZero() {
				a := appliesDoc(ind.Applies)
				oi.Applies = &a
			}
			for _, o := range ind.Options {
				oi.Options = append(oi.Options, OptionDoc(o))
			}
			if ind.Multiple {
				oi.Select = SelectMultiple
				if ind.Max < ind.OptionsSum() {
					oi.Max = &ind.Max
				}
			}
			if n := ind.Number; n != nil {
				oi.Number = &NumberDoc{Unit: n.Unit, Min: n.Min, Max: n.Max, Integer: n.Integer, NotApplicable: n.NotApplicable}
			}
			for _, b := range ind.Bands {
				oi.Bands = append(oi.Bands, BandDoc(b))
			}
			f.Indicators = append(f.Indicators, oi)
		}
		if err := write(componentFile(ci, c.ID), yamlWriter("# "+m.Lang().T("Компонент «%s»: показатели.", c.Title)+"\n", f)); err != nil {
			return err
		}
	}
	return nil
}

// weightText is a weight for the files, "" for 1 (not written).
func weightText(w Rational) string {
	if w.IsOne() {
		return ""
	}
	return w.Decimal()
}

// componentFile names a component's file by its id when the id is a
// plain file name, else by its place: an id comes from a model file and
// must not lead the file anywhere else («../x»).
func componentFile(i int, id string) string {
	if plainName.MatchString(id) && id+".yaml" != RootFile {
		return id + ".yaml"
	}
	return fmt.Sprintf("component-%d.yaml", i+1)
}

var plainName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

func (m *Model) outSet(s *ThresholdSet) *outSet {
	if s == nil || len(s.Values) == 0 {
		return nil
	}
	var values levelValues
	for i := 1; i < len(s.Values) && i < len(m.Levels); i++ {
		values = append(values, [2]string{m.Levels[i].ID, s.Values[i].Decimal()})
	}
	if s.Unit == UnitPoints {
		return &outSet{Points: values}
	}
	return &outSet{Percent: values}
}

func (m *Model) outSets(sets map[string]ThresholdSet) map[string]outSet {
	if len(sets) == 0 {
		return nil
	}
	out := map[string]outSet{}
	for id, s := range sets {
		out[id] = *m.outSet(&s)
	}
	return out
}

// yamlWriter encodes v as YAML under a comment line.
func yamlWriter(comment string, v any) func(io.Writer) error {
	return func(w io.Writer) error {
		var buf bytes.Buffer
		buf.WriteString(comment)
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(v); err != nil {
			return err
		}
		if err := enc.Close(); err != nil {
			return err
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
}

// Decimal writes the value as Load reads it back exactly: «35», «33.5»,
// or «100/3» when it has no finite decimal form.
func (r Rational) Decimal() string {
	x := new(big.Rat).SetFrac64(r.Num, r.Den)
	if x.IsInt() {
		return x.Num().String()
	}
	for prec := 1; prec <= 18; prec++ {
		s := x.FloatString(prec)
		if y, ok := new(big.Rat).SetString(s); ok && y.Cmp(x) == 0 {
			return s
		}
	}
	return x.String()
}

// FolderFiles returns the model folder WriteFolder writes, by file name.
func (m *Model) FolderFiles() (map[string][]byte, error) {
	files := map[string][]byte{}
	err := m.WriteFolder(func(name string, fn func(io.Writer) error) error {
		var buf bytes.Buffer
		if err := fn(&buf); err != nil {
			return err
		}
		files[name] = buf.Bytes()
		return nil
	})
	return files, err
}
