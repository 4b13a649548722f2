package answers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
)

type lineRecord struct {
	line   int
	fields []string
}

// parseAll parses CSV data as readCSVStream configures encoding/csv,
// numbering lines from first.
func parseAll(t *testing.T, data []byte, comma rune, first int) []lineRecord {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = comma, true, -1
	var out []lineRecord
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("encoding/csv: %v", err)
		}
		line, _ := r.FieldPos(0)
		out = append(out, lineRecord{line + first - 1, rec})
	}
}

// FuzzChunkRecords: cutting a CSV stream into chunks and parsing each on
// its own gives the records and line numbers of parsing it whole.
func FuzzChunkRecords(f *testing.F) {
	f.Add([]byte("a;b\n\"x\"\"y\";\"multi\nline\"\nc;\"d\"e\"\r\n\n;\"\"\n"), uint16(3), byte(0), false)
	f.Add([]byte("h1;h2\n1;\"2\n3\"\n4;5"), uint16(1), byte(1), true)
	f.Add([]byte("\"a\"\"\n\"\n\"b\"x\"\n;\"\r\"\r\n"), uint16(2), byte(2), false)
	f.Add([]byte("x§\"y\"§z\n\"q\"§\"\n\"\n"), uint16(4), byte(3), true)
	f.Fuzz(func(t *testing.T, data []byte, size uint16, delim byte, slow bool) {
		comma := []rune{';', ',', '\t', '§'}[int(delim)%4]
		want := parseAll(t, data, comma, 1)
		var in io.Reader = bytes.NewReader(data)
		if slow {
			in = iotest.HalfReader(in)
		}
		c := newCSVChunker(in, comma, 1)
		c.size = 1 + int(size)%64
		var got []lineRecord
		var joined []byte
		for {
			ch, ok, err := c.next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			if len(ch.data) == 0 {
				t.Fatal("empty chunk")
			}
			joined = append(joined, ch.data...)
			got = append(got, parseAll(t, ch.data, comma, ch.line)...)
		}
		if !bytes.Equal(joined, data) {
			t.Fatalf("chunks do not add up to the input:\n got %q\nwant %q", joined, data)
		}
		if !slices.EqualFunc(got, want, func(a, b lineRecord) bool { return a.line == b.line && slices.Equal(a.fields, b.fields) }) {
			t.Fatalf("chunked parse differs:\n got %v\nwant %v", got, want)
		}
	})
}

// TestChunkerCutsNearSize: chunks of a long quote-free table are cut at the
// first line end after the aimed size, and a record longer than the size
// makes a chunk of its own.
func TestChunkerCutsNearSize(t *testing.T) {
	var b strings.Builder
	for range 1000 {
		b.WriteString("школа;да;нет;\"многострочный\nответ\"\n")
	}
	data := []byte(b.String())
	c := newCSVChunker(bytes.NewReader(data), ';', 1)
	c.size = 4096
	n := 0
	for {
		ch, ok, err := c.next()
		if err != nil || !ok {
			break
		}
		n++
		if len(ch.data) < c.size && n < len(data)/c.size {
			t.Errorf("chunk %d: %d bytes, want at least %d", n, len(ch.data), c.size)
		}
		if len(ch.data) > c.size+100 {
			t.Errorf("chunk %d: %d bytes, want about %d", n, len(ch.data), c.size)
		}
	}
	if n < len(data)/4096 {
		t.Errorf("%d chunks for %d bytes", n, len(data))
	}
}

