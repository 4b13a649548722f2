package report

import (
	"cmp"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// DashboardDeficits is how many common deficits the dashboard lists.
const DashboardDeficits = 30

type dashboardPage struct {
	*summary.Summary
	// U are the words for the respondents; Low is the lowest level's
	// title.
	U          Units
	Low        string
	LevelCount int
	// LevelStyle paints the levels the model gives its own colours.
	LevelStyle template.CSS
	// LevelLegend says what the heat map's abbreviations stand for.
	LevelLegend  string
	Stacked      template.HTML
	Weakest      []string
	Rows         []dashRow
	Deficits     []dashDeficit
	MoreDeficits int
	BelowBase    []dashBelow
	// With --group-by municipality: a row per municipality and their
	// level distribution.
	Places        []dashPlace
	PlacesStacked template.HTML
	Critical      []dashCritical
	ProblemGroups []dashProblems
}

type dashRow struct {
	Name, Code, Municipality, Link string
	Group                          string // the municipality counted in, for the filter
	Percent                        string
	PercentValue                   float64
	Level                          int
	LevelTitle                     string
	Cells                          []dashCell
	Deficits                       int
	Incomplete                     bool
}

// dashPlace is a municipality's row: schools, below base, problems and the
// mean percent of each component.
type dashPlace struct {
	Name                                  string
	Schools, BelowBase, Problems, Incompl int
	Mean                                  string // overall mean percent
	Means                                 []dashCell
}

// dashCritical is a critical indicator and the schools it holds below base.
type dashCritical struct {
	ID, Title string
	Schools   int
}

// dashProblems is a school's data problems: how many, and the first ones.
type dashProblems struct {
	School string
	Count  int
	First  []summary.SchoolProblem
}

type dashCell struct {
	Percent      string
	PercentValue float64
	Level        int
	Title, Abbr  string
}

type dashDeficit struct {
	summary.DeficitFrequency
	ComponentTitle string
}

type dashBelow struct {
	summary.BelowBase
	Percent string
	Link    string
}

// WriteSummaryHTML writes the district dashboard as one self-contained HTML
// page. links, when not nil, gives each school row (by index in s.Schools)
// the relative path of its report.
func WriteSummaryHTML(w io.Writer, s *summary.Summary, links []string) error {
	l := s.Lang
	page := dashboardPage{Summary: s, U: summaryUnits(s), Low: s.Levels[0].Title, LevelCount: len(s.Levels),
		LevelStyle: template.CSS(chart.LevelCSS(model.LevelColors(s.Levels)))}
	shorts := model.LevelShorts(s.Levels)
	var legend []string
	for i, l := range s.Levels {
		legend = append(legend, shorts[i]+" — "+l.Title)
	}
	page.LevelLegend = strings.Join(legend, ", ")
	titles := map[string]string{}
	for _, c := range s.Components {
		titles[c.ID] = c.Title
	}
	for _, id := range s.Stats.Weakest {
		page.Weakest = append(page.Weakest, titles[id])
	}
	labels := []string{l.T("Итог")}
	levelCounts := func(ls []summary.LevelCount) []int {
		out := make([]int, len(ls))
		for i, l := range ls {
			out[i] = l.Count
		}
		return out
	}
	counts := [][]int{levelCounts(s.Stats.Levels)}
	for _, c := range s.Stats.Components {
		labels = append(labels, c.Title)
		counts = append(counts, levelCounts(c.Levels))
	}
	levelTitles := make([]string, len(s.Levels))
	for i, l := range s.Levels {
		levelTitles[i] = l.Title
	}
	page.Stacked = template.HTML(chart.StackedSVG(l, page.U.Say("Распределение школ по уровням", "Распределение по уровням"), labels, counts, levelTitles))

	type place struct {
		source string
		row    int
	}
	linkAt := map[place]string{}
	for i, r := range s.Schools {
		if i < len(links) && links[i] != "" {
			linkAt[place{r.Source, r.Row}] = links[i]
		}
	}
	for i, r := range s.Schools {
		row := dashRow{Name: orDash(r.Name, l.T("(без наименования)")), Code: r.Code, Municipality: r.Municipality, Group: r.Group,
			Percent: l.Percent(r.Percent), PercentValue: r.Percent, Level: r.Level, LevelTitle: r.LevelTitle, Deficits: r.Deficits, Incomplete: r.Incomplete}
		if i < len(links) {
			row.Link = links[i]
		}
		for j, c := range r.Components {
			title := levelTitle(s, c.Level)
			cell := dashCell{Percent: l.Percent(c.Percent), PercentValue: c.Percent, Level: c.Level, Title: s.Components[j].Title + ": " + title}
			if c.Level >= 0 {
				cell.Abbr = shorts[c.Level]
			} else {
				cell.Percent = "—"
			}
			row.Cells = append(row.Cells, cell)
		}
		page.Rows = append(page.Rows, row)
	}
	n := 0
	for _, d := range s.Stats.Deficits {
		if d.Schools == 0 {
			continue
		}
		n++
		if len(page.Deficits) < DashboardDeficits {
			page.Deficits = append(page.Deficits, dashDeficit{DeficitFrequency: d, ComponentTitle: titles[d.Component]})
		}
	}
	if n > len(page.Deficits) {
		page.MoreDeficits = n
	}
	for _, b := range s.Stats.BelowBase {
		page.BelowBase = append(page.BelowBase, dashBelow{BelowBase: b, Percent: l.Percent(b.Percent), Link: linkAt[place{b.Source, b.Row}]})
	}
	page.Places, page.PlacesStacked = dashPlaces(s, levelTitles)
	page.Critical = dashCriticals(s)
	page.ProblemGroups = dashProblemGroups(s)
	return htmlTemplates.ExecuteTemplate(w, "dashboard.html", page)
}

// dashPlaces compares the municipalities: a row each, and their level
// distribution as stacked bars.
func dashPlaces(s *summary.Summary, levelTitles []string) ([]dashPlace, template.HTML) {
	if len(s.Municipalities) == 0 {
		return nil, ""
	}
	var places []dashPlace
	var labels []string
	var counts [][]int
	for _, g := range s.Municipalities {
		p := dashPlace{Name: g.Name, Schools: g.Stats.Schools, BelowBase: len(g.Stats.BelowBase), Problems: g.Stats.WithProblems, Incompl: g.Stats.Incomplete,
			Mean: s.Lang.Percent(g.Stats.MeanPercent)}
		for i, c := range g.Stats.Components {
			cell := dashCell{Percent: s.Lang.Percent(c.MeanPercent), PercentValue: c.MeanPercent, Level: -1, Title: g.Name + ": " + c.Title}
			if c.Schools == 0 {
				cell.Percent = "—"
			} else if i < len(s.ComponentMarks) {
				cell.Level = meanLevel(s.ComponentMarks[i], c.MeanPercent)
			}
			p.Means = append(p.Means, cell)
		}
		places = append(places, p)
		labels = append(labels, g.Name)
		row := make([]int, len(g.Stats.Levels))
		for i, l := range g.Stats.Levels {
			row[i] = l.Count
		}
		counts = append(counts, row)
	}
	return places, template.HTML(chart.StackedSVG(s.Lang, summaryUnits(s).Say("Распределение школ по уровням", "Распределение по уровням"), labels, counts, levelTitles))
}

// meanLevel shades a mean percent like a level, by the model's thresholds
// for the default profile (summary.Marks): the colour is a guide, the
// number is what counts.
func meanLevel(marks []float64, percent float64) int {
	level := 0
	for i, from := range marks {
		if percent >= from {
			level = i
		}
	}
	return level
}

// dashCriticals counts, for each critical indicator, the schools that it
// holds below base (the points alone would give a higher level), most
// first.
func dashCriticals(s *summary.Summary) []dashCritical {
	titles := map[string]string{}
	for _, d := range s.Stats.Deficits {
		titles[d.Indicator] = d.Title
	}
	count := map[string]int{}
	var ids []string
	for _, r := range s.Schools {
		if r.Level != 0 || !r.CriticalHeld {
			continue
		}
		for _, id := range r.CriticalFailures {
			if count[id] == 0 {
				ids = append(ids, id)
			}
			count[id]++
		}
	}
	var out []dashCritical
	for _, id := range ids {
		out = append(out, dashCritical{ID: id, Title: titles[id], Schools: count[id]})
	}
	slices.SortStableFunc(out, func(a, b dashCritical) int { return cmp.Compare(b.Schools, a.Schools) })
	return out
}

// dashProblemGroups groups the data problems by school: which schools must
// resend or correct what, with the first problems and their cells.
func dashProblemGroups(s *summary.Summary) []dashProblems {
	var out []dashProblems
	for _, p := range s.Problems {
		if n := len(out); n == 0 || out[n-1].School != p.School {
			out = append(out, dashProblems{School: p.School})
		}
		g := &out[len(out)-1]
		g.Count++
		if len(g.First) < 3 {
			g.First = append(g.First, p)
		}
	}
	return out
}
