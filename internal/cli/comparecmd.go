package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/report"
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
	cmd.Flags().String("group-by", "", "группировка района: municipality — по муниципалитетам, или любое поле группировки модели")
	addReadFlags(cmd)
	addRunFlags(cmd, false)
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
	run                summary.RunInfo
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
	var formats []fileFormat
	for _, f := range compare.Formats {
		formats = append(formats, fileFormat{f.Name, f.Ext})
	}
	name, err := a.formatChoice(o.out, formats)
	if err != nil {
		return o, err
	}
	o.format = compare.Formats[slices.Index(names, name)]
	if o.format.File && (o.out == "" || o.out == "-") {
		return o, usagef("сравнение %s пишется в файл: укажите --out ФАЙЛ.%s", name, name)
	}
	o.groupBy = strings.TrimSpace(a.v.GetString("group-by"))
	if o.read, err = a.readOptions(); err != nil {
		return o, err
	}
	if o.run, err = a.runInfo(); err != nil {
		return o, err
	}
	return o, nil
}

func (a *app) runCompare(o compareOptions) error {
	batch.TuneGC() // as batch: much short-lived garbage, a compact record per school kept
	old, oldNotes, err := a.loadSide("было", o.old, o.oldModel, o.read, summary.Options{}, o.groupBy)
	if err != nil {
		return err
	}
	cur, newNotes, err := a.loadSide("стало", o.cur, o.newModel, o.read, summary.Options{}, o.groupBy)
	if err != nil {
		return err
	}
	rep := compare.Compare(old, cur, compare.Options{GroupBy: o.groupBy, Territory: o.run.Territory, AsOf: o.run.AsOf})
	titles := compare.TitlesOf(old, cur)
	if err := a.output(o.out, func(w io.Writer) error { return o.format.Write(w, rep, titles) }); err != nil {
		return err
	}
	if o.out != "" && o.out != "-" {
		fmt.Fprintln(a.err, a.spoken().T("записано сравнение: %s", printable(o.out)))
	}
	if a.printSideNotes(titles.Units, oldNotes, newNotes) {
		return errProblems
	}
	return nil
}

// loadSide reads one side with the district pipeline; its notes are
// printed as they come.
// groupBy is checked against the side's model.
func (a *app) loadSide(name, path, modelPath string, read answers.Options, so summary.Options, groupBy string) (*compare.Side, batch.SideNotes, error) {
	side, notes, err := batch.LoadSide(name, path, func() (*model.Model, error) { return a.checkedModel(modelPath, read, groupBy) },
		batch.DistrictOptions{Read: read, Summary: so})
	if _, ok := errors.AsType[*failure](err); ok {
		return nil, notes, err // the model's
	}
	if err != nil {
		a.learnLang(modelPath)
	}
	if err := a.collected(notes.Outputs, err); err != nil {
		return nil, notes, err
	}
	// A past run read without its model names its grouping fields (a v1
	// run is the school's).
	if groupBy != "" {
		r := side.Respondent
		if r == nil {
			school := model.SchoolRespondent()
			r = &school
		}
		if _, ok := r.Group(groupBy); !ok {
			return nil, notes, usagef("неизвестная группировка %q: допустимы %s", groupBy, strings.Join(r.GroupIDs(), ", "))
		}
	}
	return side, notes, nil
}

// learnLang makes the language of the model at path the run's when no
// model is loaded yet: a side read from a previous run's folder needs
// none, but its failure is told in the model's language all the same.
func (a *app) learnLang(path string) {
	if a.modelLang != nil && *a.modelLang == "" {
		if m, err := modelsheet.Open(path); err == nil {
			*a.modelLang = m.Lang()
		}
	}
}

// collected prints the output folders passed over when collecting answer
// files and turns the collection's error into the command's.
func (a *app) collected(outputs []lang.Phrase, err error) error {
	for _, line := range outputs {
		fmt.Fprintln(a.err, printable("selfdiag: "+line.In(a.spoken())))
	}
	if missing, ok := errors.AsType[*batch.MissingError](err); ok {
		return usagef("%s", missing)
	}
	if err != nil {
		return failed(err)
	}
	return nil
}

// printSideNotes prints the sides' notes, counted in u's words, and says
// whether there were any.
func (a *app) printSideNotes(u report.Units, sides ...batch.SideNotes) bool {
	var failed, dups int
	for _, n := range sides {
		for _, line := range append(n.Failed, n.Duplicates...) {
			fmt.Fprintln(a.err, printable("selfdiag: "+line))
		}
		failed, dups = failed+len(n.Failed), dups+len(n.Duplicates)
	}
	if failed > 0 {
		fmt.Fprintln(a.err, u.Say("selfdiag: не прочитано файлов: %d (перечислены выше); остальные сравнены",
			"selfdiag: не прочитано файлов: %d (перечислены выше); остальные сравнены", failed))
	}
	if dups > 0 {
		fmt.Fprintln(a.err, u.Say("selfdiag: повторов школ: %d (перечислены выше); каждая школа сравнена один раз",
			"selfdiag: повторов: %d (перечислены выше); каждый сравнён один раз", dups))
	}
	return failed+dups > 0
}
