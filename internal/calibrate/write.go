package calibrate

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/safetext"
)

// WriteJSON writes the report as selfdiag.calibration/v1.
func WriteJSON(w io.Writer, rep Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// WriteText writes the report for a person: per profile, each threshold's
// interval beside the model's, then the tables the model contradicts.
func WriteText(w io.Writer, m *model.Model, rep Report) error {
	var b strings.Builder
	title := func(id string) string {
		if i := m.LevelIndex(id); i >= 0 {
			return m.Levels[i].Title
		}
		return id
	}
	fmt.Fprintf(&b, "Калибровка порогов модели %s, версия %s: таблиц с суммой баллов и уровнем — %d.\n",
		safetext.Terminal(rep.Model.ID), safetext.Terminal(rep.Model.Version), rep.Tables)
	if len(rep.Profiles) == 0 {
		b.WriteString("Таблиц с суммой баллов и уровнем нет: порогов не вывести.\n")
	}
	for _, p := range rep.Profiles {
		progs := strings.Join(p.Profile.Programs, ", ")
		if progs == "" {
			progs = "программы не указаны"
		}
		fmt.Fprintf(&b, "\nПрофиль: %s; ОВЗ: %s; коррекционная: %s — %s, максимум %s.\n", progs, yesNo(p.Profile.OVZ), yesNo(p.Profile.Corrective),
			ru.Count(p.Tables, "таблица", "таблицы", "таблиц"), ru.Points(p.Max))
		if p.LeftOut > 0 {
			fmt.Fprintf(&b, "  Не учтено в порогах: %d (уровень объясняет невыполненный критический показатель).\n", p.LeftOut)
		}
		for _, t := range p.Thresholds {
			upper := "без верхней границы"
			if t.To != nil {
				upper = fmt.Sprintf("до %d", *t.To)
			}
			verdict := "согласуется"
			switch {
			case t.To != nil && t.From > *t.To:
				verdict = "таблицы противоречат друг другу"
			case !t.Consistent:
				verdict = "НЕ согласуется"
			}
			fmt.Fprintf(&b, "  «%s»: порог от %d %s баллов; в модели %d — %s\n", title(t.Level), t.From, upper, t.Model, verdict)
		}
		if len(p.Contradictions) > 0 {
			fmt.Fprintf(&b, "  Модель противоречит таблицам (%d):\n", len(p.Contradictions))
			for _, c := range p.Contradictions {
				by := "уровень задаёт критический показатель"
				if c.By != nil {
					by = "порог модели расходится на " + ru.Points(*c.By)
				}
				fmt.Fprintf(&b, "    %s: %s, в таблице «%s», по модели «%s» (%s)\n", safetext.Terminal(c.Source), ru.Points(c.StatedTotal),
					title(c.StatedLevel), title(c.ModelLevel), by)
			}
		}
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(&b, "\nНе учтены (%d):\n", len(rep.Skipped))
		for _, s := range rep.Skipped {
			fmt.Fprintf(&b, "  %s: %s\n", safetext.Terminal(s.Source), safetext.Terminal(s.Reason))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func yesNo(v bool) string {
	if v {
		return "да"
	}
	return "нет"
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
