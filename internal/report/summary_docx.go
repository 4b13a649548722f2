package report

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/docx"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// Headings of the municipal analytical note.
const (
	noteTitle          = "Аналитическая справка по результатам самодиагностики"
	noteHeadOverview   = "1. Общие сведения"
	noteHeadComponents = "2. Результаты по компонентам"
	noteHeadDeficits   = "3. Распространённые дефициты"
	noteHeadBelowBase  = "4. Школы уровня «%s»"
	// The sections after the fourth are numbered as they come.
	noteHeadGroups  = "По муниципалитетам"
	noteHeadChanges = "Изменения с прошлой самодиагностики"
	noteHeadData    = "Качество данных"
	// noteTopDeficits is how many of the commonest deficits the note lists.
	noteTopDeficits = 15
)

// WriteSummaryDOCX writes the district's analytical note as a Word
// document: the figures in sentences and tables, the charts, the schools
// at the lowest level with the reasons, per municipality when the summary
// is grouped, and the data problems.
func WriteSummaryDOCX(w io.Writer, s *summary.Summary, _ []string) error {
	return WriteSummaryDOCXWithChanges(w, s, nil)
}

// WriteSummaryDOCXWithChanges writes the analytical note with, when ch is
// not nil, the changes since the previous self-diagnosis.
func WriteSummaryDOCXWithChanges(w io.Writer, s *summary.Summary, ch *DistrictChange) error {
	d := docx.Document{Title: noteTitle, Footer: noteTitle}
	section := 4
	numbered := func(title string) string {
		section++
		return fmt.Sprintf("%d. %s", section, title)
	}
	add := func(b ...docx.Block) { d.Blocks = append(d.Blocks, b...) }
	add(docx.Paragraph{Style: docx.StyleTitle, Runs: []docx.Run{{Text: noteTitle}}})
	add(docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: "Модель показателей: " + ModelTitle(s.Model) + ". Источник модели: " + s.Model.Source}}})

	c := s.Counts
	add(docx.Heading{Level: 1, Text: noteHeadOverview})
	add(docx.Text(overviewText(s)))
	blocks, err := statsBlocks(s, s.Stats, "")
	if err != nil {
		return err
	}
	add(blocks...)

	if len(s.Municipalities) > 0 {
		add(docx.Heading{Level: 1, Text: numbered(noteHeadGroups)})
		rows := make([][]string, 0, len(s.Municipalities))
		for _, m := range s.Municipalities {
			row := []string{m.Name, strconv.Itoa(m.Stats.Schools), Percent(m.Stats.MeanPercent)}
			for _, l := range m.Stats.Levels {
				row = append(row, strconv.Itoa(l.Count))
			}
			rows = append(rows, row)
		}
		head := []string{"Муниципалитет", "Школ", "Средний %"}
		for _, l := range s.Levels {
			head = append(head, l.Title)
		}
		add(docx.Table{Header: head, Rows: rows, Widths: append([]float64{3, 1, 1.2}, repeat(1.2, len(s.Levels))...)})
		for _, m := range s.Municipalities {
			add(docx.Heading{Level: 2, Text: m.Name})
			blocks, err := statsBlocks(s, m.Stats, m.Name)
			if err != nil {
				return err
			}
			add(blocks...)
		}
	}

	if ch != nil {
		add(docx.Heading{Level: 1, Text: numbered(noteHeadChanges)})
		add(changeBlocks(ch)...)
	}
	add(docx.Heading{Level: 1, Text: numbered(noteHeadData)})
	add(docx.Text(fmt.Sprintf("Прочитано файлов: %d; не прочитано: %d; пустых шаблонов: %d; повторных подач, не учтённых в сводке: %d. "+
		"Проблемы в данных — %d у %s; неполные ответы — у %s.", c.Files, c.Failed, c.Empty, c.Duplicates, c.Problems,
		ru.Count(c.WithProblems, "школы", "школ", "школ"), ru.Count(c.Incomplete, "школы", "школ", "школ"))))
	if len(s.Failures) > 0 {
		var rows [][]string
		for _, f := range s.Failures {
			rows = append(rows, []string{f.File, f.Message})
		}
		add(docx.Paragraph{Runs: []docx.Run{{Text: "Не прочитаны:", Bold: true}}},
			docx.Table{Header: []string{"Файл", "Причина"}, Rows: rows, Widths: []float64{2, 3}})
	}
	if len(s.Duplicates) > 0 {
		var rows [][]string
		for _, dp := range s.Duplicates {
			rows = append(rows, []string{dp.School, dp.Source, cmp.Or(dp.FirstSource, "ни одна подача"), dp.Reason})
		}
		add(docx.Paragraph{Runs: []docx.Run{{Text: "Повторные подачи:", Bold: true}}},
			docx.Table{Header: []string{"Школа", "Не учтена", "Учтена", "Почему"}, Rows: rows, Widths: []float64{2, 2, 2, 2}})
	}
	if len(s.Problems) > 0 {
		var rows [][]string
		for i, p := range s.Problems {
			if i == TopProblems {
				rows = append(rows, []string{"…", "", fmt.Sprintf("и ещё %d: полный список — в сводке xlsx (лист «Ошибки») и JSON", c.Problems-i)})
				break
			}
			rows = append(rows, []string{p.School, p.Location, p.Message})
		}
		add(docx.Paragraph{Runs: []docx.Run{{Text: "Проблемы в данных:", Bold: true}}},
			docx.Table{Header: []string{"Школа", "Где", "Что"}, Rows: rows, Widths: []float64{2, 2, 4}})
	}
	return docx.Write(w, d)
}

