package chart

import (
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// Hand-written SVG: the figures are small, and a library would have to be
// inlined to keep a page one self-contained file.

// LevelShade maps a level index to one of seven shades (and patterns),
// low to high, spread over the scale so that up to seven levels never
// share one: four levels take shades 0, 1, 2, 3, five take 0, 1, 12, 23,
// 3; -1 (nothing applies) is "none".
func LevelShade(level, levels int) string {
	if level < 0 {
		return "none"
	}
	return shades[ShadeIndex(level, levels)]
}

// shades name the seven steps of the level scale, low to high: the four
// of a four-level model, and the three between them.
var shades = []string{"0", "01", "1", "12", "2", "23", "3"}

// ShadeIndex is the step of shades level i of n takes.
func ShadeIndex(i, n int) int {
	if n <= 1 {
		return 0
	}
	return min(int(math.Round(float64(i)*float64(len(shades)-1)/float64(n-1))), len(shades)-1)
}

// ShadeColors are the shades' fill colours (hex, no #), for workbooks and
// Word: the four of a four-level model and the three between them.
var ShadeColors = []string{"F4B6B6", "F8CCA8", "FBE3A6", "E3EDAA", "CFE8B4", "8FC48F", "2E7D32"}

// svgPatterns are the level fills: a colour and a texture each, so that the
// levels stay apart in greyscale print.
const svgPatterns = `<defs>
<pattern id="lv0" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#f4b6b6"/><path d="M0 0L6 6M6 0L0 6" stroke="#8a1c1c" stroke-width="1"/></pattern>
<pattern id="lv01" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#f8cca8"/><path d="M0 3L6 3" stroke="#8a4a1c" stroke-width="1"/></pattern>
<pattern id="lv1" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fbe3a6"/><path d="M0 6L6 0" stroke="#7a5a00" stroke-width="1"/></pattern>
<pattern id="lv12" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#e3edaa"/><path d="M3 0L3 6" stroke="#5a6a00" stroke-width="1"/></pattern>
<pattern id="lv2" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#cfe8b4"/><circle cx="3" cy="3" r="1.2" fill="#3d6b1f"/></pattern>
<pattern id="lv23" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#8fc48f"/><path d="M0 0L6 6" stroke="#1f4d1f" stroke-width="1"/></pattern>
<pattern id="lv3" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#2e7d32"/></pattern>
</defs>`

func f1(v float64) string { return fmt.Sprintf("%.1f", v) }

func clamp(p float64) float64 { return math.Max(0, math.Min(100, p)) }

// RadarChart is a radar figure: a series per line (the first solid one
// filled and its points marked, dashed ones as references), axes from 0 %
// at the centre to 100 % at the rim, rings every 20 % and, dashed, at the
// level thresholds Rings.
type RadarChart struct {
	Labels []string
	Series []Series
	Rings  []Mark
	Lang   lang.Lang
}

// PNG draws the radar for Word.
func (f RadarChart) PNG() ([]byte, error) { return Radar(f.Labels, f.Series) }

// SVG draws the radar for a page.
func (f RadarChart) SVG() string {
	const w, h, cx, cy, r = 680.0, 400.0, 340.0, 200.0, 130.0
	n := len(f.Labels)
	l := f.Lang
	pct := l.Percent
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart radar" role="img" aria-label="%s" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" xmlns="http://www.w3.org/2000/svg">`,
		html.EscapeString(l.T("Радар: процент от максимума по компонентам")), w, h, w, h)
	b.WriteString(`<title>` + html.EscapeString(l.T("Процент от максимума по компонентам")) + `</title>`)
	if n < 3 {
		return b.String() + `</svg>`
	}
	pt := func(i int, p float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + r*clamp(p)/100*math.Cos(a), cy + r*clamp(p)/100*math.Sin(a)
	}
	polygon := func(values []float64) string {
		pts := make([]string, n)
		for i := range n {
			v := 0.0
			if i < len(values) {
				v = values[i]
			}
			x, y := pt(i, v)
			pts[i] = f1(x) + "," + f1(y)
		}
		return strings.Join(pts, " ")
	}
	for ring := 20; ring <= 100; ring += 20 {
		fmt.Fprintf(&b, `<polygon class="ring" points="%s" fill="none" stroke="#ccc" stroke-width="0.8"/>`, polygon(repeat(float64(ring), n)))
	}
	_, y100 := pt(0, 100)
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="10" fill="#555">100 %%</text>`, f1(cx+4), f1(y100+10))
	for _, m := range f.Rings {
		_, y := pt(0, m.Percent)
		fmt.Fprintf(&b, `<polygon class="ring threshold" points="%s" fill="none" stroke="#999" stroke-width="0.8" stroke-dasharray="4 3"><title>%s</title></polygon><text x="%s" y="%s" font-size="10" fill="#555">%s %%</text>`,
			polygon(repeat(m.Percent, n)), html.EscapeString(l.T("порог «%s»: %s %%", m.Title, pct(m.Percent))), f1(cx+4), f1(y+10), pct(m.Percent))
	}
	for i := range n {
		x, y := pt(i, 100)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#bbb" stroke-width="0.8"/>`, f1(cx), f1(cy), f1(x), f1(y))
	}
	var main *Series // the first solid series: filled, its points and percents shown
	for i, s := range f.Series {
		if s.Dashed {
			fmt.Fprintf(&b, `<polygon class="reference" points="%s" fill="none" stroke="#444" stroke-width="1.8" stroke-dasharray="6 3"><title>%s</title></polygon>`, polygon(s.Values), html.EscapeString(s.Name))
			continue
		}
		if main == nil {
			main = &f.Series[i]
		}
		fmt.Fprintf(&b, `<polygon class="school" points="%s" fill="#1f5fa8" fill-opacity="0.25" stroke="#1f5fa8" stroke-width="2"><title>%s</title></polygon>`, polygon(s.Values), html.EscapeString(s.Name))
	}
	for i, l := range f.Labels {
		value := ""
		if main != nil && i < len(main.Values) {
			x, y := pt(i, main.Values[i])
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="#1f5fa8"><title>%s: %s %%</title></circle>`, f1(x), f1(y), html.EscapeString(l), pct(main.Values[i]))
			value = pct(main.Values[i]) + " %"
		}
		x, y := pt(i, 112)
		anchor := "middle"
		switch {
		case x > cx+10:
			anchor = "start"
		case x < cx-10:
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="%s"><tspan x="%s" dy="-0.2em">%s</tspan><tspan x="%s" dy="1.2em" font-weight="bold">%s</tspan></text>`,
			f1(x), f1(y), anchor, f1(x), html.EscapeString(l), f1(x), value)
	}
	return b.String() + `</svg>`
}

