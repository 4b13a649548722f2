package compare

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// WriteJSON writes the comparison as selfdiag.compare/v1 (v2, for a
// respondent other than the school, with its keys spelled by
// wire.NeutralKeys): indented, but each school on a line of its own (a
// region's comparison has tens of thousands).
func WriteJSON(w io.Writer, rep *Report) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var keys map[string]string
	if rep.Schema == wire.CompareSchemaV2 {
		keys = wire.NeutralKeys
	}
	value := func(v any, indent string) ([]byte, error) {
		if indent == "" {
			return wire.Marshal(v, keys, "", "")
		}
		return wire.Marshal(v, keys, indent, "  ")
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
	fmt.Fprintf(bw, "  %q: [", cmp.Or(keys["schools"], "schools"))
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

// Titles names the levels of both sides for writers, and gives them the
// words of the newer model's language and respondent (the older's when
// the newer side was read back from a run).
type Titles struct {
	L        lang.Lang
	Units    report.Units
	Old, New map[string]string // level id -> title
	// Indicator titles by id, from the new model, else the old.
	Indicators map[string]string
	// order lists each side's level ids, low to high.
	order struct{ old, cur []string }
}

// TitlesOf collects the titles of both sides.
func TitlesOf(old, cur *Side) Titles {
	t := Titles{Old: map[string]string{}, New: map[string]string{}, Indicators: map[string]string{}}
	t.L = sidesLang(old, cur)
	t.Units = report.UnitsOf(t.L, respondentOf(old, cur), "")
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
		return t.L.T("нет уровня")
	}
	return id
}

func tallyText(t *Tally, titles Titles, old bool) string {
	return report.ChangeTallyText(titles.L, titles.changeTally(t, old))
}

// changeTally is a tally with its level's title, as reports show it.
func (titles Titles) changeTally(t *Tally, old bool) *report.ChangeTally {
	if t == nil {
		return nil
	}
	return &report.ChangeTally{Points: t.Points, Max: t.Max, Percent: t.Percent, LevelTitle: titles.level(old, t.Level)}
}

// changeText is report.LevelChangeText of a change that may be unknown.
func changeText(l lang.Lang, d *int) string {
	if d == nil {
		return ""
	}
	return report.LevelChangeText(l, *d)
}

func meanText(l lang.Lang, v *float64) string {
	if v == nil {
		return "—"
	}
	return l.Percent(*v)
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
	l, r := titles.L, titles.Units.Respondent()
	head := []string{r.Code.Title, r.Name.Title, titles.Units.Group(), l.T("Сопоставление")}
	for _, h := range []string{"Было: баллы", "Было: максимум", "Было: %", "Было: уровень", "Стало: баллы", "Стало: максимум", "Стало: %", "Стало: уровень",
		"Изменение уровня", "Дефициты закрыты", "Дефициты остались", "Дефициты новые", "Критические исправлены", "Критические новые", "Цель плана достигнута"} {
		head = append(head, l.T(h))
	}
	cw.Write(head)
	matchTitle := map[string]string{MatchBoth: l.T("в обеих"), MatchOnlyOld: l.T("только прежняя"), MatchOnlyNew: l.T("только новая")}
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
			reached = reachedText(l, sc.PlanReached)
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
	return []string{strconv.Itoa(t.Points), strconv.Itoa(t.Max), titles.L.Percent(t.Percent), titles.level(old, t.Level)}
}