// districtCSV is a district table of n schools with what real exports
// hold: quoted names with quotes inside, a value over two lines, blank
// lines, a row with a wrong answer.
func districtCSV(t *testing.T, n int) []byte {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	schools := sampledata.District(m, n, 5)
	for i := range schools {
		switch i % 7 {
		case 1:
			schools[i].Name = `МБОУ "СОШ № ` + strconv.Itoa(i) + `"`
		case 3:
			schools[i].Municipality = "Северный\nрайон"
		case 5:
			schools[i].Answers["13"] = "может быть"
		}
	}
	var buf bytes.Buffer
	if err := sampledata.DistrictCSV(&buf, m, schools, sampledata.CSVOptions{Delim: ';', BOM: true}); err != nil {
		t.Fatal(err)
	}
	return bytes.ReplaceAll(buf.Bytes(), []byte("\n\"МБОУ \"\"СОШ № 8"), []byte("\n\r\n\n\"МБОУ \"\"СОШ № 8"))
}

func readAll(t *testing.T, data []byte, opts Options, stopAt int) ([]*Submission, error) {
	t.Helper()
	var subs []*Submission
	stop := errors.New("stop")
	err := ReadCSV("район.csv", data, opts, func(s *Submission) error {
		if len(subs) == stopAt {
			return stop
		}
		subs = append(subs, s)
		return nil
	})
	if err == stop {
		err = nil
	}
	return subs, err
}

// TestDistrictParallelMatchesSequential: a district table parsed in small
// chunks on several goroutines gives the schools, problems and errors of
// parsing it row by row, in the same order.
func TestDistrictParallelMatchesSequential(t *testing.T) {
	data := districtCSV(t, 400)
	bad := bytes.Replace(data, []byte("МБОУ «Школа № 300»"), []byte("МБОУ \xcf\xf0 300"), 1)
	if bytes.Equal(bad, data) {
		t.Fatal("no school 300 to spoil")
	}
	for _, tc := range []struct {
		name   string
		data   []byte
		stopAt int
	}{
		{"whole", data, -1},
		{"stopped by fn", data, 123},
		{"bad UTF-8 at row 301", bad, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantErr := readAll(t, tc.data, Options{Workers: 1}, tc.stopAt)
			for _, size := range []int{1, 5000, 1 << 20} {
				got, gotErr := readAll(t, tc.data, Options{Workers: 3, chunkSize: size}, tc.stopAt)
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Fatalf("chunk size %d: error %v, want %v", size, gotErr, wantErr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("chunk size %d: %d schools differ from the %d read row by row", size, len(got), len(want))
				}
			}
			// Through a work function: work sees each school as
			// ReadCSV gives it.
			for _, workers := range []int{1, 3} {
				var got []*Submission
				var returned atomic.Bool
				err := readCSVStream("район.csv", bytes.NewReader(tc.data), Options{Workers: workers, chunkSize: 3000}, sink{
					work: func(s *Submission) any {
						if returned.Load() {
							t.Error("work called after the read returned")
						}
						c := *s
						c.Answers = slices.Clone(s.Answers)
						c.Problems = slices.Clone(s.Problems)
						return &c
					},
					fn: func(v any) error {
						if len(got) == tc.stopAt {
							return errors.New("stop")
						}
						got = append(got, v.(*Submission))
						return nil
					},
				})
				returned.Store(true)
				time.Sleep(10 * time.Millisecond) // time for a stray worker to show up
				if err != nil && err.Error() == "stop" {
					err = nil
				}
				if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
					t.Fatalf("with work, %d workers: %d schools, error %v; want %d, %v", workers, len(got), err, len(want), wantErr)
				}
			}
			if tc.stopAt < 0 && wantErr == nil && len(want) != 400 {
				t.Fatalf("%d schools, want 400", len(want))
			}
			if tc.stopAt > 0 && len(want) != tc.stopAt {
				t.Fatalf("%d schools, want %d", len(want), tc.stopAt)
			}
		})
	}
	line := 1 + bytes.Count(bad[:bytes.Index(bad, []byte("\xcf\xf0"))], []byte("\n"))
	_, err := readAll(t, bad, Options{}, -1)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("район.csv:строка %d, столбец 1:", line)) || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("bad UTF-8: error %v", err)
	}
}
