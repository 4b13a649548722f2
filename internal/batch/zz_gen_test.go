package batch

import (
	"os"
	"testing"

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
