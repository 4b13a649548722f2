// Package textnorm normalises what people type into answer cells, so that
// «Да», " да " and "ДА" match the same option, and "85,5 %" reads as 85.5.
package textnorm

import (
	"errors"
	"golang.org/x/text/unicode/norm"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quotes are the quote characters stripped from both ends of an answer.
const quotes = "\"'«»“”„‟‘’‚‛`"

// Normalize folds an answer or option text for comparison: surrounding quotes
// and white space (including non-breaking spaces) are removed, inner white
// space is collapsed to one space, letters are lower-cased, «ё» becomes «е»,
// Latin letters lose their diacritics («sì» is «si», «é» is «e») and
// dashes become a hyphen.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007' || r == '\u200b' || r == '\ufeff':
			space = true
			continue
		case r == 'ё' || r == 'Ё':
			r = 'е'
		case r == '–' || r == '—' || r == '−' || r == '‑':
			r = '-'
		default:
			r = foldLatin(unicode.ToLower(r))
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	// Strip surrounding quotes (possibly nested, possibly with spaces inside).
	for {
		trimmed := strings.TrimSpace(strings.Trim(out, quotes))
		if trimmed == out {
			return out
		}
		out = trimmed
	}
}

// foldLatin drops the diacritics of a Latin letter (à, é, ì, ñ, ç, ł …):
// the letter its canonical decomposition starts with, when that is a plain
// Latin letter. Cyrillic letters are left alone (й is not и).
func foldLatin(r rune) rune {
	if r < 0xC0 || r > 0x24F {
		return r
	}
	if r == 'ł' {
		return 'l' // no decomposition, but a Polish l all the same
	}
	d := norm.NFD.String(string(r))
	if c := d[0] | 0x20; c >= 'a' && c <= 'z' {
		return rune(d[0])
	}
	return r
}

// ErrNotNumber is returned by ParseNumber for text that is not a number.
var ErrNotNumber = errors.New("не число")

// MaxDigits is the most significant digits a number may have: every
// decimal of up to 15 digits is told apart from its neighbours by float64,
// so comparing it with a band's bounds is exact. Nobody types more.
const MaxDigits = 15

// ErrTooManyDigits is returned for a number of more than MaxDigits digits.
var ErrTooManyDigits = errors.New("слишком много цифр")

// ErrSpaceInNumber is returned for digits split by a space that does not
// separate thousands («8 5», «5<tab>0»): which number was meant is unsure.
var ErrSpaceInNumber = errors.New("пробел внутри числа")

// Number is a number as people write it in Russian documents: a decimal
// comma or point, spaces (including non-breaking) as thousands separators,
// an optional sign, then optionally a unit: "%" or a word ("4 шт.",
// "12 чел.").
type Number struct {
	Value float64
	// Unit is "%" or the word after the number, lower case, without its
	// dots ("шт"); "" when there is none.
	Unit string
}

// ParseNumber reads a number with an optional unit. It fails with
// ErrNotNumber for other text and ErrTooManyDigits for a number of more
// than MaxDigits significant digits.
func ParseNumber(s string) (Number, error) {
	s = strings.TrimSpace(s)
	// The unit: trailing letters, dots and spaces, or a per cent sign.
	end := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' && !unicode.IsSpace(r) })
	var n Number
	if word := strings.TrimSpace(s[end+1:]); strings.ContainsFunc(word, unicode.IsLetter) {
		n.Unit = strings.ToLower(strings.ReplaceAll(word, ".", ""))
		s = strings.TrimSpace(s[:end+1])
	}
	if rest, ok := strings.CutSuffix(s, "%"); ok && n.Unit == "" {
		n.Unit, s = "%", strings.TrimSpace(rest)
	}
	var b []byte // the number as strconv.ParseFloat reads it
	seenSep := false
	// A space (or an apostrophe) may only separate thousands: «1 000»,
	// «12 345,5»; group counts the digits since the last one.
	group, grouped := 0, false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b = append(b, byte(r))
			group++
		case r == ',' || r == '.':
			if seenSep {
				return Number{}, ErrNotNumber
			}
			if grouped && group != 3 {
				return Number{}, ErrSpaceInNumber
			}
			seenSep = true
			b = append(b, '.')
		case (r == '-' || r == '−' || r == '+') && i == 0:
			if r != '+' {
				b = append(b, '-')
			}
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2007' || r == '\'':
			if seenSep || group == 0 || group > 3 || grouped && group != 3 {
				return Number{}, ErrSpaceInNumber
			}
			group, grouped = 0, true
		case unicode.IsSpace(r):
			return Number{}, ErrSpaceInNumber
		default:
			return Number{}, ErrNotNumber
		}
	}
	if grouped && !seenSep && group != 3 {
		return Number{}, ErrSpaceInNumber
	}
	// Significant digits: no leading zeros, no trailing zeros of a fraction.
	intPart, frac, _ := strings.Cut(strings.TrimPrefix(string(b), "-"), ".")
	digits := strings.TrimLeft(intPart+strings.TrimRight(frac, "0"), "0")
	if !strings.ContainsAny(string(b), "0123456789") {
		return Number{}, ErrNotNumber
	}
	if len(digits) > MaxDigits {
		return Number{}, ErrTooManyDigits
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return Number{}, ErrNotNumber
	}
	n.Value = v
	return n, nil
}

// ParseBool reads a yes/no answer in Russian or English ("да", "нет", "yes",
// "no", "1", "0", "+", "-", "есть"). ok is false when the text is neither.
func ParseBool(s string) (v, ok bool) {
	switch Normalize(s) {
	case "да", "д", "есть", "имеется", "yes", "y", "true", "1", "+", "истина", "sì", "si", "vero":
		return true, true
	case "нет", "н", "не имеется", "отсутствует", "no", "n", "false", "0", "-", "ложь", "falso":
		return false, true
	}
	return false, false
}

// Key folds a header or meta label for comparison: Normalize plus removal of
// every character that is not a letter or digit, so that "Код ОО:" and
// "код  оо" are the same key. "№" survives as a sign of its own.
func Key(s string) string {
	n := Normalize(s)
	var b strings.Builder
	b.Grow(len(n))
	for _, r := range n {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '№' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Truncate shortens s to at most n runes for quoting in a message.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
