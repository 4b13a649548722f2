package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/xlsxprint"
)

// WriteSchoolXLSX writes the school report as a workbook: «Итог» (identity,
// points and levels, thresholds, peers' means, radar chart), «Дефициты»,
// «План», «Показатели», «Проблемы». Levels and gaps are coloured by
// conditional formatting; every sheet prints landscape, one page wide.
func WriteSchoolXLSX(w io.Writer, m *model.Model, r *School) error {
	v := newSchoolView(m, r)
	l := v.L
	f := newWorkbook()
	defer f.Close()
	styles, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	styles.lang = m.Lang()
	it, err := schoolTotalSheet(f, styles, m, v)
	if err != nil {
		return err
	}
	sheets := []*xlsxSheet{it, schoolDeficitsSheet(f, styles, v), schoolPlanSheet(f, styles, v)}
	// «Мероприятия»: the measures table of the programme's action plan.
	ms := newSheet(f, styles, l.T("Мероприятия"))
	ms.blocks(schoolMeasures(v).Blocks)
	sheets = append(sheets, ms)
	// «Изменения», when compared with the previous self-diagnosis.
	if ch := v.Change; ch != nil {
		cs := newSheet(f, styles, l.T("Изменения"))
		cs.blocks(schoolChange(l, ch).Blocks)
		sheets = append(sheets, cs)
	}
	sheets = append(sheets, schoolIndicatorsSheet(f, styles, v))
	pr := newSheet(f, styles, l.T("Проблемы"))
	pr.blocks(schoolProblems(v).Blocks)
	if err := finishAll(styles, append(sheets, pr)...); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return xlsxprint.Write(f, w)
}

// schoolTotalSheet is «Итог»: identity, points and levels, thresholds,
// peers' means and the radar.
func schoolTotalSheet(f *excelize.File, styles *xlsxStyles, m *model.Model, v *schoolView) (*xlsxSheet, error) {
	l := v.L
	it := newSheet(f, styles, l.T("Итог"))
	it.blocks(schoolIdentity(m, v).Blocks)
	it.header(l.T("Компонент"), l.T("Вид"), l.T("Баллы"), l.T("Макс."), "%", l.T("Уровень"), l.T("Понижен критическим"), l.T("Пороги уровней для профиля школы"))
	first := it.row + 1
	for _, c := range v.Components {
		it.put(c.Title, c.Kind, c.Points, c.Max, c.PercentValue, c.LevelTitle, yesNo(l, c.CriticalApplied), cmp.Or(c.Thresholds, l.T("нет применимых показателей")))
	}
	total := it.row + 1
	it.put(l.T("Итог"), "", v.Total.Points, v.Total.Max, v.Total.PercentValue, v.Total.LevelTitle, yesNo(l, v.Total.CriticalApplied), v.Total.Thresholds)
	it.put()
	it.label(l.T("План перехода на следующий уровень"), l.T("на листе «План»: какие показатели улучшить и до какого ответа"))
	it.put()

	// The chart's data, a table of its own: the school's percent beside
	// each level's threshold and the peers' means.
	compare := []any{l.T("Компонент"), capitalized(m.Respondent.One) + ", %"}
	for _, l := range m.Levels[1:] {
		compare = append(compare, v.L.T("Порог «%s», %%", l.Title))
	}
	if v.Peers {
		compare = append(compare, l.T("Среднее по всем (%s), %%", m.Respondent.Many))
	}
	if v.MunicipalPeers {
		compare = append(compare, l.T("Среднее по «%s», %%", v.PeerMunicipality))
	}
	if v.Peers {
		it.put(l.T(PeersHeading))
	}
	it.subheader(compare...)
	cmpHead := it.row
	for _, c := range v.Components {
		cells := []any{c.Title, c.PercentValue}
		for _, l := range m.Levels[1:] {
			var p any // no threshold: the level is out of reach
			for _, mk := range c.Marks {
				if mk.Title == l.Title {
					p = math.Round(mk.Percent*10) / 10
				}
			}
			cells = append(cells, p)
		}
		if v.Peers {
			cells = append(cells, c.DistrictValue)
		}
		if v.MunicipalPeers {
			cells = append(cells, c.MunicipalValue)
		}
		it.put(cells...)
	}
	cmpLast := it.row
	if it.err != nil {
		return nil, it.err
	}
	f.SetCellStyle(it.name, "A1", "A1", styles.title)
	f.SetCellStyle(it.name, cellName(1, total), cellName(8, total), styles.header)
	if err := levelFormats(f, it.name, fmt.Sprintf("F%d:F%d", first, total), m.Levels); err != nil {
		return nil, err
	}
	table := radarTable{sheet: it.name, head: cmpHead, first: cmpHead + 1, last: cmpLast}
	lines := []excelize.ChartSeries{table.series(2, "1F4E79", false)}
	for i := range m.Levels[1:] {
		lines = append(lines, table.series(3+i, markColor(i, len(m.Levels)-1), true))
	}
	if v.Peers {
		lines = append(lines, table.series(2+len(m.Levels), "7F7F7F", false))
	}
	it.chartOnNewPage(cellName(1, cmpLast+2), radarChart(l.T("Процент от максимума по компонентам и пороги уровней"), lines, 760, 440))

	return it, nil
}

