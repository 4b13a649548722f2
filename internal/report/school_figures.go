package report

import (
	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/model"
)

// schoolRadar is the school's percent of max per component, with the
// district's mean when known and the overall level thresholds as rings.
type schoolRadar struct {
	labels           []string
	school, district []float64
	peers            bool
	rings            []markView
}

func (c schoolRadar) SVG() string {
	var district []float64
	if c.peers {
		district = c.district
	}
	return radarSVG(c.labels, c.school, district, c.rings)
}

func (c schoolRadar) PNG() ([]byte, error) {
	series := []chart.Series{{Name: "Школа", Values: c.school}}
	if c.peers {
		series = append(series, chart.Series{Name: "Среднее по району", Dashed: true, Values: c.district})
	}
	return chart.Radar(c.labels, series)
}

// schoolBars are the components' (and the total's) percents with their
// level thresholds.
type schoolBars struct {
	rows   []barRow
	levels int
}

func (c schoolBars) SVG() string { return barsSVG(c.rows, c.levels) }

func (c schoolBars) PNG() ([]byte, error) {
	bars := make([]chart.Bar, len(c.rows))
	for i, r := range c.rows {
		bars[i] = chart.Bar{Label: r.Label, Percent: r.Percent, Value: Percent(r.Percent) + " %"}
		for _, mk := range r.Marks {
			bars[i].Marks = append(bars[i].Marks, mk.Percent)
		}
	}
	return chart.Bars(bars, "Чёрные отметки — пороги уровней для профиля школы")
}

// schoolFigures are the radar (three components or more) and the bars.
func schoolFigures(m *model.Model, v *schoolView) []doc.Block {
	if len(v.Components) == 0 {
		return nil
	}
	radar := schoolRadar{peers: v.Peers}
	bars := schoolBars{levels: len(m.Levels)}
	for _, c := range v.Components {
		radar.labels = append(radar.labels, c.Title)
		radar.school = append(radar.school, c.PercentValue)
		radar.district = append(radar.district, c.DistrictValue)
		bars.rows = append(bars.rows, barRow{Label: c.Title, Percent: c.PercentValue, Level: c.Level, Title: c.LevelTitle, Marks: c.Marks})
	}
	radar.rings = v.TotalMarks
	bars.rows = append(bars.rows, barRow{Label: "Итог", Percent: v.Total.PercentValue, Level: v.Total.Level, Title: v.Total.LevelTitle, Marks: v.TotalMarks})
	var out []doc.Block
	if len(v.Components) >= 3 {
		caption := "Рисунок 1. Профиль школы: процент от максимума по компонентам."
		if v.Peers {
			caption = "Рисунок 1. Профиль школы (сплошная линия) и среднее по району (пунктир): процент от максимума по компонентам."
		}
		out = append(out, doc.Figure{ID: "radar", Chart: radar, Caption: caption, WidthCm: 15})
	}
	n := len(out) + 1
	out = append(out, doc.Figure{ID: "bars", Chart: bars, WidthCm: 16,
		Caption: "Рисунок " + string(rune('0'+n)) + ". Процент от максимума по компонентам и итогу; заливка — уровень, риски — пороги уровней."})
	return out
}
