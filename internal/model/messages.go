package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// A model's problems are written in its language, which is known only
// once its root (or its sheets' names) is read: the loader keeps each
// problem's message and arguments and writes them when it finishes.
// Arguments that are words of the program rather than values of the
// files — a phrase, a sheet's or column's name, a number, a count of
// points — are marked so that they are written in that language too.

// pending is a problem waiting for the model's language.
type pending struct {
	loc    problem.Location
	format string
	args   []any
}

// phrase is a part of a message in the program's words: «показателя %s»,
// a sheet's name.
type phrase struct {
	format string
	args   []any
}

// wordList is a list of the program's words: a sheet's columns.
type wordList []string

// number is a number written with the language's decimal separator.
type number float64

// pointsCount is a number of points with its noun: «3 балла», «3 points».
type pointsCount int

// pointsBelow is what «меньше» takes: «меньше 1 балла», «below 1 point».
type pointsBelow int

// bandLabel is a band as the documents write it: «от 0 до 2 чел.».
type bandLabel struct {
	band Band
	spec *NumberSpec
}

// andList lists items: «a, b и c», «a, b and c».
type andList []any

// add records a problem. A value quoted is cut: a hostile model repeats a
// megabyte in every message.
func (l *loader) add(loc problem.Location, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = textnorm.Truncate(s, maxQuoted)
		}
	}
	l.pending = append(l.pending, pending{loc, format, args})
}

// ph marks a phrase of the program's words in a message's arguments.
func (l *loader) ph(format string, args ...any) phrase { return phrase{format, args} }

// failed says whether a problem has been found.
func (l *loader) failed() bool { return len(l.pending) > 0 }

// problems writes the problems found in the model's language, sorted as
// a person reads the files.
func (l *loader) problems() problem.List {
	out := make(problem.List, 0, len(l.pending))
	for _, p := range l.pending {
		args := make([]any, len(p.args))
		for i, a := range p.args {
			args[i] = inLang(l.lang, a)
		}
		pr := problem.At(p.loc, l.lang.T(p.format), args...)
		pr.Lang = l.lang
		out = append(out, pr)
	}
	problem.Sort(out)
	return out
}

// inLang writes a marked argument in the language; others are values.
func inLang(lg lang.Lang, a any) any {
	switch v := a.(type) {
	case phrase:
		args := slices.Clone(v.args)
		for i, x := range args {
			args[i] = inLang(lg, x)
		}
		return lg.T(v.format, args...)
	case wordList:
		out := make([]string, len(v))
		for i, w := range v {
			out[i] = lg.T(w)
		}
		return strings.Join(out, ", ")
	case number:
		return lg.Number(float64(v))
	case pointsCount:
		return lg.Count(int(v), "балл", "балла", "баллов")
	case pointsBelow:
		return lg.Count(int(v), "балла", "баллов", "баллов")
	case bandLabel:
		return v.band.LabelIn(v.spec, lg)
	case yamlMessage:
		return YAMLTextIn(lg, string(v))
	case andList:
		out := make([]string, len(v))
		for i, x := range v {
			out[i] = fmt.Sprint(inLang(lg, x))
		}
		if len(out) < 2 {
			return strings.Join(out, "")
		}
		return strings.Join(out[:len(out)-1], ", ") + " " + lg.T("и") + " " + out[len(out)-1]
	}
	return a
}
