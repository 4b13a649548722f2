package web

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// Trend is one territory's self-diagnoses over three years or more: each
// component's district mean and each school's percent, year by year.
type Trend struct {
	Territory  string
	Years      []string
	Components []TrendRow
	Schools    []TrendRow
}

// TrendRow is a line of a trend: a percent per year, «—» where none.
type TrendRow struct {
	Title  string
	Values []string
}

// trendOf finds the territories with three or more scored runs of
// distinct years (the latest run of a year counts) and lays out their
// trends.
func trendOf(data string, runs []RunInfo) []Trend {
	byTerritory := map[string]map[string]string{} // territory → year → run id (runs come newest first)
	for _, r := range runs {
		if r.State != "done" || r.Territory == "" || r.Year == "" {
			continue
		}
		if byTerritory[r.Territory] == nil {
			byTerritory[r.Territory] = map[string]string{}
		}
		if _, ok := byTerritory[r.Territory][r.Year]; !ok {
			byTerritory[r.Territory][r.Year] = r.ID
		}
	}
	var trends []Trend
	for territory, years := range byTerritory {
		if len(years) < 3 {
			continue
		}
		t := Trend{Territory: territory}
		for y := range years {
			t.Years = append(t.Years, y)
		}
		slices.Sort(t.Years)
		comps, schools := map[string]*TrendRow{}, map[string]*TrendRow{}
		var compOrder, schoolOrder []string
		row := func(rows map[string]*TrendRow, order *[]string, key, title string) *TrendRow {
			if rows[key] == nil {
				rows[key] = &TrendRow{Title: title, Values: slices.Repeat([]string{"—"}, len(t.Years))}
				*order = append(*order, key)
			}
			return rows[key]
		}
		for i, y := range t.Years {
			f, err := os.Open(filepath.Join(data, years[y], "summary.json"))
			if err != nil {
				continue
			}
			var stats wire.StatsDoc
			var rows []wire.SchoolRowDoc
			summaryHead(f, map[string]any{"stats": &stats, "schools": &rows})
			f.Close()
			for _, c := range stats.Components {
				row(comps, &compOrder, c.ID, c.Title).Values[i] = model.FormatPercent(c.MeanPercent)
			}
			for _, sc := range rows {
				key := strings.ToLower(strings.TrimSpace(sc.Code))
				if key == "" {
					key = strings.ToLower(sc.Name)
				}
				row(schools, &schoolOrder, key, sc.Name).Values[i] = model.FormatPercent(sc.Percent)
			}
		}
		for _, k := range compOrder {
			t.Components = append(t.Components, *comps[k])
		}
		for _, k := range schoolOrder {
			t.Schools = append(t.Schools, *schools[k])
		}
		trends = append(trends, t)
	}
	slices.SortFunc(trends, func(a, b Trend) int { return strings.Compare(a.Territory, b.Territory) })
	return trends
}
