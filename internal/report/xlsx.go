package report

import (
	"archive/zip"
	"cmp"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/xlsxprint"
	"github.com/xuri/excelize/v2"
)

// Column widths, in characters: a column is as wide as its longest value
// within these bounds; longer values wrap.
const (
	minColWidth = 6
	maxColWidth = 48
)

// xlsxSheet writes a sheet row by row and remembers what finish needs to
// lay it out for reading and printing: the header row and the widest value
// of each column. The first error is kept and returned by finish.
type xlsxSheet struct {
	lang     lang.Lang
	f        *excelize.File
	name     string
	row      int
	head     int   // header row, 0 when none
	freeze   int   // columns kept in view when scrolling right
	onePage  bool  // print on one page, not only one page wide
	rotate   bool  // header text turned upright, so headers do not widen columns
	headLen  int   // longest upright header, in characters
	widest   int   // widest column, in characters, when not maxColWidth
	widths   []int // widest value per column, in characters
	labels   []labelRow
	subheads []subhead
	charts   []placedChart
	decimal  int        // style of fractional numbers: one decimal
	texts    [][]string // the text written, row by row, for xlsxprint.FitRows
	err      error
}

// newWorkbook is an empty workbook marked as results
// (xlsxprint.MarkResults), written with the fastest deflate level:
// reports are written once and opened by office software, which does not
// care how hard they were compressed (a few percent larger files; a
// fifth of the writing time saved on a thousand schools' reports).
func newWorkbook() *excelize.File {
	f := excelize.NewFile()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, fastDeflate)
		return zw
	})
	xlsxprint.MarkResults(f) // fails only on a file excelize did not make
	return f
}

// deflaters keeps fast deflate writers between workbook parts, as
// archive/zip does for its default ones: each holds about a megabyte of
// tables that would otherwise be allocated for every part.
var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

func fastDeflate(out io.Writer) (io.WriteCloser, error) {
	w := deflaters.Get().(*flate.Writer)
	w.Reset(out)
	return &pooledDeflater{w}, nil
}

type pooledDeflater struct{ *flate.Writer }

func (d *pooledDeflater) Close() error {
	err := d.Writer.Close()
	deflaters.Put(d.Writer)
	d.Writer = nil
	return err
}

// newSheet adds a sheet; the first one replaces the default «Sheet1».
func newSheet(f *excelize.File, styles *xlsxStyles, name string) *xlsxSheet {
	s := &xlsxSheet{f: f, name: name, decimal: styles.decimal, lang: styles.lang}
	if f.SheetCount == 1 && f.GetSheetName(0) == "Sheet1" {
		s.err = f.SetSheetName("Sheet1", name)
	} else {
		_, s.err = f.NewSheet(name)
	}
	return s
}

// put writes the next row; its values count for the column widths.
// Fractional numbers stay numbers, shown with one decimal.
func (s *xlsxSheet) put(values ...any) {
	s.row++
	for i, v := range values {
		for len(s.widths) <= i {
			s.widths = append(s.widths, 0)
		}
		s.widths[i] = max(s.widths[i], cellWidth(v))
	}
	s.set(values)
	for i, v := range values {
		if _, ok := v.(float64); ok && s.err == nil {
			s.err = s.f.SetCellStyle(s.name, cellName(i+1, s.row), cellName(i+1, s.row), s.decimal)
		}
	}
}

// title writes the next row without letting it widen the columns: a
// sheet's title may run across several.
func (s *xlsxSheet) title(text string) {
	s.row++
	s.set([]any{text})
}

// header writes the next row as the table header: bold, frozen and
// repeated on every printed page.
func (s *xlsxSheet) header(values ...any) {
	if s.rotate {
		s.row++
		s.head = s.row
		for i, v := range values {
			for len(s.widths) <= i {
				s.widths = append(s.widths, 0)
			}
			s.headLen = max(s.headLen, cellWidth(v))
		}
		s.set(values)
		return
	}
	s.subheader(values...)
	s.head = s.row
}

// subheader writes the next row as the header of a further table: bold,
// wrapped, so its columns need only fit its longest words.
func (s *xlsxSheet) subheader(values ...any) {
	s.row++
	for i, v := range values {
		for len(s.widths) <= i {
			s.widths = append(s.widths, 0)
		}
		for _, word := range strings.Fields(fmt.Sprint(v)) {
			s.widths[i] = max(s.widths[i], utf8.RuneCountInString(word))
		}
	}
	s.subheads = append(s.subheads, subhead{row: s.row, cols: len(values)})
	s.set(values)
}

