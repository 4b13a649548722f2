package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
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
		RunE: func(cmd *cobra.Command, args []string) error { return a.runScore(args) },
	}
	cmd.Flags().StringP("format", "f", "text", "формат: text, json, csv")
	cmd.Flags().StringP("out", "o", "", "файл для результата (по умолчанию — вывод в терминал)")
	cmd.Flags().String("encoding", "", "кодировка CSV: "+answers.EncodingNames+" (по умолчанию определяется)")
	return cmd
}

func (a *app) runScore(files []string) error {
	format, err := a.format("text", "json", "csv")
	if err != nil {
		return err
	}
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			return usagef("%s — каталог; для каталога района используйте: selfdiag batch %s", f, f)
		}
	}
	m, results, failed, err := a.scoreFiles(files)
	if err != nil {
		return err
	}
	if len(results) > 0 {
		if err := a.output(func(w io.Writer) error { return writeResults(w, format, m, results) }); err != nil {
			return err
		}
	}
	return a.scoredOutcome(results, failed)
}

// scoreFiles reads and scores every school of the files; unreadable files
// are returned in failed, the readable ones are still scored.
func (a *app) scoreFiles(files []string) (m *model.Model, results []*scoring.Result, failed []error, err error) {
	m, err = a.loadModel()
	if err != nil {
		return nil, nil, nil, err
	}
	opts := answers.Options{Encoding: a.v.GetString("encoding")}
	for _, f := range files {
		if err := answers.ReadFile(f, opts, func(sub *answers.Submission) error {
			results = append(results, scoring.Score(m, sub))
			return nil
		}); err != nil {
			failed = append(failed, err)
		}
	}
	return m, results, failed, nil
}

// scoredOutcome is the exit of score and report: 3 when a file could not
// be read, 1 when the data had problems.
func (a *app) scoredOutcome(results []*scoring.Result, failed []error) error {
	problems := 0
	for _, r := range results {
		problems += len(r.Problems)
	}
	if len(failed) > 0 {
		return &failure{errors.Join(failed...).Error()}
	}
	if problems > 0 {
		fmt.Fprintf(a.err, "selfdiag: в данных найдено проблем: %d (перечислены в отчёте)\n", problems)
		return errProblems
	}
	return nil
}

func writeResults(w io.Writer, format string, m *model.Model, results []*scoring.Result) error {
	switch format {
	case "json":
		return report.WriteJSON(w, m, results)
	case "csv":
		return report.WriteCSV(w, m, results)
	default:
		return report.WriteText(w, m, results)
	}
}
