package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// WriteSummaryJSON writes the summary as JSON (schema selfdiag.summary/v1;
// summary_json_test.go has it as Go types). The two arrays that grow with the number of
// schools, "schools" and "problems", come last, one compact object per
// line, so that a national summary streams out instead of being built and
// indented in memory.
func WriteSummaryJSON(w io.Writer, s *summary.Summary) error {
	j := newJSONWriter(w)
	j.open('{')
	j.str("schema", summary.Schema)
	j.object("model", func() {
		j.str("id", s.Model.ID)
		j.str("version", s.Model.Version)
		j.str("title", s.Model.Title)
		j.str("source", s.Model.Source)
	})
	if s.GroupBy != "" {
		j.str("group_by", s.GroupBy)
	}
	c := s.Counts
	j.object("counts", func() {
		j.int("files", c.Files)
		j.int("schools", c.Schools)
		j.int("with_problems", c.WithProblems)
		j.int("incomplete", c.Incomplete)
		j.int("failed", c.Failed)
		j.int("duplicates", c.Duplicates)
		j.int("problems", c.Problems)
	})
	objects(j, "levels", s.Levels, s.Levels == nil, func(j *jsonWriter, l *model.Level) {
		j.str("id", l.ID)
		j.str("title", l.Title)
	})
	j.key("stats")
	writeStatsJSON(j, s.Stats)
	if len(s.Municipalities) > 0 {
		objects(j, "municipalities", s.Municipalities, false, func(j *jsonWriter, m *summary.Municipality) {
			j.str("name", m.Name)
			j.key("stats")
			writeStatsJSON(j, m.Stats)
		})
		objects(j, "region", s.Municipalities, false, func(j *jsonWriter, m *summary.Municipality) {
			j.str("municipality", m.Name)
			j.int("schools", m.Stats.Schools)
			writeLevelCountsJSON(j, "levels", m.Stats.Levels)
			j.int("below_base", len(m.Stats.BelowBase))
			objects(j, "mean_percent", m.Stats.Components, len(m.Stats.Components) == 0, func(j *jsonWriter, c *summary.ComponentStats) {
				j.str("id", c.ID)
				j.float("percent", c.MeanPercent)
			})
		})
	}
	objects(j, "failures", s.Failures, false, func(j *jsonWriter, f *summary.Failure) {
		j.str("file", f.File)
		j.str("message", f.Message)
	})
	objects(j, "duplicates", s.Duplicates, false, func(j *jsonWriter, d *summary.Duplicate) {
		j.str("school", d.School)
		j.str("source", d.Source)
		j.str("first_source", d.FirstSource)
		j.str("by", d.By)
	})

	type rowState struct {
		enc *rowEncoding
		row compact
	}
	j.key("schools")
	j.open('[')
	elems(j, len(s.Schools), func() *rowState { return &rowState{enc: newRowEncoding(s)} }, func(st *rowState, j *jsonWriter, i int) {
		st.enc.appendRow(&st.row, s.Schools[i])
		j.raw(st.row.b)
	})
	j.close(']')
	j.key("problems")
	j.open('[')
	elems(j, len(s.Problems), func() *compact { return new(compact) }, func(row *compact, j *jsonWriter, i int) {
		p := &s.Problems[i]
		row.begin()
		row.str("school", p.School)
		row.str("location", p.Location)
		row.str("message", p.Message)
		row.end()
		j.raw(row.b)
	})
	j.close(']')
	j.close('}')
	j.b = append(j.b, '\n')
	return j.flush()
}

// rowEncoding writes the rows of the "schools" array. The strings that
// repeat on every row (the file, level ids and titles, component ids) are
// encoded once: a national summary has 40,000 rows.
type rowEncoding struct {
	s             *summary.Summary
	source        string
	sourceJSON    []byte
	levelID       [][]byte // by level index, quoted
	levelTitle    [][]byte
	componentHead [][]byte // `{"id":"…","percent":` by component index
}

func newRowEncoding(s *summary.Summary) *rowEncoding {
	e := &rowEncoding{s: s}
	for _, l := range s.Levels {
		e.levelID = append(e.levelID, appendJSONString(nil, l.ID))
		e.levelTitle = append(e.levelTitle, appendJSONString(nil, l.Title))
	}
	for _, c := range s.Components {
		e.componentHead = append(e.componentHead, append(appendJSONString([]byte(`{"id":`), c.ID), `,"percent":`...))
	}
	return e
}

// appendLevel appends level i's encoded id (or title) when the row's text
// is that, else the text encoded.
func (e *rowEncoding) appendLevel(b []byte, i int, text string, title bool) []byte {
	if i >= 0 && i < len(e.levelID) {
		l := e.s.Levels[i]
		if !title && l.ID == text {
			return append(b, e.levelID[i]...)
		}
		if title && l.Title == text {
			return append(b, e.levelTitle[i]...)
		}
	}
	return appendJSONString(b, text)
}

