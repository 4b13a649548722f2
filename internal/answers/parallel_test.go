package answers

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/submission"
)

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

func readAll(t *testing.T, data []byte, opts Options, stopAt int) ([]*submission.Submission, error) {
	t.Helper()
	var subs []*submission.Submission
	stop := errors.New("stop")
	err := ReadCSV("район.csv", data, opts, func(s *submission.Submission) error {
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

// TestDistrictParallelMatchesSequential: a district table built in batches
// of rows on several goroutines gives the schools, problems and errors of
// building it row by row, in the same order.
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
			for _, size := range []int{1, 7, 1000} {
				got, gotErr := readAll(t, tc.data, Options{Workers: 3, batchSize: size}, tc.stopAt)
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Fatalf("batch size %d: error %v, want %v", size, gotErr, wantErr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("batch size %d: %d schools differ from the %d read row by row", size, len(got), len(want))
				}
			}
			// Through a work function: work sees each school as
			// ReadCSV gives it.
			for _, workers := range []int{1, 3} {
				var got []*submission.Submission
				var returned atomic.Bool
				err := readCSVStream("район.csv", bytes.NewReader(tc.data), Options{Workers: workers, batchSize: 10}, sink{
					work: func(s *submission.Submission) any {
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
						got = append(got, v.(*submission.Submission))
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
