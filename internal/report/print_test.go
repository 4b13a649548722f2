package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// printDistrict is a district of 300 schools in six municipalities, as a
// large municipal office has.
func printDistrict(t *testing.T) (*model.Model, *summary.Summary, []*School) {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	schools := sampledata.District(m, 300, 13)
	for i := range schools {
		schools[i].Municipality = fmt.Sprintf("Муниципальный округ № %d", i%6+1)
	}
	var data bytes.Buffer
	if err := sampledata.DistrictCSV(&data, m, schools, sampledata.CSVOptions{Delim: ';'}); err != nil {
		t.Fatal(err)
	}
	agg := summary.New(m, summary.Options{GroupBy: summary.GroupMunicipality})
	var results []*School
	if err := answers.ReadCSV("район.csv", data.Bytes(), answers.Options{}, func(sub *submission.Submission) error {
		r := scoring.Score(m, sub)
		agg.Add(r)
		if len(results) < 2 {
			results = append(results, &School{Explained: scoring.Explain(m, r)})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return m, agg.Summary(), results
}

// Every sheet of both workbooks prints landscape and one page wide in
// LibreOffice; the summary's «Сводка» fits one page, and the 300 schools
// take a few pages, not a wall of them. The PDFs stay in the test's
// folder (SELFDIAG_KEEP_PDF=DIR keeps them there to look at).
func TestWorkbooksPrint(t *testing.T) {
	if testing.Short() {
		t.Skip("prints with LibreOffice")
	}
	m, s, schools := printDistrict(t)
	if len(s.Municipalities) != 6 || s.Counts.Schools != 300 {
		t.Fatalf("district: %d municipalities, %d schools", len(s.Municipalities), s.Counts.Schools)
	}
	dir := t.TempDir()
	keep := os.Getenv("SELFDIAG_KEEP_PDF")
	write := func(name string, fn func(*bytes.Buffer) error) string {
		var buf bytes.Buffer
		if err := fn(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	summaryPath := write("сводка.xlsx", func(b *bytes.Buffer) error { return WriteSummaryXLSX(b, s) })
	schools[0].Peers = &Peers{District: make([]float64, len(m.Components)), Municipal: make([]float64, len(m.Components)), Municipality: "Муниципальный округ № 1"}
	schoolPath := write("школа.xlsx", func(b *bytes.Buffer) error { return WriteSchoolXLSX(b, m, schools[0]) })

	// Without fitting to one page wide, «Школы» (21 columns, 300 rows)
	// prints several pages across for every page down.
	printed := officetest.SheetsPDFAll(t, keep, summaryPath, schoolPath) // one run of LibreOffice
	officetest.CheckPrinted(t, "summary", printed[summaryPath], map[string][2]int{
		"Сводка": {1, 1}, "Школы": {1, 12}, "Уровни компонентов": {1, 12}, "Дефициты": {1, 6},
		"Ниже базового": {1, 40}, "Ошибки": {1, 2}, "Муниципалитеты": {1, 1}}, 5)
	officetest.CheckPrinted(t, "school", printed[schoolPath], map[string][2]int{
		"Итог": {1, 2}, "Дефициты": {1, 6}, "План": {1, 3}, "Мероприятия": {1, 6}, "Показатели": {1, 8}, "Проблемы": {1, 1}}, 6)

	// Read back with positions: wrapped cells in rows tall enough (no
	// line printed over the next row's), every component on the sheets
	// that list them.
	var titles []string
	for _, c := range m.Components {
		titles = append(titles, c.Title)
	}
	for path, sheets := range printed {
		for sheet, p := range sheets {
			want := []string(nil)
			if sheet == "Итог" || sheet == "Сводка" || sheet == "Уровни компонентов" {
				want = titles
			}
			officetest.CheckPaper(t, filepath.Base(path)+" «"+sheet+"»", p.PDF, want)
		}
	}
}

// Charts stand clear of the tables: no written cell lies under a chart,
// and every radar chart is on the fixed 0–100 scale.
func TestChartsClearOfTables(t *testing.T) {
	m, s, schools := printDistrict(t)
	schools[0].Peers = &Peers{District: make([]float64, len(m.Components)), Municipal: make([]float64, len(m.Components)), Municipality: "Муниципальный округ № 1"}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"summary": func(b *bytes.Buffer) error { return WriteSummaryXLSX(b, s) },
		"school":  func(b *bytes.Buffer) error { return WriteSchoolXLSX(b, m, schools[0]) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		part := func(name string) []byte {
			for _, zf := range zr.File {
				if zf.Name == name {
					rc, _ := zf.Open()
					b, _ := io.ReadAll(rc)
					rc.Close()
					return b
				}
			}
			return nil
		}
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		charts, radars := 0, 0
		for i, sheet := range f.GetSheetList() {
			rels := part(fmt.Sprintf("xl/worksheets/_rels/sheet%d.xml.rels", i+1))
			drawing := regexp.MustCompile(`drawings/(drawing\d+\.xml)`).FindSubmatch(rels)
			if drawing == nil {
				continue
			}
			rows, _ := f.GetRows(sheet)
			anchors := regexp.MustCompile(`(?s)<xdr:from><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>.*?<xdr:to><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>`).
				FindAllSubmatch(part("xl/drawings/"+string(drawing[1])), -1)
			for _, a := range anchors {
				charts++
				c0, r0, c1, r1 := atoi(a[1]), atoi(a[2]), atoi(a[3]), atoi(a[4])
				for r := r0; r <= r1 && r < len(rows); r++ {
					for c := c0; c <= c1 && c < len(rows[r]); c++ {
						if rows[r][c] != "" {
							t.Errorf("%s «%s»: a chart covers %s (%q)", name, sheet, cellName(c+1, r+1), rows[r][c])
						}
					}
				}
			}
		}
		// The school's radar, below two tables, starts a printed page.
		if name == "school" {
			sheet := part("xl/worksheets/sheet1.xml")
			if !regexp.MustCompile(`<rowBreaks[^>]*>.*<brk id="\d+"`).Match(sheet) {
				t.Errorf("school «%s»: no page break above its radar", f.GetSheetList()[0])
			}
		}
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "xl/charts/chart") {
				c := part(zf.Name)
				if bytes.Contains(c, []byte("radarChart")) {
					radars++
					if !bytes.Contains(c, []byte(`<max val="100"`)) || !bytes.Contains(c, []byte(`<min val="0"`)) {
						t.Errorf("%s: %s is not on the 0–100 scale", name, zf.Name)
					}
				}
			}
		}
		f.Close()
		if charts == 0 || radars == 0 {
			t.Errorf("%s: %d charts, %d radar charts found: the check is blind", name, charts, radars)
		}
	}
}

func atoi(b []byte) int {
	n, _ := strconv.Atoi(string(b))
	return n
}

// The school's page printed by Chromium on A4, read back with positions:
// every component on paper, no word over another.
func TestSchoolHTMLOnPaper(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx")
	var page bytes.Buffer
	if err := WriteHTML(&page, m, results[0]); err != nil {
		t.Fatal(err)
	}
	data := officetest.PrintHTML(t, page.Bytes(), "школа-html")
	var titles []string
	for _, c := range m.Components {
		titles = append(titles, c.Title)
	}
	officetest.CheckPaper(t, "the school's page", data, titles)
}

// The dashboard printed by Chromium: A4 landscape, so that the heat map
// keeps every component and the deficit column; no word over another.
func TestDashboardOnPaper(t *testing.T) {
	m, s, _ := printDistrict(t)
	var page bytes.Buffer
	if err := WriteSummaryHTML(&page, s, nil); err != nil {
		t.Fatal(err)
	}
	data := officetest.PrintHTML(t, page.Bytes(), "панель")
	if p := officetest.PDFPrinted(data); !p.Landscape {
		t.Errorf("the dashboard prints %+v, want landscape", p)
	}
	var titles []string
	for _, c := range m.Components {
		titles = append(titles, c.Title)
	}
	officetest.CheckPaper(t, "the dashboard", data, titles)
	words := officetest.PDFWords(t, data)
	heat := 0
	for _, w := range words {
		if w.Text == "Дефицитов" || w.Text == "дефицитов" {
			heat++
		}
	}
	if heat == 0 {
		t.Error("the heat map's deficit column is not on paper")
	}
}