// appendRow builds a school's row of the "schools" array.
func (e *rowEncoding) appendRow(c *compact, r *summary.SchoolRow) {
	c.begin()
	c.key("source")
	if r.Source != e.source || e.sourceJSON == nil {
		e.source, e.sourceJSON = r.Source, appendJSONString(e.sourceJSON[:0], r.Source)
	}
	c.b = append(c.b, e.sourceJSON...)
	if r.Row != 0 {
		c.int("row", r.Row)
	}
	c.str("name", r.Name)
	c.str("code", r.Code)
	c.str("municipality", r.Municipality)
	c.int("points", r.Points)
	c.int("max", r.Max)
	c.float("percent", r.Percent)
	c.key("level")
	c.b = e.appendLevel(c.b, r.Level, r.LevelID, false)
	c.key("level_title")
	c.b = e.appendLevel(c.b, r.Level, r.LevelTitle, true)
	c.key("components")
	c.b = append(c.b, '[')
	for i, cc := range r.Components {
		if i > 0 {
			c.b = append(c.b, ',')
		}
		c.b = append(c.b, e.componentHead[i]...)
		c.b = appendJSONFloat(c.b, cc.Percent)
		c.b = append(c.b, `,"level":`...)
		c.b = e.appendLevel(c.b, cc.Level, cc.LevelID, false)
		c.b = append(c.b, '}')
	}
	c.b = append(c.b, ']')
	c.int("deficits", r.Deficits)
	c.key("critical_failures")
	c.b = append(c.b, '[')
	for i, id := range r.CriticalFailures {
		if i > 0 {
			c.b = append(c.b, ',')
		}
		c.b = appendJSONString(c.b, id)
	}
	c.b = append(c.b, ']')
	c.bool("incomplete", r.Incomplete)
	c.int("problems", r.Problems)
	c.end()
}

func writeLevelCountsJSON(j *jsonWriter, key string, ls []summary.LevelCount) {
	objects(j, key, ls, false, func(j *jsonWriter, l *summary.LevelCount) {
		j.str("id", l.ID)
		j.str("title", l.Title)
		j.int("count", l.Count)
		j.float("share", l.Share)
	})
}

func writeStatsJSON(j *jsonWriter, s summary.Stats) {
	j.open('{')
	j.int("schools", s.Schools)
	writeLevelCountsJSON(j, "levels", s.Levels)
	objects(j, "components", s.Components, false, func(j *jsonWriter, c *summary.ComponentStats) {
		j.str("id", c.ID)
		j.str("title", c.Title)
		j.str("kind", c.Kind)
		j.float("mean_percent", c.MeanPercent)
		j.int("schools", c.Schools)
		writeLevelCountsJSON(j, "levels", c.Levels)
	})
	j.strings("weakest_components", s.Weakest)
	objects(j, "deficits", s.Deficits, false, func(j *jsonWriter, d *summary.DeficitFrequency) {
		j.str("indicator", d.Indicator)
		j.str("component", d.Component)
		j.str("title", d.Title)
		j.bool("critical", d.Critical)
		j.int("schools", d.Schools)
		j.int("applicable", d.Applicable)
		j.float("share", d.Share)
	})
	objects(j, "below_base", s.BelowBase, false, func(j *jsonWriter, b *summary.BelowBase) {
		j.str("name", b.Name)
		j.str("code", b.Code)
		j.str("municipality", b.Municipality)
		j.str("source", b.Source)
		if b.Row != 0 {
			j.int("row", b.Row)
		}
		j.int("points", b.Points)
		j.int("max", b.Max)
		j.float("percent", b.Percent)
		if b.Reasons == nil {
			j.key("reasons")
			j.null()
		} else {
			j.strings("reasons", b.Reasons)
		}
	})
	j.close('}')
}

// WriteSummaryCSV writes the schools table.
func WriteSummaryCSV(w io.Writer, s *summary.Summary) error {
	if _, err := io.WriteString(w, csvBOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	head := []string{"Файл", "Строка", "Наименование ОО", "Код ОО", "Муниципалитет", "Баллы", "Макс", "%", "Уровень"}
	for _, c := range s.Components {
		head = append(head, c.Title+", %", c.Title+", уровень")
	}
	head = append(head, "Дефицитов", "Критические с 0 баллов", "Неполные ответы", "Проблем в данных")
	cw.Write(head)
	for _, r := range s.Schools {
		row := ""
		if r.Row > 0 {
			row = strconv.Itoa(r.Row)
		}
		rec := []string{r.Source, row, r.Name, r.Code, r.Municipality, strconv.Itoa(r.Points), strconv.Itoa(r.Max), Percent(r.Percent), r.LevelTitle}
		for _, cc := range r.Components {
			rec = append(rec, Percent(cc.Percent), levelTitle(s, cc.Level))
		}
		rec = append(rec, strconv.Itoa(r.Deficits), strings.Join(r.CriticalFailures, ", "), yesNo(r.Incomplete), strconv.Itoa(r.Problems))
		cw.Write(rec)
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
	ew.printf("%s\n", ModelStamp(s.Model))
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
	if len(s.Failures) > 0 {
		ew.printf("\nНЕ ПРОЧИТАНЫ (%d):\n", len(s.Failures))
		for _, f := range s.Failures {
			ew.printf("  %s: %s\n", f.File, f.Message)
		}
	}
	if len(s.Duplicates) > 0 {
		ew.printf("\nПОВТОРЫ — не учтены (%d):\n", len(s.Duplicates))
		for _, d := range s.Duplicates {
			ew.printf("  %s — %s; уже учтена: %s (совпадает %s)\n", d.School, d.Source, d.FirstSource, d.By)
		}
	}
	if c.Problems > 0 {
		ew.printf("\nПРОБЛЕМЫ В ДАННЫХ: %d у %d школ\n", c.Problems, c.WithProblems)
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
		w.printf("  %3s. %s%s — %d из %d школ (%s %%)\n", d.Indicator, d.Title, mark, d.Schools, d.Applicable, shareText(d.Share))
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
