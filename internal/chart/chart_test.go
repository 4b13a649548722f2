package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// ink is the share of the image that is not white.
func ink(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0xF000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

func TestRadar(t *testing.T) {
	labels := []string{"Знание", "Здоровье", "Творчество", "Воспитание", "Профориентация", "Учитель. Школьная команда", "Школьный климат", "Образовательная среда"}
	full := Series{Name: "Школа", Values: []float64{100, 100, 100, 100, 100, 100, 100, 100}}
	none := Series{Name: "Школа", Values: []float64{0, 0, 0, 0, 0, 0, 0, 0}}
	a, err := Radar(labels, []Series{full})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Radar(labels, []Series{none})
	if err != nil {
		t.Fatal(err)
	}
	// A school at 100 % fills the chart; one at 0 % leaves it bare.
	if ia, ib := ink(decode(t, a)), ink(decode(t, b)); ia < ib+0.1 {
		t.Errorf("ink at 100 %%: %.3f, at 0 %%: %.3f", ia, ib)
	}
	// Out-of-range values are held to the scale, and the same input gives
	// the same picture.
	odd := Series{Values: []float64{-50, 250, 50}, Dashed: true}
	c1, err := Radar(labels, []Series{full, odd})
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := Radar(labels, []Series{full, odd})
	if !bytes.Equal(c1, c2) {
		t.Error("the same chart drawn twice differs")
	}
	if _, err := Radar(labels[:2], []Series{full}); err == nil {
		t.Error("a radar of two axes was drawn")
	}
	if img := decode(t, a); img.Bounds().Dx() != 1400 {
		t.Errorf("width %d", img.Bounds().Dx())
	}
}

func TestBars(t *testing.T) {
	rows := []Bar{{Label: "Знание", Percent: 72.1, Marks: []Mark{{"базовый", 35}, {"средний", 60}, {"высокий", 85}}}, {Label: "Учитель. Школьная команда и очень длинное название компонента", Percent: 140, Level: -1}}
	b, err := Bars(lang.RU, rows, "пороги")
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	if img.Bounds().Dy() < 200 || ink(img) < 0.05 {
		t.Errorf("bars: %v, ink %.3f", img.Bounds(), ink(img))
	}
}

// The SVG back ends: every text escaped, values held to the scale, the
// level classes the page's style sheet fills, the main series' points
// marked and references dashed.
func TestSVG(t *testing.T) {
	labels := []string{"Знание <b>", "Здоровье", "Творчество"}
	radar := RadarChart{Labels: labels, Series: []Series{{Name: "Школа", Values: []float64{50, 120, -5}}, {Name: "Район", Values: []float64{40, 40, 40}, Dashed: true}},
		Rings: []Mark{{Title: "средний", Percent: 60}}}.SVG()
	bars := BarChart{Rows: []Bar{{Label: "Итог", Percent: 72.1, Level: 2, LevelTitle: "средний", Marks: []Mark{{"базовый", 35}}}, {Label: "Пусто", Level: -1}}, Levels: 4}.SVG()
	old, cur := 40.0, 55.5
	bells := Dumbbells{Rows: []Dumbbell{{Label: "Знание", Old: &old, New: &cur, Value: "40,0 → 55,5"}, {Label: "Новый", New: &cur}}}.SVG()
	for name, c := range map[string]struct {
		svg       string
		want, not []string
	}{
		"radar": {radar, []string{`<svg class="chart radar"`, "Знание &lt;b&gt;", `class="reference"`, `stroke-dasharray="6 3"`, `class="ring threshold"`, "порог «средний»: 60,0 %", `font-weight="bold">50,0 %`},
			[]string{"<b>"}},
		"bars":      {bars, []string{`<svg class="chart bars"`, `class="bar lv2"`, `fill="url(#lv2)"`, `class="bar lvnone"`, `class="mark"`, "72,1 % · средний"}, nil},
		"dumbbells": {bells, []string{`class="chart dumbbell"`, `class="old"`, `class="new"`, "40,0 → 55,5"}, nil},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.svg, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(c.svg, w) {
				t.Errorf("%s has %q", name, w)
			}
		}
	}
	if n := strings.Count(radar, `r="3.5"`); n != len(labels) {
		t.Errorf("radar marks %d points of the main series, want %d", n, len(labels))
	}
	if LevelShade(-1, 4) != "none" {
		t.Error("nothing applies: a shade")
	}
	if _, err := (Dumbbells{Rows: []Dumbbell{{Label: "x", Old: &old}}}).PNG(); err != nil {
		t.Error(err)
	}
}

