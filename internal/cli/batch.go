package cli

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/atomicfile"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
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
на отчёты школ.
На экран выводится сводка в выбранном формате (для xlsx — текстовая).`,
		Example: `  selfdiag batch testdata/district
  selfdiag batch ответы/ --out итоги --per-school --format xlsx
  selfdiag batch ответы/ --out итоги --per-school --report html --format html
  selfdiag batch регион/ --group-by municipality --format json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runBatch(args) },
	}
	cmd.Flags().StringP("format", "f", "text", "формат сводки: text, json, csv, xlsx, html (панель района)")
	cmd.Flags().StringSlice("report", nil, "с --per-school: ещё и отчёты школ в форматах html, xlsx, md (через запятую)")
	cmd.Flags().StringP("out", "o", "", "каталог для сводки и отчётов школ")
	cmd.Flags().Bool("per-school", false, "записать отчёт каждой школы в КАТАЛОГ/schools (нужен --out)")
	cmd.Flags().String("group-by", "", "группировка сводки: municipality (по муниципалитетам, с таблицей региона)")
	cmd.Flags().BoolP("quiet", "q", false, "не показывать индикатор хода работы")
	cmd.Flags().String("encoding", "", "кодировка CSV: "+answers.EncodingNames+" (по умолчанию определяется)")
	cmd.Flags().Int("workers", 0, "число параллельных потоков (по умолчанию — все ядра)")
	return cmd
}

func (a *app) runBatch(paths []string) error {
	format, err := a.format("text", "json", "csv", "xlsx", "html")
	if err != nil {
		return err
	}
	var reports []string
	for _, f := range a.v.GetStringSlice("report") {
		switch f = strings.TrimSpace(f); f {
		case "html", "xlsx", "md":
			if !slices.Contains(reports, f) {
				reports = append(reports, f)
			}
		case "":
		default:
			return usagef("неизвестный формат отчёта школы %q: допустимы html, xlsx, md", f)
		}
	}
	outDir := a.v.GetString("out")
	perSchool := a.v.GetBool("per-school")
	groupBy := strings.TrimSpace(a.v.GetString("group-by"))
	switch {
	case groupBy != "" && groupBy != summary.GroupMunicipality:
		return usagef("неизвестная группировка %q: допустима municipality", groupBy)
	case perSchool && outDir == "":
		return usagef("--per-school требует каталог для отчётов: --out КАТАЛОГ")
	case len(reports) > 0 && !perSchool:
		return usagef("--report задаёт формат отчётов школ и нужен вместе с --per-school --out КАТАЛОГ")
	case format == "xlsx" && outDir == "":
		return usagef("сводка xlsx пишется в файл: укажите --out КАТАЛОГ")
	}
	m, err := a.loadModel()
	if err != nil {
		return err
	}
	files, skipped := batch.Collect(paths)
	if len(files) == 0 && len(skipped) == 0 {
		return &failure{"не найдено ни одного файла ответов (.xlsx или .csv) в: " + strings.Join(paths, ", ")}
	}
	if outDir != "" {
		dir := outDir
		if perSchool {
			dir = filepath.Join(outDir, "schools")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return &failure{fmt.Sprintf("не удалось создать каталог %s: %v", dir, err)}
		}
	}

	agg := summary.New(m, groupBy)
	for _, s := range skipped {
		agg.AddFailure(s.Path, s.Reason)
	}
	bar := a.progress(len(files))
	writer := &schoolWriter{m: m, dir: filepath.Join(outDir, "schools"), names: newReportNames(), formats: append([]string{"json", "text"}, reports...)}
	var links []string // per counted school: its HTML report, relative to outDir
	linkHTML := perSchool && slices.Contains(reports, "html")
	opts := batch.Options{
		Workers: a.v.GetInt("workers"),
		Read:    answers.Options{Encoding: a.v.GetString("encoding")},
		Summary: agg,
	}
	if perSchool {
		opts.Result = func(r *scoring.Result, counted bool) {
			if !counted {
				return
			}
			name, err := writer.write(r)
			if err != nil {
				agg.AddProblem(report.SchoolTitle(r), problem.Problem{Location: problem.Location{File: writer.dir}, Message: "отчёт школы не записан: " + err.Error()})
			}
			if linkHTML {
				link := ""
				if err == nil {
					link = "schools/" + url.PathEscape(name) + ".html"
				}
				links = append(links, link)
			}
		}
	}
	opts.FileDone = func(path string, err error) {
		if err != nil {
			agg.AddFailure(path, fileErrorMessage(err))
		} else {
			agg.FileDone()
		}
		if bar != nil {
			bar.Add(1)
		}
	}
	defer batch.TuneGC()()
	batch.Run(m, files, opts)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(a.err)
	}
	s := agg.Summary()

	if outDir != "" {
		if err := atomicfile.Write(filepath.Join(outDir, "summary.json"), func(w io.Writer) error { return report.WriteSummaryJSON(w, s) }); err != nil {
			return &failure{err.Error()}
		}
		if format != "json" {
			ext := map[string]string{"text": "txt", "csv": "csv", "xlsx": "xlsx", "html": "html"}[format]
			if err := atomicfile.Write(filepath.Join(outDir, "summary."+ext), func(w io.Writer) error { return writeSummary(w, format, s, links) }); err != nil {
				return &failure{err.Error()}
			}
		}
	}
	stdoutFormat := format
	if format == "xlsx" {
		stdoutFormat = "text"
	}
	if err := writeSummary(a.out, stdoutFormat, s, links); err != nil {
		return &failure{err.Error()}
	}
	if s.HasProblems() {
		c := s.Counts
		fmt.Fprintf(a.err, "selfdiag: не прочитано файлов: %d; школ с проблемами в данных: %d; повторов: %d\n", c.Failed, c.WithProblems, c.Duplicates)
		return errProblems
	}
	return nil
}

