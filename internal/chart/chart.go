// Package chart draws the reports' figures — a radar of the components,
// bars with the level thresholds, means then and now, levels stacked —
// each described once and drawn by two back ends: SVG for pages, PNG for
// documents that cannot hold SVG (Word). The PNGs are drawn in black and
// greys, with solid and dashed lines, so that they read the same printed
// in black and white; the SVGs fill levels with colour and texture.
package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Series is one line of a chart: percents (0–100), one per label.
type Series struct {
	Name   string
	Values []float64
	Dashed bool // dashed line, no fill (a reference: the district's mean)
}

var (
	black = color.Gray{0}
	dark  = color.Gray{0x55}
	mid   = color.Gray{0x99}
	light = color.Gray{0xDD}
	paper = color.Gray{0xFF}
)

// canvas is an image being drawn, with the font.
type canvas struct {
	img  *image.Gray
	face font.Face
	size float64 // font size, pixels
}

func newCanvas(w, h int, fontSize float64) (*canvas, error) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: fontSize, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	return &canvas{img: img, face: face, size: fontSize}, nil
}

func (c *canvas) png() ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fill fills the polygon pts with col.
func (c *canvas) fill(pts [][2]float64, col color.Gray) {
	if len(pts) < 3 {
		return
	}
	// Rasterized within the polygon's box only: a chart is hundreds of
	// small shapes.
	x0, y0, x1, y1 := pts[0][0], pts[0][1], pts[0][0], pts[0][1]
	for _, p := range pts {
		x0, y0, x1, y1 = math.Min(x0, p[0]), math.Min(y0, p[1]), math.Max(x1, p[0]), math.Max(y1, p[1])
	}
	box := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1))+1, int(math.Ceil(y1))+1).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	r := vector.NewRasterizer(box.Dx(), box.Dy())
	dx, dy := float32(box.Min.X), float32(box.Min.Y)
	r.MoveTo(float32(pts[0][0])-dx, float32(pts[0][1])-dy)
	for _, p := range pts[1:] {
		r.LineTo(float32(p[0])-dx, float32(p[1])-dy)
	}
	r.ClosePath()
	r.Draw(c.img, box, image.NewUniform(col), image.Point{})
}

// line draws a segment of width w; dashed lines are drawn in dashes.
func (c *canvas) line(x0, y0, x1, y1, w float64, col color.Gray, dashed bool) {
	length := math.Hypot(x1-x0, y1-y0)
	if length == 0 {
		return
	}
	if dashed {
		const on, off = 14.0, 9.0
		for s := 0.0; s < length; s += on + off {
			e := math.Min(s+on, length)
			c.line(x0+(x1-x0)*s/length, y0+(y1-y0)*s/length, x0+(x1-x0)*e/length, y0+(y1-y0)*e/length, w, col, false)
		}
		return
	}
	nx, ny := -(y1-y0)/length*w/2, (x1-x0)/length*w/2
	c.fill([][2]float64{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}, col)
}

// polyline draws a closed outline.
func (c *canvas) outline(pts [][2]float64, w float64, col color.Gray, dashed bool) {
	for i := range pts {
		p, q := pts[i], pts[(i+1)%len(pts)]
		c.line(p[0], p[1], q[0], q[1], w, col, dashed)
	}
}

// Text alignment.
const (
	alignLeft = iota
	alignCenter
	alignRight
)

func (c *canvas) width(s string) float64 {
	return float64(font.MeasureString(c.face, s)) / 64
}

// text writes s with its baseline at y, aligned to x.
func (c *canvas) text(s string, x, y float64, align int, col color.Gray) {
	switch align {
	case alignCenter:
		x -= c.width(s) / 2
	case alignRight:
		x -= c.width(s)
	}
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: c.face,
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}}
	d.DrawString(s)
}

