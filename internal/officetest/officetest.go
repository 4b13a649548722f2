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
	cmd := exec.Command(bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
		// Field ';', quote '"', UTF-8, every sheet into its own file (sheet token -1).
		"--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1", "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice %s: %v\n%s", path, err, b)
	}
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
