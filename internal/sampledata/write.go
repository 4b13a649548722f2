package sampledata

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/selfdiag/selfdiag/internal/form"
	"github.com/selfdiag/selfdiag/internal/model"
)

// CSVOptions shape a one-school CSV file.
type CSVOptions struct {
	Delim       rune
	Windows1251 bool
	BOM         bool
	SepLine     bool // a leading "sep=;" line, as Excel writes
	WithPoints  bool // a «Балльная оценка» column
}

// SchoolCSV writes a one-school CSV: meta rows, then «№;Показатель;Ответ».
func SchoolCSV(m *model.Model, s School, o CSVOptions) ([]byte, error) {
	var buf bytes.Buffer
	if o.SepLine {
		fmt.Fprintf(&buf, "sep=%c\n", o.Delim)
	}
	w := csv.NewWriter(&buf)
	w.Comma = o.Delim
	progs, ovz, corr := s.ProfileCells()
	meta := [][2]string{{"Наименование ОО", s.Name}, {"Код ОО", s.Code}, {"Муниципалитет", s.Municipality},
		{"Год", s.Year}, {"Программы", progs}, {"Обучающиеся с ОВЗ", ovz}, {"Коррекционная школа", corr}}
	if s.Filled != "" {
		meta = append(meta, [2]string{"Дата заполнения", s.Filled})
	}
	for _, kv := range meta {
		w.Write(kv[:])
	}
	w.Write(nil)
	head := []string{"№", "Показатель", "Ответ"}
	if o.WithPoints {
		head = append(head, "Балльная оценка")
	}
	w.Write(head)
	for _, ind := range m.Indicators {
		a, ok := s.Answers[ind.ID]
		if !ok {
			continue
		}
		rec := []string{ind.ID, ind.Text, a}
		if o.WithPoints {
			rec = append(rec, fmt.Sprint(points(ind, a)))
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if o.Windows1251 {
		enc, err := charmap.Windows1251.NewEncoder().Bytes(out)
		if err != nil {
			return nil, err
		}
		return enc, nil
	}
	if o.BOM {
		out = append([]byte("\ufeff"), out...)
	}
	return out, nil
}

// points scores one answer the simple way, for the stated-points column.
func points(ind *model.Indicator, a string) int {
	if ind.IsNumeric() {
		if b, ok := ind.BandFor(mustFloat(a)); ok {
			return ind.Bands[b].Points
		}
	} else if i, ok := ind.MatchOption(a); ok {
		return ind.Options[i].Points
	}
	return -1
}

// SchoolXLSX writes a one-school workbook: a «Школа» sheet with identity and
// profile and an «Ответы» sheet. Percent answers are stored the way Excel
// stores a cell formatted as percent (0,85 shown as 85 %).
func SchoolXLSX(w io.Writer, m *model.Model, s School) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Школа")
	progs, ovz, corr := s.ProfileCells()
	rows := [][]any{{"Поле", "Значение"}, {"Наименование ОО", s.Name}, {"Код ОО", s.Code}, {"Муниципалитет", s.Municipality},
		{"Год", s.Year}, {"Программы", progs}, {"Обучающиеся с ОВЗ", ovz}, {"Коррекционная школа", corr}}
	if s.Filled != "" {
		rows = append(rows, []any{"Дата заполнения", s.Filled})
	}
	for i, r := range rows {
		f.SetSheetRow("Школа", fmt.Sprintf("A%d", i+1), &r)
	}
	if _, err := f.NewSheet("Ответы"); err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	if err != nil {
		return err
	}
	f.SetSheetRow("Ответы", "A1", &[]any{"№", "Показатель оценивания", "Ответ"})
	row := 2
	for _, c := range m.Components {
		f.SetCellValue("Ответы", fmt.Sprintf("A%d", row), c.Title)
		row++
		for _, ind := range c.Indicators {
			a, ok := s.Answers[ind.ID]
			if !ok {
				continue
			}
			f.SetCellValue("Ответы", fmt.Sprintf("A%d", row), mustAtoi(ind.ID))
			f.SetCellValue("Ответы", fmt.Sprintf("B%d", row), ind.Text)
			cell := fmt.Sprintf("C%d", row)
			if v, ok := wholePercent(ind, a); ok {
				f.SetCellValue("Ответы", cell, v/100)
				f.SetCellStyle("Ответы", cell, cell, pct)
			} else if ind.IsNumeric() {
				f.SetCellValue("Ответы", cell, mustFloat(a))
			} else {
				f.SetCellValue("Ответы", cell, a)
			}
			row++
		}
	}
	return f.Write(w)
}

// FederalXLSX writes the federal service's result table as schools copy it:
// the stated total and level on top, then «№ | Показатель оценивания |
// Значение показания | Балльная оценка» grouped under component headings.
func FederalXLSX(w io.Writer, m *model.Model, s School, total int, level string) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Результаты"
	f.SetSheetName("Sheet1", sh)
	progs, ovz, corr := s.ProfileCells()
	lines := [][]any{
		{"Наименование ОО: " + s.Name},
		{"Код ОО", s.Code},
		{"Муниципалитет", s.Municipality},
		{"Программы", progs},
		{"Обучающиеся с ОВЗ", ovz},
		{"Коррекционная школа", corr},
		{fmt.Sprintf("Сумма баллов за весь тест: %d", total)},
		{"Уровень: " + level},
		{},
		{"№", "Показатель оценивания", "Значение показания", "Балльная оценка"},
	}
	for i, r := range lines {
		f.SetSheetRow(sh, fmt.Sprintf("A%d", i+1), &r)
	}
	row := len(lines) + 1
	for _, c := range m.Components {
		f.SetCellValue(sh, fmt.Sprintf("A%d", row), m.Heading(c))
		f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row))
		row++
		for _, ind := range c.Indicators {
			a, ok := s.Answers[ind.ID]
			if !ok {
				continue
			}
			text := ind.Text
			if ind.Critical {
				text += " (критический показатель)"
			}
			f.SetSheetRow(sh, fmt.Sprintf("A%d", row), &[]any{mustAtoi(ind.ID), text, a, points(ind, a)})
			row++
		}
	}
	return f.Write(w)
}

