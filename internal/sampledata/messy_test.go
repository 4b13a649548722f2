package sampledata

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/form"
	"github.com/selfdiag/selfdiag/internal/model"
)

var messy = flag.Bool("messy", false, "regenerate the messy files under testdata/messy (xlsx re-saved by LibreOffice)")

// TestMessyFiles writes testdata/messy: answer files made the way schools
// make them — shares typed as fractions, dates, merged headers, tables
// beside each other, blank templates, several answers in a cell,
// resubmissions, municipality spellings. Run with -messy; the expected
// results are written by hand in testdata/messy/ожидается.txt and checked
// by internal/cli's TestMessyFolder.
func TestMessyFiles(t *testing.T) {
	if !*messy {
		t.Skip("run with -messy to regenerate testdata/messy")
	}
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "messy")
	os.RemoveAll(dir)
	os.MkdirAll(dir, 0o755)
	s := sampleSchools(m)["school1"]
	rows := schoolRows(m, s)
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	book := func(name string, fill func(f *excelize.File)) {
		f := excelize.NewFile()
		metaSheet(f, s)
		fill(f)
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		write(name, buf.Bytes())
	}
	answersSheet := func(f *excelize.File, name string, rows []answerRow, change func(f *excelize.File, cell string, r answerRow) bool) {
		f.NewSheet(name)
		f.SetSheetRow(name, "A1", &[]any{"№", "Показатель оценивания", "Ответ"})
		for i, r := range rows {
			cell := fmt.Sprintf("C%d", i+2)
			f.SetSheetRow(name, fmt.Sprintf("A%d", i+2), &[]any{r.id, r.text})
			if change == nil || !change(f, cell, r) {
				f.SetCellValue(name, cell, r.value)
			}
		}
	}
	half := len(rows) / 2

	// Read as school1 reads.
	book("две-таблицы-рядом.xlsx", func(f *excelize.File) {
		f.NewSheet("Ответы")
		f.SetSheetRow("Ответы", "A1", &[]any{"№", "Показатель оценивания", "Ответ", "", "№", "Показатель оценивания", "Ответ"})
		for i, r := range rows[:half] {
			f.SetSheetRow("Ответы", fmt.Sprintf("A%d", i+2), &[]any{r.id, r.text, r.value})
		}
		for i, r := range rows[half:] {
			f.SetSheetRow("Ответы", fmt.Sprintf("E%d", i+2), &[]any{r.id, r.text, r.value})
		}
	})
	book("продолжение-на-втором-листе.xlsx", func(f *excelize.File) {
		answersSheet(f, "Ответы", rows[:half], nil)
		answersSheet(f, "Ответы (продолжение)", rows[half:], nil)
	})
	book("шапка-в-две-строки.xlsx", func(f *excelize.File) {
		f.NewSheet("Ответы")
		f.SetSheetRow("Ответы", "A1", &[]any{"№", "Показатель оценивания", "Ответ школы"})
		f.MergeCell("Ответы", "A1", "A2")
		f.MergeCell("Ответы", "B1", "B2")
		f.MergeCell("Ответы", "C1", "D1")
		f.SetSheetRow("Ответы", "C2", &[]any{"Значение", "Баллы"})
		for i, r := range rows {
			f.SetSheetRow("Ответы", fmt.Sprintf("A%d", i+3), &[]any{r.id, r.text, r.value, points(r.ind, r.answer)})
		}
	})
	// Problems at a named cell.
	at := func(id string) func(change func(f *excelize.File, cell string)) func(*excelize.File, string, answerRow) bool {
		return func(change func(f *excelize.File, cell string)) func(*excelize.File, string, answerRow) bool {
			return func(f *excelize.File, cell string, r answerRow) bool {
				if r.ind.ID != id {
					return false
				}
				change(f, cell)
				return true
			}
		}
	}
	book("доли-дробью.xlsx", func(f *excelize.File) {
		answersSheet(f, "Ответы", rows, at("19")(func(f *excelize.File, cell string) { f.SetCellValue("Ответы", cell, 0.85) }))
	})
	book("проценты-в-формате.xlsx", func(f *excelize.File) {
		pct, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.00%")})
		answersSheet(f, "Ответы", rows, func(f *excelize.File, cell string, r answerRow) bool {
			switch r.ind.ID {
			case "19": // 150 %: beyond the indicator's range
				f.SetCellValue("Ответы", cell, 1.5)
			case "23": // 60 %, as the school answered
				f.SetCellValue("Ответы", cell, 0.6)
			default:
				return false
			}
			f.SetCellStyle("Ответы", cell, cell, pct)
			return true
		})
	})
	book("дата-вместо-числа.xlsx", func(f *excelize.File) {
		date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd.mm.yyyy")})
		answersSheet(f, "Ответы", rows, at("24")(func(f *excelize.File, cell string) {
			f.SetCellValue("Ответы", cell, 45778) // 01.05.2025: «1.5» as Excel read it
			f.SetCellStyle("Ответы", cell, cell, date)
		}))
	})
	book("несколько-ответов.xlsx", func(f *excelize.File) {
		answersSheet(f, "Ответы", rows, at("25")(func(f *excelize.File, cell string) {
			f.SetCellValue("Ответы", cell, "муниципальный, региональный")
		}))
	})
	book("формула-без-значения.xlsx", func(f *excelize.File) {
		answersSheet(f, "Ответы", rows, at("34")(func(f *excelize.File, cell string) {
			f.SetCellFormula("Ответы", cell, `IF(1=1,"есть","нет")`)
		}))
	})
	var blank bytes.Buffer
	if err := form.SchoolXLSX(&blank, m, form.Options{}); err != nil {
		t.Fatal(err)
	}
	write("пустой-шаблон.xlsx", blank.Bytes())
	os.MkdirAll(filepath.Join(dir, "район"), 0o755)
	write("район/пустой-шаблон.xlsx", blank.Bytes())

	// CSV files, as typed.
	csvFile := func(name string, meta [][2]string, change map[string]string) {
		var b strings.Builder
		progs, ovz, corr := s.ProfileCells()
		for _, kv := range append([][2]string{{"Наименование ОО", s.Name}, {"Код ОО", s.Code}, {"Муниципалитет", s.Municipality},
			{"Программы", progs}, {"Обучающиеся с ОВЗ", ovz}, {"Коррекционная школа", corr}}, meta...) {
			fmt.Fprintf(&b, "%s;%s\n", kv[0], kv[1])
		}
		b.WriteString("\n№;Ответ\n")
		for _, r := range rows {
			answer := r.answer
			if c, ok := change[r.ind.ID]; ok {
				answer = c
			}
			fmt.Fprintf(&b, "%s;%s\n", r.ind.ID, answer)
		}
		write(name, []byte(b.String()))
	}
	csvFile("много-знаков.csv", nil, map[string]string{"31": "29.999999999999999999", "24": "4.9999999999999999"})
	csvFile("несколько-ответов.csv", nil, map[string]string{"25": "муниципальный; региональный"})
	csvFile("единицы.csv", nil, map[string]string{"24": s.Answers["24"] + " шт.", "32": s.Answers["32"] + " шт."})
	write("без-заголовков.csv", []byte("Добрый день!\nНаправляем самодиагностику.;С уважением, директор\n"))

	// A district: a header over two rows, columns named in other ways,
	// municipality spellings, answers to indicators that do not apply.
	district := District(m, 6, 11)
	district[1].Municipality = "Кировский р-н"
	district[2].Municipality = "кировский район "
	district[0].Municipality = "Кировский район"
	noOVZ := district[3]
	noOVZ.Profile = noOVZ.Profile.Clone()
	noOVZ.Profile["ovz"] = []string{model.No}
	noOVZ.Answers = Answers(m, noOVZ.Profile, 99, 0.8)
	noOVZ.Answers["15"] = "реализуются" // only for schools with ОВЗ: a notice
	district[3] = noOVZ
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Школы")
	head := append([]any{}, "Наименование ОО", "Код ОО", "Муниципалитет", "Год", "Программы", "Обучающиеся с ОВЗ", "Коррекционная школа")
	f.SetSheetRow("Школы", "A1", &head)
	for i := range head {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		below, _ := excelize.CoordinatesToCellName(i+1, 2)
		f.MergeCell("Школы", cell, below)
	}
	col := len(head) + 1
	for _, c := range m.Components {
		first, _ := excelize.CoordinatesToCellName(col, 1)
		f.SetCellValue("Школы", first, c.Title)
		for j, ind := range c.Indicators {
			cell, _ := excelize.CoordinatesToCellName(col+j, 2)
			f.SetCellValue("Школы", cell, []string{"Показатель ", "П", "№", ""}[j%4]+ind.ID+map[bool]string{true: ".", false: ""}[j%4 == 3])
		}
		last, _ := excelize.CoordinatesToCellName(col+len(c.Indicators)-1, 1)
		f.MergeCell("Школы", first, last)
		col += len(c.Indicators)
	}
	for i, sch := range district {
		row := DistrictRow(m, sch)
		vals := make([]any, len(row))
		for k, v := range row {
			vals[k] = v
		}
		f.SetSheetRow("Школы", fmt.Sprintf("A%d", i+3), &vals)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	os.MkdirAll(filepath.Join(dir, "район"), 0o755)
	write("район/таблица-шапка-в-две-строки.xlsx", buf.Bytes())

	// A school sent twice: the corrected file states the later date.
	fifth := district[4]
	fifth.Code, fifth.Name, fifth.Municipality = "660050", "МБОУ СОШ № 50", "Кировский район"
	fifth.Filled = "20.05.2025"
	good, _ := SchoolCSV(m, fifth, CSVOptions{Delim: ';'})
	write("район/школа-50.csv", good)
	fifth.Filled = "10.05.2025"
	fifth.Answers = Answers(m, fifth.Profile, 50, 0.1)
	early, _ := SchoolCSV(m, fifth, CSVOptions{Delim: ';'})
	write("район/школа-50 (копия).csv", early)

	resaveWithLibreOffice(t, dir, "формула-без-значения.xlsx")
}

