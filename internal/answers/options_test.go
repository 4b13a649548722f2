package answers

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// sameAnswersTables are tables written once as CSV and once as a workbook:
// a school's file with its profile, one without, the federal service's
// table (which states no profile) and district tables with and without
// profile columns.
var sameAnswersTables = map[string][][]string{
	"school with profile": {
		{"Наименование ОО", "МБОУ «СОШ № 1»"}, {"Код ОО", "660001"}, {"Программы", "НОО, ООО"},
		{"Обучающиеся с ОВЗ", "да"}, {"Коррекционная школа", "нет"}, {},
		{"№", "Показатель", "Ответ", "Комментарий / подтверждение"}, {"1", "Учебно-исследовательская", "организована", "приказ № 12"}, {"2", "Программы", "все учителя"},
	},
	"school without profile": {
		{"Наименование ОО", "МБОУ «СОШ № 2»"}, {"Код ОО", "660002"}, {},
		{"№", "Ответ"}, {"1", "да"}, {"2", "нет"}, {"11", "85,5 %"},
	},
	"federal": {
		{"Сумма баллов за весь тест: 137"}, {"Уровень: СРЕДНИЙ"}, {"Код ОО", "1"},
		{"№", "Показатель оценивания", "Значение показания", "Балльная оценка"},
		{"1", "Учебно-исследовательская (критический показатель)", "организована", "1"},
	},
	"district with profile": {
		{"Наименование ОО", "Код ОО", "Муниципалитет", "Программы", "ОВЗ", "Коррекционная школа", "1", "1 — комментарий", "2"},
		{"Школа 1", "001", "Район А", "НОО, ООО, СОО", "нет", "нет", "организована", "сайт школы", "все учителя"},
		{"Школа 2", "002", "Район Б", "НОО", "да", "", "не организована", "", "не все"},
	},
	"district without profile": {
		{"Наименование ОО", "Код ОО", "Муниципалитет", "1", "2"},
		{"Школа 1", "001", "Район А", "организована", "все учителя"},
		{"Школа 2", "002", "Район Б", "не организована", "не все"},
		{"Школа 3", "003", "Район Б", "", "не все"},
	},
}

// unitRespondent is another framework's respondent: a unit with a type
// and a region.
var unitRespondent = model.Respondent{One: "unit", Many: "units", Name: model.Field{ID: "name", Title: "Unit"},
	Code: model.Field{ID: "code", Title: "Unit code"}, Groups: []model.Field{{ID: "region", Title: "Region"}}}

// optionCases set every field of Options, alone and together.
var optionCases = map[string]Options{
	"none":                 {},
	"encoding utf-8":       {Encoding: "utf-8"},
	"encoding windows1251": {Encoding: "windows-1251"},
	"one worker":           {Workers: 1},
	"two workers":          {Workers: 2, batchSize: 1},
	"programs":             {Given: model.Profile{"programs": {"ООО"}}},
	"ovz":                  {Given: model.Profile{"ovz": {model.Yes}}},
	"corrective":           {Given: model.Profile{"corrective": {model.No}}},
	"whole profile":        {Given: model.Profile{"programs": {"НОО", "СОО"}, "ovz": {model.No}, "corrective": {model.Yes}}},
	"no profile":           {NoProfile: true},
	"no profile and given": {NoProfile: true, Given: model.Profile{"ovz": {model.Yes}}, Workers: 2, batchSize: 1},
	"set":                  {Set: map[string]string{"ovz": "да"}}, // read into Given by ForModel only
	"respondent":           {Respondent: &unitRespondent},
	"model ids": {IDs: func(s string) (string, bool) {
		return map[string]string{"1": "A.1", "2": "A.2"}[s], s == "1" || s == "2"
	}},
}

// TestEveryOptionSameForCSVAndXLSX reads the same answers from a CSV file
// and from a workbook under every option and wants the same schools, the
// same answers and the same problems: one Options reaches every reader.
func TestEveryOptionSameForCSVAndXLSX(t *testing.T) {
	// Every field of Options is set by some case: a field added later
	// must join the table.
	typ := reflect.TypeFor[Options]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "fields" {
			continue // derived from Respondent by every reader's entry
		}
		if !slices.ContainsFunc(slices.Collect(maps.Values(optionCases)), func(o Options) bool {
			return !reflect.ValueOf(o).Field(i).IsZero()
		}) {
			t.Errorf("no case sets Options.%s", f.Name)
		}
	}
	dir := t.TempDir()
	for tname, rows := range sameAnswersTables {
		for oname, opts := range optionCases {
			t.Run(tname+"/"+oname, func(t *testing.T) {
				csvPath := filepath.Join(dir, safeTestName(tname+"-"+oname)+".csv")
				xlsxPath := strings.TrimSuffix(csvPath, ".csv") + ".xlsx"
				writeTestCSV(t, csvPath, rows, opts.Encoding)
				writeTestXLSX(t, xlsxPath, rows)
				fromCSV, fromXLSX := readAllFile(t, csvPath, opts), readAllFile(t, xlsxPath, opts)
				if len(fromCSV) == 0 {
					t.Fatal("no school read from the CSV")
				}
				if a, b := describeSubs(fromCSV), describeSubs(fromXLSX); a != b {
					t.Errorf("CSV and xlsx differ\nCSV:\n%s\nxlsx:\n%s", a, b)
				}
			})
		}
	}
}

