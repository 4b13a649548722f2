package report

import (
	"io"
	"slices"
	"strconv"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// WriteCSV writes one row per indicator per school, with the school's
// identity and total on every row, so that the table filters and pivots.
func WriteCSV(w io.Writer, m *model.Model, results []*School) error {
	cw, err := safetext.NewCSV(w)
	if err != nil {
		return err
	}
	header := []string{"Файл", "Строка", "Наименование ОО", "Код ОО", "Муниципалитет", "Год",
		"Итог баллов", "Итог макс", "Итог %", "Итоговый уровень",
		"№", "Компонент", "Показатель", "Критический", "Ответ", "Баллы", "Макс", "Статус", "Модель"}
	// Comments and evidence: a last column, when some answer has one.
	comments := slices.ContainsFunc(results, func(r *School) bool {
		return slices.ContainsFunc(r.Indicators, func(is scoring.IndicatorScore) bool { return is.Comment != "" })
	})
	if comments {
		header = append(header, CommentHeading)
	}
	if err := cw.Write(safetext.CSVRecord(header)); err != nil {
		return err
	}
	titles := map[string]string{}
	for _, c := range m.Components {
		titles[c.ID] = c.Title
	}
	for _, r := range results {
		row := ""
		if r.Row > 0 {
			row = strconv.Itoa(r.Row)
		}
		for _, is := range r.Indicators {
			rec := []string{r.Source, row, r.School.Name, r.School.Code, r.School.Group(0), r.School.Year,
				strconv.Itoa(r.Total.Points), strconv.Itoa(r.Total.Max), Percent(r.Total.Percent), r.Total.LevelTitle,
				is.ID, titles[is.Component], is.Text, yesNo(is.Critical), is.Answer,
				strconv.Itoa(is.Points), strconv.Itoa(is.Max), StatusTitle(is.Status), ModelID(r.Model)}
			if comments {
				rec = append(rec, is.Comment)
			}
			if err := cw.Write(safetext.CSVRecord(rec)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func yesNo(b bool) string {
	if b {
		return "да"
	}
	return "нет"
}

// StatusTitle is the Russian name of an indicator status.
func StatusTitle(s string) string {
	switch s {
	case scoring.StatusOK:
		return "учтён"
	case scoring.StatusMissing:
		return "нет ответа"
	case scoring.StatusInvalid:
		return "ошибка в ответе"
	case scoring.StatusNotApplicable:
		return "не применяется"
	}
	return s
}
