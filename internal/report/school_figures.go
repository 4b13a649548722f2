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
	school := chart.Series{Name: "Школа"}
	district := chart.Series{Name: "Среднее по району", Dashed: true}
	radar := chart.RadarChart{Rings: v.TotalMarks}
	bars := chart.BarChart{Levels: len(m.Levels), Note: "Чёрные отметки — пороги уровней для профиля школы"}
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
	bars.Rows = append(bars.Rows, chart.Bar{Label: "Итог", Percent: v.Total.PercentValue, Level: v.Total.Level, LevelTitle: v.Total.LevelTitle, Marks: v.TotalMarks})
	var out []doc.Block
	if len(v.Components) >= 3 {
		caption := "Рисунок 1. Профиль школы: процент от максимума по компонентам."
		if v.Peers {
			caption = "Рисунок 1. Профиль школы (сплошная линия) и среднее по району (пунктир): процент от максимума по компонентам."
		}
		out = append(out, doc.Figure{ID: "radar", Chart: radar, Caption: caption, WidthCm: 15})
	}
	n := len(out) + 1
	return append(out, doc.Figure{ID: "bars", Chart: bars, WidthCm: 16,
		Caption: "Рисунок " + string(rune('0'+n)) + ". Процент от максимума по компонентам и итогу; заливка — уровень, риски — пороги уровней."})
}
