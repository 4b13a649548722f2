package report

import (
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"
)

// jsonWriter writes JSON by hand, byte for byte as encoding/json's Encoder
// with SetIndent("", "  ") and SetEscapeHTML(false) writes it. A national
// summary has 40,000 school rows and thousands of schools «ниже базового»:
// through reflection and a second indenting pass that was a third of a
// batch's time. summary_json_test.go checks the output against
// encoding/json.
type jsonWriter struct {
	b     []byte    // written, not yet flushed to out
	out   io.Writer // nil: everything stays in b
	err   error     // the first error of out
	depth int
	first bool // the next value is the first of its container
	// blocks are buffers for the blocks elems writes on other goroutines,
	// kept from one array to the next.
	blocks chan []byte
}

func newJSONWriter(out io.Writer) *jsonWriter {
	return &jsonWriter{out: out, b: make([]byte, 0, 2*flushSize), blocks: make(chan []byte, 8)}
}

// flushSize is how much a writer with an out keeps before writing it.
const flushSize = 64 << 10

// maybeFlush writes what is kept to out once there is enough of it.
func (j *jsonWriter) maybeFlush() {
	if j.out != nil && len(j.b) >= flushSize {
		j.flush()
	}
}

// flush writes what is kept to out and returns out's first error.
func (j *jsonWriter) flush() error {
	if j.out != nil && len(j.b) > 0 && j.err == nil {
		_, j.err = j.out.Write(j.b)
	}
	j.b = j.b[:0]
	return j.err
}

func (j *jsonWriter) newline() {
	j.b = append(j.b, '\n')
	for range j.depth {
		j.b = append(j.b, ' ', ' ')
	}
}

// open starts an object ('{') or an array ('[').
func (j *jsonWriter) open(c byte) {
	j.b = append(j.b, c)
	j.depth++
	j.first = true
}

// close ends the innermost container; an empty one stays "{}" or "[]".
func (j *jsonWriter) close(c byte) {
	j.depth--
	if !j.first {
		j.newline()
	}
	j.b = append(j.b, c)
	j.first = false
}

// elem starts an array element.
func (j *jsonWriter) elem() {
	j.maybeFlush()
	if !j.first {
		j.b = append(j.b, ',')
	}
	j.first = false
	j.newline()
}

// key starts an object member.
func (j *jsonWriter) key(k string) {
	j.elem()
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, `": `...)
}

func (j *jsonWriter) str(k, v string) {
	j.key(k)
	j.b = appendJSONString(j.b, v)
}

func (j *jsonWriter) int(k string, v int) {
	j.key(k)
	j.b = strconv.AppendInt(j.b, int64(v), 10)
}

func (j *jsonWriter) float(k string, v float64) {
	j.key(k)
	j.b = appendJSONFloat(j.b, v)
}

func (j *jsonWriter) bool(k string, v bool) {
	j.key(k)
	j.b = strconv.AppendBool(j.b, v)
}

// null writes null as a value.
func (j *jsonWriter) null() { j.b = append(j.b, "null"...) }

// strings writes an array of strings; nil is written as [] (the schema
// has no nulls).
func (j *jsonWriter) strings(k string, vs []string) {
	j.key(k)
	j.open('[')
	for _, v := range vs {
		j.elem()
		j.b = appendJSONString(j.b, v)
	}
	j.close(']')
}

// object writes the member key: {…} with fields writing its members.
func (j *jsonWriter) object(key string, fields func()) {
	j.key(key)
	j.open('{')
	fields()
	j.close('}')
}

// objects writes the member key: [{…}, …], one object per item, or null
// when null is true (as encoding/json writes a nil slice).
// fields writes an item's members with the writer it is given.
func objects[T any](j *jsonWriter, key string, items []T, null bool, fields func(*jsonWriter, *T)) {
	j.key(key)
	if null {
		j.null()
		return
	}
	j.open('[')
	elems(j, len(items), func() struct{} { return struct{}{} }, func(_ struct{}, j *jsonWriter, i int) {
		j.elem()
		j.open('{')
		fields(j, &items[i])
		j.close('}')
	})
	j.close(']')
}

// raw writes an already encoded compact value as an array element.
func (j *jsonWriter) raw(v []byte) {
	j.elem()
	j.b = append(j.b, v...)
}

// elemBlock is how many elements a goroutine of elems writes at a time.
const elemBlock = 512

