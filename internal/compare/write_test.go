package compare

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/doc"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/xuri/excelize/v2"
)

// twoYears is a small two-year comparison with a model change, grouped.
func twoYears(t *testing.T) (*Report, Titles) {
	t.Helper()
	m1, m2 := defaultModel(t), yearTwoModel(t)
	a := schoolsOf(t, m1, 60, 4)
	b := changed(m2, a, 8)
	old, cur := sideOf(t, m1, a), sideOf(t, m2, b)
	return Compare(old, cur, Options{GroupBy: "municipality"}), TitlesOf(old, cur)
}

// The JSON has the documented shape (selfdiag.compare/v1).
func TestJSONShape(t *testing.T) {
	rep, _ := twoYears(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	has := func(obj any, keys ...string) {
		t.Helper()
		m, ok := obj.(map[string]any)
		if !ok {
			t.Fatalf("not an object: %v", obj)
		}
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("no %q in %v", k, keysOf(m))
			}
		}
	}
	has(doc, "schema", "old", "new", "schools", "district", "indicators")
	if doc["schema"] != Schema {
		t.Errorf("schema %v", doc["schema"])
	}
	has(doc["old"], "model", "schools")
	has(doc["old"].(map[string]any)["model"], "id", "version", "hash")
	school := doc["schools"].([]any)[0]
	has(school, "school", "match", "total", "components", "deficits_closed", "deficits_persisting", "deficits_new", "critical_fixed", "critical_new", "plan_reached")
	has(school.(map[string]any)["school"], "code", "name", "municipality")
	has(school.(map[string]any)["total"], "old", "new", "level_change")
	has(school.(map[string]any)["total"].(map[string]any)["old"], "points", "max", "percent", "level")
	has(school.(map[string]any)["components"].([]any)[0], "id", "title", "old", "new", "level_change")
	d := doc["district"]
	has(d, "transitions", "components", "deficits", "fallers", "municipalities")
	has(d.(map[string]any)["transitions"].([]any)[0], "from", "to", "schools")
	has(d.(map[string]any)["components"].([]any)[0], "id", "title", "old_mean_percent", "new_mean_percent")
	has(d.(map[string]any)["deficits"].([]any)[0], "id", "old_schools", "new_schools")
}

func keysOf(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTextAndCSV(t *testing.T) {
	rep, titles := twoYears(t)
	var text bytes.Buffer
	if err := WriteText(&text, rep, titles); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Сравнение самодиагностик\n═", "Только в прежней: 7.", "Только в новой: 96.", "Изменился максимум: 25 (3 → 4).",
		"Переходы уровней", "Средний процент от максимума", "Только в прежней самодиагностике (5)", "Только в новой самодиагностике (7)", "\nГород Северный "} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q", want)
		}
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rep, titles); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(rep.Schools) || rows[0][0] != "Код ОО" || len(rows[1]) != len(rows[0]) {
		t.Errorf("%d rows for %d schools; header %v", len(rows), len(rep.Schools), rows[0])
	}
}

// The workbook opens in LibreOffice with every sheet and prints whole.
func TestXLSX(t *testing.T) {
	rep, titles := twoYears(t)
	path := filepath.Join(t.TempDir(), "сравнение.xlsx")
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, rep, titles); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "Сводка,Школы,Дефициты,Понизили уровень,Муниципалитеты" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Школы")
	f.Close()
	if len(rows) != 1+len(rep.Schools) {
		t.Errorf("%d school rows for %d schools", len(rows)-1, len(rep.Schools))
	}
	sheets := officetest.SheetsCSV(t, path)
	if !strings.Contains(sheets["Сводка"], "Сравнение самодиагностик") || !strings.Contains(sheets["Сводка"], "Переход уровней") {
		t.Errorf("LibreOffice shows «Сводка» as:\n%s", sheets["Сводка"])
	}
	// Printed and read back with positions: every sheet landscape, the
	// components on «Сводка», no word over another.
	var components []string
	for _, c := range rep.District.Components {
		components = append(components, c.Title)
	}
	for sheet, p := range officetest.SheetsPDF(t, path, os.Getenv("SELFDIAG_KEEP_PDF")) {
		if !p.Landscape {
			t.Errorf("«%s» prints %+v, want landscape", sheet, p)
		}
		want := []string(nil)
		if sheet == "Сводка" {
			want = components
		}
		officetest.CheckPaper(t, "comparison «"+sheet+"»", p.PDF, want)
	}
}

