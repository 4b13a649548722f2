package compare

import (
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"strings"
)

//go:embed compare.html
var pageText string

var page = template.Must(template.New("compare").Funcs(template.FuncMap{
	"pct":   func(v *float64) string { return meanText(v) },
	"tally": func(t *Tally, old bool, titles Titles) string { return tallyText(t, titles, old) },
	"change": func(d *int) string {
		if d == nil {
			return "—"
		}
		return changeText(d)
	},
	"join":  func(ids []string) string { return strings.Join(ids, ", ") },
	"level": func(titles Titles, old bool, id string) string { return titles.level(old, id) },
	"title": func(s SchoolRef) string { return s.Title() },
	"reached": func(b *bool) string {
		switch {
		case b == nil:
			return "—"
		case *b:
			return "да"
		}
		return "нет"
	},
}).Parse(pageText))

// htmlPage is what the page shows.
type htmlPage struct {
	*Report
	Titles            Titles
	Both              int
	OnlyOld           []SchoolChange
	OnlyNew           []SchoolChange
	Matrix            []matrixRow
	NewLevels         []string
	Dumbbells         template.HTML
	ClosedTop, NewTop []DeficitCount
	Single            *SchoolChange // the one school, when one is compared
	Radar             template.HTML
	ModelsDiffer      bool
	MaxChangedTxt     string
}

type matrixRow struct {
	From   string
	Counts []int
}

// WriteHTML writes the comparison as one self-contained page: the
// district's transitions, a dumbbell chart of the means then and now per
// component, the fallers with reasons and every school's change; for a
// single school, its radar then and now.
func WriteHTML(w io.Writer, rep *Report, titles Titles) error {
	p := htmlPage{Report: rep, Titles: titles}
	for i := range rep.Schools {
		switch rep.Schools[i].Match {
		case MatchBoth:
			p.Both++
			p.Single = &rep.Schools[i]
		case MatchOnlyOld:
			p.OnlyOld = append(p.OnlyOld, rep.Schools[i])
		default:
			p.OnlyNew = append(p.OnlyNew, rep.Schools[i])
		}
	}
	if p.Both != 1 {
		p.Single = nil
	}
	oldLevels, newLevels := titles.order.old, titles.order.cur
	for _, l := range newLevels {
		p.NewLevels = append(p.NewLevels, titles.level(false, l))
	}
	count := map[[2]string]int{}
	for _, t := range rep.District.Transitions {
		count[[2]string{t.From, t.To}] = t.Schools
	}
	for i := len(oldLevels) - 1; i >= 0; i-- {
		row := matrixRow{From: titles.level(true, oldLevels[i])}
		for _, to := range newLevels {
			row.Counts = append(row.Counts, count[[2]string{oldLevels[i], to}])
		}
		p.Matrix = append(p.Matrix, row)
	}
	p.Dumbbells = dumbbells(append([]ComponentMeans{rep.District.Total}, rep.District.Components...))
	p.ClosedTop = topDeficits(rep.District.Deficits, func(x DeficitCount) int { return x.Closed })
	p.NewTop = topDeficits(rep.District.Deficits, func(x DeficitCount) int { return x.New })
	ic := rep.Indicators
	p.ModelsDiffer = len(ic.OnlyOld)+len(ic.OnlyNew)+len(ic.MaxChanged) > 0
	var mc []string
	for _, x := range ic.MaxChanged {
		mc = append(mc, fmt.Sprintf("%s (%d → %d)", x.ID, x.OldMax, x.NewMax))
	}
	p.MaxChangedTxt = strings.Join(mc, ", ")
	if p.Single != nil {
		p.Radar = radar(p.Single.Components)
	}
	return page.Execute(w, p)
}

// dumbbells draws, per row, the mean then (a hollow circle) and now (a
// filled one) on a 0–100 % scale, joined by a line: readable in black
// and white.
func dumbbells(rows []ComponentMeans) template.HTML {
	const left, width, rowH = 230.0, 460.0, 26.0
	h := 40 + rowH*float64(len(rows))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="dumbbell" viewBox="0 0 %d %d" role="img" aria-label="Средний процент от максимума: было и стало">`, int(left+width+110), int(h))
	x := func(v float64) float64 { return left + width*math.Max(0, math.Min(v, 100))/100 }
	for p := 0; p <= 100; p += 20 {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="10" x2="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%d %%</text>`,
			x(float64(p)), x(float64(p)), h-22, x(float64(p)), h-8, p)
	}
	for i, r := range rows {
		y := 22 + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="end">%s</text>`, left-10, y+4, html.EscapeString(r.Title))
		if r.Old != nil && r.New != nil {
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="2"/>`, x(*r.Old), y, x(*r.New), y)
		}
		if r.Old != nil {
			fmt.Fprintf(&b, `<circle class="old" cx="%.1f" cy="%.1f" r="5" fill="#fff" stroke="#000" stroke-width="2"/>`, x(*r.Old), y)
		}
		if r.New != nil {
			fmt.Fprintf(&b, `<circle class="new" cx="%.1f" cy="%.1f" r="5" fill="#000"/>`, x(*r.New), y)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10">%s → %s</text>`, left+width+12, y+4, meanText(r.Old), meanText(r.New))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// radar draws a school's components then (dashed) and now (solid).
func radar(cs []ComponentChange) template.HTML {
	n := len(cs)
	if n < 3 {
		return ""
	}
	const cx, cy, r = 320.0, 210.0, 150.0
	at := func(i int, pct float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		d := r * math.Max(0, math.Min(pct, 100)) / 100
		return cx + d*math.Cos(a), cy + d*math.Sin(a)
	}
	var b strings.Builder
	b.WriteString(`<svg class="radar" viewBox="0 0 640 440" role="img" aria-label="Компоненты: было и стало, % от максимума">`)
	for ring := 20; ring <= 100; ring += 20 {
		var pts []string
		for i := range n {
			x, y := at(i, float64(ring))
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		fmt.Fprintf(&b, `<polygon points="%s" fill="none" stroke="#ddd"/>`, strings.Join(pts, " "))
	}
	poly := func(get func(ComponentChange) *Tally, style string) {
		var pts []string
		for i, c := range cs {
			v := 0.0
			if t := get(c); t != nil {
				v = t.Percent
			}
			x, y := at(i, v)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		fmt.Fprintf(&b, `<polygon points="%s" %s/>`, strings.Join(pts, " "), style)
	}
	poly(func(c ComponentChange) *Tally { return c.Old }, `class="old" fill="none" stroke="#000" stroke-width="2" stroke-dasharray="6 4"`)
	poly(func(c ComponentChange) *Tally { return c.New }, `class="new" fill="rgba(0,0,0,0.12)" stroke="#000" stroke-width="2.5"`)
	for i, c := range cs {
		x, y := at(i, 112)
		anchor := "middle"
		if x > cx+10 {
			anchor = "start"
		} else if x < cx-10 {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="%s">%s</text>`, x, y+4, anchor, html.EscapeString(c.Title))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