// wrap splits s into lines no wider than w, at spaces.
func (c *canvas) wrap(s string, w float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		next := strings.TrimSpace(cur + " " + word)
		if cur != "" && c.width(next) > w {
			lines = append(lines, cur)
			cur = word
			continue
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// Radar draws the series on axes, one per label, from 0 % at the centre
// to 100 % at the rim, with rings every 20 % and a legend.
func Radar(labels []string, series []Series) ([]byte, error) {
	if len(labels) < 3 {
		return nil, fmt.Errorf("radar needs 3 axes or more, got %d", len(labels))
	}
	const w, h = 1400, 1100
	c, err := newCanvas(w, h, 28)
	if err != nil {
		return nil, err
	}
	cx, cy, radius := float64(w)/2, 520.0, 360.0
	n := len(labels)
	at := func(i int, pct float64) [2]float64 {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		r := radius * math.Max(0, math.Min(pct, 100)) / 100
		return [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	for ring := 20; ring <= 100; ring += 20 {
		pts := make([][2]float64, n)
		for i := range n {
			pts[i] = at(i, float64(ring))
		}
		c.outline(pts, 1.5, light, false)
	}
	for i := range n {
		p := at(i, 100)
		c.line(cx, cy, p[0], p[1], 1.5, light, false)
	}
	for si, s := range series {
		pts := make([][2]float64, n)
		for i := range n {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			pts[i] = at(i, v)
		}
		if !s.Dashed && si == 0 {
			c.fill(pts, light)
		}
		width := 5.0
		if s.Dashed {
			width = 3.5
		}
		c.outline(pts, width, black, s.Dashed)
		for _, p := range pts {
			c.fill(square(p, 7), black)
		}
	}
	for ring := 20; ring <= 100; ring += 20 {
		p := at(0, float64(ring))
		c.text(fmt.Sprintf("%d %%", ring), p[0]+10, p[1]+10, alignLeft, dark)
	}
	// Labels around the rim, wrapped to two lines at most.
	for i, label := range labels {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		x, y := cx+(radius+40)*math.Cos(a), cy+(radius+40)*math.Sin(a)
		align := alignCenter
		switch {
		case math.Cos(a) > 0.2:
			align = alignLeft
		case math.Cos(a) < -0.2:
			align = alignRight
		}
		lines := c.wrap(label, 300)
		if math.Sin(a) < -0.5 {
			y -= float64(len(lines)-1) * c.size * 1.2
		} else if math.Sin(a) > 0.5 {
			y += c.size
		}
		for k, l := range lines {
			c.text(l, x, y+float64(k)*c.size*1.2, align, black)
		}
	}
	legend(c, series, 60, h-60)
	return c.png()
}

func square(p [2]float64, r float64) [][2]float64 {
	return [][2]float64{{p[0] - r, p[1] - r}, {p[0] + r, p[1] - r}, {p[0] + r, p[1] + r}, {p[0] - r, p[1] + r}}
}

// legend draws a line sample and the name of each series in a row.
func legend(c *canvas, series []Series, x, y float64) {
	for _, s := range series {
		if s.Name == "" {
			continue
		}
		width := 5.0
		if s.Dashed {
			width = 3.5
		}
		c.line(x, y-c.size/3, x+70, y-c.size/3, width, black, s.Dashed)
		c.text(s.Name, x+85, y, alignLeft, black)
		x += 85 + c.width(s.Name) + 60
	}
}

// percentGrid draws the 0–100 % scale's lines every 20 % down to bottom,
// labelled at labelY.
func (c *canvas) percentGrid(scale func(float64) float64, bottom, labelY float64) {
	for p := 0; p <= 100; p += 20 {
		x := scale(float64(p))
		c.line(x, 20, x, bottom, 1.5, light, false)
		c.text(fmt.Sprintf("%d %%", p), x, labelY, alignCenter, mid)
	}
}

// Bar is one row of a bar chart: a percent, its level (-1 none) and the
// level thresholds to mark on its scale.
type Bar struct {
	Label      string
	Percent    float64
	Level      int
	LevelTitle string
	Marks      []Mark
}

// Mark is a level threshold on a percent scale.
type Mark struct {
	Title   string
	Percent float64
}

// Bars draws a horizontal bar per row, 0–100 %, with the row's thresholds
// as black ticks across the bar.
func Bars(l lang.Lang, rows []Bar, note string) ([]byte, error) {
	const w = 1400
	rowH := 78.0
	h := int(110 + rowH*float64(len(rows)))
	c, err := newCanvas(w, h, 28)
	if err != nil {
		return nil, err
	}
	left, right := 440.0, float64(w)-170
	scale := func(p float64) float64 { return left + (right-left)*math.Max(0, math.Min(p, 100))/100 }
	c.percentGrid(scale, float64(h)-70, float64(h)-38)
	for i, r := range rows {
		top := 30 + rowH*float64(i)
		lines := c.wrap(r.Label, left-30)
		if len(lines) > 2 {
			lines = append(lines[:1], strings.Join(lines[1:], " "))
		}
		for k, l := range lines {
			c.text(l, left-20, top+rowH/2+c.size/3-float64(len(lines)-1)*c.size*0.6+float64(k)*c.size*1.2, alignRight, black)
		}
		y0, y1 := top+14, top+rowH-14
		c.fill([][2]float64{{left, y0}, {scale(100), y0}, {scale(100), y1}, {left, y1}}, light)
		c.fill([][2]float64{{left, y0}, {scale(r.Percent), y0}, {scale(r.Percent), y1}, {left, y1}}, mid)
		for _, m := range r.Marks {
			x := scale(m.Percent)
			c.line(x, y0-8, x, y1+8, 4, black, false)
		}
		c.text(l.Percent(r.Percent)+" %", scale(100)+14, top+rowH/2+c.size/3, alignLeft, black)
	}
	if note != "" {
		c.text(note, left, float64(h)-6, alignLeft, dark)
	}
	return c.png()
}

// Dumbbell is one row of a dumbbell chart: a percent then and now (nil:
// not known on that side).
type Dumbbell struct {
	Label    string
	Old, New *float64
	Value    string // printed at the right: «72,1 → 75,0»
}

// Dumbbells are rows of a percent then and now, described in Lang.
type Dumbbells struct {
	Rows []Dumbbell
	Lang lang.Lang
}

// PNG draws, per row, the percent then (a hollow marker) and now (a
// filled one) on a 0–100 % scale, joined by a line.
func (d Dumbbells) PNG() ([]byte, error) {
	rows := d.Rows
	const w = 1400
	rowH := 64.0
	h := int(90 + rowH*float64(len(rows)))
	c, err := newCanvas(w, h, 28)
	if err != nil {
		return nil, err
	}
	left, right := 440.0, float64(w)-240
	scale := func(p float64) float64 { return left + (right-left)*math.Max(0, math.Min(p, 100))/100 }
	c.percentGrid(scale, float64(h)-60, float64(h)-28)
	for i, r := range rows {
		y := 30 + rowH*float64(i) + rowH/2
		c.text(r.Label, left-20, y+c.size/3, alignRight, black)
		if r.Old != nil && r.New != nil {
			c.line(scale(*r.Old), y, scale(*r.New), y, 4, black, false)
		}
		if r.Old != nil {
			c.fill(square([2]float64{scale(*r.Old), y}, 11), black)
			c.fill(square([2]float64{scale(*r.Old), y}, 6), paper)
		}
		if r.New != nil {
			c.fill(square([2]float64{scale(*r.New), y}, 11), black)
		}
		c.text(r.Value, right+20, y+c.size/3, alignLeft, black)
	}
	return c.png()
}
