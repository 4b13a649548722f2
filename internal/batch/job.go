package batch

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// Job is a whole district run: what to read, how to sum it up, what to
// compare it with and what to write.
type Job struct {
	Model   *model.Model
	Files   []string
	Skipped []Skipped // from Collect
	Workers int       // 0: all cores
	Read    answers.Options
	Summary summary.Options
	// PerSchool writes each counted school's reports into schools/ of
	// Out: JSON and text, and Reports besides.
	PerSchool bool
	Reports   []report.Format
	// Formats are the summary's files in Out (summary.json is always
	// written).
	Formats []report.Format
	// Previous is the last self-diagnosis to compare with, named
	// PreviousName in the documents; nil for none.
	Previous     *compare.Side
	PreviousName string
	// Out is the output folder; nil writes nothing.
	Out *outdir.Dir
	// FileDone, if set, is called once per file, in order (a progress bar).
	FileDone func()
}

// Outcome is what a district run made.
type Outcome struct {
	Summary *summary.Summary
	// Links give each counted school its HTML report relative to Out
	// ("" where it was not written); nil without HTML reports.
	Links []string
	// Changes is the comparison with Previous; nil without.
	Changes *Changes
	// Unwritten names the schools whose reports were not all written,
	// with why.
	Unwritten []lang.Phrase
	// Files are the summary's and the comparison's files written, by
	// name in Out.
	Files []string
}

// Changes is the comparison with the previous self-diagnosis.
type Changes struct {
	Report *compare.Report
	Titles compare.Titles
	// Previous names the previous self-diagnosis in documents: its year.
	Previous string
}

// Execute runs the job: every file read and scored, the summary, the
// comparison with the previous self-diagnosis, and — with Out — each
// school's reports (beside the means of its district and municipality,
// and its own change) and the summary's and comparison's files. Out is
// committed by the caller. An error is a summary or comparison file that
// could not be written.
func Execute(job Job) (*Outcome, error) {
	m := job.Model
	d := RunDistrict(m, job.Files, job.Skipped, DistrictOptions{Workers: job.Workers, Read: job.Read, Summary: job.Summary,
		Results: job.PerSchool, Side: job.Previous != nil, FileDone: job.FileDone})
	o := &Outcome{Summary: d.Summary}
	var perSchool []*report.Change // each counted school's change
	if job.Previous != nil {
		o.Changes = &Changes{Report: compare.Compare(job.Previous, d.Side, compare.Options{GroupBy: job.Summary.GroupBy,
			Territory: job.Summary.Run.Territory, AsOf: job.Summary.Run.AsOf}), Titles: compare.TitlesOf(job.Previous, d.Side),
			Previous: job.Previous.Name(job.PreviousName)}
		// The comparison lists the new side's schools first, in order.
		for i := range d.Side.Schools {
			perSchool = append(perSchool, o.Changes.Report.Schools[i].ForReport(o.Changes.Previous, o.Changes.Titles))
		}
	}
	if job.PerSchool && job.Out != nil {
		writes := writeSchoolReports(m, o.Summary, d.Results, perSchool, append(report.PerSchoolFormats(), job.Reports...), job.Workers, job.Out)
		linkHTML := slices.ContainsFunc(job.Reports, func(f report.Format) bool { return f.Name == "html" })
		for _, w := range writes {
			if w.err != nil {
				o.Unwritten = append(o.Unwritten, lang.P("отчёт «%s» не записан: %s", w.title, lang.Message(w.err)))
			}
			if linkHTML {
				link := ""
				if w.err == nil {
					link = "schools/" + url.PathEscape(w.name) + ".html"
				}
				o.Links = append(o.Links, link)
			}
		}
	}
	if job.Out != nil {
		if err := writeSummaryFiles(job, o); err != nil {
			return o, err
		}
	}
	return o, nil
}

// writeSummaryFiles writes summary.json, the summary in each format and,
// with a previous self-diagnosis, the comparison.
func writeSummaryFiles(job Job, o *Outcome) error {
	s := o.Summary
	out := func(name string, write func(io.Writer) error) error {
		o.Files = append(o.Files, name)
		return job.Out.Write(name, write)
	}
	if err := out("summary.json", func(w io.Writer) error { return report.WriteSummaryJSON(w, s) }); err != nil {
		return err
	}
	for _, f := range job.Formats {
		if f.Name == "json" {
			continue
		}
		write := func(w io.Writer) error { return f.Summary(w, s, o.Links) }
		if f.Name == "docx" && o.Changes != nil {
			note := o.Changes.Report.ForNote(o.Changes.Previous, o.Changes.Titles)
			write = func(w io.Writer) error { return report.WriteSummaryDOCXWithChanges(w, s, note) }
		}
		if err := out("summary."+f.Ext, write); err != nil {
			return err
		}
	}
	if o.Changes != nil {
		return writeComparison(out, o.Changes, job.Formats)
	}
	return nil
}

// writeComparison writes compare.json and the comparison in each summary
// format it has too.
func writeComparison(out func(string, func(io.Writer) error) error, ch *Changes, formats []report.Format) error {
	for _, cf := range compare.Formats {
		if cf.Name != "json" && !slices.ContainsFunc(formats, func(f report.Format) bool { return f.Name == cf.Name }) {
			continue
		}
		if err := out("compare."+cf.Ext, func(w io.Writer) error { return cf.Write(w, ch.Report, ch.Titles) }); err != nil {
			return err
		}
	}
	return nil
}

// schoolWrite is a counted school's reports, to be written under the name
// given in order; err is set once they are written.
type schoolWrite struct {
	title, name string
	err         error
}

