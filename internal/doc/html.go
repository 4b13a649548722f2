package doc

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
)

// HTML renders the document's blocks for the body of a page; the page's
// shell and style sheet are the caller's template. Every text is escaped;
// a figure's SVG is the chart's own drawing.
func HTML(d *Document) template.HTML {
	var b strings.Builder
	htmlBlocks(&b, d, d.Blocks)
	return template.HTML(b.String()) // #nosec G203 -- every text is escaped above
}

func attr(name, value string) string {
	if value == "" {
		return ""
	}
	return " " + name + `="` + html.EscapeString(value) + `"`
}

func htmlBlocks(b *strings.Builder, d *Document, blocks []Block) {
	for i := 0; i < len(blocks); i++ {
		switch x := blocks[i].(type) {
		case Heading:
			fmt.Fprintf(b, "<h%d%s>%s</h%d>\n", x.Level, attr("id", x.ID), html.EscapeString(x.Text), x.Level)
		case Paragraph:
			class := map[Style]string{Lead: "big", Note: "muted", Caveat: "caveat"}[x.Style]
			fmt.Fprintf(b, "<p%s%s>%s</p>\n", attr("id", x.ID), attr("class", class), htmlRuns(d, x.Runs))
		case Fields:
			fmt.Fprintf(b, `<table class="meta"%s>`+"\n", attr("id", x.ID))
			for _, f := range x.Rows {
				fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td></tr>\n", html.EscapeString(f.Name), htmlRuns(d, f.Value))
			}
			b.WriteString("</table>\n")
		case Table:
			htmlTable(b, d, x)
		case List:
			fmt.Fprintf(b, "<ul%s>", attr("class", x.Class))
			for _, it := range x.Items {
				fmt.Fprintf(b, "<li>%s</li>\n", htmlRuns(d, it))
			}
			b.WriteString("</ul>\n")
		case Figure:
			// Figures side by side share a row.
			b.WriteString(`<div class="charts">` + "\n")
			for ; i < len(blocks); i++ {
				f, ok := blocks[i].(Figure)
				if !ok {
					break
				}
				fmt.Fprintf(b, "<figure%s>%s<figcaption class=\"muted\">%s</figcaption></figure>\n", attr("id", f.ID), f.Chart.SVG(), html.EscapeString(f.Caption))
			}
			i--
			b.WriteString("</div>\n")
		case Section:
			class := ""
			if x.PageBreak {
				class = "page"
			}
			fmt.Fprintf(b, "<section%s%s>\n", attr("id", x.ID), attr("class", class))
			htmlBlocks(b, d, x.Blocks)
			b.WriteString("</section>\n")
		}
	}
}

func htmlTable(b *strings.Builder, d *Document, t Table) {
	num := func(j int) string {
		if j < len(t.Numeric) && t.Numeric[j] {
			return ` class="num"`
		}
		return ""
	}
	fmt.Fprintf(b, "<table%s%s>\n<thead><tr>", attr("id", t.ID), attr("class", t.Class))
	for j, h := range t.Header {
		fmt.Fprintf(b, "<th%s>%s</th>", num(j), html.EscapeString(h))
	}
	b.WriteString("</tr></thead>\n<tbody>")
	for _, r := range t.Rows {
		class := ""
		switch {
		case r.Alert:
			class = "failed"
		case r.Inactive:
			class = "na"
		}
		fmt.Fprintf(b, "<tr%s>", attr("class", class))
		cell := "td"
		if r.Total {
			cell = "th"
		}
		for j, c := range r.Cells {
			fmt.Fprintf(b, "<%s%s>%s</%s>", cell, num(j), htmlRuns(d, c), cell)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>\n")
}

func htmlRuns(d *Document, rs []Run) string {
	var b strings.Builder
	for _, r := range rs {
		text := html.EscapeString(r.Text)
		switch {
		case r.Level > 0:
			text = `<span class="lvl lv` + chart.LevelShade(r.Level-1, d.Levels) + `">` + text + "</span>"
		case r.Badge:
			text = `<span class="crit">` + text + "</span>"
		case r.Muted:
			text = `<span class="muted">` + text + "</span>"
		}
		if r.Strong {
			text = "<b>" + text + "</b>"
		}
		if r.Break {
			text = "<br>" + text
		}
		b.WriteString(strings.ReplaceAll(text, "\n", "<br>"))
	}
	return b.String()
}
