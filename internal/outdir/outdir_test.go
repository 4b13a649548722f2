package outdir

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
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
	d, err := Open(dir, lang.RU)
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

	d, err = Open(dir, lang.RU)
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
	d, _ := Open(dir, lang.RU)
	write(t, d, "summary.json", "old")
	write(t, d, "summary.html", "old")
	d.Commit(true)
	d.Close()

	d, _ = Open(dir, lang.RU)
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
	d, err := Open(dir, lang.RU)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, lang.RU); err == nil || !strings.Contains(err.Error(), "занят другим запуском") || !strings.Contains(err.Error(), LockFile) {
		t.Errorf("second run: %v", err)
	}
	d.Close()
	d, err = Open(dir, lang.RU)
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
	d, err := Open(dir, lang.RU)
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
	d, _ := Open(dir, lang.RU)
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

// TestChangedFilesKept: a file the user changed after the program wrote
// it is neither overwritten nor removed — set aside or kept, and said; a
// manifest edited or copied from elsewhere removes nothing of the user's.
func TestChangedFilesKept(t *testing.T) {
	dir := t.TempDir()
	d, _ := Open(dir, lang.RU)
	write(t, d, "summary.json", "1")
	write(t, d, "schools/a.docx", "отчёт a")
	write(t, d, "schools/b.docx", "отчёт b")
	write(t, d, "schools/c.docx", "отчёт c")
	if err := d.Commit(true); err != nil {
		t.Fatal(err)
	}
	d.Close()
	// The school fills in the measures table of a and b.
	os.WriteFile(filepath.Join(dir, "schools", "a.docx"), []byte("отчёт a с планом мероприятий"), 0o644)
	os.WriteFile(filepath.Join(dir, "schools", "b.docx"), []byte("отчёт b с планом мероприятий"), 0o644)

	d, _ = Open(dir, lang.RU)
	write(t, d, "summary.json", "2")
	write(t, d, "schools/a.docx", "новый отчёт a")
	if err := d.Commit(true); err != nil {
		t.Fatal(err)
	}
	notes := d.Notes()
	d.Close()
	got := names(t, dir)
	var aside string
	for _, n := range got {
		if strings.HasPrefix(n, "schools/a (изменён ") {
			aside = n
		}
	}
	if aside == "" || read(t, filepath.Join(dir, aside)) != "отчёт a с планом мероприятий" || read(t, filepath.Join(dir, "schools", "a.docx")) != "новый отчёт a" {
		t.Errorf("a: files %v", got)
	}
	if read(t, filepath.Join(dir, "schools", "b.docx")) != "отчёт b с планом мероприятий" {
		t.Error("b, changed by the user, was removed")
	}
	if slices.Contains(got, "schools/c.docx") {
		t.Error("c, unchanged and not written again, was kept")
	}
	if len(notes) != 2 || !strings.Contains(notes[0].String()+notes[1].String(), "сохранён как") || !strings.Contains(notes[0].String()+notes[1].String(), "оставлен как есть") {
		t.Errorf("notes %q", notes)
	}

	// A manifest copied from elsewhere names the user's files: their
	// contents do not match, so nothing is removed.
	mine := t.TempDir()
	os.WriteFile(filepath.Join(mine, "summary.html"), []byte("моя страница"), 0o644)
	data, _ := os.ReadFile(filepath.Join(dir, ManifestFile))
	os.WriteFile(filepath.Join(mine, ManifestFile), []byte(strings.ReplaceAll(string(data), "schools/a.docx", "summary.html")), 0o644)
	d, _ = Open(mine, lang.RU)
	write(t, d, "summary.json", "3")
	d.Commit(true)
	d.Close()
	if read(t, filepath.Join(mine, "summary.html")) != "моя страница" {
		t.Error("a copied manifest removed the user's file")
	}
}

