package compare

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/lang"
)

const documentTitle = "Сравнение самодиагностик"

// Document builds the comparison, the one document its text, Markdown,
// HTML and Word forms are rendered from: both sides with their models'
// fingerprints, the single respondent's change when one is compared, the
// level transitions, the means then and now, the deficits closed and
// opened, the respondents that fell a level, each group and every
// respondent.
func Document(rep *Report, titles Titles) *doc.Document {
	d := &doc.Document{Title: titles.L.T(documentTitle), Lang: titles.L}
	add := func(b ...doc.Block) { d.Blocks = append(d.Blocks, b...) }
	add(sidesSection(rep, titles))
	if sc := singleSchool(rep); sc != nil {
		add(schoolSection(sc, titles))
	}
	add(transitionsSection(rep.District, titles), meansSection(rep.District, titles), deficitsSection(rep.District, titles),
		fallersSection(rep.District, titles))
	if len(rep.District.Municipalities) > 0 {
		add(municipalitiesSection(rep.District.Municipalities, titles))
	}
	add(schoolsSection(rep, titles))
	return d
}

// singleSchool is the one respondent on both sides, when only one is.
func singleSchool(rep *Report) *SchoolChange {
	var one *SchoolChange
	for i := range rep.Schools {
		if rep.Schools[i].Match == MatchBoth {
			if one != nil {
				return nil
			}
			one = &rep.Schools[i]
		}
	}
	return one
}

func matchCounts(rep *Report) (both, onlyOld, onlyNew int) {
	for _, sc := range rep.Schools {
		switch sc.Match {
		case MatchBoth:
			both++
		case MatchOnlyOld:
			onlyOld++
		default:
			onlyNew++
		}
	}
	return both, onlyOld, onlyNew
}

func sidesSection(rep *Report, titles Titles) doc.Section {
	l, u := titles.L, titles.Units
	both, onlyOld, onlyNew := matchCounts(rep)
	s := doc.Section{ID: "sides", Blocks: []doc.Block{
		doc.Heading{Level: 1, Text: l.T(documentTitle)},
		doc.Fields{Rows: append(identity(rep, l), []doc.Field{
			{Name: l.T("Было"), Value: []doc.Run{doc.T(fmt.Sprintf("%s; %s", modelName(l, rep.Old.Model), u.Count(rep.Old.Schools)))}},
			{Name: l.T("Стало"), Value: []doc.Run{doc.T(fmt.Sprintf("%s; %s", modelName(l, rep.New.Model), u.Count(rep.New.Schools)))}}}...)},
		doc.Text(u.Say("Школ в обеих самодиагностиках: %d; только в прежней: %d; только в новой: %d. Уровень повысили: %d, сохранили: %d, понизили: %d.",
			"В обеих самодиагностиках: %d; только в прежней: %d; только в новой: %d. Уровень повысили: %d, сохранили: %d, понизили: %d.",
			both, onlyOld, onlyNew, rep.District.Moved.Up, rep.District.Moved.Same, rep.District.Moved.Down)),
		doc.P(doc.Caveat, u.Say("Уровни сравниваются в моделях своих лет: изменение уровня — в шагах от уровня прошлой самодиагностики по её модели к уровню нынешней по нынешней. "+
			"Проценты школы округлены вниз, средние по району — до ближайшего.",
			"Уровни сравниваются в моделях своих лет: изменение уровня — в шагах от уровня прошлой самодиагностики по её модели к уровню нынешней по нынешней. "+
				"Отдельные проценты округлены вниз, средние — до ближайшего.")),
	}}
	ic := rep.Indicators
	if len(ic.OnlyOld)+len(ic.OnlyNew)+len(ic.MaxChanged) == 0 {
		return s
	}
	text := l.T("Модели различаются; эти показатели сравниваются только в процентах.")
	if len(ic.OnlyOld) > 0 {
		text += l.T(" Только в прежней: %s.", strings.Join(ic.OnlyOld, ", "))
	}
	if len(ic.OnlyNew) > 0 {
		text += l.T(" Только в новой: %s.", strings.Join(ic.OnlyNew, ", "))
	}
	var mc []string
	for _, x := range ic.MaxChanged {
		mc = append(mc, fmt.Sprintf("%s (%d → %d)", x.ID, x.OldMax, x.NewMax))
	}
	if len(mc) > 0 {
		text += l.T(" Изменился максимум: %s.", strings.Join(mc, ", "))
	}
	s.Blocks = append(s.Blocks, doc.Paragraph{Style: doc.Note, ID: "models", Runs: []doc.Run{doc.T(text)}})
	return s
}

