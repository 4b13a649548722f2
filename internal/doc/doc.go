// Package doc is the format-neutral form of a document selfdiag writes —
// a school's report, a district's note, a comparison: headings, paragraphs
// of runs, key–value fields, tables, figures and lists, built once by one
// function and rendered to text, Markdown, HTML and Word by the renderers
// of this package. Builders hold every word and every choice of what to
// show; renderers only lay out and escape for their medium, so a section a
// builder adds appears in every format. The split follows Pandoc's AST and
// goldmark's renderers.
package doc

import "github.com/selfdiag/selfdiag/internal/lang"

// Document is a document top to bottom.
type Document struct {
	// Title names the document: the HTML page's title, the Word file's
	// title and footer.
	Title string
	// Levels is how many levels the model has, for the colour of a run
	// or cell that names a level.
	Levels int
	// Colors are the levels' own colours, «#RRGGBB» ("" for the
	// palette's), when the model declares them.
	Colors []string
	// Lang is the document's language: the page's «lang», Word's
	// language and footer.
	Lang   lang.Lang
	Blocks []Block
}

// Block is one of Heading, Paragraph, Fields, Table, List, Figure and
// Section.
type Block interface{ block() }

// Heading is a heading: level 1 is the document's title, 2 a section,
// 3 a subsection. ID is the anchor an HTML page gives it ("" none).
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Style is how a paragraph stands out.
type Style int

// Paragraph styles.
const (
	Plain  Style = iota
	Lead         // a large line under a title or a key figure
	Note         // small print: captions, sources, explanations
	Caveat       // small print set apart: what a reader must not miss
)

// Paragraph is a paragraph of runs.
type Paragraph struct {
	Style Style
	ID    string
	Runs  []Run
}

// Run is text with one emphasis. Level, when above zero, marks the text
// as the title of level Level-1 (coloured in HTML).
type Run struct {
	Text   string
	Strong bool
	// Muted is a remark set smaller (in parentheses where there is no
	// smaller print).
	Muted bool
	// Badge is a short mark beside a text: «критический».
	Badge bool
	Level int
	// Break starts the run on a new line where a format can (a Word or
	// HTML cell); elsewhere it follows after «; ».
	Break bool
}

// Fields is a block of named values: a document's identity.
type Fields struct {
	ID   string
	Rows []Field
}

// Field is a name and its value.
type Field struct {
	Name  string
	Value []Run
}

// Table is a table with a header row. Numeric columns are right-aligned;
// columns are as wide as their content asks (each renderer sizes them).
type Table struct {
	ID      string
	Class   string // an HTML class: the page's style sheet knows it
	Header  []string
	Numeric []bool
	Rows    []Row
}

// Row is a table row.
type Row struct {
	Cells []Cell
	// Total marks a totals row; Alert a row to see first (a failed
	// critical indicator); Inactive a row that does not count.
	Total, Alert, Inactive bool
}

// Cell is a table cell: runs of text.
type Cell []Run

// List is a bulleted list.
type List struct {
	Class string
	Items [][]Run
}

// Figure is a chart with its caption. Formats without pictures (text,
// Markdown) leave it out.
type Figure struct {
	ID      string
	Chart   Chart
	Caption string
	// WidthCm is its width on a Word page.
	WidthCm float64
}

// Chart is a picture with two back ends: SVG for pages, PNG for Word.
type Chart interface {
	SVG() string
	PNG() ([]byte, error)
}

// Contents is a table of contents of the sections and subsections, where
// a format has one (Word); Title heads it, Note stands in until the
// reader's program fills it.
type Contents struct {
	Title, Note string
}

// Section groups blocks; PageBreak starts it on a new page when printed.
type Section struct {
	ID        string
	PageBreak bool
	Blocks    []Block
}

func (Heading) block()   {}
func (Paragraph) block() {}
func (Fields) block()    {}
func (Table) block()     {}
func (List) block()      {}
func (Figure) block()    {}
func (Section) block()   {}
func (Contents) block()  {}

// T is a run of plain text.
func T(s string) Run { return Run{Text: s} }

// B is a run of strong text.
func B(s string) Run { return Run{Text: s, Strong: true} }

// Text is a plain paragraph of one run.
func Text(s string) Paragraph { return Paragraph{Runs: []Run{T(s)}} }

// P is a paragraph of the style with one run.
func P(st Style, s string) Paragraph { return Paragraph{Style: st, Runs: []Run{T(s)}} }

// C is a cell of plain text.
func C(s string) Cell { return Cell{T(s)} }

// Cells makes a row's cells of plain texts.
func Cells(texts ...string) []Cell {
	out := make([]Cell, len(texts))
	for i, s := range texts {
		out[i] = C(s)
	}
	return out
}

// PlainText is the text of runs without emphasis, as a format without any
// shows it: a badge or a muted remark is set in parentheses.
func PlainText(rs []Run) string {
	var b []byte
	for _, r := range rs {
		if r.Break {
			b = append(b, "; "...)
		}
		if r.Badge || r.Muted {
			b = append(b, '(')
			b = append(b, r.Text...)
			b = append(b, ')')
			continue
		}
		b = append(b, r.Text...)
	}
	return string(b)
}

// Walk calls f for every block, descending into sections.
func Walk(blocks []Block, f func(Block)) {
	for _, b := range blocks {
		f(b)
		if s, ok := b.(Section); ok {
			Walk(s.Blocks, f)
		}
	}
}