// writeSchoolReports renders the schools' reports in every format on all
// cores, each beside the means of its district and municipality, and
// writes them under names given in order. It returns a write per school.
func writeSchoolReports(m *model.Model, s *summary.Summary, schools []*scoring.Result, changes []*report.Change, formats []report.Format, workers int, out *outdir.Dir) []*schoolWrite {
	names := ReportNames{}
	writes := make([]*schoolWrite, len(schools))
	for i, r := range schools {
		writes[i] = &schoolWrite{title: report.SchoolTitle(m, r), name: names.Next(r, m.Lang())}
	}
	means := peerMeans(s)
	jobs := make(chan int)
	var renderers sync.WaitGroup
	for range cmp.Or(workers, runtime.GOMAXPROCS(0)) {
		renderers.Go(func() { // each school rendered and written by one worker
			for i := range jobs {
				var change *report.Change
				if i < len(changes) {
					change = changes[i]
				}
				writes[i].err = func() (err error) {
					defer func() { // a defect in one school's report spares the others
						if p := recover(); p != nil {
							err = lang.Errorf("внутренняя ошибка программы (%s)", lang.Text(fmt.Sprint(p)))
						}
					}()
					return RenderSchool(m, schools[i], formats, means(s.Schools[i].Group), change, s.Run).Write(out, writes[i].name)
				}()
			}
		})
	}
	for i := range schools {
		jobs <- i
	}
	close(jobs)
	renderers.Wait()
	return writes
}

// peerMeans gives, for a school's municipality, the means per component of
// the district and of the municipality, in percent.
func peerMeans(s *summary.Summary) func(group string) *report.Peers {
	district := make([]float64, len(s.Stats.Components))
	for i, c := range s.Stats.Components {
		district[i] = c.MeanPercent
	}
	return func(group string) *report.Peers {
		p := &report.Peers{District: district}
		if st, ok := s.GroupStats(group); ok {
			p.Municipality = group
			for _, c := range st.Components {
				p.Municipal = append(p.Municipal, c.MeanPercent)
			}
		}
		return p
	}
}

// SchoolFiles are a school's reports, rendered where the school was
// scored: contents by format; a format that failed to render has its
// error instead, and the others are written.
type SchoolFiles struct {
	formats []report.Format
	data    [][]byte
	errs    []error
}

// RenderSchool renders a school's reports in every format, beside its
// peers' means and its change since the previous self-diagnosis (either
// may be nil).
func RenderSchool(m *model.Model, r *scoring.Result, formats []report.Format, peers *report.Peers, change *report.Change, run summary.RunInfo) *SchoolFiles {
	f := &SchoolFiles{formats: formats, data: make([][]byte, len(formats)), errs: make([]error, len(formats))}
	e := &report.School{Explained: scoring.Explain(m, r), Peers: peers, Change: change, Run: run}
	var d *doc.Document // the school's document, built once for the formats that render it
	for i, format := range formats {
		var buf bytes.Buffer
		write := func() error { return format.School(&buf, m, e) }
		if format.Render != nil {
			if d == nil {
				d = report.SchoolDocument(m, e)
			}
			write = func() error { return format.Render(&buf, d) }
		}
		if err := write(); err != nil {
			f.errs[i] = fmt.Errorf("%s: %w", format.Name, err)
			continue
		}
		f.data[i] = buf.Bytes()
	}
	return f
}

// Write writes the rendered reports as schools/name.<ext> of the folder:
// every format that rendered, whatever happened to the others.
func (f *SchoolFiles) Write(out *outdir.Dir, name string) error {
	errs := slices.Clone(f.errs)
	for i, format := range f.formats {
		if f.errs[i] != nil {
			continue
		}
		data := f.data[i]
		errs[i] = out.Write("schools/"+name+"."+format.Ext, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		})
	}
	return errors.Join(errs...)
}

// ReportNames names per-school reports from the school code, else the
// answer file (and row); a name is never used twice in one run, is short
// enough for every file system and is not a name Windows reserves.
type ReportNames map[string]bool

// maxNameBytes bounds a report's base name: file systems allow 255 bytes,
// a Cyrillic letter takes two, and the extension and a "-2" need room.
const maxNameBytes = 120

// windowsReserved are the device names Windows reserves, with any extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// Next names the school's reports.
func (u ReportNames) Next(r *scoring.Result, l lang.Lang) string {
	base := safeName(r.School.Code)
	if base == "" {
		base = safeName(strings.TrimSuffix(filepath.Base(r.Source), filepath.Ext(r.Source)))
		if r.Row > 0 {
			base += l.T("-строка-") + strconv.Itoa(r.Row)
		}
	}
	if strings.Trim(base, "-") == "" {
		base = l.T("школа") + base
	}
	if len(base) > maxNameBytes {
		// Cut at a letter's start, with a short hash of the whole name:
		// two long codes that start alike still get two names.
		sum := sha256.Sum256([]byte(base))
		cut := maxNameBytes - 9
		for !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut] + "-" + hex.EncodeToString(sum[:4])
	}
	if windowsReserved[strings.ToUpper(base)] {
		base += "_"
	}
	name := base
	for i := 2; u[strings.ToLower(name)]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	u[strings.ToLower(name)] = true // Windows and macOS do not tell case apart
	return name
}

// safeName keeps letters, digits, '-' and '_' so a name is a valid file name everywhere.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case b.Len() > 0:
			b.WriteRune('_')
		}
	}
	return strings.Trim(b.String(), "_")
}
