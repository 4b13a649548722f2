//go:build unix

package outdir

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// TestLinksPlantedInTheFolder: links placed in the output folder (by an
// unpacked archive, say) never make the program write, replace or remove
// anything outside it.
func TestLinksPlantedInTheFolder(t *testing.T) {
	outside := t.TempDir()
	victim := filepath.Join(outside, "важное.txt")
	os.WriteFile(victim, []byte("не трогать"), 0o644)
	dir := t.TempDir()
	// The old fixed name of the manifest's temporary, a report's name and
	// the schools folder, all links out.
	os.Symlink(victim, filepath.Join(dir, ".selfdiag-manifest.json.selfdiag-tmp-m"))
	os.Symlink(victim, filepath.Join(dir, "summary.json"))
	os.Symlink(outside, filepath.Join(dir, "schools"))
	d, err := Open(dir, lang.RU)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, "summary.html", "s")
	err = d.Write("schools/a.json", func(w io.Writer) error { _, err := w.Write([]byte("a")); return err })
	if err == nil || !strings.Contains(err.Error(), "за пределы каталога вывода") {
		t.Errorf("writing through the schools link: %v", err)
	}
	write(t, d, "summary.json", "s")
	err = d.Commit(true)
	d.Close()
	if err == nil || !strings.Contains(err.Error(), "summary.json") || !strings.Contains(err.Error(), "не обычный файл") {
		t.Errorf("commit over a link: %v", err)
	}
	if read(t, victim) != "не трогать" {
		t.Error("a file outside the folder was changed")
	}
	if got := names(t, outside); !slices.Equal(got, []string{"важное.txt"}) {
		t.Errorf("outside now holds %v", got)
	}
	if read(t, filepath.Join(dir, "summary.html")) != "s" {
		t.Error("the other files did not land")
	}
}

// TestSpecialFilesAtOwnNames: a FIFO or a link to a device at the lock's
// or the manifest's name neither hangs nor exhausts memory.
func TestSpecialFilesAtOwnNames(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		dir := t.TempDir()
		syscall.Mkfifo(filepath.Join(dir, LockFile), 0o644)
		if _, err := Open(dir, lang.RU); err == nil || !strings.Contains(err.Error(), "не обычный файл") {
			t.Errorf("FIFO lock: %v", err)
		}
		for _, plant := range []func(string) error{
			func(p string) error { return syscall.Mkfifo(p, 0o644) },
			func(p string) error { return os.Symlink("/dev/zero", p) },
		} {
			dir := t.TempDir()
			plant(filepath.Join(dir, ManifestFile))
			d, err := Open(dir, lang.RU)
			if err != nil {
				t.Error(err)
				return
			}
			write(t, d, "summary.json", "1")
			err = d.Commit(true)
			d.Close()
			if err == nil || !strings.Contains(err.Error(), ManifestFile) {
				t.Errorf("special manifest: %v", err)
			}
			if read(t, filepath.Join(dir, "summary.json")) != "1" {
				t.Error("the outputs did not land")
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("hangs on a special file")
	}
}
