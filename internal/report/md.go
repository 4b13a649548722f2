package report

import (
	"io"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/model"
)

func orDash(s, dash string) string {
	if s == "" {
		return dash
	}
	return s
}

// WriteMarkdown writes the school report as Markdown, for pasting into the
// development programme: the school document without its charts.
func WriteMarkdown(w io.Writer, m *model.Model, r *School) error {
	return doc.WriteMarkdown(w, SchoolDocument(m, r))
}

// WriteSchoolDOCX writes the school report as a Word document for the
// development programme.
func WriteSchoolDOCX(w io.Writer, m *model.Model, r *School) error {
	return doc.WriteWord(w, SchoolDocument(m, r))
}
