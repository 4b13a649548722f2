package batch

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// The program's own result tables — score's CSV (its «№» and «Ответ»
// columns look like a school's answers), a summary's, a comparison's —
// and a model's table (its «Ответы» sheet) dropped among answer files are
// passed over, in every model's language, never read as a school.
func TestResultTablesAreNotAnswers(t *testing.T) {
	csf, err := model.Load(os.DirFS("../../testdata/frameworks/csf-self-assessment/model"), "csf")
	if err != nil {
		t.Fatal(err)
	}
	school, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		m     *model.Model
		files []string
	}{
		{school, []string{"../../testdata/schools/school1.xlsx", "../../testdata/schools/school3-utf8.csv"}},
		{csf, []string{"../../testdata/frameworks/csf-self-assessment/2026/epc.csv", "../../testdata/frameworks/csf-self-assessment/2026/hsd.csv"}},
	} {
		t.Run(tc.m.ID, func(t *testing.T) {
			results, failed := ScoreFiles(tc.m, tc.files, answers.Options{})
			if len(failed) > 0 || len(results) != 2 {
				t.Fatalf("scored %d, failed %v", len(results), failed)
			}
			d := RunDistrict(tc.m, tc.files, nil, DistrictOptions{Side: true})
			csv, _ := report.LookupFormat("csv", report.OffersResults)
			tables := map[string]func(*bytes.Buffer) error{
				"score.csv":   func(b *bytes.Buffer) error { return csv.Results(b, tc.m, results) },
				"summary.csv": func(b *bytes.Buffer) error { return csv.Summary(b, d.Summary, nil) },
				"compare.csv": func(b *bytes.Buffer) error {
					return compare.WriteCSV(b, compare.Compare(d.Side, d.Side, compare.Options{}), compare.TitlesOf(d.Side, d.Side))
				},
				// The model's own table: its sheet of answers is the
				// model's options, nobody's answers.
				"model.xlsx": func(b *bytes.Buffer) error { return modelsheet.WriteXLSX(b, tc.m.Table()) },
				"model.csv":  func(b *bytes.Buffer) error { return modelsheet.WriteCSV(b, tc.m.Table()) },
			}
			dir := t.TempDir()
			for name, write := range tables {
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(dir, name)
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				read := 0
				err := answers.ReadFile(path, answers.Options{}.ForModel(tc.m), func(*submission.Submission) error { read++; return nil })
				var fe *answers.FileError
				if !errors.As(err, &fe) || !fe.Results || fe.Model != strings.HasPrefix(name, "model") || read > 0 {
					t.Errorf("%s: read %d, error %v", name, read, err)
				}
			}
		})
	}
}
