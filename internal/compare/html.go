package compare

import (
	"io"

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

// Format is an output format of the comparison; File formats are written
// to a file, never to a terminal.
type Format struct {
	Name, Ext string
	File      bool
	Write     func(w io.Writer, rep *Report, titles Titles) error
}

// Formats lists the comparison's formats.
var Formats = []Format{
	{Name: "text", Ext: "txt", Write: WriteText},
	{Name: "json", Ext: "json", Write: func(w io.Writer, rep *Report, _ Titles) error { return WriteJSON(w, rep) }},
	{Name: "csv", Ext: "csv", Write: WriteCSV},
	{Name: "md", Ext: "md", Write: WriteMarkdown},
	{Name: "xlsx", Ext: "xlsx", File: true, Write: WriteXLSX},
	{Name: "html", Ext: "html", File: true, Write: WriteHTML},
	{Name: "docx", Ext: "docx", File: true, Write: WriteDOCX},
}

// FormatNames lists the formats' names.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}
