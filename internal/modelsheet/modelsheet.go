// Package modelsheet reads and writes a model's spreadsheet form
// (model.Table) as an .xlsx workbook, a sheet per kind of thing, or as one
// CSV file whose first column names the sheet.
package modelsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/xlsxopen"
	"github.com/selfdiag/selfdiag/internal/xlsxprint"
)

// Bounds on a model's spreadsheet: a real methodology has about a hundred
// indicators and a few hundred answers.
const (
	MaxFileSize = 20 << 20
	MaxRows     = 20000 // per sheet
	MaxCols     = 200
	// MaxText bounds the text of all cells of a model workbook, in bytes:
	// a model of a few hundred indicators gives well under a megabyte.
	MaxText = 16 << 20
)

// CSVSheetColumn heads the first column of the CSV form.
const CSVSheetColumn = "Лист"

// IsTable reports whether a path names a spreadsheet form by its extension.
func IsTable(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".csv":
		return true
	}
	return false
}

// Load reads a model from a spreadsheet file (.xlsx or .csv). Problems
// are a problem.List naming the sheet and cell (or line and column).
func Load(path string) (*model.Model, error) {
	t, err := Read(path)
	if err != nil {
		return nil, err
	}
	return model.LoadTable(t, path)
}

// Read reads the sheets of a spreadsheet file. Only a regular file is read.
func Read(path string) (model.Table, error) {
	fail := func(msg lang.Phrase) (model.Table, error) {
		return model.Table{}, lang.Errorf("%s: %s", problem.Location{File: path}, msg)
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(lang.P("не удалось открыть файл: %s", fserr.Phrase(err)))
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return fail(lang.P("не удалось прочитать файл: %s", fserr.Phrase(err)))
	case !st.Mode().IsRegular():
		return fail(lang.P("это не обычный файл: укажите файл .xlsx или .csv"))
	case st.Size() > MaxFileSize:
		return fail(lang.P("файл больше %d МБ: таблица модели столько не занимает", MaxFileSize>>20))
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		return readXLSX(path, f)
	case ".csv":
		data, err := io.ReadAll(f)
		if err != nil {
			return fail(lang.P("не удалось прочитать файл: %s", fserr.Phrase(err)))
		}
		return readCSV(path, data)
	}
	return fail(lang.P("таблица модели — файл .xlsx или .csv"))
}

func readXLSX(path string, file *os.File) (model.Table, error) {
	fail := func(where problem.Location, msg lang.Phrase) (model.Table, error) {
		where.File = path
		return model.Table{}, lang.Errorf("%s: %s", where, msg)
	}
	f, done, err := xlsxopen.Open(file, lang.P(": таблица модели столько не занимает"))
	if err != nil {
		return fail(problem.Location{}, lang.P("%s", lang.Message(err)))
	}
	defer done()
	defer f.Close()
	var t model.Table
	budget := &xlsxopen.TextBudget{Limit: MaxText}
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			return fail(problem.Location{}, lang.P("не удалось прочитать лист «%s»: книга повреждена; сохраните её заново", name))
		}
		s := model.TableSheet{Name: name}
		for rows.Next() {
			if len(s.Rows) == MaxRows {
				rows.Close()
				return fail(problem.Location{}, lang.P("на листе «%s» больше %d строк: в таблице модели столько не бывает", name, MaxRows))
			}
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return fail(problem.Location{}, lang.P("не удалось прочитать лист «%s»: книга повреждена; сохраните её заново", name))
			}
			if len(cols) > MaxCols {
				rows.Close()
				return fail(problem.Location{}, lang.P("на листе «%s» в строке %d больше %d столбцов", name, len(s.Rows)+1, MaxCols))
			}
			if col, msg, ok := budget.Take(cols); !ok {
				rows.Close()
				return fail(problem.Location{Sheet: name, Row: len(s.Rows) + 1, Col: col + 1}, msg)
			}
			s.Rows = append(s.Rows, cols)
		}
		err = rows.Error()
		rows.Close()
		if err != nil {
			return fail(problem.Location{}, lang.P("не удалось прочитать лист «%s»: книга повреждена; сохраните её заново", name))
		}
		t.Sheets = append(t.Sheets, s)
	}
	return t, nil
}