// schoolDeficitsSheet is «Дефициты», the gaps as data bars, critical ones
// marked.
func schoolDeficitsSheet(f *excelize.File, styles *xlsxStyles, v *schoolView) *xlsxSheet {
	l := v.L
	df := newSheet(f, styles, l.T("Дефициты"))
	head := []any{l.T("Компонент"), l.T("№"), l.T("Показатель"), l.T("Критический"), l.T("Ответ"), l.T("Баллы"), l.T("Макс."), l.T("Разрыв"), l.T("Цель (ответ на максимум)"), l.T("Типовые меры (из модели)")}
	if v.HasComments {
		head = append(head, l.T(CommentHeading)) // last: the bars and marks keep their columns
	}
	df.header(head...)
	for _, c := range v.Components {
		for _, d := range c.Deficits {
			row := []any{c.Title, d.ID, d.Text, yesNo(l, d.Critical), d.Answer, d.Points, d.Max, d.Gap, d.Target, strings.Join(d.Measures, "\n")}
			if v.HasComments {
				row = append(row, d.Comment)
			}
			df.put(row...)
		}
	}
	if df.row > 1 {
		gapBars(f, df.name, fmt.Sprintf("H2:H%d", df.row))
		critical, _ := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
		f.SetConditionalFormat(df.name, fmt.Sprintf("D2:D%d", df.row), []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: "==", Format: &critical, Value: strconv.Quote(v.L.T("да"))}})
	}

	return df
}

// schoolPlanSheet is «План»: the steps to the next level.
func schoolPlanSheet(f *excelize.File, styles *xlsxStyles, v *schoolView) *xlsxSheet {
	l := v.L
	pl := newSheet(f, styles, l.T("План"))
	pl.header(l.T("Шаг"), l.T("№"), l.T("Показатель"), l.T("Компонент"), l.T("Блокирует уровень"), l.T("Сейчас"), l.T("Баллы"), l.T("Цель"), l.T("Баллы после"), l.T("+ баллов"))
	for i, s := range v.Plan.Steps {
		pl.put(i+1, s.ID, s.Text, s.ComponentTitle, yesNo(l, s.Blocking), s.Answer, s.Points, s.Target, s.TargetPoints, s.Gain)
	}
	pl.put()
	pl.put(l.T("Итог"), "", v.Plan.Summary)
	for _, c := range v.Components {
		pl.put(c.Title, "", c.Plan)
	}

	return pl
}

// schoolIndicatorsSheet is «Показатели»: every answer, filterable.
func schoolIndicatorsSheet(f *excelize.File, styles *xlsxStyles, v *schoolView) *xlsxSheet {
	l := v.L
	in := newSheet(f, styles, l.T("Показатели"))
	head := []any{l.T("Компонент"), l.T("№"), l.T("Показатель"), l.T("Критический"), l.T("Ответ"), l.T("Состояние"), l.T("Баллы"), l.T("Макс."), l.T("Разрыв")}
	if v.HasComments {
		head = append(head, l.T(CommentHeading))
	}
	in.header(head...)
	for _, c := range v.Components {
		for _, iv := range c.Indicators {
			row := []any{c.Title, iv.ID, iv.Text, yesNo(l, iv.Critical), iv.Answer, orDash(iv.Status, l.T("учтён")), iv.Points, iv.Max, iv.Gap}
			if v.HasComments {
				row = append(row, iv.Comment)
			}
			in.put(row...)
		}
	}
	if in.row > 1 {
		gapBars(f, in.name, fmt.Sprintf("I2:I%d", in.row))
		f.AutoFilter(in.name, "A1:"+cellName(len(head), in.row), nil)
	}

	return in
}

// markLines colour threshold lines, low level to high: darker shades of
// the level fills, readable as thin lines.
var markLines = []string{"C0504D", "C98A00", "3A7D22"}

// markColor colours the i-th of n level thresholds, low to high.
func markColor(i, n int) string {
	return markLines[min(i*len(markLines)/max(n, 1), len(markLines)-1)]
}

// radarTable is a table a radar chart draws: categories in column A of
// rows first..last, series names in the header row.
type radarTable struct {
	sheet             string
	head, first, last int
}

// series is column col of the table as a line: solid for a school or a
// mean, dashed for a threshold.
func (t radarTable) series(col int, color string, dash bool) excelize.ChartSeries {
	ref := sheetRef(t.sheet)
	name, _ := excelize.ColumnNumberToName(col)
	s := excelize.ChartSeries{
		Name:       fmt.Sprintf("%s!$%s$%d", ref, name, t.head),
		Categories: fmt.Sprintf("%s!$A$%d:$A$%d", ref, t.first, t.last),
		Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", ref, name, t.first, name, t.last),
		Line:       excelize.LineOptions{Width: 2.25, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}},
		Marker:     excelize.ChartMarker{Symbol: "none"},
	}
	if dash {
		s.Line.Dash = excelize.LineDashDash
		s.Line.Width = 1.25
	}
	return s
}

// radarChart is a radar of percents on a fixed 0–100 scale, so schools and
// years compare by eye, with the legend below the plot.
func radarChart(title string, series []excelize.ChartSeries, width, height uint) *excelize.Chart {
	lo, hi := 0.0, 100.0
	return &excelize.Chart{
		Type:   excelize.Radar,
		Series: series,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Size: 12, Bold: true}}}},
		XAxis:  excelize.ChartAxis{Font: excelize.Font{Size: 9, Color: axisColor}},
		YAxis: excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorUnit: 25, MajorGridLines: true,
			Font: excelize.Font{Size: 8, Color: axisColor}},
		Dimension: excelize.ChartDimension{Width: width, Height: height},
		Legend:    excelize.ChartLegend{Position: "bottom"},
	}
}

// gapBars shades gap cells red by size.
func gapBars(f *excelize.File, sheet, rng string) {
	f.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{{
		Type: "2_color_scale", Criteria: "=", MinType: "num", MinValue: "0", MaxType: "max", MinColor: "#FFFFFF", MaxColor: "#F8696B",
	}})
}

// axisColor is the charts' axis labels: dark, readable in print.
const axisColor = "262626"
