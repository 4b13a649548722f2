package model

import (
	"fmt"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// A model's problems are written in its language, which is known only
// once its root (or its sheets' names) is read: the loader keeps each
// problem's message and arguments and writes them when it finishes.
// Arguments that are words of the program rather than values of the
// files — a phrase (lang.P), a sheet's or column's name, a number, a
// count of points — are lang.Localized, written in that language too.

// pending is a problem waiting for the model's language.
type pending struct {
	loc problem.Location
	msg lang.Phrase
}

// wordList is a list of the program's words: a sheet's columns.
func wordList(words []string) lang.Joined {
	j := lang.Joined{Sep: ", "}
	for _, w := range words {
		j.Items = append(j.Items, lang.P(w))
	}
	return j
}

// number is a number written with the language's decimal separator.
type number float64

func (n number) In(lg lang.Lang) string { return lg.Number(float64(n)) }

// pointsBelow is what «меньше» takes: «меньше 1 балла», «below 1 point».
type pointsBelow int

func (n pointsBelow) In(lg lang.Lang) string {
	return lg.Count(int(n), "балла", "баллов", "баллов")
}

// bandLabel is a band as the documents write it: «от 0 до 2 чел.».
type bandLabel struct {
	band Band
	spec *NumberSpec
}

func (b bandLabel) In(lg lang.Lang) string { return b.band.LabelIn(b.spec, lg) }

// YAMLMessage is a message of the YAML parser, written in the language
// of the message it is part of.
type YAMLMessage string

func (m YAMLMessage) In(lg lang.Lang) string { return YAMLTextIn(lg, string(m)) }

// andList lists items: «a, b и c», «a, b and c».
type andList []any

func (a andList) In(lg lang.Lang) string {
	out := make([]string, len(a))
	for i, x := range a {
		if loc, ok := x.(lang.Localized); ok {
			x = loc.In(lg)
		}
		out[i] = fmt.Sprint(x)
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + " " + lg.T("и") + " " + out[len(out)-1]
}

// add records a problem. A value quoted is cut: a hostile model repeats a
// megabyte in every message.
func (l *loader) add(loc problem.Location, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = textnorm.Truncate(s, maxQuoted)
		}
	}
	l.pending = append(l.pending, pending{loc, lang.P(format, args...)})
}

// failed says whether a problem has been found.
func (l *loader) failed() bool { return len(l.pending) > 0 }

// problems writes the problems found in the model's language, sorted as
// a person reads the files.
func (l *loader) problems() problem.List {
	out := make(problem.List, 0, len(l.pending))
	for _, p := range l.pending {
		// The values in it are the files': their control characters are
		// made visible, as problem.At does.
		out = append(out, problem.Problem{Location: p.loc, Message: safetext.Terminal(p.msg.In(l.lang)), Lang: l.lang, Said: p.msg})
	}
	problem.Sort(out)
	return out
}
