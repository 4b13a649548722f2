package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// Level fills, low to high; each level also keeps its name in the cell, so
// the sheet reads in greyscale print too.
var levelFills = []string{"F4B6B6", "FBE3A6", "CFE8B4", "8FCB8F"}

// sheetRef quotes a sheet name for use in a formula or chart reference.
func sheetRef(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

type xlsxSheet struct {
	f    *excelize.File
	name string
	row  int
	err  error
}

func (s *xlsxSheet) put(values ...any) {
	s.row++
	if s.err == nil {
		s.err = s.f.SetSheetRow(s.name, cellName(1, s.row), &values)
	}
}

// levelFormats adds one conditional format per level to the range.
func levelFormats(f *excelize.File, sheet, rng string, levels []model.Level) error {
	for i, l := range levels {
		fill := levelFills[min(i*len(levelFills)/max(len(levels), 1), len(levelFills)-1)]
		style, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}})
		if err != nil {
			return err
		}
		if err := f.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{{
			Type: "cell", Criteria: "==", Format: &style, Value: `"` + l.Title + `"`,
		}}); err != nil {
			return err
		}
	}
	return nil
}

// WriteSummaryXLSX writes the summary workbook: «Сводка» with charts,
// «Школы», «Дефициты», «Ниже базового», «Ошибки» and, when grouped,
// «Муниципалитеты».
func WriteSummaryXLSX(w io.Writer, s *summary.Summary) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	// «Сводка»
	sv := &xlsxSheet{f: f, name: "Сводка"}
	f.SetSheetName("Sheet1", sv.name)
	c := s.Counts
	sv.put("Сводка самодиагностики")
	sv.put("Модель", ModelID(s.Model))
	sv.put("Источник модели", s.Model.Source)
	sv.put("Школ учтено", c.Schools)
	sv.put("Файлов", c.Files)
	sv.put("С проблемами в данных", c.WithProblems)
	sv.put("Неполные ответы", c.Incomplete)
	sv.put("Не прочитано файлов", c.Failed)
	sv.put("Повторы (не учтены)", c.Duplicates)
	sv.put()
	sv.put("Уровень", "Школ", "Доля, %")
	for _, l := range s.Stats.Levels {
		sv.put(l.Title, l.Count, sharePercent(l.Share))
	}
	sv.put()
	compHeader := sv.row + 1
	head := []any{"Компонент", "Средний %"}
	for _, l := range s.Levels {
		head = append(head, l.Title)
	}
	sv.put(head...)
	for _, cs := range s.Stats.Components {
		row := []any{cs.Title, cs.MeanPercent}
		for _, l := range cs.Levels {
			row = append(row, l.Count)
		}
		sv.put(row...)
	}
	compLast := sv.row
	f.SetCellStyle(sv.name, "A1", "A1", bold)
	f.SetCellStyle(sv.name, cellName(1, compHeader), cellName(len(head), compHeader), bold)
	f.SetColWidth(sv.name, "A", "A", 30)
	f.SetColWidth(sv.name, "B", "B", 14)
	if sv.err != nil {
		return sv.err
	}
	ref := sheetRef(sv.name)
	categories := fmt.Sprintf("%s!$A$%d:$A$%d", ref, compHeader+1, compLast)
	var series []excelize.ChartSeries
	for i := range s.Levels {
		col, _ := excelize.ColumnNumberToName(3 + i)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", ref, col, compHeader),
			Categories: categories,
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", ref, col, compHeader+1, col, compLast),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{levelFills[min(i, len(levelFills)-1)]}},
		})
	}
	if err := f.AddChart(sv.name, "H2", &excelize.Chart{
		Type: excelize.BarStacked, Series: series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Уровни школ по компонентам"}}},
		Dimension: excelize.ChartDimension{Width: 640, Height: 360},
		Legend:    excelize.ChartLegend{Position: "bottom"},
	}); err != nil {
		return err
	}
	if err := f.AddChart(sv.name, "H22", &excelize.Chart{
		Type: excelize.Radar,
		Series: []excelize.ChartSeries{{
			Name: fmt.Sprintf("%s!$B$%d", ref, compHeader), Categories: categories,
			Values: fmt.Sprintf("%s!$B$%d:$B$%d", ref, compHeader+1, compLast),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Средний процент по компонентам"}}},
		Dimension: excelize.ChartDimension{Width: 480, Height: 360},
		Legend:    excelize.ChartLegend{Position: "none"},
	}); err != nil {
		return err
	}

	// «Школы»
	sc := &xlsxSheet{f: f, name: "Школы"}
	f.NewSheet(sc.name)
	head = []any{"Файл", "Строка", "Наименование ОО", "Код ОО", "Муниципалитет", "Баллы", "Макс", "%", "Уровень"}
	for _, c := range s.Components {
		head = append(head, c.Title+", %", c.Title)
	}
	head = append(head, "Дефицитов", "Критические с 0 баллов", "Неполные", "Проблем")
	sc.put(head...)
	for _, r := range s.Schools {
		row := []any{r.Source, nilIfZero(r.Row), r.Name, r.Code, r.Municipality, r.Points, r.Max, r.Percent, r.LevelTitle}
		for _, cc := range r.Components {
			row = append(row, cc.Percent, levelTitle(s, cc.Level))
		}
		row = append(row, r.Deficits, strings.Join(r.CriticalFailures, ", "), yesNo(r.Incomplete), r.Problems)
		sc.put(row...)
	}
	if sc.err != nil {
		return sc.err
	}
	last := max(sc.row, 2)
	f.SetCellStyle(sc.name, "A1", cellName(len(head), 1), bold)
	f.SetPanes(sc.name, &excelize.Panes{Freeze: true, YSplit: 1, XSplit: 3, TopLeftCell: "D2", ActivePane: "bottomRight"})
	f.AutoFilter(sc.name, "A1:"+cellName(len(head), last), nil)
	if err := levelFormats(f, sc.name, fmt.Sprintf("I2:%s", cellName(9+2*len(s.Components), last)), s.Levels); err != nil {
		return err
	}

	// «Дефициты»
	df := &xlsxSheet{f: f, name: "Дефициты"}
	f.NewSheet(df.name)
	df.put("№", "Компонент", "Показатель", "Критический", "Школ с дефицитом", "Применим к школам", "Доля, %")
	titles := map[string]string{}
	for _, c := range s.Components {
		titles[c.ID] = c.Title
	}
	for _, d := range s.Stats.Deficits {
		df.put(d.Indicator, titles[d.Component], d.Title, yesNo(d.Critical), d.Schools, d.Applicable, sharePercent(d.Share))
	}
	f.SetCellStyle(df.name, "A1", "G1", bold)
	f.SetColWidth(df.name, "C", "C", 60)
	if df.row > 1 {
		f.SetConditionalFormat(df.name, fmt.Sprintf("G2:G%d", df.row), []excelize.ConditionalFormatOptions{{
			Type: "data_bar", Criteria: "=", MinType: "num", MinValue: "0", MaxType: "num", MaxValue: "100", BarColor: "#D9534F",
		}})
	}

	// «Ниже базового»
	bb := &xlsxSheet{f: f, name: "Ниже базового"}
	f.NewSheet(bb.name)
	bb.put("Наименование ОО", "Код ОО", "Муниципалитет", "Файл", "Баллы", "Макс", "%", "Причины")
	for _, b := range s.Stats.BelowBase {
		bb.put(b.Name, b.Code, b.Municipality, b.Source, b.Points, b.Max, b.Percent, strings.Join(b.Reasons, "\n"))
	}
	f.SetCellStyle(bb.name, "A1", "H1", bold)
	f.SetColWidth(bb.name, "A", "A", 40)
	f.SetColWidth(bb.name, "H", "H", 80)
	if bb.row > 1 {
		f.SetCellStyle(bb.name, "H2", fmt.Sprintf("H%d", bb.row), wrap)
	}

	// «Ошибки»
	er := &xlsxSheet{f: f, name: "Ошибки"}
	f.NewSheet(er.name)
	er.put("Вид", "Школа", "Где", "Что не так")
	for _, x := range s.Failures {
		er.put("файл не прочитан", "", x.File, x.Message)
	}
	for _, x := range s.Empty {
		er.put("пустой шаблон (не учтён)", "", x.File, x.Message)
	}
	for _, n := range s.MunicipalityNotes {
		er.put("муниципалитеты", "", "", n)
	}
	for _, x := range s.Duplicates {
		er.put("повтор школы (не учтена)", x.School, x.Source, "учтена: "+cmp.Or(x.FirstSource, "ни одна подача")+" (совпадает "+x.By+"; "+x.Reason+")")
	}
	for _, x := range s.Problems {
		er.put("проблема в данных", x.School, x.Location, x.Message)
	}
	if n := s.Counts.Problems - len(s.Problems); n > 0 {
		er.put("", "", "", fmt.Sprintf("и ещё проблем: %d (список ограничен %d строками)", n, summary.MaxProblems))
	}
	f.SetCellStyle(er.name, "A1", "D1", bold)
	f.SetColWidth(er.name, "B", "C", 40)
	f.SetColWidth(er.name, "D", "D", 100)

	// «Муниципалитеты»
	if len(s.Municipalities) > 0 {
		mu := &xlsxSheet{f: f, name: "Муниципалитеты"}
		f.NewSheet(mu.name)
		head := []any{"Муниципалитет", "Школ"}
		for _, l := range s.Levels {
			head = append(head, l.Title)
		}
		for _, c := range s.Components {
			head = append(head, c.Title+", ср. %")
		}
		mu.put(head...)
		for _, m := range s.Municipalities {
			row := []any{m.Name, m.Stats.Schools}
			for _, l := range m.Stats.Levels {
				row = append(row, l.Count)
			}
			for _, c := range m.Stats.Components {
				row = append(row, c.MeanPercent)
			}
			mu.put(row...)
		}
		f.SetCellStyle(mu.name, "A1", cellName(len(head), 1), bold)
		f.SetColWidth(mu.name, "A", "A", 34)
		if mu.err != nil {
			return mu.err
		}
	}
	for _, sh := range []*xlsxSheet{df, bb, er} {
		if sh.err != nil {
			return sh.err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func nilIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// sharePercent is a share (0..1, to 0.001) in percent to one decimal, as
// the number a cell stores: 0.333 is 33.3, not 33.300000000000004.
func sharePercent(share float64) float64 { return math.Round(share*1000) / 10 }
