package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/summary"
)

// SummaryDoc is the JSON form of a district summary (schema selfdiag.summary/v1).
type SummaryDoc struct {
	Schema         string            `json:"schema"`
	Model          ModelDoc          `json:"model"`
	GroupBy        string            `json:"group_by,omitempty"`
	Counts         CountsDoc         `json:"counts"`
	Levels         []LevelRefDoc     `json:"levels"`
	Stats          StatsDoc          `json:"stats"`
	Municipalities []MunicipalityDoc `json:"municipalities,omitempty"`
	Region         []RegionRowDoc    `json:"region,omitempty"`
	Failures       []FailureDoc      `json:"failures"`
	Duplicates     []DuplicateDoc    `json:"duplicates"`
	// Then "schools" ([]SchoolRowDoc) and "problems" ([]SchoolProblemDoc),
	// streamed by WriteSummaryJSON.
}

// CountsDoc are the headline numbers.
type CountsDoc struct {
	Files        int `json:"files"`
	Schools      int `json:"schools"`
	WithProblems int `json:"with_problems"`
	Incomplete   int `json:"incomplete"`
	Failed       int `json:"failed"`
	Duplicates   int `json:"duplicates"`
	Problems     int `json:"problems"`
}

// LevelRefDoc names a level.
type LevelRefDoc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// SchoolRowDoc is a row of the schools table.
type SchoolRowDoc struct {
	Source           string             `json:"source"`
	Row              int                `json:"row,omitempty"`
	Name             string             `json:"name"`
	Code             string             `json:"code"`
	Municipality     string             `json:"municipality"`
	Points           int                `json:"points"`
	Max              int                `json:"max"`
	Percent          float64            `json:"percent"`
	Level            string             `json:"level"`
	LevelTitle       string             `json:"level_title"`
	Components       []ComponentCellDoc `json:"components"`
	Deficits         int                `json:"deficits"`
	CriticalFailures []string           `json:"critical_failures"`
	Incomplete       bool               `json:"incomplete"`
	Problems         int                `json:"problems"`
}

// ComponentCellDoc is a school's result in a component.
type ComponentCellDoc struct {
	ID      string  `json:"id"`
	Percent float64 `json:"percent"`
	Level   string  `json:"level"`
}

// StatsDoc aggregates a set of schools.
type StatsDoc struct {
	Schools    int                `json:"schools"`
	Levels     []LevelCountDoc    `json:"levels"`
	Components []ComponentStatDoc `json:"components"`
	Weakest    []string           `json:"weakest_components"`
	Deficits   []DeficitFreqDoc   `json:"deficits"`
	BelowBase  []BelowBaseDoc     `json:"below_base"`
}

// LevelCountDoc is a level's count and share (0..1).
type LevelCountDoc struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// ComponentStatDoc aggregates a component.
type ComponentStatDoc struct {
	ID          string          `json:"id"`
	Title       string          `json:"title"`
	Kind        string          `json:"kind"`
	MeanPercent float64         `json:"mean_percent"`
	Schools     int             `json:"schools"`
	Levels      []LevelCountDoc `json:"levels"`
}

// DeficitFreqDoc is how common a deficit is.
type DeficitFreqDoc struct {
	Indicator  string  `json:"indicator"`
	Component  string  `json:"component"`
	Title      string  `json:"title"`
	Critical   bool    `json:"critical"`
	Schools    int     `json:"schools"`
	Applicable int     `json:"applicable"`
	Share      float64 `json:"share"`
}

// BelowBaseDoc is a school «ниже базового» with reasons.
type BelowBaseDoc struct {
	Name         string   `json:"name"`
	Code         string   `json:"code"`
	Municipality string   `json:"municipality"`
	Source       string   `json:"source"`
	Row          int      `json:"row,omitempty"`
	Points       int      `json:"points"`
	Max          int      `json:"max"`
	Percent      float64  `json:"percent"`
	Reasons      []string `json:"reasons"`
}

// MunicipalityDoc is one municipality's summary.
type MunicipalityDoc struct {
	Name  string   `json:"name"`
	Stats StatsDoc `json:"stats"`
}

// RegionRowDoc is a municipality's row in the region table.
type RegionRowDoc struct {
	Municipality string          `json:"municipality"`
	Schools      int             `json:"schools"`
	Levels       []LevelCountDoc `json:"levels"`
	BelowBase    int             `json:"below_base"`
	MeanPercent  []ComponentMean `json:"mean_percent"`
}

// ComponentMean is a component's mean percent.
type ComponentMean struct {
	ID      string  `json:"id"`
	Percent float64 `json:"percent"`
}

// FailureDoc is a file that could not be read.
type FailureDoc struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// DuplicateDoc is a repeated school.
type DuplicateDoc struct {
	School      string `json:"school"`
	Source      string `json:"source"`
	FirstSource string `json:"first_source"`
	By          string `json:"by"`
}

// SchoolProblemDoc is a data problem of a school.
type SchoolProblemDoc struct {
	School   string `json:"school"`
	Location string `json:"location"`
	Message  string `json:"message"`
}

