package cli

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

func newBatchCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "batch ПУТЬ...",
		Short: "Посчитать все школы района (каталог или файлы) и собрать муниципальную сводку",
		Long: `Читает все файлы .xlsx и .csv в каталогах (с подкаталогами) и в перечисленных файлах,
считает каждую школу на всех ядрах и собирает сводку района: распределение уровней
(в целом и по компонентам), средний процент по компонентам, частые дефициты, школы
«ниже базового» с причинами, повторы школ и нечитаемые файлы.

Скрытые файлы и временные файлы Office (~$…) пропускаются; о файлах .xls и других
неподходящих файлах сообщается. Один плохой файл не останавливает обработку: остальные
считаются, а код выхода будет 1.

С --out КАТАЛОГ сводка пишется в КАТАЛОГ/summary.json и КАТАЛОГ/summary.<формат>;
с --per-school ещё и отчёт каждой школы в КАТАЛОГ/schools/ (JSON и текст; с --report
html,xlsx,md — и отчёты для Программы развития). --format html — панель района: уровни,
тепловая карта школ × компонентов, частые дефициты, школы «ниже базового», ссылки
на отчёты школ; --format docx — аналитическая справка в Word.
С --previous ПРОШЛОЕ — ещё и сравнение с прошлой самодиагностикой (каталог прошлого запуска
batch --per-school или папка с ответами): КАТАЛОГ/compare.json и compare.<формат> для
форматов сводки text, csv, xlsx, html; в аналитической справке (docx) и в отчёте каждой
школы — раздел «Изменения с прошлой самодиагностики».
На экран выводится сводка в выбранном формате (для xlsx — текстовая).`,
		Example: `  selfdiag batch testdata/district
  selfdiag batch ответы/ --out итоги --per-school --format xlsx
  selfdiag batch ответы/ --out итоги --per-school --report html --format html
  selfdiag batch регион/ --group-by municipality --format json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := a.batchOptions(args)
			if err != nil {
				return err
			}
			return a.runBatch(o)
		},
	}
	cmd.Flags().StringP("format", "f", "text", "формат сводки: "+strings.Join(report.FormatNames(report.OffersSummary), ", ")+" (html — панель района)")
	cmd.Flags().StringSlice("report", nil, "с --per-school: ещё и отчёты школ в форматах "+strings.Join(report.FormatNames(report.OffersProgramme), ", ")+" (через запятую)")
	cmd.Flags().StringP("out", "o", "", "каталог для сводки и отчётов школ")
	cmd.Flags().Bool("per-school", false, "записать отчёт каждой школы в КАТАЛОГ/schools (нужен --out)")
	cmd.Flags().String("group-by", "", "группировка сводки: municipality (по муниципалитетам, с таблицей региона)")
	cmd.Flags().BoolP("quiet", "q", false, "не показывать индикатор хода работы")
	addReadFlags(cmd)
	cmd.Flags().String("municipalities", "", "файл со списком муниципалитетов (по названию в строке): названия не из списка — проблема в данных")
	cmd.Flags().String("duplicates", summary.DuplicatesLatest, "если школа пришла дважды, учитывать: latest — более позднюю подачу (по «Дате заполнения», иначе по времени изменения файла), first — первую по порядку файлов, error — ни одну")
	cmd.Flags().Int("workers", 0, "число параллельных потоков, от 1 до 256 (0 — по числу ядер)")
	cmd.Flags().String("previous", "", "прошлая самодиагностика для сравнения: каталог прошлого запуска batch --per-school или папка с ответами (нужен --out)")
	return cmd
}

// maxWorkers bounds --workers: more goroutines than this only use memory.
const maxWorkers = 256

// batchOptions are what batch runs on.
type batchOptions struct {
	paths      []string
	duplicates string // summary.Duplicates*
	// municipalities is the official list read from municipalityFile, nil
	// without one.
	municipalities   []string
	municipalityFile string
	formats          []report.Format // the summary's: one on stdout, or several files with --out
	reports          []report.Format // --report: per-school reports besides json and text
	outDir           string
	perSchool        bool
	groupBy          string
	quiet            bool
	read             answers.Options
	workers          int
	model            string
	previous         string // --previous: the last self-diagnosis to compare with
}

// batchOptions reads and checks batch's options.
func (a *app) batchOptions(paths []string) (batchOptions, error) {
	v := a.v
	o := batchOptions{paths: paths, outDir: v.GetString("out"), perSchool: v.GetBool("per-school"),
		groupBy: strings.TrimSpace(v.GetString("group-by")), quiet: v.GetBool("quiet"),
		workers: v.GetInt("workers"), model: a.model, previous: strings.TrimSpace(v.GetString("previous")),
		duplicates: cmp.Or(strings.TrimSpace(v.GetString("duplicates")), summary.DuplicatesLatest)}
	a.readsFrom(append(slices.Clone(paths), o.previous)...)
	if err := a.overInput(o.outDir); err != nil {
		return o, err
	}
	var err error
	if o.read, err = a.readOptions(); err != nil {
		return o, err
	}
	o.municipalityFile = a.municipalities
	if o.municipalities, err = readList(a.municipalities); err != nil {
		return o, err
	}
	for _, name := range strings.Split(v.GetString("format"), ",") {
		f, err := format(name, report.OffersSummary)
		if err != nil {
			return o, err
		}
		if !slices.ContainsFunc(o.formats, func(g report.Format) bool { return g.Name == f.Name }) {
			o.formats = append(o.formats, f)
		}
	}
	for _, name := range v.GetStringSlice("report") {
		name = strings.TrimSpace(name)
		if name == "" || slices.ContainsFunc(o.reports, func(f report.Format) bool { return f.Name == name }) {
			continue
		}
		f, ok := report.LookupFormat(name, report.OffersProgramme)
		if !ok {
			return o, usagef("неизвестный формат отчёта школы %q: допустимы %s", name, strings.Join(report.FormatNames(report.OffersProgramme), ", "))
		}
		o.reports = append(o.reports, f)
	}
	switch {
	case o.groupBy != "" && o.groupBy != summary.GroupMunicipality:
		return o, usagef("неизвестная группировка %q: допустима municipality", o.groupBy)
	case o.previous != "" && o.outDir == "":
		return o, usagef("--previous пишет сравнение в файлы: укажите --out КАТАЛОГ")
	case o.perSchool && o.outDir == "":
		return o, usagef("--per-school требует каталог для отчётов: --out КАТАЛОГ")
	case len(o.reports) > 0 && !o.perSchool:
		return o, usagef("--report задаёт формат отчётов школ и нужен вместе с --per-school --out КАТАЛОГ")
	case o.outDir == "" && o.formats[0].Binary:
		return o, usagef("сводка %s пишется в файл: укажите --out КАТАЛОГ", o.formats[0].Name)
	case o.outDir == "" && len(o.formats) > 1:
		return o, usagef("несколько форматов сводки пишутся в файлы: укажите --out КАТАЛОГ")
	case !slices.Contains([]string{summary.DuplicatesLatest, summary.DuplicatesFirst, summary.DuplicatesError}, o.duplicates):
		return o, usagef("неизвестное правило повторов %q: допустимы latest (более поздняя подача), first (первая по порядку файлов), error (ни одной)", o.duplicates)
	case o.workers < 0 || o.workers > maxWorkers:
		return o, usagef("--workers %d: допустимо от 1 до %d (0 — по числу ядер)", o.workers, maxWorkers)
	}
	return o, nil
}

// schoolFiles are a school's per-school reports, rendered where the school
// was scored: contents by format, in the order written; a format that
// failed to render has its error instead, and the others are written.
type schoolFiles struct {
	formats []report.Format
	data    [][]byte
	errs    []error
}

// runBatch reads and scores every file, aggregates the district summary
// and writes the outputs.
func (a *app) runBatch(o batchOptions) error {
	m, err := loadModel(o.model)
	if err != nil {
		return err
	}
	files, skipped, missing := batch.Collect(o.paths)
	if len(missing) > 0 {
		return usagef("нет такого файла или папки: %s", strings.Join(missing, ", "))
	}
	if err := a.noAnswers(files, skipped, "", strings.Join(o.paths, ", ")); err != nil {
		return err
	}
	var previous *compare.Side
	var previousNotes sideNotes
	if o.previous != "" {
		if previous, previousNotes, err = a.loadSide("прошлая", o.previous, o.model, o.read, summary.Options{Duplicates: o.duplicates}); err != nil {
			return err
		}
	}
	var out *outdir.Dir // nil without --out
	if o.outDir != "" {
		if out, err = outdir.Open(o.outDir); err != nil {
			return &failure{err.Error()}
		}
		defer out.Close()
		defer releaseOnInterrupt(out)()
	}
	if !o.perSchool {
		// Not with per-school reports: their rendered files would take
		// the heap near a gigabyte.
		lazyGC()
	}
	s, links, changes, failedWrites := a.scoreAll(m, files, skipped, o, out, previous)
	if err := a.writeSummary(s, links, changes, o, out); err != nil {
		return err
	}
	previousProblems := a.printSideNotes(previousNotes)
	if len(previousNotes.failed) > 0 {
		return &failure{"прошлая самодиагностика прочитана не вся (см. выше): сравнение неполно"}
	}
	if failedWrites > 0 {
		return &failure{fmt.Sprintf("не записаны отчёты школ: %d (перечислены выше); остальные файлы записаны", failedWrites)}
	}
	if s.HasProblems() || previousProblems {
		return errProblems
	}
	return nil
}

// scoreAll runs the batch: every school scored, and its summary entry
// made, on all cores; the summary adds them in order. With --per-school,
// the counted schools' reports are rendered and written afterwards on all
// cores, under names given in order: they show the district's and the
// municipality's means, known only then. For those means the summary is
// grouped by municipality even without --group-by; the grouping is taken
// off again before the summary is written.
func (a *app) scoreAll(m *model.Model, files []string, skipped []batch.Skipped, o batchOptions, out *outdir.Dir, previous *compare.Side) (s *summary.Summary, links []string, changes *districtChanges, failedWrites int) {
	groupBy := o.groupBy
	if o.perSchool {
		groupBy = summary.GroupMunicipality // the reports compare with the municipality
	}
	bar := a.progress(len(files), o.quiet)
	d := batch.RunDistrict(m, files, skipped, batch.DistrictOptions{
		Workers: o.workers, Read: o.read, Results: o.perSchool, Side: previous != nil,
		Summary: summary.Options{GroupBy: groupBy, Duplicates: o.duplicates, Municipalities: o.municipalities, ListName: o.municipalityFile},
		FileDone: func() {
			if bar != nil {
				bar.Add(1)
			}
		},
	})
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(a.err)
	}
	s = d.Summary
	var perSchool []*scoring.Change // each counted school's change, with --previous
	if previous != nil {
		cur := d.Side
		changes = &districtChanges{report: compare.Compare(previous, cur, compare.Options{GroupBy: o.groupBy}), titles: compare.TitlesOf(previous, cur)}
		// The comparison lists the new side's schools first, in order.
		for i := range cur.Schools {
			perSchool = append(perSchool, changes.report.Schools[i].ForReport(o.previous, changes.titles))
		}
	}
	if !o.perSchool {
		return s, nil, changes, 0
	}
	writes := writeSchoolReports(m, s, d.Results, perSchool, append(report.PerSchoolFormats(), o.reports...), o.workers, out)
	if groupBy != o.groupBy {
		s.GroupBy, s.Municipalities = o.groupBy, nil
	}
	// links: per counted school, its HTML report relative to the folder.
	linkHTML := slices.ContainsFunc(o.reports, func(f report.Format) bool { return f.Name == "html" })
	for _, w := range writes {
		if w.err != nil {
			failedWrites++
			fmt.Fprintln(a.err, printable(fmt.Sprintf("selfdiag: отчёт школы «%s» не записан: %v", w.title, w.err)))
		}
		if linkHTML {
			link := ""
			if w.err == nil {
				link = "schools/" + url.PathEscape(w.name) + ".html"
			}
			links = append(links, link)
		}
	}
	return s, links, changes, failedWrites
}

// districtChanges is the comparison with the previous self-diagnosis
// (--previous).
type districtChanges struct {
	report *compare.Report
	titles compare.Titles
}

// writeSchoolReports renders the schools' reports in every format on all
// cores, each beside the means of its district and municipality, and
// writes them under names given in order. It returns a write per school.
func writeSchoolReports(m *model.Model, s *summary.Summary, schools []*scoring.Result, changes []*scoring.Change, formats []report.Format, workers int, out *outdir.Dir) []*schoolWrite {
	names := reportNames{}
	writes := make([]*schoolWrite, len(schools))
	for i, r := range schools {
		writes[i] = &schoolWrite{title: report.SchoolTitle(r), name: names.next(r)}
	}
	means := peerMeans(s)
	jobs := make(chan int)
	var renderers sync.WaitGroup
	for range cmp.Or(workers, runtime.GOMAXPROCS(0)) {
		renderers.Go(func() { // each school rendered and written by one worker
			for i := range jobs {
				var change *scoring.Change
				if i < len(changes) {
					change = changes[i]
				}
				writes[i].err = func() (err error) {
					defer func() { // a defect in one school's report spares the others
						if p := recover(); p != nil {
							err = fmt.Errorf("внутренняя ошибка программы (%v)", p)
						}
					}()
					return renderSchool(m, schools[i], formats, means(s.Schools[i].Group), change).write(out, writes[i].name)
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
func peerMeans(s *summary.Summary) func(group string) *scoring.Peers {
	district := make([]float64, len(s.Stats.Components))
	for i, c := range s.Stats.Components {
		district[i] = c.MeanPercent
	}
	return func(group string) *scoring.Peers {
		p := &scoring.Peers{District: district}
		for _, g := range s.Municipalities {
			if g.Name == group {
				p.Municipality = group
				for _, c := range g.Stats.Components {
					p.Municipal = append(p.Municipal, c.MeanPercent)
				}
			}
		}
		return p
	}
}

// schoolWrite is a counted school's reports, to be written under the name
// given in order; err is set once they are written.
type schoolWrite struct {
	title, name string
	err         error
}

// renderSchool renders a school's reports in every format, beside its
// peers' means.
func renderSchool(m *model.Model, r *scoring.Result, formats []report.Format, peers *scoring.Peers, change *scoring.Change) *schoolFiles {
	f := &schoolFiles{formats: formats, data: make([][]byte, len(formats)), errs: make([]error, len(formats))}
	e := scoring.Explain(m, r)
	e.Peers, e.Change = peers, change
	for i, format := range formats {
		var buf bytes.Buffer
		if err := format.School(&buf, m, e); err != nil {
			f.errs[i] = fmt.Errorf("%s: %w", format.Name, err)
			continue
		}
		f.data[i] = buf.Bytes()
	}
	return f
}

// write writes the rendered reports as schools/name.<ext> of the folder:
// every format that rendered, whatever happened to the others.
func (f *schoolFiles) write(out *outdir.Dir, name string) error {
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

// writeSummary writes the summary files with --out and the summary on
// stdout, and says whether the data had problems.
func (a *app) writeSummary(s *summary.Summary, links []string, changes *districtChanges, o batchOptions, out *outdir.Dir) error {
	if out != nil {
		if err := out.Write("summary.json", func(w io.Writer) error { return report.WriteSummaryJSON(w, s) }); err != nil {
			return &failure{err.Error() + "; прежние файлы каталога не изменены"}
		}
		for _, f := range o.formats {
			if f.Name == "json" {
				continue
			}
			write := func(w io.Writer) error { return f.Summary(w, s, links) }
			if f.Name == "docx" && changes != nil {
				note := changes.report.ForNote(o.previous, changes.titles)
				write = func(w io.Writer) error { return report.WriteSummaryDOCXWithChanges(w, s, note) }
			}
			if err := out.Write("summary."+f.Ext, write); err != nil {
				return &failure{err.Error() + "; прежние файлы каталога не изменены"}
			}
		}
		if changes != nil {
			if err := writeComparison(out, changes, o.formats); err != nil {
				return &failure{err.Error() + "; прежние файлы каталога не изменены"}
			}
		}
		err := out.Commit(true)
		a.printNotes(out)
		if err != nil {
			return &failure{err.Error()}
		}
	}
	// With --out the files hold the summary; the screen gets the short
	// text, not a dashboard's HTML.
	screen := o.formats[0].Summary
	if out != nil {
		screen = func(w io.Writer, s *summary.Summary, _ []string) error { return report.WriteSummaryText(w, s) }
	}
	if err := a.output("", func(w io.Writer) error { return screen(w, s, links) }); err != nil {
		return err
	}
	if s.HasProblems() {
		c := s.Counts
		fmt.Fprintf(a.err, "selfdiag: не прочитано файлов: %d; школ с проблемами в данных: %d; повторов: %d\n", c.Failed, c.WithProblems, c.Duplicates)
	}
	return nil
}

// progress returns a progress bar on stderr when it is a terminal and
// --quiet is not set, else nil.
func (a *app) progress(total int, quiet bool) *progressbar.ProgressBar {
	if quiet || total == 0 {
		return nil
	}
	f, ok := a.err.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("Файлы"),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100_000_000))
}

// reportNames names per-school reports from the school code, else the
// answer file (and row); a name is never used twice in one run, is short
// enough for every file system and is not a name Windows reserves.
type reportNames map[string]bool

// maxNameBytes bounds a report's base name: file systems allow 255 bytes,
// a Cyrillic letter takes two, and the extension and a "-2" need room.
const maxNameBytes = 120

// windowsReserved are the device names Windows reserves, with any extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

func (u reportNames) next(r *scoring.Result) string {
	base := safeName(r.School.Code)
	if base == "" {
		base = safeName(strings.TrimSuffix(filepath.Base(r.Source), filepath.Ext(r.Source)))
		if r.Row > 0 {
			base += "-строка-" + strconv.Itoa(r.Row)
		}
	}
	if strings.Trim(base, "-") == "" {
		base = "школа" + base
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

// writeComparison writes compare.json and the comparison in each summary
// format that has one.
func writeComparison(out *outdir.Dir, ch *districtChanges, formats []report.Format) error {
	writers := map[string]func(io.Writer) error{
		"json": func(w io.Writer) error { return compare.WriteJSON(w, ch.report) },
		"txt":  func(w io.Writer) error { return compare.WriteText(w, ch.report, ch.titles) },
		"csv":  func(w io.Writer) error { return compare.WriteCSV(w, ch.report, ch.titles) },
		"xlsx": func(w io.Writer) error { return compare.WriteXLSX(w, ch.report, ch.titles) },
		"html": func(w io.Writer) error { return compare.WriteHTML(w, ch.report, ch.titles) },
	}
	exts := []string{"json"}
	for _, f := range formats {
		if _, ok := writers[f.Ext]; ok && !slices.Contains(exts, f.Ext) {
			exts = append(exts, f.Ext)
		}
	}
	for _, ext := range exts {
		if err := out.Write("compare."+ext, writers[ext]); err != nil {
			return err
		}
	}
	return nil
}
