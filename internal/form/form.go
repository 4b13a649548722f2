// Package form generates answer templates from the model in use: a school
// workbook (identity and profile sheet, answers sheet with dropdowns and
// validation, instructions) or a district table (one row per school). A
// filled template reads back with no hand editing.
package form

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/xlsxprint"
)

// Layouts and sheet names.
const (
	LayoutSchool   = "school"
	LayoutDistrict = "district"

	SheetInstructions = "Инструкция"
	SheetSchool       = "Школа"
	SheetAnswers      = "Ответы"
	SheetSchools      = "Школы"
	SheetLists        = "Списки"
)

// DistrictRows is how many school rows of a district template carry dropdowns.
const DistrictRows = 500

// Answer-sheet columns of the school template.
const (
	colID = iota + 1
	colText
	colCritical
	colAnswer
	colComment
	colAllowed
)

// CommentColumn heads the template's column for a comment or evidence
// beside each answer: kept with the answer, never scored.
const CommentColumn = "Комментарий / подтверждение"

// commentOf heads a district table's comment column of one indicator.
func commentOf(l lang.Lang, ind *model.Indicator) string {
	return ind.ID + " — " + strings.ToLower(l.T(CommentColumn))
}

// field is a respondent's field a template asks for: its title in the
// model's language and the choices its cell offers (none: free text).
type field struct {
	title   string
	choices []string
	group   bool // the first grouping field: offers the official spellings
}

// maxChoices bounds the sets of values a multiple attribute's dropdown
// offers: beyond, the cell is free text (checked on reading).
const maxChoices = 15

// fields are the respondent's fields of m's templates: identity, groups,
// year and date, then the attributes when something in the model depends
// on them.
func fields(m *model.Model) []field {
	lg := lang.Of(m.Language)
	r := &m.Respondent
	out := []field{{title: r.Name.Title}, {title: r.Code.Title}}
	for i, g := range r.Groups {
		out = append(out, field{title: g.Title, group: i == 0})
	}
	out = append(out, field{title: lg.T("Год")}, field{title: lg.T("Дата заполнения")})
	if !m.UsesProfile() {
		return out
	}
	for _, a := range r.Attributes {
		f := field{title: a.Title}
		switch {
		case a.IsYesNo():
			f.choices = []string{lg.T("да"), lg.T("нет")}
		case !a.Multiple:
			for _, id := range a.ValueIDs() {
				f.choices = append(f.choices, a.ValueTitle(id))
			}
		case a.ID == "programs" && r.IsSchool():
			f.choices = ProgramChoices
		default:
			f.choices = valueSets(a)
		}
		out = append(out, f)
	}
	return out
}

// valueSets are the non-empty sets of a multiple attribute's values, all
// first, then by size; nil when there are more than maxChoices.
func valueSets(a *model.Attribute) []string {
	ids := a.ValueIDs()
	if len(ids) > 4 {
		return nil
	}
	var sets [][]string
	for mask := 1<<len(ids) - 1; mask > 0; mask-- {
		var set []string
		for i, id := range ids {
			if mask&(1<<i) != 0 {
				set = append(set, a.ValueTitle(id))
			}
		}
		sets = append(sets, set)
	}
	slices.SortStableFunc(sets, func(x, y []string) int { return len(y) - len(x) })
	out := make([]string, len(sets))
	for i, s := range sets {
		out[i] = strings.Join(s, ", ")
	}
	if len(out) > maxChoices {
		return nil
	}
	return out
}

// Fields are the titles of the respondent's fields a template of m asks
// for, in the model's language and order.
func Fields(m *model.Model) []string {
	var out []string
	for _, f := range fields(m) {
		out = append(out, f.title)
	}
	return out
}

// metaPlace is a field's place among fields, from 1: its column in the
// district table, and its row less one on the «Школа» sheet; 0 when the
// template does not ask for it.
func metaPlace(fields []string, name string) int {
	return slices.Index(fields, name) + 1
}

