package compare

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/ru"
)

const documentTitle = "Сравнение самодиагностик"

// Document builds the comparison, the one document its text, Markdown,
// HTML and Word forms are rendered from: both sides with their models'
// fingerprints, the single school's change when one is compared, the level
// transitions, the means then and now, the deficits closed and opened, the
// schools that fell a level, each municipality and every school.
func Document(rep *Report, titles Titles) *doc.Document {
	d := &doc.Document{Title: documentTitle}
	add := func(b ...doc.Block) { d.Blocks = append(d.Blocks, b...) }
	add(sidesSection(rep))
	if sc := singleSchool(rep); sc != nil {
		add(schoolSection(sc, titles))
	}
	add(transitionsSection(rep.District, titles), meansSection(rep.District), deficitsSection(rep.District, titles),
		fallersSection(rep.District, titles))
	if len(rep.District.Municipalities) > 0 {
		add(municipalitiesSection(rep.District.Municipalities))
	}
	add(schoolsSection(rep, titles))
	return d
}

// singleSchool is the one school on both sides, when only one is.
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

func sidesSection(rep *Report) doc.Section {
	both, onlyOld, onlyNew := matchCounts(rep)
	s := doc.Section{ID: "sides", Blocks: []doc.Block{
		doc.Heading{Level: 1, Text: documentTitle},
		doc.Fields{Rows: append(identity(rep), []doc.Field{
			{Name: "Было", Value: []doc.Run{doc.T(fmt.Sprintf("%s; %s", rep.Old.Model, ru.Schools(rep.Old.Schools)))}},
			{Name: "Стало", Value: []doc.Run{doc.T(fmt.Sprintf("%s; %s", rep.New.Model, ru.Schools(rep.New.Schools)))}}}...)},
		doc.Text(fmt.Sprintf("Школ в обеих самодиагностиках: %d; только в прежней: %d; только в новой: %d. Уровень повысили: %d, сохранили: %d, понизили: %d.",
			both, onlyOld, onlyNew, rep.District.Moved.Up, rep.District.Moved.Same, rep.District.Moved.Down)),
		doc.P(doc.Caveat, "Уровни сравниваются в моделях своих лет: изменение уровня — в шагах от уровня прошлой самодиагностики по её модели к уровню нынешней по нынешней. "+
			"Проценты школы округлены вниз, средние по району — до ближайшего."),
	}}
	ic := rep.Indicators
	if len(ic.OnlyOld)+len(ic.OnlyNew)+len(ic.MaxChanged) == 0 {
		return s
	}
	text := "Модели различаются; эти показатели сравниваются только в процентах."
	if len(ic.OnlyOld) > 0 {
		text += " Только в прежней: " + strings.Join(ic.OnlyOld, ", ") + "."
	}
	if len(ic.OnlyNew) > 0 {
		text += " Только в новой: " + strings.Join(ic.OnlyNew, ", ") + "."
	}
	var mc []string
	for _, x := range ic.MaxChanged {
		mc = append(mc, fmt.Sprintf("%s (%d → %d)", x.ID, x.OldMax, x.NewMax))
	}
	if len(mc) > 0 {
		text += " Изменился максимум: " + strings.Join(mc, ", ") + "."
	}
	s.Blocks = append(s.Blocks, doc.Paragraph{Style: doc.Note, ID: "models", Runs: []doc.Run{doc.T(text)}})
	return s
}

// identity names the territory and the date, where given.
func identity(rep *Report) []doc.Field {
	var out []doc.Field
	if rep.Territory != "" {
		out = append(out, doc.Field{Name: "Территория", Value: []doc.Run{doc.T(rep.Territory)}})
	}
	if t, err := time.Parse(time.DateOnly, rep.AsOf); err == nil {
		out = append(out, doc.Field{Name: "По состоянию на", Value: []doc.Run{doc.T(t.Format("02.01.2006"))}})
	}
	return out
}

// reachedText says whether the previous plan's level was reached.
func reachedText(b *bool) string {
	switch {
	case b == nil:
		return "—"
	case *b:
		return "да"
	}
	return "нет"
}

func orNo(ids []string) string { return cmp.Or(strings.Join(ids, ", "), "нет") }

