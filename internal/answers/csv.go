package answers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// Encodings accepted by Options.Encoding.
var encodings = map[string]string{
	"utf-8": "utf-8", "utf8": "utf-8",
	"utf-16": "utf-16", "utf16": "utf-16", "utf-16le": "utf-16", "utf-16be": "utf-16be",
	"windows-1251": "windows-1251", "cp1251": "windows-1251", "1251": "windows-1251",
}

// CheckEncoding says whether Options.Encoding accepts name ("" detects),
// so that a command can refuse a wrong one once, before reading any file.
func CheckEncoding(name string) error {
	if _, ok := encodings[strings.ToLower(strings.TrimSpace(name))]; name != "" && !ok {
		return lang.Errorf("неизвестная кодировка %q: допустимы %s", name, EncodingNames)
	}
	return nil
}

// EncodingNames lists the values Options.Encoding accepts, for help texts.
const EncodingNames = "utf-8, utf-16, windows-1251"

// sniffSize is how much of a CSV file decides its encoding and delimiter.
const sniffSize = 64 << 10

// decodeCSV picks the encoding from the file's first bytes (BOM, valid
// UTF-8, else Windows-1251) or from force, and returns a reader of the
// whole file as UTF-8 without BOM. checkUTF8 says the text is passed
// through undecoded and must be checked as it is read: a file whose start
// is UTF-8 but whose later bytes are not is reported where they are.
func decodeCSV(head []byte, rest io.Reader, force string) (r io.Reader, name string, checkUTF8 bool, err error) {
	if force != "" {
		var ok bool
		name, ok = encodings[strings.ToLower(strings.TrimSpace(force))]
		if !ok {
			return nil, "", false, lang.Errorf("неизвестная кодировка %q: допустимы %s", force, EncodingNames)
		}
	}
	switch {
	case name == "" && bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		name = "utf-8"
	case name == "" && (bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF})):
		name = "utf-16"
	case name == "" && validUTF8Prefix(head):
		name = "utf-8"
	case name == "":
		name = "windows-1251"
	}
	var enc encoding.Encoding
	switch name {
	case "utf-8":
		if !validUTF8Prefix(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})) {
			return nil, "", false, phraseError{lang.P("файл не в кодировке UTF-8: укажите верную кодировку (--encoding windows-1251)")}
		}
		head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
		return io.MultiReader(bytes.NewReader(head), rest), name, true, nil
	case "utf-16":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case "utf-16be":
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "windows-1251":
		enc = charmap.Windows1251
	}
	// The UTF-16 decoders consume their BOM; decoded text has none.
	return transform.NewReader(io.MultiReader(bytes.NewReader(head), rest), enc.NewDecoder()), name, false, nil
}

// validUTF8Prefix is utf8.Valid allowing the data to end inside a rune (it
// is a prefix of the file).
func validUTF8Prefix(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
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
func ReadCSV(name string, data []byte, opts Options, fn func(*submission.Submission) error) error {
	return readCSVStream(name, bytes.NewReader(data), opts, sink{fn: func(v any) error { return fn(v.(*submission.Submission)) }})
}

// readCSVStream reads a CSV stream as it comes: a national table is not
// loaded whole.
func readCSVStream(name string, in io.Reader, opts Options, out sink) error {
	opts.fields = newFields(opts.Respondent)
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(in, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return &FileError{File: name, Msg: lang.P("не удалось прочитать файл: %s", fserr.Phrase(err))}
	}
	head = head[:n]
	decoded, _, checkUTF8, err := decodeCSV(head, in, opts.Encoding)
	if err != nil {
		msg := lang.P("%s", err.Error())
		if pe, ok := err.(phraseError); ok {
			msg = pe.Phrase
		}
		return &FileError{File: name, Msg: msg}
	}
	lines := &lineLimiter{r: crLines{bufio.NewReader(decoded)}, line: 1}
	text := bufio.NewReaderSize(lines, sniffSize)
	sniff, err := text.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return csvReadError(name, lines, 1, err)
	}
	if len(sniff) < sniffSize && len(bytes.TrimSpace(sniff)) == 0 {
		return &FileError{File: name, Msg: lang.P("файл пуст")}
	}
	delim, skip := detectDelimiter(sniff)
	if !validDelim(delim) {
		return &FileError{File: name, Msg: lang.P("в строке «sep=» указан недопустимый разделитель %q", delim)}
	}
	firstLine := 1
	if skip {
		if _, err := text.ReadString('\n'); err != nil && err != io.EOF {
			return csvReadError(name, lines, 1, err)
		}
		firstLine = 2
	}
	r := csv.NewReader(text)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = delim, true, -1
	t := &csvTable{name: name, r: r, lines: lines, firstLine: firstLine, checkUTF8: checkUTF8}
	err = parseTable(t, nil, out, opts)
	var nh errNoHeader
	if errors.As(err, &nh) {
		return &FileError{File: name, Msg: nh.message()}
	}
	if errors.Is(err, errResults{}) {
		return &FileError{File: name, Results: true, Msg: lang.P(resultsMsg)}
	}
	if errors.Is(err, errModelTable{}) {
		return &FileError{File: name, Results: true, Model: true, Msg: lang.P(modelMsg)}
	}
	if ns, ok := errors.AsType[errNoSchools](err); ok {
		return &FileError{File: name, Msg: ns.message()}
	}
	return err
}

