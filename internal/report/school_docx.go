package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/docx"
	"github.com/selfdiag/selfdiag/internal/model"
)

// Headings of the school document, for its sections 3.1 and 3.2 of a
// development programme.
const (
	docxHeadSchool    = "1. Сведения о школе"
	docxHeadResult    = "2. Результаты самодиагностики (к разделу 3.1 Программы развития)"
	docxHeadCritical  = "3. Критические показатели"
	docxHeadDeficits  = "4. Дефициты по компонентам (к разделу 3.2 Программы развития)"
	docxHeadPlan      = "5. План перехода на следующий уровень"
	docxHeadMeasures  = "6. План мероприятий по устранению дефицитов"
	docxHeadProblems  = "7. Проблемы в данных"
	docxMeasuresEmpty = "—"
)

// WriteSchoolDOCX writes a school's report as a Word document for the
// development programme: identity and profile, a summary paragraph, the
// components with their levels and charts, the deficits with their target
// answers, the next-level plan and the measures table to fill in.
func WriteSchoolDOCX(w io.Writer, m *model.Model, r *School) error {
	v := newSchoolView(m, r)
	d := docx.Document{Title: "Результаты самодиагностики: " + v.Title, Footer: "Самодиагностика: " + v.Title}
	add := func(b ...docx.Block) { d.Blocks = append(d.Blocks, b...) }

	add(docx.Paragraph{Style: docx.StyleTitle, Runs: []docx.Run{{Text: "Результаты самодиагностики\n" + v.Title}}})

	add(docx.Heading{Level: 1, Text: docxHeadSchool})
	profile := v.Profile
	if v.ProfileAssumed {
		profile += " (в файле не указан: принят по умолчанию)"
	}
	info := [][]string{{"Наименование", v.Name}, {"Код", v.Code}, {"Муниципалитет", v.Municipality}, {"Год", v.Year},
		{"Профиль", profile}, {"Модель показателей", ModelTitle(v.Model)}, {"Файл ответов", v.Source}}
	add(docx.Table{Header: []string{"Сведение", "Значение"}, Rows: info, Widths: []float64{1, 3}})
	add(docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: "Источник модели: " + v.Model.Source}}})

	add(docx.Heading{Level: 1, Text: docxHeadResult})
	add(docx.Text(schoolNarrative(m.Levels, v)))
	rows := make([][]string, 0, len(v.Components)+1)
	for _, c := range v.Components {
		lvl := c.LevelTitle
		if c.CriticalApplied {
			lvl += " (понижен: критический показатель)"
		}
		rows = append(rows, []string{c.Title, c.Kind, strconv.Itoa(c.Points), strconv.Itoa(c.Max), c.Percent, lvl})
	}
	total := v.Total.LevelTitle
	if v.Total.CriticalApplied {
		total += " (по баллам — «" + v.Total.ByPointsTitle + "»)"
	}
	rows = append(rows, []string{"Итог", "", strconv.Itoa(v.Total.Points), strconv.Itoa(v.Total.Max), v.Total.Percent, total})
	add(docx.Table{Header: []string{"Компонент", "Вид", "Баллы", "Максимум", "%", "Уровень"}, Rows: rows,
		Widths: []float64{3, 2.2, 1, 1.2, 1, 2.4}, BoldRows: map[int]bool{len(rows) - 1: true}})

	charts, err := schoolCharts(v)
	if err != nil {
		return err
	}
	add(charts...)
	if ch := v.Change; ch != nil {
		add(docx.Heading{Level: 2, Text: ChangeHeading})
		text := ch.Summary
		if ch.Plan != "" {
			text += " " + ch.Plan
		}
		add(docx.Text(text))
		var rows [][]string
		for _, c := range ch.Components {
			rows = append(rows, []string{c.Title, c.Old, c.New, c.Change})
		}
		add(docx.Table{Header: []string{"Компонент", "Было", "Стало", "Изменение"}, Rows: rows, Widths: []float64{2.4, 2.4, 2.4, 1.6}})
		for _, l := range ch.Lists() {
			if len(l.Items) > 0 {
				add(docx.Paragraph{Runs: []docx.Run{{Text: fmt.Sprintf("%s (%d): ", l.Title, len(l.Items)), Bold: true}, {Text: strings.Join(l.Items, "; ")}}})
			}
		}
		add(docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: "Прошлая самодиагностика: " + ch.Previous + "."}}})
	}
	add(docx.Heading{Level: 2, Text: "Пороги уровней для профиля школы"})
	thresholds := [][]string{{"Итог", v.Total.Thresholds}}
	for _, c := range v.Components {
		if c.Thresholds != "" {
			thresholds = append(thresholds, []string{c.Title, c.Thresholds})
		}
	}
	add(docx.Table{Header: []string{"Где", "Пороги (в баллах)"}, Rows: thresholds, Widths: []float64{1, 3}})
	if v.Peers {
		add(docx.Heading{Level: 2, Text: PeersHeading})
		header := []string{"Компонент", "Школа, %", "Среднее по всем школам, %"}
		widths := []float64{3, 1.2, 1.6}
		if v.MunicipalPeers {
			header, widths = append(header, "Среднее по «"+v.PeerMunicipality+"», %"), append(widths, 1.6)
		}
		var rows [][]string
		for _, c := range v.Components {
			row := []string{c.Title, c.Percent, c.District}
			if v.MunicipalPeers {
				row = append(row, c.Municipal)
			}
			rows = append(rows, row)
		}
		add(docx.Table{Header: header, Rows: rows, Widths: widths})
	}

	add(docx.Heading{Level: 1, Text: docxHeadCritical})
	if len(v.Critical) == 0 {
		add(docx.Text("Все критические показатели выполнены."))
	} else {
		var crit [][]string
		for _, c := range v.Critical {
			crit = append(crit, []string{c.ID, c.Text, c.ComponentTitle, orDash(c.Answer, "нет ответа"), c.Target})
		}
		add(docx.Text("Невыполненный критический показатель держит уровень по правилу критических показателей модели, сколько бы баллов ни было набрано."),
			docx.Table{Header: []string{"№", "Показатель", "Компонент", "Ответ", "Целевой ответ"}, Rows: crit, Widths: []float64{0.6, 3.4, 1.6, 1.4, 1.6}})
	}

	add(docx.Heading{Level: 1, Text: docxHeadDeficits})
	add(docx.Text(fmt.Sprintf("Дефицит — применимый показатель ниже максимума. Всего дефицитов: %d.", v.DeficitCount)))
	for _, c := range v.Components {
		add(docx.Heading{Level: 2, Text: fmt.Sprintf("%s — %s (%s %%)", c.Title, c.LevelTitle, c.Percent)})
		if len(c.Deficits) == 0 {
			add(docx.Text("Дефицитов нет."))
			continue
		}
		var defs [][]string
		for _, df := range c.Deficits {
			text := df.Text
			if df.Critical {
				text += " (критический)"
			}
			answer := orDash(df.Answer, "нет ответа")
			if df.Status != "" {
				answer += " (" + df.Status + ")"
			}
			defs = append(defs, []string{df.ID, text, answer, fmt.Sprintf("%d из %d", df.Points, df.Max), df.Target})
		}
		add(docx.Table{Header: []string{"№", "Показатель", "Ответ", "Баллы", "Целевой ответ"}, Rows: defs, Widths: []float64{0.6, 3.6, 1.6, 1, 1.8}})
		if c.Plan != "" {
			add(docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: "Следующий уровень. ", Bold: true}, {Text: c.Plan}}})
		}
	}

	add(docx.Heading{Level: 1, Text: docxHeadPlan})
	add(docx.Text(v.Plan.Summary))
	if len(v.Plan.Steps) > 0 {
		var steps [][]string
		for i, s := range v.Plan.Steps {
			text := s.Text
			if s.Blocking {
				text += " (критический: блокирует уровень)"
			}
			steps = append(steps, []string{strconv.Itoa(i + 1), s.ID + ". " + text, s.ComponentTitle,
				fmt.Sprintf("%s (%d)", orDash(s.Answer, "нет ответа"), s.Points), fmt.Sprintf("%s (%d)", s.Target, s.TargetPoints), "+" + strconv.Itoa(s.Gain)})
		}
		add(docx.Table{Header: []string{"Шаг", "Показатель", "Компонент", "Сейчас (баллы)", "Цель (баллы)", "Прирост"}, Rows: steps,
			Widths: []float64{0.5, 3.2, 1.5, 1.4, 1.4, 0.8}})
	}

	add(docx.Heading{Level: 1, Text: docxHeadMeasures})
	add(docx.Text("Для плана мероприятий Программы развития: каждый дефицит, типовые меры из модели показателей " +
		"и столбцы, которые школа заполняет сама."))
	add(docx.Table{Header: measuresHeader, Rows: measureRows(v), Widths: []float64{0.5, 2.6, 3, 1.3, 0.9, 1.7}})

	if len(v.Problems) > 0 {
		add(docx.Heading{Level: 1, Text: docxHeadProblems})
		for _, p := range v.Problems {
			add(docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: p}}})
		}
	}
	return docx.Write(w, d)
}

