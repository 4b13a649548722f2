package report

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// WriteSummaryCSV writes the schools table.
func WriteSummaryCSV(w io.Writer, s *summary.Summary) error {
	cw, err := safetext.NewCSV(w)
	if err != nil {
		return err
	}
	head := []string{"Файл", "Строка", "Наименование ОО", "Код ОО", "Муниципалитет", "Баллы", "Макс", "%", "Уровень"}
	for _, c := range s.Components {
		head = append(head, c.Title+", %", c.Title+", уровень")
	}
	head = append(head, "Дефицитов", "Невыполненные критические", "Неполные ответы", "Проблем в данных", "Модель")
	cw.Write(safetext.CSVRecord(head))
	for _, r := range s.Schools {
		row := ""
		if r.Row > 0 {
			row = strconv.Itoa(r.Row)
		}
		rec := []string{r.Source, row, r.Name, r.Code, r.Municipality, strconv.Itoa(r.Points), strconv.Itoa(r.Max), Percent(r.Percent), r.LevelTitle}
		for _, cc := range r.Components {
			rec = append(rec, Percent(cc.Percent), levelTitle(s, cc.Level))
		}
		rec = append(rec, strconv.Itoa(r.Deficits), strings.Join(r.CriticalFailures, ", "), yesNo(r.Incomplete), strconv.Itoa(r.Problems), ModelID(s.Model))
		cw.Write(safetext.CSVRecord(rec))
	}
	cw.Flush()
	return cw.Error()
}

func levelTitle(s *summary.Summary, i int) string {
	if i < 0 || i >= len(s.Levels) {
		return "—"
	}
	return s.Levels[i].Title
}

func shareText(x float64) string { return Percent(x * 100) }

// WriteSummaryText writes a compact terminal summary.
func WriteSummaryText(w io.Writer, s *summary.Summary) error {
	ew := &errWriter{w: w}
	c := s.Counts
	ew.printf("СВОДКА САМОДИАГНОСТИКИ: школ %d (файлов %d; с проблемами в данных %d; неполных %d; не прочитано файлов %d; повторов %d)\n",
		c.Schools, c.Files, c.WithProblems, c.Incomplete, c.Failed, c.Duplicates)
	ew.printf("Модель: %s — %s.\nИсточник модели: %s\n", ModelID(s.Model), s.Model.Title, s.Model.Source)
	if hint := regionHint(s.Model); hint != "" {
		ew.printf("%s\n", hint)
	}
	writeStatsText(ew, s, s.Stats)
	if len(s.Municipalities) > 0 {
		ew.printf("\nПО МУНИЦИПАЛИТЕТАМ\n")
		rows := make([]levelRow, len(s.Municipalities))
		for i, m := range s.Municipalities {
			rows[i] = levelRow{m.Name, strconv.Itoa(m.Stats.Schools), m.Stats.Levels}
		}
		writeLevelTable(ew, s, "Муниципалитет", "Школ", rows)
		for _, m := range s.Municipalities {
			ew.printf("\n── %s ──\n", m.Name)
			writeStatsText(ew, s, m.Stats)
		}
	}
	if len(s.MunicipalityNotes) > 0 {
		ew.printf("\nМУНИЦИПАЛИТЕТЫ:\n")
		for _, n := range s.MunicipalityNotes {
			ew.printf("  %s\n", n)
		}
	}
	if len(s.Empty) > 0 {
		ew.printf("\nПУСТЫЕ ШАБЛОНЫ — не учтены (%d):\n", len(s.Empty))
		for _, f := range s.Empty {
			ew.printf("  %s: %s\n", f.File, f.Message)
		}
	}
	if len(s.Failures) > 0 {
		ew.printf("\nНЕ ПРОЧИТАНЫ (%d):\n", len(s.Failures))
		for _, f := range s.Failures {
			ew.printf("  %s: %s\n", f.File, f.Message)
		}
	}
	if len(s.Duplicates) > 0 {
		ew.printf("\nПОВТОРЫ — не учтены (%d):\n", len(s.Duplicates))
		for _, d := range s.Duplicates {
			ew.printf("  %s — %s; учтена: %s (совпадает %s; %s)\n", d.School, d.Source, cmp.Or(d.FirstSource, "ни одна подача"), d.By, d.Reason)
		}
	}
	if c.Problems > 0 {
		ew.printf("\nПРОБЛЕМЫ В ДАННЫХ: %d у %s\n", c.Problems, ru.SchoolsOf(c.WithProblems))
		school := ""
		for i, p := range s.Problems {
			if i >= TopProblems {
				ew.printf("  … и ещё %d: полный список — в JSON (problems), на листе «Ошибки» (--format xlsx) и в отчётах школ (--per-school)\n", c.Problems-i)
				break
			}
			if p.School != school {
				ew.printf("  %s\n", p.School)
				school = p.School
			}
			ew.printf("    %s: %s\n", p.Location, p.Message)
		}
	}
	if c.Notices > 0 {
		ew.printf("\nЗАМЕЧАНИЯ — на баллы не влияют: %d (ответы на показатели, которые к школе не относятся; список — в отчётах школ)\n", c.Notices)
	}
	return ew.err
}

