package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/xlsxprint"
	"github.com/xuri/excelize/v2"
)

// Level fills, low to high (the four of a four-level model); each level
// also keeps its name in the cell, so the sheet reads in greyscale print
// too. Other numbers of levels take chart.ShadeColors, up to seven apart.
var levelFills = []string{"F4B6B6", "FBE3A6", "CFE8B4", "8FCB8F"}

// sheetRef quotes a sheet name for use in a formula or chart reference.
func sheetRef(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// levelStyles are the cell styles that fill a percent's cell with each
// level's colour.
func levelStyles(f *excelize.File, levels []model.Level) ([]int, error) {
	var styles []int
	for i := range levels {
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &decimalFormat,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{levelFill(i, levels)}}})
		if err != nil {
			return nil, err
		}
		styles = append(styles, style)
	}
	return styles, nil
}

// levelFill is the colour of level i: the model's for it, else one of
// the palette's, distinct for up to seven levels.
func levelFill(i int, levels []model.Level) string {
	if levels[i].Color == "" && len(levels) == len(levelFills) {
		return levelFills[i]
	}
	return chart.LevelFill(i, len(levels), levels[i].Color)
}

// levelFormats adds one conditional format per level to the range.
func levelFormats(f *excelize.File, sheet, rng string, levels []model.Level) error {
	for i, l := range levels {
		fill := levelFill(i, levels)
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
// «Школы», «Уровни компонентов», «Дефициты», «Ниже базового», «Ошибки» and, when grouped,
// «Муниципалитеты» with its chart. Every sheet prints landscape, one page
// wide, its header repeated on every page.
func WriteSummaryXLSX(w io.Writer, s *summary.Summary) error {
	f := newWorkbook()
	defer f.Close()
	styles, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	styles.lang = s.Lang
	var sheets []*xlsxSheet
	for _, write := range []func(*excelize.File, *xlsxStyles, *summary.Summary) (*xlsxSheet, error){
		overviewSheet, schoolsSheet, componentLevelsSheet, deficitsSheet, belowBaseSheet, errorsSheet, municipalitiesSheet,
	} {
		sh, err := write(f, styles, s)
		if err != nil {
			return err
		}
		if sh != nil {
			sheets = append(sheets, sh)
		}
	}
	if err := finishAll(styles, sheets...); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return xlsxprint.Write(f, w)
}

// overviewSheet is «Сводка»: the note's identity, the levels, the
// components with the thresholds, their chart and radar.
func overviewSheet(f *excelize.File, styles *xlsxStyles, s *summary.Summary) (*xlsxSheet, error) {
	lg, u := s.Lang, summaryUnits(s)
	sv := newSheet(f, styles, lg.T("Сводка"))
	sv.onePage = true
	sv.title(lg.T("Сводка самодиагностики"))
	sv.blocks([]doc.Block{noteIdentity(s), doc.Paragraph{Runs: []doc.Run{doc.T(lg.T("Источник модели: %s", s.Model.Source))}}})
	sv.put()
	sv.subheader(lg.T("Уровень"), u.Counted(), lg.T("Доля, %"))
	for _, l := range s.Stats.Levels {
		sv.put(l.Title, l.Count, sharePercent(l.Share))
	}
	sv.put()
	compHeader := sv.row + 1
	head := []any{lg.T("Компонент"), lg.T("Средний %")}
	for _, l := range s.Levels {
		head = append(head, l.Title)
	}
	marksCol := len(head) + 1 // thresholds for the default profile, the radar's dashed lines
	for _, l := range s.Levels[1:] {
		head = append(head, lg.T("Порог «%s», %%", l.Title))
	}
	sv.subheader(head...)
	for i, cs := range s.Stats.Components {
		row := []any{cs.Title, cs.MeanPercent}
		for _, l := range cs.Levels {
			row = append(row, l.Count)
		}
		for l := 1; l < len(s.Levels); l++ {
			var mark any // none: the level is out of reach
			if i < len(s.ComponentMarks) && l < len(s.ComponentMarks[i]) && s.ComponentMarks[i][l] <= 100 {
				mark = math.Round(s.ComponentMarks[i][l]*10) / 10
			}
			row = append(row, mark)
		}
		sv.put(row...)
	}
	compLast := sv.row
	sv.label(lg.T("Пороги уровней"), u.say("для профиля по умолчанию (все уровни образования, без ОВЗ); у школ другого профиля пороги свои — они в отчётах школ",
		"для признаков по умолчанию; у других признаков пороги свои — они в отдельных отчётах"))
	if sv.err != nil {
		return nil, sv.err
	}
	f.SetCellStyle(sv.name, "A1", "A1", styles.title)
	sv.chart(cellName(1, sv.row+2), levelBars(sv.name, s.Levels, levelChart{
		title: u.say("Уровни школ по компонентам", "Уровни по компонентам"), header: compHeader, first: compHeader + 1, last: compLast, firstCol: 3,
	}))
	table := radarTable{sheet: sv.name, head: compHeader, first: compHeader + 1, last: compLast}
	lines := []excelize.ChartSeries{table.series(2, "1F4E79", false)}
	for i := range s.Levels[1:] {
		lines = append(lines, table.series(marksCol+i, markColor(i, len(s.Levels)-1), true))
	}
	sv.chart(cellName(len(head)+2, 2), radarChart(lg.T("Средний процент по компонентам и пороги уровней"), lines, 640, 420))
	return sv, nil
}

// schoolsSheet is «Школы»: the percents, each on its level's colour; the
// levels' names are on «Уровни компонентов», so that the list prints one
// page wide.
func schoolsSheet(f *excelize.File, styles *xlsxStyles, s *summary.Summary) (*xlsxSheet, error) {
	lg, u := s.Lang, summaryUnits(s)
	sc := newSheet(f, styles, u.Plural())
	sc.freeze = 3
	sc.rotate = true
	sc.widest = 24 // names and files wrap
	head := []any{lg.T("Файл"), lg.T("Строка"), u.r.Name.Title, u.r.Code.Title, u.Group(), lg.T("Баллы"), lg.T("Макс"), "%", lg.T("Уровень")}
	for _, c := range s.Components {
		head = append(head, c.Title+", %")
	}
	head = append(head, lg.T("Дефицитов"), lg.T("Невыполненные критические"), lg.T("Неполные"), lg.T("Проблем"))
	sc.header(head...)
	for _, r := range s.Schools {
		row := []any{r.Source, nilIfZero(r.Row), r.Name, r.Code, r.Municipality, r.Points, r.Max, r.Percent, r.LevelTitle}
		for _, cc := range r.Components {
			row = append(row, cc.Percent)
		}
		row = append(row, r.Deficits, strings.Join(r.CriticalFailures, ", "), yesNo(lg, r.Incomplete), r.Problems)
		sc.put(row...)
	}
	last := max(sc.row, 2)
	f.AutoFilter(sc.name, "A1:"+cellName(len(head), last), nil)
	if err := levelFormats(f, sc.name, fmt.Sprintf("I2:I%d", last), s.Levels); err != nil {
		return nil, err
	}
	fills, err := levelStyles(f, s.Levels)
	if err != nil {
		return nil, err
	}
	for i, r := range s.Schools {
		for j, cc := range r.Components {
			if cc.Level >= 0 && cc.Level < len(fills) {
				cell := cellName(10+j, 2+i)
				if err := f.SetCellStyle(sc.name, cell, cell, fills[cc.Level]); err != nil {
					return nil, err
				}
			}
		}
	}
	return sc, nil
}

// componentLevelsSheet is «Уровни компонентов»: each school's levels by
// name.
func componentLevelsSheet(f *excelize.File, styles *xlsxStyles, s *summary.Summary) (*xlsxSheet, error) {
	lg, u := s.Lang, summaryUnits(s)
	lv := newSheet(f, styles, lg.T("Уровни компонентов"))
	lv.freeze = 1
	lv.rotate = true
	lv.widest = 30
	head := []any{u.r.Name.Title, u.r.Code.Title, u.Group(), lg.T("Уровень")}
	for _, c := range s.Components {
		head = append(head, c.Title)
	}
	lv.header(head...)
	for _, r := range s.Schools {
		row := []any{r.Name, r.Code, r.Municipality, r.LevelTitle}
		for _, cc := range r.Components {
			row = append(row, levelTitle(s, cc.Level))
		}
		lv.put(row...)
	}
	if err := levelFormats(f, lv.name, fmt.Sprintf("D2:%s", cellName(len(head), max(lv.row, 2))), s.Levels); err != nil {
		return nil, err
	}
	f.AutoFilter(lv.name, "A1:"+cellName(len(head), max(lv.row, 2)), nil)
	return lv, nil
}

// deficitsSheet is «Дефициты»: every indicator's share of schools below
// its maximum, as data bars.
func deficitsSheet(f *excelize.File, styles *xlsxStyles, s *summary.Summary) (*xlsxSheet, error) {
	lg, u := s.Lang, summaryUnits(s)
	df := newSheet(f, styles, lg.T("Дефициты"))
	df.header(lg.T("№"), lg.T("Компонент"), lg.T("Показатель"), lg.T("Критический"), u.say("Школ с дефицитом", "С дефицитом"), u.say("Применим к школам", "Применим"), lg.T("Доля, %"))
	titles := map[string]string{}
	for _, c := range s.Components {
		titles[c.ID] = c.Title
	}
	for _, d := range s.Stats.Deficits {
		df.put(d.Indicator, titles[d.Component], d.Title, yesNo(lg, d.Critical), d.Schools, d.Applicable, sharePercent(d.Share))
	}
	if df.row > 1 {
		f.SetConditionalFormat(df.name, fmt.Sprintf("G2:G%d", df.row), []excelize.ConditionalFormatOptions{{
			Type: "data_bar", Criteria: "=", MinType: "num", MinValue: "0", MaxType: "num", MaxValue: "100", BarColor: "#D9534F",
		}})
	}
	return df, nil
}

// belowBaseSheet is «Ниже базового»: the schools at the lowest level with
// the reasons.
func belowBaseSheet(f *excelize.File, styles *xlsxStyles, s *summary.Summary) (*xlsxSheet, error) {
	lg, u := s.Lang, summaryUnits(s)
	bb := newSheet(f, styles, capitalized(s.Levels[0].Title))
	bb.header(u.r.Name.Title, u.r.Code.Title, u.Group(), lg.T("Файл"), lg.T("Баллы"), lg.T("Макс"), "%", lg.T("Причины"))
	for _, b := range s.Stats.BelowBase {
		bb.put(b.Name, b.Code, b.Municipality, b.Source, b.Points, b.Max, b.Percent, strings.Join(b.Reasons, "\n"))
	}
	if bb.row > 1 {
		f.SetCellStyle(bb.name, "H2", fmt.Sprintf("H%d", bb.row), styles.wrap)
	}
	return bb, nil
}

// errorsSheet is «Ошибки»: files not read, blank templates, spellings of
// municipalities, repeated submissions and every data problem.
func errorsSheet(f *excelize.File, styles *xlsxStyles, s *summary.Summary) (*xlsxSheet, error) {
	lg, u := s.Lang, summaryUnits(s)
	er := newSheet(f, styles, lg.T("Ошибки"))
	er.header(lg.T("Вид"), capitalized(u.r.One), lg.T("Где"), lg.T("Что не так"))
	for _, x := range s.Failures {
		er.put(lg.T("файл не прочитан"), "", x.File, x.Message)
	}
	for _, x := range s.Empty {
		er.put(lg.T("пустой шаблон (не учтён)"), "", x.File, x.Message)
	}
	for _, n := range s.MunicipalityNotes {
		er.put(u.say("муниципалитеты", "группы"), "", "", n)
	}
	for _, x := range s.Duplicates {
		er.put(u.say("повтор школы (не учтена)", "повтор (не учтён)"), x.School, x.Source,
			u.say("учтена: %s (совпадает %s; %s)", "учтено: %s (совпадает %s; %s)", cmp.Or(x.FirstSource, lg.T("ни одна подача")), x.By, x.Reason))
	}
	for _, x := range s.Problems {
		er.put(lg.T("проблема в данных"), x.School, x.Location, x.Message)
	}
	if n := s.Counts.Problems - len(s.Problems); n > 0 {
		er.put("", "", "", lg.T("и ещё проблем: %d (список ограничен %d строками)", n, summary.MaxProblems))
	}
	return er, nil
}

// municipalitiesSheet is «Муниципалитеты», when the summary is grouped:
// a row each, the means coloured, the levels charted.
func municipalitiesSheet(f *excelize.File, styles *xlsxStyles, s *summary.Summary) (*xlsxSheet, error) {
	if len(s.Municipalities) == 0 {
		return nil, nil
	}
	lg, u := s.Lang, summaryUnits(s)
	mu := newSheet(f, styles, u.Groups())
	mu.freeze = 1
	head := []any{u.Group(), u.Counted(), lg.T("Средний %, итог")}
	for _, l := range s.Levels {
		head = append(head, l.Title)
	}
	for _, c := range s.Components {
		head = append(head, c.Title+lg.T(", ср. %"))
	}
	mu.header(head...)
	for _, m := range s.Municipalities {
		row := []any{m.Name, m.Stats.Schools, m.Stats.MeanPercent}
		for _, l := range m.Stats.Levels {
			row = append(row, l.Count)
		}
		for _, c := range m.Stats.Components {
			row = append(row, c.MeanPercent)
		}
		mu.put(row...)
	}
	if mu.row > 1 {
		means := fmt.Sprintf("C2:%s", cellName(len(head), mu.row))
		f.SetConditionalFormat(mu.name, means, []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=", MinType: "num", MinValue: "0", MidType: "num", MidValue: "50",
			MaxType: "num", MaxValue: "100", MinColor: "#F8696B", MidColor: "#FFEB84", MaxColor: "#63BE7B",
		}})
		levels := fmt.Sprintf("D2:%s", cellName(3+len(s.Levels), mu.row))
		f.SetConditionalFormat(mu.name, levels, []excelize.ConditionalFormatOptions{{Type: "no_blanks"}})
		mu.chart(cellName(1, mu.row+3), levelBars(mu.name, s.Levels, levelChart{
			title: u.say("Уровни школ по муниципалитетам", "Уровни по группам"), header: 1, first: 2, last: mu.row, firstCol: 4,
		}))
	}
	return mu, nil
}