// The page is self-contained (nothing fetched, no script) and prints in
// Chromium; the single-school page has its radar.
func TestHTML(t *testing.T) {
	rep, titles := twoYears(t)
	var buf bytes.Buffer
	if err := WriteHTML(&buf, rep, titles); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if external := regexp.MustCompile(`(?i)(src|href)\s*=\s*"?(https?:)?//|<script|url\(`).FindString(page); external != "" {
		t.Errorf("the page refers outside itself: %q", external)
	}
	for _, id := range []string{`id="transitions"`, `id="components"`, `id="deficits"`, `id="fallers"`, `id="municipalities"`, `id="schools"`, `class="chart dumbbell"`, `id="models"`} {
		if !strings.Contains(page, id) {
			t.Errorf("the page lacks %s", id)
		}
	}
	if strings.Contains(page, `id="school"`) {
		t.Error("a district page shows a single school's section")
	}
	// One school: its radar then and now.
	one := *rep
	for _, sc := range rep.Schools {
		if sc.Match == MatchBoth {
			one.Schools = []SchoolChange{sc}
			break
		}
	}
	var single bytes.Buffer
	if err := WriteHTML(&single, &one, titles); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(single.String(), `id="school"`) || !strings.Contains(single.String(), `class="chart radar"`) ||
		!strings.Contains(single.String(), `stroke-dasharray`) {
		t.Error("the single-school page lacks its radar")
	}
	data := officetest.PrintHTML(t, buf.Bytes(), "сравнение")
	var components []string
	for _, c := range rep.District.Components {
		components = append(components, c.Title)
	}
	officetest.CheckPaper(t, "the comparison", data, components)
}

// The Word comparison printed by LibreOffice and read back with positions:
// every component on paper, no word over another, every table header's
// words whole (columns sized by their content).
func TestDOCXOnPaper(t *testing.T) {
	if testing.Short() {
		t.Skip("prints with LibreOffice")
	}
	rep, titles := twoYears(t)
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, rep, titles); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "сравнение.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	opened := officetest.Documents(t, os.Getenv("SELFDIAG_KEEP_PDF"), path)[path]
	var components, headers []string
	for _, c := range rep.District.Components {
		components = append(components, c.Title)
	}
	doc.Walk(Document(rep, titles).Blocks, func(b doc.Block) {
		if tb, ok := b.(doc.Table); ok {
			for _, h := range tb.Header {
				headers = append(headers, strings.Fields(h)...)
			}
		}
	})
	officetest.CheckPaper(t, "the comparison in Word", opened.PDF, components)
	officetest.CheckWordsWhole(t, "the comparison in Word, tables' headers", opened.PDF, headers)
}

// TestFingerprintInEveryDocument: each document of a comparison names both
// models with their fingerprints, as the school reports and the summary
// do (the same id and version may be other files).
func TestFingerprintInEveryDocument(t *testing.T) {
	rep, titles := twoYears(t)
	if rep.Old.Model.Hash == "" || !strings.Contains(rep.Old.Model.String(), "отпечаток "+rep.Old.Model.Hash) {
		t.Fatalf("model named %q", rep.Old.Model)
	}
	// Every heading of the comparison, in every format rendered from it.
	var headings []string
	doc.Walk(Document(rep, titles).Blocks, func(b doc.Block) {
		if h, ok := b.(doc.Heading); ok {
			headings = append(headings, h.Text)
		}
	})
	if len(headings) < 8 {
		t.Fatalf("the comparison has %d headings", len(headings))
	}
	for _, f := range Formats {
		if f.Name == "json" || f.Name == "csv" {
			continue // data: the model is in each record
		}
		var buf bytes.Buffer
		if err := f.Write(&buf, rep, titles); err != nil {
			t.Fatal(err)
		}
		text := documentText(t, f.Name, buf.Bytes())
		want := []string{rep.Old.Model.String(), rep.New.Model.String()}
		if f.Name != "xlsx" {
			want = append(want, headings...)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q", f.Name, w)
			}
		}
	}
}

// documentText is a document's words as a reader gets them: a workbook's
// summary sheet, a Word document's text, a page without its tags.
func documentText(t *testing.T, format string, data []byte) string {
	t.Helper()
	switch format {
	case "xlsx":
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Сводка")
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, " ") + "\n")
		}
		return b.String()
	case "docx":
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				body, _ := io.ReadAll(rc)
				rc.Close()
				return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(body), ""))
			}
		}
		t.Fatal("no word/document.xml")
	case "html":
		return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(data), ""))
	}
	return string(data)
}
