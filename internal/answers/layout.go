package answers

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/textnorm"
	"github.com/xuri/excelize/v2"
)

// table is a stream of rows from a CSV file or one worksheet.
type table interface {
	// next returns the next row's cells and 1-based row number.
	next() (cells []string, row int, ok bool)
	err() error
	// loc names a cell (col 1-based) or, with col 0, a row.
	loc(row, col int) problem.Location
	// file is the path for messages.
	file() string
	// sheet is the worksheet's name, "" for CSV.
	sheet() string
	// answer makes the answer of a cell from its raw text: what a person
	// sees in it (a cell formatted as percent holds 0.35 but shows 35 %),
	// and whether it is a date or an unsaved formula.
	answer(raw string, row, col int) submission.Answer
}

// maxSchoolRows bounds the rows of a one-school table: a school answers
// about a hundred indicators.
const maxSchoolRows = 10000

// maxHeaderSearch is how many rows may stand above the header row.
const maxHeaderSearch = 200

// errNoHeader is returned by parseTable when no header row was found; seen
// are the first cells it did find, to show the user what the program saw.
type errNoHeader struct{ seen []lang.Phrase }

func (errNoHeader) Error() string { return "no header row" }

// message is the message, with what was seen.
func (e errNoHeader) message() lang.Phrase {
	if len(e.seen) == 0 {
		return lang.P(noHeaderMsg + "; в файле не найдено ни одной непустой ячейки")
	}
	return lang.P("%s; в начале найдено: %s", lang.P(noHeaderMsg), lang.Joined{Sep: ", ", Items: e.seen})
}

// seenCells lists up to 8 non-empty cells of the rows, with their places
// («строка 1, столбец 2», «row 1, column 2» when written).
func seenCells(t table, rows []preRow) []lang.Phrase {
	var seen []lang.Phrase
	for _, r := range rows {
		for c, v := range r.cells {
			if v = strings.TrimSpace(v); v != "" && len(seen) < 8 {
				where := t.loc(r.row, c+1)
				where.File = ""
				seen = append(seen, lang.P("%s «%s»", where, lang.Text(textnorm.Truncate(v, 30))))
			}
		}
	}
	return seen
}

const noHeaderMsg = "не найдена строка заголовков таблицы: ожидались столбцы «№» и «Ответ» (или «Значение показания»), " +
	"либо таблица района со столбцами «Наименование ОО» или «Код ОО» и номерами показателей"

// header describes the columns of a recognised header row (0-based indexes, -1 when absent).
type header struct {
	row                      int
	layout                   string
	id, answer, points, text int
	comment                  int          // school: the comment / evidence column
	meta                     map[role]int // district: identity and profile columns
	indicators               []indicatorCol
	comments                 []indicatorCol // district: the comment column of an indicator
	named                    []bool         // columns with a header
	cells                    []string       // the header row
	// beside are more «№ | Ответ» column pairs to the right of the first:
	// a table continued beside itself.
	beside []columnPair
}

type columnPair struct{ id, answer int }

type indicatorCol struct {
	col int
	id  string
}

