package xlsxprint

import "unicode/utf8"

// Excel's bounds on a cell's text and a row's height.
const (
	MaxCellText  = 32767 // characters
	MaxRowHeight = 409   // points
)

// cutMark ends a text cut to fit a cell, so a reader sees it is not whole.
const cutMark = "… [обрезано: в ячейке Excel не больше 32 767 знаков]"

// FitCells makes a row's values fit Excel's cells: a text longer than a
// cell holds is cut, with a visible mark, instead of failing the workbook.
func FitCells(values []any) []any {
	for i, v := range values {
		if s, ok := v.(string); ok && len(s) > MaxCellText && utf8.RuneCountInString(s) > MaxCellText {
			keep := MaxCellText - utf8.RuneCountInString(cutMark)
			r := []rune(s)
			values[i] = string(r[:keep]) + cutMark
		}
	}
	return values
}

// RowHeight bounds a row's height, in points, to what Excel allows: a row
// of very long wrapped text shows its start, not an error.
func RowHeight(points float64) float64 { return min(points, MaxRowHeight) }