// measuresHeader heads the measures table of the programme's action plan,
// in the Word document and the xlsx report.
var measuresHeader = []string{"№", "Дефицит (показатель)", "Типовые меры (из модели показателей)", "Ответственный", "Срок", "Ожидаемый результат"}

// measureRows are the measures table's rows: a deficit each, its typical
// measures one per line, the last three columns empty to fill in.
func measureRows(v *schoolView) [][]string {
	var rows [][]string
	for _, c := range v.Components {
		for _, df := range c.Deficits {
			measures := docxMeasuresEmpty
			if len(df.Measures) > 0 {
				measures = "• " + strings.Join(df.Measures, "\n• ")
			}
			target := fmt.Sprintf("%s «%s»: %s → %s", c.Title, df.Text, orDash(df.Answer, "нет ответа"), df.Target)
			rows = append(rows, []string{df.ID, target, measures, "", "", ""})
		}
	}
	return rows
}

// schoolCharts are the radar (the school, and the district's mean when
// known) and the bars with each component's thresholds.
func schoolCharts(v *schoolView) ([]docx.Block, error) {
	if len(v.Components) < 3 {
		return nil, nil
	}
	labels := make([]string, len(v.Components))
	school := chart.Series{Name: "Школа", Values: make([]float64, len(v.Components))}
	district := chart.Series{Name: "Среднее по району", Dashed: true, Values: make([]float64, len(v.Components))}
	var bars []chart.Bar
	for i, c := range v.Components {
		labels[i] = c.Title
		school.Values[i] = c.PercentValue
		district.Values[i] = c.DistrictValue
		bar := chart.Bar{Label: c.Title, Percent: c.PercentValue, Value: c.Percent + " %"}
		for _, mk := range c.Marks {
			bar.Marks = append(bar.Marks, mk.Percent)
		}
		bars = append(bars, bar)
	}
	series := []chart.Series{school}
	if v.Peers {
		series = append(series, district)
	}
	radar, err := chart.Radar(labels, series)
	if err != nil {
		return nil, err
	}
	barsPNG, err := chart.Bars(bars, "Чёрные отметки — пороги уровней компонента для профиля школы")
	if err != nil {
		return nil, err
	}
	return []docx.Block{
		docx.Image{PNG: radar, WidthCm: 15, Alt: "Профиль школы по компонентам, % от максимума"},
		docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: "Рисунок 1. Профиль школы по компонентам, % от максимума."}}},
		docx.Image{PNG: barsPNG, WidthCm: 16, Alt: "Компоненты и пороги уровней"},
		docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: "Рисунок 2. Процент от максимума по компонентам и пороги уровней."}}},
	}, nil
}
