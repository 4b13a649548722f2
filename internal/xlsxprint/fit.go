package xlsxprint

import (
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// Excel's bounds on a cell's text and a row's height.
const (
	MaxCellText  = 32767 // characters
	MaxRowHeight = 409   // points
)

// cutMark ends a text cut to fit a cell, so a reader sees it is not whole.
const cutMark = "… [обрезано: в ячейке Excel не больше 32 767 знаков]"

// FitCells makes a row's values fit Excel's cells: a text longer than a
// cell holds is cut, with a visible mark in the workbook's language l,
// instead of failing the workbook.
func FitCells(values []any, l lang.Lang) []any {
	mark := l.T(cutMark)
	for i, v := range values {
		if s, ok := v.(string); ok && len(s) > MaxCellText && utf8.RuneCountInString(s) > MaxCellText {
			keep := MaxCellText - utf8.RuneCountInString(mark)
			r := []rune(s)
			values[i] = string(r[:keep]) + mark
		}
	}
	return values
}

// RowHeight bounds a row's height, in points, to what Excel allows: a row
// of very long wrapped text shows its start, not an error.
func RowHeight(points float64) float64 { return min(points, MaxRowHeight) }
