package answers

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// csvRecords splits a chunk into records exactly as encoding/csv does with
// LazyQuotes and any number of fields per record: the same fields, the
// same line numbers. FuzzCSVRecords checks it against encoding/csv.
//
// It is written out here because it is the hot loop of a national table:
// encoding/csv copies every record twice and allocates a string for each,
// while most district rows have no quote at all and their fields are the
// chunk's own bytes. Fields go to a fieldStrings, which keeps one string
// for each of a column's few repeated answers.
type csvRecords struct {
	data  []byte
	pos   int // where the next line starts
	line  int // the number of the line at pos
	comma []byte
	// Fields of the current record: an unquoted field is a span of data,
	// a quoted one (unescaped) a span of buf.
	spans []span
	buf   []byte
}

type span struct {
	lo, hi int
	inBuf  bool
}

func newCSVRecords(data []byte, comma []byte, line int) *csvRecords {
	return &csvRecords{data: data, comma: comma, line: line}
}

// offset is where the next record starts in data.
func (p *csvRecords) offset() int { return p.pos }

// readLine returns the next line without its line end, as encoding/csv
// reads lines: "\r\n" ends a line as "\n" does, and a '\r' ending the data
// is dropped. nl says the line had an end; ok is false at the end of data.
func (p *csvRecords) readLine() (text []byte, nl, ok bool) {
	if p.pos >= len(p.data) {
		return nil, false, false
	}
	rest := p.data[p.pos:]
	p.line++
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		p.pos += i + 1
		if i > 0 && rest[i-1] == '\r' {
			i--
		}
		return rest[:i], true, true
	}
	p.pos = len(p.data)
	if n := len(rest); rest[n-1] == '\r' {
		rest = rest[:n-1]
	}
	return rest, false, true
}

// next parses the next record; line is the line it starts on, ok false at
// the end of data. field(i) gives its fields.
func (p *csvRecords) next() (line int, ok bool) {
	var text []byte
	var nl bool
	for {
		line = p.line
		if text, nl, ok = p.readLine(); !ok {
			return 0, false
		}
		if len(text) > 0 {
			break // empty lines are skipped
		}
	}
	p.spans, p.buf = p.spans[:0], p.buf[:0]
	if len(p.comma) == 1 && bytes.IndexByte(text, '"') < 0 {
		// No quote on the line, as in most rows: one pass over it.
		p.splitPlain(text, p.comma[0])
		return line, true
	}
fields:
	for {
		if len(text) == 0 || text[0] != '"' {
			i := bytes.Index(text, p.comma)
			if i < 0 {
				p.spans = append(p.spans, p.dataSpan(text))
				break
			}
			p.spans = append(p.spans, p.dataSpan(text[:i]))
			text = text[i+len(p.comma):]
			continue
		}
		// A quoted field: `""` is a quote; a quote followed by the
		// delimiter or the line end closes it; any other quote is kept.
		text = text[1:]
		lo := len(p.buf)
		for {
			if i := bytes.IndexByte(text, '"'); i >= 0 {
				p.buf = append(p.buf, text[:i]...)
				text = text[i+1:]
				switch {
				case len(text) == 0:
					p.spans = append(p.spans, span{lo, len(p.buf), true})
					break fields
				case text[0] == '"':
					p.buf = append(p.buf, '"')
					text = text[1:]
				case bytes.HasPrefix(text, p.comma):
					p.spans = append(p.spans, span{lo, len(p.buf), true})
					text = text[len(p.comma):]
					continue fields
				default:
					p.buf = append(p.buf, '"')
				}
				continue
			}
			if len(text) == 0 && !nl {
				// The data ends inside the field: it ends there.
				p.spans = append(p.spans, span{lo, len(p.buf), true})
				break fields
			}
			// The field goes on on the next line.
			p.buf = append(p.buf, text...)
			if nl {
				p.buf = append(p.buf, '\n')
			}
			if text, nl, ok = p.readLine(); !ok {
				text, nl = nil, false
			}
		}
	}
	return line, true
}

