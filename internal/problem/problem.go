// Package problem describes problems found in user input, each tied to the
// place where it was found, so that one run can report all of them.
package problem

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/safetext"
)

// Location names a place in an input file. Zero fields are omitted when the
// location is printed.
type Location struct {
	File  string // path as the user gave it
	Sheet string // worksheet name (xlsx only)
	Row   int    // 1-based row or line number
	Col   int    // 1-based column number
}

// String formats the location the way a school secretary can find it:
// "ответы.xlsx:Ответы!C14" for a spreadsheet cell, "ответы.csv:строка 14, столбец 2"
// for a CSV field, "model.yaml:12" for a model line.
func (l Location) String() string { return l.In(lang.RU) }

// In is String in a language: «row 14, column 2».
func (l Location) In(lg lang.Lang) string {
	var b strings.Builder
	b.WriteString(safetext.Terminal(l.File))
	switch {
	case l.Sheet != "":
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(safetext.Terminal(l.Sheet))
		if l.Row > 0 {
			b.WriteByte('!')
			if l.Col > 0 {
				b.WriteString(ColumnName(l.Col))
			} else {
				b.WriteString(lg.T("строка "))
			}
			b.WriteString(strconv.Itoa(l.Row))
		}
	case l.Row > 0 && isYAML(l.File):
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(l.Row))
		if l.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(l.Col))
		}
	case l.Row > 0:
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(lg.T("строка "))
		b.WriteString(strconv.Itoa(l.Row))
		if l.Col > 0 {
			b.WriteString(lg.T(", столбец "))
			b.WriteString(strconv.Itoa(l.Col))
		}
	}
	return b.String()
}

// Cell names the place without the file: "Ответы!C14", "строка 14,
// столбец 3".
func (l Location) Cell() string { return l.CellIn(lang.RU) }

// CellIn is Cell in a language.
func (l Location) CellIn(lg lang.Lang) string {
	l.File = ""
	return l.In(lg)
}

func isYAML(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

// ColumnName converts a 1-based column number to its spreadsheet letters (1 → A, 28 → AB).
func ColumnName(col int) string {
	var buf [8]byte
	i := len(buf)
	for col > 0 && i > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}

// Problem is one thing wrong with an input, in Russian.
type Problem struct {
	Location Location
	Message  string
	// Lang is the language the message is written in, which its place
	// takes too («строка 3», «line 3»); empty is Russian — or not known
	// where the problem was found (a model folder without its root file).
	Lang lang.Lang
	// Said, when set, is the message to write in another language than
	// Lang (In).
	Said lang.Localized
}

func (p Problem) String() string { return p.In(p.Lang) }

// In is String with the location in a language, and the message too
// when the problem says it (Said).
func (p Problem) In(l lang.Lang) string {
	msg := p.Message
	if p.Said != nil {
		msg = safetext.Terminal(p.Said.In(l))
	}
	loc := p.Location.In(l)
	if loc == "" {
		return msg
	}
	return loc + ": " + msg
}

// At builds a problem with a formatted message. Text arguments are values
// from files (answers, names, model texts): their control characters are
// made visible (see safetext.Terminal), so that a message printed on a
// terminal can neither rewrite it nor forge lines.
func At(loc Location, format string, args ...any) Problem {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = safetext.Terminal(s)
		}
	}
	return Problem{Location: loc, Message: fmt.Sprintf(format, args...)}
}

// List is a set of problems that together make an input unusable. It is an error.
type List []Problem

// Lang is the language the list is written in: its first problem's.
func (l List) Lang() lang.Lang {
	if len(l) == 0 {
		return lang.RU
	}
	return l[0].Lang
}

func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Sort orders problems as a person reads the files: by file, sheet, row
// and column; problems about a file or sheet as a whole come after its
// cells. Problems at the same place keep their order.
func Sort(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		la, lb := a.Location, b.Location
		if c := cmp.Compare(la.File, lb.File); c != 0 {
			return c
		}
		if c := cmp.Compare(la.Sheet, lb.Sheet); c != 0 {
			return c
		}
		if (la.Row == 0) != (lb.Row == 0) {
			if la.Row == 0 {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(la.Row, lb.Row); c != 0 {
			return c
		}
		return cmp.Compare(la.Col, lb.Col)
	})
}

// Cap keeps the first n problems and, when there were more, adds one at
// where saying how many more there were: a broken file can have a problem
// on every one of thousands of lines, and nobody reads past the first.
func Cap(ps []Problem, n int, where Location, l lang.Lang) []Problem {
	if len(ps) <= n {
		return ps
	}
	more := len(ps) - n
	return append(ps[:n:n], Problem{Location: where, Lang: l,
		Message: l.T("показаны первые %d проблем, не показано ещё %d: исправьте показанные и проверьте файл снова", n, more)})
}
