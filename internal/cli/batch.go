package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
с --per-school ещё и отчёт каждой школы в КАТАЛОГ/schools/ (JSON и текст).
На экран выводится сводка в выбранном формате (для xlsx — текстовая).`,
		Example: `  selfdiag batch testdata/district
  selfdiag batch ответы/ --out итоги --per-school --format xlsx
  selfdiag batch регион/ --group-by municipality --format json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runBatch(args) },
	}
	cmd.Flags().StringP("format", "f", "text", "формат сводки: text, json, csv, xlsx")
	cmd.Flags().StringP("out", "o", "", "каталог для сводки и отчётов школ")
	cmd.Flags().Bool("per-school", false, "записать отчёт каждой школы в КАТАЛОГ/schools (нужен --out)")
	cmd.Flags().String("group-by", "", "группировка сводки: municipality (по муниципалитетам, с таблицей региона)")
	cmd.Flags().BoolP("quiet", "q", false, "не показывать индикатор хода работы")
	cmd.Flags().String("encoding", "", "кодировка CSV: "+answers.EncodingNames+" (по умолчанию определяется)")
	cmd.Flags().Int("workers", 0, "число параллельных потоков (по умолчанию — все ядра)")
	return cmd
}

func (a *app) runBatch(paths []string) error {
	format, err := a.format("text", "json", "csv", "xlsx")
	if err != nil {
		return err
	}
	outDir := a.v.GetString("out")
	perSchool := a.v.GetBool("per-school")
	groupBy := strings.TrimSpace(a.v.GetString("group-by"))
	switch {
	case groupBy != "" && groupBy != summary.GroupMunicipality:
		return usagef("неизвестная группировка %q: допустима municipality", groupBy)
	case perSchool && outDir == "":
		return usagef("--per-school требует каталог для отчётов: --out КАТАЛОГ")
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
	writer := &schoolWriter{m: m, dir: filepath.Join(outDir, "schools"), used: map[string]bool{}}
	batch.Run(m, files, batch.Options{
		Workers: a.v.GetInt("workers"),
		Read:    answers.Options{Encoding: a.v.GetString("encoding")},
		Result: func(r *scoring.Result) {
			if !agg.Add(r) || !perSchool {
				return
			}
			if err := writer.write(r); err != nil {
				agg.AddProblem(report.SchoolTitle(r), problem.Problem{Location: problem.Location{File: writer.dir}, Message: "отчёт школы не записан: " + err.Error()})
			}
		},
		FileDone: func(path string, err error) {
			if err != nil {
				agg.AddFailure(path, fileErrorMessage(err))
			} else {
				agg.FileDone()
			}
			if bar != nil {
				bar.Add(1)
			}
		},
	})
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
			ext := map[string]string{"text": "txt", "csv": "csv", "xlsx": "xlsx"}[format]
			if err := atomicfile.Write(filepath.Join(outDir, "summary."+ext), func(w io.Writer) error { return writeSummary(w, format, s) }); err != nil {
				return &failure{err.Error()}
			}
		}
	}
	stdoutFormat := format
	if format == "xlsx" {
		stdoutFormat = "text"
	}
	if err := writeSummary(a.out, stdoutFormat, s); err != nil {
		return &failure{err.Error()}
	}
	if s.HasProblems() {
		c := s.Counts
		fmt.Fprintf(a.err, "selfdiag: не прочитано файлов: %d; школ с проблемами в данных: %d; повторов: %d\n", c.Failed, c.WithProblems, c.Duplicates)
		return errProblems
	}
	return nil
}

func writeSummary(w io.Writer, format string, s *summary.Summary) error {
	switch format {
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
type schoolWriter struct {
	m    *model.Model
	dir  string
	used map[string]bool
}

func (w *schoolWriter) write(r *scoring.Result) error {
	base := safeName(r.School.Code)
	if base == "" {
		base = safeName(strings.TrimSuffix(filepath.Base(r.Source), filepath.Ext(r.Source)))
		if r.Row > 0 {
			base += "-строка-" + strconv.Itoa(r.Row)
		}
	}
	name := base
	for i := 2; w.used[name]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	w.used[name] = true
	results := []*scoring.Result{r}
	if err := atomicfile.Write(filepath.Join(w.dir, name+".json"), func(out io.Writer) error { return report.WriteJSON(out, w.m, results) }); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(w.dir, name+".txt"), func(out io.Writer) error { return report.WriteText(out, w.m, results) })
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