func repeat(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// overviewText is the note's first paragraph.
func overviewText(s *summary.Summary) string {
	st := s.Stats
	if st.Schools == 0 {
		return "Ни одной школы не учтено: проверьте файлы (раздел «Качество данных»)."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "В самодиагностике учтено %s; средний результат — %s %% от максимума.", ru.Schools(st.Schools), Percent(st.MeanPercent))
	b.WriteString(" " + levelsSentence(st.Levels))
	return b.String()
}

// levelsSentence says how the schools spread over the levels, highest
// first: «Высокий уровень — у 3 школ (10,0 %), средний — у 12 школ (40,0 %), …».
func levelsSentence(levels []summary.LevelCount) string {
	var parts []string
	for i := len(levels) - 1; i >= 0; i-- {
		l := levels[i]
		part := fmt.Sprintf("«%s» — у %s (%s %%)", l.Title, ru.Count(l.Count, "школы", "школ", "школ"), Percent(l.Share*100))
		parts = append(parts, part)
	}
	return "Уровни: " + strings.Join(parts, ", ") + "."
}

// statsBlocks are the figures of a set of schools (the district, or a
// municipality named group): levels, components with a chart, the
// commonest deficits, the schools at the lowest level.
func statsBlocks(s *summary.Summary, st summary.Stats, group string) ([]docx.Block, error) {
	var out []docx.Block
	add := func(b ...docx.Block) { out = append(out, b...) }
	level := func(n int) int { return n }
	if group != "" {
		level = func(int) int { return 3 } // bold paragraphs under the municipality's heading
		add(docx.Text(fmt.Sprintf("%s; средний результат — %s %% от максимума. %s", ru.Capitalized(ru.Counted(st.Schools)), Percent(st.MeanPercent), levelsSentence(st.Levels))))
	}
	heading := func(n int, text string) {
		if level(n) > 2 {
			if _, rest, ok := strings.Cut(text, ". "); ok {
				text = rest // the district's section numbers, not repeated
			}
			add(docx.Paragraph{Runs: []docx.Run{{Text: text, Bold: true}}})
			return
		}
		add(docx.Heading{Level: n, Text: text})
	}
	if st.Schools == 0 {
		return out, nil
	}
	if group == "" {
		var rows [][]string
		for i := len(st.Levels) - 1; i >= 0; i-- {
			l := st.Levels[i]
			rows = append(rows, []string{l.Title, strconv.Itoa(l.Count), Percent(l.Share*100) + " %"})
		}
		add(docx.Table{Header: []string{"Уровень", "Школ", "Доля"}, Rows: rows, Widths: []float64{2, 1, 1}})
	}

	heading(1, noteHeadComponents)
	titles := map[string]string{}
	var rows [][]string
	var bars []chart.Bar
	for i, cs := range st.Components {
		titles[cs.ID] = cs.Title
		row := []string{cs.Title, strconv.Itoa(cs.Schools), Percent(cs.MeanPercent)}
		for _, l := range cs.Levels {
			row = append(row, strconv.Itoa(l.Count))
		}
		rows = append(rows, row)
		bar := chart.Bar{Label: cs.Title, Percent: cs.MeanPercent, Value: Percent(cs.MeanPercent) + " %"}
		if i < len(s.ComponentMarks) {
			for _, mk := range s.ComponentMarks[i][1:] {
				if mk <= 100 {
					bar.Marks = append(bar.Marks, mk)
				}
			}
		}
		bars = append(bars, bar)
	}
	var weakest []string
	for i, id := range st.Weakest {
		if i == 2 {
			break
		}
		for _, cs := range st.Components {
			if cs.ID == id {
				weakest = append(weakest, fmt.Sprintf("«%s» (%s %%)", cs.Title, Percent(cs.MeanPercent)))
			}
		}
	}
	if len(weakest) > 0 {
		add(docx.Text("Слабее всего результаты в компонентах " + strings.Join(weakest, " и ") + " — по среднему проценту от максимума."))
	}
	head := []string{"Компонент", "Школ", "Средний %"}
	for _, l := range s.Levels {
		head = append(head, l.Title)
	}
	add(docx.Table{Header: head, Rows: rows, Widths: append([]float64{3, 0.9, 1.1}, repeat(1.2, len(s.Levels))...)})
	if len(bars) > 0 {
		png, err := chart.Bars(bars, "Средний процент от максимума; чёрные отметки — пороги уровней (профиль по умолчанию)")
		if err != nil {
			return nil, err
		}
		caption := "Средний процент от максимума по компонентам"
		if group != "" {
			caption += ": " + group
		}
		add(docx.Image{PNG: png, WidthCm: 16, Alt: caption},
			docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: "Рисунок. " + caption + "."}}})
	}

	heading(1, noteHeadDeficits)
	if len(st.Deficits) == 0 {
		add(docx.Text("Дефицитов нет: все школы набрали максимум по всем применимым показателям."))
	} else {
		var rows [][]string
		for i, df := range st.Deficits {
			if i == noteTopDeficits {
				break
			}
			text := df.Title
			if df.Critical {
				text += " (критический)"
			}
			rows = append(rows, []string{df.Indicator, text, titles[df.Component],
				fmt.Sprintf("%d из %d", df.Schools, df.Applicable), Percent(df.Share*100) + " %"})
		}
		top := st.Deficits[0]
		add(docx.Text(fmt.Sprintf("Самый распространённый дефицит — показатель %s «%s»: он ниже максимума у %s из %d, где применим. "+
			"Ниже — %s, по доле школ.", top.Indicator, top.Title, ru.Count(top.Schools, "школы", "школ", "школ"), top.Applicable,
			ru.Count(len(rows), "самый частый дефицит", "самых частых дефицита", "самых частых дефицитов"))),
			docx.Table{Header: []string{"№", "Показатель", "Компонент", "Школ с дефицитом", "Доля"}, Rows: rows, Widths: []float64{0.6, 3.6, 1.8, 1.2, 0.8}})
	}

	heading(1, fmt.Sprintf(noteHeadBelowBase, s.Levels[0].Title))
	if len(st.BelowBase) == 0 {
		add(docx.Text(fmt.Sprintf("Школ уровня «%s» нет.", s.Levels[0].Title)))
	} else {
		var rows [][]string
		for _, b := range st.BelowBase {
			rows = append(rows, []string{cmp.Or(b.Name, b.Source), b.Code, b.Municipality,
				fmt.Sprintf("%d из %d (%s %%)", b.Points, b.Max, Percent(b.Percent)), "• " + strings.Join(b.Reasons, "\n• ")})
		}
		add(docx.Text(fmt.Sprintf("На уровне «%s» — %s; причины — невыполненные критические показатели и (или) недобор баллов до порога.",
			s.Levels[0].Title, ru.Schools(len(st.BelowBase)))),
			docx.Table{Header: []string{"Школа", "Код", "Муниципалитет", "Баллы", "Причины"}, Rows: rows, Widths: []float64{2, 0.9, 1.5, 1.3, 4}})
	}
	return out, nil
}

