package report

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
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
)

// TopProblems is how many data problems the note lists.
const TopProblems = 30

// TopDeficits is how many common deficits the note lists.
const TopDeficits = 15

// NoteDocument builds the district's analytical note, the one document
// the text summary and the Word note are rendered from: identity and
// counts, the levels, the components with a chart, the commonest deficits,
// the schools at the lowest level with the reasons, each municipality when
// the summary is grouped, the changes since the previous self-diagnosis
// (ch, nil without one) and the quality of the data.
func NoteDocument(s *summary.Summary, ch *DistrictChange) *doc.Document {
	d := &doc.Document{Title: noteTitle, Levels: len(s.Levels), Blocks: noteHead(s)}
	add := func(b ...doc.Block) { d.Blocks = append(d.Blocks, b...) }
	add(statsBlocks(s, s.Stats, "")...)
	section := 4
	numbered := func(title string) doc.Heading {
		section++
		return doc.Heading{Level: 2, Text: fmt.Sprintf("%d. %s", section, title)}
	}
	if len(s.Municipalities) > 0 {
		add(numbered(noteHeadGroups), municipalitiesTable(s))
		for _, m := range s.Municipalities {
			add(doc.Heading{Level: 3, Text: m.Name})
			add(statsBlocks(s, m.Stats, m.Name)...)
		}
	}
	if ch != nil {
		add(numbered(noteHeadChanges))
		add(changeBlocks(ch)...)
	}
	add(numbered(noteHeadData))
	add(dataBlocks(s)...)
	return d
}

// noteHead opens the note: title, identity, the model's source and the
// overview.
func noteHead(s *summary.Summary) []doc.Block {
	return []doc.Block{doc.Heading{Level: 1, Text: noteTitle}, noteIdentity(s),
		doc.Paragraph{Style: doc.Caveat, ID: "model-source", Runs: []doc.Run{doc.T("Источник модели: " + s.Model.Source)}},
		doc.Contents{Title: "Содержание", Note: "Оглавление заполнится при открытии документа в Word (в LibreOffice: Сервис → Обновить → Обновить всё)."},
		doc.Heading{Level: 2, Text: noteHeadOverview}, doc.Text(overviewText(s))}
}

// WriteScreenSummary writes what a terminal shows when the files hold the
// summary: the note's opening — counts, the model, the overview with the
// levels — and where the files are.
func WriteScreenSummary(w io.Writer, s *summary.Summary, files []string) error {
	d := &doc.Document{Levels: len(s.Levels), Blocks: noteHead(s)}
	d.Blocks = append(d.Blocks, doc.Heading{Level: 2, Text: "Файлы"}, textList("", files))
	return doc.WriteText(w, d)
}

func noteIdentity(s *summary.Summary) doc.Fields {
	c := s.Counts
	field := func(name, value string) doc.Field { return doc.Field{Name: name, Value: []doc.Run{doc.T(value)}} }
	var head []doc.Field
	for _, f := range []doc.Field{field("Территория", s.Run.Territory), field("Год самодиагностики", s.Run.Year), field("По состоянию на", dateText(s.Run.AsOf))} {
		if f.Value[0].Text != "" {
			head = append(head, f)
		}
	}
	return doc.Fields{ID: "identity", Rows: append(head, []doc.Field{
		field("Модель", ModelTitle(s.Model)),
		field("Школ учтено", schoolsField(c)),
		field("Файлов", fmt.Sprintf("%d; не прочитано: %d; пустых шаблонов: %d", c.Files, c.Failed, c.Empty)),
		field("С проблемами в данных", fmt.Sprintf("%s (неполные ответы — у %s)", ru.Schools(c.WithProblems), ru.SchoolsOf(c.Incomplete))),
		field("Повторные подачи (не учтены)", strconv.Itoa(c.Duplicates)),
		field("Неполные анкеты", incompleteField(s)),
	}...)}
}

