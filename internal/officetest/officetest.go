// Package officetest opens generated workbooks with LibreOffice in tests:
// a workbook that LibreOffice cannot convert would not open for a school
// either. CI installs LibreOffice and sets SELFDIAG_REQUIRE_LIBREOFFICE=1,
// so the tests cannot skip there.
package officetest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// SheetsCSV converts every sheet of the workbook at path to CSV (';',
// UTF-8) with headless LibreOffice and returns them by sheet name. It
// skips the test when LibreOffice is not installed, unless required.
func SheetsCSV(t testing.TB, path string) map[string]string {
	t.Helper()
	return SheetsCSVAll(t, path)[path]
}

// SheetsCSVAll converts several workbooks (of distinct base names) as
// SheetsCSV does, starting LibreOffice once for all of them.
func SheetsCSVAll(t testing.TB, paths ...string) map[string]map[string]string {
	t.Helper()
	out := convert(t, "", paths...)
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatalf("libreoffice wrote nothing for %v: %v", paths, err)
	}
	all := map[string]map[string]string{}
	for _, path := range paths {
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		sheets := map[string]string{}
		for _, e := range entries {
			sheet, ok := strings.CutPrefix(e.Name(), base+"-")
			if !ok {
				continue
			}
			data, err := os.ReadFile(filepath.Join(out, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			sheets[strings.TrimSuffix(sheet, ".csv")] = string(data)
		}
		all[path] = sheets
	}
	return all
}

// CSVAsSeen opens a ';'-separated UTF-8 CSV file in LibreOffice as a
// person would (formulas evaluated) and returns the values it shows, as
// CSV: a cell that LibreOffice took for a formula shows its result.
func CSVAsSeen(t testing.TB, path string) string {
	t.Helper()
	out := convert(t, "CSV:59,34,76,1", path)
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) != 1 {
		t.Fatalf("libreoffice wrote %d files for %s: %v", len(entries), path, err)
	}
	data, err := os.ReadFile(filepath.Join(out, entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// convert converts the files at paths to CSV (';', UTF-8, every sheet into
// its own file) with headless LibreOffice and returns the output folder.
// infilter, if not empty, is the import filter. It skips the test when
// LibreOffice is not installed, unless required.
func convert(t testing.TB, infilter string, paths ...string) string {
	t.Helper()
	bin := office(t)
	out := filepath.Join(t.TempDir(), "out")
	var args []string
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	// Field ';', quote '"', UTF-8, every sheet into its own file (sheet token -1).
	args = append(args, "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1", "--outdir", out)
	soffice(t, bin, append(args, paths...)...)
	return out
}

// soffice runs headless LibreOffice with a fresh user profile. It takes
// seconds to start: convert many files in one call where a test can.
func soffice(t testing.TB, bin string, args ...string) []byte {
	t.Helper()
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "lo-profile"))
	args = append([]string{"--headless", "--norestore", profile}, args...)
	b, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil || bytes.Contains(b, []byte("Error:")) {
		t.Fatalf("libreoffice %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return b
}

// office finds LibreOffice, or skips the test unless it is required.
func office(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SELFDIAG_REQUIRE_LIBREOFFICE") != "" {
		t.Fatal("LibreOffice is required (SELFDIAG_REQUIRE_LIBREOFFICE) but not installed")
	}
	t.Skip("LibreOffice not installed")
	return ""
}

// Printed is how LibreOffice prints one sheet of a workbook.
type Printed struct {
	Pages     int
	Landscape bool    // every page is wider than tall
	TextSize  float64 // the size, in points, most of the text prints at
	PDF       []byte  // the printed document, to read its words (PDFWords)
}

// SheetsPDF prints every visible sheet of the workbook at path on its own, as
// LibreOffice would print it (the workbook's page setup: orientation,
// scaling, repeated rows), and returns how each printed. The PDFs are kept
// under keep when it is not empty, to look at. It skips the test when
// LibreOffice is not installed, unless required.
func SheetsPDF(t testing.TB, path, keep string) map[string]Printed {
	t.Helper()
	return SheetsPDFAll(t, keep, path)[path]
}

// SheetsPDFAll prints several workbooks (of distinct base names) as
// SheetsPDF does, starting LibreOffice once for all of them.
func SheetsPDFAll(t testing.TB, keep string, paths ...string) map[string]map[string]Printed {
	t.Helper()
	bin := office(t)
	dir := t.TempDir()
	type sheetFile struct{ path, name, file string }
	var files []sheetFile
	for _, path := range paths {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var names []string // the visible sheets: hidden ones do not print
		for _, name := range f.GetSheetList() {
			if visible, _ := f.GetSheetVisible(name); visible {
				names = append(names, name)
			}
		}
		all := f.GetSheetList()
		f.Close()
		for i, name := range names {
			one, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, other := range all {
				if other != name {
					if err := one.DeleteSheet(other); err != nil {
						t.Fatal(err)
					}
				}
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%d.xlsx", strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), i+1))
			if err := one.SaveAs(file); err != nil {
				t.Fatal(err)
			}
			one.Close()
			files = append(files, sheetFile{path, name, file})
		}
	}
	out := keep
	if out == "" {
		out = filepath.Join(dir, "pdf")
	}
	args := []string{"--convert-to", "pdf", "--outdir", out}
	for _, f := range files {
		args = append(args, f.file)
	}
	soffice(t, bin, args...)
	printed := map[string]map[string]Printed{}
	for _, f := range files {
		pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(f.file), ".xlsx")+".pdf")
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatalf("libreoffice did not print sheet %q of %s: %v", f.name, f.path, err)
		}
		if printed[f.path] == nil {
			printed[f.path] = map[string]Printed{}
		}
		p := pdfPages(data)
		p.PDF = data
		printed[f.path][f.name] = p
	}
	return printed
}

