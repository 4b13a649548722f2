package docx

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"
)

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sample(t *testing.T) Document {
	return Document{Title: "Проверка <&>", Footer: "Школа «№ 1»", Blocks: []Block{
		Paragraph{Style: StyleTitle, Runs: []Run{{Text: "Заголовок\nв две строки"}}},
		Heading{Level: 1, Text: "1. Раздел & <раздел>"},
		Text("Текст с управляющим символом \x1b[31m и \x00 нулём"),
		Paragraph{Runs: []Run{{Text: "жирный ", Bold: true}, {Text: "курсив", Italic: true}}},
		Heading{Level: 2, Text: "1.1. Подраздел"},
		Table{Header: []string{"№", "Показатель"}, Rows: [][]string{{"1", "a\nb"}, {"2"}}, BoldRows: map[int]bool{1: true}},
		Table{Header: []string{"Один"}, Rows: nil},
		Image{PNG: tinyPNG(t), WidthCm: 40, Alt: "рисунок \"1\""},
		PageBreak{},
		Image{PNG: tinyPNG(t), WidthCm: 5},
	}}
}

func write(t *testing.T, d Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteIsValid(t *testing.T) {
	data := write(t, sample(t))
	if err := Verify(data); err != nil {
		t.Fatalf("invalid package: %v", err)
	}
	hs, err := Headings(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0] != (Heading{1, "1. Раздел & <раздел>"}) || hs[1] != (Heading{2, "1.1. Подраздел"}) {
		t.Errorf("headings = %+v", hs)
	}
	doc := part(t, data, "word/document.xml")
	for _, want := range []string{"&lt;раздел&gt;", "\uFFFD[31m", "<w:tblHeader/>", `w:w="11906" w:h="16838"`, "<w:br/>", `r:embed="rIdImage2"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	if strings.Contains(doc, "\x1b") || strings.Contains(doc, "\x00") {
		t.Error("a control character reached the XML")
	}
	// Images are never wider than the text.
	if !strings.Contains(doc, `<wp:extent cx="5939682"`) {
		t.Errorf("the 40 cm image is not fitted to the text width")
	}
	if f := part(t, data, "word/footer1.xml"); !strings.Contains(f, "PAGE") || !strings.Contains(f, "Школа «№ 1»") {
		t.Errorf("footer: %s", f)
	}
	if s := part(t, data, "word/styles.xml"); !strings.Contains(s, `<w:name w:val="heading 1"/>`) || !strings.Contains(s, `<w:outlineLvl w:val="1"/>`) {
		t.Error("the heading styles are not Word's built-in ones")
	}
	// The same document gives the same bytes.
	if !bytes.Equal(data, write(t, sample(t))) {
		t.Error("writing twice gives different files")
	}
}

func part(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	return string(b)
}

// Verify finds what Word would refuse.
func TestVerifyFindsBrokenPackages(t *testing.T) {
	good := write(t, sample(t))
	rewrite := func(edit func(name string, b []byte) []byte) []byte {
		zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if b = edit(f.Name, b); b == nil {
				continue
			}
			w, _ := zw.Create(f.Name)
			w.Write(b)
		}
		zw.Close()
		return out.Bytes()
	}
	for name, tc := range map[string]struct {
		edit func(string, []byte) []byte
		want string
	}{
		"missing image": {func(n string, b []byte) []byte {
			if n == "word/media/image1.png" {
				return nil
			}
			return b
		}, "points at word/media/image1.png"},
		"unknown style": {func(n string, b []byte) []byte {
			return bytes.Replace(b, []byte(`w:styleId="Heading2"`), []byte(`w:styleId="Other"`), 1)
		}, "applies style Heading2"},
		"broken xml": {func(n string, b []byte) []byte {
			if n == "word/document.xml" {
				return bytes.Replace(b, []byte("</w:body>"), nil, 1)
			}
			return b
		}, "word/document.xml"},
		"no content type": {func(n string, b []byte) []byte {
			return bytes.Replace(b, []byte(`<Default Extension="png" ContentType="image/png"/>`), nil, 1)
		}, "has no content type"},
	} {
		if err := Verify(rewrite(tc.edit)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}
