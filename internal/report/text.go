package report

import (
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// Percent prints a percentage the Russian way: "72,1".
func Percent(p float64) string { return model.FormatPercent(p) }

// SchoolTitle names a respondent for headings.
func SchoolTitle(m *model.Model, r *scoring.Result) string {
	l := m.Lang()
	return r.School.Title(l, l.T("%s без наименования", m.Respondent.One))
}

// ModelTitle names the model as a document does: title, version and
// fingerprint, without the technical id.
func ModelTitle(l lang.Lang, st scoring.ModelStamp) string {
	return l.T("%s, версия %s (отпечаток %s)", st.Title, st.Version, st.Hash)
}

// RegionHint tells a user at the screen how to score with the region's
// model ("" for a model of their own); documents do not carry command
// lines.
func RegionHint(st scoring.ModelStamp) string {
	if !st.Embedded {
		return ""
	}
	return "Для официальных расчётов загрузите модель региона: --model КАТАЛОГ."
}

// ModelID names the model and its files: id, version and fingerprint. Two
// models with the same id and version but different files differ here.
func ModelID(l lang.Lang, st scoring.ModelStamp) string {
	return l.T("%s, версия %s, отпечаток %s", st.ID, st.Version, st.Hash)
}

// WriteText writes a readable Russian summary of each result.
func WriteText(w io.Writer, m *model.Model, results []*School) error {
	for i, r := range results {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"+strings.Repeat("═", 72)+"\n\n"); err != nil {
				return err
			}
		}
		if err := doc.WriteText(w, SchoolDocument(m, r)); err != nil {
			return err
		}
	}
	return nil
}
