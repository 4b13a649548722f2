package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
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
	cmd.Flags().String("group-by", "", "группировка сводки по полю респондента: municipality (по муниципалитетам, с таблицей региона) или поле группировки модели")
	cmd.Flags().BoolP("quiet", "q", false, "не показывать индикатор хода работы")
	addReadFlags(cmd)
	cmd.Flags().String("municipalities", "", "файл со списком муниципалитетов (по названию в строке): названия не из списка — проблема в данных")
	cmd.Flags().String("incomplete", summary.IncompleteExclude, "неполные анкеты (нет или не распознан ответ): exclude — перечислить отдельно, не включая в распределение, средние и частоты дефицитов; count — учитывать вместе с остальными")
	cmd.Flags().String("duplicates", summary.DuplicatesLatest, "если школа пришла дважды, учитывать: latest — более позднюю подачу (по «Дате заполнения», иначе по времени изменения файла), first — первую по порядку файлов, error — ни одну")
	cmd.Flags().Int("workers", 0, "число параллельных потоков, от 1 до 256 (0 — по числу ядер)")
	addRunFlags(cmd, true)
	cmd.Flags().String("previous", "", "прошлая самодиагностика для сравнения: каталог прошлого запуска batch --per-school или папка с ответами (нужен --out)")
	return cmd
}

// maxWorkers bounds --workers: more goroutines than this only use memory.
const maxWorkers = 256

// batchOptions are what batch runs on.
type batchOptions struct {
	paths      []string
	duplicates string // summary.Duplicates*
	incomplete string // summary.Incomplete*
	run        summary.RunInfo
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
		duplicates: cmp.Or(strings.TrimSpace(v.GetString("duplicates")), summary.DuplicatesLatest),
		incomplete: cmp.Or(strings.TrimSpace(v.GetString("incomplete")), summary.IncompleteExclude)}
	a.readsFrom(append(slices.Clone(paths), o.previous)...)
	if err := a.overInput(o.outDir); err != nil {
		return o, err
	}
	var err error
	if o.read, err = a.readOptions(); err != nil {
		return o, err
	}
	if o.run, err = a.runInfo(); err != nil {
		return o, err
	}
	o.municipalityFile = a.municipalities
	if o.municipalities, err = a.municipalityList(); err != nil {
		return o, err
	}
	for _, name := range strings.Split(v.GetString("format"), ",") {
		f, err := a.format(name, report.OffersSummary)
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
	case looksLikeFile(o.outDir, reportFormats(report.OffersSummary)):
		return o, usagef("--out — каталог, в который пишутся summary.json и summary.<формат>, а %s похоже на имя файла: укажите каталог без расширения, например --out итоги", printable(o.outDir))
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
	case o.incomplete != summary.IncompleteExclude && o.incomplete != summary.IncompleteCount:
		return o, usagef("неизвестное правило неполных анкет %q: допустимы exclude (перечислить отдельно) и count (учитывать вместе с остальными)", o.incomplete)
	case !slices.Contains([]string{summary.DuplicatesLatest, summary.DuplicatesFirst, summary.DuplicatesError}, o.duplicates):
		return o, usagef("неизвестное правило повторов %q: допустимы latest (более поздняя подача), first (первая по порядку файлов), error (ни одной)", o.duplicates)
	case o.workers < 0 || o.workers > maxWorkers:
		return o, usagef("--workers %d: допустимо от 1 до %d (0 — по числу ядер)", o.workers, maxWorkers)
	}
	return o, nil
}

