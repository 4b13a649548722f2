package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/summary"
)

func newCompareCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "compare БЫЛО СТАЛО",
		Short: "Сравнить две самодиагностики: прошлогоднюю и нынешнюю, по школам и по району",
		Long: `Сравнивает две самодиагностики одних и тех же школ. Каждая сторона — файл или папка с
ответами (считается, как в batch, по своей модели: --old-model и --new-model, по умолчанию --model
или встроенная) или каталог прошлого запуска batch --out КАТАЛОГ --per-school (summary.json и
schools/*.json), так что прошлогодние файлы ответов не нужны.

Школы сопоставляются по коду ОО, иначе по наименованию и муниципалитету; школы только одной
стороны перечисляются. По каждой школе — итог и компоненты тогда и сейчас, изменение уровня,
дефициты закрытые, оставшиеся и новые, критические показатели исправленные и новые, достигнута ли
цель прошлого плана перехода на следующий уровень. По району — таблица переходов уровней, средний
процент по компонентам тогда и сейчас, чаще всего закрытые и новые дефициты, школы, понизившие
уровень, с причинами; с --group-by municipality — то же по каждому муниципалитету.

Форматы: text; json — selfdiag.compare/v1; csv — строка на школу; xlsx; html.`,
		Example: `  selfdiag compare итоги-2024/ ответы-2025/
  selfdiag compare --old-model модель-2024 ответы-2024/ ответы-2025/ -f html -o сравнение.html`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := a.compareOptions(args)
			if err != nil {
				return err
			}
			return a.runCompare(o)
		},
	}
	cmd.Flags().StringP("format", "f", "text", "формат: "+strings.Join(compare.FormatNames(), ", "))
	cmd.Flags().StringP("out", "o", "", "файл для результата (для xlsx и html обязателен)")
	cmd.Flags().String("old-model", "", "модель прежней самодиагностики (каталог или таблица; по умолчанию --model или встроенная)")
	cmd.Flags().String("new-model", "", "модель новой самодиагностики (по умолчанию --model или встроенная)")
	cmd.Flags().String("group-by", "", "группировка района: municipality — по муниципалитетам")
	addReadFlags(cmd)
	return cmd
}

// compareOptions are what compare runs on.
type compareOptions struct {
	old, cur           string
	oldModel, newModel string
	format             compare.Format
	out                string
	groupBy            string
	read               answers.Options
}

func (a *app) compareOptions(args []string) (compareOptions, error) {
	o := compareOptions{old: args[0], cur: args[1], out: a.v.GetString("out"),
		oldModel: a.v.GetString("old-model"), newModel: a.v.GetString("new-model")}
	if o.oldModel == "" {
		o.oldModel = a.model
	}
	if o.newModel == "" {
		o.newModel = a.model
	}
	a.readsFrom(o.old, o.cur, o.oldModel, o.newModel)
	names := compare.FormatNames()
	name, err := a.choice("format", names...)
	if err != nil {
		return o, err
	}
	o.format = compare.Formats[slices.Index(names, name)]
	if o.format.File && (o.out == "" || o.out == "-") {
		return o, usagef("сравнение %s пишется в файл: укажите --out ФАЙЛ.%s", name, name)
	}
	switch g := strings.TrimSpace(a.v.GetString("group-by")); g {
	case "", summary.GroupMunicipality:
		o.groupBy = g
	default:
		return o, usagef("неизвестная группировка %q: допустима municipality", g)
	}
	if o.read, err = a.readOptions(); err != nil {
		return o, err
	}
	return o, nil
}

func (a *app) runCompare(o compareOptions) error {
	lazyGC() // as batch: much short-lived garbage, a compact record per school kept
	old, oldNotes, err := a.loadSide("было", o.old, o.oldModel, o.read, summary.Options{})
	if err != nil {
		return err
	}
	cur, newNotes, err := a.loadSide("стало", o.cur, o.newModel, o.read, summary.Options{})
	if err != nil {
		return err
	}
	rep := compare.Compare(old, cur, compare.Options{GroupBy: o.groupBy})
	titles := compare.TitlesOf(old, cur)
	if err := a.output(o.out, func(w io.Writer) error { return o.format.Write(w, rep, titles) }); err != nil {
		return err
	}
	if o.out != "" && o.out != "-" {
		fmt.Fprintf(a.err, "записано сравнение: %s\n", printable(o.out))
	}
	if a.printSideNotes(oldNotes, newNotes) {
		return errProblems
	}
	return nil
}

