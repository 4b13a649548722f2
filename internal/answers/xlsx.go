package answers

import (
	"errors"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/textnorm"
	"github.com/selfdiag/selfdiag/internal/xlsxopen"
)

// Sheet names with a role of their own.
const (
	SheetSchool       = "Школа"
	SheetAnswers      = "Ответы"
	SheetInstructions = "Инструкция"
)

// sheetIs says whether a sheet is the template's sheet of that role, in
// any of the languages templates are written in.
func sheetIs(name, role string) bool {
	return slices.ContainsFunc(lang.All(role), func(n string) bool { return textnorm.Key(n) == textnorm.Key(name) })
}

func readXLSX(path string, file *os.File, opts Options, out sink) error {
	opts.fields = newFields(opts.Respondent)
	f, done, err := xlsxopen.Open(file, lang.P(": книга одной школы или района столько не занимает; пересохраните её в Excel или LibreOffice или сохраните таблицу района в CSV"))
	if xe, ok := err.(*xlsxopen.Error); ok {
		return &FileError{File: path, Msg: xe.Msg}
	}
	if err != nil {
		return &FileError{File: path, Msg: lang.P("%s", err.Error())}
	}
	defer done()
	defer f.Close()
	if xlsxopen.IsResults(f) {
		return &FileError{File: path, Results: true,
			Msg: lang.P(resultsMsg)}
	}
	if isModelWorkbook(f.GetSheetList()) {
		return &FileError{File: path, Results: true, Model: true, Msg: lang.P(modelMsg)}
	}

	var base *metaFields
	var sheets []string
	budget := &xlsxopen.TextBudget{}
	formats := &styleFormats{f: f, seen: map[int]string{}}
	for _, name := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(name); !visible {
			continue
		}
		switch {
		case sheetIs(name, SheetSchool):
			base, err = readSchoolSheet(f, path, name, budget, opts.fields)
			if err != nil {
				return err
			}
			continue
		case sheetIs(name, SheetInstructions):
			continue
		}
		sheets = append(sheets, name)
	}
	// Every sheet is read. A school's table continued on further sheets
	// (the same headers) joins the first sheet's answers; a district table
	// continued on further sheets (a sheet per municipality) gives their
	// schools too; a table of the other kind is reported.
	var seen []lang.Phrase
	var ignored []string
	var emptyDistrict []errNoSchools
	var schools []*submission.Submission
	layout := ""
	for i, name := range sheets {
		var got []*submission.Submission
		b := base
		if i > 0 {
			b = nil // the «Школа» sheet belongs to the first table
		}
		err := readSheet(f, file, path, name, b, budget, formats, opts, sink{fn: func(v any) error { got = append(got, v.(*submission.Submission)); return nil }})
		var nh errNoHeader
		var ns errNoSchools
		switch {
		case errors.As(err, &nh):
			seen = append(seen, nh.seen...)
			continue
		case errors.Is(err, errResults{}):
			return &FileError{File: path, Results: true, Msg: lang.P(resultsMsg)}
		case errors.As(err, &ns):
			// A sheet of a district book may be empty (a municipality
			// with no school yet); a book with no school at all is not.
			emptyDistrict = append(emptyDistrict, ns)
			continue
		case err != nil:
			return err
		case len(got) == 0:
			continue
		}
		isDistrict := got[0].Layout == submission.LayoutDistrict
		switch {
		case layout == "":
			layout, schools = got[0].Layout, got
		case isDistrict && layout == submission.LayoutDistrict:
			schools = append(schools, got...)
		case !isDistrict && layout != submission.LayoutDistrict:
			// The answers and their cells' problems join; the school's
			// identity comes from the first sheet and «Школа».
			schools[0].Answers = append(schools[0].Answers, got[0].Answers...)
			for _, p := range got[0].Problems {
				if p.Location.Sheet != "" {
					schools[0].Problems = append(schools[0].Problems, p)
				}
			}
		default:
			ignored = append(ignored, name)
		}
	}
	if len(schools) == 0 && len(emptyDistrict) > 0 {
		return &FileError{File: path, Msg: emptyDistrict[0].message()}
	}
	if len(schools) == 0 {
		msg := lang.P("%s (просмотрены листы: «%s»)", lang.P(noHeaderMsg), strings.Join(sheets, "», «"))
		if len(seen) > 0 {
			msg = lang.P("%s; в начале найдено: %s", msg, lang.Joined{Sep: ", ", Items: seen[:min(len(seen), 8)]})
		}
		return &FileError{File: path, Msg: msg}
	}
	if len(ignored) > 0 {
		schools[0].Problems = append(schools[0].Problems, problem.At(problem.Location{File: path},
			opts.fields.T("на листах «%s» таблицы другого вида: они не прочитаны; оставьте в книге таблицы одного вида"), strings.Join(ignored, "», «")))
	}
	for _, sub := range schools {
		if err := out.put(sub); err != nil {
			return err
		}
	}
	return nil
}

func readSheet(f *excelize.File, file *os.File, path, sheet string, base *metaFields, budget *xlsxopen.TextBudget, formats *styleFormats, opts Options, out sink) error {
	broken := &FileError{File: path, Msg: lang.P("не удалось прочитать лист «%s»: книга повреждена; откройте её в Excel или LibreOffice и сохраните заново", sheet)}
	notes, err := openNotes(file, sheet)
	if err != nil {
		return broken
	}
	defer notes.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return broken
	}
	defer rows.Close()
	t := &xlsxTable{f: f, path: path, sheetName: sheet, rows: rows, budget: budget, notes: notes, formats: formats}
	// The caller's options (the given profile, a model without profiles)
	// hold for a workbook as for a CSV; its rows are built here, in order.
	opts.Workers = 1
	return parseTable(t, base, out, opts)
}

