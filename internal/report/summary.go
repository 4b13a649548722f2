package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// WriteSummaryCSV writes the schools table.
func WriteSummaryCSV(w io.Writer, s *summary.Summary) error {
	cw, err := safetext.NewCSV(w)
	if err != nil {
		return err
	}
	l, u := s.Lang, summaryUnits(s)
	head := []string{l.T("Файл"), l.T("Строка"), u.r.Name.Title, u.r.Code.Title, u.Group(), l.T("Баллы"), l.T("Макс"), "%", l.T("Уровень")}
	for _, c := range s.Components {
		head = append(head, c.Title+", %", c.Title+l.T(", уровень"))
	}
	head = append(head, l.T("Дефицитов"), l.T("Невыполненные критические"), l.T("Неполные ответы"), l.T("Проблем в данных"), l.T("Модель"))
	cw.Write(safetext.CSVRecord(head))
	for _, r := range s.Schools {
		row := ""
		if r.Row > 0 {
			row = strconv.Itoa(r.Row)
		}
		rec := []string{r.Source, row, r.Name, r.Code, r.Municipality, strconv.Itoa(r.Points), strconv.Itoa(r.Max), l.Percent(r.Percent), r.LevelTitle}
		for _, cc := range r.Components {
			rec = append(rec, l.Percent(cc.Percent), levelTitle(s, cc.Level))
		}
		rec = append(rec, strconv.Itoa(r.Deficits), strings.Join(r.CriticalFailures, ", "), yesNo(l, r.Incomplete), strconv.Itoa(r.Problems), ModelID(l, s.Model))
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

// WriteSummaryText writes the analytical note as text: the summary a
// terminal shows.
func WriteSummaryText(w io.Writer, s *summary.Summary) error {
	return doc.WriteText(w, NoteDocument(s, nil))
}

// WriteSummaryMarkdown writes the analytical note as Markdown.
func WriteSummaryMarkdown(w io.Writer, s *summary.Summary) error {
	return doc.WriteMarkdown(w, NoteDocument(s, nil))
}

// WriteSummaryDOCX writes the district's analytical note as a Word
// document.
func WriteSummaryDOCX(w io.Writer, s *summary.Summary, _ []string) error {
	return WriteSummaryDOCXWithChanges(w, s, nil)
}

// WriteSummaryDOCXWithChanges writes the analytical note with, when ch is
// not nil, the changes since the previous self-diagnosis.
func WriteSummaryDOCXWithChanges(w io.Writer, s *summary.Summary, ch *DistrictChange) error {
	return doc.WriteWord(w, NoteDocument(s, ch))
}
