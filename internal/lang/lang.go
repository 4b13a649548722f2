// Package lang holds the words the program writes in a model's language:
// Russian, English or Italian. A message's Russian text is its key (as
// gettext's msgid), so a Russian output is its source text by
// construction; the catalogue gives the English and Italian ones. Packages
// are converted one at a time: a message not yet in the catalogue stays
// Russian, and the tests of every converted output look for Cyrillic.
package lang

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lang is a language: a model's «language».
type Lang string

// The languages.
const (
	RU Lang = "ru"
	EN Lang = "en"
	IT Lang = "it"
)

// Tag is the language's tag for documents: «ru-RU», «en-GB», «it-IT».
func (l Lang) Tag() string {
	switch l {
	case EN:
		return "en-GB"
	case IT:
		return "it-IT"
	}
	return "ru-RU"
}

// Of is the language of a model's «language» (Russian when empty or
// unknown; the model's loader refuses unknown ones).
func Of(code string) Lang {
	switch Lang(code) {
	case EN, IT:
		return Lang(code)
	}
	return RU
}

// T is the message in the language, formatted with args when there are
// any (fmt's verbs, the same in every language).
func (l Lang) T(msg string, args ...any) string {
	if l != RU {
		if tr, ok := catalogue[msg]; ok && tr[l] != "" {
			msg = tr[l]
		}
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// All is the message in every language, Russian first: for readers, which
// accept a file in any of them.
func All(msg string) []string {
	out := []string{msg}
	for _, l := range []Lang{EN, IT} {
		if s := catalogue[msg][l]; s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Number writes a number without trailing zeros, with the language's
// decimal separator: «2,5» in Russian and Italian, «2.5» in English.
func (l Lang) Number(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if l == EN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// Percent writes a percentage with one decimal: «72,1», «72.1».
func (l Lang) Percent(p float64) string {
	s := strconv.FormatFloat(p, 'f', 1, 64)
	if l == EN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// Date writes a date as the language's documents do: 01.06.2025 in
// Russian, 01/06/2025 in Italian, 2025-06-01 in English (ISO, read alike
// on both sides of the Atlantic); "" for none.
func (l Lang) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	switch l {
	case EN:
		return t.Format("2006-01-02")
	case IT:
		return t.Format("02/01/2006")
	}
	return t.Format("02.01.2006")
}

// Count writes n with a noun in the form n takes in the language, given
// its forms: one («1 школа»), few («3 школы») and many («12 школ»).
func (l Lang) Count(n int, one, few, many string) string {
	return strconv.Itoa(n) + " " + l.Plural(n, one, few, many)
}

// Plural is the form of a noun after n: by Russian rules (1, 21, 101 —
// one; 2–4, 22–24 — few; else many), or by English and Italian ones (1 —
// one; else many, few unused). Russian forms the catalogue knows
// («балл», «балла», «баллов») are translated; others — a model's own
// words, already in its language — are taken as they are.
func (l Lang) Plural(n int, one, few, many string) string {
	if n < 0 {
		n = -n
	}
	if l != RU {
		if tr, ok := nouns[one+"|"+few+"|"+many][l]; ok {
			one, many = tr[0], tr[1]
		}
		if n == 1 {
			return one
		}
		return many
	}
	switch n10, n100 := n%10, n%100; {
	case n10 == 1 && n100 != 11:
		return one
	case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
		return few
	}
	return many
}

// Phrase is a message written later, in a language its maker does not
// know yet: its Russian format (the catalogue's key) and its arguments.
// An argument that is Localized — another Phrase, or a package's own
// word such as a number with its decimal mark — is written in the same
// language.
type Phrase struct {
	Format string
	Args   []any
}

// Localized is a message's argument written in the message's language.
type Localized interface{ In(Lang) string }

// P makes a phrase.
func P(format string, args ...any) Phrase { return Phrase{format, args} }

// In writes the phrase in the language.
func (p Phrase) In(l Lang) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if x, ok := a.(Localized); ok {
			a = x.In(l)
		}
		args[i] = a
	}
	if len(args) == 0 {
		return l.T(p.Format)
	}
	return l.T(p.Format, args...)
}

// String is the phrase in Russian.
func (p Phrase) String() string { return p.In(RU) }

// Error is an error whose message is a phrase: written in the language of
// whoever shows it (In), Russian as an error (Error).
type Error struct{ Phrase }

// Errorf makes an Error.
func Errorf(format string, args ...any) error { return Error{P(format, args...)} }

func (e Error) Error() string { return e.String() }

// Message is err's message to write in a language: err's own when it is
// Localized (also when wrapped without words of its own), as an Error
// is, else its text as it is.
func Message(err error) Localized {
	var l Localized
	if errors.As(err, &l) && l.In(RU) == err.Error() {
		return l
	}
	return Text(err.Error())
}

// Lines is errors' messages a line each.
func Lines(errs []error) Joined {
	j := Joined{Sep: "\n"}
	for _, err := range errs {
		if err != nil {
			j.Items = append(j.Items, P("%s", Message(err)))
		}
	}
	return j
}

// Text is a text the same in every language: a name, a value, a message
// of another program's.
type Text string

func (t Text) In(Lang) string { return string(t) }

// Joined is phrases written one after another, Sep between them: a list
// of a sheet's columns, a file's problems a line each.
type Joined struct {
	Sep   string
	Items []Phrase
}

func (j Joined) In(l Lang) string {
	out := make([]string, len(j.Items))
	for i, p := range j.Items {
		out[i] = p.In(l)
	}
	return strings.Join(out, j.Sep)
}