// schoolsField is the number of schools the statistics count, and the
// incomplete questionnaires listed apart.
func schoolsField(c summary.Counts) string {
	if c.Excluded == 0 {
		return strconv.Itoa(c.Schools)
	}
	return fmt.Sprintf("%d; неполных анкет — отдельно: %d", c.Schools-c.Excluded, c.Excluded)
}

// incompleteField says how many questionnaires were incomplete and what
// was done with them.
func incompleteField(s *summary.Summary) string {
	c := s.Counts
	switch {
	case c.Incomplete == 0:
		return "нет"
	case s.IncompletePolicy == summary.IncompleteCount:
		return fmt.Sprintf("%d — учтены вместе с остальными: нет ответа засчитано как 0 баллов", c.Incomplete)
	}
	return fmt.Sprintf("%d — не вошли в распределение, средние и частоты дефицитов (раздел «%s»)", c.Excluded, noteHeadData)
}

// dateText is a date as Russian documents write it: 01.06.2025 ("" for
// none).
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02.01.2006")
}

// overviewText is the note's first paragraph.
func overviewText(s *summary.Summary) string {
	st := s.Stats
	if st.Schools == 0 {
		return "Ни одной школы не учтено: проверьте файлы (раздел «Качество данных»)."
	}
	text := fmt.Sprintf("В самодиагностике %s; средний результат — %s %% от максимума. %s",
		ru.Counted(st.Schools), Percent(st.MeanPercent), levelsSentence(st.Levels))
	if n := s.Counts.Excluded; n > 0 {
		text += fmt.Sprintf(" Ещё %s %s: в распределение, средние и частоты дефицитов %s и %s в разделе «%s».",
			ru.Count(n, "школа", "школы", "школ"), ru.Form(n, "прислала неполную анкету", "прислали неполные анкеты", "прислали неполные анкеты"),
			ru.Form(n, "она не вошла", "они не вошли", "они не вошли"), ru.Form(n, "названа", "названы", "названы"), noteHeadData)
	}
	return text
}

// levelsSentence says how the schools spread over the levels, highest
// first: «Уровни: «высокий» — у 3 школ (10,0 %), «средний» — у 12 школ (40,0 %), …».
func levelsSentence(levels []summary.LevelCount) string {
	var parts []string
	for i := len(levels) - 1; i >= 0; i-- {
		l := levels[i]
		parts = append(parts, fmt.Sprintf("«%s» — у %s (%s %%)", l.Title, ru.SchoolsOf(l.Count), Percent(l.Share*100)))
	}
	return "Уровни: " + strings.Join(parts, ", ") + "."
}

// subheading heads a part of the figures: a section of the district's,
// a bold line under a municipality's heading (without the district's
// section number).
func subheading(group, text string) doc.Block {
	if group == "" {
		return doc.Heading{Level: 2, Text: text}
	}
	if _, rest, ok := strings.Cut(text, ". "); ok {
		text = rest
	}
	return doc.Paragraph{Runs: []doc.Run{doc.B(text)}}
}

// statsBlocks are the figures of a set of schools (the district, or a
// named municipality): levels, components with a chart, the commonest
// deficits, the schools at the lowest level.
func statsBlocks(s *summary.Summary, st summary.Stats, group string) []doc.Block {
	var out []doc.Block
	if group != "" {
		out = append(out, doc.Text(fmt.Sprintf("%s; средний результат — %s %% от максимума. %s",
			ru.Capitalized(ru.Counted(st.Schools)), Percent(st.MeanPercent), levelsSentence(st.Levels))))
	}
	if st.Schools == 0 {
		return out
	}
	if group == "" {
		t := doc.Table{ID: "levels", Header: []string{"Уровень", "Школ", "Доля"}, Numeric: []bool{false, true, true}}
		for i := len(st.Levels) - 1; i >= 0; i-- {
			l := st.Levels[i]
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{levelRun(i, l.Title)}, doc.C(strconv.Itoa(l.Count)), doc.C(Percent(l.Share*100) + " %")}})
		}
		out = append(out, t, doc.P(doc.Note, "Доли и средние проценты округлены до десятых по обычным правилам; проценты отдельных школ — вниз, как в их отчётах."))
	}
	out = append(out, subheading(group, noteHeadComponents))
	out = append(out, componentBlocks(s, st, group)...)
	out = append(out, subheading(group, noteHeadDeficits))
	out = append(out, deficitBlocks(s, st)...)
	out = append(out, subheading(group, fmt.Sprintf(noteHeadBelowBase, s.Levels[0].Title)))
	return append(out, belowBaseBlocks(s, st)...)
}