// splitPlain splits a line without quotes at every byte c, eight bytes
// at a time.
func (p *csvRecords) splitPlain(text []byte, c byte) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	lo := cap(p.data) - cap(text)
	start, k := 0, 0
	cs := ones * uint64(c)
	for ; k+8 <= len(text); k += 8 {
		x := binary.LittleEndian.Uint64(text[k:]) ^ cs // zero bytes where c is
		// The high bit of each byte of m is set where x has a zero byte
		// (exactly: no borrow crosses bytes).
		m := ^((x&^highs + ^uint64(highs)) | x | ^uint64(highs))
		for m != 0 {
			at := k + bits.TrailingZeros64(m)/8
			p.spans = append(p.spans, span{lo: lo + start, hi: lo + at})
			start = at + 1
			m &= m - 1
		}
	}
	for ; k < len(text); k++ {
		if text[k] == c {
			p.spans = append(p.spans, span{lo: lo + start, hi: lo + k})
			start = k + 1
		}
	}
	p.spans = append(p.spans, span{lo: lo + start, hi: lo + len(text)})
}

// dataSpan is the span of text, a subslice of data.
func (p *csvRecords) dataSpan(text []byte) span {
	if len(text) == 0 {
		return span{}
	}
	lo := cap(p.data) - cap(text)
	return span{lo: lo, hi: lo + len(text)}
}

// fields is how many fields the current record has.
func (p *csvRecords) fields() int { return len(p.spans) }

// field is the i-th field of the current record; it is valid until the
// next call of next.
func (p *csvRecords) field(i int) []byte {
	s := p.spans[i]
	if s.inBuf {
		return p.buf[s.lo:s.hi]
	}
	return p.data[s.lo:s.hi]
}

// fieldStrings makes strings of fields. A district table repeats a few
// answers in each column ("да", "нет", "частично", a handful of numbers):
// those get one string each, and only the rest are allocated.
type fieldStrings struct {
	cols []columnStrings
}

type columnStrings struct {
	// A text is kept in the slot its key picks; keys[i] is the key of
	// texts[i], so that most lookups compare one number and one string.
	keys         []uint64
	texts        []string
	shift        uint // 64 - log2(len(keys))
	hits, misses int
	off          bool
}

const (
	// A column's texts are kept in 32 slots; a column with more (numbers)
	// gets 512; one with more still (names, codes) none.
	smallTable, bigTable = 5, 9 // log2 of the slots
	// internLen is the longest text kept: answers are short.
	internLen = 96
)

func (c *columnStrings) table(bits uint) {
	c.keys, c.texts = make([]uint64, 1<<bits), make([]string, 1<<bits)
	c.shift, c.hits, c.misses = 64-bits, 0, 0
}

// textKey sums up a text in a number from its first and last bytes. Equal
// texts have equal keys, and texts of the same length under eight bytes
// are equal when their keys are: the key holds every byte.
func textKey(b []byte) uint64 {
	n := len(b)
	switch {
	case n >= 8:
		return binary.LittleEndian.Uint64(b) ^ binary.LittleEndian.Uint64(b[n-8:])*0x9E3779B97F4A7C15
	case n >= 4:
		return uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<32
	}
	var k uint64
	for _, c := range b {
		k = k<<8 | uint64(c)
	}
	return k
}

// str returns field b of column col as a string.
func (f *fieldStrings) str(col int, b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if col >= len(f.cols) {
		f.cols = append(f.cols, make([]columnStrings, col+1-len(f.cols))...)
	}
	c := &f.cols[col]
	if c.off || len(b) > internLen {
		return string(b)
	}
	if c.keys == nil {
		c.table(smallTable)
	}
	k := textKey(b)
	slot := (k * 0x9E3779B97F4A7C15) >> c.shift
	if t := c.texts[slot]; c.keys[slot] == k && len(t) == len(b) && (len(b) < 8 || t == string(b)) {
		c.hits++
		return t
	}
	s := string(b)
	c.keys[slot], c.texts[slot] = k, s
	if c.misses++; c.misses > 4*len(c.keys) && c.misses > c.hits {
		if len(c.keys) < 1<<bigTable {
			c.table(bigTable)
		} else {
			c.off, c.keys, c.texts = true, nil, nil
		}
	}
	return s
}

// validUTF8 reports whether every field of the current record is UTF-8,
// else the index of the first that is not.
func (p *csvRecords) validUTF8() (bad int, ok bool) {
	for i := range p.spans {
		if !utf8.Valid(p.field(i)) {
			return i, false
		}
	}
	return 0, true
}
