// Package report writes what scoring and summary computed, for people and
// programs: a school's result and report (text, JSON, CSV, HTML, Markdown,
// Excel) and a district's summary (text, JSON, CSV, Excel, an HTML
// dashboard), listed in formats. Writers only format: every number, level
// and plan they print comes computed.
package report

import (
	"io"
	"slices"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// Format is an output format: its name, the extension of its files and the
// writers it has. A nil writer means the format does not offer that output.
// A new format is one file with its writers and one line in formats.
type Format struct {
	Name string
	Ext  string // file extension, without the dot
	// Binary formats (xlsx) are written to files, never to a terminal.
	Binary bool
	// Results writes the results of one or more schools (score).
	Results func(w io.Writer, m *model.Model, rs []*School) error
	// School writes one school's report (report; batch --per-school).
	School func(w io.Writer, m *model.Model, r *School) error
	// Render, for the formats that render the school's document
	// (SchoolDocument) and nothing else, writes a document built once
	// for all of them.
	Render func(w io.Writer, d *doc.Document) error
	// Programme marks the school reports made for the development
	// programme, offered by report and batch --report.
	Programme bool
	// Summary writes a district summary (batch); links give each school
	// row, by index in s.Schools, the relative path of its report, or are
	// nil.
	Summary func(w io.Writer, s *summary.Summary, links []string) error
}

var (
	textFormat = Format{Name: "text", Ext: "txt", Results: WriteText, School: one(WriteText), Render: doc.WriteText, Summary: noLinks(WriteSummaryText)}
	jsonFormat = Format{Name: "json", Ext: "json", Results: WriteJSON, School: one(WriteJSON), Summary: noLinks(WriteSummaryJSON)}
)

// formats lists every output format.
var formats = []Format{
	textFormat,
	jsonFormat,
	{Name: "csv", Ext: "csv", Results: WriteCSV, Summary: noLinks(WriteSummaryCSV)},
	{Name: "html", Ext: "html", School: WriteHTML, Render: WritePage, Programme: true, Summary: WriteSummaryHTML},
	{Name: "xlsx", Ext: "xlsx", Binary: true, School: WriteSchoolXLSX, Programme: true, Summary: noLinks(WriteSummaryXLSX)},
	{Name: "md", Ext: "md", School: WriteMarkdown, Render: doc.WriteMarkdown, Programme: true, Summary: noLinks(WriteSummaryMarkdown)},
	{Name: "docx", Ext: "docx", Binary: true, School: WriteSchoolDOCX, Render: doc.WriteWord, Programme: true, Summary: WriteSummaryDOCX},
}

// PerSchoolFormats are the reports every school gets in a batch's
// schools/ folder: JSON for programs, text for people.
func PerSchoolFormats() []Format { return []Format{jsonFormat, textFormat} }

// LookupFormat finds a format by name among those that pass offers.
func LookupFormat(name string, offers func(Format) bool) (Format, bool) {
	i := slices.IndexFunc(formats, func(f Format) bool { return f.Name == name && offers(f) })
	if i < 0 {
		return Format{}, false
	}
	return formats[i], true
}

// FormatNames lists the names of the formats that pass offers, for
// messages and help.
func FormatNames(offers func(Format) bool) []string {
	var names []string
	for _, f := range formats {
		if offers(f) {
			names = append(names, f.Name)
		}
	}
	return names
}

// OffersResults picks the formats of score.
func OffersResults(f Format) bool { return f.Results != nil }

// OffersProgramme picks the formats of report and batch --report.
func OffersProgramme(f Format) bool { return f.Programme }

// OffersSummary picks the formats of batch.
func OffersSummary(f Format) bool { return f.Summary != nil }

func one(write func(io.Writer, *model.Model, []*School) error) func(io.Writer, *model.Model, *School) error {
	return func(w io.Writer, m *model.Model, r *School) error {
		return write(w, m, []*School{r})
	}
}

func noLinks(write func(io.Writer, *summary.Summary) error) func(io.Writer, *summary.Summary, []string) error {
	return func(w io.Writer, s *summary.Summary, _ []string) error { return write(w, s) }
}
