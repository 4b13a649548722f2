// Package lang holds the words the program writes in a model's language:
// Russian, English or Italian. A message's Russian text is its key (as
// gettext's msgid), so a Russian output is its source text by
// construction; the catalogue gives the English and Italian ones. Packages
// are converted one at a time: a message not yet in the catalogue stays
// Russian, and the tests of every converted output look for Cyrillic.
package lang

import (
	"fmt"
	"strconv"
	"strings"
)

// Lang is a language: a model's «language».
type Lang string

// The languages.
const (
	RU Lang = "ru"
	EN Lang = "en"
	IT Lang = "it"
)

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
