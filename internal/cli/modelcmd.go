package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/calibrate"
	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
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
	validate := &cobra.Command{
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
	show := &cobra.Command{
		Use:   "show",
		Short: "Показать модель в действии: компоненты, показатели, ответы, баллы, пороги",
		Long: `Показывает модель в действии: текстом, в JSON или YAML (описание selfdiag.model/v1 с
подсчитанными максимумами). Каталог модели, который можно править и загрузить через --model,
выгружает команда model export.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.choice("format", "text", "json", "yaml")
			if err != nil {
				return err
			}
			return a.runModelShow(modelShowOptions{format: format, out: a.v.GetString("out"), model: a.model})
		},
	}
	show.Flags().StringP("format", "f", "text", "формат: text, json, yaml")
	show.Flags().StringP("out", "o", "", "файл для результата")
	export := &cobra.Command{
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
			format, err := a.choice("format", "yaml", "xlsx", "csv")
			if err != nil {
				return err
			}
			out := strings.TrimSpace(a.v.GetString("out"))
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
	export.Flags().StringP("format", "f", "yaml", "формат: yaml (каталог модели), xlsx или csv (таблица)")
	export.Flags().StringP("out", "o", "", "каталог (yaml) или файл (xlsx, csv)")
	imp := &cobra.Command{
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
	imp.Flags().StringP("out", "o", "", "каталог для модели")
	calibrate := &cobra.Command{
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
			format, err := a.choice("format", "text", "json")
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
	calibrate.Flags().StringP("format", "f", "text", "формат: text, json")
	calibrate.Flags().StringP("out", "o", "", "файл для результата (по умолчанию — вывод в терминал)")
	addReadFlags(calibrate)
	cmd.AddCommand(validate, show, export, imp, calibrate)
	return cmd
}

// runModelExport writes the model in force as a model folder (format
// yaml), as one set: the files appear together, or none does; or as a
// spreadsheet file, written atomically.
func (a *app) runModelExport(format, out string) error {
	m, err := loadModel(a.model)
	if err != nil {
		return err
	}
	if format == "yaml" {
		return a.writeModelFolder(m, out, "выгружена")
	}
	write := modelsheet.WriteXLSX
	if format == "csv" {
		write = modelsheet.WriteCSV
	}
	if err := a.output(out, func(w io.Writer) error { return write(w, m.Table()) }); err != nil {
		return err
	}
	fmt.Fprintf(a.err, "модель %s версии %s выгружена таблицей %s: компонентов %d, показателей %d; загрузка: --model %s или model import\n",
		m.ID, m.Version, printable(out), len(m.Components), len(m.Indicators), printable(out))
	return nil
}

// runModelImport checks a model's spreadsheet and writes it as a folder.
func (a *app) runModelImport(file, out string) error {
	m, err := modelsheet.Load(file)
	if list, ok := err.(problem.List); ok {
		for _, p := range list {
			fmt.Fprintln(a.out, p)
		}
		fmt.Fprintf(a.err, "selfdiag: в таблице модели найдено ошибок: %d; каталог не записан\n", len(list))
		return errProblems
	}
	if err != nil {
		return &failure{err.Error()}
	}
	return a.writeModelFolder(m, out, "прочитана из "+printable(file)+" и записана")
}

func (a *app) writeModelFolder(m *model.Model, dir, done string) error {
	stale, err := modelFolderFiles(dir)
	if err != nil {
		return err
	}
	out, err := outdir.Open(dir)
	if err != nil {
		return &failure{err.Error()}
	}
	defer out.Close()
	defer releaseOnInterrupt(out)()
	if err := m.WriteFolder(out.Write); err != nil {
		return &failure{err.Error()}
	}
	// The folder holds one model: component files of the model written
	// there before go, or it would no longer load.
	out.Stale(stale...)
	err = out.Commit(false)
	a.printNotes(out)
	if err != nil {
		return &failure{err.Error()}
	}
	fmt.Fprintf(a.err, "модель %s версии %s %s в каталог %s: компонентов %d, показателей %d; загрузка: --model %s\n",
		m.ID, m.Version, done, printable(dir), len(m.Components), len(m.Indicators), printable(dir))
	return nil
}

func (a *app) runModelValidate(dir string) error {
	var m *model.Model
	var err error
	switch {
	case dir == "":
		m, err = model.Default()
	case modelsheet.IsTable(dir):
		m, err = modelsheet.Load(dir)
	default:
		st, serr := os.Stat(dir)
		if serr != nil || !st.IsDir() {
			return &failure{fmt.Sprintf("каталог модели %s не найден", dir)}
		}
		m, err = model.Load(os.DirFS(dir), dir)
	}
	if list, ok := err.(problem.List); ok {
		for _, p := range list {
			fmt.Fprintln(a.out, p)
		}
		fmt.Fprintf(a.err, "selfdiag: в модели найдено ошибок: %d\n", len(list))
		return errProblems
	}
	if err != nil {
		return &failure{err.Error()}
	}
	fmt.Fprintf(a.out, "Модель %s версии %s: ошибок нет (компонентов: %d, показателей: %d).\n",
		m.ID, m.Version, len(m.Components), len(m.Indicators))
	return nil
}

// modelShowOptions are what model show runs on.
type modelShowOptions struct {
	format, out, model string
}

func (a *app) runModelShow(o modelShowOptions) error {
	m, err := loadModel(o.model)
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
		return writeModelText(w, m)
	})
}

func writeModelText(w io.Writer, m *model.Model) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nМодель: %s, версия %s\nИсточник: %s\n\n", m.Title, m.ID, m.Version, m.Source)
	levels := make([]string, len(m.Levels))
	for i, l := range m.Levels {
		levels[i] = l.Title
	}
	fmt.Fprintf(&b, "Уровни: %s\n", strings.Join(levels, " < "))
	fmt.Fprintf(&b, "Пороги по умолчанию: %s\n", thresholdText(m, m.Thresholds.Default))
	if m.Thresholds.Overall != nil {
		fmt.Fprintf(&b, "Пороги общего уровня: %s\n", thresholdText(m, *m.Thresholds.Overall))
	}
	for _, c := range m.Components {
		if s, ok := m.Thresholds.Components[c.ID]; ok {
			fmt.Fprintf(&b, "Пороги «%s»: %s\n", c.Title, thresholdText(m, s))
		}
	}
	for _, v := range m.Thresholds.Variants {
		fmt.Fprintf(&b, "Особые пороги для школ (%s): вариант %s\n", v.When, v.ID)
	}
	writeProfileThresholds(&b, m)
	fmt.Fprintf(&b, "Невыполненный критический показатель %s.\n", rulesText(m, m.CriticalRules))
	for _, c := range m.Components {
		kind := "Магистральное направление"
		if c.Kind == model.KindCondition {
			kind = "Ключевое условие"
		}
		fmt.Fprintf(&b, "\n%s «%s» (%s)\n", kind, c.Title, c.ID)
		for _, ind := range c.Indicators {
			mark := ""
			if ind.Critical {
				mark = " [критический"
				if ind.FailsBelow != 1 {
					mark += ": не выполнен, если баллов меньше " + strconv.Itoa(ind.FailsBelow)
				}
				if ind.Rules != nil {
					mark += "; " + rulesText(m, ind.Rules)
				}
				mark += "]"
			}
			if !ind.Applies.IsZero() {
				mark += " [" + ind.Applies.String() + "]"
			}
			fmt.Fprintf(&b, "  %s. %s%s — макс. %d\n", ind.ID, ind.Text, mark, ind.Max)
			if ind.IsNumeric() {
				for _, band := range ind.Bands {
					fmt.Fprintf(&b, "       %s → %d\n", band.Label(ind.Number), band.Points)
				}
			} else {
				for _, o := range ind.Options {
					fmt.Fprintf(&b, "       «%s» → %d\n", o.Text, o.Points)
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeProfileThresholds prints, for every profile a school can state,
// the points each level needs overall and in each component: the
// thresholds in force, whatever mix of percents, points and variants the
// model uses. Profiles with the same thresholds share one block.
func writeProfileThresholds(b *strings.Builder, m *model.Model) {
	var blocks []string
	profiles := map[string][]string{}
	for _, p := range model.AllProfiles() {
		maxes, total := m.Maxima(p)
		var block strings.Builder
		needs := func(title, component string, max int) {
			fmt.Fprintf(&block, "  %s: %s\n", title, needsText(m, m.Standing(component, p, 0, max).Needs, max))
		}
		needs("в целом", "", total)
		for i, c := range m.Components {
			needs("«"+c.Title+"»", c.ID, maxes[i])
		}
		key := block.String()
		if _, seen := profiles[key]; !seen {
			blocks = append(blocks, key)
		}
		profiles[key] = append(profiles[key], p.String())
	}
	fmt.Fprintf(b, "\nПороги в баллах по профилям школ (с каких баллов начинается уровень):\n")
	for _, block := range blocks {
		fmt.Fprintf(b, "Профиль %s:\n%s", strings.Join(profiles[block], " | "), block)
	}
}

// needsText is «базовый — от 47, средний — от 80, высокий — от 114 из 133».
func needsText(m *model.Model, needs []int, max int) string {
	if max == 0 {
		return "нет применимых показателей"
	}
	parts := make([]string, 0, len(needs))
	for l := 1; l < len(needs) && l < len(m.Levels); l++ {
		if needs[l] < 0 {
			parts = append(parts, m.Levels[l].Title+" — недостижим")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s — от %d", m.Levels[l].Title, needs[l]))
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" из %d", max)
}

func thresholdText(m *model.Model, s model.ThresholdSet) string {
	unit := " %"
	if s.Unit == model.UnitPoints {
		unit = " баллов"
	}
	parts := make([]string, 0, len(s.Values))
	for i := 1; i < len(s.Values); i++ {
		parts = append(parts, fmt.Sprintf("«%s» от %s%s", m.Levels[i].Title, s.Values[i], unit))
	}
	return strings.Join(parts, ", ")
}

// rulesText says what critical rules do: «ограничивает уровень сверху
// «базовый» (компонента и общий)», several joined by «и».
func rulesText(m *model.Model, rules []model.CriticalRule) string {
	parts := make([]string, 0, len(rules))
	for _, r := range rules {
		verb := map[string]string{model.ActionForce: "устанавливает уровень", model.ActionCap: "ограничивает уровень сверху"}[r.Action]
		where := map[string]string{model.ScopeBoth: "компонента и общий", model.ScopeComponent: "компонента", model.ScopeOverall: "общий"}[r.Scope]
		parts = append(parts, fmt.Sprintf("%s «%s» (%s)", verb, m.Levels[r.Level].Title, where))
	}
	return strings.Join(parts, " и ")
}

// runModelCalibrate infers the thresholds from the tables in paths and
// checks the model in force against them. A file that cannot be read is
// listed and the others are still used.
func (a *app) runModelCalibrate(paths []string, format, out string, read answers.Options) error {
	m, err := loadModel(a.model)
	if err != nil {
		return err
	}
	read.NoProfile = !m.UsesProfile()
	files, skipped, missing := batch.Collect(paths)
	if len(missing) > 0 {
		return &failure{"не найдены: " + strings.Join(missing, ", ")}
	}
	var results []*scoring.Result
	var unread []calibrate.Skipped
	for _, s := range skipped {
		unread = append(unread, calibrate.Skipped{Source: s.Path, Reason: s.Reason})
	}
	for _, f := range files {
		if err := answers.ReadFile(f, read, func(sub *submission.Submission) error {
			results = append(results, scoring.Score(m, sub))
			return nil
		}); err != nil {
			unread = append(unread, calibrate.Skipped{Source: f, Reason: "файл не прочитан: " + err.Error()})
		}
	}
	rep := calibrate.Calibrate(m, results)
	rep.Skipped = append(unread, rep.Skipped...)
	if err := a.output(out, func(w io.Writer) error {
		if format == "json" {
			return calibrate.WriteJSON(w, rep)
		}
		return calibrate.WriteText(w, m, rep)
	}); err != nil {
		return err
	}
	switch {
	case len(unread) > 0:
		fmt.Fprintf(a.err, "selfdiag: не прочитано файлов: %d (перечислены в выводе)\n", len(unread))
		return errProblems
	case rep.Tables == 0:
		fmt.Fprintln(a.err, "selfdiag: ни одной таблицы с суммой баллов и уровнем не проверено: согласие модели с таблицами не установлено; укажите таблицы федерального сервиса («Сумма баллов за весь тест: …», «Уровень: …»)")
		return errProblems
	case !rep.Agrees():
		fmt.Fprintf(a.err, "selfdiag: модель %s не согласуется с таблицами (см. вывод)\n", m.ID)
		return errProblems
	}
	return nil
}

// modelFolderFiles lists the model files of a folder a model is to be
// written to: none for a new or empty folder, the .yaml files of a model
// folder (they are all read as the model). A folder holding other things
// is refused: a model is written to a folder of its own.
func modelFolderFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &failure{fmt.Sprintf("не удалось прочитать каталог %s: %s", printable(dir), fserr.Text(err))}
	}
	var files, other []string
	isModel := false
	for _, e := range entries {
		name := e.Name()
		switch ext := filepath.Ext(name); {
		case strings.HasPrefix(name, "."):
		case !e.Type().IsRegular() || (ext != ".yaml" && ext != ".yml"):
			other = append(other, name)
		case name == model.RootFile:
			isModel = modelRoot(filepath.Join(dir, name))
			files = append(files, name)
		default:
			files = append(files, name)
		}
	}
	if len(files) > 0 && !isModel || len(other) > 0 {
		return nil, usagef("каталог %s не пуст и не является каталогом модели selfdiag (в нём %s): модель записывается в новый или пустой каталог либо поверх прежней модели", printable(dir), strings.Join(append(other, files...)[:min(len(other)+len(files), 5)], ", "))
	}
	return files, nil
}

// modelRoot says the file is a selfdiag model's root file.
func modelRoot(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return false
	}
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return strings.Contains(string(head[:n]), model.Schema)
}