// TopProblems is how many data problems the text summary lists.
const TopProblems = 30

// TopDeficits is how many common deficits the text summary lists.
const TopDeficits = 15

// levelRow is a row of a level-count table: a name, one value, the counts.
type levelRow struct {
	name, value string
	levels      []summary.LevelCount
}

// writeLevelTable prints rows with a count column per level, aligned under
// the level titles.
func writeLevelTable(w *errWriter, s *summary.Summary, nameHead, valueHead string, rows []levelRow) {
	width := utf8.RuneCountInString(nameHead)
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r.name))
	}
	w.printf("%-*s  %6s", width, nameHead, valueHead)
	for _, l := range s.Levels {
		w.printf("  %s", l.Title)
	}
	w.printf("\n")
	for _, r := range rows {
		w.printf("%-*s  %6s", width, r.name, r.value)
		for i, l := range r.levels {
			w.printf("  %*d", utf8.RuneCountInString(s.Levels[i].Title), l.Count)
		}
		w.printf("\n")
	}
}

func writeStatsText(w *errWriter, s *summary.Summary, st summary.Stats) {
	parts := make([]string, 0, len(st.Levels))
	for _, l := range st.Levels {
		parts = append(parts, fmt.Sprintf("%s %d (%s %%)", l.Title, l.Count, shareText(l.Share)))
	}
	w.printf("\nУровни школ: %s\n\n", strings.Join(parts, " · "))
	rows := make([]levelRow, len(st.Components))
	for i, c := range st.Components {
		rows[i] = levelRow{c.Title, Percent(c.MeanPercent), c.Levels}
	}
	writeLevelTable(w, s, "Компонент", "Ср. %", rows)
	if len(st.Weakest) > 0 {
		titles := make([]string, 0, len(st.Weakest))
		for _, id := range st.Weakest {
			for _, c := range st.Components {
				if c.ID == id {
					titles = append(titles, fmt.Sprintf("%s (%s %%)", c.Title, Percent(c.MeanPercent)))
				}
			}
		}
		w.printf("Слабые компоненты: %s\n", strings.Join(titles, ", "))
	}
	w.printf("\nЧастые дефициты (первые %d):\n", min(TopDeficits, len(st.Deficits)))
	for i, d := range st.Deficits {
		if i >= TopDeficits || d.Schools == 0 {
			break
		}
		mark := ""
		if d.Critical {
			mark = " [критический]"
		}
		w.printf("  %3s. %s%s — %d из %s (%s %%)\n", d.Indicator, d.Title, mark, d.Schools, ru.SchoolsOf(d.Applicable), shareText(d.Share))
	}
	w.printf("\nШколы «%s» (%d):\n", levelTitle(s, 0), len(st.BelowBase))
	for _, b := range st.BelowBase {
		name := b.Name
		if b.Code != "" {
			name += " (код " + b.Code + ")"
		}
		if b.Municipality != "" {
			name += ", " + b.Municipality
		}
		w.printf("  %s — %d из %d (%s %%)\n", name, b.Points, b.Max, Percent(b.Percent))
		for _, r := range b.Reasons {
			w.printf("      %s\n", r)
		}
	}
}
