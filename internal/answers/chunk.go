package answers

import (
	"bytes"
	"encoding/csv"
	"io"
	"runtime"
	"sync"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/problem"
)

// A national district table is one CSV file of tens of megabytes. To parse
// it on all cores without holding it whole, it is read in chunks of whole
// records: each chunk is then parsed on its own with encoding/csv, into
// exactly the records and line numbers that parsing the whole file gives.
// Finding where records end needs only the quotes: a record ends at the
// first line end that is not inside a quoted field. FuzzChunkRecords checks
// this against encoding/csv.

// csvChunk is a run of whole records.
type csvChunk struct {
	data []byte
	line int // line number of data's first line in the file, 1-based
}

// chunkSize is the size a chunk aims at: big enough that the per-chunk
// costs vanish, small enough that both cores get work early.
const chunkSize = 512 << 10

// csvChunker cuts a stream of UTF-8 CSV text into chunks. Each chunk is a
// slice of its own: chunks are parsed while the next ones are read.
type csvChunker struct {
	r       io.Reader
	comma   []byte
	size    int
	pending []byte // read, not yet chunked; starts at a record start
	line    int    // line number of pending's first line
	eof     bool
	err     error // a read error, reported after the data before it
}

func newCSVChunker(r io.Reader, comma rune, line int) *csvChunker {
	return &csvChunker{r: r, comma: []byte(string(comma)), size: chunkSize, line: line}
}

// fill reads until pending holds at least n bytes or the stream ends.
func (c *csvChunker) fill(n int) {
	for len(c.pending) < n && !c.eof {
		if cap(c.pending)-len(c.pending) < 32<<10 {
			grown := make([]byte, len(c.pending), max(2*cap(c.pending), n+64<<10))
			copy(grown, c.pending)
			c.pending = grown
		}
		k, err := c.r.Read(c.pending[len(c.pending):cap(c.pending)])
		c.pending = c.pending[:len(c.pending)+k]
		if err == io.EOF {
			c.eof = true
		} else if err != nil {
			c.eof, c.err = true, err
		}
	}
}

// peek returns up to n bytes of what comes next without consuming them.
func (c *csvChunker) peek(n int) []byte {
	c.fill(n)
	return c.pending[:min(n, len(c.pending))]
}

// skipLine drops the next line (a leading "sep=;").
func (c *csvChunker) skipLine() {
	for {
		if i := bytes.IndexByte(c.pending, '\n'); i >= 0 {
			c.pending = c.pending[i+1:]
			c.line++
			return
		}
		if c.eof {
			c.pending = c.pending[:0]
			return
		}
		c.fill(len(c.pending) + 64<<10)
	}
}

// next returns the next chunk; ok is false at the end of the stream, when
// err says whether the stream failed.
func (c *csvChunker) next() (ch csvChunk, ok bool, err error) {
	want := c.size
	for {
		c.fill(want)
		end := recordsEnd(c.pending, c.size, c.comma, c.eof)
		if end < 0 && !c.eof {
			want = len(c.pending) + c.size // one record longer than what is read
			continue
		}
		if end < 0 {
			end = len(c.pending)
		}
		if end == 0 {
			return csvChunk{}, false, c.err
		}
		ch = csvChunk{data: c.pending[:end:end], line: c.line}
		c.line += bytes.Count(ch.data, []byte{'\n'})
		c.pending = bytes.Clone(c.pending[end:]) // the chunk keeps its bytes to itself
		return ch, true, nil
	}
}

// recordsEnd returns where to cut data, which starts at a record start: the
// end of the first record ending at or after want, else the end of the
// last whole record; -1 when data holds no whole record. At the end of the
// stream (atEOF) whatever is left is the last record.
func recordsEnd(data []byte, want int, comma []byte, atEOF bool) int {
	last := -1 // end of the last whole record seen
	pos := 0   // a record start
	for pos < len(data) {
		// Lines before the one holding the next quote are whole records.
		q := bytes.IndexByte(data[pos:], '"')
		if q < 0 {
			q = len(data)
		} else {
			q += pos
		}
		if want <= q {
			from := max(pos, want-1)
			if nl := bytes.IndexByte(data[from:q], '\n'); nl >= 0 {
				return from + nl + 1
			}
		}
		if q == len(data) {
			if nl := bytes.LastIndexByte(data[pos:], '\n'); nl >= 0 {
				last = pos + nl + 1
			}
			break
		}
		ls := pos // the start of the quote's line
		if nl := bytes.LastIndexByte(data[pos:q], '\n'); nl >= 0 {
			ls = pos + nl + 1
			last = ls
		}
		end, ok := recordEnd(data, ls, comma)
		if !ok {
			break
		}
		last, pos = end, end
		if end >= want {
			return end
		}
	}
	if atEOF {
		return len(data)
	}
	if last <= 0 {
		return -1
	}
	return last
}

