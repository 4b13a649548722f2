package calibrate

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/safetext"
)

// WriteJSON writes the report as selfdiag.calibration/v1.
func WriteJSON(w io.Writer, rep Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// WriteText writes the report for a person, in the model's language: per
// profile, each threshold's interval beside the model's, then the tables
// the model contradicts.
func WriteText(w io.Writer, m *model.Model, rep Report) error {
	var b strings.Builder
	l := m.Lang()
	title := func(id string) string {
		if i := m.LevelIndex(id); i >= 0 {
			return m.Levels[i].Title
		}
		return id
	}
	points := func(n int) string { return l.Count(n, "балл", "балла", "баллов") }
	b.WriteString(l.T("Калибровка порогов модели %s, версия %s: таблиц с суммой баллов и уровнем — %d.",
		safetext.Terminal(rep.Model.ID), safetext.Terminal(rep.Model.Version), rep.Tables) + "\n")
	if len(rep.Profiles) == 0 {
		b.WriteString(l.T("Таблиц с суммой баллов и уровнем нет: порогов не вывести.") + "\n")
	}
	for _, p := range rep.Profiles {
		tables, max := l.Count(p.Tables, "таблица", "таблицы", "таблиц"), points(p.Max)
		if m.Respondent.IsSchool() {
			progs := strings.Join(p.Profile.Programs, ", ")
			if progs == "" {
				progs = l.T("программы не указаны")
			}
			b.WriteString("\n" + l.T("Профиль: %s; ОВЗ: %s; коррекционная: %s — %s, максимум %s.", progs, yesNo(l, p.Profile.OVZ), yesNo(l, p.Profile.Corrective), tables, max) + "\n")
		} else {
			profile := m.Respondent.ProfileText(p.profile)
			if profile == "" {
				profile = l.T("без признаков")
			}
			b.WriteString("\n" + l.T("Профиль: %s — %s, максимум %s.", safetext.Terminal(profile), tables, max) + "\n")
		}
		if p.LeftOut > 0 {
			b.WriteString(l.T("  Не учтено в порогах: %d (уровень объясняет невыполненный критический показатель).", p.LeftOut) + "\n")
		}
		for _, t := range p.Thresholds {
			upper := l.T("без верхней границы")
			if t.To != nil {
				upper = l.T("до %d", *t.To)
			}
			verdict := l.T("согласуется")
			switch {
			case t.To != nil && t.From > *t.To:
				verdict = l.T("таблицы противоречат друг другу")
			case !t.Consistent:
				verdict = l.T("НЕ согласуется")
			}
			b.WriteString(l.T("  «%s»: порог от %d %s баллов; в модели %d — %s", title(t.Level), t.From, upper, t.Model, verdict) + "\n")
		}
		if len(p.Contradictions) > 0 {
			b.WriteString(l.T("  Модель противоречит таблицам (%d):", len(p.Contradictions)) + "\n")
			for _, c := range p.Contradictions {
				by := l.T("уровень задаёт критический показатель")
				if c.By != nil {
					by = l.T("порог модели расходится на %s", points(*c.By))
				}
				b.WriteString(l.T("    %s: %s, в таблице «%s», по модели «%s» (%s)", safetext.Terminal(c.Source), points(c.StatedTotal),
					title(c.StatedLevel), title(c.ModelLevel), by) + "\n")
			}
		}
	}
	if len(rep.Skipped) > 0 {
		b.WriteString("\n" + l.T("Не учтены (%d):", len(rep.Skipped)) + "\n")
		for _, s := range rep.Skipped {
			fmt.Fprintf(&b, "  %s: %s\n", safetext.Terminal(s.Source), safetext.Terminal(s.Reason))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func yesNo(l lang.Lang, v bool) string {
	if v {
		return l.T("да")
	}
	return l.T("нет")
}

// Agrees reports whether every threshold is consistent with the tables and
// the model contradicts none.
func (rep Report) Agrees() bool {
	for _, p := range rep.Profiles {
		if len(p.Contradictions) > 0 {
			return false
		}
		for _, t := range p.Thresholds {
			if !t.Consistent {
				return false
			}
		}
	}
	return true
}