// readSchoolSheet reads the «Школа» sheet: identity and profile as key/value rows.
func readSchoolSheet(f *excelize.File, path, sheet string, budget *xlsxopen.TextBudget, fl *fields) (*metaFields, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, &FileError{File: path, Msg: lang.P("не удалось прочитать лист «%s»: книга повреждена; откройте её в Excel или LibreOffice и сохраните заново", sheet)}
	}
	defer rows.Close()
	t := &xlsxTable{f: f, path: path, sheetName: sheet, rows: rows, budget: budget}
	meta := newMeta(fl)
	for {
		cells, row, ok := t.next()
		if !ok {
			break
		}
		key, value, col := splitKeyValue(cells)
		if r := fl.role(key); r != roleNone {
			meta.set(r, value, t.loc(row, col+1))
		}
	}
	return meta, t.err()
}

type xlsxTable struct {
	f         *excelize.File
	path      string
	sheetName string
	rows      *excelize.Rows
	row       int
	failure   error
	budget    *xlsxopen.TextBudget // the workbook's, shared by its sheets
	// notes say which cells of the row read are text, styled numbers or
	// formulas without a value (see xlsxcells.go); formats are the number
	// formats by style.
	notes   *cellNotes
	formats *styleFormats
}

func (t *xlsxTable) next() ([]string, int, bool) {
	if t.failure != nil || !t.rows.Next() {
		if err := t.rows.Error(); err != nil && t.failure == nil {
			t.failure = &FileError{File: t.path, Msg: lang.P("не удалось дочитать лист «%s»: книга повреждена; откройте её в Excel или LibreOffice и сохраните заново", t.sheetName)}
		}
		return nil, 0, false
	}
	t.row++
	cols, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		t.failure = &FileError{File: t.path, Where: t.loc(t.row, 0), Msg: lang.P("строка не читается (повреждённая ячейка): откройте книгу в Excel или LibreOffice и сохраните заново")}
		return nil, 0, false
	}
	if col, msg, ok := t.budget.Take(cols); !ok {
		t.failure = &FileError{File: t.path, Where: t.loc(t.row, col+1), Msg: msg}
		return nil, 0, false
	}
	return cols, t.row, true
}

func (t *xlsxTable) err() error    { return t.failure }
func (t *xlsxTable) file() string  { return t.path }
func (t *xlsxTable) sheet() string { return t.sheetName }
func (t *xlsxTable) loc(row, col int) problem.Location {
	return problem.Location{File: t.path, Sheet: t.sheetName, Row: row, Col: col}
}

// answer reads an answer cell as a person sees it. The raw value of a
// number cell is the double Excel stored; what the cell shows depends on
// its format:
//   - percent: 0.35 shows as 35 %, 1.5 as 150 %: read as "35%", "150%";
//   - a date: the serial number 45778 shows as 01.05.2025: kept as the
//     date, which is no answer (Excel turns a typed 1.5 into 1 May);
//   - otherwise a stored double such as 74.599999999999994 is the 74.6
//     that was typed: read in its shortest form.
//
// An empty cell holding a formula is a formula whose value was not saved.
func (t *xlsxTable) answer(raw string, row, col int) submission.Answer {
	a := submission.Answer{Value: raw, Row: row, Col: col}
	text, style, formula := t.notes.at(row, col)
	if raw == "" {
		if formula {
			a.Odd = &submission.Odd{Formula: true}
		}
		return a
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || text {
		return a // text that looks like a number is read as text
	}
	a.Value = strconv.FormatFloat(v, 'f', -1, 64)
	switch format := t.formats.of(style); {
	case strings.Contains(format, "%"):
		a.Value = strconv.FormatFloat(math.Round(v*100*1e9)/1e9, 'f', -1, 64) + "%"
	case isDateFormat(format):
		if d, err := excelize.ExcelDateToTime(v, false); err == nil {
			a.Odd = &submission.Odd{Date: d.Format("02.01.2006")}
		}
	}
	return a
}

// styleFormats are a workbook's number format codes by style id ("0.00%",
// "dd.mm.yyyy"; "" for General), looked up once per style.
type styleFormats struct {
	f    *excelize.File
	seen map[int]string
}

func (s *styleFormats) of(style int) string {
	if style == 0 {
		return ""
	}
	if format, ok := s.seen[style]; ok {
		return format
	}
	format := ""
	if st, err := s.f.GetStyle(style); err == nil {
		if st.CustomNumFmt != nil {
			format = *st.CustomNumFmt
		} else {
			format = builtinFormats[st.NumFmt]
		}
	}
	s.seen[style] = format
	return format
}

// builtinFormats are the built-in number formats that matter here: percent
// and date (ECMA-376 18.8.30).
var builtinFormats = map[int]string{9: "0%", 10: "0.00%", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
	18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0"}

// isDateFormat says a number format shows a date or time: it has d, m, y,
// h or s outside quotes and brackets (colours, locales) and is not a
// percent.
func isDateFormat(format string) bool {
	quoted, bracket := false, false
	for _, r := range strings.ToLower(format) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		case r == 'д' || r == 'м' || r == 'г' || strings.ContainsRune("dmyhs", r):
			return true
		}
	}
	return false
}