type subhead struct{ row, cols int }

// chart places a chart at a cell once the columns have their widths: a
// chart spans the cells it covers when added, so it is added last.
func (s *xlsxSheet) chart(cell string, c *excelize.Chart) {
	s.charts = append(s.charts, placedChart{cell: cell, chart: c})
}

type placedChart struct {
	cell    string
	chart   *excelize.Chart
	newPage bool // printed from the top of a page (a break above its row)
}

// chartOnNewPage places a chart as chart does, starting a printed page: a
// chart below a long table would otherwise cross the page break, with
// the repeated header printed over it.
func (s *xlsxSheet) chartOnNewPage(cell string, c *excelize.Chart) {
	s.charts = append(s.charts, placedChart{cell, c, true})
}

// labelRow is a label row's value: it spans the table's width and wraps.
type labelRow struct {
	row   int
	width int // in characters
	from  int // the column it starts in: 2 for a label's value, 1 for a paragraph
}

// label writes the next row as a label and a value; the value does not
// widen its column but spans the sheet's table and wraps there, so that
// long text neither widens the printed page nor runs off it.
func (s *xlsxSheet) label(name string, value any) {
	s.row++
	if len(s.widths) == 0 {
		s.widths = append(s.widths, 0)
	}
	s.widths[0] = max(s.widths[0], cellWidth(name))
	s.labels = append(s.labels, labelRow{row: s.row, width: cellWidth(value), from: 2})
	s.set([]any{name, value})
}

// paragraph writes the next row as text that spans the sheet's table and
// wraps there.
func (s *xlsxSheet) paragraph(text string) {
	s.row++
	s.labels = append(s.labels, labelRow{row: s.row, width: cellWidth(text), from: 1})
	s.set([]any{text})
}

// blocks writes a document's blocks: headings and paragraphs as titles,
// fields as labels, a table under its header (the sheet's first table is
// its header row), list items a row each.
func (s *xlsxSheet) blocks(blocks []doc.Block) {
	doc.Walk(blocks, func(b doc.Block) {
		switch x := b.(type) {
		case doc.Heading:
			if s.row > 0 {
				s.put()
			}
			s.title(x.Text)
		case doc.Paragraph:
			s.paragraph(doc.PlainText(x.Runs))
		case doc.Fields:
			for _, f := range x.Rows {
				s.label(f.Name, doc.PlainText(f.Value))
			}
			s.put()
		case doc.Table:
			head := make([]any, len(x.Header))
			for i, h := range x.Header {
				head[i] = h
			}
			if s.head == 0 {
				s.header(head...)
			} else {
				s.subheader(head...)
			}
			for _, r := range x.Rows {
				cells := make([]any, len(r.Cells))
				for i, c := range r.Cells {
					cells[i] = cellText(c)
				}
				s.put(cells...)
			}
		case doc.List:
			for _, it := range x.Items {
				s.paragraph(doc.PlainText(it))
			}
		}
	})
}

// cellText is a cell's text, a line per run that starts a line.
func cellText(c doc.Cell) string {
	var b strings.Builder
	for _, r := range c {
		if r.Break {
			b.WriteString("\n")
		}
		b.WriteString(doc.PlainText([]doc.Run{{Text: r.Text, Badge: r.Badge, Muted: r.Muted}}))
	}
	return b.String()
}

func (s *xlsxSheet) set(values []any) {
	if s.err != nil {
		return
	}
	values = xlsxprint.FitCells(values, s.lang)
	s.err = s.f.SetSheetRow(s.name, cellName(1, s.row), &values)
	for len(s.texts) < s.row {
		s.texts = append(s.texts, nil)
	}
	texts := make([]string, len(values))
	for i, v := range values {
		if text, ok := v.(string); ok {
			texts[i] = text
		}
	}
	s.texts[s.row-1] = texts
}

// cellWidth is how many characters a value shows, its longest line for text.
func cellWidth(v any) int {
	switch v := v.(type) {
	case string:
		w, line := 0, 0
		for _, r := range v {
			if r == '\n' {
				w, line = max(w, line), 0
				continue
			}
			line++
		}
		return max(w, line)
	case nil:
		return 0
	case float64:
		return len(strconv.FormatFloat(v, 'f', 1, 64))
	default:
		return utf8.RuneCountInString(fmt.Sprint(v))
	}
}