func schoolSection(sc *SchoolChange, titles Titles) doc.Section {
	s := doc.Section{ID: "school", Blocks: []doc.Block{doc.Heading{Level: 2, Text: sc.School.Title()},
		doc.Text(fmt.Sprintf("Было: %s. Стало: %s — %s. Цель прошлого плана достигнута: %s.", tallyText(sc.Total.Old, titles, true),
			tallyText(sc.Total.New, titles, false), cmp.Or(changeText(sc.Total.LevelChange), "—"), reachedText(sc.PlanReached)))}}
	if len(sc.Components) >= 3 {
		old, cur := chart.Series{Name: "Было", Dashed: true}, chart.Series{Name: "Стало"}
		r := chart.RadarChart{}
		for _, c := range sc.Components {
			r.Labels = append(r.Labels, c.Title)
			old.Values, cur.Values = append(old.Values, percentOf(c.Old)), append(cur.Values, percentOf(c.New))
		}
		r.Series = []chart.Series{cur, old}
		s.Blocks = append(s.Blocks, doc.Figure{ID: "radar", Chart: r, WidthCm: 15,
			Caption: "Рисунок. Компоненты, % от максимума: пунктир — было, сплошная линия — стало."})
	}
	t := doc.Table{ID: "school-components", Header: []string{"Компонент", "Было", "Стало", "Изменение"}}
	for _, c := range sc.Components {
		t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(c.Title, tallyText(c.Old, titles, true), tallyText(c.New, titles, false), cmp.Or(changeText(c.LevelChange), "—"))})
	}
	s.Blocks = append(s.Blocks, t, doc.List{Items: [][]doc.Run{
		{doc.B("Дефициты закрыты:"), doc.T(" " + orNo(sc.DeficitsClosed))},
		{doc.B("Остались:"), doc.T(" " + orNo(sc.DeficitsPersisting))},
		{doc.B("Новые:"), doc.T(" " + orNo(sc.DeficitsNew))},
		{doc.B("Критические исправлены:"), doc.T(" " + orNo(sc.CriticalFixed) + "; "), doc.B("новые:"), doc.T(" " + orNo(sc.CriticalNew))},
	}})
	if len(sc.Commented) > 0 {
		c := doc.Table{ID: "school-comments", Header: []string{"№", "Было: ответ", "Комментарий / подтверждение", "Стало: ответ", "Комментарий / подтверждение"}}
		for _, a := range sc.Commented {
			c.Rows = append(c.Rows, doc.Row{Cells: doc.Cells(a.Indicator, cmp.Or(a.Old.Text, "—"), cmp.Or(a.Old.Comment, "—"), cmp.Or(a.New.Text, "—"), cmp.Or(a.New.Comment, "—"))})
		}
		s.Blocks = append(s.Blocks, doc.Paragraph{Runs: []doc.Run{doc.B("Ответы с комментариями и подтверждениями:")}}, c)
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
	t := doc.Table{ID: "transitions-table", Header: []string{"Было \\ Стало"}}
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
	s := doc.Section{ID: "transitions", Blocks: []doc.Block{doc.Heading{Level: 2, Text: "Переходы уровней"}}}
	if len(d.Transitions) == 0 {
		s.Blocks = append(s.Blocks, doc.Text("Нет школ в обеих самодиагностиках."))
		return s
	}
	s.Blocks = append(s.Blocks, doc.P(doc.Note, "Строки — уровень в прошлой самодиагностике, столбцы — в нынешней; в ячейке — число школ."), t)
	return s
}

func meansSection(d District) doc.Section {
	rows := append([]ComponentMeans{d.Total}, d.Components...)
	t := doc.Table{ID: "means", Header: []string{"Компонент", "Было, %", "Стало, %"}, Numeric: []bool{false, true, true}}
	var bells chart.Dumbbells
	for i, c := range rows {
		t.Rows = append(t.Rows, doc.Row{Total: i == 0, Cells: doc.Cells(c.Title, meanText(c.Old), meanText(c.New))})
		bells = append(bells, chart.Dumbbell{Label: c.Title, Old: c.Old, New: c.New, Value: meanText(c.Old) + " → " + meanText(c.New)})
	}
	return doc.Section{ID: "components", Blocks: []doc.Block{doc.Heading{Level: 2, Text: "Средний процент от максимума: было и стало"}, t,
		doc.Figure{ID: "dumbbells", Chart: bells, WidthCm: 16, Caption: "Рисунок. Средний процент от максимума: пустой маркер — было, заполненный — стало."}}}
}

