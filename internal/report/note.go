package report

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
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
// the respondents at the lowest level with the reasons, each group when
// the summary is grouped, the changes since the previous self-diagnosis
// (ch, nil without one) and the quality of the data.
func NoteDocument(s *summary.Summary, ch *DistrictChange) *doc.Document {
	l, u := s.Lang, summaryUnits(s)
	d := &doc.Document{Title: noteTitleOf(s), Levels: len(s.Levels), Colors: model.LevelColors(s.Levels), Lang: l, Blocks: noteHead(s)}
	add := func(b ...doc.Block) { d.Blocks = append(d.Blocks, b...) }
	add(statsBlocks(s, s.Stats, "")...)
	section := 4
	numbered := func(title string) doc.Heading {
		section++
		return doc.Heading{Level: 2, Text: fmt.Sprintf("%d. %s", section, title)}
	}
	if len(s.Municipalities) > 0 {
		add(numbered(u.say(noteHeadGroups, "По группам «%s»", u.Group())), municipalitiesTable(s))
		for _, m := range s.Municipalities {
			add(doc.Heading{Level: 3, Text: m.Name})
			add(statsBlocks(s, m.Stats, m.Name)...)
		}
	}
	if ch != nil {
		add(numbered(l.T(noteHeadChanges)))
		add(changeBlocks(s, ch)...)
	}
	add(numbered(l.T(noteHeadData)))
	add(dataBlocks(s)...)
	return d
}

// noteTitleOf is the note's title: the model's («words: note»), else
// the program's in the model's language.
func noteTitleOf(s *summary.Summary) string {
	return cmp.Or(s.Words.Note, s.Lang.T(noteTitle))
}

// noteHead opens the note: title, identity, the model's source and the
// overview.
func noteHead(s *summary.Summary) []doc.Block {
	l := s.Lang
	return []doc.Block{doc.Heading{Level: 1, Text: noteTitleOf(s)}, noteIdentity(s),
		doc.Paragraph{Style: doc.Caveat, ID: "model-source", Runs: []doc.Run{doc.T(l.T("Источник модели: %s", s.Model.Source))}},
		doc.Contents{Title: l.T("Содержание"), Note: l.T("Оглавление заполнится при открытии документа в Word (в LibreOffice: Сервис → Обновить → Обновить всё).")},
		doc.Heading{Level: 2, Text: l.T(noteHeadOverview)}, doc.Text(overviewText(s))}
}

// WriteScreenSummary writes what a terminal shows when the files hold the
// summary: the note's opening — counts, the model, the overview with the
// levels — and where the files are.
func WriteScreenSummary(w io.Writer, s *summary.Summary, files []string) error {
	d := &doc.Document{Levels: len(s.Levels), Colors: model.LevelColors(s.Levels), Lang: s.Lang, Blocks: noteHead(s)}
	d.Blocks = append(d.Blocks, doc.Heading{Level: 2, Text: s.Lang.T("Файлы")}, textList("", files))
	return doc.WriteText(w, d)
}

func noteIdentity(s *summary.Summary) doc.Fields {
	c := s.Counts
	l, u := s.Lang, summaryUnits(s)
	field := func(name, value string) doc.Field { return doc.Field{Name: name, Value: []doc.Run{doc.T(value)}} }
	var head []doc.Field
	for _, f := range []doc.Field{field(l.T("Территория"), s.Run.Territory), field(l.T("Год самодиагностики"), s.Run.Year), field(l.T("По состоянию на"), l.Date(s.Run.AsOf))} {
		if f.Value[0].Text != "" {
			head = append(head, f)
		}
	}
	withProblems := u.say("%s (неполные ответы — у %s)", "%s (неполные ответы: %s)", u.count(c.WithProblems), u.of(c.Incomplete))
	return doc.Fields{ID: "identity", Rows: append(head, []doc.Field{
		field(l.T("Модель"), ModelTitle(l, s.Model)),
		field(u.say("Школ учтено", "Учтено"), schoolsField(l, c)),
		field(l.T("Файлов"), l.T("%d; не прочитано: %d; пустых шаблонов: %d", c.Files, c.Failed, c.Empty)),
		field(l.T("С проблемами в данных"), withProblems),
		field(l.T("Повторные подачи (не учтены)"), strconv.Itoa(c.Duplicates)),
		field(l.T("Неполные анкеты"), incompleteField(s)),
	}...)}
}

