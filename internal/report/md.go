package report

import (
	"cmp"
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/safetext"
)

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string { return safetext.Markdown(s) }

func orDash(s, dash string) string {
	if s == "" {
		return dash
	}
	return s
}

// WriteMarkdown writes the school report as Markdown, for pasting into the
// development programme: the same content as the HTML report, without the
// charts.
func WriteMarkdown(w io.Writer, m *model.Model, r *School) error {
	v := newSchoolView(m, r)
	ew := &errWriter{w: w}
	p := ew.printf
	p("# Результаты самодиагностики: %s\n\n", mdCell(v.Title))
	p("| | |\n|---|---|\n")
	p("| Наименование ОО | %s |\n| Код ОО | %s |\n| Муниципалитет | %s |\n", mdCell(orDash(v.Name, "—")), mdCell(orDash(v.Code, "—")), mdCell(orDash(v.Municipality, "—")))
	if v.Year != "" {
		p("| Год | %s |\n", mdCell(v.Year))
	}
	assumed := ""
	if v.ProfileAssumed {
		assumed = " (не указан в файле: принят по умолчанию)"
	}
	p("| Профиль школы | %s%s |\n| Файл ответов | %s |\n", mdCell(v.Profile), assumed, mdCell(v.Source))
	p("| Модель | %s |\n\n", mdCell(ModelTitle(v.Model)))
	p("> Источник модели: %s\n\n", mdCell(v.Model.Source))

	p("## 3.1. Результаты самодиагностики: баллы и уровни\n\n")
	p("**Итог: %d из %d баллов (%s %%) — %s**", v.Total.Points, v.Total.Max, v.Total.Percent, mdCell(v.Total.LevelTitle))
	if v.Total.CriticalApplied {
		p(" (по баллам — «%s»; понижен по правилу критических показателей)", mdCell(v.Total.ByPointsTitle))
	}
	p("\n\n| Компонент | Вид | Баллы | Макс. | %% | Уровень |\n|---|---|--:|--:|--:|---|\n")
	for _, c := range v.Components {
		note := ""
		if c.CriticalApplied {
			note = " (понижен: критический показатель)"
		}
		p("| %s | %s | %d | %d | %s | %s%s |\n", mdCell(c.Title), mdCell(c.Kind), c.Points, c.Max, c.Percent, mdCell(c.LevelTitle), note)
	}
	p("| **Итог** | | **%d** | **%d** | **%s** | **%s** |\n\n", v.Total.Points, v.Total.Max, v.Total.Percent, mdCell(v.Total.LevelTitle))
	p("### Пороги уровней для профиля школы\n\n| | С каких баллов начинается уровень |\n|---|---|\n| **Итог** | %s |\n", mdCell(v.Total.Thresholds))
	for _, c := range v.Components {
		p("| %s | %s |\n", mdCell(c.Title), mdCell(cmp.Or(c.Thresholds, "нет применимых показателей")))
	}
	p("\n")
	if v.Peers {
		p("### %s\n\n| Компонент | Школа, %% | Среднее по всем школам, %% |", PeersHeading)
		if v.MunicipalPeers {
			p(" Среднее по «%s», %% |", mdCell(v.PeerMunicipality))
		}
		p("\n|---|--:|--:|")
		if v.MunicipalPeers {
			p("--:|")
		}
		p("\n")
		for _, c := range v.Components {
			p("| %s | %s | %s |", mdCell(c.Title), c.Percent, c.District)
			if v.MunicipalPeers {
				p(" %s |", c.Municipal)
			}
			p("\n")
		}
		p("\n")
	}
	p("### Невыполненные критические показатели\n\n")
	if len(v.Critical) == 0 {
		p("Нет: все критические показатели набрали баллы.\n\n")
	} else {
		p("| № | Показатель | Компонент | Ответ |\n|---|---|---|---|\n")
		for _, c := range v.Critical {
			p("| **%s** | **%s** | %s | %s |\n", mdCell(c.ID), mdCell(c.Text), mdCell(c.ComponentTitle), mdCell(orDash(c.Answer, "нет ответа")))
		}
		p("\n")
	}
	if ch := v.Change; ch != nil {
		p("### %s\n\n%s", ChangeHeading, mdCell(ch.Summary))
		if ch.Plan != "" {
			p(" %s", mdCell(ch.Plan))
		}
		p("\n\n| Компонент | Было | Стало | Изменение |\n|---|---|---|---|\n")
		for _, c := range ch.Components {
			p("| %s | %s | %s | %s |\n", mdCell(c.Title), mdCell(c.Old), mdCell(c.New), mdCell(c.Change))
		}
		p("\n")
		for _, l := range ch.Lists() {
			if len(l.Items) > 0 {
				p("**%s (%d):** %s\n\n", l.Title, len(l.Items), mdCell(strings.Join(l.Items, "; ")))
			}
		}
		p("Прошлая самодиагностика: %s.\n\n", mdCell(ch.Previous))
	}

	p("## 3.2. Дефициты по магистральным направлениям и ключевым условиям\n\n")
	p("Всего дефицитов: %d.\n\n", v.DeficitCount)
	for _, c := range v.Components {
		p("### %s (%s; %s %%, %s)\n\n", mdCell(c.Title), mdCell(c.Kind), c.Percent, mdCell(c.LevelTitle))
		if len(c.Deficits) == 0 {
			p("Дефицитов нет.\n\n")
		} else {
			p("| № | Показатель | Ответ | Баллы | Разрыв | Цель |\n|---|---|---|--:|--:|---|\n")
			for _, d := range c.Deficits {
				text := mdCell(d.Text)
				if d.Critical {
					text += " **(критический)**"
				}
				ans := mdCell(orDash(d.Answer, "нет ответа"))
				if d.Status != "" {
					ans += " (" + d.Status + ")"
				}
				p("| %s | %s | %s | %d из %d | %d | %s |\n", mdCell(d.ID), text, ans, d.Points, d.Max, d.Gap, mdCell(d.Target))
			}
			if c.HasMeasures {
				p("\nТиповые меры (из модели показателей):\n\n")
				for _, d := range c.Deficits {
					if len(d.Measures) == 0 {
						continue
					}
					measures := make([]string, len(d.Measures))
					for i, m := range d.Measures {
						measures[i] = mdCell(m)
					}
					p("- %s. %s: %s\n", mdCell(d.ID), mdCell(d.Text), strings.Join(measures, "; "))
				}
			}
			p("\n")
		}
		p("**Следующий уровень.** %s\n\n", mdCell(c.Plan))
	}

	p("## План перехода на следующий уровень\n\n%s\n\n", mdCell(v.Plan.Summary))
	if len(v.Plan.Steps) > 0 {
		p("| Шаг | № | Показатель | Компонент | Сейчас | Цель | + баллов |\n|--:|---|---|---|---|---|--:|\n")
		for i, s := range v.Plan.Steps {
			text := mdCell(s.Text)
			if s.Blocking {
				text += " **(критический: блокирует уровень)**"
			}
			p("| %d | %s | %s | %s | %s (%d) | %s (%d) | %d |\n", i+1, mdCell(s.ID), text, mdCell(s.ComponentTitle),
				mdCell(orDash(s.Answer, "нет ответа")), s.Points, mdCell(s.Target), s.TargetPoints, s.Gain)
		}
		p("\n")
	}
	for _, c := range v.Components {
		p("- **%s**: %s\n", mdCell(c.Title), mdCell(c.Plan))
	}

	p("\n## Ответы по показателям\n\n")
	for _, c := range v.Components {
		p("### %s\n\n| № | Показатель | Ответ | Баллы | Макс. |\n|---|---|---|--:|--:|\n", mdCell(c.Title))
		for _, iv := range c.Indicators {
			text := mdCell(iv.Text)
			if iv.Critical {
				text += " (критический)"
			}
			ans := mdCell(orDash(iv.Answer, "—"))
			if iv.Status != "" {
				ans += " (" + iv.Status + ")"
			}
			p("| %s | %s | %s | %d | %d |\n", mdCell(iv.ID), text, ans, iv.Points, iv.Max)
		}
		p("\n")
	}
	p("## Проблемы в данных\n\n")
	if len(v.Problems) == 0 {
		p("Нет.\n")
	}
	for _, pr := range v.Problems {
		p("- %s\n", mdCell(pr))
	}
	if len(v.Notices) > 0 {
		p("\n### Замечания (на баллы не влияют)\n\n")
		for _, n := range v.Notices {
			p("- %s\n", mdCell(n))
		}
	}
	return ew.err
}
