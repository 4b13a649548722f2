package modelsheet

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/problem"
)

func docJSON(t *testing.T, m *model.Model) string {
	t.Helper()
	b, err := json.MarshalIndent(m.Doc(), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func models(t *testing.T) map[string]*model.Model {
	t.Helper()
	embedded, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	every, err := model.Load(os.DirFS("../../testdata/models/every-feature"), "every-feature")
	if err != nil {
		t.Fatal(err)
	}
	// A model of another framework: nothing critical, so no critical rule.
	plain := modeltest.Load(t, "  - id: \"1\"\n    text: Показатель\n    options:\n      - {text: нет, points: 0}\n      - {text: да, points: 1}\n")
	// A band whose lower bound is not included («≤ 2 → 3, > 2 → 2»), a
	// multiple choice capped at 2, and one not capped with «не применимо».
	above := modeltest.Load(t, "  - id: \"1\"\n    text: Учеников на устройство\n    number: {unit: чел., min: 0}\n"+
		"    bands:\n      - {min: 0, max: 2, max_inclusive: true, points: 3}\n      - {min: 2, min_exclusive: true, points: 2}\n"+
		"  - id: \"2\"\n    text: Программы в работе\n    select: multiple\n    max: 2\n    options:\n      - {text: LibreOffice, points: 1}\n      - {text: Linux, points: 1}\n      - {text: Moodle, points: 1}\n"+
		"  - id: \"3\"\n    text: Сервисы\n    select: multiple\n    options:\n      - {text: почта, points: 1}\n      - {text: облако, points: 2}\n"+
		"      - {text: не применимо, not_applicable: true, aliases: [н/п]}\n")
	anyFramework, err := model.Load(os.DirFS("../../testdata/models/any-framework"), "any-framework")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.Model{"embedded": embedded, "every-feature": every, "no-critical": plain, "min-exclusive": above, "any-framework": anyFramework}
	// Models written in English and in Italian: their tables are too.
	for name, dir := range map[string]string{"english": "csf-self-assessment/model", "italian": "maturita-digitale/modello"} {
		m, err := model.Load(os.DirFS("../../testdata/frameworks/"+dir), name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = m
	}
	return out
}

// writeFile writes the table in a format to a temporary file.
func writeFile(t *testing.T, tab model.Table, name string) string {
	t.Helper()
	var buf bytes.Buffer
	write := WriteXLSX
	if strings.HasSuffix(name, ".csv") {
		write = WriteCSV
	}
	if err := write(&buf, tab); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Export → import gives the same model: its documented form (what `model
// show --format json` prints) and its fingerprint are equal, through an
// .xlsx and a .csv.
func TestRoundTrip(t *testing.T) {
	for name, m := range models(t) {
		for _, file := range []string{"model.xlsx", "model.csv"} {
			t.Run(name+"/"+file, func(t *testing.T) {
				path := writeFile(t, m.Table(), file)
				back, err := Load(path)
				if err != nil {
					t.Fatalf("the exported table does not load: %v", err)
				}
				if got, want := docJSON(t, back), docJSON(t, m); got != want {
					t.Errorf("model differs after the trip:\n%s\nwant\n%s", got, want)
				}
				// One model, one fingerprint, whatever form it was read from.
				if back.Hash != m.Hash {
					t.Errorf("fingerprint %s after the trip, %s before", back.Hash, m.Hash)
				}
			})
		}
	}
}

// The workbook is what a methodologist edits: identifiers are text,
// points are numbers, every sheet has its header.
func TestWorkbookCells(t *testing.T) {
	path := writeFile(t, models(t)["every-feature"].Table(), "model.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{model.SheetInfo, model.SheetLevels, model.SheetComponents, model.SheetThresholds, model.SheetRules,
		model.SheetIndicators, model.SheetOptions, model.SheetBands}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	for cell, typ := range map[string]excelize.CellType{"A4": excelize.CellTypeSharedString, "D4": excelize.CellTypeUnset} {
		got, err := f.GetCellType(model.SheetOptions, cell)
		if err != nil || got != typ && !(typ == excelize.CellTypeUnset && got == excelize.CellTypeNumber) {
			t.Errorf("«%s»!%s has type %v, want %v", model.SheetOptions, cell, got, typ)
		}
	}
	if v, _ := f.GetCellValue(model.SheetOptions, "A4"); v != "7.10" {
		t.Errorf("indicator id «7.10» became %q", v)
	}
	if v, _ := f.GetCellValue(model.SheetThresholds, "J2"); v != "100/3" {
		t.Errorf("a third of a percent is %q, want «100/3»", v)
	}
}

// Import errors name the sheet and the cell (or the CSV line and column),
// say what was found and what to do, and every one is listed.
func TestImportErrors(t *testing.T) {
	m := models(t)["every-feature"]
	edit := func(tab model.Table, sheet string, row, col int, v string) {
		s, ok := tab.Sheet(sheet)
		if !ok {
			t.Fatalf("no sheet %s", sheet)
		}
		for len(s.Rows[row]) <= col {
			s.Rows[row] = append(s.Rows[row], "")
		}
		s.Rows[row][col] = v
	}
	tab := m.Table()
	edit(tab, model.SheetOptions, 1, 3, "0,5")           // D2: fractional points
	edit(tab, model.SheetIndicators, 1, 3, "может быть") // D2: critical not yes/no
	edit(tab, model.SheetIndicators, 2, 10, "дробь")     // K3: unknown kind
	edit(tab, model.SheetComponents, 1, 2, "ключевое")   // C2: unknown component kind
	bands, _ := tab.Sheet(model.SheetBands)              // a new row: no such indicator
	bands.Rows = append(bands.Rows, []string{"99", "0", "", "", "0"})
	edit(tab, model.SheetThresholds, 1, 9, "сорок") // J2: not a number
	edit(tab, model.SheetRules, 1, 2, "средний")    // C2: unknown level
	edit(tab, model.SheetLevels, 0, 2, "Оттенок")   // C1: unknown column
	edit(tab, model.SheetIndicators, 3, 1, "04")    // B4: id with a leading zero…
	edit(tab, model.SheetOptions, 3, 0, "04")       // …and its answers
	edit(tab, model.SheetOptions, 4, 0, "04")
	path := writeFile(t, tab, "методика.xlsx")
	_, err := Load(path)
	if err == nil {
		t.Fatal("no error")
	}
	wants := []string{
		"методика.xlsx:Ответы!D2: в столбце «Баллы» «0,5»: нужно целое число от 0; баллы не бывают дробными",
		"методика.xlsx:Показатели!D2: в столбце «Критический» «может быть»: впишите «да» или «нет»",
		"методика.xlsx:Показатели!K3: вид показателя «дробь»: допустимы «выбор»",
		"методика.xlsx:Компоненты!C2: вид компонента «ключевое»: допустимы «направление»",
		"методика.xlsx:Диапазоны!A7: показателя «99» нет на листе «Показатели»",
		"методика.xlsx:Пороги!J2: ",
		"методика.xlsx:Правила!B2: critical_rule.level \"средний\": неизвестный уровень; объявлены: below_base (ниже базового)",
		"методика.xlsx:Уровни!C1: неизвестный столбец «Оттенок»; на листе «Уровни» столбцы: id, Название",
		"методика.xlsx:Показатели!B4: номер (id) показателя \"04\" не подойдёт",
	}
	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}

	// One message per mistake: no knock-on errors.
	if list, ok := err.(problem.List); !ok || len(list) != len(wants) {
		t.Errorf("%d problems for %d mistakes:\n%v", len(list), len(wants), err)
	}

	// The same in CSV: line and column of the field.
	tab = m.Table()
	edit(tab, model.SheetOptions, 1, 3, "0,5")
	path = writeFile(t, tab, "методика.csv")
	_, err = Load(path)
	if err == nil || !strings.Contains(err.Error(), "методика.csv:строка ") || !strings.Contains(err.Error(), ", столбец 5: в столбце «Баллы» «0,5»") {
		t.Errorf("CSV error: %v", err)
	}
}

func TestMissingSheetsAndColumns(t *testing.T) {
	tab := models(t)["every-feature"].Table()
	tab.Sheets = tab.Sheets[1:] // no «Сведения»
	s, _ := tab.Sheet(model.SheetRules)
	s.Rows[0] = s.Rows[0][:3] // no «Где»
	_, err := model.LoadTable(tab, "м.xlsx")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"м.xlsx: нет листа «Сведения»", "м.xlsx:Правила!A1: на листе «Правила» нет столбца «Где»"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
}

func TestReadRefusesOddFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"old.xlsx": "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "text.xlsx": "hello", "model.ods": "x"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(data), 0o644)
		if _, err := Read(path); err == nil {
			t.Errorf("%s read", name)
		}
	}
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "не обычный файл") {
		t.Errorf("a folder: %v", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	var buf bytes.Buffer
	every, err := model.Load(os.DirFS("../../testdata/models/every-feature"), "every-feature")
	if err != nil {
		f.Fatal(err)
	}
	if err := WriteCSV(&buf, every.Table()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("Лист;id\nУровни;id;Название\nУровни;a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := readCSV("f.csv", data)
		if err != nil {
			return
		}
		if m, err := model.LoadTable(tab, "f.csv"); err == nil && len(m.Indicators) == 0 {
			t.Error("a model without indicators loaded")
		}
	})
}

// A workbook opened and saved again in an office suite still imports as
// the same model: what a methodologist does between export and import.
func TestRoundTripThroughLibreOffice(t *testing.T) {
	models := models(t)
	written := map[string]string{} // by model name: the workbook written
	var paths []string
	for name, m := range models {
		p := writeFile(t, m.Table(), "методика-"+name+".xlsx")
		written[name] = p
		paths = append(paths, p)
	}
	saved := officetest.ResaveAll(t, paths...) // one run of LibreOffice for all
	for name, m := range models {
		t.Run(name, func(t *testing.T) {
			back, err := Load(saved[written[name]])
			if err != nil {
				t.Fatalf("the workbook saved by LibreOffice does not load: %v", err)
			}
			if got, want := docJSON(t, back), docJSON(t, m); got != want {
				t.Errorf("model differs after LibreOffice:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// A model's table is written in the model's language — sheets, headers,
// yes and no — and read back in any of them; a problem names the cell by
// the file's own sheet name.
func TestTableInTheModelsLanguage(t *testing.T) {
	ms := models(t)
	for name, want := range map[string][]string{"english": {"Info", "Indicators", "Answers", "Critical", "not applicable", "multiple choice"},
		"italian": {"Informazioni", "Indicatori", "Risposte", "Critico", "non applicabile", "scelta multipla", "sì"}} {
		tab := ms[name].Table()
		var all strings.Builder
		for _, s := range tab.Sheets {
			all.WriteString(s.Name + "\n")
			for _, r := range s.Rows {
				all.WriteString(strings.Join(r, "|") + "\n")
			}
		}
		for _, w := range want {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s table lacks %q", name, w)
			}
		}
		if strings.ContainsAny(all.String(), "абвгдежзийклмнопрстуфхцчшщыэюя") {
			t.Errorf("%s table has Russian words:\n%s", name, all.String())
		}
	}
	// A fractional point in the English workbook: the message names the
	// sheet as the file has it.
	tab := ms["english"].Table()
	for i := range tab.Sheets {
		if tab.Sheets[i].Name == "Answers" {
			tab.Sheets[i].Rows[1][3] = "0.5"
		}
	}
	_, err := model.LoadTable(tab, "m.xlsx")
	if err == nil || !strings.Contains(err.Error(), "m.xlsx:Answers!D2") {
		t.Errorf("error %v, want one at m.xlsx:Answers!D2", err)
	}
}