// changeBlocks are the note's section on the changes since the previous
// self-diagnosis.
func changeBlocks(ch *DistrictChange) []docx.Block {
	out := []docx.Block{docx.Text(fmt.Sprintf("Сравнение с прошлой самодиагностикой (%s): в обеих — %s, только в прошлой — %d, только в нынешней — %d. "+
		"Уровень повысили %d, сохранили %d, понизили %d.", ch.Previous, ru.Schools(ch.Matched), ch.OnlyOld, ch.OnlyNew, ch.Up, ch.Same, ch.Down))}
	var rows [][]string
	for _, t := range ch.Transitions {
		rows = append(rows, []string{t.From, t.To, strconv.Itoa(t.Schools)})
	}
	out = append(out, docx.Table{Header: []string{"Было", "Стало", "Школ"}, Rows: rows, Widths: []float64{2, 2, 1}})
	rows = nil
	for _, m := range ch.Means {
		rows = append(rows, []string{m.Title, m.Old, m.New})
	}
	out = append(out, docx.Table{Header: []string{"Средний процент", "Было, %", "Стало, %"}, Rows: rows, Widths: []float64{3, 1, 1}})
	for _, list := range []struct {
		title string
		items []DeficitChange
	}{{"Чаще всего закрыты дефициты", ch.Closed}, {"Чаще всего новые дефициты", ch.Opened}} {
		if len(list.items) == 0 {
			continue
		}
		rows = nil
		for _, x := range list.items {
			rows = append(rows, []string{x.Indicator, strconv.Itoa(x.Schools)})
		}
		out = append(out, docx.Paragraph{Runs: []docx.Run{{Text: list.title + ":", Bold: true}}},
			docx.Table{Header: []string{"Показатель", "Школ"}, Rows: rows, Widths: []float64{5, 1}})
	}
	if len(ch.Fallers) > 0 {
		rows = nil
		for _, f := range ch.Fallers {
			rows = append(rows, []string{f.School, f.From, f.To, f.Reasons})
		}
		out = append(out, docx.Paragraph{Runs: []docx.Run{{Text: "Понизили уровень:", Bold: true}}},
			docx.Table{Header: []string{"Школа", "Было", "Стало", "Причины"}, Rows: rows, Widths: []float64{2.4, 1.2, 1.2, 4}})
	}
	return out
}