func deficitsSection(d District, titles Titles) doc.Section {
	s := doc.Section{ID: "deficits", Blocks: []doc.Block{doc.Heading{Level: 2, Text: "Дефициты"}}}
	for _, part := range []struct {
		title, head string
		by          func(DeficitCount) int
	}{{"Чаще всего закрыты", "Закрыли школ", func(x DeficitCount) int { return x.Closed }}, {"Чаще всего новые", "Новые у школ", func(x DeficitCount) int { return x.New }}} {
		s.Blocks = append(s.Blocks, doc.Heading{Level: 3, Text: part.title})
		top := topDeficits(d.Deficits, part.by)
		if len(top) == 0 {
			s.Blocks = append(s.Blocks, doc.Text("Нет."))
			continue
		}
		t := doc.Table{Header: []string{"№", "Показатель", part.head, "Было с дефицитом", "Стало"}, Numeric: []bool{false, false, true, true, true}}
		for _, x := range top {
			t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(x.ID, cmp.Or(x.Title, titles.Indicators[x.ID]), strconv.Itoa(part.by(x)),
				strconv.Itoa(x.OldSchools), strconv.Itoa(x.NewSchools))})
		}
		s.Blocks = append(s.Blocks, t)
	}
	return s
}

func fallersSection(d District, titles Titles) doc.Section {
	s := doc.Section{ID: "fallers", Blocks: []doc.Block{doc.Heading{Level: 2, Text: fmt.Sprintf("Понизили уровень (%d)", len(d.Fallers))}}}
	if len(d.Fallers) == 0 {
		s.Blocks = append(s.Blocks, doc.Text("Нет."))
		return s
	}
	t := doc.Table{Header: []string{"Школа", "Муниципалитет", "Было", "Стало", "Причины"}}
	for _, f := range d.Fallers {
		var reasons doc.Cell
		for i, r := range f.Reasons {
			reasons = append(reasons, doc.Run{Text: r, Break: i > 0})
		}
		t.Rows = append(t.Rows, doc.Row{Cells: append(doc.Cells(f.School.Title(), f.School.Municipality, titles.level(true, f.From), titles.level(false, f.To)), reasons)})
	}
	s.Blocks = append(s.Blocks, t)
	return s
}

func municipalitiesSection(ms []District) doc.Section {
	t := doc.Table{ID: "municipalities-table", Header: []string{"Муниципалитет", "Школ было", "стало", "Средний % было", "стало", "Выше", "Так же", "Ниже"},
		Numeric: []bool{false, true, true, true, true, true, true, true}}
	for _, m := range ms {
		t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(m.Name, strconv.Itoa(m.Schools.Old), strconv.Itoa(m.Schools.New), meanText(m.Total.Old),
			meanText(m.Total.New), strconv.Itoa(m.Moved.Up), strconv.Itoa(m.Moved.Same), strconv.Itoa(m.Moved.Down))})
	}
	return doc.Section{ID: "municipalities", Blocks: []doc.Block{doc.Heading{Level: 2, Text: "По муниципалитетам"}, t}}
}

func schoolsSection(rep *Report, titles Titles) doc.Section {
	t := doc.Table{ID: "schools-table", Header: []string{"Школа", "Муниципалитет", "Было", "Стало", "Изменение", "Закрыто", "Новых", "Критические новые", "Цель плана"},
		Numeric: []bool{false, false, false, false, false, true, true, false, false}}
	only := map[string]*doc.List{MatchOnlyOld: {}, MatchOnlyNew: {}}
	for _, sc := range rep.Schools {
		if l := only[sc.Match]; l != nil {
			name := sc.School.Title()
			if sc.School.Municipality != "" {
				name += ", " + sc.School.Municipality
			}
			l.Items = append(l.Items, []doc.Run{doc.T(name)})
			continue
		}
		t.Rows = append(t.Rows, doc.Row{Cells: doc.Cells(sc.School.Title(), sc.School.Municipality, tallyText(sc.Total.Old, titles, true),
			tallyText(sc.Total.New, titles, false), cmp.Or(changeText(sc.Total.LevelChange), "—"), strconv.Itoa(len(sc.DeficitsClosed)),
			strconv.Itoa(len(sc.DeficitsNew)), strings.Join(sc.CriticalNew, ", "), reachedText(sc.PlanReached))})
	}
	s := doc.Section{ID: "schools", Blocks: []doc.Block{doc.Heading{Level: 2, Text: "Школы"}, t}}
	for _, part := range []struct{ match, title string }{{MatchOnlyOld, "Только в прежней самодиагностике"}, {MatchOnlyNew, "Только в новой самодиагностике"}} {
		if l := only[part.match]; len(l.Items) > 0 {
			s.Blocks = append(s.Blocks, doc.Heading{Level: 3, Text: fmt.Sprintf("%s (%d)", part.title, len(l.Items))}, *l)
		}
	}
	return s
}