func componentBlocks(s *summary.Summary, st summary.Stats, group string) []doc.Block {
	var out []doc.Block
	var weakest []string
	for _, id := range st.Weakest {
		for _, cs := range st.Components {
			if cs.ID == id && len(weakest) < 2 {
				weakest = append(weakest, fmt.Sprintf("«%s» (%s %%)", cs.Title, Percent(cs.MeanPercent)))
			}
		}
	}
	if len(weakest) > 0 {
		out = append(out, doc.Text("Слабее всего результаты в компонентах "+strings.Join(weakest, " и ")+" — по среднему проценту от максимума."))
	}
	t := doc.Table{Header: []string{"Компонент", "Школ", "Средний %"}, Numeric: []bool{false, true, true}}
	bars := chart.BarChart{Levels: len(s.Levels), Note: "Средний процент от максимума; чёрные отметки — пороги уровней (профиль по умолчанию)"}
	for i, cs := range st.Components {
		row := doc.Cells(cs.Title, strconv.Itoa(cs.Schools), Percent(cs.MeanPercent))
		for _, l := range cs.Levels {
			row = append(row, doc.C(strconv.Itoa(l.Count)))
		}
		t.Rows = append(t.Rows, doc.Row{Cells: row})
		bar := chart.Bar{Label: cs.Title, Percent: cs.MeanPercent, Level: -1}
		if i < len(s.ComponentMarks) {
			bar.Level = meanLevel(s.ComponentMarks[i], cs.MeanPercent)
			for j, mk := range s.ComponentMarks[i][1:] {
				if mk <= 100 {
					bar.Marks = append(bar.Marks, chart.Mark{Title: s.Levels[j+1].Title, Percent: mk})
				}
			}
		}
		bars.Rows = append(bars.Rows, bar)
	}
	for _, l := range s.Levels {
		t.Header = append(t.Header, l.Title)
		t.Numeric = append(t.Numeric, true)
	}
	caption := "Рисунок. Средний процент от максимума по компонентам"
	if group != "" {
		caption += ": " + group
	}
	return append(out, t, doc.Figure{Chart: bars, Caption: caption + ".", WidthCm: 16})
}

func deficitBlocks(s *summary.Summary, st summary.Stats) []doc.Block {
	if len(st.Deficits) == 0 || st.Deficits[0].Schools == 0 {
		return []doc.Block{doc.Text("Дефицитов нет: все школы набрали максимум по всем применимым показателям.")}
	}
	titles := map[string]string{}
	for _, c := range s.Components {
		titles[c.ID] = c.Title
	}
	t := doc.Table{Header: []string{"№", "Показатель", "Компонент", "Школ с дефицитом", "Доля"},
		Numeric: []bool{false, false, false, true, true}}
	for i, df := range st.Deficits {
		if i == TopDeficits || df.Schools == 0 {
			break
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{doc.C(df.Indicator), indicatorCell(df.Title, df.Critical, "критический"),
			doc.C(titles[df.Component]), doc.C(fmt.Sprintf("%d из %d", df.Schools, df.Applicable)), doc.C(Percent(df.Share*100) + " %")}})
	}
	top := st.Deficits[0]
	return []doc.Block{doc.Text(fmt.Sprintf("Самый распространённый дефицит — показатель %s «%s»: он ниже максимума у %s из %d, где применим. "+
		"Ниже — %s, по доле школ.", top.Indicator, top.Title, ru.SchoolsOf(top.Schools), top.Applicable,
		ru.Count(len(t.Rows), "самый частый дефицит", "самых частых дефицита", "самых частых дефицитов"))), t}
}

