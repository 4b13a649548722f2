package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// Percent prints a percentage the Russian way: "72,1".
func Percent(p float64) string { return model.FormatPercent(p) }

// SchoolTitle names a school for headings.
func SchoolTitle(r *scoring.Result) string {
	return r.School.Title("школа без наименования")
}

// ModelTitle names the model as a document does: title, version and
// fingerprint, without the technical id.
func ModelTitle(st scoring.ModelStamp) string {
	return fmt.Sprintf("%s, версия %s (отпечаток %s)", st.Title, st.Version, st.Hash)
}

// regionHint tells a terminal user how to score with the region's model;
// documents do not carry command lines.
func regionHint(st scoring.ModelStamp) string {
	if !st.Embedded {
		return ""
	}
	return "Для официальных расчётов загрузите модель региона: --model КАТАЛОГ."
}

// ModelID names the model and its files: id, version and fingerprint. Two
// models with the same id and version but different files differ here.
func ModelID(st scoring.ModelStamp) string {
	return fmt.Sprintf("%s, версия %s, отпечаток %s", st.ID, st.Version, st.Hash)
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

// errWriter prints until the first write error and keeps it, so that a
// writer of many lines checks once, at the end.
type errWriter struct {
	w   io.Writer
	err error
}

// Every text argument is a value from a file or a model: its control
// characters are made visible (safetext.Terminal), so that a school name
// cannot rewrite a terminal or forge lines of a report.
func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = safetext.Terminal(v)
		case fmt.Stringer:
			args[i] = safetext.Terminal(v.String())
		}
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}

func answerText(a string) string {
	if a == "" {
		return "нет ответа"
	}
	return "«" + a + "»"
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
