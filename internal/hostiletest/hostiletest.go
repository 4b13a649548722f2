// Package hostiletest makes hostile input files for tests, generated
// rather than checked in.
package hostiletest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
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
	parts := bookParts(sheetName, sst != "")
	parts["xl/worksheets/sheet1.xml"] = sheetXML
	if sst != "" {
		parts["xl/sharedStrings.xml"] = sst
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := addParts(zw, parts); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// bookParts are the parts of a one-sheet workbook but the sheet (and the
// shared strings).
func bookParts(sheetName string, sst bool) map[string]string {
	types := `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst {
		types += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types + `</Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + sheetName + `" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`,
	}
}

func addParts(zw *zip.Writer, parts map[string]string) error {
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			return err
		}
	}
	return nil
}

// PaddedBook writes a workbook whose one sheet («Ответы») is a row followed
// by size bytes of spaces: a few hundred kilobytes that unzip to size. The
// spaces are deflated once per megabyte and the compressed block repeated
// (a deflate stream may be a run of blocks): deflating hundreds of
// megabytes under the race detector took most of a test's time.
func PaddedBook(path string, size int) error {
	head := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>`
	tail := `</sheetData></worksheet>`
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	var blocks bytes.Buffer
	fw, _ := flate.NewWriter(&blocks, flate.BestCompression)
	fw.Write([]byte(head))
	fw.Flush()
	headBlock := slices.Clone(blocks.Bytes())
	blocks.Reset()
	fw.Write(spaces)
	fw.Flush()
	spaceBlock := slices.Clone(blocks.Bytes())
	blocks.Reset()
	fw.Write([]byte(tail))
	fw.Close()
	var body bytes.Buffer
	body.Write(headBlock)
	crc := crc32.ChecksumIEEE([]byte(head))
	n := 0
	for ; n < size; n += len(spaces) {
		body.Write(spaceBlock)
		crc = crc32.Update(crc, crc32.IEEETable, spaces)
	}
	body.Write(blocks.Bytes())
	crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := addParts(zw, bookParts("Ответы", false)); err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(body.Len()), UncompressedSize64: uint64(len(head) + n + len(tail))})
	if err != nil {
		return err
	}
	if _, err := w.Write(body.Bytes()); err != nil {
		return err
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
