package answers

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Limits on what an .xlsx may unpack to, so that a hostile or broken file
// (a few hundred kilobytes that unzip to gigabytes) cannot exhaust memory or
// disk. A sheet larger than xlsxUnzipXMLLimit is unpacked to a temporary
// file, in a folder of its own that is removed on every path.
const (
	xlsxUnzipLimit    = 256 << 20
	xlsxUnzipXMLLimit = 16 << 20
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Sheet names with a role of their own.
const (
	SheetSchool       = "Школа"
	SheetAnswers      = "Ответы"
	SheetInstructions = "Инструкция"
)

func checkXLSXMagic(path string, f *os.File) error {
	head := make([]byte, 8)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return &FileError{File: path, Msg: "это файл старого формата Excel (.xls) или книга, защищённая паролем: " +
			"снимите пароль, откройте файл в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»"}
	case n == 0:
		return &FileError{File: path, Msg: "файл пуст"}
	case !bytes.HasPrefix(head, zipMagic):
		return &FileError{File: path, Msg: "файл не является книгой Excel .xlsx (возможно, это переименованный файл другого формата): " +
			"откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»"}
	}
	return nil
}

func readXLSX(path string, file *os.File, out sink) error {
	if err := checkXLSXMagic(path, file); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "selfdiag-xlsx-")
	if err != nil {
		return &FileError{File: path, Msg: "не удалось создать временную папку для распаковки книги: " + fserr.Text(err)}
	}
	defer os.RemoveAll(tmp)
	f, err := excelize.OpenReader(file, excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit, TmpDir: tmp})
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		msg := "книга Excel повреждена и не читается: откройте её в Excel или LibreOffice, проверьте содержимое и сохраните заново как .xlsx"
		switch {
		case errors.Is(err, excelize.ErrWorkbookFileFormat):
			msg = "файл не является книгой Excel .xlsx: откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»"
		case strings.Contains(err.Error(), "unzip size"):
			msg = fmt.Sprintf("книга распаковывается больше чем в %d МБ: книга одной школы или района столько не занимает; пересохраните её в Excel или LibreOffice или сохраните таблицу района в CSV", xlsxUnzipLimit>>20)
		}
		return &FileError{File: path, Msg: msg}
	}

	var base *metaFields
	var sheets []string
	for _, name := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(name); !visible {
			continue
		}
		switch textnorm.Key(name) {
		case textnorm.Key(SheetSchool):
			base, err = readSchoolSheet(f, path, name)
			if err != nil {
				return err
			}
			continue
		case textnorm.Key(SheetInstructions):
			continue
		}
		sheets = append(sheets, name)
	}
	for _, name := range sheets {
		err := readSheet(f, path, name, base, out)
		var nh errNoHeader
		if errors.As(err, &nh) {
			continue
		}
		return err
	}
	return &FileError{File: path, Msg: noHeaderMsg + " (просмотрены листы: «" + strings.Join(sheets, "», «") + "»)"}
}

func readSheet(f *excelize.File, path, sheet string, base *metaFields, out sink) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return &FileError{File: path, Msg: "не удалось прочитать лист «" + sheet + "»: книга повреждена; откройте её в Excel или LibreOffice и сохраните заново"}
	}
	defer rows.Close()
	t := &xlsxTable{f: f, path: path, sheetName: sheet, rows: rows}
	return parseTable(t, base, out, Options{Workers: 1})
}

// readSchoolSheet reads the «Школа» sheet: identity and profile as key/value rows.
func readSchoolSheet(f *excelize.File, path, sheet string) (*metaFields, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, &FileError{File: path, Msg: "не удалось прочитать лист «" + sheet + "»: книга повреждена; откройте её в Excel или LibreOffice и сохраните заново"}
	}
	defer rows.Close()
	t := &xlsxTable{f: f, path: path, sheetName: sheet, rows: rows}
	meta := newMeta()
	for {
		cells, row, ok := t.next()
		if !ok {
			break
		}
		key, value, col := splitKeyValue(cells)
		if r := metaRole(key); r != roleNone {
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
}

func (t *xlsxTable) next() ([]string, int, bool) {
	if t.failure != nil || !t.rows.Next() {
		if err := t.rows.Error(); err != nil && t.failure == nil {
			t.failure = &FileError{File: t.path, Msg: "не удалось дочитать лист «" + t.sheetName + "»: книга повреждена; откройте её в Excel или LibreOffice и сохраните заново"}
		}
		return nil, 0, false
	}
	t.row++
	cols, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		t.failure = &FileError{File: t.loc(t.row, 0).String(), Msg: "строка не читается (повреждённая ячейка): откройте книгу в Excel или LibreOffice и сохраните заново"}
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

// value turns a percent-formatted number (0.35 shown as 35 %) into "35%".
// Only numbers between 0 and 1 are looked at: any other number shown as a
// percent is out of range either way.
func (t *xlsxTable) value(raw string, row, col int) string {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 0 || v > 1 {
		return raw
	}
	cellName, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return raw
	}
	idx, err := t.f.GetCellStyle(t.sheetName, cellName)
	if err != nil || idx == 0 {
		return raw
	}
	st, err := t.f.GetStyle(idx)
	if err != nil {
		return raw
	}
	if st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")) {
		return strconv.FormatFloat(math.Round(v*100*1e9)/1e9, 'f', -1, 64) + "%"
	}
	return raw
}
