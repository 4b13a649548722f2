// Package officetest opens generated workbooks with LibreOffice in tests:
// a workbook that LibreOffice cannot convert would not open for a school
// either. CI installs LibreOffice and sets SELFDIAG_REQUIRE_LIBREOFFICE=1,
// so the tests cannot skip there.
package officetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// SheetsCSV converts every sheet of the workbook at path to CSV (';',
// UTF-8) with headless LibreOffice and returns them by sheet name. It
// skips the test when LibreOffice is not installed, unless required.
func SheetsCSV(t testing.TB, path string) map[string]string {
	t.Helper()
	out := convert(t, path, "")
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatalf("libreoffice wrote nothing for %s: %v", path, err)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	sheets := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sheet := strings.TrimSuffix(strings.TrimPrefix(e.Name(), base+"-"), ".csv")
		sheets[sheet] = string(data)
	}
	return sheets
}

// CSVAsSeen opens a ';'-separated UTF-8 CSV file in LibreOffice as a
// person would (formulas evaluated) and returns the values it shows, as
// CSV: a cell that LibreOffice took for a formula shows its result.
func CSVAsSeen(t testing.TB, path string) string {
	t.Helper()
	out := convert(t, path, "CSV:59,34,76,1")
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

// convert converts the file at path to CSV (';', UTF-8, every sheet into
// its own file) with headless LibreOffice and returns the output folder.
// infilter, if not empty, is the import filter. It skips the test when
// LibreOffice is not installed, unless required.
func convert(t testing.TB, path, infilter string) string {
	t.Helper()
	bin := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("SELFDIAG_REQUIRE_LIBREOFFICE") != "" {
			t.Fatal("LibreOffice is required (SELFDIAG_REQUIRE_LIBREOFFICE) but not installed")
		}
		t.Skip("LibreOffice not installed")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile")}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	// Field ';', quote '"', UTF-8, every sheet into its own file (sheet token -1).
	args = append(args, "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1", "--outdir", out, path)
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("libreoffice %s: %v\n%s", path, err, b)
	}
	return out
}
