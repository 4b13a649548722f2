package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/calibrate"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelinfo"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/problem"
)

func newModelCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "model",
		Short: "Проверить, показать, выгрузить или загрузить модель показателей",
		// Without a subcommand: the help; an unknown one is a mistake in
		// the command line (cobra would print the help and exit 0).
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				var names []string
				for _, c := range cmd.Commands() {
					if !c.Hidden {
						names = append(names, c.Name())
					}
				}
				return usagef("неизвестная команда «%s» для selfdiag model: допустимы %s", args[0], strings.Join(names, ", "))
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(a.newModelValidateCmd(), a.newModelShowCmd(), a.newModelExportCmd(), a.newModelImportCmd(), a.newModelCalibrateCmd())
	return cmd
}

func (a *app) newModelValidateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "validate [КАТАЛОГ]",
		Short: "Проверить модель и перечислить все ошибки с файлом и строкой",
		Long: `Проверяет модель показателей: каталог КАТАЛОГ, иначе --model, иначе встроенную.
Код выхода 0 — ошибок нет; 1 — найдены ошибки; 3 — каталог не читается.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := a.model
			if len(args) == 1 {
				dir = args[0]
			}
			return a.runModelValidate(dir)
		},
	}
	return cmd
}

func (a *app) newModelShowCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Показать модель в действии: компоненты, показатели, ответы, баллы, пороги",
		Long: `Показывает модель в действии: текстом, в JSON или YAML (описание selfdiag.model/v1 с
подсчитанными максимумами). Каталог модели, который можно править и загрузить через --model,
выгружает команда model export.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.formatChoice(a.v.GetString("out"), []fileFormat{{"text", "txt"}, {"json", "json"}, {"yaml", "yaml"}})
			if err != nil {
				return err
			}
			return a.runModelShow(modelShowOptions{format: format, out: a.v.GetString("out"), model: a.model})
		},
	}
	cmd.Flags().StringP("format", "f", "text", "формат: text, json, yaml")
	cmd.Flags().StringP("out", "o", "", "файл для результата")
	return cmd
}

func (a *app) newModelExportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export --out КАТАЛОГ|ФАЙЛ.xlsx|ФАЙЛ.csv",
		Short: "Выгрузить модель в действии каталогом YAML или таблицей, которые можно править и загрузить через --model",
		Long: `Выгружает модель в действии (встроенную или --model):
  --format yaml (по умолчанию) — каталог: model.yaml и файл на каждый компонент;
  --format xlsx — книга Excel: листы «Сведения», «Уровни», «Компоненты», «Пороги», «Правила»,
                  «Показатели», «Ответы», «Диапазоны» (README, «Модель в таблице»);
  --format csv  — те же листы одним файлом CSV, первый столбец — имя листа.
Выгруженное загружается через --model и считает так же; таблицу можно превратить в каталог
командой model import.`,
		Example: `  selfdiag model export --out моя-модель
  selfdiag model export --format xlsx --out методика.xlsx
  selfdiag score ответы.xlsx --model моя-модель`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			out := strings.TrimSpace(a.v.GetString("out"))
			format, err := a.formatChoice(out, []fileFormat{{"yaml", ""}, {"xlsx", "xlsx"}, {"csv", "csv"}})
			if err != nil {
				return err
			}
			if out == "" {
				return usagef("укажите, куда выгрузить модель: --out КАТАЛОГ (yaml) или --out ФАЙЛ.xlsx|.csv")
			}
			if format != "yaml" && !strings.EqualFold(filepath.Ext(out), "."+format) {
				return usagef("для --format %s укажите файл с расширением .%s: --out %s", format, format, printable(out))
			}
			if err := a.overInput(out); err != nil {
				return err
			}
			return a.runModelExport(format, out)
		},
	}
	cmd.Flags().StringP("format", "f", "yaml", "формат: yaml (каталог модели), xlsx или csv (таблица)")
	cmd.Flags().StringP("out", "o", "", "каталог (yaml) или файл (xlsx, csv)")
	return cmd
}