// recordEnd follows encoding/csv (with LazyQuotes) through the record that
// starts at start and returns where it ends, just past its last line's
// end. ok is false when data ends first.
func recordEnd(data []byte, start int, comma []byte) (end int, ok bool) {
	i := start
	fieldStart := true
	for {
		if fieldStart && i < len(data) && data[i] == '"' {
			// A quoted field: up to a quote followed by the delimiter or
			// the line end. `""` is a quote; any other quote is taken
			// as it is (LazyQuotes), and the field goes on.
			i++
			for {
				j := bytes.IndexByte(data[i:], '"')
				if j < 0 {
					return 0, false
				}
				i += j + 1
				switch {
				case i == len(data):
					return 0, false
				case data[i] == '"':
					i++
					continue
				case bytes.HasPrefix(data[i:], comma):
					i += len(comma)
				case data[i] == '\n':
					return i + 1, true
				case data[i] == '\r':
					if i+1 == len(data) {
						return 0, false
					}
					if data[i+1] == '\n' {
						return i + 2, true
					}
					continue
				default:
					continue
				}
				break // the field ended at a delimiter
			}
			fieldStart = true
			continue
		}
		// An unquoted field, and any that follow on the line up to one
		// that starts with a quote: a quote inside an unquoted field is
		// a character like any other.
		nl := bytes.IndexByte(data[i:], '\n')
		lineEnd := len(data)
		if nl >= 0 {
			lineEnd = i + nl
		}
		q := bytes.IndexByte(data[i:lineEnd], '"')
		if q < 0 {
			if nl < 0 {
				return 0, false
			}
			return lineEnd + 1, true
		}
		q += i
		if q == i && fieldStart || q-len(comma) >= i && bytes.Equal(data[q-len(comma):q], comma) {
			i, fieldStart = q, true
		} else {
			i, fieldStart = q+1, false
		}
	}
}

// chunkReader reads the records of one chunk with encoding/csv.
type chunkReader struct {
	name string
	ch   csvChunk
	r    *csv.Reader
	// check says the chunk is not valid UTF-8 though it should be: each
	// field is checked to name the cell.
	check bool
}

func (t *csvTable) newChunkReader(ch csvChunk) *chunkReader {
	r := csv.NewReader(bytes.NewReader(ch.data))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = t.comma, true, -1
	return &chunkReader{name: t.name, ch: ch, r: r, check: t.checkUTF8 && !utf8.Valid(ch.data)}
}

// next returns the next record and the line it starts on; io.EOF at the
// chunk's end, else a *FileError.
func (c *chunkReader) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	line, _ := c.r.FieldPos(0)
	line += c.ch.line - 1
	if err != nil {
		return nil, 0, &FileError{File: problem.Location{File: c.name, Row: line}.String(), Msg: "ошибка разбора CSV: " + err.Error()}
	}
	if c.check {
		for i, f := range rec {
			if !utf8.ValidString(f) {
				return nil, 0, &FileError{File: problem.Location{File: c.name, Row: line, Col: i + 1}.String(),
					Msg: "текст не в кодировке UTF-8, хотя начало файла в ней: сохраните весь файл в одной кодировке (UTF-8 или Windows-1251)"}
			}
		}
	}
	return rec, line, nil
}

// rest is what the chunk has not yet given, as a chunk.
func (c *chunkReader) rest() csvChunk {
	off := int(c.r.InputOffset())
	return csvChunk{data: c.ch.data[off:], line: c.ch.line + bytes.Count(c.ch.data[:off], []byte{'\n'})}
}

// parallel says whether the table's rows are worth parsing on several
// goroutines.
func (t *csvTable) parallel() bool {
	return t.workers != 1 && (t.workers > 1 || runtime.GOMAXPROCS(0) > 1)
}

// chunkResult is what a worker made of a chunk: the schools of its rows, in
// order, and the error that stopped it, if any.
type chunkResult struct {
	schools []any // what the sink's work made of them, or the submissions
	err     error
}

type chunkJob struct {
	ch  csvChunk
	out chan<- chunkResult
}

// parseDistrictParallel parses the rest of a district CSV table chunk by
// chunk on several goroutines, each passing its schools through the sink's
// work, and gives what work made to the sink's fn in file order from the
// calling goroutine. At most two chunks per worker are in flight, so
// memory does not grow with the file.
func parseDistrictParallel(t *csvTable, b *districtBuilder, out sink) error {
	workers := t.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// On return, stop the reading and wait for every goroutine: work is
	// never called after this function returns.
	var wg sync.WaitGroup
	defer wg.Wait()
	done := make(chan struct{})
	defer close(done)
	order := make(chan chan chunkResult, 2*workers)
	work := make(chan chunkJob)
	wg.Add(1 + workers)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(work)
		send := func(ch csvChunk) bool {
			out := make(chan chunkResult, 1)
			select {
			case order <- out:
			case <-done:
				return false
			}
			select {
			case work <- chunkJob{ch, out}:
				return true
			case <-done:
				return false
			}
		}
		if t.cur != nil {
			first := t.cur.rest()
			t.cur = nil
			if len(first.data) > 0 && !send(first) {
				return
			}
		}
		for {
			ch, ok, err := t.chunks.next()
			if err != nil {
				out := make(chan chunkResult, 1)
				out <- chunkResult{err: &FileError{File: t.name, Msg: "ошибка чтения CSV: " + err.Error()}}
				select {
				case order <- out:
				case <-done:
				}
				return
			}
			if !ok || !send(ch) {
				return
			}
		}
	}()
	for range workers {
		go func() {
			defer wg.Done()
			for j := range work {
				j.out <- t.parseChunk(j.ch, b, out)
			}
		}()
	}
	for ch := range order {
		res := <-ch
		for _, v := range res.schools {
			if err := out.fn(v); err != nil {
				return err
			}
		}
		if res.err != nil {
			return res.err
		}
	}
	return nil
}

// parseChunk builds the schools of a chunk's rows and passes them through
// the sink's work, if any.
func (t *csvTable) parseChunk(ch csvChunk, b *districtBuilder, out sink) chunkResult {
	var res chunkResult
	c := t.newChunkReader(ch)
	for {
		cells, row, err := c.next()
		if err == io.EOF {
			return res
		}
		if err != nil {
			res.err = err
			return res
		}
		if sub := b.school(cells, row); sub != nil {
			res.schools = append(res.schools, out.mapped(sub))
		}
	}
}
