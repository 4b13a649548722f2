// Package safetext makes untrusted text (school names, codes, answers,
// file names, model texts) safe for the medium it lands in: a spreadsheet
// cell of a CSV file, a terminal, a Markdown document. HTML is escaped by
// html/template, xlsx cells are text by type.
package safetext

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CSVField keeps a value that a spreadsheet would take for a formula as
// text, as OWASP advises: a field starting (after spaces) with =, +, -, @,
// a tab or a carriage return gets a leading apostrophe, which Excel and
// LibreOffice show as text. A number stays a number («-5», «+3,5»).
func CSVField(s string) string {
	t := strings.TrimLeft(s, " \u00a0")
	if t == "" {
		return s
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isNumber(t) {
			return s
		}
		return "'" + s
	}
	return s
}

func isNumber(s string) bool {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// Terminal replaces the characters that would act on a terminal instead
// of being shown — control characters (ESC, BEL, CR, LF, …) and the
// invisible bidirectional overrides — with visible escapes like \x1b, so
// that a value can neither rewrite the screen nor forge lines.
func Terminal(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r) // bytes that are not UTF-8 come as U+FFFD, shown as such
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// markdownEscaper escapes what could make HTML, a link, an image, code or a
// table cell break out of a Markdown value; white space is collapsed by
// Markdown itself.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "|", `\|`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "&", `\&`)

// Markdown makes a value one line of literal Markdown text: no HTML, no
// links or images, no code, no table cell boundaries, no line breaks.
func Markdown(s string) string {
	return markdownEscaper.Replace(Terminal(collapseSpace(s)))
}

// collapseSpace is strings.Join(strings.Fields(s), " "), without copying
// the common value that has no other white space than single spaces
// between words.
func collapseSpace(s string) string {
	prevSpace := true // a leading space is collapsed too
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (r != ' ' || prevSpace) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = space
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// CSVRecord is rec with every field passed through CSVField.
func CSVRecord(rec []string) []string {
	out := make([]string, len(rec))
	for i, f := range rec {
		out[i] = CSVField(f)
	}
	return out
}

// NewCSV starts a CSV file as Excel with Russian settings opens it by
// double click: a UTF-8 byte order mark, fields separated by ';'. Write
// records through CSVRecord; Flush and check Error at the end.
func NewCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	return cw, nil
}