// answerRow is one of a school's answers, in model order.
type answerRow struct {
	ind    *model.Indicator
	id     any    // the number as a spreadsheet holds it
	text   string // the indicator's wording
	answer string // as typed
	value  any    // as a spreadsheet cell holds it
}

func schoolRows(m *model.Model, s School) []answerRow {
	var rows []answerRow
	for _, ind := range m.Indicators {
		a, ok := s.Answers[ind.ID]
		if !ok {
			continue
		}
		r := answerRow{ind: ind, id: mustAtoi(ind.ID), text: ind.Text, answer: a, value: a}
		if v, ok := wholePercent(ind, a); ok {
			r.value = fmt.Sprintf("%g%%", v)
		} else if ind.IsNumeric() {
			r.value = mustFloat(a)
		}
		rows = append(rows, r)
	}
	return rows
}

// metaSheet writes the «Школа» sheet of a workbook for s.
func metaSheet(f *excelize.File, s School) {
	f.SetSheetName("Sheet1", "Школа")
	progs, ovz, corr := s.ProfileCells()
	for i, r := range [][]any{{"Поле", "Значение"}, {"Наименование ОО", s.Name}, {"Код ОО", s.Code}, {"Муниципалитет", s.Municipality},
		{"Программы", progs}, {"Обучающиеся с ОВЗ", ovz}, {"Коррекционная школа", corr}} {
		f.SetSheetRow("Школа", fmt.Sprintf("A%d", i+1), &r)
	}
}

func ptr[T any](v T) *T { return &v }

// resaveWithLibreOffice opens every workbook of dir in LibreOffice and
// saves it again, as a school's computer would, but for keep.
func resaveWithLibreOffice(t *testing.T, dir string, keep ...string) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("LibreOffice is needed to make the messy files the way schools make them")
	}
	out := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*.xlsx"))
	files = append(files, more...)
	for _, f := range files {
		if strings.Contains(strings.Join(keep, "\n"), filepath.Base(f)) {
			continue
		}
		cmd := exec.Command(bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(out, "profile"),
			"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, f)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", f, err, b)
		}
		if err := os.Rename(filepath.Join(out, filepath.Base(f)), f); err != nil {
			t.Fatal(err)
		}
	}
}
