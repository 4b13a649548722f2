package answers

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"testing"
	"unicode/utf8"
)

func BenchmarkZZStages(b *testing.B) {
	data, err := os.ReadFile("/tmp/national.csv")
	if err != nil {
		b.Skip()
	}
	b.Run("utf8", func(b *testing.B) {
		for b.Loop() {
			if !utf8.Valid(data) {
				b.Fatal()
			}
		}
	})
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			r := csv.NewReader(bytes.NewReader(data))
			r.Comma = ';'
			r.ReuseRecord = true
			r.LazyQuotes = true
			for {
				_, err := r.Read()
				if err == io.EOF {
					break
				}
			}
		}
	})
	b.Run("readCSV", func(b *testing.B) {
		for b.Loop() {
			n := 0
			ReadCSV("x", data, Options{}, func(s *Submission) error { n++; return nil })
		}
	})
}