func detectHeader(cells []string, row int, known ids, f *fields) (header, bool) {
	h := header{row: row, id: -1, answer: -1, points: -1, text: -1, comment: -1, meta: map[role]int{}, named: make([]bool, len(cells)), cells: clone(cells)}
	var moreIDs, moreAnswers []int
	for i, c := range cells {
		h.named[i] = strings.TrimSpace(c) != ""
		if strings.TrimSpace(c) == "" {
			continue
		}
		switch headerRole(c) {
		case roleID:
			if h.id < 0 {
				h.id = i
			} else {
				moreIDs = append(moreIDs, i)
			}
			continue
		case roleAnswer:
			if h.answer < 0 {
				h.answer = i
			} else {
				moreAnswers = append(moreAnswers, i)
			}
			continue
		case rolePoints:
			if h.points < 0 {
				h.points = i
			}
			continue
		case roleText:
			if h.text < 0 {
				h.text = i
			}
			continue
		case roleComment:
			if h.comment < 0 {
				h.comment = i
			}
			continue
		}
		if r := f.role(c); r != roleNone {
			if _, dup := h.meta[r]; !dup {
				h.meta[r] = i
			}
			continue
		}
		if id, ok := known.commentHeader(c); ok {
			h.comments = append(h.comments, indicatorCol{col: i, id: id})
			continue
		}
		if id, ok := known.header(c); ok {
			h.indicators = append(h.indicators, indicatorCol{col: i, id: id})
		}
	}
	// More pairs, each «№» left of its «Ответ», to the right of the first.
	if len(moreIDs) == len(moreAnswers) && h.answer > h.id {
		for k := range moreIDs {
			if moreIDs[k] > h.answer && moreIDs[k] < moreAnswers[k] && (k == 0 || moreIDs[k] > moreAnswers[k-1]) {
				h.beside = append(h.beside, columnPair{moreIDs[k], moreAnswers[k]})
			}
		}
	}
	_, hasName := h.meta[roleName]
	_, hasCode := h.meta[roleCode]
	switch {
	case len(h.indicators) >= 2 && (hasName || hasCode):
		h.layout = submission.LayoutDistrict
		return h, true
	case h.id >= 0 && h.answer >= 0:
		h.layout = submission.LayoutSchool
		return h, true
	}
	return h, false
}

// errResults is a table whose header is one of the program's own result
// tables (score's, a summary's or a comparison's CSV): no answers, though
// score's has «№» and «Ответ» columns.
type errResults struct{}

func (errResults) Error() string { return "selfdiag results" }

// resultsMsg is what a results file among answers is told; modelMsg, a
// model's table.
const (
	resultsMsg = "результаты selfdiag (отчёт, сводка или сравнение), а не ответы школы — пропущен"
	modelMsg   = "таблица модели selfdiag, а не ответы — пропущена; модель загружается через --model"
)

// errModelTable is a model's table (model export): its «Ответы» sheet
// lists answers, but nobody gave them.
type errModelTable struct{}

func (errModelTable) Error() string { return "a model's table" }

// isTitle says the cell is the title in any language.
func isTitle(cell, title string) bool {
	return slices.ContainsFunc(lang.All(title), func(s string) bool { return strings.EqualFold(strings.TrimSpace(cell), s) })
}

// isModelTableHeader says the row starts a model's table in CSV: the
// information sheet's name, then its «Ключ» column.
func isModelTableHeader(cells []string) bool {
	return len(cells) >= 3 && isTitle(cells[0], model.SheetInfo) && isTitle(cells[1], "Ключ")
}

// isModelWorkbook says the workbook's sheets are a model's table: its
// information and indicators sheets, in any language.
func isModelWorkbook(sheets []string) bool {
	has := func(title string) bool {
		return slices.ContainsFunc(sheets, func(s string) bool { return isTitle(s, title) })
	}
	return has(model.SheetInfo) && has(model.SheetIndicators)
}

// resultHeads are columns the program's result tables have together, in
// every language: score's and a summary's first two, a comparison's.
var resultHeads = [][2]string{{"Файл", "Строка"}, {"Сопоставление", "Было: баллы"}}

// isResultsHeader says the row is the header of one of the program's
// result tables: it has both columns of one of resultHeads, in any
// language, and more.
func isResultsHeader(cells []string) bool {
	if len(cells) < 4 {
		return false
	}
	has := func(title string) bool {
		return slices.ContainsFunc(cells, func(c string) bool { return isTitle(c, title) })
	}
	for _, h := range resultHeads {
		if has(h[0]) && has(h[1]) {
			return true
		}
	}
	return false
}

// preRow is a row seen above the header.
type preRow struct {
	cells []string
	row   int
}

