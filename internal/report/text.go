package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// Percent prints a percentage the Russian way: "72,1".
func Percent(p float64) string { return model.FormatPercent(p) }

// SchoolTitle names a school for headings.
func SchoolTitle(r *scoring.Result) string {
	return r.School.Title("школа без наименования")
}

// ModelTitle names the model as a document does: title, version and
// fingerprint, without the technical id.
func ModelTitle(st scoring.ModelStamp) string {
	return fmt.Sprintf("%s, версия %s (отпечаток %s)", st.Title, st.Version, st.Hash)
}

// regionHint tells a terminal user how to score with the region's model;
// documents do not carry command lines.
func regionHint(st scoring.ModelStamp) string {
	if !st.Embedded {
		return ""
	}
	return "Для официальных расчётов загрузите модель региона: --model КАТАЛОГ."
}

// ModelID names the model and its files: id, version and fingerprint. Two
// models with the same id and version but different files differ here.
func ModelID(st scoring.ModelStamp) string {
	return fmt.Sprintf("%s, версия %s, отпечаток %s", st.ID, st.Version, st.Hash)
}

// WriteText writes a readable Russian summary of each result.
func WriteText(w io.Writer, m *model.Model, results []*School) error {
	ew := &errWriter{w: w}
	for i, r := range results {
		if i > 0 {
			ew.printf("\n%s\n\n", strings.Repeat("═", 72))
		}
		writeSchoolText(ew, m, r)
	}
	return ew.err
}

// errWriter prints until the first write error and keeps it, so that a
// writer of many lines checks once, at the end.
type errWriter struct {
	w   io.Writer
	err error
}

// Every text argument is a value from a file or a model: its control
// characters are made visible (safetext.Terminal), so that a school name
// cannot rewrite a terminal or forge lines of a report.
func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = safetext.Terminal(v)
		case fmt.Stringer:
			args[i] = safetext.Terminal(v.String())
		}
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}

