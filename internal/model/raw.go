package model

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/selfdiag/selfdiag/internal/problem"
)

// The raw* types mirror the YAML files. They are decoded from yaml.Node trees
// so that every value keeps its line for validation messages.

// pos is a value's place: a line and column of a YAML file, or a cell of a
// spreadsheet's sheet.
type pos struct {
	Line, Col int
	Sheet     string
}

func (p *pos) at(n *yaml.Node) { p.Line, p.Col = n.Line, n.Column }

type rawRoot struct {
	Schema       string          `yaml:"schema"`
	ID           string          `yaml:"id"`
	Version      string          `yaml:"version"`
	Title        string          `yaml:"title"`
	Source       string          `yaml:"source"`
	Levels       []rawLevel      `yaml:"levels"`
	Kinds        []rawKind       `yaml:"kinds"` // of components; none: the school's two
	Components   []rawComponent  `yaml:"components"`
	Thresholds   *rawThresholds  `yaml:"thresholds"`
	CriticalRule rawCriticalList `yaml:"critical_rule"`
	Overall      string          `yaml:"overall"`  // sum (default), mean_of_components, min_component_level
	Language     string          `yaml:"language"` // ru (default), en, it
	Respondent   *rawRespondent  `yaml:"respondent"`
	Words        *rawDocWords    `yaml:"words"`
	Indicators   []rawIndicator  `yaml:"indicators"`
}

// rawDocWords are the model's names for its documents: key (one of
// model.WordKeys) → text; the keys are checked when the model is built.
type rawDocWords struct {
	Values map[string]string
	pos
}

func (r *rawDocWords) UnmarshalYAML(n *yaml.Node) error {
	r.at(n)
	return n.Decode(&r.Values)
}

// rawIndicatorFile is any other YAML file of a model folder: the indicators of
// one component (each indicator may name another).
type rawIndicatorFile struct {
	Component  string         `yaml:"component"`
	Indicators []rawIndicator `yaml:"indicators"`
}

type rawLevel struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	Short string `yaml:"short"` // abbreviation for a heat map's cells
	Color string `yaml:"color"` // fill in the documents: #RRGGBB
	pos   `yaml:"-"`
}

