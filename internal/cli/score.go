package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/report"
)

func newScoreCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "score ФАЙЛ...",
		Short: "Посчитать баллы, уровни и дефициты школы по файлу ответов",
		Long: `Считает самодиагностику по файлам ответов (.xlsx или .csv): одна школа в файле
(таблица «№ | Ответ», таблица федерального сервиса) или таблица района (строка на школу).

Форматы вывода: text — сводка для терминала; json — selfdiag.result/v1 (несколько
школ — массив); csv — строка на показатель каждой школы.`,
		Example: `  selfdiag score testdata/schools/school1.xlsx
  selfdiag score --format json --out result.json ответы.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := a.scoreOptions(args)
			if err != nil {
				return err
			}
			return a.runScore(o)
		},
	}
	cmd.Flags().StringP("format", "f", "text", "формат: "+strings.Join(report.FormatNames(report.OffersResults), ", "))
	cmd.Flags().StringP("out", "o", "", "файл для результата (по умолчанию — вывод в терминал)")
	addReadFlags(cmd)
	return cmd
}

// scoreOptions are what score runs on.
type scoreOptions struct {
	files  []string
	format report.Format
	out    string // file, "" for stdout
	read   answers.Options
	model  string // folder, "" for the embedded model
}

func (a *app) scoreOptions(files []string) (scoreOptions, error) {
	o := scoreOptions{files: files, out: a.v.GetString("out"), model: a.model}
	a.readsFrom(files...)
	var err error
	if o.read, err = a.readOptions(); err != nil {
		return o, err
	}
	if o.format, err = a.format(a.v.GetString("format"), report.OffersResults); err != nil {
		return o, err
	}
	name, err := a.formatOf(o.format.Name, o.out, reportFormats(report.OffersResults))
	if err != nil {
		return o, err
	}
	o.format, _ = report.LookupFormat(name, report.OffersResults)
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			return o, usagef("%s — каталог; для каталога района используйте: selfdiag batch %s", f, f)
		}
	}
	return o, nil
}

func (a *app) runScore(o scoreOptions) error {
	m, results, failed, err := a.scoreFiles(o.model, o.files, o.read)
	if err != nil {
		return err
	}
	if len(results) > 0 {
		if err := a.output(o.out, func(w io.Writer) error { return o.format.Results(w, m, results) }); err != nil {
			return err
		}
		if (o.out == "" || o.out == "-") && o.format.Name == "text" {
			a.regionHint(results[0].Model)
		}
	}
	return a.scoredOutcome(m, results, failed)
}

// scoreFiles scores every school of the files with the model at
// modelDir; unreadable files are returned in failed.
func (a *app) scoreFiles(modelDir string, files []string, opts answers.Options) (*model.Model, []*report.School, []error, error) {
	m, err := a.checkedModel(modelDir, opts, "")
	if err != nil {
		return nil, nil, nil, err
	}
	results, failed := batch.ScoreFiles(m, files, opts)
	return m, results, failed, nil
}

// scoredOutcome is the exit of score and report: 3 when a file could not
// be read, 1 when the data had problems.
func (a *app) scoredOutcome(m *model.Model, results []*report.School, failed []error) error {
	problems := 0
	for _, r := range results {
		problems += len(r.Problems)
	}
	if len(failed) > 0 {
		return &failure{lang.Lines(failed)}
	}
	u := report.UnitsOf(a.says(m), &m.Respondent, "")
	if len(results) == 0 { // never exit 0 for nothing done
		return &failure{lang.Text(u.Say("в файлах не найдено ни одной школы: проверьте, что это заполненные файлы ответов",
			"в файлах не найдено ни одной анкеты: проверьте, что это заполненные файлы ответов"))}
	}
	if problems > 0 {
		fmt.Fprintln(a.err, a.says(m).T("selfdiag: в данных найдено проблем: %d (перечислены в отчёте)", problems))
		return errProblems
	}
	return nil
}