// Date cells: shown as Russians write dates, and checked as dates from
// 2020 on (a date typed as text in another form is refused by Excel with
// the hint).
var dateFormat = "dd.mm.yyyy"

func dateValidation(l lang.Lang, sqref string) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if err := dv.SetRange(43831, 73050, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return nil, err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, l.T("Дата заполнения"), l.T("Введите дату в виде ДД.ММ.ГГГГ, например 15.05.2025."))
	dv.SetInput(l.T("Дата заполнения"), l.T("Когда заполнена анкета, ДД.ММ.ГГГГ: из двух анкет одной школы учитывается более поздняя."))
	return dv, nil
}

// ProgramChoices are the dropdown values for «Программы».
var ProgramChoices = []string{"НОО, ООО, СОО", "НОО, ООО", "НОО", "ООО, СОО", "ООО", "СОО", "НОО, СОО"}

func cell(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func absCol(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// quoted is a sheet name quoted for references: Cyrillic names must be.
func quoted(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// lists writes every dropdown list into a hidden sheet, one column each, and
// returns the reference of each list by key. Inline lists are limited to 255
// characters, so every list lives here.
type lists struct {
	f     *excelize.File
	sheet string // SheetLists in the model's language
	col   int
	refs  map[string]string
}

func newLists(f *excelize.File, l lang.Lang) (*lists, error) {
	sheet := l.T(SheetLists)
	if _, err := f.NewSheet(sheet); err != nil {
		return nil, err
	}
	return &lists{f: f, sheet: sheet, refs: map[string]string{}}, nil
}

func (l *lists) add(key string, values []string) (string, error) {
	if ref, ok := l.refs[key]; ok {
		return ref, nil
	}
	l.col++
	vals := make([]any, len(values))
	for i, v := range values {
		vals[i] = v
	}
	if err := l.f.SetSheetCol(l.sheet, cell(l.col, 1), &vals); err != nil {
		return "", err
	}
	c := absCol(l.col)
	ref := fmt.Sprintf("%s!$%s$1:$%s$%d", quoted(l.sheet), c, c, len(values))
	l.refs[key] = ref
	return ref, nil
}

// fieldLists writes the choices of the respondent's fields that offer a
// list — the attributes', and the first group's when the official
// spellings are given — and calls use with each field's index among
// fields(m) and its list.
func (l *lists) fieldLists(m *model.Model, o Options, use func(i int, ref string) error) error {
	for i, fs := range fields(m) {
		choices := fs.choices
		if fs.group && len(o.Municipalities) > 0 {
			choices = o.Municipalities
		}
		if len(choices) == 0 {
			continue
		}
		ref, err := l.add("field:"+fs.title, choices)
		if err != nil {
			return err
		}
		if err := use(i, ref); err != nil {
			return err
		}
	}
	return nil
}

func (l *lists) hide() error { return l.f.SetSheetVisible(l.sheet, false) }

func optionTexts(ind *model.Indicator) []string {
	out := make([]string, len(ind.Options))
	for i, o := range ind.Options {
		out[i] = o.Text
	}
	return out
}

// validation builds the data validation of an indicator's answer cells.
func validation(lg lang.Lang, l *lists, ind *model.Indicator, sqref string) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if !ind.IsNumeric() {
		ref, err := l.add("ind:"+ind.ID, optionTexts(ind))
		if err != nil {
			return nil, err
		}
		dv.SetSqrefDropList(ref)
		if ind.Multiple {
			// Several answers in one cell are typed, not picked: the list
			// offers one at a time, and a typed list is let through.
			dv.SetError(excelize.DataValidationErrorStyleInformation, lg.T("Несколько ответов"), lg.T("Несколько ответов пишутся через «;» — каждый из списка."))
			dv.SetInput(lg.T("Показатель %s", ind.ID), truncate(lg.T("Выберите из списка или впишите несколько через «;»: %s", ind.AllowedIn(lg)), 250))
			return dv, nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, lg.T("Недопустимый ответ"), lg.T("Выберите ответ из списка."))
		dv.SetInput(lg.T("Показатель %s", ind.ID), truncate(lg.T("Выберите ответ из списка: %s", ind.AllowedIn(lg)), 250))
		return dv, nil
	}
	spec := ind.Number
	lo, hi := -1e9, 1e9
	if spec.Min != nil {
		lo = *spec.Min
	}
	if spec.Max != nil {
		hi = *spec.Max
	}
	t := excelize.DataValidationTypeDecimal
	if spec.Integer {
		t = excelize.DataValidationTypeWhole
	}
	if err := dv.SetRange(lo, hi, t, excelize.DataValidationOperatorBetween); err != nil {
		return nil, err
	}
	unit := spec.Unit
	if unit == "" {
		unit = lg.T("число")
	}
	dv.SetInput(lg.T("Показатель %s", ind.ID)+" ("+unit+")", truncate(lg.T("Введите %s.", ind.AllowedIn(lg)), 250))
	style := excelize.DataValidationErrorStyleStop
	if len(spec.NotApplicable) > 0 {
		// «не применимо» is a word, not a number: a warning lets it in.
		style = excelize.DataValidationErrorStyleInformation
	}
	dv.SetError(style, lg.T("Недопустимое значение"), truncate(lg.T("Нужно %s.", ind.AllowedIn(lg)), 250))
	return dv, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func instructions(f *excelize.File, m *model.Model, lines []string) error {
	l := lang.Of(m.Language)
	sheet := l.T(SheetInstructions)
	f.SetSheetName("Sheet1", sheet)
	title := l.T("Самодиагностика: шаблон ответов")
	if m.SchoolKinded() && l == lang.RU {
		title = "Самодиагностика «Школа Минпросвещения России»: шаблон ответов"
	}
	rows := append([]string{title, l.T("Модель: %s, версия %s — %s", m.ID, m.Version, m.Title), l.T("Источник модели: %s", m.Source), ""}, lines...)
	for i, r := range rows {
		if err := f.SetCellValue(sheet, cell(1, i+1), r); err != nil {
			return err
		}
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	f.SetCellStyle(sheet, "A2", cell(1, len(rows)), wrap)
	f.SetCellStyle(sheet, "A1", "A1", bold)
	if err := f.SetColWidth(sheet, "A", "A", 110); err != nil {
		return err
	}
	return xlsxprint.Setup(f, sheet, xlsxprint.Page{Lang: lang.Of(m.Language)})
}

// SchoolXLSX writes the one-school template.
func SchoolXLSX(w io.Writer, m *model.Model, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	lg := lang.Of(m.Language)
	school, answers := lg.T(SheetSchool), lg.T(SheetAnswers)
	lines := []string{lg.T("1. На листе «Школа» заполните наименование, код ОО, муниципалитет, год, дату заполнения (ДД.ММ.ГГГГ) и профиль школы (программы, ОВЗ, коррекционная школа) — из списков.")}
	switch {
	case !m.Respondent.IsSchool():
		// Another respondent: its own fields, named as the sheet names them.
		lines[0] = lg.T("1. На листе «%s» заполните поля: %s (дата — ДД.ММ.ГГГГ; где есть список — из списка).", school, strings.Join(Fields(m), ", "))
	case !m.UsesProfile():
		lines[0] = lg.T("1. На листе «Школа» заполните наименование, код, муниципалитет, год и дату заполнения (ДД.ММ.ГГГГ).")
	}
	lines = append(lines,
		lg.T("2. На листе «Ответы» выберите ответ на каждый показатель из списка в столбце «Ответ» или введите число (подсказка появится в ячейке)."),
		lg.T("3. Критические показатели отмечены в столбце «Критический»: 0 баллов по ним понижает уровень."),
		lg.T("   В столбце «%s» можно пояснить ответ или указать подтверждающий документ: на баллы это не влияет.", lg.T(CommentColumn)))
	switch {
	case m.UsesProfile() && m.Respondent.IsSchool():
		lines = append(lines, lg.T("4. Показатели, которые не относятся к школе по её профилю, можно оставить пустыми."))
	case m.UsesProfile():
		lines = append(lines, lg.T("4. Показатели с пометкой «только для …» можно оставить пустыми, если условие к вам не относится."))
	}
	lines = append(lines, lg.T("5. Не переименовывайте листы и столбцы. Сохраните файл как «Книга Excel (.xlsx)» и передайте координатору."),
		lg.T("Проверка: selfdiag score ИМЯ_ФАЙЛА.xlsx"))
	if err := instructions(f, m, lines); err != nil {
		return err
	}
	l, err := newLists(f, lg)
	if err != nil {
		return err
	}
	unlocked, err := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF7D6"}}, Border: thinBorder()})
	if err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	// «Школа» (in the model's language)
	if _, err := f.NewSheet(school); err != nil {
		return err
	}
	f.SetSheetRow(school, "A1", &[]any{lg.T("Поле"), lg.T("Значение")})
	f.SetCellStyle(school, "A1", "B1", bold)
	titles := Fields(m)
	for i, name := range titles {
		f.SetCellValue(school, cell(1, i+2), name)
	}
	f.SetCellStyle(school, "B2", cell(2, len(titles)+1), unlocked)
	unlockedDate, err := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false}, CustomNumFmt: &dateFormat,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF7D6"}}, Border: thinBorder()})
	if err != nil {
		return err
	}
	dateCell := cell(2, metaPlace(titles, lg.T("Дата заполнения"))+1)
	f.SetCellStyle(school, dateCell, dateCell, unlockedDate)
	if dv, err := dateValidation(lg, dateCell); err != nil {
		return err
	} else if err := f.AddDataValidation(school, dv); err != nil {
		return err
	}
	f.SetColWidth(school, "A", "A", 26)
	f.SetColWidth(school, "B", "B", 60)
	if err := l.fieldLists(m, o, func(i int, ref string) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = cell(2, i+2)
		dv.SetSqrefDropList(ref)
		return f.AddDataValidation(school, dv)
	}); err != nil {
		return err
	}
	if err := xlsxprint.Setup(f, school, xlsxprint.Page{HeaderTo: 1, Lang: lg}); err != nil {
		return err
	}
	if err := protect(f, school); err != nil {
		return err
	}

	// «Ответы»
	if _, err := f.NewSheet(answers); err != nil {
		return err
	}
	f.SetSheetRow(answers, "A1", &[]any{lg.T("№"), lg.T("Показатель оценивания"), lg.T("Критический"), lg.T("Ответ"), lg.T(CommentColumn), lg.T("Допустимые ответы")})
	f.SetCellStyle(answers, "A1", cell(colAllowed, 1), bold)
	row := 2
	for _, c := range m.Components {
		f.SetCellValue(answers, cell(colID, row), m.Heading(c))
		f.MergeCell(answers, cell(colID, row), cell(colAllowed, row))
		f.SetCellStyle(answers, cell(colID, row), cell(colAllowed, row), bold)
		row++
		for _, ind := range c.Indicators {
			id := any(ind.ID)
			var n int
			if _, err := fmt.Sscan(ind.ID, &n); err == nil && fmt.Sprint(n) == ind.ID {
				id = n
			}
			text := ind.Text + onlyFor(m, ind)
			crit := ""
			if ind.Critical {
				crit = lg.T("да")
			}
			f.SetSheetRow(answers, cell(colID, row), &[]any{id, text, crit, nil, nil, ind.AllowedIn(lg)})
			f.SetCellStyle(answers, cell(colText, row), cell(colText, row), wrap)
			f.SetCellStyle(answers, cell(colAllowed, row), cell(colAllowed, row), wrap)
			f.SetCellStyle(answers, cell(colAnswer, row), cell(colComment, row), unlocked)
			dv, err := validation(lg, l, ind, cell(colAnswer, row))
			if err != nil {
				return err
			}
			if err := f.AddDataValidation(answers, dv); err != nil {
				return err
			}
			row++
		}
	}
	f.SetColWidth(answers, "A", "A", 6)
	f.SetColWidth(answers, "B", "B", 50)
	f.SetColWidth(answers, "C", "C", 12)
	f.SetColWidth(answers, "D", "D", 22)
	f.SetColWidth(answers, "E", "E", 24)
	f.SetColWidth(answers, "F", "F", 32)
	if err := f.SetPanes(answers, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := xlsxprint.Setup(f, answers, xlsxprint.Page{HeaderTo: 1, Lang: lg}); err != nil {
		return err
	}
	if err := protect(f, answers); err != nil {
		return err
	}
	if err := l.hide(); err != nil {
		return err
	}
	idx, _ := f.GetSheetIndex(school)
	f.SetActiveSheet(idx)
	return xlsxprint.Write(f, w)
}

func thinBorder() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "BFBFBF", Style: 1})
	}
	return b
}

