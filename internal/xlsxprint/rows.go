package xlsxprint

import (
	"math"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// Excel's defaults: text at 11 pt in rows of 15 pt; a column's width is
// counted in widths of the digit «0» at 11 pt.
const (
	defaultFontSize = 11
	lineHeight      = 15.0 / defaultFontSize // a line's height per point of font size
	rowPadding      = 3                      // points above and below a row's text
)

// FitRows makes every row of a sheet as tall as its wrapped text: a cell
// that wraps (its style says so, or its text has line breaks) in a column
// too narrow for it needs several lines, and neither Excel nor LibreOffice
// computes a row's height when printing a file that does not state it, so
// the lines were printed over the next rows. Merged cells over one row
// wrap in the width of all their columns; text turned upright and rows
// already taller are left as they are. rows is the sheet's text when the
// writer kept it; nil reads it from the sheet.
func FitRows(f *excelize.File, sheet string, rows [][]string) error {
	if rows == nil {
		var err error
		if rows, err = f.GetRows(sheet); err != nil {
			return err
		}
	}
	merged, err := mergedSpans(f, sheet)
	if err != nil {
		return err
	}
	fit := &sheetFit{f: f, sheet: sheet, merged: merged, fonts: map[int]cellFont{}, widths: map[int]float64{}}
	for r, cells := range rows {
		need := 0.0
		for c, text := range cells {
			if text == "" {
				continue
			}
			h, err := fit.cellHeight(c+1, r+1, text)
			if err != nil {
				return err
			}
			need = max(need, h)
		}
		if need <= lineHeight*defaultFontSize+rowPadding {
			continue
		}
		have, err := f.GetRowHeight(sheet, r+1)
		if err != nil {
			return err
		}
		if need > have {
			if err := f.SetRowHeight(sheet, r+1, RowHeight(math.Ceil(need))); err != nil {
				return err
			}
		}
	}
	return nil
}

// sheetFit is what FitRows learns of a sheet as it goes: its merged
// ranges, and its styles' fonts and columns' widths once looked up.
type sheetFit struct {
	f      *excelize.File
	sheet  string
	merged map[string]int
	fonts  map[int]cellFont // style → font
	widths map[int]float64  // column → width
}

// cellHeight is the height, in points, the text of the cell at col, row
// needs; 0 for a cell that does not wrap.
func (s *sheetFit) cellHeight(col, row int, text string) (float64, error) {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return 0, err
	}
	style, err := s.f.GetCellStyle(s.sheet, cell)
	if err != nil {
		return 0, err
	}
	font, ok := s.fonts[style]
	if !ok {
		if font, err = styleFont(s.f, style); err != nil {
			return 0, err
		}
		s.fonts[style] = font
	}
	if font.upright || (!font.wrap && !strings.Contains(text, "\n")) {
		return 0, nil
	}
	last, inMerge := s.merged[cell]
	if !inMerge {
		last = col
	} else if last == 0 {
		return 0, nil // merged over several rows: not fitted
	}
	width := 0.0
	for c := col; c <= last; c++ {
		w, err := s.colWidth(c)
		if err != nil {
			return 0, err
		}
		width += w
	}
	return float64(Lines(text, width*defaultFontSize/font.size/font.weight))*font.size*lineHeight + rowPadding, nil
}

func (s *sheetFit) colWidth(col int) (float64, error) {
	if w, ok := s.widths[col]; ok {
		return w, nil
	}
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return 0, err
	}
	w, err := s.f.GetColWidth(s.sheet, name)
	s.widths[col] = w
	return w, err
}

// mergedSpans maps the first cell of each merged range to its last
// column, or to 0 when the range spans several rows.
func mergedSpans(f *excelize.File, sheet string) (map[string]int, error) {
	ranges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	spans := map[string]int{}
	for _, m := range ranges {
		c0, r0, err := excelize.CellNameToCoordinates(m.GetStartAxis())
		if err != nil {
			return nil, err
		}
		c1, r1, err := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err != nil {
			return nil, err
		}
		first, _ := excelize.CoordinatesToCellName(c0, r0)
		spans[first] = c1
		if r1 != r0 {
			spans[first] = 0
		}
	}
	return spans, nil
}

// cellFont is what of a cell's style decides how its text wraps.
type cellFont struct {
	size    float64 // points
	weight  float64 // how much wider than regular letters: bold ones are
	wrap    bool
	upright bool
}

func styleFont(f *excelize.File, style int) (cellFont, error) {
	font := cellFont{size: defaultFontSize, weight: 1}
	if style == 0 {
		return font, nil
	}
	s, err := f.GetStyle(style)
	if err != nil {
		return font, err
	}
	if s.Font != nil {
		if s.Font.Size > 0 {
			font.size = s.Font.Size
		}
		if s.Font.Bold {
			font.weight = 1.1
		}
	}
	if s.Alignment != nil {
		font.wrap = s.Alignment.WrapText
		font.upright = s.Alignment.TextRotation != 0
	}
	return font, nil
}

// Lines is how many lines text takes wrapped in a column width wide (in
// Excel's units: widths of the digit «0»), breaking at spaces and, for a
// word longer than a line, inside it, as Excel does; a line break starts
// a new line. The letters' widths are estimated on the wide side, so a
// row may be a little taller than its text but never shorter.
func Lines(text string, width float64) int {
	width = max(width-1, 1) // the cell's margins
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		line := 0.0
		for i, word := range strings.Fields(para) {
			w := textWidth(word)
			space := runeWidth(' ')
			if i == 0 || line == 0 {
				space = 0
			}
			switch {
			case line+space+w <= width:
				line += space + w
			case w <= width:
				lines++
				line = w
			default: // a word longer than a line is broken
				if line > 0 {
					lines++
				}
				line = 0
				for _, r := range word {
					if line+runeWidth(r) > width {
						lines++
						line = 0
					}
					line += runeWidth(r)
				}
			}
		}
	}
	return lines
}

func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// runeWidth estimates a letter's width at 11 pt in widths of «0»
// (Calibri and its metric twin Carlito), rounded up per kind of letter.
func runeWidth(r rune) float64 {
	switch {
	case unicode.IsSpace(r):
		return 0.5
	case strings.ContainsRune("mwMWшщжюыфмШЩЖЮЫФМ%@", r):
		return 1.6
	case unicode.IsUpper(r):
		return 1.35
	case unicode.IsDigit(r):
		return 1
	case unicode.IsPunct(r):
		return 0.7
	default:
		return 1.05
	}
}
