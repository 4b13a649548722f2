// Package hostiletest makes hostile input files for tests, generated
// rather than checked in.
package hostiletest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SharedStringBook writes a small workbook of one sheet whose header row
// is header (inline text) and whose rows 2..rows hold a row number and
// then cells all pointing to one shared string of n characters — as many
// as the header has columns after the first. The parts are written by
// hand: Excel's own writers refuse such a string, a hostile file need not.
func SharedStringBook(path, sheetName string, header []string, rows, n int) error {
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	cell := func(col, row int, v string, shared bool) {
		name, _ := excelize.CoordinatesToCellName(col, row)
		if shared {
			fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%s</v></c>`, name, v)
		} else {
			fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, name, v)
		}
	}
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&sheet, `<row r="%d">`, r)
		for i, h := range header {
			switch {
			case r == 1:
				cell(i+1, r, h, false)
			case i == 0:
				cell(1, r, fmt.Sprint(r-1), false)
			default:
				cell(i+1, r, "0", true)
			}
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	sst := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>` + strings.Repeat("я", n) + `</t></si></sst>`
	return writeBook(path, sheetName, sheet.String(), sst)
}

// writeBook packs a workbook of one sheet, with shared strings if sst is
// not empty.
func writeBook(path, sheetName, sheetXML, sst string) error {
	types := `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != "" {
		types += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types + `</Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + sheetName + `" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`,
		"xl/worksheets/sheet1.xml":   sheetXML,
	}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = sst
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// BlankRowsBook writes a one-school workbook («№ | Ответ», one answer)
// followed by formatted empty rows down to row rows, as Excel keeps the
// formatting of whole columns.
func BlankRowsBook(path string, rows int) error {
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	sheet.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c><c r="B1" t="inlineStr"><is><t>Ответ</t></is></c></row>`)
	sheet.WriteString(`<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>да</t></is></c></row>`)
	for r := 3; r <= rows; r++ {
		fmt.Fprintf(&sheet, `<row r="%d" s="1" customFormat="1" ht="15"/>`, r)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	return writeBook(path, "Ответы", sheet.String(), "")
}