// Levels never share a shade, up to seven of them: the lowest is the
// lowest shade, the highest the highest, and a four-level model keeps
// its four shades.
func TestLevelShades(t *testing.T) {
	for n := 2; n <= 7; n++ {
		seen := map[string]bool{}
		for i := range n {
			s := LevelShade(i, n)
			if seen[s] {
				t.Errorf("%d levels: level %d shares shade %s", n, i, s)
			}
			seen[s] = true
			if !strings.Contains(svgPatterns, `id="lv`+s+`"`) {
				t.Errorf("no pattern for shade %s", s)
			}
		}
		if LevelShade(0, n) != "0" || LevelShade(n-1, n) != "3" {
			t.Errorf("%d levels: %s … %s", n, LevelShade(0, n), LevelShade(n-1, n))
		}
	}
	for i, want := range []string{"0", "1", "2", "3"} {
		if got := LevelShade(i, 4); got != want {
			t.Errorf("four levels: level %d is %s, want %s", i, got, want)
		}
	}
}

// The legend of the stacked bars names every level, none past the
// figure's right edge, however long the titles.
func TestStackedLegend(t *testing.T) {
	titles := []string{"Tier 1 Partial", "Tier 2 Risk Informed", "Tier 3 Repeatable", "Tier 4 Adaptive", "Tier 5 Optimised beyond the framework"}
	svg := StackedSVG(lang.EN, "Distribution", []string{"Identify", "Protect"}, [][]int{{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}}, titles)
	width := 0.0
	if _, err := fmt.Sscanf(svg[strings.Index(svg, `viewBox="0 0 `)+len(`viewBox="0 0 `):], "%f", &width); err != nil {
		t.Fatal(err)
	}
	for _, title := range titles {
		i := strings.Index(svg, ">"+title+"</text>")
		if i < 0 {
			t.Fatalf("legend lacks %q", title)
		}
		start := strings.LastIndex(svg[:i], `<text x="`)
		var x float64
		fmt.Sscanf(svg[start+len(`<text x="`):], "%f", &x)
		if end := x + 7*float64(len([]rune(title))); end > width {
			t.Errorf("%q ends at %.0f, past the width %.0f", title, end, width)
		}
	}
}

// A bar's «percent · level» fits beside it, however long the level title.
func TestBarValueFits(t *testing.T) {
	long := "Level 5 Optimising continuously and beyond"
	svg := BarChart{Rows: []Bar{{Label: "Governance", Percent: 100, LevelTitle: long}}, Levels: 5}.SVG()
	width := 0.0
	fmt.Sscanf(svg[strings.Index(svg, `viewBox="0 0 `)+len(`viewBox="0 0 `):], "%f", &width)
	if need := 230 + 300 + 8 + 6.5*float64(len([]rune("100,0 % · "+long))); width < need {
		t.Errorf("width %.0f, the value needs %.0f", width, need)
	}
}

// Every number of levels a model may have gets as many shades, each
// with its own fill colour: the lowest two never share one.
func TestShadesDistinct(t *testing.T) {
	for n := 2; n <= model.MaxLevels; n++ {
		fills := map[string]bool{}
		for i := range n {
			fills[ShadeColors[ShadeIndex(i, n)]] = true
		}
		if len(fills) != n {
			t.Errorf("%d levels take %d colours", n, len(fills))
		}
	}
}

// A model's own level colours: LevelFill takes them for workbooks and
// LevelCSS paints them for pages (badges, cells, the figures' patterns),
// white text on a dark one; levels without one keep the palette's.
func TestLevelColours(t *testing.T) {
	if got := LevelFill(0, 4, "#7B1FA2"); got != "7B1FA2" {
		t.Errorf("declared fill %q", got)
	}
	if got := LevelFill(1, 5, ""); got != ShadeColors[ShadeIndex(1, 5)] {
		t.Errorf("palette fill %q", got)
	}
	if got := LevelCSS([]string{"", "", ""}); got != "" {
		t.Errorf("no colours declared, yet CSS %q", got)
	}
	css := LevelCSS([]string{"#FFF59D", "", "", "", "#0D47A1"})
	for _, want := range []string{
		".lv0 { background: #FFF59D; color: #111; }", "pattern#lv0 > rect { fill: #FFF59D; }",
		".lv3 { background: #0D47A1; color: #fff; }", "pattern#lv3 > rect { fill: #0D47A1; }",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q:\n%s", want, css)
		}
	}
	if strings.Contains(css, ".lv01") || strings.Contains(css, ".lv12") {
		t.Errorf("CSS for a level without its own colour:\n%s", css)
	}
	if got := LevelCSS([]string{"red; } body { display: none", "#0D47A1"}); strings.Contains(got, "red") {
		t.Errorf("a value that is no colour reached the style sheet: %q", got)
	}
	for c, want := range map[string]bool{"#000000": true, "#0D47A1": true, "#7B1FA2": true, "#777777": false, "#FFF59D": false, "#FFFFFF": false, "#2E7D32": true, "#8FC48F": false} {
		if darkColor(c) != want {
			t.Errorf("dark(%s) = %v", c, !want)
		}
	}
}
