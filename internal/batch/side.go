package batch

import (
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// SideNotes are what a side read from answer files has to say, a line
// each: output folders passed over, files not read, and schools sent more
// than once (counted once, as batch does).
type SideNotes struct {
	Outputs            []lang.Phrase
	Failed, Duplicates []string
}

// MissingError names paths that do not exist.
type MissingError struct{ Paths []string }

func (e *MissingError) Error() string { return e.In(lang.RU) }

// In is the error in a language.
func (e *MissingError) In(l lang.Lang) string {
	return l.T("нет такого файла или папки: %s", strings.Join(e.Paths, ", "))
}

// LoadSide reads one side of a comparison, named name in messages: a
// previous run's folder, or the answer files under path scored by the
// district pipeline with the model loadModel gives.
func LoadSide(name, path string, loadModel func() (*model.Model, error), o DistrictOptions) (*compare.Side, SideNotes, error) {
	var notes SideNotes
	side := lang.P("сторона «%s»: ", lang.P(name))
	if compare.IsRun(path) {
		run, err := compare.LoadRun(path)
		if err != nil {
			return nil, notes, lang.Errorf("%s%s", side, lang.Message(err))
		}
		return run, notes, nil
	}
	m, err := loadModel()
	if err != nil {
		return nil, notes, err
	}
	files, skipped, outputs, err := CollectAnswers([]string{path}, side)
	notes.Outputs = outputs
	if err != nil {
		return nil, notes, err
	}
	o.Side = true
	d := RunDistrict(m, files, skipped, o)
	// What is said of the files read is in the model's language.
	l := m.Lang()
	prefix := side.In(l)
	for _, f := range d.Summary.Failures {
		notes.Failed = append(notes.Failed, prefix+f.File+": "+f.Message)
	}
	for _, dup := range d.Summary.Duplicates {
		by := dup.By // in the model's language: «code», «name and «Sector»»
		if l == lang.RU {
			by = "наименованию и муниципалитету"
			if dup.By == "код" {
				by = "коду"
			}
		}
		line := prefix + l.T("повтор школы «%s» (по %s): не учтена подача %s", dup.School, by, dup.Source)
		if dup.Reason != "" {
			line += "; " + dup.Reason
		}
		notes.Duplicates = append(notes.Duplicates, line)
	}
	return d.Side, notes, nil
}

// CollectAnswers collects the answer files under paths (Collect) for a
// run: a missing path is a *MissingError, nothing to read is an error too
// (NoAnswers); outputs are the folders of the program's own outputs passed
// over, a line each, to tell the user.
func CollectAnswers(paths []string, prefix lang.Phrase) (files []string, skipped []Skipped, outputs []lang.Phrase, err error) {
	files, skipped, missing := Collect(paths)
	if len(missing) > 0 {
		return nil, nil, nil, &MissingError{missing}
	}
	outputs = OutputsPassed(skipped, prefix)
	return files, skipped, outputs, NoAnswers(files, skipped, prefix, strings.Join(paths, ", "))
}

// OutputsPassed lists, a line each, the folders of the program's own
// outputs that Collect passed over.
func OutputsPassed(skipped []Skipped, prefix lang.Phrase) []lang.Phrase {
	var lines []lang.Phrase
	for _, s := range skipped {
		if s.Output {
			lines = append(lines, lang.P("%s%s: %s", prefix, lang.Text(s.Path), s.Reason))
		}
	}
	return lines
}

// NoAnswers fails when nothing is left to read under where: never exit 0
// for nothing done. Workbooks the program cannot read count as something
// read by a district run (they are listed as unread), not by a side
// (prefix not empty); files that hold no answers (a letter) never do.
func NoAnswers(files []string, skipped []Skipped, prefix lang.Phrase, where string) error {
	outputs, other := 0, 0
	for _, s := range skipped {
		switch {
		case s.Output:
			outputs++
		case !s.NotAnswers:
			other++ // a workbook to resave: listed as unread
		}
	}
	switch {
	case len(files) > 0 || (other > 0 && prefix.Format == ""):
		return nil
	case outputs > 0:
		return lang.Errorf("%sв %s нет файлов ответов, только результаты selfdiag; для сравнения с прошлым запуском нужен его каталог, записанный с --per-school (summary.json и schools/), или папка с ответами", prefix, where)
	}
	return lang.Errorf("%sне найдено ни одного файла ответов (.xlsx или .csv) в: %s", prefix, where)
}

// TuneGC tunes the collector for a district run, unless GOGC or
// GOMEMLIMIT say otherwise. A run makes much short-lived garbage (rows,
// results) and keeps little (the summary): collecting at every doubling of
// a small heap is wasted work, so the heap may grow fourfold between
// collections (a fifth less time for a national CSV table) — but not past
// memoryLimit: reading a workbook makes garbage ten times as fast as a CSV
// (its XML), and fourfold of that was gigabytes.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// memoryLimit is the heap a district run grows to before the collector
// works harder.
const memoryLimit = 320 << 20

// ScoreFiles reads and scores every school of the files, one after
// another, for score and report; unreadable files are returned in failed,
// the readable ones are still scored.
func ScoreFiles(m *model.Model, files []string, opts answers.Options) (results []*report.School, failed []error) {
	opts = opts.ForModel(m)
	for _, f := range files {
		if err := answers.ReadFile(f, opts, func(sub *submission.Submission) error {
			results = append(results, &report.School{Explained: scoring.Explain(m, scoring.Score(m, sub))})
			return nil
		}); err != nil {
			failed = append(failed, err)
		}
	}
	return results, failed
}

// WriteReports writes a report of the format for each school into out,
// named by its code (ReportNames); a report that cannot be written is
// returned in failed, the others are written all the same.
func WriteReports(out *outdir.Dir, m *model.Model, schools []*report.School, f report.Format) (written []string, failed []error) {
	names := ReportNames{}
	for _, r := range schools {
		name := names.Next(r.Result, m.Lang()) + "." + f.Ext
		if err := out.Write(name, func(w io.Writer) error { return f.School(w, m, r) }); err != nil {
			failed = append(failed, lang.Errorf("отчёт «%s» не записан: %s", report.SchoolTitle(m, r.Result), lang.Message(err)))
			continue
		}
		written = append(written, name)
	}
	return written, failed
}