// runBatch reads and scores every file, aggregates the district summary
// and writes the outputs.
func (a *app) runBatch(o batchOptions) error {
	m, err := a.checkedModel(o.model, o.read, o.groupBy)
	if err != nil {
		return err
	}
	files, skipped, outputs, err := batch.CollectAnswers(o.paths, lang.Phrase{})
	if err := a.collected(outputs, err); err != nil {
		return err
	}
	var previous *compare.Side
	var previousNotes batch.SideNotes
	if o.previous != "" {
		if previous, previousNotes, err = a.loadSide("прошлая", o.previous, o.model, o.read, summary.Options{Duplicates: o.duplicates}, o.groupBy); err != nil {
			return err
		}
	}
	var out *outdir.Dir // nil without --out
	if o.outDir != "" {
		if out, err = outdir.Open(o.outDir, m.Lang()); err != nil {
			return failed(err)
		}
		defer out.Close()
		defer out.ReleaseOnInterrupt()()
	}
	if !o.perSchool {
		// Not with per-school reports: their rendered files would take
		// the heap near a gigabyte.
		batch.TuneGC()
	}
	bar := a.progress(len(files), o.quiet)
	job := batch.Job{Model: m, Files: files, Skipped: skipped, Workers: o.workers, Read: o.read,
		Summary: summary.Options{GroupBy: o.groupBy, Duplicates: o.duplicates, Incomplete: o.incomplete, Run: o.run,
			Municipalities: o.municipalities, ListName: o.municipalityFile},
		PerSchool: o.perSchool, Reports: o.reports, Formats: o.formats, Previous: previous, PreviousName: o.previous, Out: out,
		FileDone: func() {
			if bar != nil {
				bar.Add(1)
			}
		}}
	res, err := batch.Execute(job)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(a.err)
	}
	for _, u := range res.Unwritten {
		fmt.Fprintln(a.err, printable("selfdiag: "+u.In(a.says(m))))
	}
	if err != nil {
		return failf("%s; прежние файлы каталога не изменены", lang.Message(err))
	}
	if out != nil {
		err := out.Commit(true)
		a.printNotes(out, a.says(m))
		if err != nil {
			return failed(err)
		}
	}
	s := res.Summary
	if err := a.printSummary(res, o, out != nil); err != nil {
		return err
	}
	previousProblems := a.printSideNotes(report.UnitsOf(s.Lang, &s.Respondent, ""), previousNotes)
	if len(previousNotes.Failed) > 0 {
		return failf("прошлая самодиагностика прочитана не вся (см. выше): сравнение неполно")
	}
	if len(res.Unwritten) > 0 {
		u := report.UnitsOf(a.says(m), &m.Respondent, "")
		return &failure{lang.Text(u.Say("не записаны отчёты школ: %d (перечислены выше); остальные файлы записаны",
			"не записаны отчёты: %d (перечислены выше); остальные файлы записаны", len(res.Unwritten)))}
	}
	if s.HasProblems() || previousProblems {
		return errProblems
	}
	return nil
}

// printSummary prints the summary: in the format asked, or — when the
// files hold it — the short text.
func (a *app) printSummary(res *batch.Outcome, o batchOptions, toFiles bool) error {
	s, links := res.Summary, res.Links
	screen := o.formats[0].Summary
	if toFiles {
		var files []string
		for _, name := range res.Files {
			files = append(files, filepath.Join(o.outDir, name))
		}
		if o.perSchool {
			files = append(files, filepath.Join(o.outDir, "schools")+string(filepath.Separator)+
				report.UnitsOf(s.Lang, &s.Respondent, "").Say(" — отчёты школ", " — отчёты респондентов"))
		}
		screen = func(w io.Writer, s *summary.Summary, _ []string) error { return report.WriteScreenSummary(w, s, files) }
	}
	if err := a.output("", func(w io.Writer) error { return screen(w, s, links) }); err != nil {
		return err
	}
	if toFiles || o.formats[0].Name == "text" {
		a.regionHint(s.Model)
	}
	if s.HasProblems() {
		c := s.Counts
		fmt.Fprintln(a.err, report.UnitsOf(s.Lang, &s.Respondent, "").Say("selfdiag: не прочитано файлов: %d; школ с проблемами в данных: %d; повторов: %d",
			"selfdiag: не прочитано файлов: %d; с проблемами в данных: %d; повторов: %d", c.Failed, c.WithProblems, c.Duplicates))
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