func writeSummary(w io.Writer, format string, s *summary.Summary, links []string) error {
	switch format {
	case "html":
		return report.WriteSummaryHTML(w, s, links)
	case "json":
		return report.WriteSummaryJSON(w, s)
	case "csv":
		return report.WriteSummaryCSV(w, s)
	case "xlsx":
		return report.WriteSummaryXLSX(w, s)
	}
	return report.WriteSummaryText(w, s)
}

func fileErrorMessage(err error) string {
	var fe *answers.FileError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

// progress returns a progress bar on stderr when it is a terminal and
// --quiet is not set, else nil.
func (a *app) progress(total int) *progressbar.ProgressBar {
	if a.v.GetBool("quiet") || total == 0 {
		return nil
	}
	f, ok := a.err.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("Файлы"),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100_000_000))
}

// schoolWriter writes per-school reports with unique, readable names.
// reportNames names per-school reports from the school code, else the
// answer file (and row); a name is never used twice in one run.
type reportNames map[string]bool

func newReportNames() reportNames { return reportNames{} }

func (u reportNames) next(r *scoring.Result) string {
	base := safeName(r.School.Code)
	if base == "" {
		base = safeName(strings.TrimSuffix(filepath.Base(r.Source), filepath.Ext(r.Source)))
		if r.Row > 0 {
			base += "-строка-" + strconv.Itoa(r.Row)
		}
	}
	name := base
	for i := 2; u[name]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	u[name] = true
	return name
}

type schoolWriter struct {
	m       *model.Model
	dir     string
	names   reportNames
	formats []string // json, text, and the --report formats
}

// write writes a school's reports and returns the base name used.
func (w *schoolWriter) write(r *scoring.Result) (string, error) {
	name := w.names.next(r)
	for _, format := range w.formats {
		ext := map[string]string{"text": "txt"}[format]
		if ext == "" {
			ext = format
		}
		if err := atomicfile.Write(filepath.Join(w.dir, name+"."+ext), func(out io.Writer) error { return writeSchoolReport(out, format, w.m, r) }); err != nil {
			return name, err
		}
	}
	return name, nil
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