// parseTable reads one table. base holds identity and profile already read
// (from an xlsx «Школа» sheet); it may be nil.
func parseTable(t table, base *metaFields, out sink, opts Options) error {
	var pre []preRow
	for {
		cells, row, ok := t.next()
		if !ok {
			if err := t.err(); err != nil {
				return err
			}
			return errNoHeader{seen: seenCells(t, pre)}
		}
		if len(pre) == 0 && isResultsHeader(cells) {
			return errResults{}
		}
		if len(pre) == 0 && isModelTableHeader(cells) {
			return errModelTable{}
		}
		h, ok := detectHeader(cells, row, opts.IDs, opts.fields)
		if !ok && len(pre) > 0 && pre[len(pre)-1].row == row-1 {
			// A header over two rows (merged cells): a title above the
			// indicator numbers, or «Ответ» above «значение | баллы».
			h, ok = detectHeader(mergeRows(pre[len(pre)-1].cells, cells), row, opts.IDs, opts.fields)
		}
		if ok {
			if h.layout == submission.LayoutDistrict {
				return parseDistrict(t, h, out, opts)
			}
			return parseSchool(t, h, pre, base, out, opts)
		}
		if len(pre) >= maxHeaderSearch {
			return errNoHeader{seen: seenCells(t, pre)}
		}
		pre = append(pre, preRow{cells: clone(cells), row: row})
	}
}

// mergeRows reads two header rows as one: a cell of the lower row, else
// the cell above it (a merged cell shows its text in its first row only).
func mergeRows(upper, lower []string) []string {
	merged := make([]string, max(len(upper), len(lower)))
	for i := range merged {
		if i < len(lower) && strings.TrimSpace(lower[i]) != "" {
			merged[i] = lower[i]
		} else if i < len(upper) {
			merged[i] = upper[i]
		}
	}
	return merged
}

func clone(cells []string) []string { return append([]string(nil), cells...) }

func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// metaFields collects identity and profile values with where they were found.
type metaFields struct {
	f        *fields
	fields   []metaField // by role
	problems []problem.Problem
}

// metaField is one field's value, whether the file has it, and where.
type metaField struct {
	value string
	has   bool
	loc   problem.Location
}

func newMeta(f *fields) *metaFields {
	return &metaFields{f: f, fields: make([]metaField, f.count())}
}

func (m *metaFields) value(r role) (string, bool) { return m.fields[r].value, m.fields[r].has }

func (m *metaFields) loc(r role) problem.Location { return m.fields[r].loc }

func (m *metaFields) set(r role, v string, loc problem.Location) {
	v = strings.TrimSpace(v)
	if old := m.fields[r].value; m.fields[r].has && old != "" {
		if v != "" && textnorm.Normalize(old) != textnorm.Normalize(v) {
			m.problems = append(m.problems, problem.At(loc, m.f.T("поле «%s» указано дважды по-разному: «%s» (%s) и «%s»; использовано первое"),
				m.f.title(r), old, m.fields[r].loc.In(m.f.r.Lang()), v))
		}
		return
	}
	m.fields[r] = metaField{v, true, loc}
}

// splitKeyValue reads a meta row: the key in the first non-empty cell and
// the value in the rest (joined with ", ": an unquoted «НОО, ООО» in a
// comma-separated file falls into two cells), or "Ключ: значение" in one cell.
func splitKeyValue(cells []string) (key, value string, valueCol int) {
	first, valueCol := -1, -1
	var rest []string
	for i, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		if valueCol < 0 {
			valueCol = i
		}
		rest = append(rest, strings.TrimSpace(c))
	}
	if first < 0 {
		return "", "", -1
	}
	if valueCol >= 0 {
		return strings.TrimSpace(cells[first]), strings.Join(rest, ", "), valueCol
	}
	c := strings.TrimSpace(cells[first])
	if k, v, ok := strings.Cut(c, ":"); ok {
		return strings.TrimSpace(k), strings.TrimSpace(v), first
	}
	return c, "", first + 1 // the value belongs in the next cell
}

