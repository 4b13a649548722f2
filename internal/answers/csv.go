package answers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/selfdiag/selfdiag/internal/problem"
)

// Encodings accepted by Options.Encoding.
var encodings = map[string]string{
	"utf-8": "utf-8", "utf8": "utf-8",
	"utf-16": "utf-16", "utf16": "utf-16", "utf-16le": "utf-16", "utf-16be": "utf-16be",
	"windows-1251": "windows-1251", "cp1251": "windows-1251", "1251": "windows-1251",
}

// EncodingNames lists the values Options.Encoding accepts, for help texts.
const EncodingNames = "utf-8, utf-16, windows-1251"

// decodeCSV returns the file as UTF-8 and the encoding it was in.
func decodeCSV(data []byte, force string) ([]byte, string, error) {
	name := ""
	if force != "" {
		var ok bool
		name, ok = encodings[strings.ToLower(strings.TrimSpace(force))]
		if !ok {
			return nil, "", fmt.Errorf("неизвестная кодировка %q: допустимы %s", force, EncodingNames)
		}
	}
	switch {
	case name == "" && bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], "utf-8", nil
	case name == "" && (bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})):
		name = "utf-16"
	case name == "" && utf8.Valid(data):
		return data, "utf-8", nil
	case name == "":
		name = "windows-1251"
	}
	var enc encoding.Encoding
	switch name {
	case "utf-8":
		if !utf8.Valid(data) {
			return nil, "", errors.New("файл не в кодировке UTF-8: укажите верную кодировку (--encoding windows-1251)")
		}
		return bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), name, nil
	case "utf-16":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case "utf-16be":
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "windows-1251":
		enc = charmap.Windows1251
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", fmt.Errorf("не удалось прочитать файл в кодировке %s: %v", name, err)
	}
	return bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF}), name, nil
}

// detectDelimiter picks the CSV delimiter: a leading "sep=X" line wins;
// otherwise the candidate most frequent on the header line (the first line
// naming an answer or school column), else over the first lines.
func detectDelimiter(data []byte) (delim rune, skipFirstLine bool) {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	first = bytes.TrimSpace(first)
	if bytes.HasPrefix(bytes.ToLower(first), []byte("sep=")) {
		if r, size := utf8.DecodeRune(first[4:]); size > 0 && r != utf8.RuneError {
			return r, true
		}
	}
	candidates := []rune{';', ',', '\t'}
	lines := bytes.SplitN(data, []byte("\n"), 40)
	if len(lines) == 40 {
		lines = lines[:39]
	}
	var headerLine []byte
	for _, l := range lines {
		low := strings.ToLower(string(l))
		if strings.Contains(low, "ответ") || strings.Contains(low, "значение") || strings.Contains(low, "answer") ||
			strings.Contains(low, "наименование оо") || strings.Contains(low, "код оо") {
			headerLine = l
			break
		}
	}
	best, bestCount := ';', 0
	for _, c := range candidates {
		n := 0
		if headerLine != nil {
			n = bytes.Count(headerLine, []byte(string(c)))
		} else {
			for _, l := range lines {
				n += bytes.Count(l, []byte(string(c)))
			}
		}
		if n > bestCount {
			best, bestCount = c, n
		}
	}
	return best, false
}

// ReadCSV reads answers from CSV data; name is the file name for messages.
func ReadCSV(name string, data []byte, opts Options, fn func(*Submission) error) error {
	text, _, err := decodeCSV(data, opts.Encoding)
	if err != nil {
		return &FileError{File: name, Msg: err.Error()}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return &FileError{File: name, Msg: "файл пуст"}
	}
	delim, skip := detectDelimiter(text)
	t := &csvTable{name: name}
	if skip {
		_, rest, _ := bytes.Cut(text, []byte("\n"))
		text = rest
		t.lineOffset = 1
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = delim
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t.r = r
	err = parseTable(t, nil, fn)
	var nh errNoHeader
	if errors.As(err, &nh) {
		return &FileError{File: name, Msg: noHeaderMsg}
	}
	return err
}

type csvTable struct {
	name       string
	r          *csv.Reader
	lineOffset int
	failure    error
}

func (t *csvTable) next() ([]string, int, bool) {
	if t.failure != nil {
		return nil, 0, false
	}
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, 0, false
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.failure = &FileError{File: problem.Location{File: t.name, Row: pe.Line + t.lineOffset}.String(),
				Msg: "ошибка разбора CSV: " + pe.Err.Error()}
		} else {
			t.failure = &FileError{File: t.name, Msg: "ошибка чтения CSV: " + err.Error()}
		}
		return nil, 0, false
	}
	line, _ := t.r.FieldPos(0)
	return rec, line + t.lineOffset, true
}

func (t *csvTable) err() error                        { return t.failure }
func (t *csvTable) value(raw string, _, _ int) string { return raw }
func (t *csvTable) file() string                      { return t.name }
func (t *csvTable) loc(row, col int) problem.Location {
	return problem.Location{File: t.name, Row: row, Col: col}
}
