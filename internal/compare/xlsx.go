package compare

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/xlsxprint"
	"github.com/xuri/excelize/v2"
)

// xsheet writes rows to one sheet.
type xsheet struct {
	lang lang.Lang
	f    *excelize.File
	name string
	row  int
	err  error
	head int // style of header rows
}

func (s *xsheet) put(values ...any) {
	s.row++
	if s.err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	values = xlsxprint.FitCells(values, s.lang)
	s.err = s.f.SetSheetRow(s.name, cell, &values)
}

func (s *xsheet) header(values ...any) {
	s.put(values...)
	if s.err != nil {
		return
	}
	last, _ := excelize.CoordinatesToCellName(len(values), s.row)
	first, _ := excelize.CoordinatesToCellName(1, s.row)
	s.err = s.f.SetCellStyle(s.name, first, last, s.head)
}

func (s *xsheet) finish(widths ...float64) error {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := s.f.SetColWidth(s.name, col, col, w); err != nil {
			return err
		}
	}
	if s.err != nil {
		return s.err
	}
	return xlsxprint.Setup(s.f, s.name, xlsxprint.Page{HeaderTo: 1, Lang: s.lang})
}

// WriteXLSX writes the comparison as a workbook: «Сводка» (sides,
// transitions, means then and now with a chart), «Школы» (a row per
// school), «Дефициты», «Понизили уровень» and, when grouped,
// «Муниципалитеты».
func WriteXLSX(w io.Writer, rep *Report, titles Titles) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := xlsxprint.MarkResults(f); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}})
	if err != nil {
		return err
	}
	sheet := func(name string) *xsheet {
		if f.SheetCount == 1 && f.GetSheetName(0) == "Sheet1" {
			f.SetSheetName("Sheet1", name)
		} else {
			f.NewSheet(name)
		}
		return &xsheet{f: f, name: name, head: head, lang: titles.L}
	}
	for _, write := range []func(*excelize.File, func(string) *xsheet, *Report, Titles) error{overviewSheet, schoolsSheet, districtSheets} {
		if err := write(f, sheet, rep, titles); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return xlsxprint.Write(f, w)
}

// overviewSheet is «Сводка»: the sides, the means then and now with a
// chart, the level transitions.
func overviewSheet(f *excelize.File, sheet func(string) *xsheet, rep *Report, titles Titles) error {
	l, u := titles.L, titles.Units
	name := l.T("Сводка")
	ref := "'" + strings.ReplaceAll(name, "'", "''") + "'"
	sv := sheet(name)
	d := rep.District
	sv.put(l.T(documentTitle))
	sv.put(l.T("Было"), modelName(l, rep.Old.Model), u.Counted(), rep.Old.Schools)
	sv.put(l.T("Стало"), modelName(l, rep.New.Model), u.Counted(), rep.New.Schools)
	if ic := rep.Indicators; len(ic.OnlyOld)+len(ic.OnlyNew)+len(ic.MaxChanged) > 0 {
		var mc []string
		for _, x := range ic.MaxChanged {
			mc = append(mc, fmt.Sprintf("%s: %d → %d", x.ID, x.OldMax, x.NewMax))
		}
		sv.put(l.T("Модели различаются"), l.T("только в прежней: %s; только в новой: %s; изменился максимум: %s",
			strings.Join(ic.OnlyOld, ", "), strings.Join(ic.OnlyNew, ", "), strings.Join(mc, ", ")))
	}
	sv.put()
	sv.header(l.T("Средний процент"), l.T("Было, %"), l.T("Стало, %"), l.T("Изменение"))
	meansFrom := sv.row + 1
	for _, c := range append([]ComponentMeans{d.Total}, d.Components...) {
		sv.put(c.Title, num(c.Old), num(c.New), diff(c.Old, c.New))
	}
	meansTo := sv.row
	sv.put()
	sv.header(l.T("Переход уровней: было → стало"), u.Counted())
	for _, t := range d.Transitions {
		sv.put(titles.level(true, t.From)+" → "+titles.level(false, t.To), t.Schools)
	}
	if sv.err == nil && meansTo > meansFrom {
		series := []excelize.ChartSeries{}
		for i, side := range []string{l.T("Было"), l.T("Стало")} {
			col := string(rune('B' + i))
			series = append(series, excelize.ChartSeries{Name: side,
				Categories: fmt.Sprintf("%s!$A$%d:$A$%d", ref, meansFrom, meansTo),
				Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", ref, col, meansFrom, col, meansTo),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{[]string{"BFBFBF", "404040"}[i]}}})
		}
		sv.err = f.AddChart(name, fmt.Sprintf("F%d", meansFrom-1), &excelize.Chart{Type: excelize.Bar, Series: series,
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: l.T("Средний процент от максимума: было и стало")}}},
			XAxis:  excelize.ChartAxis{ReverseOrder: true},
			YAxis:  excelize.ChartAxis{Maximum: ptr(100.0), Minimum: ptr(0.0)},
			Legend: excelize.ChartLegend{Position: "bottom"}, Dimension: excelize.ChartDimension{Width: 640, Height: 420}})
	}
	return sv.finish(30, 12, 12, 12)

}

