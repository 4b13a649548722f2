package batch

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// TestOneFormatFailing: a school whose report fails in one format keeps
// every other format, and the failure names the format.
func TestOneFormatFailing(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	var r *scoring.Result
	if err := answers.ReadFile("../../testdata/schools/school1.xlsx", answers.Options{}, func(s *submission.Submission) error {
		r = scoring.Score(m, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	broken := report.Format{Name: "xlsx", Ext: "xlsx", School: func(io.Writer, *model.Model, *report.School) error {
		return errors.New("row height exceeds the limit")
	}}
	md, _ := report.LookupFormat("md", report.OffersProgramme)
	formats := append(report.PerSchoolFormats(), broken, md)
	dir := t.TempDir()
	out, err := outdir.Open(dir, lang.RU)
	if err != nil {
		t.Fatal(err)
	}
	werr := RenderSchool(m, r, formats, nil, nil, summary.RunInfo{}).Write(out, "660001")
	if err := out.Commit(false); err != nil {
		t.Fatal(err)
	}
	out.Close()
	if werr == nil || !strings.Contains(werr.Error(), "xlsx: row height") {
		t.Errorf("write error = %v", werr)
	}
	for _, f := range append(report.PerSchoolFormats(), md) {
		if _, err := os.Stat(filepath.Join(dir, "schools", "660001."+f.Ext)); err != nil {
			t.Errorf("%s lost: %v", f.Name, err)
		}
	}
}
