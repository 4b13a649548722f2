// Package modelinfo describes a model for people (selfdiag model show):
// what it scores, and what each level needs of each kind of school.
package modelinfo

import (
	"fmt"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

// WriteText describes the model for a person: levels, thresholds as
// written and in points for every profile a school can state, the
// critical rules, and every component with its indicators, answers and
// points.
func WriteText(w io.Writer, m *model.Model) error {
	var b strings.Builder
	l := lang.Of(m.Language)
	fmt.Fprintf(&b, "%s\n%s\n%s\n\n", m.Title, l.T("Модель: %s, версия %s", m.ID, m.Version), l.T("Источник: %s", m.Source))
	levels := make([]string, len(m.Levels))
	for i, lv := range m.Levels {
		levels[i] = lv.Title
	}
	b.WriteString(l.T("Уровни: %s", strings.Join(levels, " < ")) + "\n")
	b.WriteString(l.T("Пороги по умолчанию: %s", thresholdText(l, m, m.Thresholds.Default)) + "\n")
	if m.Thresholds.Overall != nil {
		b.WriteString(l.T("Пороги общего уровня: %s", thresholdText(l, m, *m.Thresholds.Overall)) + "\n")
	}
	for _, c := range m.Components {
		if s, ok := m.Thresholds.Components[c.ID]; ok {
			b.WriteString(l.T("Пороги «%s»: %s", c.Title, thresholdText(l, m, s)) + "\n")
		}
	}
	for _, v := range m.Thresholds.Variants {
		b.WriteString(l.T("Особые пороги для школ (%s): вариант %s", v.When, v.ID) + "\n")
	}
	switch m.Overall {
	case model.OverallMean:
		b.WriteString(l.T("Общий уровень — по среднему процентов компонентов от их максимумов (с весами компонентов).") + "\n")
	case model.OverallMinLevel:
		b.WriteString(l.T("Общий уровень — наименьший из уровней компонентов.") + "\n")
	}
	if m.Weighted() {
		b.WriteString(l.T("У показателей или компонентов есть веса: уровни определяются по взвешенной сумме баллов (баллы в отчётах — без весов).") + "\n")
	}
	if m.LevelsFromPoints() {
		writeProfileThresholds(&b, l, m)
	}
	if m.HasCritical() {
		b.WriteString(l.T("Невыполненный критический показатель %s.", rulesText(l, m, m.CriticalRules)) + "\n")
	} else {
		b.WriteString(l.T("Критических показателей в модели нет.") + "\n")
	}
	writeIndicators(&b, l, m)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeProfileThresholds prints, for every profile a school can state,
// the points each level needs overall and in each component: the
// thresholds in force, whatever mix of percents, points and variants the
// model uses. Profiles with the same thresholds share one block.
func writeProfileThresholds(b *strings.Builder, l lang.Lang, m *model.Model) {
	var blocks []string
	profiles := map[string][]string{}
	for _, p := range m.Respondent.AllProfiles() {
		maxes, total := m.Maxima(p)
		var block strings.Builder
		needs := func(title, component string, max int) {
			fmt.Fprintf(&block, "  %s: %s\n", title, needsText(l, m, m.Standing(component, p, 0, max).Needs, max))
		}
		needs(l.T("в целом"), "", total)
		for i, c := range m.Components {
			needs("«"+c.Title+"»", c.ID, maxes[i])
		}
		key := block.String()
		if _, seen := profiles[key]; !seen {
			blocks = append(blocks, key)
		}
		profiles[key] = append(profiles[key], m.Respondent.ProfileText(p))
	}
	if !m.UsesProfile() {
		// Nothing depends on a profile: one block, no profiles named.
		b.WriteString("\n" + l.T("Пороги в баллах (с каких баллов начинается уровень):") + "\n" + blocks[0])
		return
	}
	b.WriteString("\n" + l.T("Пороги в баллах по профилям школ (с каких баллов начинается уровень):") + "\n")
	for _, block := range blocks {
		b.WriteString(l.T("Профиль %s:", strings.Join(profiles[block], " | ")) + "\n" + block)
	}
}

// needsText is «базовый — от 47, средний — от 80, высокий — от 114 из 133».
func needsText(l lang.Lang, m *model.Model, needs []int, max int) string {
	if max == 0 {
		return l.T("нет применимых показателей")
	}
	parts := make([]string, 0, len(needs))
	for i := 1; i < len(needs) && i < len(m.Levels); i++ {
		if needs[i] < 0 {
			parts = append(parts, l.T("%s — недостижим", m.Levels[i].Title))
			continue
		}
		parts = append(parts, l.T("%s — от %d", m.Levels[i].Title, needs[i]))
	}
	return strings.Join(parts, ", ") + l.T(" из %d", max)
}

func thresholdText(l lang.Lang, m *model.Model, s model.ThresholdSet) string {
	unit := " %"
	if s.Unit == model.UnitPoints {
		unit = l.T(" баллов")
	}
	parts := make([]string, 0, len(s.Values))
	for i := 1; i < len(s.Values); i++ {
		parts = append(parts, l.T("«%s» от %s%s", m.Levels[i].Title, s.Values[i].In(l), unit))
	}
	return strings.Join(parts, ", ")
}

// rulesText says what critical rules do: «ограничивает уровень сверху
// «базовый» (компонента и общий)», several joined by «и».
func rulesText(l lang.Lang, m *model.Model, rules []model.CriticalRule) string {
	parts := make([]string, 0, len(rules))
	for _, r := range rules {
		verb := map[string]string{model.ActionForce: "устанавливает уровень", model.ActionCap: "ограничивает уровень сверху"}[r.Action]
		where := map[string]string{model.ScopeBoth: "компонента и общий", model.ScopeComponent: "компонента", model.ScopeOverall: "общий"}[r.Scope]
		parts = append(parts, fmt.Sprintf("%s «%s» (%s)", l.T(verb), m.Levels[r.Level].Title, l.T(where)))
	}
	return strings.Join(parts, l.T(" и "))
}

// writeIndicators lists every component with its indicators, answers and
// points.
func writeIndicators(b *strings.Builder, l lang.Lang, m *model.Model) {
	for _, c := range m.Components {
		weight := ""
		if !c.Weight.IsOne() {
			weight = l.T(", вес %s", c.Weight.In(l))
		}
		fmt.Fprintf(b, "\n%s (%s%s)\n", m.Heading(c), c.ID, weight)
		for _, ind := range c.Indicators {
			mark := ""
			if ind.Critical {
				mark = l.T(" [критический")
				if ind.FailsBelow != 1 {
					mark += l.T(": не выполнен, если баллов меньше %d", ind.FailsBelow)
				}
				if ind.Rules != nil {
					mark += "; " + rulesText(l, m, ind.Rules)
				}
				mark += "]"
			}
			if !ind.Applies.IsZero() {
				mark += " [" + ind.Applies.String() + "]"
			}
			if !ind.Weight.IsOne() {
				mark += l.T(" [вес %s]", ind.Weight.In(l))
			}
			if len(ind.Aliases) > 0 {
				mark += l.T(" [в файлах также: %s]", strings.Join(ind.Aliases, ", "))
			}
			fmt.Fprintf(b, "  %s. %s%s — %s\n", ind.ID, ind.Text, mark, l.T("макс. %d", ind.Max))
			if ind.IsNumeric() {
				for _, band := range ind.Bands {
					fmt.Fprintf(b, "       %s → %d\n", band.LabelIn(ind.Number, l), band.Points)
				}
				for _, w := range ind.Number.NotApplicable {
					fmt.Fprintf(b, "       «%s» → %s\n", w, l.T("не применимо"))
				}
			} else {
				if ind.Multiple {
					b.WriteString("       " + l.T("(можно несколько через «;»: баллы складываются, не больше %d)", ind.Max) + "\n")
				}
				for _, o := range ind.Options {
					if o.NotApplicable {
						fmt.Fprintf(b, "       «%s» → %s\n", o.Text, l.T("не применимо"))
						continue
					}
					fmt.Fprintf(b, "       «%s» → %d\n", o.Text, o.Points)
				}
			}
		}
	}
}
