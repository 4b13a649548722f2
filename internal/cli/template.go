package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/form"
)

func newTemplateCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Создать шаблон для ответов школы или таблицу района по действующей модели",
		Long: `Создаёт шаблон ответов по модели в действии (встроенной или --model):

  --layout school   — книга для одной школы: лист «Школа» (наименование, код, профиль
                      со списками), лист «Ответы» (показатели по компонентам, списки
                      допустимых ответов, проверка чисел), лист «Инструкция»;
  --layout district — таблица района: строка на школу, столбцы профиля и показателей.

Заполненный шаблон считается командами score и batch без правки.`,
		Example: `  selfdiag template --out анкета-школы.xlsx
  selfdiag template --layout district --out район.xlsx
  selfdiag template --format csv --out анкета.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := a.templateOptions()
			if err != nil {
				return err
			}
			return a.runTemplate(o)
		},
	}
	cmd.Flags().String("layout", "school", "вид шаблона: school (одна школа) или district (таблица района); для любой модели также single и table")
	cmd.Flags().StringP("format", "f", "xlsx", "формат: xlsx или csv")
	cmd.Flags().StringP("out", "o", "", "файл шаблона (для xlsx обязателен)")
	cmd.Flags().String("municipalities", "", "файл со списком муниципалитетов (по названию в строке): в шаблоне xlsx муниципалитет выбирается из списка")
	return cmd
}

// templateOptions are what template runs on.
type templateOptions struct {
	layout, format, out, model string
	municipalities             []string
}

func (a *app) templateOptions() (templateOptions, error) {
	o := templateOptions{layout: strings.TrimSpace(a.v.GetString("layout")), out: a.v.GetString("out"), model: a.model}
	var err error
	if o.municipalities, err = a.municipalityList(); err != nil {
		return o, err
	}
	if o.format, err = a.formatChoice(o.out, []fileFormat{{"xlsx", "xlsx"}, {"csv", "csv"}}); err != nil {
		return o, err
	}
	switch o.layout {
	case "single": // the neutral spellings (submission.NeutralLayout)
		o.layout = form.LayoutSchool
	case "table":
		o.layout = form.LayoutDistrict
	}
	switch {
	case o.layout != form.LayoutSchool && o.layout != form.LayoutDistrict:
		return o, usagef("неизвестный вид шаблона %q: допустимы school (или single), district (или table)", o.layout)
	case o.format == "xlsx" && (o.out == "" || o.out == "-"):
		return o, usagef("шаблон xlsx пишется в файл: укажите --out ИМЯ.xlsx")
	case strings.HasSuffix(strings.ToLower(o.out), ".xls"):
		return o, usagef("старый формат .xls не поддерживается: укажите имя файла .xlsx")
	}
	return o, nil
}

func (a *app) runTemplate(o templateOptions) error {
	m, err := a.loadModel(o.model)
	if err != nil {
		return err
	}
	if err := a.overInput(o.out); err != nil {
		return err
	}
	if n, modelTable := a.answersIn(o.out); modelTable {
		return usagef("%s — таблица модели: шаблон не записан поверх неё; укажите другое имя файла", printable(o.out))
	} else if n > 0 {
		return usagef("в %s уже есть ответы (%d): шаблон не записан поверх них; укажите другое имя файла", printable(o.out), n)
	}
	write := map[string]func(io.Writer) error{
		"school/xlsx": func(w io.Writer) error { return form.SchoolXLSX(w, m, form.Options{Municipalities: o.municipalities}) },
		"school/csv":  func(w io.Writer) error { return form.SchoolCSV(w, m) },
		"district/xlsx": func(w io.Writer) error {
			return form.DistrictXLSX(w, m, form.Options{Municipalities: o.municipalities})
		},
		"district/csv": func(w io.Writer) error { return form.DistrictCSV(w, m) },
	}[o.layout+"/"+o.format]
	if err := a.writeOut(o.out, write); err != nil { // checked above, in the template's words
		return err
	}
	if o.out != "" && o.out != "-" {
		fmt.Fprintln(a.err, a.says(m).T("записан шаблон: %s", printable(o.out)))
	}
	return nil
}
