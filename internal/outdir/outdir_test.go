package outdir

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, d *Dir, rel, text string) {
	t.Helper()
	if err := d.Write(rel, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return "<нет>"
	}
	return string(b)
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// TestSetReplaced: a run's files appear only at Commit; the next run
// removes what the previous one wrote and it does not, and nothing else.
func TestSetReplaced(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "заметки.docx"), []byte("чужой файл"), 0o644)
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, "summary.json", "1")
	write(t, d, "schools/a.json", "a1")
	write(t, d, "schools/b.json", "b1")
	if got := read(t, filepath.Join(dir, "summary.json")); got != "<нет>" {
		t.Fatalf("summary.json before Commit: %q", got)
	}
	if err := d.Commit(true); err != nil {
		t.Fatal(err)
	}
	d.Close()
	os.WriteFile(filepath.Join(dir, "schools", "мой.txt"), []byte("тоже чужой"), 0o644)

	d, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, "summary.json", "2")
	write(t, d, "schools/a.json", "a2")
	if err := d.Commit(true); err != nil {
		t.Fatal(err)
	}
	d.Close()
	want := []string{ManifestFile, "schools/a.json", "schools/мой.txt", "summary.json", "заметки.docx"}
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if read(t, filepath.Join(dir, "schools", "a.json")) != "a2" || read(t, filepath.Join(dir, "summary.json")) != "2" {
		t.Error("the new set did not replace the old one")
	}
}

// TestFailureKeepsOldSet: a run that fails before Commit leaves the
// previous set whole and no temporary behind.
func TestFailureKeepsOldSet(t *testing.T) {
	dir := t.TempDir()
	d, _ := Open(dir)
	write(t, d, "summary.json", "old")
	write(t, d, "summary.html", "old")
	d.Commit(true)
	d.Close()

	d, _ = Open(dir)
	write(t, d, "summary.json", "new")
	err := d.Write("summary.html", func(w io.Writer) error { return errors.New("на диске нет места") })
	if err == nil {
		t.Fatal("a failing write reported no error")
	}
	d.Close() // the run gives up
	if read(t, filepath.Join(dir, "summary.json")) != "old" || read(t, filepath.Join(dir, "summary.html")) != "old" {
		t.Error("the old set changed")
	}
	if got := names(t, dir); !slices.Equal(got, []string{ManifestFile, "summary.html", "summary.json"}) {
		t.Errorf("files %v", got)
	}
}

// TestLock: a second run into the folder fails at once, naming the lock;
// once the first ends, the folder is free.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "занят другим запуском") || !strings.Contains(err.Error(), LockFile) {
		t.Errorf("second run: %v", err)
	}
	d.Close()
	d, err = Open(dir)
	if err != nil {
		t.Fatalf("after the first run: %v", err)
	}
	d.Close()
}

// TestLeftovers: temporaries a killed run left are removed; files that
// only look similar are not; a manifest naming files outside is ignored.
func TestLeftovers(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "важное.txt")
	os.WriteFile(outside, []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(dir, "schools"), 0o755)
	for _, n := range []string{".summary.json.selfdiag-tmp-0a1b2c", "schools/.a.html.selfdiag-tmp-ff", ".summary.json.123456.tmp", "черновик.tmp", ".config"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	rel, _ := filepath.Rel(dir, outside)
	os.WriteFile(filepath.Join(dir, ManifestFile), []byte(`{"files": ["`+filepath.ToSlash(rel)+`", "/etc/hostname", "черновик.tmp/../../x"]}`), 0o644)
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, "summary.json", "1")
	if err := d.Commit(true); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if got, want := names(t, dir), []string{".config", ManifestFile, "summary.json", "черновик.tmp"}; !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if read(t, outside) != "x" {
		t.Error("a file outside the folder was removed")
	}
}

// TestCommitGoesOn: a file that cannot take its place is reported and the
// others still land.
func TestCommitGoesOn(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "schools", "b.json"), 0o755) // a folder where a file goes
	d, _ := Open(dir)
	defer d.Close()
	write(t, d, "schools/a.json", "a")
	write(t, d, "schools/b.json", "b")
	write(t, d, "summary.json", "s")
	err := d.Commit(true)
	if err == nil || !strings.Contains(err.Error(), "b.json") {
		t.Errorf("commit: %v", err)
	}
	if read(t, filepath.Join(dir, "schools", "a.json")) != "a" || read(t, filepath.Join(dir, "summary.json")) != "s" {
		t.Error("the other files did not land")
	}
}
