package batch

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// The benchmarks build their inputs once per process with the deterministic
// generator, outside the timed loops.

var (
	bigCSVOnce sync.Once
	bigCSVPath string
	xlsxOnce   sync.Once
	xlsxDir    string
)

const (
	nationalSchools = 40000
	folderFiles     = 2000
)

func benchModel(b *testing.B) *model.Model {
	m, err := model.Default()
	if err != nil {
		b.Fatal(err)
	}
	return m
}

func nationalCSV(b *testing.B, m *model.Model) string {
	bigCSVOnce.Do(func() {
		dir, err := os.MkdirTemp("", "selfdiag-bench-csv")
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := sampledata.DistrictCSV(&buf, m, sampledata.District(m, nationalSchools, 42), sampledata.CSVOptions{Delim: ';'}); err != nil {
			b.Fatal(err)
		}
		bigCSVPath = filepath.Join(dir, "national.csv")
		if err := os.WriteFile(bigCSVPath, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	})
	return bigCSVPath
}

func schoolFolder(b *testing.B, m *model.Model) string {
	xlsxOnce.Do(func() {
		dir, err := os.MkdirTemp("", "selfdiag-bench-xlsx")
		if err != nil {
			b.Fatal(err)
		}
		for i, s := range sampledata.District(m, folderFiles, 43) {
			var buf bytes.Buffer
			if err := sampledata.SchoolXLSX(&buf, m, s); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("school-%04d.xlsx", i)), buf.Bytes(), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		xlsxDir = dir
	})
	return xlsxDir
}

// endToEnd is what `selfdiag batch` does: collect, read, score, aggregate
// (with the collector tuned as the command tunes it), write the summary.
func endToEnd(b *testing.B, m *model.Model, paths []string) *summary.Summary {
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as cli's batch sets it
	files, _, _ := Collect(paths)
	agg := summary.New(m, summary.Options{GroupBy: summary.GroupMunicipality, Duplicates: ""})
	Run(m, files, Options[struct{}]{
		Result:   func(r *scoring.Result, _ struct{}) { agg.Add(r) },
		FileDone: func(p string, err error) { agg.FileDone() },
	})
	s := agg.Summary()
	if err := report.WriteSummaryJSON(io.Discard, s); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkNationalCSV: 40,000 schools in one district-layout CSV. Goal:
// under 3 s, within 2× merely parsing the file with encoding/csv.
func BenchmarkNationalCSV(b *testing.B) {
	m := benchModel(b)
	path := nationalCSV(b, m)
	b.Run("parse-encoding-csv", func(b *testing.B) {
		for b.Loop() {
			parseEncodingCSV(b, path)
		}
	})
	b.Run("selfdiag-end-to-end", func(b *testing.B) {
		for b.Loop() {
			if s := endToEnd(b, m, []string{path}); s.Counts.Schools != nationalSchools {
				b.Fatalf("%d schools", s.Counts.Schools)
			}
		}
		reportPeak(b)
	})
}

// parseEncodingCSV reads the file and parses it with encoding/csv: the
// floor the national benchmark is measured against.
func parseEncodingCSV(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	r.ReuseRecord = true
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n != nationalSchools+1 {
		b.Fatalf("%d rows", n)
	}
}

// BenchmarkFolderXLSX: 2,000 one-school workbooks through batch. Goal:
// within 1.5× of opening and reading the same files with excelize alone.
func BenchmarkFolderXLSX(b *testing.B) {
	m := benchModel(b)
	dir := schoolFolder(b, m)
	files, _, _ := Collect([]string{dir})
	b.Run("excelize-alone", func(b *testing.B) {
		for b.Loop() {
			work := make(chan string)
			var wg sync.WaitGroup
			for range runtime.GOMAXPROCS(0) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for p := range work {
						f, err := excelize.OpenFile(p)
						if err != nil {
							b.Error(err)
							continue
						}
						for _, sh := range f.GetSheetList() {
							rows, err := f.Rows(sh)
							if err != nil {
								b.Error(err)
								continue
							}
							for rows.Next() {
								rows.Columns(excelize.Options{RawCellValue: true})
							}
							rows.Close()
						}
						f.Close()
					}
				}()
			}
			for _, p := range files {
				work <- p
			}
			close(work)
			wg.Wait()
		}
	})
	b.Run("selfdiag-batch", func(b *testing.B) {
		for b.Loop() {
			if s := endToEnd(b, m, []string{dir}); s.Counts.Schools != folderFiles {
				b.Fatalf("%d schools", s.Counts.Schools)
			}
		}
		reportPeak(b)
	})
}

// reportPeak reports the Go heap's high-water mark seen by the runtime.
func reportPeak(b *testing.B) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-sys-MiB")
}