// schoolsField is the number of respondents the statistics count, and the
// incomplete questionnaires listed apart.
func schoolsField(l lang.Lang, c summary.Counts) string {
	if c.Excluded == 0 {
		return strconv.Itoa(c.Schools)
	}
	return l.T("%d; неполных анкет — отдельно: %d", c.Schools-c.Excluded, c.Excluded)
}

// incompleteField says how many questionnaires were incomplete and what
// was done with them.
func incompleteField(s *summary.Summary) string {
	c, l := s.Counts, s.Lang
	switch {
	case c.Incomplete == 0:
		return l.T("нет")
	case s.IncompletePolicy == summary.IncompleteCount:
		return l.T("%d — учтены вместе с остальными: нет ответа засчитано как 0 баллов", c.Incomplete)
	}
	return l.T("%d — не вошли в распределение, средние и частоты дефицитов (раздел «%s»)", c.Excluded, l.T(noteHeadData))
}

// overviewText is the note's first paragraph.
func overviewText(s *summary.Summary) string {
	st := s.Stats
	l, u := s.Lang, summaryUnits(s)
	if st.Schools == 0 {
		return u.say("Ни одной школы не учтено: проверьте файлы (раздел «Качество данных»).", "Ничего не учтено: проверьте файлы (раздел «Качество данных»).")
	}
	text := u.say("В самодиагностике %s; средний результат — %s %% от максимума. %s", "В самодиагностике учтено: %s; средний результат — %s %% от максимума. %s",
		u.counted(st.Schools), l.Percent(st.MeanPercent), levelsSentence(s, st.Levels))
	if n := s.Counts.Excluded; n > 0 {
		if u.school() {
			text += fmt.Sprintf(" Ещё %s %s: в распределение, средние и частоты дефицитов %s и %s в разделе «%s».",
				ru.Count(n, "школа", "школы", "школ"), ru.Form(n, "прислала неполную анкету", "прислали неполные анкеты", "прислали неполные анкеты"),
				ru.Form(n, "она не вошла", "они не вошли", "они не вошли"), ru.Form(n, "названа", "названы", "названы"), noteHeadData)
		} else {
			text += l.T(" Неполных анкет ещё %d: в распределение, средние и частоты дефицитов они не вошли и названы в разделе «%s».", n, l.T(noteHeadData))
		}
	}
	return text
}

// levelsSentence says how the respondents spread over the levels, highest
// first: «Уровни: «высокий» — у 3 школ (10,0 %), «средний» — у 12 школ (40,0 %), …».
func levelsSentence(s *summary.Summary, levels []summary.LevelCount) string {
	l, u := s.Lang, summaryUnits(s)
	var parts []string
	for i := len(levels) - 1; i >= 0; i-- {
		lc := levels[i]
		parts = append(parts, u.say("«%s» — у %s (%s %%)", "«%s» — %s (%s %%)", lc.Title, u.of(lc.Count), l.Percent(lc.Share*100)))
	}
	return l.T("Уровни: %s.", strings.Join(parts, ", "))
}

// subheading heads a part of the figures: a section of the district's,
// a bold line under a group's heading (without the district's section
// number).
func subheading(group, text string) doc.Block {
	if group == "" {
		return doc.Heading{Level: 2, Text: text}
	}
	if _, rest, ok := strings.Cut(text, ". "); ok {
		text = rest
	}
	return doc.Paragraph{Runs: []doc.Run{doc.B(text)}}
}

// statsBlocks are the figures of a set of respondents (the district, or a
// named group): levels, components with a chart, the commonest deficits,
// the respondents at the lowest level.
func statsBlocks(s *summary.Summary, st summary.Stats, group string) []doc.Block {
	l, u := s.Lang, summaryUnits(s)
	var out []doc.Block
	if group != "" {
		out = append(out, doc.Text(l.T("%s; средний результат — %s %% от максимума. %s",
			capitalized(u.counted(st.Schools)), l.Percent(st.MeanPercent), levelsSentence(s, st.Levels))))
	}
	if st.Schools == 0 {
		return out
	}
	if group == "" {
		t := doc.Table{ID: "levels", Header: []string{l.T("Уровень"), u.Counted(), l.T("Доля")}, Numeric: []bool{false, true, true}}
		for i := len(st.Levels) - 1; i >= 0; i-- {
			lc := st.Levels[i]
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{levelRun(i, lc.Title)}, doc.C(strconv.Itoa(lc.Count)), doc.C(l.Percent(lc.Share*100) + " %")}})
		}
		out = append(out, t, doc.P(doc.Note, u.say("Доли и средние проценты округлены до десятых по обычным правилам; проценты отдельных школ — вниз, как в их отчётах.",
			"Доли и средние проценты округлены до десятых по обычным правилам; отдельные проценты — вниз, как в отчётах.")))
	}
	out = append(out, subheading(group, l.T(noteHeadComponents)))
	out = append(out, componentBlocks(s, st, group)...)
	out = append(out, subheading(group, l.T(noteHeadDeficits)))
	out = append(out, deficitBlocks(s, st)...)
	out = append(out, subheading(group, u.say(noteHeadBelowBase, "4. Уровень «%s»", s.Levels[0].Title)))
	return append(out, belowBaseBlocks(s, st)...)
}