// protect locks a sheet: only unlocked cells (the answers) can be edited. No
// password, so a coordinator can lift it.
func protect(f *excelize.File, sheet string) error {
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true})
}

// DistrictXLSX writes the district template: a «Школы» sheet with one row
// per school, dropdowns on the first DistrictRows rows.
func DistrictXLSX(w io.Writer, m *model.Model, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	lg := lang.Of(m.Language)
	schools := lg.T(SheetSchools)
	first := lg.T("1. На листе «Школы» каждая строка — одна школа: наименование, код ОО, муниципалитет, год, дата заполнения (ДД.ММ.ГГГГ), профиль, затем ответы по столбцам показателей.")
	switch {
	case !m.Respondent.IsSchool():
		first = lg.T("1. На листе «%s» каждая строка — один респондент: %s (дата — ДД.ММ.ГГГГ), затем ответы по столбцам показателей.", schools, strings.Join(Fields(m), ", "))
	case !m.UsesProfile():
		first = lg.T("1. На листе «Школы» каждая строка — одна школа: наименование, код, муниципалитет, год, дата заполнения (ДД.ММ.ГГГГ), затем ответы по столбцам показателей.")
	}
	if err := instructions(f, m, []string{first,
		lg.T("2. Заголовок столбца показателя начинается с его номера; не меняйте заголовки. Рядом с каждым ответом — столбец для комментария или подтверждающего документа (на баллы не влияет)."),
		lg.T("3. Ответы выбирайте из списков или вводите числа (подсказки в ячейках)."),
		lg.T("Проверка и сводка: selfdiag batch ИМЯ_ФАЙЛА.xlsx"),
	}); err != nil {
		return err
	}
	l, err := newLists(f, lg)
	if err != nil {
		return err
	}
	if _, err := f.NewSheet(schools); err != nil {
		return err
	}
	head := DistrictHeader(m, true)
	row := make([]any, len(head))
	for i, h := range head {
		row[i] = h
	}
	f.SetSheetRow(schools, "A1", &row)
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}}})
	f.SetCellStyle(schools, "A1", cell(len(head), 1), bold)
	f.SetRowHeight(schools, 1, 90)
	last := DistrictRows + 1
	add := func(col int, ref string) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = cell(col, 2) + ":" + cell(col, last)
		dv.SetSqrefDropList(ref)
		return f.AddDataValidation(schools, dv)
	}
	if err := l.fieldLists(m, o, func(i int, ref string) error { return add(i+1, ref) }); err != nil {
		return err
	}
	dateCol := metaPlace(Fields(m), lg.T("Дата заполнения"))
	if dv, err := dateValidation(lg, cell(dateCol, 2)+":"+cell(dateCol, last)); err != nil {
		return err
	} else if err := f.AddDataValidation(schools, dv); err != nil {
		return err
	}
	if date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat}); err != nil {
		return err
	} else if err := f.SetColStyle(schools, absCol(dateCol), date); err != nil {
		return err
	}
	wrapped, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, ind := range m.Indicators {
		col := len(Fields(m)) + 1 + 2*i // the answer, then its comment
		if err := f.SetColStyle(schools, absCol(col+1), wrapped); err != nil {
			return err
		}
		dv, err := validation(lg, l, ind, cell(col, 2)+":"+cell(col, last))
		if err != nil {
			return err
		}
		if err := f.AddDataValidation(schools, dv); err != nil {
			return err
		}
	}
	f.SetColWidth(schools, "A", "A", 40)
	f.SetColWidth(schools, "B", absCol(len(head)), 16)
	if err := f.SetPanes(schools, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	// A hundred answer columns cannot print one page wide and stay
	// readable: they print at full size across pages, each with the
	// header row and the school's name and code.
	if err := xlsxprint.Setup(f, schools, xlsxprint.Page{HeaderTo: 1, HeaderCols: 2, Fit: xlsxprint.FitNone, Lang: lg}); err != nil {
		return err
	}
	if err := l.hide(); err != nil {
		return err
	}
	idx, _ := f.GetSheetIndex(schools)
	f.SetActiveSheet(idx)
	return xlsxprint.Write(f, w)
}