// finish lays the sheet out: columns as wide as their values (long text
// wraps), the header bold, frozen and repeated on every page, landscape A4
// one page wide (or on one page), page numbers in the footer.
func (s *xlsxSheet) finish(styles *xlsxStyles) error {
	f := s.f
	for i, w := range s.widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := float64(s.colWidth(w)) + 2
		if err := f.SetColWidth(s.name, col, col, width); err != nil {
			return err
		}
		if w > s.colWidth(w) {
			if err := f.SetColStyle(s.name, col, styles.wrap); err != nil {
				return err
			}
		}
	}
	if err := s.spanLabels(styles); err != nil {
		return err
	}
	for _, h := range s.subheads {
		if err := f.SetCellStyle(s.name, cellName(1, h.row), cellName(max(h.cols, 1), h.row), styles.header); err != nil {
			return err
		}
	}
	if s.rotate && s.head > 0 {
		// Upright headers wrap into as many lines as a column holds.
		if err := f.SetRowHeight(s.name, s.head, min(float64(s.headLen)*6.5, 150)); err != nil {
			return err
		}
	}
	for _, c := range s.charts {
		if err := f.AddChart(s.name, c.cell, c.chart); err != nil {
			return err
		}
		if c.newPage {
			if err := f.InsertPageBreak(s.name, c.cell); err != nil {
				return err
			}
		}
	}
	if s.head > 0 {
		style := styles.header
		if s.rotate {
			style = styles.upright
		}
		if err := f.SetCellStyle(s.name, cellName(1, s.head), cellName(max(len(s.widths), 1), s.head), style); err != nil {
			return err
		}
		top := cellName(s.freeze+1, s.head+1)
		pane := "bottomLeft"
		if s.freeze > 0 {
			pane = "bottomRight"
		}
		if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, XSplit: s.freeze, YSplit: s.head, TopLeftCell: top, ActivePane: pane}); err != nil {
			return err
		}
	}
	fit := xlsxprint.FitWide
	if s.onePage {
		fit = xlsxprint.FitPage
	}
	return xlsxprint.Setup(f, s.name, xlsxprint.Page{HeaderFrom: s.head, HeaderTo: s.head, Fit: fit, Texts: s.texts, Lang: s.lang})
}

// colWidth is a column's width for its widest value w.
func (s *xlsxSheet) colWidth(w int) int {
	return min(max(w, minColWidth), cmp.Or(s.widest, maxColWidth))
}

// spanLabels merges each label's value over the table's columns, wrapped
// (FitRows makes the row as high as its lines).
func (s *xlsxSheet) spanLabels(styles *xlsxStyles) error {
	last := max(len(s.widths), 2)
	for _, l := range s.labels {
		span := 0
		for _, w := range s.widths[l.from-1:] {
			span += s.colWidth(w) + 2
		}
		from, to := cellName(l.from, l.row), cellName(last, l.row)
		if last > l.from {
			if err := s.f.MergeCell(s.name, from, to); err != nil {
				return err
			}
		}
		if err := s.f.SetCellStyle(s.name, from, to, styles.wrap); err != nil {
			return err
		}
	}
	return nil
}

// decimalFormat shows a fractional number with one decimal, the precision
// of every percent in the reports.
var decimalFormat = "0.0"

// xlsxStyles are the cell styles a workbook shares.
type xlsxStyles struct {
	title, header, upright, wrap, decimal int
	// lang is the workbook's language: its print footers'.
	lang lang.Lang
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	var s xlsxStyles
	var err error
	if s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return nil, err
	}
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}}); err != nil {
		return nil, err
	}
	if s.upright, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, TextRotation: 90, Vertical: "bottom", Horizontal: "center"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}}); err != nil {
		return nil, err
	}
	if s.decimal, err = f.NewStyle(&excelize.Style{CustomNumFmt: &decimalFormat}); err != nil {
		return nil, err
	}
	if s.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, err
	}
	return &s, nil
}

// finishAll lays out every sheet, returning the first error met while
// writing or laying them out.
func finishAll(styles *xlsxStyles, sheets ...*xlsxSheet) error {
	for _, s := range sheets {
		if s.err != nil {
			return s.err
		}
		if err := s.finish(styles); err != nil {
			return err
		}
	}
	return nil
}
