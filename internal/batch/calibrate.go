package batch

import (
	"errors"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/calibrate"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// Calibrate reads the federal service's tables (or any answer files with
// a stated total and level) under paths, scores them with m and infers
// the thresholds they agree with (model calibrate). A file that cannot be
// read is listed among the skipped, with unread counting them, and the
// others are still used; missing are paths that do not exist.
func Calibrate(m *model.Model, paths []string, read answers.Options) (rep calibrate.Report, unread int, missing []string) {
	files, skipped, missing := Collect(paths)
	if len(missing) > 0 {
		return rep, 0, missing
	}
	var notRead []calibrate.Skipped
	for _, s := range skipped {
		notRead = append(notRead, calibrate.Skipped{Source: s.Path, Reason: s.Reason.In(m.Lang())})
	}
	schools, failed := ScoreFiles(m, files, read)
	for _, err := range failed {
		source := ""
		if fe, ok := errors.AsType[*answers.FileError](err); ok {
			source = fe.File
		}
		notRead = append(notRead, calibrate.Skipped{Source: source, Reason: m.Lang().T("файл не прочитан: %s", FileErrorMessage(err, m.Lang()))})
	}
	results := make([]*scoring.Result, len(schools))
	for i, s := range schools {
		results[i] = s.Result
	}
	rep = calibrate.Calibrate(m, results)
	rep.Skipped = append(notRead, rep.Skipped...)
	return rep, len(notRead), nil
}