// TestLegacyManifest: a manifest of an earlier version lists names only;
// a file no newer than it is taken as the program's, a newer one is kept.
func TestLegacyManifest(t *testing.T) {
	dir := t.TempDir()
	past := time.Now().Add(-time.Hour)
	for _, n := range []string{"summary.html", "summary.md"} {
		p := filepath.Join(dir, n)
		os.WriteFile(p, []byte(n), 0o644)
		os.Chtimes(p, past, past)
	}
	m := filepath.Join(dir, ManifestFile)
	os.WriteFile(m, []byte(`{"files": ["summary.html", "summary.md"]}`), 0o644)
	os.Chtimes(m, past.Add(time.Minute), past.Add(time.Minute))
	os.WriteFile(filepath.Join(dir, "summary.md"), []byte("правка"), 0o644) // edited since
	d, _ := Open(dir, lang.RU)
	write(t, d, "summary.json", "1")
	if err := d.Commit(true); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if got := names(t, dir); !slices.Equal(got, []string{ManifestFile, "summary.json", "summary.md"}) {
		t.Errorf("files %v", got)
	}
}

// TestDiskFullInRussian: the disk's error reaches the user in Russian,
// with the file's name.
func TestDiskFullInRussian(t *testing.T) {
	d, _ := Open(t.TempDir(), lang.RU)
	defer d.Close()
	err := d.Write("summary.json", func(io.Writer) error {
		return &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	})
	if err == nil || !strings.Contains(err.Error(), "summary.json: на диске нет места") {
		t.Errorf("err = %v", err)
	}
}

// A model folder: the caller names the set's files (Stale) and no
// manifest is left in the user's folder — one a previous version wrote is
// removed.
func TestWithoutManifest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ManifestFile), []byte(`{"files":[]}`), 0o644)
	os.WriteFile(filepath.Join(dir, "old.yaml"), []byte("id: old\n"), 0o644)
	d, err := Open(dir, lang.RU)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, "model.yaml", "id: m\n")
	d.Stale("model.yaml", "old.yaml")
	d.WithoutManifest()
	if err := d.Commit(false); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if got := strings.Join(names(t, dir), ","); got != "model.yaml" {
		t.Errorf("folder holds %s, want the model alone", got)
	}
}

// A manifest kept elsewhere: the folder holds only the reports, and the
// next run still replaces the program's unchanged files and sets aside the
// one the user changed. An earlier in-folder manifest is read, then
// removed; an unwritable place is a note, not a failure.
func TestManifestAt(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	manifest := filepath.Join(cache, "m", "reports.json")
	run := func(at string, files ...string) []lang.Phrase {
		t.Helper()
		d, err := Open(dir, lang.RU)
		if err != nil {
			t.Fatal(err)
		}
		d.ManifestAt(at)
		for _, f := range files {
			write(t, d, f, "report of "+f)
		}
		if err := d.Commit(false); err != nil {
			t.Fatal(err)
		}
		d.Close()
		return d.Notes()
	}
	run(manifest, "a.html", "b.html")
	if got := strings.Join(names(t, dir), ","); got != "a.html,b.html" {
		t.Errorf("folder holds %s, want the reports alone", got)
	}
	if _, err := os.Stat(manifest); err != nil {
		t.Fatalf("no manifest kept elsewhere: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "b.html"), []byte("edited by hand"), 0o644)
	notes := run(manifest, "a.html", "b.html")
	got := names(t, dir)
	if len(got) != 3 || got[0] != "a.html" || !strings.HasPrefix(got[1], "b (изменён ") || got[2] != "b.html" {
		t.Errorf("after a rerun the folder holds %v, want a.html, b.html and the edited b set aside", got)
	}
	if len(notes) != 1 || !strings.Contains(notes[0].String(), "b.html") {
		t.Errorf("notes %q, want one of the edited b.html", notes)
	}

	// An in-folder manifest of an earlier version is honoured and removed.
	legacy := t.TempDir()
	dir = legacy
	d, _ := Open(dir, lang.RU)
	write(t, d, "c.html", "c")
	d.Commit(false)
	d.Close()
	run(filepath.Join(cache, "legacy.json"), "c.html")
	if got := strings.Join(names(t, dir), ","); got != "c.html" {
		t.Errorf("folder holds %s, want c.html alone (replaced, the old manifest gone)", got)
	}

	// A cache that cannot be written: the reports are written all the same.
	blocked := filepath.Join(cache, "file")
	os.WriteFile(blocked, nil, 0o644)
	dir = t.TempDir()
	notes = run(filepath.Join(blocked, "x.json"), "d.html")
	if got := strings.Join(names(t, dir), ","); got != "d.html" || len(notes) != 1 || !strings.Contains(notes[0].String(), "не удалось запомнить") {
		t.Errorf("with an unwritable cache: folder %s, notes %q", got, notes)
	}
}