var (
	fontSize   = regexp.MustCompile(`/F\d+ ([\d.]+) Tf`)
	stream     = regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)
	mediaBox   = regexp.MustCompile(`/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]`)
)

// pdfPages counts the page objects of a PDF written by LibreOffice (which
// writes them uncompressed) and whether every page box is landscape.
func pdfPages(data []byte) Printed {
	p := Printed{Pages: len(pageObject.FindAll(data, -1)), Landscape: true}
	boxes := mediaBox.FindAllSubmatch(data, -1)
	if len(boxes) == 0 {
		p.Landscape = false
	}
	for _, b := range boxes {
		w, _ := strconv.ParseFloat(string(b[3]), 64)
		h, _ := strconv.ParseFloat(string(b[4]), 64)
		if w <= h {
			p.Landscape = false
		}
	}
	sizes := map[float64]int{}
	for _, m := range stream.FindAllSubmatch(data, -1) {
		content, err := io.ReadAll(flate(m[1]))
		if err != nil && len(content) == 0 {
			continue // not a compressed content stream
		}
		for _, f := range fontSize.FindAllSubmatch(content, -1) {
			if size, err := strconv.ParseFloat(string(f[1]), 64); err == nil {
				sizes[math.Round(size*10)/10]++
			}
		}
	}
	for size, n := range sizes {
		if n > sizes[p.TextSize] || (n == sizes[p.TextSize] && size > p.TextSize) {
			p.TextSize = size
		}
	}
	return p
}

// flate reads a zlib stream, as PDF content streams are compressed.
func flate(b []byte) io.Reader {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return bytes.NewReader(nil)
	}
	return r
}

// CheckPrinted fails the test unless exactly the sheets in pages printed,
// each landscape, on pages[sheet][0]..pages[sheet][1] pages and with its
// text at least minText points. what names the workbook in messages.
func CheckPrinted(t testing.TB, what string, printed map[string]Printed, pages map[string][2]int, minText float64) {
	t.Helper()
	for sheet, p := range printed {
		t.Logf("%s «%s»: %d pages, text %.1f pt", what, sheet, p.Pages, p.TextSize)
		if _, ok := pages[sheet]; !ok {
			t.Errorf("%s: sheet «%s» printed, but was not expected", what, sheet)
		}
	}
	for sheet, want := range pages {
		p, ok := printed[sheet]
		switch {
		case !ok:
			t.Errorf("%s: sheet «%s» did not print", what, sheet)
		case p.Pages < want[0] || p.Pages > want[1] || !p.Landscape:
			t.Errorf("%s «%s»: %d pages (landscape %v), want %d..%d landscape pages", what, sheet, p.Pages, p.Landscape, want[0], want[1])
		case p.TextSize < minText:
			t.Errorf("%s «%s»: text printed at %.1f pt, want at least %.1f: unreadable", what, sheet, p.TextSize, minText)
		}
	}
}