// TestGivenProfileReachesXLSX pins what the options do to a workbook (the
// defect: a workbook was read with options of its own).
func TestGivenProfileReachesXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "federal.xlsx")
	writeTestXLSX(t, path, sameAnswersTables["federal"])
	got := readAllFile(t, path, Options{Given: model.Profile{"programs": {"ООО"}, "ovz": {model.Yes}, "corrective": {model.No}}})
	p := got[0].School.Profile
	if !slices.Equal(p["programs"], []string{"ООО"}) || !p.Has("ovz", model.Yes) || p.Has("corrective", model.Yes) || !got[0].ProfileKnown {
		t.Errorf("profile from the options = %+v (known %v)", p, got[0].ProfileKnown)
	}
	path = filepath.Join(t.TempDir(), "school.xlsx")
	writeTestXLSX(t, path, sameAnswersTables["school without profile"])
	got = readAllFile(t, path, Options{NoProfile: true})
	if len(got[0].Problems) != 0 {
		t.Errorf("a model without profiles: problems %v", got[0].Problems)
	}
}

func safeTestName(s string) string { return strings.NewReplacer(" ", "_", "/", "_").Replace(s) }

func writeTestCSV(t *testing.T, path string, rows [][]string, encoding string) {
	t.Helper()
	var b bytes.Buffer
	for _, r := range rows {
		b.WriteString(strings.Join(r, ";") + "\r\n")
	}
	data := b.Bytes()
	if encoding == "windows-1251" {
		var err error
		if data, err = charmap.Windows1251.NewEncoder().Bytes(data); err != nil {
			t.Fatal(err)
		}
	}
	writer(t, filepath.Dir(path))(filepath.Base(path), data)
}

func writeTestXLSX(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func readAllFile(t *testing.T, path string, opts Options) []*submission.Submission {
	t.Helper()
	var out []*submission.Submission
	if err := ReadFile(path, opts, func(s *submission.Submission) error { out = append(out, s); return nil }); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// describeSubs prints what a reader made of a file, without what depends
// on the file's kind (its path, sheet, time).
func describeSubs(subs []*submission.Submission) string {
	var b strings.Builder
	for _, s := range subs {
		fmt.Fprintf(&b, "row %d layout %s school %q %q %q profile %v known %v stated %v/%q\n", s.Row, s.Layout,
			s.School.Name, s.School.Code, s.School.Groups, s.School.Profile, s.ProfileKnown, deref(s.Stated.Total), s.Stated.Level)
		for _, a := range s.Answers {
			fmt.Fprintf(&b, "  %s=%q at %d,%d points %v\n", a.Indicator, a.Value, a.Row, a.Col, deref(a.Points))
		}
		for _, p := range s.Problems {
			fmt.Fprintf(&b, "  problem at %d,%d: %s\n", p.Location.Row, p.Location.Col, p.Message)
		}
	}
	return b.String()
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestCROnlyLineEnds reads Excel's «CSV (Macintosh)»: a CR alone ends a
// line, as Excel reads it; CRLF and LF files read the same.
func TestCROnlyLineEnds(t *testing.T) {
	lf := schoolCSV
	want := describeSubs(readCSV(t, []byte(lf), Options{}))
	for name, text := range map[string]string{
		"CR":    strings.ReplaceAll(lf, "\n", "\r"),
		"CRLF":  strings.ReplaceAll(lf, "\n", "\r\n"),
		"mixed": strings.Replace(strings.ReplaceAll(lf, "\n", "\r"), "\r", "\r\n", 3),
	} {
		t.Run(name, func(t *testing.T) {
			if got := describeSubs(readCSV(t, []byte(text), Options{})); got != want {
				t.Errorf("read as\n%s\nwant\n%s", got, want)
			}
		})
	}
	// A district table of CR lines, read in parallel chunks.
	district := "Наименование ОО;Код ОО;1;2\rШкола 1;001;да;нет\rШкола 2;002;нет;да\r"
	subs := readCSV(t, []byte(district), Options{Workers: 2, batchSize: 1})
	if len(subs) != 2 || subs[1].School.Code != "002" || subs[1].Row != 3 {
		t.Errorf("district of CR lines: %s", describeSubs(subs))
	}
	// A CR at the end of one read and LF at the start of the next is
	// one line end.
	r := crLines{bufio.NewReaderSize(strings.NewReader("a\r\nb\rc"), 16)}
	got, err := io.ReadAll(iotest.OneByteReader(r))
	if err != nil || string(got) != "a\r\nb\nc" {
		t.Errorf("crLines = %q, %v", got, err)
	}
}

// TestDistrictTableWithoutRows: a district table with its header and no
// school is an unreadable file that says so, in CSV and in a workbook.
func TestDistrictTableWithoutRows(t *testing.T) {
	dir := t.TempDir()
	header := []string{"Наименование ОО", "Код ОО", "Муниципалитет", "1", "2"}
	csvPath := filepath.Join(dir, "район.csv")
	writeTestCSV(t, csvPath, [][]string{header, {}, {"", "", ""}}, "")
	xlsxPath := filepath.Join(dir, "район.xlsx")
	writeTestXLSX(t, xlsxPath, [][]string{header})
	for _, path := range []string{csvPath, xlsxPath} {
		n := 0
		err := ReadFile(path, Options{}, func(*submission.Submission) error { n++; return nil })
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg.String(), "таблица района без строк школ") || n != 0 {
			t.Errorf("%s: %d schools, err %v", filepath.Base(path), n, err)
		}
	}
	// One empty sheet of a district book is no error when another has
	// schools.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &header)
	f.NewSheet("Второй")
	f.SetSheetRow("Второй", "A1", &header)
	f.SetSheetRow("Второй", "A2", &[]string{"Школа", "001", "Район", "да", "нет"})
	path := filepath.Join(dir, "два-листа.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if subs := readAllFile(t, path, Options{}); len(subs) != 1 {
		t.Errorf("%d schools", len(subs))
	}
}