// identity names the territory and the date, where given.
func identity(rep *Report, l lang.Lang) []doc.Field {
	var out []doc.Field
	if rep.Territory != "" {
		out = append(out, doc.Field{Name: l.T("Территория"), Value: []doc.Run{doc.T(rep.Territory)}})
	}
	if t, err := time.Parse(time.DateOnly, rep.AsOf); err == nil {
		out = append(out, doc.Field{Name: l.T("По состоянию на"), Value: []doc.Run{doc.T(l.Date(t))}})
	}
	return out
}

// reachedText says whether the previous plan's level was reached.
func reachedText(l lang.Lang, b *bool) string {
	switch {
	case b == nil:
		return "—"
	case *b:
		return l.T("да")
	}
	return l.T("нет")
}

func orNo(l lang.Lang, ids []string) string { return cmp.Or(strings.Join(ids, ", "), l.T("нет")) }

func schoolSection(sc *SchoolChange, titles Titles) doc.Section {
	l := titles.L
	s := doc.Section{ID: "school", Blocks: []doc.Block{doc.Heading{Level: 2, Text: sc.School.TitleIn(titles)},
		doc.Text(l.T("Было: %s. Стало: %s — %s. Цель прошлого плана достигнута: %s.", tallyText(sc.Total.Old, titles, true),
			tallyText(sc.Total.New, titles, false), cmp.Or(changeText(l, sc.Total.LevelChange), "—"), reachedText(l, sc.PlanReached)))}}
	if len(sc.Components) >= 3 {
		old, cur := chart.Series{Name: l.T("Было"), Dashed: true}, chart.Series{Name: l.T("Стало")}
		r := chart.RadarChart{Lang: l}
		for _, c := range sc.Components {
			r.Labels = append(r.Labels, c.Title)
			old.Values, cur.Values = append(old.Values, percentOf(c.Old)), append(cur.Values, percentOf(c.New))
		}
		r.Series = []chart.Series{cur, old}
		s.Blocks = append(s.Blocks, doc.Figure{ID: "radar", Chart: r, WidthCm: 15,
			Caption: l.T("Рисунок. Компоненты, % от максимума: пунктир — было, сплошная линия — стало.")})
	}
	t := doc.Table{ID: "school-components", Header: []string{l.T("Компонент"), l.T("Было"), l.T("Стало"), l.T("Изменение")}}
	for _, c := range sc.Components {
		t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(c.Title, tallyText(c.Old, titles, true), tallyText(c.New, titles, false), cmp.Or(changeText(l, c.LevelChange), "—"))})
	}
	s.Blocks = append(s.Blocks, t, doc.List{Items: [][]doc.Run{
		{doc.B(l.T("Дефициты закрыты:")), doc.T(" " + orNo(l, sc.DeficitsClosed))},
		{doc.B(l.T("Остались:")), doc.T(" " + orNo(l, sc.DeficitsPersisting))},
		{doc.B(l.T("Новые:")), doc.T(" " + orNo(l, sc.DeficitsNew))},
		{doc.B(l.T("Критические исправлены:")), doc.T(" " + orNo(l, sc.CriticalFixed) + "; "), doc.B(l.T("новые:")), doc.T(" " + orNo(l, sc.CriticalNew))},
	}})
	if len(sc.Commented) > 0 {
		comment := l.T("Комментарий / подтверждение")
		c := doc.Table{ID: "school-comments", Header: []string{l.T("№"), l.T("Было: ответ"), comment, l.T("Стало: ответ"), comment}}
		for _, a := range sc.Commented {
			c.Rows = append(c.Rows, doc.Row{Cells: doc.Cells(a.Indicator, cmp.Or(a.Old.Text, "—"), cmp.Or(a.Old.Comment, "—"), cmp.Or(a.New.Text, "—"), cmp.Or(a.New.Comment, "—"))})
		}
		s.Blocks = append(s.Blocks, doc.Paragraph{Runs: []doc.Run{doc.B(l.T("Ответы с комментариями и подтверждениями:"))}}, c)
	}
	return s
}

