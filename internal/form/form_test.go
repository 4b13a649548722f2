package form_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/form"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

func defaultModel(t *testing.T) *model.Model {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// expected scores a school's answers directly, without any file.
func expected(m *model.Model, s sampledata.School) *scoring.Result {
	sub := &submission.Submission{ProfileKnown: true, School: submission.School{Name: s.Name, Code: s.Code, Profile: s.Profile}}
	if s.Filled != "" {
		sub.School.Filled, _ = time.Parse("02.01.2006", s.Filled)
	}
	for id, v := range s.Answers {
		sub.Answers = append(sub.Answers, submission.Answer{Indicator: id, Value: v, Comment: commentFor(id)})
	}
	return scoring.Score(m, sub)
}

// commentFor is the comment the tests write beside an answer: on some
// indicators only.
func commentFor(id string) string {
	if strings.HasSuffix(id, "3") {
		return "приказ № " + id + "; сайт школы"
	}
	return ""
}

func readAll(t *testing.T, path string) []*scoring.Result {
	t.Helper()
	m := defaultModel(t)
	var out []*scoring.Result
	if err := answers.ReadFile(path, answers.Options{}.ForModel(m), func(s *submission.Submission) error {
		out = append(out, scoring.Score(m, s))
		return nil
	}); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

func checkSame(t *testing.T, got, want *scoring.Result) {
	t.Helper()
	for _, p := range got.Problems {
		t.Errorf("problem in filled template: %s", p)
	}
	if got.Total.Points != want.Total.Points || got.Total.Max != want.Total.Max || got.Total.LevelID != want.Total.LevelID {
		t.Errorf("filled template scored %d/%d %s, want %d/%d %s", got.Total.Points, got.Total.Max, got.Total.LevelID,
			want.Total.Points, want.Total.Max, want.Total.LevelID)
	}
	for i, is := range got.Indicators {
		if is.Comment != want.Indicators[i].Comment {
			t.Errorf("indicator %s: comment %q, want %q", is.ID, is.Comment, want.Indicators[i].Comment)
		}
	}
	if got.School.Name != want.School.Name || got.School.Code != want.School.Code || !got.School.Filled.Equal(want.School.Filled) {
		t.Errorf("school %+v, want %+v", got.School, want.School)
	}
}

// cellValue is what a person types: numbers as numbers.
func cellValue(ind *model.Indicator, v string) any {
	if ind.IsNumeric() {
		f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err == nil {
			return f
		}
	}
	return v
}

// typedMeta is a school's identity and profile as a person types them in
// the template's cells, in its order: the date as Excel keeps a date (a
// day number, shown by the cell's format).
func typedMeta(t *testing.T, s sampledata.School) []any {
	t.Helper()
	progs, ovz, corr := s.ProfileCells()
	values := map[string]any{"Наименование ОО": s.Name, "Код ОО": s.Code, "Муниципалитет": s.Municipality, "Год": s.Year,
		"Программы": progs, "Обучающиеся с ОВЗ": ovz, "Коррекционная школа": corr, "Дата заполнения": nil}
	if s.Filled != "" {
		d, err := time.Parse("02.01.2006", s.Filled)
		if err != nil {
			t.Fatal(err)
		}
		values["Дата заполнения"] = d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
	}
	var row []any
	for _, name := range schoolFields {
		v, ok := values[name]
		if !ok {
			t.Fatalf("no value for «%s»", name)
		}
		row = append(row, v)
	}
	return row
}

func fillSchoolXLSX(t *testing.T, m *model.Model, data []byte, s sampledata.School, path string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, v := range typedMeta(t, s) {
		f.SetCellValue(form.SheetSchool, cell(2, i+2), v)
	}
	rows, err := f.GetRows(form.SheetAnswers)
	if err != nil {
		t.Fatal(err)
	}
	filled := 0
	for r, row := range rows {
		if len(row) == 0 {
			continue
		}
		ind, ok := m.Indicator(row[0])
		if !ok {
			continue
		}
		if v, ok := s.Answers[ind.ID]; ok {
			f.SetCellValue(form.SheetAnswers, cell(4, r+1), cellValue(ind, v))
			f.SetCellValue(form.SheetAnswers, cell(5, r+1), commentFor(ind.ID))
			filled++
		}
	}
	if filled != len(s.Answers) {
		t.Fatalf("filled %d answers of %d: template lacks indicators", filled, len(s.Answers))
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestSchoolXLSXRoundTrip(t *testing.T) {
	m := defaultModel(t)
	var buf bytes.Buffer
	if err := form.SchoolXLSX(&buf, m, form.Options{}); err != nil {
		t.Fatal(err)
	}
	for i, s := range sampledata.District(m, 6, 11) {
		if i%2 == 0 {
			s.Filled = fmt.Sprintf("%02d.05.2025", 10+i)
		}
		path := filepath.Join(t.TempDir(), "школа.xlsx")
		fillSchoolXLSX(t, m, buf.Bytes(), s, path)
		got := readAll(t, path)
		if len(got) != 1 {
			t.Fatalf("school %d: %d results", i, len(got))
		}
		checkSame(t, got[0], expected(m, s))
	}
}

func TestSchoolXLSXStructure(t *testing.T) {
	m := defaultModel(t)
	f := schoolWorkbook(t, m)
	if got := strings.Join(f.GetSheetList(), ","); got != "Инструкция,Списки,Школа,Ответы" {
		t.Errorf("sheets = %s", got)
	}
	if v, _ := f.GetSheetVisible(form.SheetLists); v {
		t.Error("lists sheet is visible")
	}
	dvs, err := f.GetDataValidations(form.SheetAnswers)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != len(m.Indicators) {
		t.Errorf("%d validations on answers, want one per indicator (%d)", len(dvs), len(m.Indicators))
	}
	lists, numbers := 0, 0
	for _, dv := range dvs {
		switch dv.Type {
		case "list":
			lists++
			if !strings.HasPrefix(dv.Formula1, "'Списки'!$") {
				t.Errorf("list reference not quoted: %q", dv.Formula1)
			}
		case "decimal", "whole":
			numbers++
			if dv.Prompt == nil || (!strings.Contains(*dv.Prompt, "%") && !strings.Contains(*dv.Prompt, "шт.")) {
				t.Errorf("numeric prompt without unit: %v", dv.Prompt)
			}
		}
	}
	if lists == 0 || numbers == 0 || lists+numbers != len(dvs) {
		t.Errorf("lists %d numbers %d of %d", lists, numbers, len(dvs))
	}
	schoolDVs, _ := f.GetDataValidations(form.SheetSchool)
	if len(schoolDVs) != 4 {
		t.Errorf("school sheet has %d validations, want 4 (programmes, ОВЗ, corrective, the date)", len(schoolDVs))
	}
	// «Дата заполнения» shows a date as Russians write it.
	dateCell := cell(2, slices.Index(schoolFields, "Дата заполнения")+2)
	if name, _ := f.GetCellValue(form.SheetSchool, cell(1, slices.Index(schoolFields, "Дата заполнения")+2)); name != "Дата заполнения" {
		t.Errorf("the date's row is labelled %q", name)
	}
	f.SetCellValue(form.SheetSchool, dateCell, 45787.0)
	if shown, _ := f.GetCellValue(form.SheetSchool, dateCell); shown != "10.05.2025" {
		t.Errorf("a date typed in %s shows as %q, want 10.05.2025", dateCell, shown)
	}
	panes, _ := f.GetPanes(form.SheetAnswers)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("answers header not frozen: %+v", panes)
	}
	// Answer and comment cells unlocked, the rest locked.
	for _, c := range []struct {
		cell   string
		locked bool
	}{{"D3", false}, {"E3", false}, {"F3", true}, {"B3", true}, {"A3", true}} {
		idx, _ := f.GetCellStyle(form.SheetAnswers, c.cell)
		st, _ := f.GetStyle(idx)
		locked := st.Protection == nil || st.Protection.Locked
		if locked != c.locked {
			t.Errorf("%s locked = %v, want %v", c.cell, locked, c.locked)
		}
	}
}

func TestDistrictXLSXRoundTrip(t *testing.T) {
	m := defaultModel(t)
	var buf bytes.Buffer
	if err := form.DistrictXLSX(&buf, m, form.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	schools := sampledata.District(m, 5, 12)
	for i := range schools {
		schools[i].Filled = fmt.Sprintf("%02d.05.2025", 10+i)
	}
	for i, s := range schools {
		row := typedMeta(t, s)
		for _, ind := range m.Indicators {
			if v, ok := s.Answers[ind.ID]; ok {
				row = append(row, cellValue(ind, v), commentFor(ind.ID))
			} else {
				row = append(row, nil, nil)
			}
		}
		f.SetSheetRow(form.SheetSchools, cell(1, i+2), &row)
	}
	path := filepath.Join(t.TempDir(), "район.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got := readAll(t, path)
	if len(got) != len(schools) {
		t.Fatalf("%d schools read, want %d", len(got), len(schools))
	}
	for i, s := range schools {
		checkSame(t, got[i], expected(m, s))
	}
}

func TestCSVRoundTrip(t *testing.T) {
	m := defaultModel(t)
	dir := t.TempDir()
	schools := sampledata.District(m, 3, 13)
	for i := range schools {
		schools[i].Filled = fmt.Sprintf("%02d.05.2025", 10+i)
	}

	// School CSV: fill the value column of meta rows and the answer column.
	var buf bytes.Buffer
	if err := form.SchoolCSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	recs, err := csvRecords(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	s := schools[0]
	progs, ovz, corr := s.ProfileCells()
	meta := map[string]string{"Наименование ОО": s.Name, "Код ОО": s.Code, "Муниципалитет": s.Municipality, "Год": s.Year,
		"Дата заполнения": s.Filled, "Программы": progs, "Обучающиеся с ОВЗ": ovz, "Коррекционная школа": corr}
	for _, r := range recs {
		if v, ok := meta[r[0]]; ok {
			r[1] = v
		} else if v, ok := s.Answers[r[0]]; ok && len(r) > 3 {
			r[2], r[3] = v, commentFor(r[0])
		}
	}
	path := filepath.Join(dir, "школа.csv")
	writeRecords(t, path, recs)
	got := readAll(t, path)
	checkSame(t, got[0], expected(m, s))

	// District CSV: append one row per school.
	buf.Reset()
	if err := form.DistrictCSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	recs, _ = csvRecords(buf.Bytes())
	for _, s := range schools {
		// The template's comment column after each answer.
		row := sampledata.DistrictRow(m, s)
		withComments := slices.Clone(row[:len(schoolFields)])
		for i, ind := range m.Indicators {
			withComments = append(withComments, row[len(schoolFields)+i], commentFor(ind.ID))
		}
		recs = append(recs, withComments)
	}
	path = filepath.Join(dir, "район.csv")
	writeRecords(t, path, recs)
	got = readAll(t, path)
	for i, s := range schools {
		checkSame(t, got[i], expected(m, s))
	}
}

func csvRecords(data []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

func writeRecords(t *testing.T, path string, recs [][]string) {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.WriteAll(recs)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOpensInLibreOffice converts the generated workbooks with LibreOffice
// (one run for both).
func TestOpensInLibreOffice(t *testing.T) {
	m := defaultModel(t)
	dir := t.TempDir()
	want := map[string][]string{
		"school.xlsx":   {"Школа", "Наименование ОО", "Ответы", "Учебно-исследовательская и проектная деятельность"},
		"district.xlsx": {"Школы", "Наименование ОО", "Школы", "95. Доступная среда"},
	}
	var paths []string
	for name, write := range map[string]func(*bytes.Buffer) error{
		"school.xlsx":   func(b *bytes.Buffer) error { return form.SchoolXLSX(b, m, form.Options{}) },
		"district.xlsx": func(b *bytes.Buffer) error { return form.DistrictXLSX(b, m, form.Options{}) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, name)
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, in)
	}
	for in, sheets := range officetest.SheetsCSVAll(t, paths...) {
		name := filepath.Base(in)
		w := want[name]
		for i := 0; i < len(w); i += 2 {
			data, ok := sheets[w[i]]
			if !ok {
				t.Fatalf("%s: sheet «%s» not exported by LibreOffice (got %d sheets)", name, w[i], len(sheets))
			}
			if !strings.Contains(data, w[i+1]) {
				t.Errorf("%s: LibreOffice's «%s» lacks %q:\n%.500s", name, w[i], w[i+1], data)
			}
		}
	}
}

// TestTemplatesPrint: the school template prints landscape, one page
// wide and readable; the district template at full size across pages,
// each with its header and the schools' names (not a hundred columns
// squeezed to one page).
func TestTemplatesPrint(t *testing.T) {
	if testing.Short() {
		t.Skip("prints with LibreOffice")
	}
	m := defaultModel(t)
	dir := t.TempDir()
	keep := os.Getenv("SELFDIAG_KEEP_PDF")
	type expect struct {
		pages   map[string][2]int // sheet: least and most pages
		minText float64
	}
	cases := map[string]expect{}
	var paths []string
	for name, c := range map[string]struct {
		write func(*bytes.Buffer) error
		expect
	}{
		"school.xlsx": {func(b *bytes.Buffer) error { return form.SchoolXLSX(b, m, form.Options{}) },
			expect{map[string][2]int{form.SheetInstructions: {1, 1}, form.SheetSchool: {1, 1}, form.SheetAnswers: {2, 10}}, 7}},
		"district.xlsx": {func(b *bytes.Buffer) error { return form.DistrictXLSX(b, m, form.Options{}) },
			expect{map[string][2]int{form.SheetInstructions: {1, 1}, form.SheetSchools: {4, 200}}, 9}},
	} {
		var buf bytes.Buffer
		if err := c.write(&buf); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, name)
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cases[in] = c.expect
		paths = append(paths, in)
	}
	for in, printed := range officetest.SheetsPDFAll(t, keep, paths...) {
		officetest.CheckPrinted(t, filepath.Base(in), printed, cases[in].pages, cases[in].minText)
		for sheet, p := range printed { // no wrapped line over the next row
			officetest.CheckPaper(t, filepath.Base(in)+" «"+sheet+"»", p.PDF, nil)
		}
	}
}

func cell(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// TestMunicipalityList: with the official list, the municipality cell of
// both templates offers it, and the district header marks the indicators
// for some schools only.
func TestMunicipalityList(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	list := []string{"Кировский район", "Заречный городской округ"}
	for name, tc := range map[string]struct {
		write func(*bytes.Buffer) error
		sheet string
		sqref string
	}{
		"school":   {func(b *bytes.Buffer) error { return form.SchoolXLSX(b, m, form.Options{Municipalities: list}) }, form.SheetSchool, "B4"},
		"district": {func(b *bytes.Buffer) error { return form.DistrictXLSX(b, m, form.Options{Municipalities: list}) }, form.SheetSchools, "C2:C"},
	} {
		var buf bytes.Buffer
		if err := tc.write(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		dvs, _ := f.GetDataValidations(tc.sheet)
		found := false
		for _, dv := range dvs {
			if strings.HasPrefix(dv.Sqref, tc.sqref) {
				ref := strings.TrimPrefix(dv.Formula1, "=")
				sheet, rng, _ := strings.Cut(ref, "!")
				cells := strings.Split(strings.ReplaceAll(rng, "$", ""), ":")
				first, _ := f.GetCellValue(strings.Trim(sheet, "'"), cells[0])
				found = first == list[0]
			}
		}
		if !found {
			t.Errorf("%s: no list of municipalities at %s: %+v", name, tc.sqref, dvs)
		}
		f.Close()
	}
	head := strings.Join(form.DistrictHeader(m, true), "\n")
	if !strings.Contains(head, "15. Адаптированные основные общеобразовательные программы [только для школ: есть обучающиеся с ОВЗ]") {
		t.Errorf("the header does not mark indicators for some schools only:\n%s", head)
	}
}

// schoolWorkbook is the model's school template, open; closed when the
// test ends.
func schoolWorkbook(t *testing.T, m *model.Model) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := form.SchoolXLSX(&buf, m, form.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// answerCellStyles are the error styles of a model's answer cells in its
// school template, with the hint each shows.
func answerCellStyles(t *testing.T, m *model.Model) map[string]string {
	t.Helper()
	f := schoolWorkbook(t, m)
	dvs, _ := f.GetDataValidations(form.SheetAnswers)
	styles := map[string]string{}
	for _, dv := range dvs {
		if dv.ErrorStyle != nil && dv.Prompt != nil {
			styles[*dv.ErrorStyle] = *dv.Prompt
		}
	}
	return styles
}

// A cell that takes what its list cannot hold — several answers typed
// «a; b», a number's «does not apply» word — lets it through (an
// information, not a stop) and says so in its hint; other cells stop.
func TestCellsThatLetThrough(t *testing.T) {
	for _, tc := range []struct {
		name, indicators, hint string
	}{
		{"several answers", "  - id: \"1\"\n    text: Программы\n    select: multiple\n    options:\n" +
			"      - {text: LibreOffice, points: 1}\n      - {text: Linux, points: 1}\n" +
			"  - id: \"2\"\n    text: Один\n    options:\n      - {text: нет, points: 0}\n      - {text: да, points: 1}\n", "несколько через «;»"},
		{"a «does not apply» word", "  - id: \"1\"\n    text: Доля выпускников\n    number: {unit: \"%\", min: 0, max: 100, not_applicable: нет выпускников}\n" +
			"    bands: [{min: 0, points: 1}]\n  - id: \"2\"\n    text: Доля\n    number: {unit: \"%\", min: 0, max: 100}\n    bands: [{min: 0, points: 1}]\n", "или «нет выпускников»"},
	} {
		styles := answerCellStyles(t, modeltest.Load(t, tc.indicators))
		if p := styles["information"]; !strings.Contains(p, tc.hint) {
			t.Errorf("%s: the cell that lets it through: %v", tc.name, styles)
		}
		if _, ok := styles["stop"]; !ok {
			t.Errorf("%s: the other cell is no longer a stop: %v", tc.name, styles)
		}
	}
}

// A model nothing of which depends on a school's profile gets templates
// that do not ask for it: no programmes, ОВЗ or corrective fields.
// schoolFields are the school model's respondent rows of the «Школа»
// sheet, in order, and the first columns of the district table: what
// form.Fields makes of the embedded model's respondent.
var schoolFields = []string{"Наименование ОО", "Код ОО", "Муниципалитет", "Год", "Дата заполнения",
	"Программы", "Обучающиеся с ОВЗ", "Коррекционная школа"}

func TestSchoolFields(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := form.Fields(m); !slices.Equal(got, schoolFields) {
		t.Errorf("the school template's fields %q, want %q", got, schoolFields)
	}
}

func TestNoProfileFields(t *testing.T) {
	m := modeltest.Load(t, "  - id: A.1\n    text: Practice\n    options: [{text: \"no\", points: 0}, {text: \"yes\", points: 1}]\n")
	head := strings.Join(form.DistrictHeader(m, true), "|")
	rows, _ := schoolWorkbook(t, m).GetRows(form.SheetSchool)
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[0])
	}
	for _, field := range []string{"Программы", "Обучающиеся с ОВЗ", "Коррекционная школа"} {
		if strings.Contains(head, field) || slices.Contains(names, field) {
			t.Errorf("the templates ask for «%s»: %s; %v", field, head, names)
		}
	}
	if !strings.HasPrefix(head, "Наименование ОО|Код ОО|Муниципалитет|Год|Дата заполнения|A.1. Practice|A.1 — комментарий") {
		t.Errorf("district header %s", head)
	}
}
