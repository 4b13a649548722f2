package report

import (
	"embed"
	"html/template"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
)

//go:embed templates
var templateFS embed.FS

var htmlTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"shade":   levelShade,
	"inc":     func(i int) int { return i + 1 },
	"add":     func(a, b int) int { return a + b },
	"percent": Percent,
	"pct":     func(share float64) string { return Percent(share * 100) },
	"bar":     func(share, width float64) string { return f1(share * width) },
	"join":    func(items []string) string { return strings.Join(items, "; ") },
	// The headings every format shares.
	"peersHeading":  func() string { return PeersHeading },
	"changeHeading": func() string { return ChangeHeading },
}).ParseFS(templateFS, "templates/*.html"))

type schoolPage struct {
	*schoolView
	Levels int
	Radar  template.HTML
	Bars   template.HTML
}

// WriteHTML writes the school report as one self-contained HTML page: no
// scripts, fonts, styles or images from elsewhere; printable on A4.
func WriteHTML(w io.Writer, m *model.Model, r *School) error {
	v := newSchoolView(m, r)
	labels := make([]string, len(v.Components))
	percents := make([]float64, len(v.Components))
	rows := make([]barRow, 0, len(v.Components)+1)
	for i, c := range v.Components {
		labels[i], percents[i] = c.Title, c.PercentValue
		rows = append(rows, barRow{Label: c.Title, Percent: c.PercentValue, Level: c.Level, Title: c.LevelTitle, Marks: c.Marks})
	}
	totalMarks := thresholdMarks(m, m.Thresholds.For("", r.School.Profile), r.Total.Max)
	rows = append(rows, barRow{Label: "Итог", Percent: v.Total.PercentValue, Level: v.Total.Level, Title: v.Total.LevelTitle, Marks: totalMarks})
	page := schoolPage{schoolView: v, Levels: len(m.Levels),
		Radar: template.HTML(radarSVG(labels, percents, totalMarks)),
		Bars:  template.HTML(barsSVG(rows, len(m.Levels)))}
	return htmlTemplates.ExecuteTemplate(w, "school.html", page)
}