// ResaveAll opens workbooks (of distinct base names) in headless
// LibreOffice and saves them again as .xlsx, as a person editing them in
// an office suite would, starting LibreOffice once for all of them; it
// returns the new files' paths by the old.
func ResaveAll(t testing.TB, paths ...string) map[string]string {
	t.Helper()
	bin := office(t)
	out := filepath.Join(t.TempDir(), "out")
	soffice(t, bin, append([]string{"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}, paths...)...)
	saved := map[string]string{}
	for _, p := range paths {
		saved[p] = filepath.Join(out, filepath.Base(p))
	}
	return saved
}

// Opened is a Word document as LibreOffice Writer reads and prints it.
type Opened struct {
	Text    string
	Printed Printed
	PDF     []byte // as printed
}

// Documents opens Word documents (of distinct base names) in headless
// LibreOffice Writer and returns, for each, its text (as LibreOffice's
// «Text» export gives it), how it prints and the PDF, starting LibreOffice
// twice for all of them: once to print, once for the text. The PDFs are
// kept under keep when it is not empty. It skips the test when
// LibreOffice is not installed, unless required.
func Documents(t testing.TB, keep string, paths ...string) map[string]Opened {
	t.Helper()
	bin := office(t)
	dir := t.TempDir()
	out := keep
	if out == "" {
		out = filepath.Join(dir, "out")
	}
	txtDir := filepath.Join(dir, "txt")
	soffice(t, bin, append([]string{"--convert-to", "pdf:writer_pdf_Export", "--outdir", out}, paths...)...)
	soffice(t, bin, append([]string{"--convert-to", "txt:Text (encoded):UTF8", "--outdir", txtDir}, paths...)...)
	docs := map[string]Opened{}
	for _, path := range paths {
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		pdf, err := os.ReadFile(filepath.Join(out, base+".pdf"))
		if err != nil {
			t.Fatalf("libreoffice did not print %s: %v", path, err)
		}
		txt, err := os.ReadFile(filepath.Join(txtDir, base+".txt"))
		if err != nil {
			t.Fatalf("libreoffice did not convert %s to text: %v", path, err)
		}
		docs[path] = Opened{Text: string(txt), Printed: pdfPages(pdf), PDF: pdf}
	}
	return docs
}

// Chromium finds a headless-capable Chromium. CI installs Debian's
// `chromium` and sets SELFDIAG_REQUIRE_CHROMIUM=1 so that browser tests
// cannot skip there.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SELFDIAG_REQUIRE_CHROMIUM") != "" {
		t.Fatal("Chromium not found, and SELFDIAG_REQUIRE_CHROMIUM is set (install Debian's chromium)")
	}
	t.Skip("Chromium not installed; set SELFDIAG_REQUIRE_CHROMIUM=1 to make this a failure")
	return ""
}

// PrintHTML prints a page with headless Chromium to PDF as a reader
// would (A4, no header or footer) and returns the PDF; name names the
// file kept under SELFDIAG_KEEP_PDF.
func PrintHTML(t testing.TB, page []byte, name string) []byte {
	t.Helper()
	bin := Chromium(t)
	dir := t.TempDir()
	in := filepath.Join(dir, name+".html")
	if err := os.WriteFile(in, page, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, name+".pdf")
	if keep := os.Getenv("SELFDIAG_KEEP_PDF"); keep != "" {
		pdf = filepath.Join(keep, name+".pdf")
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--print-to-pdf="+pdf, "file://"+in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	data, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("chromium printed no PDF: %v", err)
	}
	return data
}
