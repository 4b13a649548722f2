package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/ru"
)

// schoolNarrative is the summary paragraph of a school's document: the
// numbers of the view in plain Russian sentences, built from fixed
// templates, the same for the same numbers.
func schoolNarrative(levels []model.Level, v *schoolView) string {
	var b strings.Builder
	t := v.Total
	if t.Max == 0 {
		return "По результатам самодиагностики у школы нет применимых показателей: уровень не определяется."
	}
	fmt.Fprintf(&b, "По результатам самодиагностики школа набрала %s из %d%s, что соответствует %s.",
		ru.Points(t.Points), t.Max, t.PercentNote, levelDative(t.LevelTitle))
	if t.CriticalApplied {
		fmt.Fprintf(&b, " По баллам это %s, но уровень понижен правилом критических показателей.", levelNominative(t.ByPointsTitle))
	}

	pct := func(c componentView) string { return c.Percent + " %" }
	comps := slices.DeleteFunc(slices.Clone(v.Components), func(c componentView) bool { return c.Max == 0 })
	strong, sentence := strengths(levels, comps, pct)
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
	switch {
	case v.DeficitCount == 0:
		b.WriteString(" Дефицитов нет: все применимые показатели набрали максимум.")
	case len(weak) == 0:
		fmt.Fprintf(&b, " Всего дефицитов — %s.", ru.Indicators(v.DeficitCount))
	default:
		fmt.Fprintf(&b, " Всего дефицитов — %s; ниже всего процент от максимума %s: %s.", ru.Indicators(v.DeficitCount),
			where(weak[:min(3, len(weak))]), componentList(weak[:min(3, len(weak))], pct))
	}

	// Critical indicators.
	if n := len(v.Critical); n == 0 && v.HasCritical {
		b.WriteString(" Все критические показатели выполнены.")
	} else if n > 0 {
		names := make([]string, n)
		for i, c := range v.Critical {
			names[i] = c.ID + " «" + c.Text + "»"
		}
		fmt.Fprintf(&b, " %s %d %s: %s.", ru.Form(n, "Не выполнен", "Не выполнены", "Не выполнены"), n,
			ru.Form(n, "критический показатель", "критических показателя", "критических показателей"), strings.Join(names, "; "))
	}
	// The way to the next level; a long list of steps is left to the
	// plan's own section.
	if plan := v.Plan.Summary; plan != "" {
		if first, _, ok := strings.Cut(plan, " Улучшить"); ok && len(v.Plan.Steps) > 5 {
			plan = first + fmt.Sprintf(" Шаги (%d) — в разделе «%s».", len(v.Plan.Steps), schoolHeadPlan)
		}
		b.WriteString(" " + plan)
	}
	return b.String()
}

// strengths are the components at the highest level reached (three at
// most, by percent), with the sentence naming them.
func strengths(levels []model.Level, comps []componentView, pct func(componentView) string) ([]componentView, string) {
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
		return strong, " Все компоненты набрали максимум баллов."
	case len(strong) > 0 && top >= len(levels)-2:
		return strong, " Сильные стороны — " + componentList(strong, pct) + "."
	case len(strong) > 0:
		return strong, " Наибольший процент — " + componentList(strong, pct) + "."
	}
	return strong, ""
}

// componentList names components with a note each: «Знание» (72,1 %),
// «Здоровье» (80,0 %) и «Творчество» (85,0 %).
func componentList(cs []componentView, note func(componentView) string) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = "«" + c.Title + "» (" + note(c) + ")"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " и " + parts[len(parts)-1]
}

// where says where components are, by their kinds: «в направлении», «в
// ключевых условиях», «в компонентах».
func where(cs []componentView) string {
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

// levelDative is «среднему уровню» for «средний»: a one-word adjective
// declined; any other title is quoted: «уровню «ниже базового»».
func levelDative(title string) string {
	if d, ok := adjectiveDative(title); ok {
		return d + " уровню"
	}
	return "уровню «" + title + "»"
}

// levelNominative is «средний уровень», or «уровень «ниже базового»».
func levelNominative(title string) string {
	if _, ok := adjectiveDative(title); ok {
		return title + " уровень"
	}
	return "уровень «" + title + "»"
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
