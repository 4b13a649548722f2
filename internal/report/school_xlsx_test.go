package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/xlsxprint"
	"github.com/xuri/excelize/v2"
)

// The xlsx school report holds the same numbers as the result, a native
// radar chart and conditional formats, and opens in LibreOffice.
func TestSchoolXLSX(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx")
	r := results[0]
	var buf bytes.Buffer
	if err := WriteSchoolXLSX(&buf, m, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Итог", "Дефициты", "План", "Мероприятия", "Показатели", "Проблемы"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	rows, _ := f.GetRows("Итог")
	var total []string
	for _, row := range rows {
		if len(row) > 5 && row[0] == "Итог" {
			total = row
		}
	}
	if total == nil || total[2] != "113" || total[3] != "133" || total[5] != r.Total.LevelTitle {
		t.Errorf("total row %v, want 113/133 %s", total, r.Total.LevelTitle)
	}
	defRows, _ := f.GetRows("Дефициты")
	if len(defRows)-1 != len(r.Deficits) {
		t.Errorf("deficit rows %d, want %d", len(defRows)-1, len(r.Deficits))
	}
	// The measures table: a deficit a row, the columns to fill in empty.
	// It follows the section's heading and its explanation.
	msRows, _ := f.GetRows("Мероприятия")
	if len(msRows) < 3 || msRows[0][0] != schoolHeadMeasures {
		t.Fatalf("measures sheet: %v", msRows)
	}
	msRows = msRows[2:]
	if len(msRows)-1 != len(r.Deficits) || strings.Join(msRows[0], "|") != strings.Join(measuresHeader(lang.RU), "|") {
		t.Errorf("measures sheet: %d rows, header %v", len(msRows)-1, msRows[0])
	}
	for _, row := range msRows[1:] {
		if len(row) > 3 {
			t.Errorf("a column to fill in is not empty: %v", row)
		}
	}
	indRows, _ := f.GetRows("Показатели")
	if len(indRows)-1 != len(m.Indicators) {
		t.Errorf("indicator rows %d, want %d", len(indRows)-1, len(m.Indicators))
	}
	cf, err := f.GetConditionalFormats("Итог")
	if err != nil || len(cf) == 0 {
		t.Errorf("no conditional formats on «Итог»: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	radar := false
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			radar = radar || bytes.Contains(b, []byte("radarChart"))
		}
	}
	if !radar {
		t.Error("no native radar chart in the workbook")
	}

	path := filepath.Join(t.TempDir(), "report.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sheets := officetest.SheetsCSV(t, path)
	if !strings.Contains(sheets["Итог"], "Образовательная среда") || !strings.Contains(sheets["План"], "Итог") {
		t.Errorf("LibreOffice's sheets lack the components or the plan: %v", len(sheets))
	}
}

func TestDashboardGolden(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv", "testdata/broken/bad-answers.csv")
	agg := summary.New(m, summary.Options{GroupBy: "", Duplicates: ""})
	for _, r := range results {
		agg.Add(r.Result)
	}
	var buf bytes.Buffer
	if err := WriteSummaryHTML(&buf, agg.Summary(), []string{"schools/660001.html", "", ""}); err != nil {
		t.Fatal(err)
	}
	golden(t, "dashboard.html", buf.Bytes())
}

// TestLongTextsFitTheWorkbook: a school name of thousands of characters and
// a model source longer than a cell holds give a workbook all the same —
// rows no higher than Excel allows, the text cut with a visible mark.
func TestLongTextsFitTheWorkbook(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx")
	long := *m
	long.Source = strings.Repeat("источник ", 5000) // 45,000 characters
	r := *results[0]
	res := *r.Result
	res.School.Name = strings.Repeat("Школа ", 700) // 4,200 characters
	res.Model.Source = long.Source
	r.Result = &res
	var buf bytes.Buffer
	if err := WriteSchoolXLSX(&buf, &long, &r); err != nil {
		t.Fatalf("a long name or source lost the workbook: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cut := false
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for i, row := range rows {
			if h, _ := f.GetRowHeight(sheet, i+1); h > xlsxprint.MaxRowHeight {
				t.Errorf("%s row %d is %v pt high", sheet, i+1, h)
			}
			for _, c := range row {
				cut = cut || strings.HasSuffix(c, "[обрезано: в ячейке Excel не больше 32 767 знаков]")
			}
		}
	}
	if !cut {
		t.Error("the source, longer than a cell holds, is not marked as cut")
	}
}

// A workbook fills a level with the model's colour for it, else with the
// palette's: the four of a four-level model, seven apart for others.
func TestLevelFill(t *testing.T) {
	four := []model.Level{{ID: "a"}, {ID: "b"}, {ID: "c", Color: "#1565C0"}, {ID: "d"}}
	for i, want := range []string{levelFills[0], levelFills[1], "1565C0", levelFills[3]} {
		if got := levelFill(i, four); got != want {
			t.Errorf("level %d of four: %s, want %s", i, got, want)
		}
	}
	five := []model.Level{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e", Color: "#0D47A1"}}
	seen := map[string]bool{}
	for i := range five {
		seen[levelFill(i, five)] = true
	}
	if !seen["0D47A1"] || len(seen) != 5 {
		t.Errorf("five levels' fills: %v", seen)
	}
}

// An indicator's status has one word in every output: the documents say
// what the CSV and the workbooks say (nothing beside a counted answer).
func TestOneStatusVocabulary(t *testing.T) {
	for _, l := range []lang.Lang{lang.RU, lang.EN, lang.IT} {
		for _, s := range []string{scoring.StatusMissing, scoring.StatusInvalid, scoring.StatusNotApplicable} {
			if doc, table := statusTitle(l, s), StatusTitle(l, s); doc != table || doc == "" || doc == s {
				t.Errorf("%s %s: documents say %q, tables %q", l, s, doc, table)
			}
		}
		if statusTitle(l, scoring.StatusOK) != "" || StatusTitle(l, scoring.StatusOK) == "" {
			t.Errorf("%s: a counted answer", l)
		}
	}
}
