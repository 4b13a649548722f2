package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

// Headings of the school report, laid out like sections 3.1 and 3.2 of a
// development programme.
const (
	schoolHeadResults  = "3.1. Результаты самодиагностики: баллы и уровни"
	schoolHeadDeficits = "3.2. Дефициты по магистральным направлениям и ключевым условиям"
	schoolHeadPlan     = "План перехода на следующий уровень"
	schoolHeadMeasures = "План мероприятий по устранению дефицитов"
	schoolHeadAnswers  = "Ответы по показателям"
	schoolHeadProblems = "Проблемы в данных"
	schoolHeadCritical = "Невыполненные критические показатели"
)

// SchoolDocument builds a school's report, the one document every format
// of it is rendered from: identity, results and levels (3.1), the change
// since the previous self-diagnosis, deficits (3.2), the next-level plan,
// the measures table to fill in, every answer and the data problems.
func SchoolDocument(m *model.Model, r *School) *doc.Document {
	v := newSchoolView(m, r)
	d := &doc.Document{Title: v.Words.Title, Levels: len(m.Levels), Colors: model.LevelColors(m.Levels), Lang: v.L}
	d.Blocks = append(d.Blocks, schoolIdentity(m, v), schoolResults(m, v))
	if v.Change != nil {
		d.Blocks = append(d.Blocks, schoolChange(v.L, v.Change))
	}
	d.Blocks = append(d.Blocks, schoolDeficits(v), schoolPlan(v), schoolMeasures(v), schoolAnswers(v), schoolProblems(v))
	return d
}

// percentRule is how every percent of a school's report is rounded, said
// once.
const percentRule = "Проценты школы округлены вниз до десятых (84,96 % — 84,9 %), поэтому процент не кажется выше порога, которого баллы не достигли; уровни считаются по точным баллам."

// measuresIntro introduces the measures table.
const measuresIntro = "Для плана мероприятий Программы развития: каждый дефицит, типовые меры из модели показателей и столбцы, которые школа заполняет сама."

// pointsOf is what «из» and «от» take: «из 1 балла», «от 5 баллов».
func pointsOf(l lang.Lang, n int) string {
	return l.Count(n, "балла", "баллов", "баллов")
}