// Options tune the templates.
type Options struct {
	// Municipalities, if given, are offered as a list in the municipality
	// cell (the official spellings).
	Municipalities []string
}

// onlyFor marks an indicator that applies to some respondents only: one
// outside answers nothing there.
func onlyFor(m *model.Model, ind *model.Indicator) string {
	if ind.Applies.IsZero() {
		return ""
	}
	return lang.Of(m.Language).T(" [только для %s: %s]", m.Respondent.Many, ind.Applies.String())
}

// DistrictHeader is the district table header: identity and profile, then
// "№. wording" for every indicator, each followed by its comment column
// when comments is set (the templates).
func DistrictHeader(m *model.Model, comments bool) []string {
	l := lang.Of(m.Language)
	var head []string
	head = append(head, Fields(m)...)
	for _, ind := range m.Indicators {
		head = append(head, ind.ID+". "+ind.Text+onlyFor(m, ind))
		if comments {
			head = append(head, commentOf(l, ind))
		}
	}
	return head
}

// SchoolCSV writes the one-school template as CSV (';', UTF-8 with BOM, as
// Excel with Russian settings expects).
func SchoolCSV(w io.Writer, m *model.Model) error {
	l := lang.Of(m.Language)
	return writeCSV(w, func(cw *csv.Writer) {
		for _, name := range Fields(m) {
			cw.Write(safetext.CSVRecord([]string{name, ""}))
		}
		cw.Write(nil)
		cw.Write(safetext.CSVRecord([]string{l.T("№"), l.T("Показатель оценивания"), l.T("Ответ"), l.T(CommentColumn), l.T("Допустимые ответы")}))
		for _, ind := range m.Indicators {
			text := ind.Text + onlyFor(m, ind)
			if ind.Critical {
				text += l.T(" (критический показатель)")
			}
			cw.Write(safetext.CSVRecord([]string{ind.ID, text, "", "", ind.AllowedIn(l)}))
		}
	})
}

// DistrictCSV writes the district template header as CSV.
func DistrictCSV(w io.Writer, m *model.Model) error {
	return writeCSV(w, func(cw *csv.Writer) { cw.Write(safetext.CSVRecord(DistrictHeader(m, true))) })
}

func writeCSV(w io.Writer, fill func(*csv.Writer)) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.Comma = ';'
	cw.UseCRLF = true
	fill(cw)
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