func componentBlocks(s *summary.Summary, st summary.Stats, group string) []doc.Block {
	l, u := s.Lang, summaryUnits(s)
	var out []doc.Block
	var weakest []string
	for _, id := range st.Weakest {
		for _, cs := range st.Components {
			if cs.ID == id && len(weakest) < 2 {
				weakest = append(weakest, fmt.Sprintf("«%s» (%s %%)", cs.Title, l.Percent(cs.MeanPercent)))
			}
		}
	}
	if len(weakest) > 0 {
		out = append(out, doc.Text(l.T("Слабее всего результаты в компонентах %s — по среднему проценту от максимума.", strings.Join(weakest, l.T(" и ")))))
	}
	t := doc.Table{Header: []string{l.T("Компонент"), u.Counted(), l.T("Средний %")}, Numeric: []bool{false, true, true}}
	bars := chart.BarChart{Levels: len(s.Levels), Lang: l, Note: u.say("Средний процент от максимума; чёрные отметки — пороги уровней (профиль по умолчанию)",
		"Средний процент от максимума; чёрные отметки — пороги уровней (признаки по умолчанию)")}
	for i, cs := range st.Components {
		row := doc.Cells(cs.Title, strconv.Itoa(cs.Schools), l.Percent(cs.MeanPercent))
		for _, lc := range cs.Levels {
			row = append(row, doc.C(strconv.Itoa(lc.Count)))
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
	for _, lv := range s.Levels {
		t.Header = append(t.Header, lv.Title)
		t.Numeric = append(t.Numeric, true)
	}
	caption := l.T("Рисунок. Средний процент от максимума по компонентам")
	if group != "" {
		caption += ": " + group
	}
	return append(out, t, doc.Figure{Chart: bars, Caption: caption + ".", WidthCm: 16})
}

func deficitBlocks(s *summary.Summary, st summary.Stats) []doc.Block {
	l, u := s.Lang, summaryUnits(s)
	if len(st.Deficits) == 0 || st.Deficits[0].Schools == 0 {
		return []doc.Block{doc.Text(u.say("Дефицитов нет: все школы набрали максимум по всем применимым показателям.",
			"Дефицитов нет: везде набран максимум по всем применимым показателям."))}
	}
	titles := map[string]string{}
	for _, c := range s.Components {
		titles[c.ID] = c.Title
	}
	t := doc.Table{Header: []string{l.T("№"), l.T("Показатель"), l.T("Компонент"), u.say("Школ с дефицитом", "С дефицитом"), l.T("Доля")},
		Numeric: []bool{false, false, false, true, true}}
	for i, df := range st.Deficits {
		if i == TopDeficits || df.Schools == 0 {
			break
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{doc.C(df.Indicator), indicatorCell(df.Title, df.Critical, l.T("критический")),
			doc.C(titles[df.Component]), doc.C(l.T("%d из %d", df.Schools, df.Applicable)), doc.C(l.Percent(df.Share*100) + " %")}})
	}
	top := st.Deficits[0]
	if u.school() {
		return []doc.Block{doc.Text(fmt.Sprintf("Самый распространённый дефицит — показатель %s «%s»: он ниже максимума у %s из %d, где применим. "+
			"Ниже — %s, по доле школ.", top.Indicator, top.Title, ru.SchoolsOf(top.Schools), top.Applicable,
			ru.Count(len(t.Rows), "самый частый дефицит", "самых частых дефицита", "самых частых дефицитов"))), t}
	}
	return []doc.Block{doc.Text(l.T("Самый распространённый дефицит — показатель %s «%s»: он ниже максимума в %d случаях из %d, где применим. Ниже — самые частые дефициты (%d), по доле.",
		top.Indicator, top.Title, top.Schools, top.Applicable, len(t.Rows))), t}
}

func belowBaseBlocks(s *summary.Summary, st summary.Stats) []doc.Block {
	l, u := s.Lang, summaryUnits(s)
	if len(st.BelowBase) == 0 {
		return []doc.Block{doc.Text(u.say("Школ уровня «%s» нет.", "На уровне «%s» — никого.", s.Levels[0].Title))}
	}
	t := doc.Table{Header: []string{capitalized(u.r.One), l.T("Код"), u.Group(), l.T("Баллы"), l.T("Причины")}}
	for _, b := range st.BelowBase {
		var reasons doc.Cell
		for i, r := range b.Reasons {
			reasons = append(reasons, doc.Run{Text: r, Break: i > 0})
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{doc.C(cmp.Or(b.Name, b.Source)), doc.C(b.Code), doc.C(b.Municipality),
			doc.C(l.T("%d из %d (%s %%)", b.Points, b.Max, l.Percent(b.Percent))), reasons}})
	}
	return []doc.Block{doc.Text(l.T("На уровне «%s» — %s; причины — невыполненные критические показатели и (или) недобор баллов до порога.",
		s.Levels[0].Title, u.count(len(st.BelowBase)))), t}
}

