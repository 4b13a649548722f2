package answers

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/hostiletest"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/xlsxopen"
)

// amplifiedXLSX writes a small workbook whose cells all point to one
// shared string of n characters: rows of a district table, or answers of
// one school.
func amplifiedXLSX(t *testing.T, path string, n, rows int, district bool) {
	t.Helper()
	header := []string{"№", "Ответ"}
	if district {
		header = []string{"Код ОО", "Наименование ОО"}
		for i := 1; i <= 20; i++ {
			header = append(header, fmt.Sprint(i))
		}
	}
	if err := hostiletest.SharedStringBook(path, "Sheet1", header, rows, n); err != nil {
		t.Fatal(err)
	}
}

// TestSharedStringAmplification: a workbook of a few hundred kilobytes
// whose cells repeat one long shared string is refused within the text
// budget — in seconds and a bounded amount of memory — and a cell longer
// than Excel allows is refused at once, naming the cell.
func TestSharedStringAmplification(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name           string
		n, rows        int
		district       bool
		want, wantCell string
	}{
		{"cell over Excel's limit", 300_000, 2000, false, "в ячейке больше 32767 знаков (300000)", ":Sheet1!B2"},
		{"district of one repeated string", 30_000, 3000, true, "текст ячеек книги больше 256 МБ", ":Sheet1!"},
		{"school of one repeated string", 32_000, 10000, false, "текст ячеек книги больше 256 МБ", ":Sheet1!B"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".xlsx")
			amplifiedXLSX(t, path, tt.n, tt.rows, tt.district)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			err := ReadFile(path, Options{}, func(*submission.Submission) error { return nil })
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(fe.Msg.String(), tt.want) || !strings.Contains(fe.Place(lang.RU), tt.wantCell) {
				t.Fatalf("err = %v", err)
			}
			if len(err.Error()) > 1000 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
			// The budget is 256 MB of text; what is read is allocated a
			// few times over at most, never the gigabytes of copies.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 6*xlsxopen.MaxBookText {
				t.Errorf("allocated %d MB reading it", alloc>>20)
			}
			if elapsed > 30*time.Second {
				t.Errorf("took %v", elapsed)
			}
			t.Logf("%s: %v, allocated %d MB", tt.name, elapsed.Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>20)
		})
	}
}

// TestBlankRowsDoNotCount: formatted empty rows down to the sheet's end
// (Excel keeps the formatting of whole columns) are not rows of answers:
// the school is read, in seconds.
func TestBlankRowsDoNotCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "школа.xlsx")
	if err := hostiletest.BlankRowsBook(path, 50_000); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	subs := 0
	err := ReadFile(path, Options{}, func(s *submission.Submission) error {
		subs++
		if len(s.Answers) != 1 || s.Answers[0].Value != "да" {
			t.Errorf("answers %+v", s.Answers)
		}
		return nil
	})
	if err != nil || subs != 1 || time.Since(start) > 20*time.Second {
		t.Errorf("%d schools, err %v, in %v", subs, err, time.Since(start))
	}
}
