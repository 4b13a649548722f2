package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/spf13/cobra"
)

func newReportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report ФАЙЛ...",
		Short: "Отчёт школы для Программы развития (разделы 3.1 и 3.2): HTML, xlsx, Markdown или Word",
		Long: `Пишет отчёт каждой школы из файлов ответов: реквизиты и профиль, модель, итог и уровни
по компонентам (радар и полосы с порогами уровней), критические показатели, дефициты
по магистральным направлениям и ключевым условиям с целевыми ответами, план перехода
на следующий уровень, ответы по всем показателям.

html — один самодостаточный файл (ничего не загружает из сети), печатается на A4;
xlsx — те же данные на листах, радар и условное форматирование, таблица мероприятий;
md — Markdown для вставки в документ; docx — документ Word для Программы развития:
абзац итогов, таблицы, диаграммы, таблица мероприятий с типовыми мерами и столбцами
«Ответственный», «Срок», «Ожидаемый результат».

Файлы называются по коду ОО (иначе по имени файла ответов) и пишутся в --out КАТАЛОГ.
--out отчёт.docx (имя файла с расширением формата) — отчёт одной школы в этот файл, в формате
его расширения. Без --out отчёт одной школы в html или md выводится в терминал.`,
		Example: `  selfdiag report testdata/schools/school1.xlsx > отчёт.html
  selfdiag report ответы/*.xlsx --format xlsx --out отчёты
  selfdiag report ответы.xlsx --format docx --out отчёты
  selfdiag report ответы.xlsx --out отчёт.docx`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := a.reportOptions(args)
			if err != nil {
				return err
			}
			return a.runReport(o)
		},
	}
	cmd.Flags().StringP("format", "f", "html", "формат: "+strings.Join(report.FormatNames(report.OffersProgramme), ", "))
	cmd.Flags().StringP("out", "o", "", "каталог для отчётов или файл отчёта одной школы (.html, .xlsx, .md, .docx)")
	addRunFlags(cmd, true)
	addReadFlags(cmd)
	return cmd
}

// reportOptions are what report runs on.
type reportOptions struct {
	files  []string
	format report.Format
	outDir string // "" for stdout (one school, not xlsx)
	// outFile is the report's file when --out names one (report.docx):
	// one school's report, its format the file's.
	outFile string
	read    answers.Options
	model   string
	run     summary.RunInfo
}

func (a *app) reportOptions(files []string) (reportOptions, error) {
	o := reportOptions{files: files, outDir: a.v.GetString("out"), model: a.model}
	a.readsFrom(files...)
	if err := a.overInput(o.outDir); err != nil {
		return o, err
	}
	var err error
	if o.read, err = a.readOptions(); err != nil {
		return o, err
	}
	if o.format, err = a.format(a.v.GetString("format"), report.OffersProgramme); err != nil {
		return o, err
	}
	if formats := reportFormats(report.OffersProgramme); looksLikeFile(o.outDir, formats) {
		// Not a folder but a file: one school's report, in its format.
		name, err := a.formatOf(o.format.Name, o.outDir, formats)
		if err != nil {
			return o, err
		}
		o.format, _ = report.LookupFormat(name, report.OffersProgramme)
		o.outFile, o.outDir = o.outDir, ""
	}
	if o.run, err = a.runInfo(); err != nil {
		return o, err
	}
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			return o, usagef("%s — каталог; для каталога района используйте: selfdiag batch %s --out КАТАЛОГ --per-school --report %s", f, f, o.format.Name)
		}
	}
	if o.outDir == "" && o.outFile == "" && o.format.Binary {
		return o, usagef("отчёт %s пишется в файл: укажите --out КАТАЛОГ", o.format.Name)
	}
	return o, nil
}

func (a *app) runReport(o reportOptions) error {
	m, results, unread, err := a.scoreFiles(o.model, o.files, o.read)
	if err != nil {
		return err
	}
	for _, r := range results {
		r.Run = o.run
	}
	switch {
	case o.outFile != "" && len(results) > 1:
		return usagef("в файлах %s, а --out %s — файл одного отчёта: укажите каталог для отчётов --out КАТАЛОГ", report.UnitsOf(m.Lang(), &m.Respondent, "").Count(len(results)), printable(o.outFile))
	case o.outFile != "" && len(results) == 1:
		if err := a.output(o.outFile, func(w io.Writer) error { return o.format.School(w, m, results[0]) }); err != nil {
			return err
		}
		fmt.Fprintln(a.err, a.says(m).T("записан отчёт: %s", printable(o.outFile)))
	case o.outDir == "" && len(results) > 1:
		return usagef("в файлах %s: укажите каталог для отчётов --out КАТАЛОГ", report.UnitsOf(m.Lang(), &m.Respondent, "").Count(len(results)))
	case o.outDir == "" && len(results) == 1:
		if err := a.output("", func(w io.Writer) error { return o.format.School(w, m, results[0]) }); err != nil {
			return err
		}
	case len(results) > 0:
		out, err := outdir.Open(o.outDir, m.Lang())
		if err != nil {
			return failed(err)
		}
		defer out.Close()
		defer out.ReleaseOnInterrupt()()
		out.ManifestAt(outdir.CachedManifest(o.outDir)) // the user's folder holds only the reports
		written, unwritten := batch.WriteReports(out, m, results, o.format)
		unread = append(unread, unwritten...)
		err = out.Commit(false)
		a.printNotes(out, a.says(m))
		if err != nil {
			return failed(err)
		}
		for _, name := range written {
			fmt.Fprintln(a.err, a.says(m).T("записан отчёт: %s", printable(filepath.Join(o.outDir, name))))
		}
	}
	return a.scoredOutcome(m, results, unread)
}
