package xlsxprint

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// A text longer than a cell holds is cut to the cell's bound with a mark
// in the workbook's language; shorter texts and other values stay.
func TestFitCells(t *testing.T) {
	long := strings.Repeat("ю", MaxCellText+10)
	for _, tc := range []struct {
		l    lang.Lang
		mark string
	}{
		{lang.RU, "… [обрезано: в ячейке Excel не больше 32 767 знаков]"},
		{lang.EN, "… [cut: an Excel cell holds at most 32,767 characters]"},
		{lang.IT, "… [tagliato: una cella di Excel contiene al massimo 32.767 caratteri]"},
	} {
		got := FitCells([]any{"short", long, 42}, tc.l)
		cut := got[1].(string)
		if got[0] != "short" || got[2] != 42 || !strings.HasSuffix(cut, tc.mark) || utf8.RuneCountInString(cut) != MaxCellText {
			t.Errorf("%s: %q, %d characters, …%q", tc.l, got[0], utf8.RuneCountInString(cut), cut[len(cut)-80:])
		}
	}
	exact := strings.Repeat("ю", MaxCellText)
	if got := FitCells([]any{exact}, lang.EN); got[0] != exact {
		t.Error("a text of exactly the bound was cut")
	}
}
