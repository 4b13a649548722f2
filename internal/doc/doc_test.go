package doc

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

type fakeChart struct{}

func (fakeChart) SVG() string          { return `<svg class="fake"></svg>` }
func (fakeChart) PNG() ([]byte, error) { return pngPixel, nil }

// pngPixel is a 1×1 PNG.
var pngPixel = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

// sample has one block of every kind, with values that would break each
// medium if not escaped.
func sample() *Document {
	return &Document{Title: "Отчёт", Levels: 4, Blocks: []Block{
		Heading{Level: 1, Text: "Школа <b>|*1*|</b>"},
		Fields{Rows: []Field{{Name: "Код", Value: []Run{T("66|01")}}}},
		Section{ID: "s1", PageBreak: true, Blocks: []Block{
			Heading{Level: 2, Text: "Раздел"},
			Paragraph{Style: Lead, Runs: []Run{T("Итог: "), B("113"), T(" — "), {Text: "средний", Level: 3}}},
			Table{Header: []string{"Показатель", "Баллы"}, Numeric: []bool{false, true}, Rows: []Row{
				{Cells: []Cell{{T("Питание"), T(" "), {Text: "критический", Badge: true}}, C("2")}},
				{Total: true, Cells: Cells("Итог", "10")},
				{Alert: true, Cells: []Cell{{T("мера 1"), {Text: "мера 2", Break: true}}, C("0")}},
			}},
			List{Items: [][]Run{{T("первое")}, {T("второе\x1b[2J")}}},
			Figure{ID: "radar", Chart: fakeChart{}, Caption: "Рисунок 1. Радар.", WidthCm: 10},
		}},
	}}
}

func render(t *testing.T, write func(io.Writer, *Document) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderers(t *testing.T) {
	tests := []struct {
		name      string
		out       string
		want, not []string
	}{
		{"text", render(t, WriteText), []string{
			"Школа <b>|*1*|</b>\n═", "Код: 66|01", "Раздел\n──────\n", "Итог: 113 — средний",
			"Показатель             Баллы", "Питание [критический]      2", "Итог                      10",
			"мера 1; мера 2             0 ⚠", "- второе\\x1b[2J"},
			[]string{"<svg", "Рисунок 1", "\x1b"}},
		{"markdown", render(t, WriteMarkdown), []string{
			`# Школа \<b\>\|*1*\|\</b\>`, `| Код | 66\|01 |`, "## Раздел", "Итог: **113** — средний",
			"|---|--:|", "| Питание **(критический)** | 2 |", "| **Итог** | **10** |", "| мера 1; мера 2 | 0 |", "- первое"},
			[]string{"<svg", "Рисунок 1"}},
		{"html", string(HTML(sample())), []string{
			"<h1>Школа &lt;b&gt;|*1*|&lt;/b&gt;</h1>", `<section id="s1" class="page">`, `<p class="big">Итог: <b>113</b> — <span class="lvl lv2">средний</span></p>`,
			`<th class="num">Баллы</th>`, `<td>Питание <span class="crit">критический</span></td><td class="num">2</td>`,
			`<tr><th>Итог</th><th class="num">10</th></tr>`, `<tr class="failed"><td>мера 1<br>мера 2</td>`,
			`<div class="charts">` + "\n" + `<figure id="radar"><svg class="fake"></svg><figcaption class="muted">Рисунок 1. Радар.</figcaption></figure>`},
			[]string{"<b>|"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range tc.want {
				if !strings.Contains(tc.out, w) {
					t.Errorf("lacks %q in:\n%s", w, tc.out)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(tc.out, w) {
					t.Errorf("has %q", w)
				}
			}
		})
	}
}

// A wide table is written a row per line in text, each value named by its
// column after the first two.
func TestTextWideTable(t *testing.T) {
	long := strings.Repeat("очень длинный показатель ", 5)
	d := &Document{Blocks: []Block{Table{Header: []string{"№", "Показатель", "Ответ", "Баллы"}, Rows: []Row{
		{Cells: Cells("17", long, "нет", "0 из 2")}, {Cells: Cells("18", "Короткий", "", "1 из 1")}}}}}
	var b bytes.Buffer
	if err := WriteText(&b, d); err != nil {
		t.Fatal(err)
	}
	want := "- 17. " + long + "; Ответ: нет; Баллы: 0 из 2\n- 18. Короткий; Баллы: 1 из 1\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWord(t *testing.T) {
	var b bytes.Buffer
	if err := WriteWord(&b, sample()); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			body = string(data)
		}
	}
	for _, w := range []string{
		`<w:pStyle w:val="Title"/>`, "Школа &lt;b&gt;|*1*|&lt;/b&gt;", // the title, escaped
		`<w:pStyle w:val="Heading1"/>`, // a section is Word's heading 1
		`<w:br w:type="page"/>`,        // a section on a new page
		`<w:jc w:val="right"/>`,        // numbers aligned right
		"(критический)", "<w:br/>",     // a badge in parentheses, a break in a cell
		"<wp:inline", "Рисунок 1. Радар.", // the figure and its caption
	} {
		if !strings.Contains(body, w) {
			t.Errorf("document.xml lacks %q", w)
		}
	}
}

// A table of contents is a Word field the reader's program fills, with the
// document asking to update fields on opening; other formats leave it out.
func TestContents(t *testing.T) {
	d := &Document{Blocks: []Block{Contents{Title: "Содержание", Note: "заполнится при открытии"}, Heading{Level: 2, Text: "Раздел"}}}
	var b bytes.Buffer
	if err := WriteWord(&b, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		parts[f.Name] = string(data)
	}
	for _, w := range []string{`TOC \o "1-2" \h \z \u`, `w:fldCharType="begin"`, `w:fldCharType="end"`, "заполнится при открытии", "Содержание"} {
		if !strings.Contains(parts["word/document.xml"], w) {
			t.Errorf("document.xml lacks %q", w)
		}
	}
	if !strings.Contains(parts["word/settings.xml"], `<w:updateFields w:val="true"/>`) {
		t.Error("the document does not ask to update its fields")
	}
	var text bytes.Buffer
	WriteText(&text, d)
	if strings.Contains(text.String(), "Содержание") {
		t.Error("text has a table of contents it cannot fill")
	}
}

// In Word a number keeps its «%» on its line.
func TestWordKeepsPercentWithNumber(t *testing.T) {
	d := &Document{Blocks: []Block{Paragraph{Runs: []Run{T("Итог: 84,9 % от максимума")}},
		Table{Header: []string{"%"}, Rows: []Row{{Cells: Cells("72,1 %")}}}}}
	var b bytes.Buffer
	if err := WriteWord(&b, d); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			if body := string(data); !strings.Contains(body, "84,9\u00a0%") || !strings.Contains(body, "72,1\u00a0%") || strings.Contains(body, "84,9 %") {
				t.Errorf("percent not kept with its number")
			}
		}
	}
}
