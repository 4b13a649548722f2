package batch

import (
	"io"
	"os"
	"testing"
	"syscall"
	"time"

	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/summary"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
)

func TestZZGen(t *testing.T) {
	out := os.Getenv("ZZGEN")
	if out == "" {
		t.Skip()
	}
	m, _ := benchModelT()
	f, _ := os.Create(out)
	defer f.Close()
	if err := sampledata.DistrictCSV(f, m, sampledata.District(m, 40000, 42), sampledata.CSVOptions{Delim: ';'}); err != nil {
		t.Fatal(err)
	}
}

func benchModelT() (*model.Model, error) { return model.Default() }

func BenchmarkZZFile(b *testing.B) {
	m, _ := model.Default()
	for b.Loop() {
		endToEnd(b, m, []string{"/tmp/national.csv"})
	}
}

func TestZZPhases(t *testing.T) {
	if os.Getenv("ZZPH") == "" {
		t.Skip()
	}
	m, _ := model.Default()
	for range 4 {
		var ru0, ru1 syscall.Rusage
		syscall.Getrusage(0, &ru0)
		t0 := time.Now()
		files, _ := Collect([]string{"/tmp/national.csv"})
		agg := summary.New(m, summary.GroupMunicipality)
		var tFirst time.Duration
		Run(m, files, Options{
			Summary: agg,
			FileDone: func(p string, err error) { agg.FileDone() },
		})
		t1 := time.Now()
		syscall.Getrusage(0, &ru1)
		cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
		t.Logf("run cpu %v", cpu)
		s := agg.Summary()
		t2 := time.Now()
		report.WriteSummaryJSON(io.Discard, s)
		t3 := time.Now()
		t.Logf("first %v run %v summary %v json %v total %v", tFirst, t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t3.Sub(t0))
	}
}