func repeat(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// BarChart is horizontal bars of percent, filled by level, with a tick at
// each level threshold of the row; Note explains the ticks (PNG).
type BarChart struct {
	Rows   []Bar
	Levels int
	Note   string
	Lang   lang.Lang
}

// PNG draws the bars for Word.
func (f BarChart) PNG() ([]byte, error) { return Bars(f.Lang, f.Rows, f.Note) }

// SVG draws the bars for a page.
func (f BarChart) SVG() string {
	const labelW, barW, rowH, top = 230.0, 300.0, 30.0, 22.0
	// Room on the right for the longest «percent · level», however long
	// the model's level titles (12 px text, 7 px a letter at most).
	valueW := 170.0
	l := f.Lang
	pct := l.Percent
	for _, row := range f.Rows {
		valueW = max(valueW, 8+7*float64(len([]rune(barValue(l, row))))+8)
	}
	w, h := labelW+barW+valueW, top+rowH*float64(len(f.Rows))+8
	var b strings.Builder
	title := html.EscapeString(l.T("Процент от максимума и пороги уровней"))
	fmt.Fprintf(&b, `<svg class="chart bars" role="img" aria-label="%s" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" xmlns="http://www.w3.org/2000/svg">`, title, w, h, w, h)
	b.WriteString(`<title>` + title + `</title>` + svgPatterns)
	for _, p := range []float64{0, 50, 100} {
		fmt.Fprintf(&b, `<text x="%s" y="12" font-size="10" text-anchor="middle" fill="#555">%.0f %%</text>`, f1(labelW+barW*p/100), p)
	}
	for i, row := range f.Rows {
		y := top + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="end" dominant-baseline="middle">%s</text>`, f1(labelW-8), f1(y+rowH/2-2), html.EscapeString(row.Label))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#f2f2f2" stroke="#999" stroke-width="0.5"/>`, f1(labelW), f1(y+4), f1(barW), f1(rowH-12))
		shade, fill := LevelShade(row.Level, f.Levels), "#f2f2f2"
		if shade != "none" {
			fill = "url(#lv" + shade + ")"
		}
		fmt.Fprintf(&b, `<rect class="bar lv%s" x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#333" stroke-width="0.6"><title>%s: %s %% — %s</title></rect>`,
			shade, f1(labelW), f1(y+4), f1(barW*clamp(row.Percent)/100), f1(rowH-12), fill, html.EscapeString(row.Label), pct(row.Percent), html.EscapeString(row.LevelTitle))
		for _, m := range row.Marks {
			x := labelW + barW*m.Percent/100
			fmt.Fprintf(&b, `<line class="mark" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="1.5"><title>%s</title></line>`,
				f1(x), f1(y+1), f1(x), f1(y+rowH-5), html.EscapeString(l.T("порог «%s»: %s %%", m.Title, pct(m.Percent))))
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" dominant-baseline="middle">%s</text>`, f1(labelW+barW+8), f1(y+rowH/2-2), html.EscapeString(barValue(l, row)))
	}
	return b.String() + `</svg>`
}

// barValue is what a bar says beside it: «72,1 % · средний».
func barValue(l lang.Lang, row Bar) string {
	value := l.Percent(row.Percent) + " %"
	if row.LevelTitle != "" {
		value += " · " + row.LevelTitle
	}
	return value
}

// StackedSVG draws, for each row, the shares of schools per level as one
// stacked bar (the district's level distribution per component).
func StackedSVG(l lang.Lang, title string, labels []string, counts [][]int, levelTitles []string) string {
	const labelW, barW, rowH, legendH = 230.0, 420.0, 28.0, 18.0
	levels := len(levelTitles)
	w := labelW + barW + 20
	// The legend names every level, in as many lines as its titles need:
	// none is dropped or cut at the edge, however long.
	type item struct{ x, y float64 }
	items := make([]item, levels)
	x, y := labelW, 4.0
	for i, t := range levelTitles {
		iw := 18 + 8*float64(len([]rune(t))) + 14
		if x > labelW && x+iw > w {
			x, y = labelW, y+legendH
		}
		if x == labelW && iw > w-labelW {
			x = 4 // a title longer than the bar: from the left edge
		}
		items[i] = item{x, y}
		x += iw
	}
	top := y + legendH + 12
	h := top + rowH*float64(len(labels)) + 8
	var b strings.Builder
	title = html.EscapeString(title)
	fmt.Fprintf(&b, `<svg class="chart stacked" role="img" aria-label="%s" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" xmlns="http://www.w3.org/2000/svg">`, title, w, h, w, h)
	b.WriteString(`<title>` + title + `</title>` + svgPatterns)
	for i, t := range levelTitles {
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="14" height="14" fill="url(#lv%s)" stroke="#333" stroke-width="0.6"/><text x="%s" y="%s" font-size="11">%s</text>`,
			f1(items[i].x), fmt.Sprint(items[i].y), LevelShade(i, levels), f1(items[i].x+18), fmt.Sprint(items[i].y+11), html.EscapeString(t))
	}
	for i, label := range labels {
		y := top + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="12" text-anchor="end" dominant-baseline="middle">%s</text>`, f1(labelW-8), f1(y+rowH/2-2), html.EscapeString(label))
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
			fmt.Fprintf(&b, `<rect class="seg lv%s" x="%s" y="%s" width="%s" height="%s" fill="url(#lv%s)" stroke="#333" stroke-width="0.6"><title>%s — %s: %s</title></rect>`,
				LevelShade(j, levels), f1(x), f1(y+3), f1(wd), f1(rowH-10), LevelShade(j, levels), html.EscapeString(label), html.EscapeString(levelTitles[j]), l.T("%d из %d", c, total))
			if wd >= 22 {
				fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="11" text-anchor="middle" dominant-baseline="middle" fill="#000" stroke="#fff" stroke-width="2.5" paint-order="stroke">%d</text>`,
					f1(x+wd/2), f1(y+rowH/2-2), c)
			}
			x += wd
		}
	}
	return b.String() + `</svg>`
}

// SVG draws, per row, the percent then (a hollow circle) and now (a
// filled one) on a 0–100 % scale, joined by a line: readable in black and
// white.
func (d Dumbbells) SVG() string {
	rows := d.Rows
	const left, width, rowH = 230.0, 460.0, 26.0
	h := 40 + rowH*float64(len(rows))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart dumbbell" viewBox="0 0 %d %d" role="img" aria-label="%s">`, int(left+width+110), int(h), html.EscapeString(d.Lang.T("Средний процент от максимума: было и стало")))
	x := func(v float64) float64 { return left + width*clamp(v)/100 }
	for p := 0; p <= 100; p += 20 {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="10" x2="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%d %%</text>`,
			x(float64(p)), x(float64(p)), h-22, x(float64(p)), h-8, p)
	}
	for i, r := range rows {
		y := 22 + rowH*float64(i)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="end">%s</text>`, left-10, y+4, html.EscapeString(r.Label))
		if r.Old != nil && r.New != nil {
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#000" stroke-width="2"/>`, x(*r.Old), y, x(*r.New), y)
		}
		if r.Old != nil {
			fmt.Fprintf(&b, `<circle class="old" cx="%.1f" cy="%.1f" r="5" fill="#fff" stroke="#000" stroke-width="2"/>`, x(*r.Old), y)
		}
		if r.New != nil {
			fmt.Fprintf(&b, `<circle class="new" cx="%.1f" cy="%.1f" r="5" fill="#000"/>`, x(*r.New), y)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10">%s</text>`, left+width+12, y+4, html.EscapeString(r.Value))
	}
	return b.String() + `</svg>`
}