func (r *rawLevel) UnmarshalYAML(n *yaml.Node) error {
	type plain rawLevel
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawKind struct {
	ID     string `yaml:"id"`
	Title  string `yaml:"title"`
	Plural string `yaml:"plural"`
	pos    `yaml:"-"`
}

func (r *rawKind) UnmarshalYAML(n *yaml.Node) error {
	type plain rawKind
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawComponent struct {
	ID     string      `yaml:"id"`
	Title  string      `yaml:"title"`
	Kind   string      `yaml:"kind"`
	Order  *int        `yaml:"order"`
	Weight *rawDecimal `yaml:"weight"`
	pos    `yaml:"-"`
}

func (r *rawComponent) UnmarshalYAML(n *yaml.Node) error {
	type plain rawComponent
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawThresholds struct {
	Default    *rawThresholdSet           `yaml:"default"`
	Overall    *rawThresholdSet           `yaml:"overall"`
	Components map[string]rawThresholdSet `yaml:"components"`
	Variants   []rawVariant               `yaml:"variants"`
	pos        `yaml:"-"`
}

func (r *rawThresholds) UnmarshalYAML(n *yaml.Node) error {
	type plain rawThresholds
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawThresholdSet struct {
	Percent map[string]rawDecimal `yaml:"percent"`
	Points  map[string]rawDecimal `yaml:"points"`
	pos     `yaml:"-"`
}

func (r *rawThresholdSet) UnmarshalYAML(n *yaml.Node) error {
	type plain rawThresholdSet
	r.at(n)
	return n.Decode((*plain)(r))
}

// rawDecimal keeps a threshold's literal text so it can be read exactly.
type rawDecimal struct {
	Text string
	pos
}

func (r *rawDecimal) UnmarshalYAML(n *yaml.Node) error {
	r.at(n)
	r.Text = n.Value
	if n.Kind != yaml.ScalarNode {
		r.Text = "" // reported as not a number
	}
	return nil
}

type rawVariant struct {
	ID         string                     `yaml:"id"`
	When       *rawApplies                `yaml:"when"`
	Default    *rawThresholdSet           `yaml:"default"`
	Overall    *rawThresholdSet           `yaml:"overall"`
	Components map[string]rawThresholdSet `yaml:"components"`
	pos        `yaml:"-"`
}

func (r *rawVariant) UnmarshalYAML(n *yaml.Node) error {
	type plain rawVariant
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawCritical struct {
	Action string `yaml:"action"`
	Level  string `yaml:"level"`
	Scope  string `yaml:"scope"`
	pos    `yaml:"-"`
}

func (r *rawCritical) UnmarshalYAML(n *yaml.Node) error {
	type plain rawCritical
	r.at(n)
	return n.Decode((*plain)(r))
}

// rawCriticalList is one critical rule (a mapping) or a list of them.
type rawCriticalList []rawCritical

func (r *rawCriticalList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		var one rawCritical
		if err := n.Decode(&one); err != nil {
			return err
		}
		*r = rawCriticalList{one}
		return nil
	}
	return n.Decode((*[]rawCritical)(r))
}

// rawCriticalFlag is an indicator's «critical»: true or false, or a
// mapping with the points below which it fails and its own rules.
type rawCriticalFlag struct {
	Set        bool            `yaml:"-"`
	FailsBelow *wholePoints    `yaml:"fails_below"`
	Rules      rawCriticalList `yaml:"rules"`
	pos        `yaml:"-"`
}

func (r *rawCriticalFlag) UnmarshalYAML(n *yaml.Node) error {
	r.at(n)
	if n.Kind == yaml.MappingNode {
		type plain rawCriticalFlag
		r.Set = true
		return n.Decode((*plain)(r))
	}
	return n.Decode(&r.Set)
}

type rawIndicator struct {
	ID        string          `yaml:"id"`
	Aliases   []string        `yaml:"aliases"` // other ids answer files may use
	Component string          `yaml:"component"`
	Text      string          `yaml:"text"`
	Order     *int            `yaml:"order"`
	Weight    *rawDecimal     `yaml:"weight"`
	Critical  rawCriticalFlag `yaml:"critical"`
	Applies   *rawApplies     `yaml:"applies"`
	Options   []rawOption     `yaml:"options"`
	Select    string          `yaml:"select"` // "" or single: one answer; multiple: several
	Max       *wholePoints    `yaml:"max"`    // the cap of a multiple choice's summed points
	Number    *rawNumber      `yaml:"number"`
	Bands     []rawBand       `yaml:"bands"`
	Measures  []string        `yaml:"measures"`
	pos       `yaml:"-"`
	file      string
}

func (r *rawIndicator) UnmarshalYAML(n *yaml.Node) error {
	type plain rawIndicator
	r.at(n)
	return n.Decode((*plain)(r))
}

// rawApplies is a condition on attributes as written: for each attribute
// A, «A: [values]» (or «A: true» for a yes/no one), «A_match: all» and
// «not_A: [values]». Its keys depend on the model's attributes, so the
// loader checks them (buildApplies), not checkKnownKeys.
type rawApplies struct {
	Keys []rawAppliesKey
	pos
}

type rawAppliesKey struct {
	Key   string
	Value []string // a list, or one scalar
	Bool  *bool    // the scalar read as true/false, when it is one
	pos
}

func (r *rawApplies) UnmarshalYAML(n *yaml.Node) error {
	r.at(n)
	if n.Kind != yaml.MappingNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: cannot unmarshal !!%s into applies", n.Line, strings.TrimPrefix(n.ShortTag(), "!!"))}}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := rawAppliesKey{Key: k.Value}
		key.at(k)
		switch v.Kind {
		case yaml.ScalarNode:
			key.Value = []string{v.Value}
			var b bool
			if v.Tag == "!!bool" && v.Decode(&b) == nil {
				key.Bool = &b
			}
		case yaml.SequenceNode:
			if err := v.Decode(&key.Value); err != nil {
				return err
			}
		default:
			return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: cannot unmarshal !!map into []string", v.Line)}}
		}
		r.Keys = append(r.Keys, key)
	}
	return nil
}

type rawOption struct {
	Text          string       `yaml:"text"`
	Points        *wholePoints `yaml:"points"`
	Aliases       []string     `yaml:"aliases"`
	NotApplicable bool         `yaml:"not_applicable"`
	pos           `yaml:"-"`
}

func (r *rawOption) UnmarshalYAML(n *yaml.Node) error {
	type plain rawOption
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawNumber struct {
	Unit    string   `yaml:"unit"`
	Min     *float64 `yaml:"min"`
	Max     *float64 `yaml:"max"`
	Integer bool     `yaml:"integer"`
	// NotApplicable: the words that say the indicator does not apply.
	NotApplicable rawWords `yaml:"not_applicable"`
	pos           `yaml:"-"`
}

// rawWords is one word or a list of them.
type rawWords []string

func (r *rawWords) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		var one string
		if err := n.Decode(&one); err != nil {
			return err
		}
		*r = rawWords{one}
		return nil
	}
	return n.Decode((*[]string)(r))
}

func (r *rawNumber) UnmarshalYAML(n *yaml.Node) error {
	type plain rawNumber
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawBand struct {
	Min          *float64     `yaml:"min"`
	Max          *float64     `yaml:"max"`
	MaxInclusive bool         `yaml:"max_inclusive"`
	MinExclusive bool         `yaml:"min_exclusive"`
	Points       *wholePoints `yaml:"points"`
	pos          `yaml:"-"`
}

func (r *rawBand) UnmarshalYAML(n *yaml.Node) error {
	type plain rawBand
	r.at(n)
	return n.Decode((*plain)(r))
}

var rawDecimalType = reflect.TypeFor[rawDecimal]()
var rawAppliesType = reflect.TypeFor[rawApplies]()
var rawDocWordsType = reflect.TypeFor[rawDocWords]() // its keys are checked by buildWords

// checkKnownKeys walks a YAML tree alongside the Go type it decodes into and
// reports every mapping key the type does not have, with its line. This is
// the strict decoding the model needs, with every problem listed at once.
func checkKnownKeys(n *yaml.Node, t reflect.Type, file string, add func(loc problem.Location, format string, args ...any)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			checkKnownKeys(c, t, file, add)
		}
		return
	case yaml.AliasNode:
		if n.Alias != nil {
			checkKnownKeys(n.Alias, t, file, add)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if t == rawDecimalType || t == rawAppliesType || t == rawDocWordsType || n.Kind != yaml.MappingNode {
			return
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = f.Type
			names = append(names, tag)
		}
		sort.Strings(names)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				add(problem.Location{File: file, Row: k.Line, Col: k.Column},
					"неизвестный ключ «%s»; допустимы: %s", k.Value, strings.Join(names, ", "))
				continue
			}
			checkKnownKeys(v, ft, file, add)
		}
	case reflect.Slice:
		switch n.Kind {
		case yaml.SequenceNode:
			for _, c := range n.Content {
				checkKnownKeys(c, t.Elem(), file, add)
			}
		case yaml.MappingNode: // one element written alone (critical_rule)
			checkKnownKeys(n, t.Elem(), file, add)
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				checkKnownKeys(n.Content[i], t.Elem(), file, add)
			}
		}
	}
}

// wholePoints are the points of an answer or a band: a whole number.
// Decoded as a plain int, YAML would turn 0.5 into 0 without a word; it is
// refused with its line and column instead.
type wholePoints int

func (p *wholePoints) UnmarshalYAML(n *yaml.Node) error {
	var v int
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" && n.Decode(&v) == nil {
		*p = wholePoints(v)
		return nil
	}
	hint := pointsNotWhole
	if n.ShortTag() == "!!float" {
		hint = pointsFraction
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d, column %d: "+pointsError,
		n.Line, n.Column, MaxPoints, n.Value, hint)}}
}

// pointsError is wholePoints' message, which YAMLTextIn recognises to
// write it in the model's language, with one of its two hints.
const (
	pointsError    = "баллы (points) — целое число от 0 до %d, а указано «%s»: %s"
	pointsNotWhole = "нужно целое число"
	pointsFraction = "баллы за ответ не бывают дробными; если в методике есть полбалла, умножьте все баллы и пороги в баллах на 2"
)

// pointsErrorRe reads pointsError back.
var pointsErrorRe = regexp.MustCompile(`^баллы \(points\) — целое число от 0 до (\d+), а указано «(.*)»: (.*)$`)