// readCSV reads the CSV form: UTF-8 (a BOM allowed) or Windows-1251, the
// delimiter «;», «,» or a tab, the first column naming the sheet.
func readCSV(path string, data []byte) (model.Table, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		var err error
		if data, err = charmap.Windows1251.NewDecoder().Bytes(data); err != nil {
			return model.Table{}, lang.Errorf("%s: %s", problem.Location{File: path}, lang.P("файл не в кодировке UTF-8 и не в Windows-1251: сохраните его как «CSV UTF-8»"))
		}
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	delim := ';'
	for _, d := range []rune{';', '\t', ','} {
		if bytes.ContainsRune(first, d) {
			delim = d
			break
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = delim, true, -1
	var t model.Table
	index := map[string]int{}
	lines := map[string][]int{}
	for n := 0; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return model.Table{}, lang.Errorf("%s: %s", problem.Location{File: path, Row: line}, lang.P("строка CSV не читается: %s", lang.Text(err.Error())))
		}
		if n >= MaxRows*8 || len(rec) > MaxCols {
			return model.Table{}, lang.Errorf("%s: %s", problem.Location{File: path, Row: line}, lang.P("больше %d строк или %d столбцов: в таблице модели столько не бывает", MaxRows*8, MaxCols))
		}
		name := strings.TrimSpace(rec[0])
		if name == "" || (n == 0 && strings.EqualFold(name, CSVSheetColumn)) {
			continue
		}
		k, ok := index[name]
		if !ok {
			k = len(t.Sheets)
			index[name] = k
			t.Sheets = append(t.Sheets, model.TableSheet{Name: name})
		}
		cells := make([]string, len(rec)-1)
		for i, c := range rec[1:] {
			cells[i] = unescape(c)
		}
		t.Sheets[k].Rows = append(t.Sheets[k].Rows, cells)
		lines[name] = append(lines[name], line)
	}
	for i := range t.Sheets {
		ls := lines[t.Sheets[i].Name]
		t.Sheets[i].Loc = func(row, col int) problem.Location {
			return problem.Location{File: path, Row: ls[row], Col: col + 2}
		}
	}
	return t, nil
}

// unescape undoes safetext.CSVField: the apostrophe the writer put before
// a value a spreadsheet would take for a formula.
func unescape(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && safetext.CSVField(rest) == s {
		return rest
	}
	return s
}

// WriteCSV writes the table as one CSV file: «;»-separated UTF-8 with a
// BOM, as Excel opens it, the first column naming the sheet.
func WriteCSV(w io.Writer, t model.Table) error {
	cw, err := safetext.NewCSV(w)
	if err != nil {
		return err
	}
	for _, s := range t.Sheets {
		for _, r := range s.Rows {
			if err := cw.Write(safetext.CSVRecord(append([]string{s.Name}, r...))); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Columns that hold numbers: written as numbers, so that Excel neither
// marks them nor sorts them as text.
var numberColumns = map[string]bool{"Порядок": true, "Баллы": true, "Минимум": true, "Максимум": true,
	"От": true, "До": true, "Не выполнен при баллах меньше": true}

// Columns that hold identifiers: kept as text, so that Excel does not
// turn «7.10» into 7,1.
var textColumns = map[string]bool{"id": true, "№": true, "Показатель": true, "Вариант": true, "id варианта": true}

// Wide columns, wrapped: long texts.
var wideColumns = map[string]float64{"Формулировка": 60, "Меры": 60, "Название": 40, "Значение": 60,
	"Пояснение": 36, "Ответ": 36, "Синонимы": 30, "Программы": 16, "Кроме программ": 16, "Не выполнен при баллах меньше": 14}

// WriteXLSX writes the table as a workbook: a sheet per kind, the header
// bold and frozen, identifiers as text and numbers as numbers.
func WriteXLSX(w io.Writer, t model.Table) error {
	l := t.Lang()
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	for si, s := range t.Sheets {
		if si == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if len(s.Rows) == 0 {
			continue
		}
		header := s.Rows[0]
		levelsFrom := len(header) // «Пороги»: the level columns follow «Единица»
		if k := slices.Index(header, "Единица"); s.Name == model.SheetThresholds && k >= 0 {
			levelsFrom = k + 1
		}
		for j, h := range header {
			col, err := excelize.ColumnNumberToName(j + 1)
			if err != nil {
				return err
			}
			width, style := 12.0, wrap
			if wd, ok := wideColumns[h]; ok {
				width = wd
			}
			if textColumns[h] {
				style = text
			}
			if err := f.SetColWidth(s.Name, col, col, width); err != nil {
				return err
			}
			if err := f.SetColStyle(s.Name, col, style); err != nil {
				return err
			}
		}
		for i, r := range s.Rows {
			cells := make([]any, len(r))
			for j, c := range r {
				cells[j] = c
				if i > 0 && j < len(header) && (numberColumns[header[j]] || j >= levelsFrom) {
					if v, err := strconv.ParseFloat(c, 64); err == nil && strconv.FormatFloat(v, 'f', -1, 64) == c {
						cells[j] = v
					}
				}
			}
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			if err != nil {
				return err
			}
			cells = xlsxprint.FitCells(cells, l)
			if err := f.SetSheetRow(s.Name, cell, &cells); err != nil {
				return err
			}
		}
		last, err := excelize.CoordinatesToCellName(len(header), 1)
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(s.Name, "A1", last, head); err != nil {
			return err
		}
		if err := f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := xlsxprint.Setup(f, s.Name, xlsxprint.Page{HeaderTo: 1, Lang: l}); err != nil {
			return err
		}
	}
	err = xlsxprint.Write(f, w)
	return err
}