func levelCountsDoc(l []summary.LevelCount) []LevelCountDoc {
	out := make([]LevelCountDoc, len(l))
	for i, x := range l {
		out[i] = LevelCountDoc(x)
	}
	return out
}

func statsDoc(s summary.Stats) StatsDoc {
	d := StatsDoc{Schools: s.Schools, Levels: levelCountsDoc(s.Levels), Weakest: nonNil(s.Weakest),
		Components: []ComponentStatDoc{}, Deficits: []DeficitFreqDoc{}, BelowBase: []BelowBaseDoc{}}
	for _, c := range s.Components {
		d.Components = append(d.Components, ComponentStatDoc{ID: c.ID, Title: c.Title, Kind: c.Kind, MeanPercent: c.MeanPercent,
			Schools: c.Schools, Levels: levelCountsDoc(c.Levels)})
	}
	for _, x := range s.Deficits {
		d.Deficits = append(d.Deficits, DeficitFreqDoc(x))
	}
	for _, b := range s.BelowBase {
		d.BelowBase = append(d.BelowBase, BelowBaseDoc{Name: b.Name, Code: b.Code, Municipality: b.Municipality, Source: b.Source,
			Row: b.Row, Points: b.Points, Max: b.Max, Percent: b.Percent, Reasons: b.Reasons})
	}
	return d
}

func schoolRowDoc(s *summary.Summary, r *summary.SchoolRow) SchoolRowDoc {
	row := SchoolRowDoc{Source: r.Source, Row: r.Row, Name: r.Name, Code: r.Code, Municipality: r.Municipality, Points: r.Points,
		Max: r.Max, Percent: r.Percent, Level: r.LevelID, LevelTitle: r.LevelTitle, Deficits: r.Deficits,
		CriticalFailures: nonNil(r.CriticalFailures), Incomplete: r.Incomplete, Problems: r.Problems,
		Components: make([]ComponentCellDoc, len(r.Components))}
	for i, cc := range r.Components {
		row.Components[i] = ComponentCellDoc{ID: s.Components[i].ID, Percent: cc.Percent, Level: cc.LevelID}
	}
	return row
}

// summaryHead is the summary's JSON form but for the two arrays that grow
// with the number of schools (schools, problems), which are streamed.
func summaryHead(s *summary.Summary) SummaryDoc {
	c := s.Counts
	d := SummaryDoc{Schema: summary.Schema, GroupBy: s.GroupBy,
		Model:  ModelDoc{ID: s.Model.ID, Version: s.Model.Version, Title: s.Model.Title, Source: s.Model.Source},
		Counts: CountsDoc{Files: c.Files, Schools: c.Schools, WithProblems: c.WithProblems, Incomplete: c.Incomplete, Failed: c.Failed, Duplicates: c.Duplicates, Problems: c.Problems},
		Stats:  statsDoc(s.Stats), Failures: []FailureDoc{}, Duplicates: []DuplicateDoc{}}
	for _, l := range s.Levels {
		d.Levels = append(d.Levels, LevelRefDoc{l.ID, l.Title})
	}
	for _, m := range s.Municipalities {
		d.Municipalities = append(d.Municipalities, MunicipalityDoc{Name: m.Name, Stats: statsDoc(m.Stats)})
		rr := RegionRowDoc{Municipality: m.Name, Schools: m.Stats.Schools, Levels: levelCountsDoc(m.Stats.Levels), BelowBase: len(m.Stats.BelowBase)}
		for _, c := range m.Stats.Components {
			rr.MeanPercent = append(rr.MeanPercent, ComponentMean{c.ID, c.MeanPercent})
		}
		d.Region = append(d.Region, rr)
	}
	for _, f := range s.Failures {
		d.Failures = append(d.Failures, FailureDoc(f))
	}
	for _, x := range s.Duplicates {
		d.Duplicates = append(d.Duplicates, DuplicateDoc(x))
	}
	return d
}

// WriteSummaryJSON writes the summary as JSON. The two arrays that grow
// with the number of schools, "schools" and "problems", come last, one
// compact object per line, so that a national summary streams out instead
// of being built and indented in memory.
func WriteSummaryJSON(w io.Writer, s *summary.Summary) error {
	doc := summaryHead(s)
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	body := bytes.TrimSuffix(bytes.TrimRight(head.Bytes(), "\n"), []byte("}"))
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(bytes.TrimRight(body, " \n"))
	bw.WriteString(",\n")
	writeArray(bw, "schools", len(s.Schools), func(i int) any { return schoolRowDoc(s, &s.Schools[i]) }, true)
	writeArray(bw, "problems", len(s.Problems), func(i int) any { return SchoolProblemDoc(s.Problems[i]) }, false)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func writeArray(bw *bufio.Writer, key string, n int, item func(int) any, comma bool) {
	bw.WriteString("  \"" + key + "\": [")
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	for i := range n {
		line.Reset()
		enc.Encode(item(i))
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimRight(line.Bytes(), "\n"))
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	if comma {
		bw.WriteString(",\n")
	}
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