func percentOf(t *Tally) float64 {
	if t == nil {
		return 0
	}
	return t.Percent
}

// transitionsSection is the matrix of levels then (rows) and now
// (columns), both from the highest level down.
func transitionsSection(d District, titles Titles) doc.Section {
	l, u := titles.L, titles.Units
	t := doc.Table{ID: "transitions-table", Header: []string{l.T("Было \\ Стало")}}
	t.Numeric = []bool{false}
	cur := titles.order.cur
	for i := len(cur) - 1; i >= 0; i-- {
		t.Header = append(t.Header, titles.level(false, cur[i]))
		t.Numeric = append(t.Numeric, true)
	}
	count := map[[2]string]int{}
	for _, tr := range d.Transitions {
		count[[2]string{tr.From, tr.To}] = tr.Schools
	}
	old := titles.order.old
	for i := len(old) - 1; i >= 0; i-- {
		row := []doc.Cell{{doc.B(titles.level(true, old[i]))}}
		for j := len(cur) - 1; j >= 0; j-- {
			row = append(row, doc.C(strconv.Itoa(count[[2]string{old[i], cur[j]}])))
		}
		t.Rows = append(t.Rows, doc.Row{Cells: row})
	}
	s := doc.Section{ID: "transitions", Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T("Переходы уровней")}}}
	if len(d.Transitions) == 0 {
		s.Blocks = append(s.Blocks, doc.Text(u.Say("Нет школ в обеих самодиагностиках.", "Никого нет в обеих самодиагностиках.")))
		return s
	}
	s.Blocks = append(s.Blocks, doc.P(doc.Note, u.Say("Строки — уровень в прошлой самодиагностике, столбцы — в нынешней; в ячейке — число школ.",
		"Строки — уровень в прошлой самодиагностике, столбцы — в нынешней; в ячейке — сколько их.")), t)
	return s
}

func meansSection(d District, titles Titles) doc.Section {
	l := titles.L
	rows := append([]ComponentMeans{d.Total}, d.Components...)
	t := doc.Table{ID: "means", Header: []string{l.T("Компонент"), l.T("Было, %"), l.T("Стало, %")}, Numeric: []bool{false, true, true}}
	bells := chart.Dumbbells{Lang: l}
	for i, c := range rows {
		title := c.Title
		if i == 0 {
			title = l.T("Итог")
		}
		t.Rows = append(t.Rows, doc.Row{Total: i == 0, Cells: doc.Cells(title, meanText(l, c.Old), meanText(l, c.New))})
		bells.Rows = append(bells.Rows, chart.Dumbbell{Label: title, Old: c.Old, New: c.New, Value: meanText(l, c.Old) + " → " + meanText(l, c.New)})
	}
	return doc.Section{ID: "components", Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T("Средний процент от максимума: было и стало")}, t,
		doc.Figure{ID: "dumbbells", Chart: bells, WidthCm: 16, Caption: l.T("Рисунок. Средний процент от максимума: пустой маркер — было, заполненный — стало.")}}}
}

func deficitsSection(d District, titles Titles) doc.Section {
	l, u := titles.L, titles.Units
	s := doc.Section{ID: "deficits", Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T("Дефициты")}}}
	for _, part := range []struct {
		title, head string
		by          func(DeficitCount) int
	}{{l.T("Чаще всего закрыты"), u.Say("Закрыли школ", "Закрыли"), func(x DeficitCount) int { return x.Closed }},
		{l.T("Чаще всего новые"), u.Say("Новые у школ", "Новые"), func(x DeficitCount) int { return x.New }}} {
		s.Blocks = append(s.Blocks, doc.Heading{Level: 3, Text: part.title})
		top := topDeficits(d.Deficits, part.by)
		if len(top) == 0 {
			s.Blocks = append(s.Blocks, doc.Text(l.T("Нет.")))
			continue
		}
		t := doc.Table{Header: []string{l.T("№"), l.T("Показатель"), part.head, l.T("Было с дефицитом"), l.T("Стало")}, Numeric: []bool{false, false, true, true, true}}
		for _, x := range top {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(x.ID, cmp.Or(x.Title, titles.Indicators[x.ID]), strconv.Itoa(part.by(x)),
				strconv.Itoa(x.OldSchools), strconv.Itoa(x.NewSchools))})
		}
		s.Blocks = append(s.Blocks, t)
	}
	return s
}