func municipalitiesTable(s *summary.Summary) doc.Table {
	l, u := s.Lang, summaryUnits(s)
	t := doc.Table{ID: "municipalities", Header: []string{u.Group(), u.Counted(), l.T("Средний %")}, Numeric: []bool{false, true, true}}
	for _, lv := range s.Levels {
		t.Header = append(t.Header, lv.Title)
		t.Numeric = append(t.Numeric, true)
	}
	for _, m := range s.Municipalities {
		row := doc.Cells(m.Name, strconv.Itoa(m.Stats.Schools), l.Percent(m.Stats.MeanPercent))
		for _, lc := range m.Stats.Levels {
			row = append(row, doc.C(strconv.Itoa(lc.Count)))
		}
		t.Rows = append(t.Rows, doc.Row{Cells: row})
	}
	return t
}

// changeBlocks are the note's section on the changes since the previous
// self-diagnosis.
func changeBlocks(s *summary.Summary, ch *DistrictChange) []doc.Block {
	l, u := s.Lang, summaryUnits(s)
	out := []doc.Block{doc.Text(l.T("Сравнение с прошлой самодиагностикой (%s): в обеих — %s, только в прошлой — %d, только в нынешней — %d. "+
		"Уровень повысили %d, сохранили %d, понизили %d.", ch.Previous, u.count(ch.Matched), ch.OnlyOld, ch.OnlyNew, ch.Up, ch.Same, ch.Down))}
	tr := doc.Table{Header: []string{l.T("Было"), l.T("Стало"), u.Counted()}, Numeric: []bool{false, false, true}}
	for _, t := range ch.Transitions {
		tr.Rows = append(tr.Rows, doc.Row{Cells: doc.Cells(t.From, t.To, strconv.Itoa(t.Schools))})
	}
	means := doc.Table{Header: []string{l.T("Средний процент"), l.T("Было, %"), l.T("Стало, %")}, Numeric: []bool{false, true, true}}
	for _, m := range ch.Means {
		means.Rows = append(means.Rows, doc.Row{Cells: doc.Cells(m.Title, m.Old, m.New)})
	}
	out = append(out, tr, means)
	for _, list := range []struct {
		title string
		items []DeficitChange
	}{{l.T("Чаще всего закрыты дефициты"), ch.Closed}, {l.T("Чаще всего новые дефициты"), ch.Opened}} {
		if len(list.items) == 0 {
			continue
		}
		t := doc.Table{Header: []string{l.T("Показатель"), u.Counted()}, Numeric: []bool{false, true}}
		for _, x := range list.items {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(x.Indicator, strconv.Itoa(x.Schools))})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(list.title + ":")}}, t)
	}
	if len(ch.Fallers) > 0 {
		t := doc.Table{Header: []string{capitalized(u.r.One), l.T("Было"), l.T("Стало"), l.T("Причины")}}
		for _, f := range ch.Fallers {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(f.School, f.From, f.To, f.Reasons)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(l.T("Понизили уровень:"))}}, t)
	}
	return out
}

