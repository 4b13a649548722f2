package report

import (
	"io"
	"testing"
)

// BenchmarkSchoolReports renders one school's reports in every format
// (the work of --per-school --report html,xlsx,md for one school).
func BenchmarkSchoolReports(b *testing.B) {
	m, results := scoreSamples(b, "testdata/schools/school1.xlsx")
	r := results[0]
	for _, bc := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"html", func(w io.Writer) error { return WriteHTML(w, m, r) }},
		{"xlsx", func(w io.Writer) error { return WriteSchoolXLSX(w, m, r) }},
		{"md", func(w io.Writer) error { return WriteMarkdown(w, m, r) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := bc.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
