package model

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// MaxWeight bounds a weight: far above any methodology's, far below where
// weighted sums could lose exactness.
const MaxWeight = 1000

// weight reads an indicator's or component's weight: a decimal above 0
// («1.5», «0,25», «2/3»); 1 when not given.
func (l *loader) weight(rw *rawDecimal, file string, what lang.Phrase) Rational {
	one := Rational{1, 1}
	if rw == nil {
		return one
	}
	r, ok := ParseRational(strings.Replace(strings.TrimSpace(rw.Text), ",", ".", 1))
	if !ok || r.Num <= 0 || r.Cmp(Rational{MaxWeight, 1}) > 0 {
		l.add(l.at(file, rw.pos), "вес (weight) %s «%s»: нужно число больше 0 и не больше %d, например 1.5 (показатель, который не должен учитываться, отмечается вариантом not_applicable)", what, rw.Text, MaxWeight)
		return one
	}
	return r
}

// choice is one of a root key's allowed values, with what it means.
type choice struct{ value, means string }

// oneOf reads a root key whose value is one of allowed; the first is the
// default when the key is not given.
func (l *loader) oneOf(key, v string, top problem.Location, allowed ...choice) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return allowed[0].value
	}
	var said andList
	for _, c := range allowed {
		if c.value == v {
			return v
		}
		said = append(said, lang.P("%s (%s)", c.value, lang.P(c.means)))
	}
	l.add(top, "%s %q: допустимы %s", key, v, said)
	return allowed[0].value
}

// maxWord bounds a word of the model's documents: a title or a sentence.
const maxWord = 300

// buildWords reads the model's words for its documents: known keys, one
// line each.
func (l *loader) buildWords(m *Model, raw *rawDocWords, file string) {
	if raw == nil {
		return
	}
	loc := l.at(file, raw.pos)
	keys := make([]string, len(WordKeys))
	for i, k := range WordKeys {
		keys[i] = k.Key
	}
	for _, key := range slices.Sorted(maps.Keys(raw.Values)) {
		v := strings.TrimSpace(raw.Values[key])
		i := slices.Index(keys, key)
		switch {
		case i < 0:
			l.add(loc, "words: неизвестный ключ «%s»; допустимы: %s", key, strings.Join(keys, ", "))
		case strings.ContainsAny(v, "\r\n"):
			l.add(loc, "words.%s: одна строка, без переносов", key)
		case utf8.RuneCountInString(v) > maxWord:
			l.add(loc, "words.%s длиннее %d знаков", key, maxWord)
		default:
			*WordKeys[i].Field(&m.Words) = v
		}
	}
}

// buildKinds reads the model's kinds of components, or gives it the
// school's two, named in the model's language.
func (l *loader) buildKinds(m *Model, raw []rawKind, file string) {
	if len(raw) == 0 {
		lg := m.Lang()
		for _, k := range SchoolKinds {
			m.Kinds = append(m.Kinds, Kind{ID: k.ID, Title: lg.T(k.Title), Plural: lg.T(k.Plural)})
		}
		return
	}
	m.kindsDeclared = true
	for _, rk := range raw {
		loc := l.at(file, rk.pos)
		k := Kind{ID: strings.TrimSpace(rk.ID), Title: strings.TrimSpace(rk.Title), Plural: strings.TrimSpace(rk.Plural)}
		switch {
		case k.ID == "":
			l.add(loc, "у вида компонентов (kinds) не указан id")
		case m.KindOf(k.ID).ID != "":
			l.add(loc, "вид компонентов %q уже объявлен", k.ID)
		case k.Title == "" || k.Plural == "":
			l.add(loc, "у вида компонентов %q нужны title (один: «область») и plural (много: «области»)", k.ID)
		default:
			m.Kinds = append(m.Kinds, k)
		}
	}
}

// checkOverall refuses thresholds the overall rule cannot use: with the
// mean of components the thresholds that give the overall level are
// percents; with the lowest component level there are none.
func (l *loader) checkOverall(m *Model, top problem.Location) {
	t := m.Thresholds
	type source struct {
		set      *ThresholdSet
		explicit bool // an «overall» set, not the default standing in
	}
	pick := func(overall, def *ThresholdSet) source {
		if overall != nil {
			return source{overall, true}
		}
		return source{def, false}
	}
	sources := []source{pick(t.Overall, &t.Default)}
	for _, v := range t.Variants {
		sources = append(sources, pick(v.Overall, v.Default))
	}
	for _, src := range sources {
		s := src.set
		if s == nil || len(s.Values) == 0 {
			continue
		}
		loc := s.loc
		if loc.File == "" {
			loc = top
		}
		switch {
		case m.Overall == OverallMinLevel && src.explicit:
			l.add(loc, "пороги общего уровня (%s) не действуют при overall: %s — общий уровень равен наименьшему уровню компонентов; уберите их", s.name, OverallMinLevel)
		case m.Overall == OverallMean && s.Unit != UnitPercent:
			l.add(loc, "общий уровень при overall: %s находится по среднему процентов компонентов, а пороги %s — в баллах: задайте пороги общего уровня (overall) в процентах", OverallMean, s.name)
		}
	}
}

// isNumber says whether a word reads as a number answer.
func isNumber(w string) bool {
	_, err := textnorm.ParseNumber(w)
	return err == nil
}

// colorRe is a colour as the documents take it: #RRGGBB.
var colorRe = regexp.MustCompile(`^#?[0-9A-Fa-f]{6}$`)

// levelColor reads a level's «color»: #RRGGBB, upper case, with «#»; not
// the colour of a level declared before it, or two levels would look
// alike in every document. "" when not given.
func (l *loader) levelColor(m *Model, rl rawLevel, loc problem.Location) string {
	c := strings.TrimSpace(rl.Color)
	if c == "" {
		return ""
	}
	if !colorRe.MatchString(c) {
		l.add(loc, "цвет (color) уровня %q «%s»: нужен цвет вида #RRGGBB, например #2E7D32", rl.ID, c)
		return ""
	}
	c = "#" + strings.ToUpper(strings.TrimPrefix(c, "#"))
	for _, other := range m.Levels {
		if other.Color == c {
			l.add(loc, "у уровней %q и %q один цвет %s: уровни в документах должны различаться", other.ID, rl.ID, c)
		}
	}
	return c
}
