package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/ru"
)

// schoolNarrative is the summary paragraph of a school's document: the
// numbers of the view in plain sentences of the model's language, built
// from fixed templates, the same for the same numbers.
func schoolNarrative(levels []model.Level, v *schoolView) string {
	var b strings.Builder
	l := v.L
	t := v.Total
	if t.Max == 0 {
		return l.T("По результатам самодиагностики у школы нет применимых показателей: уровень не определяется.")
	}
	b.WriteString(l.T("По результатам самодиагностики школа набрала %s из %d%s, что соответствует %s.",
		l.Count(t.Points, "балл", "балла", "баллов"), t.Max, t.PercentNote, levelDative(l, t.LevelTitle)))
	if t.CriticalApplied {
		b.WriteString(l.T(" По баллам это %s, но уровень понижен правилом критических показателей.", levelNominative(l, t.ByPointsTitle)))
	}

	pct := func(c componentView) string { return c.Percent + " %" }
	comps := slices.DeleteFunc(slices.Clone(v.Components), func(c componentView) bool { return c.Max == 0 })
	strong, sentence := strengths(l, levels, comps, pct)
	b.WriteString(sentence)

	// Deficits: the components lowest by the same measure, percent of
	// the maximum, that are not named as strong; «не хватает» is kept for
	// the way to the next level.
	strongIDs := map[string]bool{}
	for _, c := range strong {
		strongIDs[c.ID] = true
	}
	var weak []componentView
	for _, c := range comps {
		if c.Points < c.Max && !strongIDs[c.ID] {
			weak = append(weak, c)
		}
	}
	slices.SortStableFunc(weak, func(a, c componentView) int { return cmp.Compare(a.PercentValue, c.PercentValue) })
	deficits := l.Count(v.DeficitCount, "показатель", "показателя", "показателей")
	switch {
	case v.DeficitCount == 0:
		b.WriteString(l.T(" Дефицитов нет: все применимые показатели набрали максимум."))
	case len(weak) == 0:
		b.WriteString(l.T(" Всего дефицитов — %s.", deficits))
	default:
		b.WriteString(l.T(" Всего дефицитов — %s; ниже всего процент от максимума %s: %s.", deficits,
			where(l, weak[:min(3, len(weak))]), componentList(l, weak[:min(3, len(weak))], pct)))
	}

	// Critical indicators.
	if n := len(v.Critical); n == 0 && v.HasCritical {
		b.WriteString(l.T(" Все критические показатели выполнены."))
	} else if n > 0 {
		names := make([]string, n)
		for i, c := range v.Critical {
			names[i] = c.ID + " «" + c.Text + "»"
		}
		if l == lang.RU {
			fmt.Fprintf(&b, " %s %s: %s.", ru.Form(n, "Не выполнен", "Не выполнены", "Не выполнены"),
				ru.Count(n, "критический показатель", "критических показателя", "критических показателей"), strings.Join(names, "; "))
		} else {
			b.WriteString(l.T(" Невыполненные критические показатели (%d): %s.", n, strings.Join(names, "; ")))
		}
	}
	// The way to the next level; a long list of steps is left to the
	// plan's own section.
	if head, steps := v.Plan.Head, v.Plan.Steps; head != "" {
		if len(steps) > 5 {
			b.WriteString(" " + head + l.T(" Шаги (%d) — в разделе «%s».", len(steps), l.T(schoolHeadPlan)))
		} else {
			b.WriteString(" " + v.Plan.Summary)
		}
	}
	return b.String()
}

// strengths are the components at the highest level reached (three at
// most, by percent), with the sentence naming them.
func strengths(l lang.Lang, levels []model.Level, comps []componentView, pct func(componentView) string) ([]componentView, string) {
	if len(comps) == 0 {
		return nil, ""
	}
	byPercent := slices.Clone(comps)
	slices.SortStableFunc(byPercent, func(a, c componentView) int { return cmp.Compare(c.PercentValue, a.PercentValue) })
	top := byPercent[0].Level
	var strong []componentView
	for _, c := range byPercent {
		if c.Level == top && c.PercentValue > 0 && len(strong) < 3 {
			strong = append(strong, c)
		}
	}
	switch last := byPercent[len(byPercent)-1]; {
	case last.Points == last.Max:
		return strong, l.T(" Все компоненты набрали максимум баллов.")
	case len(strong) > 0 && top >= len(levels)-2:
		return strong, l.T(" Сильные стороны — %s.", componentList(l, strong, pct))
	case len(strong) > 0:
		return strong, l.T(" Наибольший процент — %s.", componentList(l, strong, pct))
	}
	return strong, ""
}

// componentList names components with a note each: «Знание» (72,1 %),
// «Здоровье» (80,0 %) и «Творчество» (85,0 %).
func componentList(l lang.Lang, cs []componentView, note func(componentView) string) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = "«" + c.Title + "» (" + note(c) + ")"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + l.T(" и ") + parts[len(parts)-1]
}

// where says where components are, by their kinds: «в направлении», «в
// ключевых условиях», «в компонентах».
func where(l lang.Lang, cs []componentView) string {
	if l != lang.RU {
		return l.T("в компонентах")
	}
	directions, conditions := 0, 0
	for _, c := range cs {
		switch c.KindID {
		case model.KindCondition:
			conditions++
		case model.KindDirection:
			directions++
		default:
			return "в компонентах" // a model's own kind: no case forms known
		}
	}
	switch {
	case conditions == 0 && directions == 1:
		return "в направлении"
	case conditions == 0:
		return "в направлениях"
	case directions == 0 && conditions == 1:
		return "в ключевом условии"
	case directions == 0:
		return "в ключевых условиях"
	}
	return "в компонентах"
}

// levelDative is «среднему уровню» for «средний»: a one-word Russian
// adjective declined; any other title is quoted: «уровню «ниже
// базового»», «the level «Tier 1»».
func levelDative(l lang.Lang, title string) string {
	if d, ok := adjectiveDative(title); ok && l == lang.RU {
		return d + " уровню"
	}
	return l.T("уровню «%s»", title)
}

// levelNominative is «средний уровень», or «уровень «ниже базового»».
func levelNominative(l lang.Lang, title string) string {
	if _, ok := adjectiveDative(title); ok && l == lang.RU {
		return title + " уровень"
	}
	return l.T("уровень «%s»", title)
}

// adjectiveDative declines a one-word masculine adjective to the dative:
// базовый → базовому, высокий → высокому, средний → среднему.
func adjectiveDative(w string) (string, bool) {
	r := []rune(strings.ToLower(strings.TrimSpace(w)))
	if len(r) < 4 || strings.ContainsAny(string(r), " -«»\"") {
		return "", false
	}
	stem, end := string(r[:len(r)-2]), string(r[len(r)-2:])
	last := r[len(r)-3]
	switch {
	case end == "ый" || end == "ой":
		return stem + "ому", true
	case end == "ий" && strings.ContainsRune("кгх", last):
		return stem + "ому", true
	case end == "ий":
		return stem + "ему", true
	}
	return "", false
}
