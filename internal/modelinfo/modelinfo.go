// Package modelinfo describes a model for people (selfdiag model show):
// what it scores, and what each level needs of each kind of school.
package modelinfo

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
)

// WriteText describes the model for a person: levels, thresholds as
// written and in points for every profile a school can state, the
// critical rules, and every component with its indicators, answers and
// points.
func WriteText(w io.Writer, m *model.Model) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nМодель: %s, версия %s\nИсточник: %s\n\n", m.Title, m.ID, m.Version, m.Source)
	levels := make([]string, len(m.Levels))
	for i, l := range m.Levels {
		levels[i] = l.Title
	}
	fmt.Fprintf(&b, "Уровни: %s\n", strings.Join(levels, " < "))
	fmt.Fprintf(&b, "Пороги по умолчанию: %s\n", thresholdText(m, m.Thresholds.Default))
	if m.Thresholds.Overall != nil {
		fmt.Fprintf(&b, "Пороги общего уровня: %s\n", thresholdText(m, *m.Thresholds.Overall))
	}
	for _, c := range m.Components {
		if s, ok := m.Thresholds.Components[c.ID]; ok {
			fmt.Fprintf(&b, "Пороги «%s»: %s\n", c.Title, thresholdText(m, s))
		}
	}
	for _, v := range m.Thresholds.Variants {
		fmt.Fprintf(&b, "Особые пороги для школ (%s): вариант %s\n", v.When, v.ID)
	}
	switch m.Overall {
	case model.OverallMean:
		b.WriteString("Общий уровень — по среднему процентов компонентов от их максимумов (с весами компонентов).\n")
	case model.OverallMinLevel:
		b.WriteString("Общий уровень — наименьший из уровней компонентов.\n")
	}
	if m.Weighted() {
		b.WriteString("У показателей или компонентов есть веса: уровни определяются по взвешенной сумме баллов (баллы в отчётах — без весов).\n")
	}
	if m.LevelsFromPoints() {
		writeProfileThresholds(&b, m)
	}
	if m.HasCritical() {
		fmt.Fprintf(&b, "Невыполненный критический показатель %s.\n", rulesText(m, m.CriticalRules))
	} else {
		b.WriteString("Критических показателей в модели нет.\n")
	}
	writeIndicators(&b, m)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeProfileThresholds prints, for every profile a school can state,
// the points each level needs overall and in each component: the
// thresholds in force, whatever mix of percents, points and variants the
// model uses. Profiles with the same thresholds share one block.
func writeProfileThresholds(b *strings.Builder, m *model.Model) {
	var blocks []string
	profiles := map[string][]string{}
	for _, p := range model.AllProfiles() {
		maxes, total := m.Maxima(p)
		var block strings.Builder
		needs := func(title, component string, max int) {
			fmt.Fprintf(&block, "  %s: %s\n", title, needsText(m, m.Standing(component, p, 0, max).Needs, max))
		}
		needs("в целом", "", total)
		for i, c := range m.Components {
			needs("«"+c.Title+"»", c.ID, maxes[i])
		}
		key := block.String()
		if _, seen := profiles[key]; !seen {
			blocks = append(blocks, key)
		}
		profiles[key] = append(profiles[key], p.String())
	}
	if !m.UsesProfile() {
		// Nothing depends on a profile: one block, no profiles named.
		fmt.Fprintf(b, "\nПороги в баллах (с каких баллов начинается уровень):\n%s", blocks[0])
		return
	}
	fmt.Fprintf(b, "\nПороги в баллах по профилям школ (с каких баллов начинается уровень):\n")
	for _, block := range blocks {
		fmt.Fprintf(b, "Профиль %s:\n%s", strings.Join(profiles[block], " | "), block)
	}
}

// needsText is «базовый — от 47, средний — от 80, высокий — от 114 из 133».
func needsText(m *model.Model, needs []int, max int) string {
	if max == 0 {
		return "нет применимых показателей"
	}
	parts := make([]string, 0, len(needs))
	for l := 1; l < len(needs) && l < len(m.Levels); l++ {
		if needs[l] < 0 {
			parts = append(parts, m.Levels[l].Title+" — недостижим")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s — от %d", m.Levels[l].Title, needs[l]))
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" из %d", max)
}

func thresholdText(m *model.Model, s model.ThresholdSet) string {
	unit := " %"
	if s.Unit == model.UnitPoints {
		unit = " баллов"
	}
	parts := make([]string, 0, len(s.Values))
	for i := 1; i < len(s.Values); i++ {
		parts = append(parts, fmt.Sprintf("«%s» от %s%s", m.Levels[i].Title, s.Values[i], unit))
	}
	return strings.Join(parts, ", ")
}

// rulesText says what critical rules do: «ограничивает уровень сверху
// «базовый» (компонента и общий)», several joined by «и».
func rulesText(m *model.Model, rules []model.CriticalRule) string {
	parts := make([]string, 0, len(rules))
	for _, r := range rules {
		verb := map[string]string{model.ActionForce: "устанавливает уровень", model.ActionCap: "ограничивает уровень сверху"}[r.Action]
		where := map[string]string{model.ScopeBoth: "компонента и общий", model.ScopeComponent: "компонента", model.ScopeOverall: "общий"}[r.Scope]
		parts = append(parts, fmt.Sprintf("%s «%s» (%s)", verb, m.Levels[r.Level].Title, where))
	}
	return strings.Join(parts, " и ")
}

// writeIndicators lists every component with its indicators, answers and
// points.
func writeIndicators(b *strings.Builder, m *model.Model) {
	for _, c := range m.Components {
		weight := ""
		if !c.Weight.IsOne() {
			weight = ", вес " + c.Weight.String()
		}
		fmt.Fprintf(b, "\n%s (%s%s)\n", m.Heading(c), c.ID, weight)
		for _, ind := range c.Indicators {
			mark := ""
			if ind.Critical {
				mark = " [критический"
				if ind.FailsBelow != 1 {
					mark += ": не выполнен, если баллов меньше " + strconv.Itoa(ind.FailsBelow)
				}
				if ind.Rules != nil {
					mark += "; " + rulesText(m, ind.Rules)
				}
				mark += "]"
			}
			if !ind.Applies.IsZero() {
				mark += " [" + ind.Applies.String() + "]"
			}
			if !ind.Weight.IsOne() {
				mark += " [вес " + ind.Weight.String() + "]"
			}
			if len(ind.Aliases) > 0 {
				mark += " [в файлах также: " + strings.Join(ind.Aliases, ", ") + "]"
			}
			fmt.Fprintf(b, "  %s. %s%s — макс. %d\n", ind.ID, ind.Text, mark, ind.Max)
			if ind.IsNumeric() {
				for _, band := range ind.Bands {
					fmt.Fprintf(b, "       %s → %d\n", band.Label(ind.Number), band.Points)
				}
				for _, w := range ind.Number.NotApplicable {
					fmt.Fprintf(b, "       «%s» → не применимо\n", w)
				}
			} else {
				if ind.Multiple {
					fmt.Fprintf(b, "       (можно несколько через «;»: баллы складываются, не больше %d)\n", ind.Max)
				}
				for _, o := range ind.Options {
					if o.NotApplicable {
						fmt.Fprintf(b, "       «%s» → не применимо\n", o.Text)
						continue
					}
					fmt.Fprintf(b, "       «%s» → %d\n", o.Text, o.Points)
				}
			}
		}
	}
}