// capitalized starts a sentence or a column title with a capital letter.
func capitalized(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func orNone(l lang.Lang, s string) string { return orDash(s, l.T("нет ответа")) }

func schoolIdentity(m *model.Model, v *schoolView) doc.Section {
	l := v.L
	var f doc.Fields
	if v.Territory != "" {
		f.Rows = append(f.Rows, doc.Field{Name: l.T("Территория"), Value: []doc.Run{doc.T(v.Territory)}})
	}
	r := &m.Respondent
	f.Rows = append(f.Rows, []doc.Field{{Name: r.Name.Title, Value: []doc.Run{doc.T(orDash(v.Name, "—"))}},
		{Name: r.Code.Title, Value: []doc.Run{doc.T(orDash(v.Code, "—"))}}}...)
	for i, g := range r.Groups {
		f.Rows = append(f.Rows, doc.Field{Name: g.Title, Value: []doc.Run{doc.T(orDash(v.Groups[i], "—"))}})
	}
	if v.Year != "" {
		f.Rows = append(f.Rows, doc.Field{Name: l.T("Год"), Value: []doc.Run{doc.T(v.Year)}})
	}
	if v.AsOf != "" {
		f.Rows = append(f.Rows, doc.Field{Name: l.T("По состоянию на"), Value: []doc.Run{doc.T(v.AsOf)}})
	}
	if len(r.Attributes) > 0 {
		profile := []doc.Run{doc.T(v.Profile)}
		if v.ProfileAssumed {
			profile = append(profile, doc.T(" "), doc.Run{Text: l.T("профиль не указан в файле: принят по умолчанию"), Muted: true})
		}
		f.Rows = append(f.Rows, doc.Field{Name: profileTitle(m), Value: profile})
	}
	f.Rows = append(f.Rows, doc.Field{Name: l.T("Файл ответов"), Value: []doc.Run{doc.T(v.Source)}},
		doc.Field{Name: l.T("Модель"), Value: []doc.Run{doc.T(ModelTitle(l, v.Model))}})
	return doc.Section{ID: "identity", Blocks: []doc.Block{
		doc.Heading{Level: 1, Text: v.Words.Heading}, f,
		doc.Paragraph{Style: doc.Caveat, ID: "model-source", Runs: []doc.Run{doc.T(l.T("Источник модели: %s", v.Model.Source))}},
	}}
}

// profileTitle names the respondent's attributes together: «Профиль
// школы» for the school, «Признаки» for another respondent.
func profileTitle(m *model.Model) string {
	if m.Respondent.IsSchool() {
		return "Профиль школы"
	}
	return m.Lang().T("Признаки")
}

// levelRun names a level, coloured by its index where a format colours.
func levelRun(level int, title string) doc.Run { return doc.Run{Text: title, Level: level + 1} }

func schoolResults(m *model.Model, v *schoolView) doc.Section {
	t := v.Total
	l := v.L
	total := []doc.Run{doc.T(l.T("Итог: ")), doc.B(strconv.Itoa(t.Points)), doc.T(l.T(" из %s%s — ", pointsOf(l, t.Max), t.PercentNote)), levelRun(t.Level, t.LevelTitle)}
	if t.CriticalApplied {
		total = append(total, doc.T(" "), doc.Run{Text: l.T("по баллам — «%s»; уровень понижен по правилу критических показателей", t.ByPointsTitle), Muted: true})
	}
	s := doc.Section{ID: "s31", Blocks: []doc.Block{
		doc.Heading{Level: 2, Text: v.Words.Results},
		doc.Text(schoolNarrative(m.Levels, v)),
		doc.Paragraph{Style: doc.Lead, ID: "total", Runs: total},
	}}
	add := func(b ...doc.Block) { s.Blocks = append(s.Blocks, b...) }
	if v.Incomplete {
		add(doc.P(doc.Note, l.T("Ответы неполные: непредставленные и нераспознанные ответы засчитаны как 0 баллов (см. «%s»).", l.T(schoolHeadProblems))))
	}
	comps := doc.Table{ID: "components", Header: []string{l.T("Компонент"), l.T("Вид"), l.T("Баллы"), l.T("Макс."), "%", l.T("Уровень")},
		Numeric: []bool{false, false, true, true, true, false}}
	for _, c := range v.Components {
		lvl := doc.Cell{levelRun(c.Level, c.LevelTitle)}
		if c.CriticalApplied {
			lvl = append(lvl, doc.T(" "), doc.Run{Text: l.T("понижен: критический показатель"), Badge: true})
		}
		comps.Rows = append(comps.Rows, doc.Row{Cells: append(doc.Cells(c.Title, c.Kind, strconv.Itoa(c.Points), strconv.Itoa(c.Max), c.Percent), lvl)})
	}
	comps.Rows = append(comps.Rows, doc.Row{Total: true, Cells: append(doc.Cells(l.T("Итог"), "", strconv.Itoa(t.Points), strconv.Itoa(t.Max), t.Percent),
		doc.Cell{levelRun(t.Level, t.LevelTitle)})})
	add(comps, doc.P(doc.Note, l.T(percentRule)), doc.Heading{Level: 3, Text: l.T("Пороги уровней для профиля школы")})
	thresholds := doc.Table{ID: "thresholds", Header: []string{"", l.T("С каких баллов начинается уровень")},
		Rows: []doc.Row{{Total: true, Cells: doc.Cells(l.T("Итог"), t.Thresholds)}}}
	for _, c := range v.Components {
		thresholds.Rows = append(thresholds.Rows, doc.Row{Cells: doc.Cells(c.Title, orDash(c.Thresholds, l.T("нет применимых показателей")))})
	}
	add(thresholds)
	if v.Peers {
		add(doc.Heading{Level: 3, Text: l.T(PeersHeading)}, schoolPeers(m, v))
	}
	add(schoolFigures(m, v)...)
	if !v.HasCritical {
		return s
	}
	add(doc.Heading{Level: 3, ID: "critical", Text: l.T(schoolHeadCritical)})
	if len(v.Critical) == 0 {
		add(doc.Text(l.T("Нет: все критические показатели набрали баллы.")))
		return s
	}
	crit := doc.Table{Header: []string{l.T("№"), l.T("Показатель"), l.T("Компонент"), l.T("Ответ"), l.T("Целевой ответ")}}
	for _, c := range v.Critical {
		crit.Rows = append(crit.Rows, doc.Row{Alert: true, Cells: doc.Cells(c.ID, c.Text, c.ComponentTitle, orNone(l, c.Answer), c.Target)})
	}
	add(doc.Text(l.T("Невыполненный критический показатель держит уровень по правилу критических показателей модели, сколько бы баллов ни было набрано.")), crit)
	return s
}

func schoolPeers(m *model.Model, v *schoolView) doc.Table {
	l := v.L
	t := doc.Table{ID: "peers", Header: []string{l.T("Компонент"), capitalized(m.Respondent.One) + ", %", l.T("Среднее по всем (%s), %%", m.Respondent.Many)},
		Numeric: []bool{false, true, true, true}}
	if v.MunicipalPeers {
		t.Header = append(t.Header, l.T("Среднее по «%s», %%", v.PeerMunicipality))
	}
	for _, c := range v.Components {
		row := doc.Cells(c.Title, c.Percent, c.District)
		if v.MunicipalPeers {
			row = append(row, doc.C(c.Municipal))
		}
		t.Rows = append(t.Rows, doc.Row{Cells: row})
	}
	return t
}

func schoolChange(l lang.Lang, ch *changeView) doc.Section {
	text := ch.Summary
	if ch.Plan != "" {
		text += " " + ch.Plan
	}
	s := doc.Section{ID: "change", Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T(ChangeHeading)}, doc.Text(text)}}
	t := doc.Table{Header: []string{l.T("Компонент"), l.T("Было"), l.T("Стало"), l.T("Изменение")}}
	for _, c := range ch.Components {
		t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(c.Title, c.Old, c.New, c.Change)})
	}
	s.Blocks = append(s.Blocks, t)
	for _, li := range ch.Lists(l) {
		if len(li.Items) > 0 {
			s.Blocks = append(s.Blocks, doc.Paragraph{Runs: []doc.Run{doc.B(fmt.Sprintf("%s (%d):", li.Title, len(li.Items))), doc.T(" " + strings.Join(li.Items, "; "))}})
		}
	}
	s.Blocks = append(s.Blocks, doc.P(doc.Note, l.T("Прошлая самодиагностика: %s.", ch.Previous)))
	return s
}