func wholePercent(ind *model.Indicator, a string) (float64, bool) {
	if !ind.IsNumeric() || ind.Number.Unit != "%" {
		return 0, false
	}
	v := mustFloat(a)
	return v, v == float64(int(v))
}

func mustAtoi(s string) any {
	var n int
	if _, err := fmt.Sscan(s, &n); err == nil && fmt.Sprint(n) == s {
		return n
	}
	return s
}

func mustFloat(s string) float64 {
	var v float64
	b := bytes.ReplaceAll([]byte(s), []byte(","), []byte("."))
	fmt.Sscan(string(b), &v)
	return v
}

// WriteFile writes data produced by fn to path.
func WriteFile(path string, fn func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// DistrictHeader is the header row of a district table: identity and
// profile columns, then one column per indicator ("7. Сетевая форма…").
func DistrictHeader(m *model.Model) []string { return form.DistrictHeader(m, false) }

// DistrictRow is a school's row in a district table.
func DistrictRow(m *model.Model, s School) []string {
	progs, ovz, corr := s.ProfileCells()
	values := map[string]string{"Наименование ОО": s.Name, "Код ОО": s.Code, "Муниципалитет": s.Municipality, "Год": s.Year,
		"Дата заполнения": s.Filled, "Программы": progs, "Обучающиеся с ОВЗ": ovz, "Коррекционная школа": corr}
	row := make([]string, 0, len(form.Fields(m))+len(m.Indicators))
	for _, name := range form.Fields(m) {
		v, ok := values[name]
		if !ok {
			panic("sampledata: no value for the district column " + name)
		}
		row = append(row, v)
	}
	for _, ind := range m.Indicators {
		row = append(row, s.Answers[ind.ID])
	}
	return row
}

// DistrictCSV writes a district table as CSV.
func DistrictCSV(w io.Writer, m *model.Model, schools []School, o CSVOptions) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Comma = o.Delim
	cw.Write(DistrictHeader(m))
	for _, s := range schools {
		cw.Write(DistrictRow(m, s))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	out := buf.Bytes()
	if o.Windows1251 {
		var err error
		if out, err = charmap.Windows1251.NewEncoder().Bytes(out); err != nil {
			return err
		}
	} else if o.BOM {
		out = append([]byte("\ufeff"), out...)
	}
	_, err := w.Write(out)
	return err
}

// DistrictXLSX writes a district table as a workbook with one sheet.
func DistrictXLSX(w io.Writer, m *model.Model, schools []School) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Школы"
	f.SetSheetName("Sheet1", sh)
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	toAny := func(ss []string) []any {
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out
	}
	if err := sw.SetRow("A1", toAny(DistrictHeader(m))); err != nil {
		return err
	}
	for i, s := range schools {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), toAny(DistrictRow(m, s))); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
