package answers

import (
	"testing"

	"github.com/selfdiag/selfdiag/internal/submission"
)

func benchRead(b *testing.B, path string) {
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if err := ReadFile(path, Options{}, func(*submission.Submission) error { n++; return nil }); err != nil || n != 1 {
			b.Fatalf("read %s: %v (%d schools)", path, err, n)
		}
	}
}

// BenchmarkReadXLSX reads one bundled school workbook (issue target: the
// whole `selfdiag score` on one xlsx well under 100 ms).
func BenchmarkReadXLSX(b *testing.B) { benchRead(b, "../../testdata/schools/school1.xlsx") }

func BenchmarkReadCSV(b *testing.B) { benchRead(b, "../../testdata/schools/school2-cp1251.csv") }