// indicatorCell is an indicator's text with its critical mark.
func indicatorCell(text string, critical bool, badge string) doc.Cell {
	c := doc.Cell{doc.T(text)}
	if critical {
		c = append(c, doc.T(" "), doc.Run{Text: badge, Badge: true})
	}
	return c
}

// answerCell is an answer with what was wrong with it.
func answerCell(answer, none, status string) doc.Cell {
	c := doc.Cell{doc.T(orDash(answer, none))}
	if status != "" {
		c = append(c, doc.T(" "), doc.Run{Text: status, Muted: true})
	}
	return c
}

func schoolDeficits(v *schoolView) doc.Section {
	l := v.L
	order := l.T("критические — первыми, затем по величине разрыва")
	if !v.HasCritical {
		order = l.T("по величине разрыва")
	}
	s := doc.Section{ID: "s32", PageBreak: true, Blocks: []doc.Block{doc.Heading{Level: 2, Text: v.Words.Deficits},
		doc.Text(l.T("Всего дефицитов: %d (показатели ниже максимума; %s).", v.DeficitCount, order))}}
	add := func(b ...doc.Block) { s.Blocks = append(s.Blocks, b...) }
	for _, c := range v.Components {
		add(doc.Heading{Level: 3, Text: fmt.Sprintf("%s (%s; %s %%, %s)", c.Title, c.Kind, c.Percent, c.LevelTitle)})
		if len(c.Deficits) == 0 {
			add(doc.Text(l.T("Дефицитов нет.")))
		} else {
			t := withComments(v, doc.Table{Class: "deficits", Header: []string{l.T("№"), l.T("Показатель"), l.T("Ответ"), l.T("Баллы"), l.T("Разрыв"), l.T("Цель (ответ на максимум)")},
				Numeric: []bool{false, false, false, true, true, false}})
			var measures doc.List
			for _, d := range c.Deficits {
				t.Rows = append(t.Rows, doc.Row{Alert: d.Failed, Cells: commentCell(v, d, doc.C(d.ID), indicatorCell(d.Text, d.Critical, l.T("критический")),
					answerCell(d.Answer, l.T("нет ответа"), d.Status), doc.C(l.T("%d из %d", d.Points, d.Max)), doc.C(strconv.Itoa(d.Gap)), doc.C(d.Target))})
				if len(d.Measures) > 0 {
					measures.Items = append(measures.Items, []doc.Run{doc.T(d.ID + ". " + d.Text + ": " + strings.Join(d.Measures, "; "))})
				}
			}
			add(t)
			if len(measures.Items) > 0 {
				add(doc.Paragraph{Runs: []doc.Run{doc.B(l.T("Типовые меры")), doc.T(l.T(" (из модели показателей):"))}}, measures)
			}
		}
		add(doc.Paragraph{Style: doc.Note, Runs: []doc.Run{doc.B(l.T("Следующий уровень.")), doc.T(" " + c.Plan)}})
	}
	return s
}

