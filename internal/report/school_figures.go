package report

import (
	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/model"
)

// schoolFigures are the radar (three components or more: the school, the
// district's mean when known, the overall thresholds as rings) and the
// bars of the components and the total with their thresholds.
func schoolFigures(m *model.Model, v *schoolView) []doc.Block {
	if len(v.Components) == 0 {
		return nil
	}
	l, u := v.L, UnitsOf(v.L, &m.Respondent, "")
	school := chart.Series{Name: capitalized(m.Respondent.One)}
	district := chart.Series{Name: l.T("Среднее по району"), Dashed: true}
	radar := chart.RadarChart{Rings: v.TotalMarks, Lang: l}
	bars := chart.BarChart{Levels: len(m.Levels), Lang: l, Note: u.say("Чёрные отметки — пороги уровней для профиля школы", "Чёрные отметки — пороги уровней")}
	for _, c := range v.Components {
		radar.Labels = append(radar.Labels, c.Title)
		school.Values = append(school.Values, c.PercentValue)
		district.Values = append(district.Values, c.DistrictValue)
		bars.Rows = append(bars.Rows, chart.Bar{Label: c.Title, Percent: c.PercentValue, Level: c.Level, LevelTitle: c.LevelTitle, Marks: c.Marks})
	}
	radar.Series = []chart.Series{school}
	if v.Peers {
		radar.Series = append(radar.Series, district)
	}
	bars.Rows = append(bars.Rows, chart.Bar{Label: l.T("Итог"), Percent: v.Total.PercentValue, Level: v.Total.Level, LevelTitle: v.Total.LevelTitle, Marks: v.TotalMarks})
	var out []doc.Block
	if len(v.Components) >= 3 {
		caption := u.say("Рисунок 1. Профиль школы: процент от максимума по компонентам.", "Рисунок 1. Процент от максимума по компонентам.")
		if v.Peers {
			caption = u.say("Рисунок 1. Профиль школы (сплошная линия) и среднее по району (пунктир): процент от максимума по компонентам.",
				"Рисунок 1. Результат (сплошная линия) и среднее по всем (пунктир): процент от максимума по компонентам.")
		}
		out = append(out, doc.Figure{ID: "radar", Chart: radar, Caption: caption, WidthCm: 15})
	}
	n := len(out) + 1
	return append(out, doc.Figure{ID: "bars", Chart: bars, WidthCm: 16,
		Caption: l.T("Рисунок %d. Процент от максимума по компонентам и итогу; заливка — уровень, риски — пороги уровней.", n)})
}