func (a *app) newModelImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import ФАЙЛ.xlsx|ФАЙЛ.csv --out КАТАЛОГ",
		Short: "Превратить таблицу модели (xlsx, csv) в каталог YAML, проверив её",
		Long: `Читает модель из таблицы (как её выгружает model export --format xlsx|csv), проверяет её теми
же правилами, что и каталог, и записывает каталогом YAML. Ошибки называют лист и ячейку
(в CSV — строку и столбец); при ошибках каталог не записывается (код выхода 1).
Таблицу можно и не превращать: --model ФАЙЛ.xlsx загружает её напрямую.`,
		Example: `  selfdiag model export --format xlsx --out методика.xlsx
  selfdiag model import методика.xlsx --out модель-региона`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := strings.TrimSpace(a.v.GetString("out"))
			if out == "" {
				return usagef("укажите каталог для модели: --out КАТАЛОГ")
			}
			if !modelsheet.IsTable(args[0]) {
				return usagef("таблица модели — файл .xlsx или .csv, а не %s", printable(args[0]))
			}
			a.readsFrom(args[0])
			if err := a.overInput(out); err != nil {
				return err
			}
			return a.runModelImport(args[0], out)
		},
	}
	cmd.Flags().StringP("out", "o", "", "каталог для модели")
	return cmd
}

