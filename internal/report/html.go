package report

import (
	"cmp"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

//go:embed templates
var templateFS embed.FS

var htmlTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"shade":   chart.LevelShade,
	"inc":     func(i int) int { return i + 1 },
	"add":     func(a, b int) int { return a + b },
	"percent": func(l lang.Lang, p float64) string { return l.Percent(p) },
	"pct":     func(l lang.Lang, share float64) string { return l.Percent(share * 100) },
	// t is a message in a language (lang.Lang.T).
	"t":    func(l lang.Lang, msg string, args ...any) string { return l.T(msg, args...) },
	"bar":  func(share, width float64) string { return fmt.Sprintf("%.1f", share*width) },
	"join": func(items []string) string { return strings.Join(items, "; ") },
	// The headings every format shares.
	"peersHeading":  func() string { return PeersHeading },
	"changeHeading": func() string { return ChangeHeading },
}).ParseFS(templateFS, "templates/*.html"))

type page struct {
	Title, Lang string
	// Style paints the levels the model gives its own colours.
	Style template.CSS
	Body  template.HTML
}

// WriteHTML writes the school report as one self-contained HTML page: no
// scripts, fonts, styles or images from elsewhere; printable on A4.
func WriteHTML(w io.Writer, m *model.Model, r *School) error {
	return WritePage(w, SchoolDocument(m, r))
}

// WritePage writes a document as one self-contained HTML page in the
// reports' style: the shell and style sheet are templates, the blocks
// render inside.
func WritePage(w io.Writer, d *doc.Document) error {
	return htmlTemplates.ExecuteTemplate(w, "page.html", page{Title: d.Title, Lang: string(cmp.Or(d.Lang, lang.RU)),
		Style: template.CSS(chart.LevelCSS(d.Colors)), Body: doc.HTML(d)})
}