func belowBaseBlocks(s *summary.Summary, st summary.Stats) []doc.Block {
	if len(st.BelowBase) == 0 {
		return []doc.Block{doc.Text(fmt.Sprintf("Школ уровня «%s» нет.", s.Levels[0].Title))}
	}
	t := doc.Table{Header: []string{"Школа", "Код", "Муниципалитет", "Баллы", "Причины"}}
	for _, b := range st.BelowBase {
		var reasons doc.Cell
		for i, r := range b.Reasons {
			reasons = append(reasons, doc.Run{Text: r, Break: i > 0})
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{doc.C(cmp.Or(b.Name, b.Source)), doc.C(b.Code), doc.C(b.Municipality),
			doc.C(fmt.Sprintf("%d из %d (%s %%)", b.Points, b.Max, Percent(b.Percent))), reasons}})
	}
	return []doc.Block{doc.Text(fmt.Sprintf("На уровне «%s» — %s; причины — невыполненные критические показатели и (или) недобор баллов до порога.",
		s.Levels[0].Title, ru.Schools(len(st.BelowBase)))), t}
}

func municipalitiesTable(s *summary.Summary) doc.Table {
	t := doc.Table{ID: "municipalities", Header: []string{"Муниципалитет", "Школ", "Средний %"}, Numeric: []bool{false, true, true}}
	for _, l := range s.Levels {
		t.Header = append(t.Header, l.Title)
		t.Numeric = append(t.Numeric, true)
	}
	for _, m := range s.Municipalities {
		row := doc.Cells(m.Name, strconv.Itoa(m.Stats.Schools), Percent(m.Stats.MeanPercent))
		for _, l := range m.Stats.Levels {
			row = append(row, doc.C(strconv.Itoa(l.Count)))
		}
		t.Rows = append(t.Rows, doc.Row{Cells: row})
	}
	return t
}

// changeBlocks are the note's section on the changes since the previous
// self-diagnosis.
func changeBlocks(ch *DistrictChange) []doc.Block {
	out := []doc.Block{doc.Text(fmt.Sprintf("Сравнение с прошлой самодиагностикой (%s): в обеих — %s, только в прошлой — %d, только в нынешней — %d. "+
		"Уровень повысили %d, сохранили %d, понизили %d.", ch.Previous, ru.Schools(ch.Matched), ch.OnlyOld, ch.OnlyNew, ch.Up, ch.Same, ch.Down))}
	tr := doc.Table{Header: []string{"Было", "Стало", "Школ"}, Numeric: []bool{false, false, true}}
	for _, t := range ch.Transitions {
		tr.Rows = append(tr.Rows, doc.Row{Cells: doc.Cells(t.From, t.To, strconv.Itoa(t.Schools))})
	}
	means := doc.Table{Header: []string{"Средний процент", "Было, %", "Стало, %"}, Numeric: []bool{false, true, true}}
	for _, m := range ch.Means {
		means.Rows = append(means.Rows, doc.Row{Cells: doc.Cells(m.Title, m.Old, m.New)})
	}
	out = append(out, tr, means)
	for _, list := range []struct {
		title string
		items []DeficitChange
	}{{"Чаще всего закрыты дефициты", ch.Closed}, {"Чаще всего новые дефициты", ch.Opened}} {
		if len(list.items) == 0 {
			continue
		}
		t := doc.Table{Header: []string{"Показатель", "Школ"}, Numeric: []bool{false, true}}
		for _, x := range list.items {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(x.Indicator, strconv.Itoa(x.Schools))})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(list.title + ":")}}, t)
	}
	if len(ch.Fallers) > 0 {
		t := doc.Table{Header: []string{"Школа", "Было", "Стало", "Причины"}}
		for _, f := range ch.Fallers {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(f.School, f.From, f.To, f.Reasons)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B("Понизили уровень:")}}, t)
	}
	return out
}