func (a *app) newModelCalibrateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "calibrate ФАЙЛ|КАТАЛОГ...",
		Short: "Вывести пороги уровней из таблиц федерального сервиса и сверить с ними модель",
		Long: `Читает таблицы федерального сервиса («Сумма баллов за весь тест: N», «Уровень: …») и любые
файлы ответов, где указаны сумма баллов и уровень, группирует их по профилю школы (из файла или
из флагов --programs, --ovz, --corrective) и для каждого порога уровня выводит промежуток баллов,
с которым согласуются все таблицы: «от A до B» — наименьшее и наибольшее число баллов, с которого
может начинаться уровень. Таблицы, уровень которых объясняет невыполненный критический
показатель, в промежутки не входят. Затем сверяет с промежутками модель в действии и называет
таблицы, которым она противоречит, и на сколько баллов.

Форматы: text; json — selfdiag.calibration/v1.
Код выхода 0 — модель согласуется со всеми таблицами; 1 — не согласуется или есть нечитаемые файлы.`,
		Example: `  selfdiag model calibrate выгрузка-фис/ --programs "НОО, ООО, СОО" --ovz нет --corrective нет
  selfdiag model calibrate --model модель-региона -f json выгрузка-фис/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.formatChoice(a.v.GetString("out"), []fileFormat{{"text", "txt"}, {"json", "json"}})
			if err != nil {
				return err
			}
			read, err := a.readOptions()
			if err != nil {
				return err
			}
			a.readsFrom(args...)
			return a.runModelCalibrate(args, format, a.v.GetString("out"), read)
		},
	}
	cmd.Flags().StringP("format", "f", "text", "формат: text, json")
	cmd.Flags().StringP("out", "o", "", "файл для результата (по умолчанию — вывод в терминал)")
	addReadFlags(cmd)
	return cmd
}

// runModelExport writes the model in force as a model folder (format
// yaml), as one set: the files appear together, or none does; or as a
// spreadsheet file, written atomically.
func (a *app) runModelExport(format, out string) error {
	m, err := a.loadModel(a.model)
	if err != nil {
		return err
	}
	if format == "yaml" {
		return a.writeModelFolder(m, out, "")
	}
	write := modelsheet.WriteXLSX
	if format == "csv" {
		write = modelsheet.WriteCSV
	}
	if err := a.output(out, func(w io.Writer) error { return write(w, m.Table()) }); err != nil {
		return err
	}
	fmt.Fprintln(a.err, a.says(m).T("модель %s версии %s выгружена таблицей %s: компонентов %d, показателей %d; загрузка: --model %s или model import",
		m.ID, m.Version, printable(out), len(m.Components), len(m.Indicators), printable(out)))
	return nil
}

// runModelImport checks a model's spreadsheet and writes it as a folder.
func (a *app) runModelImport(file, out string) error {
	m, err := modelsheet.Load(file)
	if list, ok := err.(problem.List); ok {
		l := a.problemsLang(list)
		for _, p := range list {
			fmt.Fprintln(a.out, p.In(l))
		}
		fmt.Fprintln(a.err, l.T("selfdiag: в таблице модели найдено ошибок: %d; каталог не записан", len(list)))
		return errProblems
	}
	if err != nil {
		return failed(err)
	}
	return a.writeModelFolder(m, out, file)
}

// writeModelFolder writes m as a folder and says so in its language:
// exported, or read from the table file and written.
func (a *app) writeModelFolder(m *model.Model, dir, file string) error {
	notes, err := modelsheet.WriteFolder(m, dir)
	for _, n := range notes {
		fmt.Fprintln(a.err, printable("selfdiag: "+n.In(a.says(m))))
	}
	if notModel, ok := errors.AsType[*model.NotModelFolderError](err); ok {
		notModel.Dir = printable(dir)
		return usagef("%s", notModel)
	}
	if err != nil {
		return failed(err)
	}
	l := a.says(m)
	if file == "" {
		fmt.Fprintln(a.err, l.T("модель %s версии %s выгружена в каталог %s: компонентов %d, показателей %d; загрузка: --model %s",
			m.ID, m.Version, printable(dir), len(m.Components), len(m.Indicators), printable(dir)))
	} else {
		fmt.Fprintln(a.err, l.T("модель %s версии %s прочитана из %s и записана в каталог %s: компонентов %d, показателей %d; загрузка: --model %s",
			m.ID, m.Version, printable(file), printable(dir), len(m.Components), len(m.Indicators), printable(dir)))
	}
	return nil
}

// problemsLang is the language of a model's problems: the model's, as the
// loader read it, else (no root file to read it from) the run's.
func (a *app) problemsLang(list problem.List) lang.Lang {
	if l := list.Lang(); l != "" {
		return l
	}
	return a.spoken()
}

func (a *app) runModelValidate(dir string) error {
	m, err := modelsheet.Open(dir)
	if list, ok := errors.AsType[problem.List](err); ok {
		l := a.problemsLang(list)
		for _, p := range list {
			fmt.Fprintln(a.out, p.In(l))
		}
		fmt.Fprintln(a.err, l.T("selfdiag: в модели найдено ошибок: %d", len(list)))
		return errProblems
	}
	if err != nil {
		return failed(err)
	}
	fmt.Fprintln(a.out, a.says(m).T("Модель %s версии %s: ошибок нет (компонентов: %d, показателей: %d).",
		m.ID, m.Version, len(m.Components), len(m.Indicators)))
	return nil
}

// modelShowOptions are what model show runs on.
type modelShowOptions struct {
	format, out, model string
}

func (a *app) runModelShow(o modelShowOptions) error {
	m, err := a.loadModel(o.model)
	if err != nil {
		return err
	}
	return a.output(o.out, func(w io.Writer) error {
		switch o.format {
		case "json":
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(m.Doc())
		case "yaml":
			enc := yaml.NewEncoder(w)
			enc.SetIndent(2)
			if err := enc.Encode(m.Doc()); err != nil {
				return err
			}
			return enc.Close()
		}
		return modelinfo.WriteText(w, m)
	})
}

// runModelCalibrate infers the thresholds from the tables in paths and
// checks the model in force against them. A file that cannot be read is
// listed and the others are still used.
func (a *app) runModelCalibrate(paths []string, format, out string, read answers.Options) error {
	m, err := a.loadModel(a.model)
	if err != nil {
		return err
	}
	if err := calibrate.Supported(m); err != nil {
		return failed(err)
	}
	rep, unread, missing := batch.Calibrate(m, paths, read)
	if len(missing) > 0 {
		return failf("не найдены: %s", strings.Join(missing, ", "))
	}
	if err := a.output(out, func(w io.Writer) error {
		if format == "json" {
			return calibrate.WriteJSON(w, rep)
		}
		return calibrate.WriteText(w, m, rep)
	}); err != nil {
		return err
	}
	switch {
	case unread > 0:
		fmt.Fprintln(a.err, a.says(m).T("selfdiag: не прочитано файлов: %d (перечислены в выводе)", unread))
		return errProblems
	case rep.Tables == 0:
		fmt.Fprintln(a.err, a.says(m).T("selfdiag: ни одной таблицы с суммой баллов и уровнем не проверено: согласие модели с таблицами не установлено; укажите таблицы федерального сервиса («Сумма баллов за весь тест: …», «Уровень: …»)"))
		return errProblems
	case !rep.Agrees():
		fmt.Fprintln(a.err, a.says(m).T("selfdiag: модель %s не согласуется с таблицами (см. вывод)", m.ID))
		return errProblems
	}
	return nil
}
