package report

import (
	"html/template"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/summary"
)

// DashboardDeficits is how many common deficits the dashboard lists.
const DashboardDeficits = 30

type dashboardPage struct {
	*summary.Summary
	LevelCount   int
	Stacked      template.HTML
	Weakest      []string
	Rows         []dashRow
	Deficits     []dashDeficit
	MoreDeficits int
	BelowBase    []dashBelow
}

type dashRow struct {
	Name, Code, Municipality, Link string
	Percent                        string
	PercentValue                   float64
	Level                          int
	LevelTitle                     string
	Cells                          []dashCell
	Deficits                       int
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

// levelAbbr shortens a level title to its initials: «ниже базового» → «н/б».
func levelAbbr(title string) string {
	var parts []string
	for _, w := range strings.Fields(title) {
		parts = append(parts, string([]rune(w)[:1]))
	}
	return strings.Join(parts, "/")
}

// WriteSummaryHTML writes the district dashboard as one self-contained HTML
// page. links, when not nil, gives each school row (by index in s.Schools)
// the relative path of its report.
func WriteSummaryHTML(w io.Writer, s *summary.Summary, links []string) error {
	page := dashboardPage{Summary: s, LevelCount: len(s.Levels)}
	titles := map[string]string{}
	for _, c := range s.Components {
		titles[c.ID] = c.Title
	}
	for _, id := range s.Stats.Weakest {
		page.Weakest = append(page.Weakest, titles[id])
	}
	labels := []string{"Итог"}
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
	page.Stacked = template.HTML(stackedSVG(labels, counts, levelTitles))

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
		row := dashRow{Name: orDash(r.Name, "(без наименования)"), Code: r.Code, Municipality: r.Municipality, Percent: Percent(r.Percent),
			PercentValue: r.Percent, Level: r.Level, LevelTitle: r.LevelTitle, Deficits: r.Deficits}
		if i < len(links) {
			row.Link = links[i]
		}
		for j, c := range r.Components {
			title := levelTitle(s, c.Level)
			cell := dashCell{Percent: Percent(c.Percent), PercentValue: c.Percent, Level: c.Level, Title: s.Components[j].Title + ": " + title}
			if c.Level >= 0 {
				cell.Abbr = levelAbbr(title)
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
		page.BelowBase = append(page.BelowBase, dashBelow{BelowBase: b, Percent: Percent(b.Percent), Link: linkAt[place{b.Source, b.Row}]})
	}
	return htmlTemplates.ExecuteTemplate(w, "dashboard.html", page)
}
