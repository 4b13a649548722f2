package xlsxopen

import (
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// Limits on the text a workbook's cells give. The zip limits bound the
// archive, not its text: a few kilobytes of cells may all point to one
// long shared string, and every cell read is a copy of it.
const (
	// MaxCellText is the most characters a cell holds, as in Excel.
	MaxCellText = 32767
	// MaxBookText bounds the text of all cells read from one workbook, in
	// bytes (a district of 44,000 schools gives some 50 MB).
	MaxBookText = 256 << 20
)

// TextBudget counts the text read from one workbook's cells. Limit is
// the bound in bytes; 0 is MaxBookText.
type TextBudget struct {
	Limit int64
	used  int64
}

// Take counts a row's cells. It returns a message, and the 0-based column
// of the cell at fault, once a cell is longer than Excel allows or the
// workbook's text exceeds MaxBookText; ok while within.
func (b *TextBudget) Take(cells []string) (col int, msg lang.Phrase, ok bool) {
	for i, c := range cells {
		if len(c) > MaxCellText && utf8.RuneCountInString(c) > MaxCellText {
			return i, lang.P("в ячейке больше %d знаков (%d): в Excel так не бывает; книга повреждена или составлена нарочно — сохраните данные в новую книгу",
				MaxCellText, utf8.RuneCountInString(c)), false
		}
		limit := b.Limit
		if limit == 0 {
			limit = MaxBookText
		}
		b.used += int64(len(c))
		if b.used > limit {
			return i, lang.P("текст ячеек книги больше %d МБ: столько не бывает (возможно, одна длинная строка повторена во множестве ячеек); сохраните данные в новую книгу",
				limit>>20), false
		}
	}
	return 0, lang.Phrase{}, true
}