// readPreHeader takes identity, profile and the stated total and level from
// the rows above the header.
func readPreHeader(t table, pre []preRow, meta *metaFields, sub *submission.Submission) {
	for _, p := range pre {
		key, value, col := splitKeyValue(p.cells)
		if key == "" {
			continue
		}
		joined := strings.Join(nonEmpty(p.cells), " ")
		if m := statedTotalRe.FindStringSubmatch(joined); m != nil {
			n, _ := strconv.Atoi(m[1])
			sub.Stated.Total = &n
			sub.Stated.TotalLoc = t.loc(p.row, col+1)
			continue
		}
		if m := statedLevelRe.FindStringSubmatch(joined); m != nil && meta.f.role(key) == roleNone {
			lv := cmp.Or(m[1], m[2], m[3])
			sub.Stated.Level = strings.TrimSpace(lv)
			sub.Stated.LevelLoc = t.loc(p.row, col+1)
			continue
		}
		if r := meta.f.role(key); r != roleNone {
			meta.set(r, value, t.loc(p.row, col+1))
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func nonEmpty(cells []string) []string {
	out := make([]string, 0, len(cells))
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func parseSchool(t table, h header, pre []preRow, base *metaFields, out sink, opts Options) error {
	sub := &submission.Submission{Source: t.file(), Sheet: t.sheet(), Layout: submission.LayoutSchool, Loc: problem.Location{File: t.file()}}
	meta := base
	if meta == nil {
		meta = newMeta(opts.fields)
	}
	readPreHeader(t, pre, meta, sub)
	if sub.Stated.Total != nil || sub.Stated.Level != "" || h.text >= 0 && h.points >= 0 {
		sub.Layout = submission.LayoutFederal
	}
	// Rows count when they hold something: Excel keeps the formatting of
	// whole columns as empty rows down to the sheet's end.
	for rows := 0; ; {
		cells, row, ok := t.next()
		if !ok {
			break
		}
		if blank(cells) {
			continue
		}
		rows++
		if rows > maxSchoolRows {
			return &FileError{File: t.loc(row, 0).File, Where: t.loc(row, 0), Msg: lang.P("под строкой заголовков больше %d строк: в ответах одной школы их около сотни; проверьте, что это файл ответов", maxSchoolRows)}
		}
		idCell := cell(cells, h.id)
		if rows == 1 && idCell == "" {
			// The header's second row («Ответ» above «значение | баллы»).
			if h2, ok := detectHeader(mergeRows(h.cells, cells), row, opts.IDs, opts.fields); ok && h2.layout == submission.LayoutSchool && slices.ContainsFunc(cells, func(c string) bool { return headerRole(c) != roleNone }) {
				h = h2
				continue
			}
		}
		sub.Answers = append(sub.Answers, besideAnswers(t, h, cells, row, opts.IDs)...)
		ans := cell(cells, h.answer)
		if idCell == "" {
			// Blank rows and group headings («Магистральное направление «Знание»»).
			if ans != "" && !headingRe.MatchString(ans) {
				sub.Problems = append(sub.Problems, problem.At(t.loc(row, h.answer+1),
					opts.fields.T("ответ «%s» без номера показателя в столбце %s: строка пропущена"), textnorm.Truncate(ans, 40), problem.ColumnName(h.id+1)))
			}
			continue
		}
		id, isID := ids(opts.IDs).id(idCell)
		if !isID {
			if r := meta.f.role(idCell); r != roleNone {
				v := ans
				if v == "" {
					_, v, _ = splitKeyValue(cells)
				}
				meta.set(r, v, t.loc(row, h.answer+1))
				continue
			}
			if isHeading(cells) || strings.Contains(idCell, ":") && statedTotalRe.MatchString(strings.Join(nonEmpty(cells), " ")) {
				continue
			}
			msg := "не распознан номер показателя «%s»: ожидалось число, например 7"
			if opts.IDs != nil {
				msg = "не распознан показатель «%s»: это не номер и не id (или синоним) показателя модели; строка пропущена"
			}
			sub.Problems = append(sub.Problems, problem.At(t.loc(row, h.id+1), opts.fields.T(msg), textnorm.Truncate(idCell, 40)))
			continue
		}
		a := t.answer(ans, row, h.answer+1)
		a.Indicator = id
		if h.comment >= 0 {
			a.Comment = strings.TrimSpace(cell(cells, h.comment))
		}
		for c := h.answer + 1; c < len(cells); c++ {
			if (c >= len(h.named) || !h.named[c]) && strings.TrimSpace(cells[c]) != "" {
				if a.Odd == nil {
					a.Odd = &submission.Odd{}
				}
				a.Odd.Extra = append(a.Odd.Extra, strings.TrimSpace(cells[c]))
			}
		}
		if h.points >= 0 {
			if ps := cell(cells, h.points); ps != "" {
				a.PointsCol = h.points + 1
				if v, err := textnorm.ParseNumber(ps); err == nil && v.Unit == "" && v.Value == float64(int(v.Value)) {
					n := int(v.Value)
					a.Points = &n
				} else {
					sub.Problems = append(sub.Problems, problem.At(sub.PointsLoc(&a),
						opts.fields.T("в столбце баллов «%s» не целое число баллов: сверка баллов для показателя %s пропущена"), textnorm.Truncate(ps, 20), id))
				}
			}
		}
		sub.Answers = append(sub.Answers, a)
	}
	if err := t.err(); err != nil {
		return err
	}
	if len(sub.Answers) == 0 {
		sub.Problems = append(sub.Problems, problem.At(t.loc(h.row, 0), "%s", opts.fields.T("под строкой заголовков нет ни одного ответа")))
	}
	applyMeta(meta, sub, problem.Location{File: t.file()}, opts)
	return out.put(sub)
}

// besideAnswers reads the answers of a row from the tables beside the
// first one (see header.beside).
func besideAnswers(t table, h header, cells []string, row int, known ids) []submission.Answer {
	var out []submission.Answer
	for _, p := range h.beside {
		if id, ok := known.id(cell(cells, p.id)); ok {
			a := t.answer(cell(cells, p.answer), row, p.answer+1)
			a.Indicator = id
			out = append(out, a)
		}
	}
	return out
}

// isHeading reports a row with one text cell, like a group heading.
func isHeading(cells []string) bool {
	ne := nonEmpty(cells)
	return len(ne) == 1 || (len(ne) > 0 && headingRe.MatchString(ne[0]))
}

// errNoSchools is returned by parseDistrict for a district table with a
// header and no school under it: a file that yields no school says so.
type errNoSchools struct{ header problem.Location }

func (errNoSchools) Error() string { return "no school rows" }

func (e errNoSchools) message() lang.Phrase {
	return lang.P("таблица района без строк школ: под строкой заголовков (%s) нет ни одной заполненной строки; впишите по строке на каждую школу", e.header.String())
}

func parseDistrict(t table, h header, out sink, opts Options) error {
	schools := 0
	fn := out.fn
	out.fn = func(v any) error { schools++; return fn(v) }
	err := parseDistrictRows(t, h, out, opts)
	if err == nil && schools == 0 {
		return errNoSchools{header: t.loc(h.row, 0)}
	}
	return err
}

func parseDistrictRows(t table, h header, out sink, opts Options) error {
	b := newDistrictBuilder(t, h, opts.fields)
	b.opts = opts
	if parallel(t, opts.Workers) {
		return parseDistrictParallel(t, b, out, opts.Workers, cmp.Or(opts.batchSize, rowBatchSize))
	}
	for {
		cells, row, ok := t.next()
		if !ok {
			break
		}
		if sub := b.school(cells, row); sub != nil {
			if err := out.put(sub); err != nil {
				return err
			}
		}
	}
	return t.err()
}

// districtBuilder makes a school's submission from its row of a district
// table. It is safe for several goroutines (see parseDistrictParallel): it
// only reads its fields, and so do its table's loc, value, file and sheet.
type districtBuilder struct {
	t              table
	h              header
	headerProblems []problem.Problem
	metaCols       []metaCol
	commentCol     map[string]int // indicator id -> its comment column
	opts           Options        // the profile fields the table leaves out
}

type metaCol struct {
	r   role
	col int
}

func newDistrictBuilder(t table, h header, f *fields) *districtBuilder {
	b := &districtBuilder{t: t, h: h}
	seenID := map[string]int{}
	for _, ic := range h.indicators {
		if prev, dup := seenID[ic.id]; dup {
			b.headerProblems = append(b.headerProblems, problem.At(t.loc(h.row, ic.col+1),
				f.T("показатель %s встречается в заголовке дважды (столбцы %s и %s)"), ic.id, problem.ColumnName(prev+1), problem.ColumnName(ic.col+1)))
		}
		seenID[ic.id] = ic.col
	}
	for r, col := range h.meta {
		b.metaCols = append(b.metaCols, metaCol{r, col})
	}
	b.commentCol = map[string]int{}
	for _, cc := range h.comments {
		if _, ok := seenID[cc.id]; !ok {
			b.headerProblems = append(b.headerProblems, problem.At(t.loc(h.row, cc.col+1),
				f.T("столбец комментария к показателю %s, а столбца ответа на него нет: комментарий не прочитан"), cc.id))
			continue
		}
		if prev, dup := b.commentCol[cc.id]; dup {
			b.headerProblems = append(b.headerProblems, problem.At(t.loc(h.row, cc.col+1),
				f.T("столбец комментария к показателю %s встречается дважды (столбцы %s и %s): прочитан первый"), cc.id, problem.ColumnName(prev+1), problem.ColumnName(cc.col+1)))
			continue
		}
		b.commentCol[cc.id] = cc.col
	}
	slices.SortFunc(b.metaCols, func(x, y metaCol) int { return cmp.Compare(x.col, y.col) })
	return b
}

// school builds the submission of one row; nil for a blank row.
func (b *districtBuilder) school(cells []string, row int) *submission.Submission {
	if blank(cells) {
		return nil
	}
	t := b.t
	sub := &submission.Submission{Source: t.file(), Sheet: t.sheet(), Row: row, Layout: submission.LayoutDistrict, Loc: t.loc(row, 0),
		Problems: slices.Clone(b.headerProblems), Answers: make([]submission.Answer, 0, len(b.h.indicators))}
	meta := newMeta(b.opts.fields)
	for _, mc := range b.metaCols {
		meta.set(mc.r, cell(cells, mc.col), t.loc(row, mc.col+1))
	}
	for _, ic := range b.h.indicators {
		a := t.answer(cell(cells, ic.col), row, ic.col+1)
		a.Indicator = ic.id
		if col, ok := b.commentCol[ic.id]; ok {
			a.Comment = strings.TrimSpace(cell(cells, col))
		}
		sub.Answers = append(sub.Answers, a)
	}
	applyMeta(meta, sub, t.loc(row, 0), b.opts)
	return sub
}

// applyMeta fills the submission's respondent from the collected fields
// and reports what is missing or unreadable; an attribute the file leaves
// out is taken from opts.Given when given, and is no problem when the
// model has no use for attributes.
func applyMeta(meta *metaFields, sub *submission.Submission, where problem.Location, opts Options) {
	f := meta.f
	sub.Problems = append(sub.Problems, meta.problems...)
	s := &sub.School
	s.Name = meta.fields[roleName].value
	s.Code = normalizeCode(meta.fields[roleCode].value)
	s.Year = normalizeCode(meta.fields[roleYear].value)
	for i := range f.r.Groups {
		if v := meta.fields[f.group(i)].value; v != "" {
			if s.Groups == nil {
				s.Groups = make([]string, len(f.r.Groups))
			}
			s.Groups[i] = v
		}
	}
	s.Profile = f.r.DefaultProfile()
	if v, ok := meta.value(roleFilled); ok && v != "" {
		if d, ok := parseDate(v); ok {
			s.Filled = d
		} else {
			sub.Problems = append(sub.Problems, problem.At(meta.loc(roleFilled),
				f.T("не распознана «Дата заполнения» «%s»: ожидалось ДД.ММ.ГГГГ, например 15.05.2025; дата не учтена"), textnorm.Truncate(v, 30)))
		}
	}
	if s.Name == "" && s.Code == "" {
		sub.Problems = append(sub.Problems, problem.At(where, f.T("не указаны ни «%s», ни «%s»: респондента нельзя опознать в сводке"), f.r.Name.Title, f.r.Code.Title))
	}
	known := 0
	for i, a := range f.r.Attributes {
		r := f.attribute(i)
		v, ok := meta.value(r)
		switch {
		case ok && v != "":
			if vals, ok := readAttribute(a, v); ok {
				s.Profile[a.ID] = vals
				known++
			} else {
				sub.Problems = append(sub.Problems, problem.At(meta.loc(r),
					f.T("в поле «%s» значение «%s»: %s; принято «%s»"), a.Title, textnorm.Truncate(v, 40), expecting(a), a.Text(a.Default)))
			}
		case opts.Given[a.ID] != nil:
			s.Profile[a.ID] = slices.Clone(opts.Given[a.ID])
			known++
		case !opts.NoProfile:
			sub.Problems = append(sub.Problems, problem.At(locOr(meta, r, where),
				f.T("не указано поле «%s» (%s): принято «%s»; для файлов без этого поля его можно задать параметром %s"), a.Title, expected(a), a.Text(a.Default), setFlag(a)))
		}
	}
	// A model that has no use for attributes assumes nothing by leaving
	// them out.
	sub.ProfileKnown = known > 0 || opts.NoProfile || len(f.r.Attributes) == 0
}

// readAttribute reads an attribute's cell: a list of values for a multiple
// one, one value else.
func readAttribute(a *model.Attribute, v string) ([]string, bool) {
	if a.Multiple {
		vals, bad := a.ParseValues(v)
		return vals, len(bad) == 0 && len(vals) > 0
	}
	id, ok := a.ParseValue(v)
	return []string{id}, ok
}

// expected says what an attribute's cell holds, for messages; expecting
// says it was expected.
func expected(a *model.Attribute) string {
	l := a.Lang()
	switch {
	case a.IsYesNo():
		return l.T("«да» или «нет»")
	case a.Multiple:
		return l.T("список из %s через запятую", strings.Join(a.ValueIDs(), ", "))
	}
	return l.T("одно из: %s", strings.Join(a.ValueIDs(), ", "))
}

func expecting(a *model.Attribute) string {
	if a.Multiple {
		return a.Lang().T("ожидался %s", expected(a))
	}
	return a.Lang().T("ожидалось %s", expected(a))
}

// setFlag is how the command line gives an attribute: the school's own
// flags, else --set.
func setFlag(a *model.Attribute) string {
	if slices.Contains(model.SchoolAttributes, a.ID) {
		return "--" + a.ID
	}
	return "--set " + a.ID + "=…"
}

func locOr(meta *metaFields, r role, where problem.Location) problem.Location {
	if meta.fields[r].has {
		return meta.fields[r].loc
	}
	return where
}

// parseDate reads a date as people and spreadsheets write it: 15.05.2025,
// 15.05.25, 2025-05-15, or Excel's serial number of a date cell.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02.01.2006", "2.1.2006", "02.01.06", "2006-01-02", "02/01/2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d, true
		}
	}
	if serial, err := strconv.ParseFloat(s, 64); err == nil && serial > 20000 && serial < 80000 {
		if d, err := excelize.ExcelDateToTime(serial, false); err == nil {
			return d.Truncate(24 * time.Hour), true
		}
	}
	return time.Time{}, false
}

// normalizeCode turns Excel's float rendering of a code ("1234.0") back into text.
func normalizeCode(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ".0"); i > 0 && strings.Trim(s[i+1:], "0") == "" {
		if _, err := strconv.Atoi(s[:i]); err == nil {
			return s[:i]
		}
	}
	return s
}
