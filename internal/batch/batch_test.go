package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b/2.csv", "a.xlsx", "b/1.CSV", "~$a.xlsx", ".hidden.csv", ".git/x.csv", "old.xls", "note.pdf", "c/d/e.xlsm"} {
		write(t, filepath.Join(dir, name), []byte("x"))
	}
	// A link to a folder (followed), a link back up the tree (walked once),
	// a dangling link and a named pipe.
	os.Symlink(filepath.Join(dir, "c"), filepath.Join(dir, "link-to-c"))
	os.Symlink(dir, filepath.Join(dir, "c", "loop"))
	os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling.csv"))
	syscall.Mkfifo(filepath.Join(dir, "pipe.csv"), 0o644)
	files, skipped, missing := Collect([]string{dir, filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "missing")})
	if len(missing) != 1 || filepath.Base(missing[0]) != "missing" {
		t.Errorf("missing = %v", missing)
	}
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, r)
	}
	// link-to-c and c/loop lead to folders already walked.
	if got, want := strings.Join(rel, ","), "a.xlsx,b/1.CSV,b/2.csv,c/d/e.xlsm"; got != want {
		t.Errorf("files = %s, want %s", got, want)
	}
	var reasons []string
	for _, s := range skipped {
		reasons = append(reasons, filepath.Base(s.Path)+": "+s.Reason.String())
	}
	all := strings.Join(reasons, "\n")
	for _, want := range []string{"dangling.csv: не удалось прочитать: файл не найден", "pipe.csv: не обычный файл", "note.pdf: не файл ответов (.pdf)", "old.xls: файл старого формата Excel (.xls)"} {
		if !strings.Contains(all, want) {
			t.Errorf("skipped lacks %q:\n%s", want, all)
		}
	}
	if len(skipped) != 4 {
		t.Errorf("skipped = %v", skipped)
	}
	// Only the letter holds no answers; the old workbook must be resaved.
	for _, s := range skipped {
		if s.NotAnswers != (filepath.Base(s.Path) == "note.pdf") {
			t.Errorf("%s: NotAnswers %v", s.Path, s.NotAnswers)
		}
	}
	// A link to a folder given on the command line is followed, and the
	// loop inside it ends: every folder once.
	files, _, _ = Collect([]string{filepath.Join(dir, "link-to-c")})
	if len(files) != 4 || !strings.HasSuffix(files[0], filepath.Join("link-to-c", "d", "e.xlsm")) {
		t.Errorf("through a link: %v", files)
	}
}

func TestRunOrderAndFailures(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	schools := sampledata.District(m, 30, 3)
	var files []string
	for i := range 10 {
		p := filepath.Join(dir, fmt.Sprintf("%02d.csv", i))
		var data []byte
		switch i {
		case 3:
			data = []byte("нет заголовков\n")
		case 6: // a district table of 10 schools
			var b strings.Builder
			if err := sampledata.DistrictCSV(&b, m, schools[10:20], sampledata.CSVOptions{Delim: ';'}); err != nil {
				t.Fatal(err)
			}
			data = []byte(b.String())
		default:
			data, err = sampledata.SchoolCSV(m, schools[i], sampledata.CSVOptions{Delim: ';'})
			if err != nil {
				t.Fatal(err)
			}
		}
		write(t, p, data)
		files = append(files, p)
	}
	run := func(workers int) (string, []string) {
		var got []string
		var done []string
		Run(m, files, Options[string]{Workers: workers,
			Prepare: func(r *scoring.Result) string { return r.School.Code },
			Result: func(r *scoring.Result, code string) {
				if code != r.School.Code {
					t.Errorf("prepared %q for school %q", code, r.School.Code)
				}
				got = append(got, fmt.Sprintf("%s#%d:%s", filepath.Base(r.Source), r.Row, r.School.Code))
			},
			FileDone: func(p string, err error) {
				s := filepath.Base(p)
				if err != nil {
					s += " FAILED"
				}
				done = append(done, s)
			},
		})
		return strings.Join(got, ","), done
	}
	want, done := run(1)
	if n := strings.Count(want, ",") + 1; n != 18 {
		t.Fatalf("%d schools, want 18 (8 files of one + a table of 10)", n)
	}
	if len(done) != 10 || done[3] != "03.csv FAILED" {
		t.Errorf("file callbacks = %v", done)
	}
	for range 5 {
		if got, _ := run(8); got != want {
			t.Fatalf("order depends on scheduling:\n%s\nvs\n%s", got, want)
		}
	}
}