// elems writes n elements into j's open array, the i-th by write(state,
// w, i) with a writer w standing for j. The arrays of a national summary
// have tens of thousands of elements (schools, schools «ниже базового»):
// blocks of them are written on all cores, each into a writer of its own
// at j's depth, and copied out in order. What an element writes depends
// only on the depth and on whether it is the first, so the bytes are
// those j would have written. Each goroutine has a state from newState.
func elems[S any](j *jsonWriter, n int, newState func() S, write func(S, *jsonWriter, int)) {
	workers := min(runtime.GOMAXPROCS(0), n/elemBlock)
	if workers < 2 {
		st := newState()
		for i := range n {
			write(st, j, i)
		}
		return
	}
	depth, first := j.depth, j.first
	// block writes the elements of the block at from into buf.
	block := func(st S, buf []byte, from int) []byte {
		w := &jsonWriter{b: buf, depth: depth, first: first && from == 0}
		for i := from; i < min(from+elemBlock, n); i++ {
			write(st, w, i)
		}
		return w.b
	}
	// Blocks go to the workers in order and come back through a channel
	// each, read in order; at most two per worker are in flight.
	type job struct {
		from int
		out  chan []byte
	}
	jobs := make(chan job)
	pending := make(chan chan []byte, 2*workers)
	free := j.blocks
	if free == nil {
		free = make(chan []byte, 2*workers+1)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := newState()
			last := 0 // the size of the last block, for the next one's buffer
			for jb := range jobs {
				var buf []byte
				select {
				case buf = <-free:
				default:
					buf = make([]byte, 0, max(last+last/4, 64<<10))
				}
				b := block(st, buf[:0], jb.from)
				last = len(b)
				jb.out <- b
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(pending)
		for from := 0; from < n; from += elemBlock {
			out := make(chan []byte, 1)
			pending <- out
			jobs <- job{from, out}
		}
	}()
	for out := range pending {
		b := <-out
		j.maybeFlush()
		if j.out != nil && len(b) >= flushSize {
			j.flush()
			if j.err == nil {
				_, j.err = j.out.Write(b)
			}
		} else {
			j.b = append(j.b, b...)
		}
		select {
		case free <- b:
		default:
		}
	}
	wg.Wait()
	j.first = false
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: invalid UTF-8 becomes U+FFFD, and U+2028 and
// U+2029 are escaped for JavaScript.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		if b != 0xE2 && b >= 0xC2 && b < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // a valid two-byte rune, like all of Cyrillic
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONFloat formats a float64 as encoding/json does. The summary
// holds only finite numbers.
func appendJSONFloat(dst []byte, f float64) []byte {
	// Percents and shares have one to three decimals: write them as the
	// integer they are times a power of ten. When f is the float64
	// nearest to n/10^k, the decimal n/10^k is f's shortest form.
	if f != 0 && math.Abs(f) < 1e12 {
		for k, p := range [...]float64{1, 10, 100, 1000} {
			t := f * p
			if n := int64(t); float64(n) == t && float64(n)/p == f {
				return appendScaled(dst, n, k)
			}
		}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json writes it.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// appendScaled appends n/10^k in decimal, without trailing zeros.
func appendScaled(dst []byte, n int64, k int) []byte {
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	for ; k > 0 && n%10 == 0; k-- {
		n /= 10
	}
	var buf [24]byte
	i := len(buf)
	for d := 0; ; d++ { // the digit d places left of the last
		if d == k && k > 0 {
			i--
			buf[i] = '.'
		}
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if d >= k && n == 0 {
			break
		}
	}
	return append(dst, buf[i:]...)
}

// compact builds one compact JSON object, for the one-line-per-item arrays.
type compact struct {
	b     []byte
	comma bool
}

func (c *compact) begin() { c.b = append(c.b[:0], '{'); c.comma = false }
func (c *compact) end()   { c.b = append(c.b, '}') }

func (c *compact) key(k string) {
	if c.comma {
		c.b = append(c.b, ',')
	}
	c.comma = true
	c.b = append(c.b, '"')
	c.b = append(c.b, k...)
	c.b = append(c.b, '"', ':')
}

func (c *compact) str(k, v string) { c.key(k); c.b = appendJSONString(c.b, v) }
func (c *compact) int(k string, v int) {
	c.key(k)
	c.b = strconv.AppendInt(c.b, int64(v), 10)
}
func (c *compact) float(k string, v float64) { c.key(k); c.b = appendJSONFloat(c.b, v) }
func (c *compact) bool(k string, v bool)     { c.key(k); c.b = strconv.AppendBool(c.b, v) }
