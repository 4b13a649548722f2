//go:build unix

package answers

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/xlsxopen"
)

// TestHostileFiles: files that are not answer tables end in a message
// naming the file, never a hang or an out-of-memory.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	write := writer(t, dir)
	fifo := filepath.Join(dir, "канал.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	long := write("длинная.csv", bytes.Repeat([]byte("а;"), maxLine))
	wide := write("широкая.csv", []byte("№;Ответ"+strings.Repeat(";x", maxColumns)+"\n1;да\n"))
	sparse := filepath.Join(dir, "огромный.csv")
	if f, err := os.Create(sparse); err == nil {
		f.Truncate(maxCSVSize + 1) // sparse: no disk used
		f.Close()
	}
	zeros := filepath.Join(dir, "нули.csv")
	if err := os.Symlink("/dev/zero", zeros); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{fifo, "это не обычный файл"},
		{zeros, "это не обычный файл"},
		{sparse, "файл больше 256 МБ"},
		{long, "строка длиннее 1 МБ"},
		{wide, "столбцов, больше 16384"},
	} {
		done := make(chan error, 1)
		go func() { done <- ReadFile(tc.path, Options{}, func(*submission.Submission) error { return nil }) }()
		select {
		case err := <-done:
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), filepath.Base(tc.path)) {
				t.Errorf("%s: %v, want a file error with %q", filepath.Base(tc.path), err, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading after 10 s", filepath.Base(tc.path))
		}
	}
}

// bombXLSX writes a workbook whose one sheet is a few rows followed by
// size bytes of spaces: a few hundred kilobytes that unzip to size.
func bombXLSX(t *testing.T, path string, size int) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	part := func(name, text string) io.Writer {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, text)
		return w
	}
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ответы" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	// The sheet: a row, then size bytes of spaces, deflated once per
	// megabyte and the compressed block repeated (a deflate stream may be
	// a run of blocks): compressing hundreds of megabytes under the race
	// detector took most of this test's time.
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
	tailBlock := blocks.Bytes()
	var body bytes.Buffer
	body.Write(headBlock)
	crc := crc32.ChecksumIEEE([]byte(head))
	n := 0
	for ; n < size; n += len(spaces) {
		body.Write(spaceBlock)
		crc = crc32.Update(crc, crc32.IEEETable, spaces)
	}
	body.Write(tailBlock)
	crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(body.Len()), UncompressedSize64: uint64(len(head) + n + len(tail))})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestXLSXBombs: a workbook that unzips past the limit is refused at once;
// one with a sheet big enough to be unpacked to disk is read; neither
// leaves a temporary file behind.
func TestXLSXBombs(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o755)
	t.Setenv("TMPDIR", tmp)
	big, bomb := filepath.Join(dir, "большая.xlsx"), filepath.Join(dir, "бомба.xlsx")
	bombXLSX(t, big, 20<<20)
	bombXLSX(t, bomb, xlsxopen.UnzipLimit+1<<20)
	start := time.Now()
	err := ReadFile(bomb, Options{}, func(*submission.Submission) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "книга распаковывается больше чем в 256 МБ") || time.Since(start) > 5*time.Second {
		t.Errorf("bomb: %v after %v", err, time.Since(start))
	}
	err = ReadFile(big, Options{}, func(*submission.Submission) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "не найдена строка заголовков") {
		t.Errorf("20 MB sheet: %v", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