// LevelFill is the fill of level i of n, «RRGGBB» for workbooks: the
// model's colour for the level when it declares one («#RRGGBB»), else
// the palette's shade.
func LevelFill(i, n int, declared string) string {
	if declared != "" {
		return strings.TrimPrefix(declared, "#")
	}
	return ShadeColors[ShadeIndex(i, n)]
}

// LevelCSS is the style sheet that paints the levels a model gives its
// own colours («#RRGGBB», "" for the palette's): their badges and
// heat-map cells, and the fills of their figures' patterns, whose
// hatching stays for greyscale print. Text on a dark colour is white.
// "" when the model declares none.
func LevelCSS(colors []string) string {
	var b strings.Builder
	for i, c := range colors {
		if !colorRe.MatchString(c) {
			continue // "" (the palette's), or not a colour: never into a style sheet
		}
		shade, text := LevelShade(i, len(colors)), "#111"
		if darkColor(c) {
			text = "#fff"
		}
		fmt.Fprintf(&b, ".lv%s { background: %s; color: %s; }\npattern#lv%s > rect { fill: %s; }\n", shade, c, text, shade, c)
	}
	return b.String()
}

// colorRe is a colour LevelCSS takes: the model's, already checked.
var colorRe = regexp.MustCompile(`^#[0-9A-F]{6}$`)

// darkColor says whether black text would be hard to read on a colour: its
// relative luminance (WCAG) is below that of mid grey.
func darkColor(c string) bool {
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.04045 {
			s /= 12.92
		} else {
			s = math.Pow((s+0.055)/1.055, 2.4)
		}
		lum += w * s
	}
	return lum < 0.18
}
