package compare

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/report"
)

// WriteHTML writes the comparison as one self-contained page, in the
// reports' style.
func WriteHTML(w io.Writer, rep *Report, titles Titles) error {
	return report.WritePage(w, Document(rep, titles))
}

// WriteText writes the comparison for a person.
func WriteText(w io.Writer, rep *Report, titles Titles) error {
	return doc.WriteText(w, Document(rep, titles))
}

// WriteMarkdown writes the comparison as Markdown.
func WriteMarkdown(w io.Writer, rep *Report, titles Titles) error {
	return doc.WriteMarkdown(w, Document(rep, titles))
}

// WriteDOCX writes the comparison as a Word document.
func WriteDOCX(w io.Writer, rep *Report, titles Titles) error {
	return doc.WriteWord(w, Document(rep, titles))
}

// schoolRadar is one school's components then and now.
type schoolRadar struct {
	labels   []string
	old, cur []float64
}

func (c schoolRadar) SVG() string { return radar(c.labels, c.old, c.cur) }

func (c schoolRadar) PNG() ([]byte, error) {
	return chart.Radar(c.labels, []chart.Series{{Name: "Было", Values: c.old, Dashed: true}, {Name: "Стало", Values: c.cur}})
}

// meanBells are means then and now.
type meanBells []chart.Dumbbell

func (c meanBells) SVG() string          { return dumbbells(c) }
func (c meanBells) PNG() ([]byte, error) { return chart.Dumbbells(c) }

// dumbbells draws, per row, the mean then (a hollow circle) and now (a
// filled one) on a 0–100 % scale, joined by a line: readable in black
// and white.
func dumbbells(rows []chart.Dumbbell) string {
	const left, width, rowH = 230.0, 460.0, 26.0
	h := 40 + rowH*float64(len(rows))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart dumbbell" viewBox="0 0 %d %d" role="img" aria-label="Средний процент от максимума: было и стало">`, int(left+width+110), int(h))
	x := func(v float64) float64 { return left + width*math.Max(0, math.Min(v, 100))/100 }
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
	b.WriteString(`</svg>`)
	return b.String()
}

// radar draws a school's components then (dashed) and now (solid).
func radar(labels []string, old, cur []float64) string {
	n := len(labels)
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
	b.WriteString(`<svg class="chart radar" viewBox="0 0 640 440" role="img" aria-label="Компоненты: было и стало, % от максимума">`)
	for ring := 20; ring <= 100; ring += 20 {
		var pts []string
		for i := range n {
			x, y := at(i, float64(ring))
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		fmt.Fprintf(&b, `<polygon points="%s" fill="none" stroke="#ddd"/>`, strings.Join(pts, " "))
	}
	poly := func(values []float64, style string) {
		var pts []string
		for i, v := range values {
			x, y := at(i, v)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		}
		fmt.Fprintf(&b, `<polygon points="%s" %s/>`, strings.Join(pts, " "), style)
	}
	poly(old, `class="old" fill="none" stroke="#000" stroke-width="2" stroke-dasharray="6 4"`)
	poly(cur, `class="new" fill="rgba(0,0,0,0.12)" stroke="#000" stroke-width="2.5"`)
	for i, label := range labels {
		x, y := at(i, 112)
		anchor := "middle"
		if x > cx+10 {
			anchor = "start"
		} else if x < cx-10 {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="%s">%s</text>`, x, y+4, anchor, html.EscapeString(label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// Format is an output format of the comparison; File formats are written
// to a file, never to a terminal.
type Format struct {
	Name  string
	File  bool
	Write func(w io.Writer, rep *Report, titles Titles) error
}

// Formats lists the comparison's formats.
var Formats = []Format{
	{Name: "text", Write: WriteText},
	{Name: "json", Write: func(w io.Writer, rep *Report, _ Titles) error { return WriteJSON(w, rep) }},
	{Name: "csv", Write: WriteCSV},
	{Name: "md", Write: WriteMarkdown},
	{Name: "xlsx", File: true, Write: WriteXLSX},
	{Name: "html", File: true, Write: WriteHTML},
	{Name: "docx", File: true, Write: WriteDOCX},
}

// FormatNames lists the formats' names.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}
