package compare

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/safetext"
)

// WriteJSON writes the comparison as selfdiag.compare/v1: indented, but
// each school on a line of its own (a region's comparison has tens of
// thousands).
func WriteJSON(w io.Writer, rep *Report) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	value := func(v any, indent string) ([]byte, error) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if indent != "" {
			enc.SetIndent(indent, "  ")
		}
		err := enc.Encode(v)
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
	}
	bw.WriteString("{\n")
	for _, f := range []struct {
		key string
		v   any
	}{{"schema", rep.Schema}, {"old", rep.Old}, {"new", rep.New}, {"indicators", rep.Indicators}} {
		b, err := value(f.v, "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "  %q: %s,\n", f.key, b)
	}
	bw.WriteString("  \"schools\": [")
	for i := range rep.Schools {
		b, err := value(&rep.Schools[i], "")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(b)
	}
	if len(rep.Schools) > 0 {
		bw.WriteString("\n  ")
	}
	b, err := value(rep.District, "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "],\n  \"district\": %s\n}\n", b)
	return bw.Flush()
}

// Titles names the levels of both sides for writers.
type Titles struct {
	Old, New map[string]string // level id -> title
	// Indicator titles by id, from the new model, else the old.
	Indicators map[string]string
	// order lists each side's level ids, low to high.
	order struct{ old, cur []string }
}

// TitlesOf collects the titles of both sides.
func TitlesOf(old, cur *Side) Titles {
	t := Titles{Old: map[string]string{}, New: map[string]string{}, Indicators: map[string]string{}}
	for _, l := range old.Levels {
		t.Old[l.ID] = l.Title
		t.order.old = append(t.order.old, l.ID)
	}
	for _, l := range cur.Levels {
		t.New[l.ID] = l.Title
		t.order.cur = append(t.order.cur, l.ID)
	}
	for _, side := range []*Side{old, cur} {
		for _, ind := range side.Indicators {
			if ind.Title != "" {
				t.Indicators[ind.ID] = ind.Title
			}
		}
	}
	return t
}

func (t Titles) level(old bool, id string) string {
	m := t.New
	if old {
		m = t.Old
	}
	if title, ok := m[id]; ok {
		return title
	}
	if id == "" {
		return "нет уровня"
	}
	return id
}

func tallyText(t *Tally, titles Titles, old bool) string {
	return report.ChangeTallyText(titles.changeTally(t, old))
}

// changeTally is a tally with its level's title, as reports show it.
func (titles Titles) changeTally(t *Tally, old bool) *report.ChangeTally {
	if t == nil {
		return nil
	}
	return &report.ChangeTally{Points: t.Points, Max: t.Max, Percent: t.Percent, LevelTitle: titles.level(old, t.Level)}
}

// changeText is report.LevelChangeText of a change that may be unknown.
func changeText(d *int) string {
	if d == nil {
		return ""
	}
	return report.LevelChangeText(*d)
}

func meanText(v *float64) string {
	if v == nil {
		return "—"
	}
	return report.Percent(*v)
}

