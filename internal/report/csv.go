package report

import (
	"io"
	"slices"
	"strconv"

	"github.com/selfdiag/selfdiag/internal/lang"
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
	l := m.Lang()
	resp := &m.Respondent
	header := []string{l.T("Файл"), l.T("Строка"), resp.Name.Title, resp.Code.Title}
	for _, g := range resp.Groups {
		header = append(header, g.Title)
	}
	header = append(header, l.T("Год"), l.T("Итог баллов"), l.T("Итог макс"), l.T("Итог %"), l.T("Итоговый уровень"),
		l.T("№"), l.T("Компонент"), l.T("Показатель"), l.T("Критический"), l.T("Ответ"), l.T("Баллы"), l.T("Макс"), l.T("Статус"), l.T("Модель"))
	// Comments and evidence: a last column, when some answer has one.
	comments := slices.ContainsFunc(results, func(r *School) bool {
		return slices.ContainsFunc(r.Indicators, func(is scoring.IndicatorScore) bool { return is.Comment != "" })
	})
	if comments {
		header = append(header, l.T(CommentHeading))
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
			rec := []string{r.Source, row, r.School.Name, r.School.Code}
			for i := range resp.Groups {
				rec = append(rec, r.School.Group(i))
			}
			rec = append(rec, r.School.Year, strconv.Itoa(r.Total.Points), strconv.Itoa(r.Total.Max), l.Percent(r.Total.Percent), r.Total.LevelTitle,
				is.ID, titles[is.Component], is.Text, yesNo(l, is.Critical), is.Answer,
				strconv.Itoa(is.Points), strconv.Itoa(is.Max), StatusTitle(l, is.Status), ModelID(l, r.Model))
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

func yesNo(l lang.Lang, b bool) string {
	if b {
		return l.T("да")
	}
	return l.T("нет")
}

// StatusTitle names an indicator status.
func StatusTitle(l lang.Lang, s string) string {
	switch s {
	case scoring.StatusOK:
		return l.T("учтён")
	case scoring.StatusMissing:
		return l.T("нет ответа")
	case scoring.StatusInvalid:
		return l.T("ответ не распознан")
	case scoring.StatusNotApplicable:
		return l.T("не применим")
	}
	return s
}