// dataBlocks are the note's section on the data: files read and not,
// blank templates, repeated submissions, spellings of municipalities, the
// first data problems and the notices.
func dataBlocks(s *summary.Summary) []doc.Block {
	c := s.Counts
	out := []doc.Block{doc.Text(fmt.Sprintf("Файлов: %d, из них не прочитано: %d; пустых шаблонов: %d; повторных подач, не учтённых в сводке: %d. "+
		"Проблемы в данных — %d у %s; неполные ответы — у %s.", c.Files, c.Failed, c.Empty, c.Duplicates, c.Problems,
		ru.SchoolsOf(c.WithProblems), ru.SchoolsOf(c.Incomplete)))}
	files := func(title string, fs []summary.Failure) {
		if len(fs) == 0 {
			return
		}
		l := doc.List{Class: "problems"}
		for _, f := range fs {
			l.Items = append(l.Items, []doc.Run{doc.T(f.File + ": " + f.Message)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(fmt.Sprintf("%s (%d):", title, len(fs)))}}, l)
	}
	files("Не прочитаны", s.Failures)
	files("Пустые шаблоны — не учтены", s.Empty)
	files("Пропущены — не файлы ответов", s.PassedOver)
	if len(s.IncompleteSchools) > 0 {
		t := doc.Table{Header: []string{"Школа", "Код", "Муниципалитет", "Нет ответа", "Не распознано", "Файл"},
			Numeric: []bool{false, false, false, true, true, false}}
		for _, x := range s.IncompleteSchools {
			file := x.Source
			if x.Row > 0 {
				file += ", строка " + strconv.Itoa(x.Row)
			}
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(cmp.Or(x.Name, "без наименования"), x.Code, x.Municipality,
				fmt.Sprintf("%d из %d", x.Missing, x.Applicable), strconv.Itoa(x.Invalid), file)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(fmt.Sprintf("Неполные анкеты — не вошли в распределение, средние и частоты дефицитов (%d):", len(s.IncompleteSchools)))}}, t,
			doc.P(doc.Note, "Пропущенный или нераспознанный ответ засчитывался бы как 0 баллов и дефицит. Пусть школа дополнит анкету и пришлёт её снова."))
	}
	if len(s.Duplicates) > 0 {
		t := doc.Table{Header: []string{"Школа", "Не учтена", "Учтена", "Совпадает", "Почему"}}
		for _, dp := range s.Duplicates {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(dp.School, dp.Source, cmp.Or(dp.FirstSource, "ни одна подача"), dp.By, dp.Reason)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(fmt.Sprintf("Повторные подачи — не учтены (%d):", len(s.Duplicates)))}}, t)
	}
	if len(s.MunicipalityNotes) > 0 {
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B("Муниципалитеты:")}}, textList("", s.MunicipalityNotes))
	}
	if len(s.Problems) > 0 {
		t := doc.Table{Header: []string{"Школа", "Где", "Что"}}
		for _, p := range s.Problems[:min(TopProblems, len(s.Problems))] {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(p.School, p.Location, p.Message)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(fmt.Sprintf("Проблемы в данных (%d):", c.Problems))}}, t)
		if n := c.Problems - len(t.Rows); n > 0 {
			out = append(out, doc.P(doc.Note, fmt.Sprintf("Показаны первые %d; ещё %d — в сводке xlsx (лист «Ошибки»), в JSON и в отчётах школ.", len(t.Rows), n)))
		}
	}
	if c.NotApplicable > 0 {
		out = append(out, doc.P(doc.Note, fmt.Sprintf("Ответов «не применимо»: %d — эти показатели у таких школ не оцениваются и не входят в их максимум.", c.NotApplicable)))
	}
	if c.Notices > 0 {
		out = append(out, doc.P(doc.Note, fmt.Sprintf("Замечания, на баллы не влияющие: %d (ответы на показатели, которые к школе не относятся; список — в отчётах школ).", c.Notices)))
	}
	return out
}