// WriteText writes the comparison for a person.
func WriteText(w io.Writer, rep *Report, titles Titles) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("СРАВНЕНИЕ САМОДИАГНОСТИК\n")
	p("Было: %s — школ %d.\n", safetext.Terminal(rep.Old.Model.String()), rep.Old.Schools)
	p("Стало: %s — школ %d.\n", safetext.Terminal(rep.New.Model.String()), rep.New.Schools)
	if ic := rep.Indicators; len(ic.OnlyOld)+len(ic.OnlyNew)+len(ic.MaxChanged) > 0 {
		p("Модели различаются; эти показатели сравниваются только в процентах:\n")
		if len(ic.OnlyOld) > 0 {
			p("  только в прежней модели: %s\n", strings.Join(ic.OnlyOld, ", "))
		}
		if len(ic.OnlyNew) > 0 {
			p("  только в новой модели: %s\n", strings.Join(ic.OnlyNew, ", "))
		}
		for _, mc := range ic.MaxChanged {
			p("  показатель %s: максимум %d → %d\n", mc.ID, mc.OldMax, mc.NewMax)
		}
	}
	both, onlyOld, onlyNew := 0, 0, 0
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
	p("Школы: в обеих самодиагностиках %d; только в прежней %d; только в новой %d.\n", both, onlyOld, onlyNew)
	writeDistrictText(&b, rep.District, titles)
	for _, m := range rep.District.Municipalities {
		p("\n── %s ──\n", safetext.Terminal(m.Name))
		writeDistrictText(&b, m, titles)
	}
	p("\nПО ШКОЛАМ\n")
	for _, sc := range rep.Schools {
		if sc.Match != MatchBoth {
			continue
		}
		p("%s\n", safetext.Terminal(sc.School.Title()))
		p("  было: %s\n  стало: %s — %s\n", tallyText(sc.Total.Old, titles, true), tallyText(sc.Total.New, titles, false), changeText(sc.Total.LevelChange))
		p("  дефициты: закрыто %d, осталось %d, новых %d", len(sc.DeficitsClosed), len(sc.DeficitsPersisting), len(sc.DeficitsNew))
		if len(sc.CriticalFixed) > 0 {
			p("; критические исправлены: %s", strings.Join(sc.CriticalFixed, ", "))
		}
		if len(sc.CriticalNew) > 0 {
			p("; критические новые: %s", strings.Join(sc.CriticalNew, ", "))
		}
		if sc.PlanReached != nil {
			if *sc.PlanReached {
				p("; цель прошлого плана достигнута")
			} else {
				p("; цель прошлого плана не достигнута")
			}
		}
		p("\n")
	}
	for _, which := range []string{MatchOnlyOld, MatchOnlyNew} {
		var names []string
		for _, sc := range rep.Schools {
			if sc.Match == which {
				names = append(names, safetext.Terminal(sc.School.Title()))
			}
		}
		if len(names) == 0 {
			continue
		}
		head := "Только в прежней самодиагностике"
		if which == MatchOnlyNew {
			head = "Только в новой самодиагностике"
		}
		p("\n%s (%d):\n  %s\n", head, len(names), strings.Join(names, "\n  "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeDistrictText(b *strings.Builder, d District, titles Titles) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\nПереходы уровней (было → стало: школ):\n")
	if len(d.Transitions) == 0 {
		p("  нет школ в обеих самодиагностиках\n")
	}
	for _, t := range d.Transitions {
		p("  %s → %s: %d\n", titles.level(true, t.From), titles.level(false, t.To), t.Schools)
	}
	p("Средний процент от максимума (было → стало):\n")
	width := 0
	for _, c := range append([]ComponentMeans{d.Total}, d.Components...) {
		width = max(width, len([]rune(c.Title)))
	}
	for _, c := range append([]ComponentMeans{d.Total}, d.Components...) {
		p("  %s%s  %6s → %s\n", c.Title, strings.Repeat(" ", width-len([]rune(c.Title))), meanText(c.Old), meanText(c.New))
	}
	closed, opened := topDeficits(d.Deficits, func(x DeficitCount) int { return x.Closed }), topDeficits(d.Deficits, func(x DeficitCount) int { return x.New })
	if len(closed) > 0 {
		p("Чаще всего закрыты дефициты:\n")
		for _, x := range closed {
			p("  %s «%s» — %s\n", x.ID, safetext.Terminal(cmp.Or(x.Title, titles.Indicators[x.ID])), ru.Schools(x.Closed))
		}
	}
	if len(opened) > 0 {
		p("Чаще всего новые дефициты:\n")
		for _, x := range opened {
			p("  %s «%s» — %s\n", x.ID, safetext.Terminal(cmp.Or(x.Title, titles.Indicators[x.ID])), ru.Schools(x.New))
		}
	}
	p("Уровень повысили: %d; сохранили: %d; понизили: %d\n", d.Moved.Up, d.Moved.Same, d.Moved.Down)
	for _, f := range d.Fallers {
		p("  %s: %s → %s; %s\n", safetext.Terminal(f.School.Title()), titles.level(true, f.From), titles.level(false, f.To), safetext.Terminal(strings.Join(f.Reasons, "; ")))
	}
}

// TopDeficits is how many deficits closed and opened the writers list.
const TopDeficits = 10

func topDeficits(all []DeficitCount, by func(DeficitCount) int) []DeficitCount {
	var out []DeficitCount
	for _, d := range all {
		if by(d) > 0 {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b DeficitCount) int { return cmp.Compare(by(b), by(a)) })
	return out[:min(len(out), TopDeficits)]
}

// WriteCSV writes a row per school (';', UTF-8 with a BOM, as Excel
// opens it).
func WriteCSV(w io.Writer, rep *Report, titles Titles) error {
	cw, err := safetext.NewCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"Код ОО", "Наименование ОО", "Муниципалитет", "Сопоставление",
		"Было: баллы", "Было: максимум", "Было: %", "Было: уровень", "Стало: баллы", "Стало: максимум", "Стало: %", "Стало: уровень",
		"Изменение уровня", "Дефициты закрыты", "Дефициты остались", "Дефициты новые", "Критические исправлены", "Критические новые", "Цель плана достигнута"})
	matchTitle := map[string]string{MatchBoth: "в обеих", MatchOnlyOld: "только прежняя", MatchOnlyNew: "только новая"}
	for _, sc := range rep.Schools {
		row := []string{sc.School.Code, sc.School.Name, sc.School.Municipality, matchTitle[sc.Match]}
		row = append(row, tallyCells(sc.Total.Old, titles, true)...)
		row = append(row, tallyCells(sc.Total.New, titles, false)...)
		change := ""
		if sc.Total.LevelChange != nil {
			change = strconv.Itoa(*sc.Total.LevelChange)
		}
		reached := ""
		if sc.PlanReached != nil {
			reached = map[bool]string{true: "да", false: "нет"}[*sc.PlanReached]
		}
		row = append(row, change, strings.Join(sc.DeficitsClosed, ", "), strings.Join(sc.DeficitsPersisting, ", "), strings.Join(sc.DeficitsNew, ", "),
			strings.Join(sc.CriticalFixed, ", "), strings.Join(sc.CriticalNew, ", "), reached)
		if err := cw.Write(safetext.CSVRecord(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func tallyCells(t *Tally, titles Titles, old bool) []string {
	if t == nil {
		return []string{"", "", "", ""}
	}
	return []string{strconv.Itoa(t.Points), strconv.Itoa(t.Max), report.Percent(t.Percent), titles.level(old, t.Level)}
}