// dataBlocks are the note's section on the data: files read and not,
// blank templates, repeated submissions, spellings of groups, the first
// data problems and the notices.
func dataBlocks(s *summary.Summary) []doc.Block {
	c := s.Counts
	l, u := s.Lang, summaryUnits(s)
	out := []doc.Block{doc.Text(l.T("Файлов: %d, из них не прочитано: %d; пустых шаблонов: %d; повторных подач, не учтённых в сводке: %d. ", c.Files, c.Failed, c.Empty, c.Duplicates) +
		u.say("Проблемы в данных — %d у %s; неполные ответы — у %s.", "Проблемы в данных — %d (%s); неполные ответы — %s.", c.Problems, u.of(c.WithProblems), u.of(c.Incomplete)))}
	files := func(title string, fs []summary.Failure) {
		if len(fs) == 0 {
			return
		}
		list := doc.List{Class: "problems"}
		for _, f := range fs {
			list.Items = append(list.Items, []doc.Run{doc.T(f.File + ": " + f.Message)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(fmt.Sprintf("%s (%d):", title, len(fs)))}}, list)
	}
	files(l.T("Не прочитаны"), s.Failures)
	files(l.T("Пустые шаблоны — не учтены"), s.Empty)
	files(l.T("Пропущены — не файлы ответов"), s.PassedOver)
	one := capitalized(u.r.One)
	if len(s.IncompleteSchools) > 0 {
		t := doc.Table{Header: []string{one, l.T("Код"), u.Group(), l.T("Нет ответа"), l.T("Не распознано"), l.T("Файл")},
			Numeric: []bool{false, false, false, true, true, false}}
		for _, x := range s.IncompleteSchools {
			file := x.Source
			if x.Row > 0 {
				file += l.T(", строка %d", x.Row)
			}
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(cmp.Or(x.Name, l.T("без наименования")), x.Code, x.Municipality,
				l.T("%d из %d", x.Missing, x.Applicable), strconv.Itoa(x.Invalid), file)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(l.T("Неполные анкеты — не вошли в распределение, средние и частоты дефицитов (%d):", len(s.IncompleteSchools)))}}, t,
			doc.P(doc.Note, u.say("Пропущенный или нераспознанный ответ засчитывался бы как 0 баллов и дефицит. Пусть школа дополнит анкету и пришлёт её снова.",
				"Пропущенный или нераспознанный ответ засчитывался бы как 0 баллов и дефицит. Анкету стоит дополнить и прислать снова.")))
	}
	if len(s.Duplicates) > 0 {
		t := doc.Table{Header: []string{one, l.T("Не учтена"), l.T("Учтена"), l.T("Совпадает"), l.T("Почему")}}
		for _, dp := range s.Duplicates {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(dp.School, dp.Source, cmp.Or(dp.FirstSource, l.T("ни одна подача")), dp.By, dp.Reason)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(l.T("Повторные подачи — не учтены (%d):", len(s.Duplicates)))}}, t)
	}
	if len(s.MunicipalityNotes) > 0 {
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(u.say("Муниципалитеты:", "Группы:"))}}, textList("", s.MunicipalityNotes))
	}
	if len(s.Problems) > 0 {
		t := doc.Table{Header: []string{one, l.T("Где"), l.T("Что")}}
		for _, p := range s.Problems[:min(TopProblems, len(s.Problems))] {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(p.School, p.Location, p.Message)})
		}
		out = append(out, doc.Paragraph{Runs: []doc.Run{doc.B(l.T("Проблемы в данных (%d):", c.Problems))}}, t)
		if n := c.Problems - len(t.Rows); n > 0 {
			out = append(out, doc.P(doc.Note, u.say("Показаны первые %d; ещё %d — в сводке xlsx (лист «Ошибки»), в JSON и в отчётах школ.",
				"Показаны первые %d; ещё %d — в сводке xlsx (лист «Ошибки»), в JSON и в отдельных отчётах.", len(t.Rows), n)))
		}
	}
	if c.NotApplicable > 0 {
		out = append(out, doc.P(doc.Note, u.say("Ответов «не применимо»: %d — эти показатели у таких школ не оцениваются и не входят в их максимум.",
			"Ответов «не применимо»: %d — такие показатели не оцениваются и не входят в максимум.", c.NotApplicable)))
	}
	if c.Notices > 0 {
		out = append(out, doc.P(doc.Note, u.say("Замечания, на баллы не влияющие: %d (ответы на показатели, которые к школе не относятся; список — в отчётах школ).",
			"Замечания, на баллы не влияющие: %d (ответы на неприменимые показатели; список — в отдельных отчётах).", c.Notices)))
	}
	return out
}