// levelChart is a stacked bar chart of schools per level: one bar per row
// first..last (categories in column A), one series per level from column
// firstCol on, the header row naming the series.
type levelChart struct {
	title               string
	header, first, last int
	firstCol            int
}

func levelBars(sheet string, levels []model.Level, c levelChart) *excelize.Chart {
	ref := sheetRef(sheet)
	var series []excelize.ChartSeries
	for i := range levels {
		col, _ := excelize.ColumnNumberToName(c.firstCol + i)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", ref, col, c.header),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", ref, c.first, c.last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", ref, col, c.first, col, c.last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{levelFill(i, levels)}},
		})
	}
	height := uint(max(300, 60+28*(c.last-c.first+1)))
	return &excelize.Chart{
		Type: excelize.BarStacked, Series: series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.title, Font: &excelize.Font{Size: 12, Bold: true}}}},
		XAxis:     excelize.ChartAxis{Font: excelize.Font{Size: 9, Color: axisColor}, ReverseOrder: true},
		YAxis:     excelize.ChartAxis{Font: excelize.Font{Size: 9, Color: axisColor}, MajorGridLines: true},
		Dimension: excelize.ChartDimension{Width: 760, Height: height},
		Legend:    excelize.ChartLegend{Position: "bottom"},
	}
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
