package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// WriteSchoolXLSX writes the school report as a workbook: «Итог» (identity,
// points and levels, radar chart), «Дефициты», «План», «Показатели»,
// «Проблемы». Levels and gaps are coloured by conditional formatting.
func WriteSchoolXLSX(w io.Writer, m *model.Model, r *scoring.Explained) error {
	v := newSchoolView(m, r)
	f := excelize.NewFile()
	defer f.Close()
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	// «Итог»
	it := &xlsxSheet{f: f, name: "Итог"}
	f.SetSheetName("Sheet1", it.name)
	it.put("Результаты самодиагностики: " + v.Title)
	it.put("Наименование ОО", v.Name)
	it.put("Код ОО", v.Code)
	it.put("Муниципалитет", v.Municipality)
	it.put("Профиль школы", v.Profile)
	it.put("Файл ответов", v.Source)
	it.put("Модель", ModelTitle(v.Model))
	it.put("Источник модели", v.Model.Source)
	it.put()
	head := it.row + 1
	it.put("Компонент", "Вид", "Баллы", "Макс.", "%", "Уровень", "Понижен критическим", "Пороги уровней для профиля школы")
	for _, c := range v.Components {
		it.put(c.Title, c.Kind, c.Points, c.Max, c.PercentValue, c.LevelTitle, yesNo(c.CriticalApplied), c.Thresholds)
	}
	last := it.row
	it.put("Итог", "", v.Total.Points, v.Total.Max, v.Total.PercentValue, v.Total.LevelTitle, yesNo(v.Total.CriticalApplied), v.Total.Thresholds)
	it.put()
	it.put("Следующий уровень", v.Plan.Summary)
	if it.err != nil {
		return it.err
	}
	f.SetCellStyle(it.name, "A1", "A1", title)
	f.SetCellStyle(it.name, cellName(1, head), cellName(7, head), bold)
	f.SetCellStyle(it.name, cellName(1, it.row-2), cellName(7, it.row-2), bold)
	f.SetColWidth(it.name, "A", "A", 30)
	f.SetColWidth(it.name, "B", "B", 28)
	f.SetColWidth(it.name, "F", "F", 16)
	if err := levelFormats(f, it.name, fmt.Sprintf("F%d:F%d", head+1, last+1), m.Levels); err != nil {
		return err
	}
	ref := sheetRef(it.name)
	if err := f.AddChart(it.name, "I2", &excelize.Chart{
		Type: excelize.Radar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("%s!$E$%d", ref, head),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", ref, head+1, last),
			Values:     fmt.Sprintf("%s!$E$%d:$E$%d", ref, head+1, last),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Процент от максимума по компонентам"}}},
		Dimension: excelize.ChartDimension{Width: 520, Height: 380},
		Legend:    excelize.ChartLegend{Position: "none"},
	}); err != nil {
		return err
	}

	// «Дефициты»
	df := &xlsxSheet{f: f, name: "Дефициты"}
	f.NewSheet(df.name)
	df.put("Компонент", "№", "Показатель", "Критический", "Ответ", "Баллы", "Макс.", "Разрыв", "Цель (ответ на максимум)")
	for _, c := range v.Components {
		for _, d := range c.Deficits {
			df.put(c.Title, d.ID, d.Text, yesNo(d.Critical), d.Answer, d.Points, d.Max, d.Gap, d.Target)
		}
	}
	f.SetCellStyle(df.name, "A1", "I1", bold)
	f.SetColWidth(df.name, "A", "A", 26)
	f.SetColWidth(df.name, "C", "C", 60)
	f.SetColWidth(df.name, "I", "I", 30)
	if df.row > 1 {
		f.SetCellStyle(df.name, "C2", fmt.Sprintf("C%d", df.row), wrap)
		gapBars(f, df.name, fmt.Sprintf("H2:H%d", df.row))
		critical, _ := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
		f.SetConditionalFormat(df.name, fmt.Sprintf("D2:D%d", df.row), []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: "==", Format: &critical, Value: `"да"`}})
	}

	// «План»
	pl := &xlsxSheet{f: f, name: "План"}
	f.NewSheet(pl.name)
	pl.put("Итог", v.Plan.Summary)
	pl.put()
	pl.put("Шаг", "№", "Показатель", "Компонент", "Блокирует уровень", "Сейчас", "Баллы", "Цель", "Баллы после", "+ баллов")
	stepsHead := pl.row
	for i, s := range v.Plan.Steps {
		pl.put(i+1, s.ID, s.Text, s.ComponentTitle, yesNo(s.Blocking), s.Answer, s.Points, s.Target, s.TargetPoints, s.Gain)
	}
	pl.put()
	pl.put("Компонент", "Следующий уровень")
	compHead := pl.row
	for _, c := range v.Components {
		pl.put(c.Title, c.Plan)
	}
	f.SetCellStyle(pl.name, cellName(1, stepsHead), cellName(10, stepsHead), bold)
	f.SetCellStyle(pl.name, cellName(1, compHead), cellName(2, compHead), bold)
	f.SetColWidth(pl.name, "A", "A", 26)
	f.SetColWidth(pl.name, "C", "C", 50)

	// «Показатели»
	in := &xlsxSheet{f: f, name: "Показатели"}
	f.NewSheet(in.name)
	in.put("Компонент", "№", "Показатель", "Критический", "Ответ", "Состояние", "Баллы", "Макс.", "Разрыв")
	for _, c := range v.Components {
		for _, iv := range c.Indicators {
			in.put(c.Title, iv.ID, iv.Text, yesNo(iv.Critical), iv.Answer, orDash(iv.Status, "учтён"), iv.Points, iv.Max, iv.Gap)
		}
	}
	f.SetCellStyle(in.name, "A1", "I1", bold)
	f.SetColWidth(in.name, "A", "A", 26)
	f.SetColWidth(in.name, "C", "C", 60)
	f.SetPanes(in.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if in.row > 1 {
		gapBars(f, in.name, fmt.Sprintf("I2:I%d", in.row))
		f.AutoFilter(in.name, fmt.Sprintf("A1:I%d", in.row), nil)
	}

	// «Проблемы»
	pr := &xlsxSheet{f: f, name: "Проблемы"}
	f.NewSheet(pr.name)
	pr.put("Проблемы в данных")
	for _, p := range v.Problems {
		pr.put(p)
	}
	if len(v.Notices) > 0 {
		pr.put("")
		pr.put("Замечания (на баллы не влияют)")
		for _, p := range v.Notices {
			pr.put(p)
		}
	}
	f.SetCellStyle(pr.name, "A1", "A1", bold)
	f.SetColWidth(pr.name, "A", "A", 120)
	for _, sh := range []*xlsxSheet{df, pl, in, pr} {
		if sh.err != nil {
			return sh.err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// gapBars shades gap cells red by size.
func gapBars(f *excelize.File, sheet, rng string) {
	f.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{{
		Type: "2_color_scale", Criteria: "=", MinType: "num", MinValue: "0", MaxType: "max", MinColor: "#FFFFFF", MaxColor: "#F8696B",
	}})
}