func writeSchoolText(w *errWriter, m *model.Model, r *School) {
	w.printf("Самодиагностика: %s\n", SchoolTitle(r.Result))
	src := r.Source
	if r.Row > 0 {
		src += fmt.Sprintf(", строка %d", r.Row)
	}
	w.printf("Файл: %s\n", src)
	if r.School.Municipality != "" || r.School.Year != "" {
		w.printf("Муниципалитет: %s; год: %s\n", dash(r.School.Municipality), dash(r.School.Year))
	}
	prof := r.School.Profile.String()
	if r.ProfileAssumed {
		prof += " (профиль не указан, принят по умолчанию)"
	}
	w.printf("Профиль: %s\n", prof)
	w.printf("Модель: %s — %s.\nИсточник модели: %s\n", ModelID(r.Model), r.Model.Title, r.Model.Source)
	if hint := regionHint(r.Model); hint != "" {
		w.printf("%s\n", hint)
	}
	w.printf("\n")

	t := r.Total
	w.printf("ИТОГ: %d из %d баллов (%s %%), уровень «%s»\n", t.Points, t.Max, Percent(t.Percent), t.LevelTitle)
	if t.CriticalApplied && t.ByPoints != t.Level && t.ByPoints >= 0 {
		w.printf("  По баллам — «%s»; уровень изменён правилом критических показателей (%s).\n",
			m.Levels[t.ByPoints].Title, strings.Join(r.CriticalFailures, ", "))
	}
	if r.Incomplete {
		w.printf("  Внимание: ответы неполные или с ошибками — результат предварительный.\n")
	}
	w.printf("\n")

	width := utf8.RuneCountInString("Компонент")
	for _, c := range r.Components {
		width = max(width, utf8.RuneCountInString(c.Title))
	}
	w.printf("%-*s  %5s  %5s  %6s  %s\n", width, "Компонент", "Баллы", "Макс", "%", "Уровень")
	for _, c := range r.Components {
		lvl := c.LevelTitle
		if c.CriticalApplied && c.ByPoints != c.Level {
			lvl += " *"
		}
		w.printf("%-*s  %5d  %5d  %6s  %s\n", width, c.Title, c.Points, c.Max, Percent(c.Percent), lvl)
	}
	if hasCriticalChange(r.Result) {
		w.printf("* уровень понижен из-за невыполненного критического показателя\n")
	}
	w.printf("\nПороги уровней для профиля школы:\n  Итог: %s\n", thresholdsText(m, r.Total))
	for _, c := range r.Components {
		if t := thresholdsText(m, c.Tally); t != "" {
			w.printf("  %s: %s\n", c.Title, t)
		}
	}

	if len(r.CriticalFailures) > 0 {
		w.printf("\nНевыполненные критические показатели (%d):\n", len(r.CriticalFailures))
		for _, id := range r.CriticalFailures {
			text, answer := "", ""
			if is := indicatorScore(r.Result, id); is != nil {
				text, answer = is.Text, is.Answer
			}
			w.printf("  %s. %s — ответ: %s\n", id, text, answerText(answer))
		}
	}
	if ch := newChangeView(r.Change); ch != nil {
		w.printf("\n%s:\n  %s\n", ChangeHeading, ch.Summary)
		if ch.Plan != "" {
			w.printf("  %s\n", ch.Plan)
		}
		for _, c := range ch.Components {
			w.printf("  %s: %s → %s (%s)\n", c.Title, c.Old, c.New, c.Change)
		}
		for _, l := range ch.Lists() {
			if len(l.Items) > 0 {
				w.printf("  %s (%d): %s\n", l.Title, len(l.Items), strings.Join(l.Items, "; "))
			}
		}
	}

	w.printf("\nДефициты (%d):\n", len(r.Deficits))
	if len(r.Deficits) == 0 {
		w.printf("  нет: все применимые показатели набрали максимум\n")
	}
	for _, c := range r.Components {
		first := true
		for _, d := range r.Deficits {
			if d.Component != c.ID {
				continue
			}
			if first {
				w.printf("  %s\n", c.Title)
				first = false
			}
			mark := ""
			if d.Critical {
				mark = " [критический]"
			}
			w.printf("    %s. %s%s: %s — %d из %d; цель: %s\n", d.ID, d.Text, mark, answerText(d.Answer), d.Points, d.Max, d.Best())
		}
	}

	w.printf("\nПуть к следующему уровню:\n")
	nl := r.Next
	w.printf("  Итог: %s\n", nl.Overall.Summary(m))
	writeSteps(w, nl.Overall.Steps, "    ")
	for i := range nl.Components {
		p := &nl.Components[i]
		w.printf("  %s: %s\n", p.Title, p.Summary(m))
	}

	if len(r.Problems) > 0 {
		w.printf("\nПроблемы в данных (%d):\n", len(r.Problems))
		for _, p := range r.Problems {
			w.printf("  %s\n", p)
		}
	}
	if len(r.Notices) > 0 {
		w.printf("\nЗамечания — на баллы не влияют (%d):\n", len(r.Notices))
		for _, p := range r.Notices {
			w.printf("  %s\n", p)
		}
	}
}

func writeSteps(w *errWriter, steps []scoring.Step, indent string) {
	for _, s := range steps {
		mark := ""
		if s.Blocking {
			mark = " [критический, блокирует уровень]"
		}
		w.printf("%s%s. %s%s: %s (%d) → «%s» (%d), +%d\n", indent, s.ID, s.Text, mark, answerText(s.Answer), s.Points,
			s.Target, s.TargetPoints, s.Gain())
	}
}

func hasCriticalChange(r *scoring.Result) bool {
	for _, c := range r.Components {
		if c.CriticalApplied && c.ByPoints != c.Level {
			return true
		}
	}
	return false
}

func indicatorScore(r *scoring.Result, id string) *scoring.IndicatorScore {
	for i := range r.Indicators {
		if r.Indicators[i].ID == id {
			return &r.Indicators[i]
		}
	}
	return nil
}

func answerText(a string) string {
	if a == "" {
		return "нет ответа"
	}
	return "«" + a + "»"
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