// schoolsSheet is «Школы»: a row per school, filterable.
func schoolsSheet(f *excelize.File, sheet func(string) *xsheet, rep *Report, titles Titles) error {
	l, u := titles.L, titles.Units
	r := u.Respondent()
	name := u.Plural()
	sc := sheet(name)
	head := []any{r.Code.Title, r.Name.Title, u.Group()}
	for _, h := range []string{"Сопоставление", "Было: баллы", "Было: макс.", "Было: %", "Было: уровень",
		"Стало: баллы", "Стало: макс.", "Стало: %", "Стало: уровень", "Изменение уровня", "Закрыто дефицитов", "Осталось", "Новых",
		"Критические исправлены", "Критические новые", "Цель плана достигнута"} {
		head = append(head, l.T(h))
	}
	sc.header(head...)
	matchTitle := map[string]string{MatchBoth: l.T("в обеих"), MatchOnlyOld: l.T("только прежняя"), MatchOnlyNew: l.T("только новая")}
	for _, s := range rep.Schools {
		row := []any{s.School.Code, s.School.Name, s.School.Municipality, matchTitle[s.Match]}
		row = append(row, tallyAny(s.Total.Old, titles, true)...)
		row = append(row, tallyAny(s.Total.New, titles, false)...)
		var change, reached any = "", ""
		if s.Total.LevelChange != nil {
			change = *s.Total.LevelChange
		}
		if s.PlanReached != nil {
			reached = reachedText(l, s.PlanReached)
		}
		row = append(row, change, len(s.DeficitsClosed), len(s.DeficitsPersisting), len(s.DeficitsNew),
			strings.Join(s.CriticalFixed, ", "), strings.Join(s.CriticalNew, ", "), reached)
		sc.put(row...)
	}
	if sc.err == nil && sc.row > 1 {
		sc.err = f.AutoFilter(name, fmt.Sprintf("A1:S%d", sc.row), nil)
	}
	return sc.finish(10, 36, 22, 14, 8, 8, 8, 14, 8, 8, 8, 14, 10, 10, 10, 10, 14, 14, 12)

}

// districtSheets are «Дефициты», «Понизили уровень» and, when grouped,
// «Муниципалитеты».
func districtSheets(_ *excelize.File, sheet func(string) *xsheet, rep *Report, titles Titles) error {
	l, u := titles.L, titles.Units
	r := u.Respondent()
	d := rep.District
	df := sheet(l.T("Дефициты"))
	df.header(l.T("№"), l.T("Показатель"), u.Say("Было школ", "Было"), u.Say("Стало школ", "Стало"), l.T("Закрыли"), l.T("Новые"))
	for _, x := range d.Deficits {
		df.put(x.ID, cmp.Or(x.Title, titles.Indicators[x.ID]), x.OldSchools, x.NewSchools, x.Closed, x.New)
	}
	if err := df.finish(8, 60, 10, 10, 10, 10); err != nil {
		return err
	}

	fl := sheet(l.T("Понизили уровень"))
	fl.header(r.Code.Title, r.Name.Title, u.Group(), l.T("Было"), l.T("Стало"), l.T("Причины"))
	for _, x := range d.Fallers {
		fl.put(x.School.Code, x.School.Name, x.School.Municipality, titles.level(true, x.From), titles.level(false, x.To), strings.Join(x.Reasons, "\n"))
	}
	if err := fl.finish(10, 36, 22, 14, 14, 70); err != nil {
		return err
	}

	if len(d.Municipalities) == 0 {
		return nil
	}
	mu := sheet(u.Groups())
	mu.header(u.Group(), l.T("%s было", u.Counted()), l.T("%s стало", u.Counted()), l.T("Средний % было"), l.T("Средний % стало"), l.T("Выше"), l.T("Так же"), l.T("Ниже"))
	for _, m := range d.Municipalities {
		mu.put(m.Name, m.Schools.Old, m.Schools.New, num(m.Total.Old), num(m.Total.New), m.Moved.Up, m.Moved.Same, m.Moved.Down)
	}
	return mu.finish(30, 10, 10, 12, 12, 8, 8, 8)
}

func ptr[T any](v T) *T { return &v }

func num(v *float64) any {
	if v == nil {
		return ""
	}
	return *v
}

func diff(a, b *float64) any {
	if a == nil || b == nil {
		return ""
	}
	return math.Round((*b-*a)*10) / 10
}

func tallyAny(t *Tally, titles Titles, old bool) []any {
	if t == nil {
		return []any{"", "", "", ""}
	}
	return []any{t.Points, t.Max, t.Percent, titles.level(old, t.Level)}
}
