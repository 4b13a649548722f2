// Package docx writes simple Word documents (WordprocessingML, .docx):
// headings Word's navigation pane and table of contents understand
// (styles «heading 1», «heading 2»), paragraphs, tables whose header row
// repeats on every page, PNG images, A4 portrait pages numbered in the
// footer, in fonts every school PC has (Times New Roman, Arial).
//
// It is written with archive/zip and a few templates rather than a DOCX
// library: the one maintained Go library served here (gomutex/godocx, an
// untagged snapshot) has no footers, hence no page numbers, and reaches
// repeated header rows and page setup only through its low-level types.
// What a report needs of WordprocessingML is small and fixed; it is all in
// this file.
package docx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"strings"
	"text/template"
	"time"
)

// Document is a document's content, top to bottom.
type Document struct {
	Title  string // the file's title (core properties)
	Footer string // the text before the page number
	// Lang is the document's language tag, «ru-RU» when empty: the
	// spelling checker's and hyphenation's language.
	Lang string
	// Page and Of are the footer's words around the page numbers:
	// «страница 1 из 3» when empty.
	Page, Of string
	Blocks   []Block
}

// Block is a heading, paragraph, table, image or page break.
type Block interface{ block() }

// Heading is a heading of level 1 or 2.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is a paragraph of runs; Style is "" (body text), StyleSmall
// or StyleTitle.
type Paragraph struct {
	Style string
	Runs  []Run
}

// Paragraph styles besides body text.
const (
	StyleTitle = "Title"
	StyleSmall = "Small"
)

// Run is text with one formatting. Line breaks in Text break the line.
type Run struct {
	Text         string
	Bold, Italic bool
	Size         float64 // points; 0 for the paragraph style's
}

// Table is a table with a header row that repeats on every page (none
// when Header is nil), its columns sized by their content (columnWidths);
// Right marks the columns aligned right.
type Table struct {
	Header []string
	Rows   [][]string
	Right  []bool
	// BoldRows marks rows (by index in Rows) to set in bold: totals.
	BoldRows map[int]bool
}

// Image is a PNG picture, WidthCm wide (its height follows its aspect).
type Image struct {
	PNG     []byte
	WidthCm float64
	Alt     string
}

// PageBreak starts a new page.
type PageBreak struct{}

// Contents is a table of contents of headings 1 and 2: a Word field that
// Word fills when the document opens (it asks to update fields) and
// LibreOffice on Tools → Update; Placeholder shows until then.
type Contents struct {
	Placeholder string
}

func (Heading) block()   {}
func (Paragraph) block() {}
func (Table) block()     {}
func (Image) block()     {}
func (PageBreak) block() {}
func (Contents) block()  {}

// Text is a paragraph of plain text.
func Text(s string) Paragraph { return Paragraph{Runs: []Run{{Text: s}}} }

// Page geometry, twentieths of a point: A4 portrait, margins of a Russian
// official document (left 3 cm, right 1.5 cm, top and bottom 2 cm).
const (
	pageW, pageH       = 11906, 16838
	marginL, marginR   = 1701, 850
	marginT, marginB   = 1134, 1134
	textWidth          = pageW - marginL - marginR
	emuPerCm           = 360000
	twipsPerCm         = 567
	maxImageWidthCm    = float64(textWidth) / twipsPerCm
	contentTypeDocMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

// Write writes the document as a .docx file.
func Write(w io.Writer, d Document) error {
	var body strings.Builder
	var images [][]byte
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case Heading:
			style := "Heading1"
			if b.Level >= 2 {
				style = "Heading2"
			}
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>%s</w:p>`, style, runs([]Run{{Text: b.Text}}))
		case Paragraph:
			body.WriteString("<w:p>")
			if b.Style != "" {
				fmt.Fprintf(&body, `<w:pPr><w:pStyle w:val="%s"/></w:pPr>`, b.Style)
			}
			body.WriteString(runs(b.Runs))
			body.WriteString("</w:p>")
		case Table:
			writeTable(&body, b)
		case Image:
			cfg, err := png.DecodeConfig(bytes.NewReader(b.PNG))
			if err != nil {
				return fmt.Errorf("image %q: %w", b.Alt, err)
			}
			images = append(images, b.PNG)
			n := len(images)
			wcm := min(b.WidthCm, maxImageWidthCm)
			cx := int(wcm * emuPerCm)
			cy := cx * cfg.Height / cfg.Width
			fmt.Fprintf(&body, imageXML, cx, cy, n, esc(b.Alt), n, n, n, cx, cy)
		case PageBreak:
			body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		case Contents:
			body.WriteString(`<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>` +
				`<w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
				runs([]Run{{Text: b.Placeholder, Italic: true}}) + `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
		}
	}
	zw := zip.NewWriter(w)
	part := func(name, content string) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, content)
		return err
	}
	data := struct {
		Title, Footer, Body string
		Lang, Page, Of      string
		Images              []int
		W, H, L, R, T, B    int
	}{esc(d.Title), esc(d.Footer), body.String(), esc(cmp.Or(d.Lang, "ru-RU")), esc(cmp.Or(d.Page, "страница")), esc(cmp.Or(d.Of, "из")),
		nil, pageW, pageH, marginL, marginR, marginT, marginB}
	for i := range images {
		data.Images = append(data.Images, i+1)
	}
	for _, p := range parts {
		var buf strings.Builder
		if err := p.tmpl.Execute(&buf, data); err != nil {
			return err
		}
		if err := part(p.name, buf.String()); err != nil {
			return err
		}
	}
	for i, img := range images {
		if err := part(fmt.Sprintf("word/media/image%d.png", i+1), string(img)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// esc escapes text for XML; characters XML cannot hold (control
// characters from an answer file) become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func runs(rs []Run) string {
	var b strings.Builder
	for _, r := range rs {
		props := ""
		if r.Bold {
			props += "<w:b/>"
		}
		if r.Italic {
			props += "<w:i/>"
		}
		if r.Size > 0 {
			props += fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, int(r.Size*2), int(r.Size*2))
		}
		for i, line := range strings.Split(r.Text, "\n") {
			b.WriteString("<w:r>")
			if props != "" {
				b.WriteString("<w:rPr>" + props + "</w:rPr>")
			}
			if i > 0 {
				b.WriteString("<w:br/>")
			}
			fmt.Fprintf(&b, `<w:t xml:space="preserve">%s</w:t></w:r>`, esc(line))
		}
	}
	return b.String()
}

func writeTable(b *strings.Builder, t Table) {
	cols := len(t.Header)
	if cols == 0 && len(t.Rows) > 0 {
		cols = len(t.Rows[0])
	}
	widths, size := columnWidths(t, cols, textWidth)
	margins := ""
	if size == tableSizes[0] {
		size = 0 // the style's
	} else {
		margins = fmt.Sprintf(`<w:tblCellMar><w:left w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar>`, narrowCellMargin, narrowCellMargin)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>` + margins + `</w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	row := func(cells []string, header, bold bool) {
		b.WriteString("<w:tr>")
		if header {
			b.WriteString(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		} else {
			b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
		}
		for i := range cols {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[i])
			if header {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`)
			}
			align := ""
			if i < len(t.Right) && t.Right[i] {
				align = `<w:jc w:val="right"/>`
			}
			b.WriteString(`</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>` + align + `</w:pPr>`)
			b.WriteString(runs([]Run{{Text: text, Bold: header || bold, Size: size}}))
			b.WriteString("</w:p></w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	if t.Header != nil {
		row(t.Header, true, false)
	}
	for i, r := range t.Rows {
		row(r, false, t.BoldRows[i])
	}
	b.WriteString("</w:tbl>")
	// A table is followed by a paragraph: two tables in a row would merge.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Small"/></w:pPr></w:p>`)
}

