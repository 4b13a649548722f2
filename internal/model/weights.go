package model

import (
	"strings"

	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// MaxWeight bounds a weight: far above any methodology's, far below where
// weighted sums could lose exactness.
const MaxWeight = 1000

// weight reads an indicator's or component's weight: a decimal above 0
// («1.5», «0,25», «2/3»); 1 when not given.
func (l *loader) weight(rw *rawDecimal, file, what string) Rational {
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

// overall reads the model's overall rule.
func (l *loader) overall(v string, top problem.Location) string {
	switch v = strings.TrimSpace(v); v {
	case "":
		return OverallSum
	case OverallSum, OverallMean, OverallMinLevel:
		return v
	}
	l.add(top, "overall %q: допустимы %s (общий уровень по сумме баллов), %s (по среднему процентов компонентов) и %s (по наименьшему уровню компонентов)", v, OverallSum, OverallMean, OverallMinLevel)
	return OverallSum
}

// buildKinds reads the model's kinds of components, or gives it the
// school's two.
func (l *loader) buildKinds(m *Model, raw []rawKind, file string) {
	if len(raw) == 0 {
		m.Kinds = SchoolKinds
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

// language reads the model's language.
func (l *loader) language(v string, top problem.Location) string {
	switch v = strings.TrimSpace(v); v {
	case "":
		return LangRU
	case LangRU, LangEN, LangIT:
		return v
	}
	l.add(top, "language %q: допустимы %s (русский), %s (английский) и %s (итальянский)", v, LangRU, LangEN, LangIT)
	return LangRU
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
