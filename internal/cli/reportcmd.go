package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/atomicfile"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

func newReportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report ФАЙЛ...",
		Short: "Отчёт школы для Программы развития (разделы 3.1 и 3.2): HTML, xlsx или Markdown",
		Long: `Пишет отчёт каждой школы из файлов ответов: реквизиты и профиль, модель, итог и уровни
по компонентам (радар и полосы с порогами уровней), критические показатели, дефициты
по магистральным направлениям и ключевым условиям с целевыми ответами, план перехода
на следующий уровень, ответы по всем показателям.

html — один самодостаточный файл (ничего не загружает из сети), печатается на A4;
xlsx — те же данные на листах, радар и условное форматирование; md — Markdown для
вставки в документ.

Файлы называются по коду ОО (иначе по имени файла ответов) и пишутся в --out КАТАЛОГ.
Без --out отчёт одной школы в html или md выводится в терминал.`,
		Example: `  selfdiag report testdata/schools/school1.xlsx > отчёт.html
  selfdiag report ответы/*.xlsx --format xlsx --out отчёты`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runReport(args) },
	}
	cmd.Flags().StringP("format", "f", "html", "формат: html, xlsx, md")
	cmd.Flags().StringP("out", "o", "", "каталог для отчётов")
	cmd.Flags().String("encoding", "", "кодировка CSV: "+answers.EncodingNames+" (по умолчанию определяется)")
	return cmd
}

func (a *app) runReport(files []string) error {
	format, err := a.format("html", "xlsx", "md")
	if err != nil {
		return err
	}
	outDir := a.v.GetString("out")
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			return usagef("%s — каталог; для каталога района используйте: selfdiag batch %s --out КАТАЛОГ --per-school --report %s", f, f, format)
		}
	}
	if outDir == "" && format == "xlsx" {
		return usagef("отчёт xlsx пишется в файл: укажите --out КАТАЛОГ")
	}
	m, results, failed, err := a.scoreFiles(files)
	if err != nil {
		return err
	}
	switch {
	case outDir == "" && len(results) > 1:
		return usagef("в файлах %d школ: укажите каталог для отчётов --out КАТАЛОГ", len(results))
	case outDir == "" && len(results) == 1:
		if err := writeSchoolReport(a.out, format, m, results[0]); err != nil {
			return &failure{err.Error()}
		}
	case len(results) > 0:
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return &failure{fmt.Sprintf("не удалось создать каталог %s: %v", outDir, err)}
		}
		names := newReportNames()
		for _, r := range results {
			path := filepath.Join(outDir, names.next(r)+"."+format)
			if err := atomicfile.Write(path, func(w io.Writer) error { return writeSchoolReport(w, format, m, r) }); err != nil {
				return &failure{err.Error()}
			}
			fmt.Fprintf(a.err, "записан отчёт: %s\n", path)
		}
	}
	return a.scoredOutcome(results, failed)
}

func writeSchoolReport(w io.Writer, format string, m *model.Model, r *scoring.Result) error {
	switch format {
	case "xlsx":
		return report.WriteSchoolXLSX(w, m, r)
	case "md":
		return report.WriteMarkdown(w, m, r)
	case "json":
		return report.WriteJSON(w, m, []*scoring.Result{r})
	case "text":
		return report.WriteText(w, m, []*scoring.Result{r})
	}
	return report.WriteHTML(w, m, r)
}