func schoolPlan(v *schoolView) doc.Section {
	l := v.L
	s := doc.Section{ID: "plan", PageBreak: true, Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T(schoolHeadPlan)}, doc.Text(v.Plan.Summary)}}
	if len(v.Plan.Steps) > 0 {
		t := doc.Table{Header: []string{l.T("Шаг"), l.T("№"), l.T("Показатель"), l.T("Компонент"), l.T("Сейчас (баллы)"), l.T("Цель (баллы)"), l.T("+ баллов")},
			Numeric: []bool{true, false, false, false, false, false, true}}
		for i, st := range v.Plan.Steps {
			t.Rows = append(t.Rows, doc.Row{Alert: st.Blocking, Cells: []doc.Cell{doc.C(strconv.Itoa(i + 1)), doc.C(st.ID),
				indicatorCell(st.Text, st.Blocking, l.T("критический: блокирует уровень")), doc.C(st.ComponentTitle),
				doc.C(fmt.Sprintf("%s (%d)", orNone(l, st.Answer), st.Points)), doc.C(fmt.Sprintf("%s (%d)", st.Target, st.TargetPoints)), doc.C(strconv.Itoa(st.Gain))}})
		}
		s.Blocks = append(s.Blocks, t)
	}
	var list doc.List
	for _, c := range v.Components {
		list.Items = append(list.Items, []doc.Run{doc.B(c.Title), doc.T(": " + c.Plan)})
	}
	s.Blocks = append(s.Blocks, doc.Heading{Level: 3, Text: l.T("По компонентам")}, list)
	return s
}

// measuresHeader heads the measures table of the programme's action plan.
func measuresHeader(l lang.Lang) []string {
	return []string{l.T("№"), l.T("Дефицит (показатель)"), l.T("Типовые меры (из модели показателей)"), l.T("Ответственный"), l.T("Срок"), l.T("Ожидаемый результат")}
}

