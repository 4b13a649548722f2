package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// schoolCSVWith writes a one-school CSV of the sample school i with the
// given code and «Дата заполнения».
func schoolCSVWith(t *testing.T, m *model.Model, dir, name, code, filled string) string {
	t.Helper()
	s := sampledata.District(m, 1, 1)[0]
	s.Code = code
	data, err := sampledata.SchoolCSV(m, s, sampledata.CSVOptions{Delim: ';'})
	if err != nil {
		t.Fatal(err)
	}
	if filled != "" {
		data = append([]byte("Дата заполнения;"+filled+"\n"), data...)
	}
	p := filepath.Join(dir, name)
	write(t, p, data)
	return p
}

// TestRunDistrictKeepsCountedSchools: whatever the duplicates policy and
// the order in which submissions replace each other, the results and the
// comparison side hold exactly the schools the summary counts, in its
// order (the defect: a slice indexed by the summary's ids crashed when a
// dropped submission left a gap).
func TestRunDistrictKeepsCountedSchools(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := []string{
		schoolCSVWith(t, m, dir, "1.csv", "777", "20.05.2025"), // later: kept
		schoolCSVWith(t, m, dir, "2.csv", "777", "10.05.2025"), // earlier: dropped
		schoolCSVWith(t, m, dir, "3.csv", "778", ""),
		schoolCSVWith(t, m, dir, "4.csv", "779", "01.05.2025"), // earlier: replaced by 5
		schoolCSVWith(t, m, dir, "5.csv", "779", "02.05.2025"),
		schoolCSVWith(t, m, dir, "6.csv", "780", ""),
	}
	for policy, want := range map[string][]string{
		summary.DuplicatesLatest: {"1.csv", "3.csv", "5.csv", "6.csv"},
		summary.DuplicatesFirst:  {"1.csv", "3.csv", "4.csv", "6.csv"},
		summary.DuplicatesError:  {"3.csv", "6.csv"},
	} {
		for _, workers := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/%d", policy, workers), func(t *testing.T) {
				d := RunDistrict(m, files, nil, DistrictOptions{Workers: workers, Results: true, Side: true,
					Summary: summary.Options{Duplicates: policy}})
				var rows, results, side []string
				for _, r := range d.Summary.Schools {
					rows = append(rows, filepath.Base(r.Source))
				}
				for _, r := range d.Results {
					results = append(results, filepath.Base(r.Source))
				}
				for i, s := range d.Side.Schools {
					if s.Code != d.Results[i].School.Code {
						t.Errorf("side school %d is %q, result %q", i, s.Code, d.Results[i].School.Code)
					}
					side = append(side, s.Code)
				}
				if !slices.Equal(rows, want) || !slices.Equal(results, want) || len(side) != len(want) {
					t.Errorf("summary %v, results %v, side %v; want %v", rows, results, side, want)
				}
			})
		}
	}
	// Nothing kept unless asked.
	d := RunDistrict(m, files, []Skipped{{Path: "x.xls", Reason: lang.P("старый формат")}}, DistrictOptions{})
	if d.Results != nil || d.Side != nil || d.Summary.Counts.Failed != 1 || d.Summary.Counts.Files != 7 {
		t.Errorf("results %v side %v counts %+v", d.Results, d.Side, d.Summary.Counts)
	}
}

// TestRunRecoversFromADefect: a panic while one file is scored makes that
// file unread, with the stack kept, and the others are counted.
func TestRunRecoversFromADefect(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := []string{
		schoolCSVWith(t, m, dir, "1.csv", "1", ""),
		schoolCSVWith(t, m, dir, "2.csv", "2", ""),
		schoolCSVWith(t, m, dir, "3.csv", "3", ""),
	}
	var got []string
	var failed []error
	Run(m, files, Options[string]{Workers: 2,
		Prepare: func(r *scoring.Result) string {
			if r.School.Code == "2" {
				panic("defect")
			}
			return r.School.Code
		},
		Result: func(_ *scoring.Result, code string) { got = append(got, code) },
		FileDone: func(_ string, err error) {
			if err != nil {
				failed = append(failed, err)
			}
		},
	})
	pe, ok := errors.AsType[*PanicError](errors.Join(failed...))
	if !slices.Equal(got, []string{"1", "3"}) || len(failed) != 1 || !ok {
		t.Fatalf("schools %v, failures %v", got, failed)
	}
	if msg := FileErrorMessage(pe, lang.RU); !strings.Contains(msg, "внутренняя ошибка программы") || !strings.Contains(string(pe.Stack), "TestRunRecoversFromADefect") {
		t.Errorf("message %q, stack %s", msg, pe.Stack)
	}
}

// A covering letter in the district folder is listed as passed over: no
// failure, no file counted; a workbook to resave is a failure.
func TestRunDistrictPassesOverLetters(t *testing.T) {
	m, dir := answerFolder(t, map[string]string{"школа.csv": "school", "письмо.pdf": "%PDF", "старая.xls": "x"})
	files, skipped, _ := Collect([]string{dir})
	s := RunDistrict(m, files, skipped, DistrictOptions{}).Summary
	c := s.Counts
	if c.Schools != 1 || c.Files != 2 || c.Failed != 1 || c.PassedOver != 1 || len(s.PassedOver) != 1 ||
		!strings.Contains(s.PassedOver[0].Message, "не файл ответов (.pdf) — пропущен") {
		t.Errorf("counts %+v, passed over %v, failures %v", c, s.PassedOver, s.Failures)
	}
	os.Remove(filepath.Join(dir, "старая.xls"))
	files, skipped, _ = Collect([]string{dir})
	if s := RunDistrict(m, files, skipped, DistrictOptions{}).Summary; s.HasProblems() {
		t.Errorf("a letter beside the answers makes a problem: %+v", s.Counts)
	}
}
