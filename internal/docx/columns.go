package docx

import (
	"strings"
)

//go:generate go run genwidths.go

// Table text sizes tried, in points, largest first: a table too wide for
// its words at 10 pt is set smaller rather than breaking them; 7 pt only
// to keep a header's words whole.
var (
	tableSizes  = []float64{10, 9, 8}
	headerSizes = []float64{8, 7}
)

// Cell margins, in twips: Word's default 0.19 cm on each side at 10 pt,
// 0.1 cm in a table set smaller (it is set smaller for want of room).
const (
	cellMargin       = 108
	narrowCellMargin = 57
	borderSlack      = 40 // the border lines, and rounding
)

// cellPadding is a cell's margins and borders at size points, in twips.
func cellPadding(size float64) float64 {
	if size < tableSizes[0] {
		return 2*narrowCellMargin + borderSlack
	}
	return 2*cellMargin + borderSlack
}

// textEm is how wide s prints, in ems, by the widths of DejaVu Serif
// (wider than Times New Roman); a letter not measured counts as a whole
// em.
func textEm(s string, bold bool) float64 {
	table := regularWidths
	if bold {
		table = boldWidths
	}
	em := 0
	for _, r := range s {
		w, ok := table[r]
		if !ok {
			w = 1000
		}
		em += int(w)
	}
	return float64(em) / 1000
}

// textTwips is how wide s prints at size points, in twips.
func textTwips(s string, bold bool, size float64) float64 { return textEm(s, bold) * size * 20 }

// words splits a line where it may break: at spaces, and after a hyphen
// or a slash, as Word breaks. A non-breaking space joins (a number and
// its «%»).
func words(line string) []string {
	var out []string
	for _, f := range strings.Split(line, " ") {
		for f != "" {
			i := strings.IndexAny(f, "-/")
			if i < 0 || i == len(f)-1 {
				out = append(out, f)
				break
			}
			out = append(out, f[:i+1])
			f = f[i+1:]
		}
	}
	return out
}

// measure is a column's content in ems, measured once for every size:
// its longest word (headerWord: of the header alone, bold) and its
// longest line.
type measure struct{ word, headerWord, line float64 }

func (m *measure) add(text string, bold, header bool) {
	for _, line := range strings.Split(text, "\n") {
		m.line = max(m.line, textEm(line, bold))
		for _, w := range words(line) {
			m.word = max(m.word, textEm(w, bold))
			if header {
				m.headerWord = max(m.headerWord, textEm(w, bold))
			}
		}
	}
}

// need is how wide a column must be so that no word breaks (min) and so
// that no line wraps (max), in twips.
type need struct{ min, max float64 }

// at is the column's need at size points, every word kept whole or, when
// not cellWords, the header's.
func (m measure) at(size float64, cellWords bool) need {
	word := m.headerWord
	if cellWords {
		word = m.word
	}
	return need{min: word*size*20 + cellPadding(size), max: m.line*size*20 + cellPadding(size)}
}

// columnWidths sizes a table's columns by their content, as a browser
// sizes an automatic table: every column at least as wide as its longest
// word (a header never breaks inside a word), the rest of the text width
// shared by how much more each column's longest line wants. A table whose
// words do not fit at 10 pt is set at 9 or 8 pt with narrower cell
// margins; when not even then, only the headers' words are kept whole, at
// 8 or 7 pt (and when not even those, the columns keep the shares of their
// longest words). It returns the widths in
// twips, summing to avail, and the size in points.
func columnWidths(t Table, cols, avail int) ([]int, float64) {
	measures := tableMeasures(t, cols)
	var needs []need
	var size float64
	fitsAt := func(sz float64, cellWords bool) bool {
		needs = make([]need, cols)
		for i, m := range measures {
			needs[i] = m.at(sz, cellWords)
		}
		return sumOf(needs, func(n need) float64 { return n.min }) <= float64(avail)
	}
	fits := false
	for _, size = range tableSizes {
		if fits = fitsAt(size, true); fits {
			break
		}
	}
	// Too many columns for their cells' longest words even at the
	// smallest size: the headers' words still stay whole, a long word in
	// a cell may break.
	for _, sz := range headerSizes {
		if fits {
			break
		}
		size = sz
		fits = fitsAt(size, false)
	}
	mins := sumOf(needs, func(n need) float64 { return n.min })
	maxs := sumOf(needs, func(n need) float64 { return n.max })
	widths := make([]float64, cols)
	for i, n := range needs {
		switch {
		case maxs <= float64(avail): // every line fits: the spare width by line length
			widths[i] = n.max + (float64(avail)-maxs)*n.max/maxs
		case mins <= float64(avail):
			widths[i] = n.min + (float64(avail)-mins)*(n.max-n.min)/(maxs-mins)
		default:
			widths[i] = float64(avail) * n.min / mins
		}
	}
	return rounded(widths, avail), size
}

// tableMeasures measures every column: the header bold, the cells in
// their rows' weight.
func tableMeasures(t Table, cols int) []measure {
	ms := make([]measure, cols)
	for i := range cols {
		if i < len(t.Header) {
			ms[i].add(t.Header[i], true, true)
		}
		for r, row := range t.Rows {
			if i < len(row) {
				ms[i].add(row[i], t.BoldRows[r], false)
			}
		}
	}
	return ms
}

func sumOf(needs []need, f func(need) float64) float64 {
	s := 0.0
	for _, n := range needs {
		s += f(n)
	}
	return s
}

// rounded rounds widths to whole twips summing to total: the remainder
// goes to the last column.
func rounded(widths []float64, total int) []int {
	out := make([]int, len(widths))
	left := total
	for i, w := range widths {
		out[i] = int(w)
		left -= out[i]
	}
	if len(out) > 0 {
		out[len(out)-1] += left
	}
	return out
}