// measureRows are the measures table's rows: a deficit each, its typical
// measures one per line, the last three columns empty to fill in.
func measureRows(v *schoolView) [][]doc.Cell {
	var rows [][]doc.Cell
	for _, c := range v.Components {
		for _, df := range c.Deficits {
			measures := doc.C("—")
			if len(df.Measures) > 0 {
				measures = nil
				for i, m := range df.Measures {
					measures = append(measures, doc.Run{Text: "• " + m, Break: i > 0})
				}
			}
			target := fmt.Sprintf("%s «%s»: %s → %s", c.Title, df.Text, orNone(v.L, df.Answer), df.Target)
			rows = append(rows, []doc.Cell{doc.C(df.ID), doc.C(target), measures, nil, nil, nil})
		}
	}
	return rows
}

func schoolMeasures(v *schoolView) doc.Section {
	l := v.L
	s := doc.Section{ID: "measures", Blocks: []doc.Block{doc.Heading{Level: 2, Text: v.Words.Measures}}}
	rows := measureRows(v)
	if len(rows) == 0 {
		s.Blocks = append(s.Blocks, doc.Text(l.T("Дефицитов нет: мероприятия по устранению дефицитов не нужны.")))
		return s
	}
	t := doc.Table{Class: "measures", Header: measuresHeader(l)}
	for _, r := range rows {
		t.Rows = append(t.Rows, doc.Row{Cells: r})
	}
	s.Blocks = append(s.Blocks, doc.Text(v.Words.MeasuresIntro), t)
	return s
}

func schoolAnswers(v *schoolView) doc.Section {
	l := v.L
	s := doc.Section{ID: "indicators", PageBreak: true, Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T(schoolHeadAnswers)}}}
	for _, c := range v.Components {
		t := withComments(v, doc.Table{Class: "indicators", Header: []string{l.T("№"), l.T("Показатель"), l.T("Ответ"), l.T("Баллы"), l.T("Макс.")},
			Numeric: []bool{false, false, false, true, true}})
		for _, iv := range c.Indicators {
			t.Rows = append(t.Rows, doc.Row{Alert: iv.Failed, Inactive: iv.NotApplicable, Cells: commentCell(v, iv, doc.C(iv.ID),
				indicatorCell(iv.Text, iv.Critical, l.T("критический")), answerCell(iv.Answer, "—", iv.Status), doc.C(strconv.Itoa(iv.Points)), doc.C(strconv.Itoa(iv.Max)))})
		}
		s.Blocks = append(s.Blocks, doc.Heading{Level: 3, Text: c.Title}, t)
	}
	return s
}

// CommentHeading heads the column of comments and evidence beside the
// answers.
const CommentHeading = "Комментарий / подтверждение"

// withComments adds the comment column beside the answer (the third
// column) when some answer has a comment.
func withComments(v *schoolView, t doc.Table) doc.Table {
	if !v.HasComments {
		return t
	}
	t.Header = slices.Insert(slices.Clone(t.Header), 3, v.L.T(CommentHeading))
	t.Numeric = slices.Insert(slices.Clone(t.Numeric), 3, false)
	return t
}

// commentCell is a row of cells with the indicator's comment beside its
// answer, when the tables show comments.
func commentCell(v *schoolView, iv indicatorView, cells ...doc.Cell) []doc.Cell {
	if !v.HasComments {
		return cells
	}
	return slices.Insert(cells, 3, doc.C(iv.Comment))
}

func schoolProblems(v *schoolView) doc.Section {
	l := v.L
	s := doc.Section{ID: "problems", Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T(schoolHeadProblems)}}}
	if len(v.Problems) == 0 {
		s.Blocks = append(s.Blocks, doc.Text(l.T("Нет.")))
	} else {
		s.Blocks = append(s.Blocks, textList("problems", v.Problems))
	}
	if len(v.Notices) > 0 {
		s.Blocks = append(s.Blocks, doc.Heading{Level: 3, Text: l.T("Замечания (на баллы не влияют)")}, textList("notices", v.Notices))
	}
	return s
}

func textList(class string, items []string) doc.List {
	l := doc.List{Class: class}
	for _, it := range items {
		l.Items = append(l.Items, []doc.Run{doc.T(it)})
	}
	return l
}
