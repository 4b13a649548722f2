package report

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Hand-written SVG: the radar and the bars are small, and a library would
// have to be inlined to keep the report one self-contained file.

// levelShade maps a level index to one of four shades (and patterns),
// however many levels the model has; -1 (nothing applies) is "none".
func levelShade(level, levels int) string {
	if level < 0 {
		return "none"
	}
	return fmt.Sprint(min(level*4/max(levels, 1), 3))
}

// svgPatterns are the level fills: a colour and a texture each, so that the
// levels stay apart in greyscale print.
const svgPatterns = `<defs>
<pattern id="lv0" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#f4b6b6"/><path d="M0 0L6 6M6 0L0 6" stroke="#8a1c1c" stroke-width="1"/></pattern>
<pattern id="lv1" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fbe3a6"/><path d="M0 6L6 0" stroke="#7a5a00" stroke-width="1"/></pattern>
<pattern id="lv2" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#cfe8b4"/><circle cx="3" cy="3" r="1.2" fill="#3d6b1f"/></pattern>
<pattern id="lv3" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#2e7d32"/></pattern>
</defs>`

func f1(v float64) string { return fmt.Sprintf("%.1f", v) }

// radarSVG draws the components' percent of max on a radar, with rings at
// the given percents and, when district is not nil, the district's means
// dashed.
func radarSVG(labels []string, percents, district []float64, rings []markView) string {
	const w, h, cx, cy, r = 680.0, 400.0, 340.0, 200.0, 130.0
	n := len(labels)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart radar" role="img" aria-label="Радар: процент от максимума по компонентам" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h)
	b.WriteString(`<title>Процент от максимума по компонентам</title>`)
	if n < 3 {
		b.WriteString(`</svg>`)
		return b.String()
	}
	pt := func(i int, p float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*p/100*math.Cos(a), cy + r*p/100*math.Sin(a)
	}
	ring := func(p float64, class, label string) {
		var pts []string
		for i := range n {
			x, y := pt(i, p)
			pts = append(pts, f1(x)+","+f1(y))
		}
		fmt.Fprintf(&b, `<polygon class="%s" points="%s" fill="none" stroke="#999" stroke-width="0.8"%s/>`, class, strings.Join(pts, " "),
			map[bool]string{true: ` stroke-dasharray="4 3"`, false: ""}[class == "ring threshold"])
		if label != "" {
			_, y := pt(0, p)
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="10" fill="#555">%s</text>`, f1(cx+4), f1(y+10), html.EscapeString(label))
		}
	}
	ring(100, "ring", "100 %")
	for _, m := range rings {
		ring(m.Percent, "ring threshold", fmt.Sprintf("%s %%", Percent(m.Percent)))
	}
	for i := range n {
		x, y := pt(i, 100)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#bbb" stroke-width="0.8"/>`, f1(cx), f1(cy), f1(x), f1(y))
	}
	polygon := func(values []float64) string {
		var pts []string
		for i, p := range values {
			x, y := pt(i, math.Max(0, math.Min(100, p)))
			pts = append(pts, f1(x)+","+f1(y))
		}
		return strings.Join(pts, " ")
	}
	if len(district) == n {
		fmt.Fprintf(&b, `<polygon class="district" points="%s" fill="none" stroke="#444" stroke-width="1.5" stroke-dasharray="6 3"><title>Среднее по району</title></polygon>`, polygon(district))
	}
	fmt.Fprintf(&b, `<polygon class="school" points="%s" fill="#1f5fa8" fill-opacity="0.25" stroke="#1f5fa8" stroke-width="2"/>`, polygon(percents))
	for i, p := range percents {
		x, y := pt(i, math.Max(0, math.Min(100, p)))
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="#1f5fa8"><title>%s: %s %%</title></circle>`, f1(x), f1(y), html.EscapeString(labels[i]), Percent(p))
	}
	for i, l := range labels {
		x, y := pt(i, 112)
		anchor := "middle"
		switch {
		case x > cx+10:
			anchor = "start"
		case x < cx-10:
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="%s"><tspan x="%s" dy="-0.2em">%s</tspan><tspan x="%s" dy="1.2em" font-weight="bold">%s %%</tspan></text>`,
			f1(x), f1(y), anchor, f1(x), html.EscapeString(l), f1(x), Percent(percents[i]))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// barRow is one horizontal bar.
type barRow struct {
	Label   string
	Percent float64
	Level   int
	Title   string // level title, printed after the percent
	Marks   []markView
}

// barsSVG draws horizontal bars of percent of max, filled by level, with a
// tick at each level threshold of that row.
func barsSVG(rows []barRow, levels int) string {
	const labelW, barW, rowH, top = 230.0, 300.0, 30.0, 22.0
	w, h := labelW+barW+170, top+rowH*float64(len(rows))+8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bars" role="img" aria-label="Процент от максимума и пороги уровней" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h)
	b.WriteString(`<title>Процент от максимума и пороги уровней</title>`)
	b.WriteString(svgPatterns)
	for _, p := range []float64{0, 50, 100} {
		x := labelW + barW*p/100
		fmt.Fprintf(&b, `<text x="%s" y="12" font-size="10" text-anchor="middle" fill="#555">%.0f %%</text>`, f1(x), p)
	}
	for i, row := range rows {
		y := top + rowH*float64(i)
		p := math.Max(0, math.Min(100, row.Percent))
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="end" dominant-baseline="middle">%s</text>`,
			f1(labelW-8), f1(y+rowH/2-2), html.EscapeString(row.Label))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#f2f2f2" stroke="#999" stroke-width="0.5"/>`,
			f1(labelW), f1(y+4), f1(barW), f1(rowH-12))
		shade := levelShade(row.Level, levels)
		fill := "#f2f2f2"
		if shade != "none" {
			fill = "url(#lv" + shade + ")"
		}
		fmt.Fprintf(&b, `<rect class="bar lv%s" x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#333" stroke-width="0.6"><title>%s: %s %% — %s</title></rect>`,
			shade, f1(labelW), f1(y+4), f1(barW*p/100), f1(rowH-12), fill, html.EscapeString(row.Label), Percent(row.Percent), html.EscapeString(row.Title))
		for _, m := range row.Marks {
			x := labelW + barW*m.Percent/100
			fmt.Fprintf(&b, `<line class="mark" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="1.5"><title>порог «%s»: %s %%</title></line>`,
				f1(x), f1(y+1), f1(x), f1(y+rowH-5), html.EscapeString(m.Title), Percent(m.Percent))
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" dominant-baseline="middle">%s %% · %s</text>`,
			f1(labelW+barW+8), f1(y+rowH/2-2), Percent(row.Percent), html.EscapeString(row.Title))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// stackedSVG draws, for each row, the shares of schools per level as one
// stacked bar (the district's level distribution per component).
func stackedSVG(labels []string, counts [][]int, levelTitles []string) string {
	const labelW, barW, rowH, top = 230.0, 420.0, 28.0, 34.0
	levels := len(levelTitles)
	w, h := labelW+barW+20, top+rowH*float64(len(labels))+8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart stacked" role="img" aria-label="Распределение школ по уровням" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h)
	b.WriteString(`<title>Распределение школ по уровням</title>`)
	b.WriteString(svgPatterns)
	x := labelW
	for i, t := range levelTitles {
		fmt.Fprintf(&b, `<rect x="%s" y="4" width="14" height="14" fill="url(#lv%s)" stroke="#333" stroke-width="0.6"/><text x="%s" y="15" font-size="11">%s</text>`,
			f1(x), levelShade(i, levels), f1(x+18), html.EscapeString(t))
		x += 18 + 8*float64(len([]rune(t))) + 14
	}
	for i, l := range labels {
		y := top + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="end" dominant-baseline="middle">%s</text>`,
			f1(labelW-8), f1(y+rowH/2-2), html.EscapeString(l))
		total := 0
		for _, c := range counts[i] {
			total += c
		}
		x := labelW
		for j, c := range counts[i] {
			if total == 0 || c == 0 {
				continue
			}
			wd := barW * float64(c) / float64(total)
			fmt.Fprintf(&b, `<rect class="seg lv%s" x="%s" y="%s" width="%s" height="%s" fill="url(#lv%s)" stroke="#333" stroke-width="0.6"><title>%s — %s: %d из %d</title></rect>`,
				levelShade(j, levels), f1(x), f1(y+3), f1(wd), f1(rowH-10), levelShade(j, levels), html.EscapeString(l), html.EscapeString(levelTitles[j]), c, total)
			if wd >= 22 {
				fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" text-anchor="middle" dominant-baseline="middle" fill="%s" stroke="#fff" stroke-width="2.5" paint-order="stroke">%d</text>`,
					f1(x+wd/2), f1(y+rowH/2-2), "#000", c)
			}
			x += wd
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}