func fallersSection(d District, titles Titles) doc.Section {
	l, u := titles.L, titles.Units
	s := doc.Section{ID: "fallers", Blocks: []doc.Block{doc.Heading{Level: 2, Text: l.T("Понизили уровень (%d)", len(d.Fallers))}}}
	if len(d.Fallers) == 0 {
		s.Blocks = append(s.Blocks, doc.Text(l.T("Нет.")))
		return s
	}
	t := doc.Table{Header: []string{u.One(), u.Group(), l.T("Было"), l.T("Стало"), l.T("Причины")}}
	for _, f := range d.Fallers {
		var reasons doc.Cell
		for i, r := range f.Reasons {
			reasons = append(reasons, doc.Run{Text: r, Break: i > 0})
		}
		t.Rows = append(t.Rows, doc.Row{Cells: append(doc.Cells(f.School.TitleIn(titles), f.School.Municipality, titles.level(true, f.From), titles.level(false, f.To)), reasons)})
	}
	s.Blocks = append(s.Blocks, t)
	return s
}

func municipalitiesSection(ms []District, titles Titles) doc.Section {
	l, u := titles.L, titles.Units
	t := doc.Table{ID: "municipalities-table", Header: []string{u.Group(), l.T("%s было", u.Counted()), l.T("стало"), l.T("Средний % было"), l.T("стало"), l.T("Выше"), l.T("Так же"), l.T("Ниже")},
		Numeric: []bool{false, true, true, true, true, true, true, true}}
	for _, m := range ms {
		t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(m.Name, strconv.Itoa(m.Schools.Old), strconv.Itoa(m.Schools.New), meanText(l, m.Total.Old),
			meanText(l, m.Total.New), strconv.Itoa(m.Moved.Up), strconv.Itoa(m.Moved.Same), strconv.Itoa(m.Moved.Down))})
	}
	return doc.Section{ID: "municipalities", Blocks: []doc.Block{doc.Heading{Level: 2, Text: u.Say("По муниципалитетам", "По группам «%s»", u.Group())}, t}}
}

func schoolsSection(rep *Report, titles Titles) doc.Section {
	l, u := titles.L, titles.Units
	t := doc.Table{ID: "schools-table", Header: []string{u.One(), u.Group(), l.T("Было"), l.T("Стало"), l.T("Изменение"), l.T("Закрыто"), l.T("Новых"), l.T("Критические новые"), l.T("Цель плана")},
		Numeric: []bool{false, false, false, false, false, true, true, false, false}}
	only := map[string]*doc.List{MatchOnlyOld: {}, MatchOnlyNew: {}}
	for _, sc := range rep.Schools {
		if list := only[sc.Match]; list != nil {
			name := sc.School.TitleIn(titles)
			if sc.School.Municipality != "" {
				name += ", " + sc.School.Municipality
			}
			list.Items = append(list.Items, []doc.Run{doc.T(name)})
			continue
		}
		t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(sc.School.TitleIn(titles), sc.School.Municipality, tallyText(sc.Total.Old, titles, true),
			tallyText(sc.Total.New, titles, false), cmp.Or(changeText(l, sc.Total.LevelChange), "—"), strconv.Itoa(len(sc.DeficitsClosed)),
			strconv.Itoa(len(sc.DeficitsNew)), strings.Join(sc.CriticalNew, ", "), reachedText(l, sc.PlanReached))})
	}
	s := doc.Section{ID: "schools", Blocks: []doc.Block{doc.Heading{Level: 2, Text: u.Plural()}, t}}
	for _, part := range []struct{ match, title string }{{MatchOnlyOld, l.T("Только в прежней самодиагностике")}, {MatchOnlyNew, l.T("Только в новой самодиагностике")}} {
		if list := only[part.match]; len(list.Items) > 0 {
			s.Blocks = append(s.Blocks, doc.Heading{Level: 3, Text: fmt.Sprintf("%s (%d)", part.title, len(list.Items))}, *list)
		}
	}
	return s
}