// sideNotes are what a side scored from answer files has to say: files
// not read, and schools sent more than once (counted once, as batch does).
type sideNotes struct{ failed, duplicates []string }

// printSideNotes prints the sides' notes and says whether there were any.
func (a *app) printSideNotes(sides ...sideNotes) bool {
	var failed, dups int
	for _, n := range sides {
		for _, line := range append(n.failed, n.duplicates...) {
			fmt.Fprintln(a.err, printable("selfdiag: "+line))
		}
		failed, dups = failed+len(n.failed), dups+len(n.duplicates)
	}
	if failed > 0 {
		fmt.Fprintf(a.err, "selfdiag: не прочитано файлов: %d (перечислены выше); остальные сравнены\n", failed)
	}
	if dups > 0 {
		fmt.Fprintf(a.err, "selfdiag: повторов школ: %d (перечислены выше); каждая школа сравнена один раз\n", dups)
	}
	return failed+dups > 0
}

// loadSide reads one side: a previous run's folder, or answer files
// scored with the side's model by the district pipeline.
func (a *app) loadSide(name, path, modelPath string, read answers.Options, so summary.Options) (side *compare.Side, notes sideNotes, err error) {
	if compare.IsRun(path) {
		side, err := compare.LoadRun(path)
		if err != nil {
			return nil, notes, &failure{"сторона «" + name + "»: " + err.Error()}
		}
		return side, notes, nil
	}
	m, err := loadModel(modelPath)
	if err != nil {
		return nil, notes, err
	}
	files, skipped, missing := batch.Collect([]string{path})
	if len(missing) > 0 {
		return nil, notes, usagef("нет такого файла или папки: %s", strings.Join(missing, ", "))
	}
	if err := a.noAnswers(files, skipped, "сторона «"+name+"»: ", path); err != nil {
		return nil, notes, err
	}
	d := batch.RunDistrict(m, files, skipped, batch.DistrictOptions{Read: read, Summary: so, Side: true})
	for _, f := range d.Summary.Failures {
		notes.failed = append(notes.failed, "сторона «"+name+"»: "+f.File+": "+f.Message)
	}
	for _, dup := range d.Summary.Duplicates {
		line := fmt.Sprintf("сторона «%s»: повтор школы «%s» (по %s): не учтена подача %s", name, dup.School, dupBy(dup.By), dup.Source)
		if dup.Reason != "" {
			line += "; " + dup.Reason
		}
		notes.duplicates = append(notes.duplicates, line)
	}
	return d.Side, notes, nil
}

// dupBy says in the dative what a duplicate was recognised by.
func dupBy(by string) string {
	if by == "код" {
		return "коду"
	}
	return "наименованию и муниципалитету"
}

// noAnswers prints the folders of the program's own outputs passed over,
// and fails when nothing is left to read: never exit 0 for nothing done.
func (a *app) noAnswers(files []string, skipped []batch.Skipped, side, where string) error {
	outputs, other := 0, 0
	for _, s := range skipped {
		if s.Output {
			outputs++
			fmt.Fprintln(a.err, printable("selfdiag: "+side+s.Path+": "+s.Reason))
		} else {
			other++
		}
	}
	switch {
	case len(files) > 0 || (other > 0 && side == ""):
		return nil
	case outputs > 0:
		return &failure{side + "в " + where + " нет файлов ответов, только результаты selfdiag; для сравнения с прошлым запуском нужен его каталог, записанный с --per-school (summary.json и schools/), или папка с ответами"}
	}
	return &failure{side + "не найдено ни одного файла ответов (.xlsx или .csv) в: " + where}
}

// lazyGC tunes the collector for a district run, unless GOGC or
// GOMEMLIMIT say otherwise. A run makes much short-lived garbage (rows,
// results) and keeps little (the summary): collecting at every doubling of
// a small heap is wasted work, so the heap may grow fourfold between
// collections (a fifth less time for a national CSV table) — but not past
// memoryLimit: reading a workbook makes garbage ten times as fast as a CSV
// (its XML), and fourfold of that was gigabytes.
func lazyGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// memoryLimit is the heap a district run grows to before the collector
// works harder.
const memoryLimit = 320 << 20