// validDelim is what encoding/csv accepts as a delimiter.
func validDelim(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// csvTable reads the records of a CSV table with encoding/csv.
type csvTable struct {
	name      string
	r         *csv.Reader
	lines     *lineLimiter
	firstLine int // the line the reader's first line is in the file
	// checkUTF8 says the text is passed through undecoded: every field
	// must be checked, to name the cell where it stops being UTF-8.
	checkUTF8 bool
	failure   error
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
		t.failure = csvReadError(t.name, t.lines, t.firstLine, err)
		return nil, 0, false
	}
	line, _ := t.r.FieldPos(0)
	line += t.firstLine - 1
	if len(rec) > maxColumns {
		t.failure = &FileError{File: t.name, Where: t.loc(line, 0), Msg: lang.P("в строке %d столбцов, больше %d: это не таблица ответов", len(rec), maxColumns)}
		return nil, 0, false
	}
	if t.checkUTF8 {
		for i, f := range rec {
			if !utf8.ValidString(f) {
				t.failure = &FileError{File: t.name, Where: t.loc(line, i+1),
					Msg: lang.P("текст не в кодировке UTF-8, хотя начало файла в ней: сохраните весь файл в одной кодировке (UTF-8 или Windows-1251)")}
				return nil, 0, false
			}
		}
	}
	return rec, line, true
}

// lineLimiter passes text through until a line runs longer than maxLine
// bytes: a file without line ends (or /dev/zero behind a link) would
// otherwise be read into memory whole as one record.
type lineLimiter struct {
	r    io.Reader
	line int // the line being read, 1-based
	run  int // bytes of it read so far
}

// errLongLine is what lineLimiter gives once a line is too long.
var errLongLine = errors.New("line too long")

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for b := p[:n]; ; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.run += len(b)
			break
		}
		if l.run+i > maxLine {
			l.run += i
			break
		}
		l.run, l.line, b = 0, l.line+1, b[i+1:]
	}
	if l.run > maxLine {
		return 0, errLongLine
	}
	return n, err
}

// crLines reads text with every line end made LF: a CR alone ends a line
// too, as in Excel's «CSV (Macintosh)» and as Excel reads it. CRLF stays
// as it is (encoding/csv reads it as one line end).
type crLines struct{ r *bufio.Reader }

func (c crLines) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		j := bytes.IndexByte(p[i:n], '\r')
		if j < 0 {
			break
		}
		i += j
		next := byte(0)
		if i+1 < n {
			next = p[i+1]
		} else if b, perr := c.r.Peek(1); perr == nil {
			next = b[0]
		}
		if next != '\n' {
			p[i] = '\n'
		}
	}
	return n, err
}

// csvReadError says why the text stopped.
func csvReadError(name string, lines *lineLimiter, firstLine int, err error) error {
	if errors.Is(err, errLongLine) {
		return &FileError{File: name, Where: problem.Location{File: name, Row: lines.line},
			Msg: lang.P("строка длиннее %d МБ: в таблице ответов таких нет; проверьте, что это файл CSV с переводами строк", maxLine>>20)}
	}
	where := problem.Location{File: name}
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		where.Row = pe.StartLine + firstLine - 1
		err = pe.Err
	}
	return &FileError{File: name, Where: where, Msg: lang.P("ошибка чтения CSV: %s", fserr.Phrase(err))}
}

func (t *csvTable) err() error { return t.failure }
func (t *csvTable) answer(raw string, row, col int) submission.Answer {
	return submission.Answer{Value: raw, Row: row, Col: col}
}
func (t *csvTable) file() string  { return t.name }
func (t *csvTable) sheet() string { return "" }
func (t *csvTable) loc(row, col int) problem.Location {
	return problem.Location{File: t.name, Row: row, Col: col}
}

// phraseError is an error whose message is written in the reader's
// language.
type phraseError struct{ lang.Phrase }

func (e phraseError) Error() string { return e.Phrase.String() }