const imageXML = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">` +
	`<wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="%s"/>` +
	`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
	`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
	`<pic:nvPicPr><pic:cNvPr id="%d" name="image%d.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
	`<pic:blipFill><a:blip r:embed="rIdImage%d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
	`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
	`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`

type namedTemplate struct {
	name string
	tmpl *template.Template
}

func tmpl(name, text string) namedTemplate {
	return namedTemplate{name, template.Must(template.New(name).Parse(text))}
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// parts are the package's fixed parts, filled with the document's data.
var parts = []namedTemplate{
	tmpl("[Content_Types].xml", xmlHead+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Default Extension="png" ContentType="image/png"/>`+
		`<Override PartName="/word/document.xml" ContentType="`+contentTypeDocMain+`"/>`+
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`+
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>`+
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`+
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`+
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`+
		`</Types>`),
	tmpl("_rels/.rels", xmlHead+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`+
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`+
		`</Relationships>`),
	tmpl("docProps/core.xml", xmlHead+`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" `+
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
		`<dc:title>{{.Title}}</dc:title><dc:creator>selfdiag</dc:creator><dc:language>{{.Lang}}</dc:language></cp:coreProperties>`),
	tmpl("docProps/app.xml", xmlHead+`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>selfdiag</Application></Properties>`),
	tmpl("word/_rels/document.xml.rels", xmlHead+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`+
		`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`+
		`<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`+
		`{{range .Images}}<Relationship Id="rIdImage{{.}}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image{{.}}.png"/>{{end}}`+
		`</Relationships>`),
	tmpl("word/settings.xml", xmlHead+`<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`+
		`<w:updateFields w:val="true"/><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/><w:themeFontLang w:val="{{.Lang}}"/></w:settings>`),
	tmpl("word/footer1.xml", xmlHead+`<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`+
		`<w:p><w:pPr><w:pStyle w:val="Small"/><w:jc w:val="center"/></w:pPr>`+
		`<w:r><w:t xml:space="preserve">{{.Footer}}{{if .Footer}} — {{end}}{{.Page}} </w:t></w:r>`+
		`<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>`+
		`<w:r><w:t xml:space="preserve"> {{.Of}} </w:t></w:r>`+
		`<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>`),
	tmpl("word/styles.xml", xmlHead+`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`+
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>`+
		`<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{{.Lang}}" w:eastAsia="{{.Lang}}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`+
		`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`+
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>`+
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>`+
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr>`+
		`<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>`+
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr>`+
		`<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>`+
		`<w:style w:type="paragraph" w:styleId="Small"><w:name w:val="Small"/><w:basedOn w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:spacing w:after="60"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>`+
		`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>`+
		`<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>`+
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>`+
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`+
		`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr>`+
		`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>`+
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>`+
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>`+
		`<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`+
		`</w:styles>`),
	tmpl("word/document.xml", xmlHead+`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" `+
		`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" `+
		`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" `+
		`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{{.Body}}`+
		`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="{{.W}}" w:h="{{.H}}"/>`+
		`<w:pgMar w:top="{{.T}}" w:right="{{.R}}" w:bottom="{{.B}}" w:left="{{.L}}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`+
		`</w:body></w:document>`),
}
