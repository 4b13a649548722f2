// Package outdir writes a run's outputs into a folder as one set. Every
// file is written to a temporary file beside its place first; Commit moves
// them all into place at the end, so a failure leaves the previous set
// whole. A lock keeps two runs out of one folder, a manifest lets the next
// run remove the files this one wrote and that one does not write again,
// and temporaries left by a killed run are removed.
//
// The folder is untrusted: it may hold the user's own files, links planted
// by an unpacked archive, special files at the program's names, or an
// edited manifest. All work inside it goes through os.Root, so no path
// leaves the folder and no link is followed out of it; temporaries get
// unique names and are created exclusively; the lock and the manifest are
// used only when they are regular files. The manifest records the size
// and SHA-256 of each file written: a file is removed or overwritten only
// if it is unchanged since the program wrote it. A file the user changed
// (or one of the user's own at a name the program writes) is kept — set
// aside under a new name when the program must write there — and
// reported.
package outdir

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/selfdiag/selfdiag/internal/atomicfile"
	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
)

// Names of the program's own files in an output folder.
const (
	LockFile     = ".selfdiag.lock"
	ManifestFile = ".selfdiag-manifest.json"
	tmpMark      = ".selfdiag-tmp-"
)

// maxManifest bounds the manifest read back: a folder of 40,000 schools'
// reports in six formats lists some 20 MB.
const maxManifest = 64 << 20

// ownTemp matches the temporaries of this package and of atomicfile.
var ownTemp = regexp.MustCompile(`^\..+(\.selfdiag-tmp-[0-9a-f]+|\.[0-9]+\.tmp)$`)

// ownExt are the extensions of the files the program writes: only such
// files are ever removed.
var ownExt = []string{".json", ".txt", ".csv", ".html", ".md", ".xlsx", ".docx", ".yaml"}

// Dir is an output folder being written.
type Dir struct {
	path string
	root *os.Root
	// lang is the language of the names given to files set aside.
	lang lang.Lang
	mu   sync.Mutex
	// pending maps each file written, relative to the folder with '/',
	// to its temporary file and what was written.
	pending map[string]pendingFile
	// notes are what the user should know of the files kept.
	notes []lang.Phrase
	// stale are files to remove at Commit unless written again.
	stale []string
	// noManifest: the caller names the set's files itself (Stale).
	noManifest bool
	// manifestAt, when set, is where the manifest is kept instead of the
	// folder (ManifestAt).
	manifestAt string
}

// ManifestAt keeps the manifest at file, outside the folder — in the
// user's cache (CachedManifest) — for a folder the user names for a few
// reports, which should hold only them: a later run still tells the
// program's unchanged files from the user's. A manifest an earlier
// version left in the folder is read and removed. When file cannot be
// written, the run is not failed for it; Notes says that the next run will
// set these files aside instead of replacing them; so does every run when
// file is "" (no cache folder).
func (d *Dir) ManifestAt(file string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.manifestAt, d.noManifest = file, file == ""
}

// CachedManifest is where ManifestAt keeps the manifest of folder dir: a
// file named by a hash of the folder's absolute path in the user's cache;
// "" when there is no cache folder.
func CachedManifest(dir string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, "selfdiag", "manifests", hex.EncodeToString(sum[:12])+".json")
}

// WithoutManifest makes Commit write no manifest (and remove one a
// previous version left): for a folder whose files the caller names
// itself through Stale — a model folder — so that the user's folder holds
// only the model.
func (d *Dir) WithoutManifest() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.noManifest = true
}

// Stale names files of the folder (relative, with '/') that belong to the
// set being written although no manifest lists them — a model folder's
// files, edited by hand or not: Commit replaces those written again and
// removes the others.
func (d *Dir) Stale(rels ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stale = append(d.stale, rels...)
}

type pendingFile struct {
	tmp  string
	size int64
	sum  string
}

// Entry is a file the manifest lists: its size and SHA-256 when written.
type Entry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type manifest struct {
	Note  string  `json:"note"`
	Dir   string  `json:"dir,omitempty"` // the folder, for a manifest kept elsewhere
	Files []Entry `json:"files"`
}

// Open takes the folder (creating it): it fails at once when another run
// holds it. Temporaries left by a killed run are removed. Files the user
// changed are set aside under names in the language l.
func Open(dir string, l lang.Lang) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, lang.Errorf("не удалось создать каталог %s: %s", dir, fserr.Phrase(err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, lang.Errorf("не удалось открыть каталог %s: %s", dir, fserr.Phrase(err))
	}
	lock := filepath.Join(dir, LockFile)
	f, err := root.OpenFile(LockFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		root.Close()
		if st, err := os.Lstat(lock); err == nil && !st.Mode().IsRegular() {
			return nil, lang.Errorf("на месте файла блокировки %s не обычный файл (ссылка, канал или папка): selfdiag его не трогает; удалите его или укажите другой --out", lock)
		}
		holder := readSmall(lock, 512)
		return nil, lang.Errorf("каталог %s занят другим запуском selfdiag (%s; файл блокировки %s): дождитесь его конца или укажите другой --out; если другого запуска нет (он был прерван), удалите файл блокировки",
			dir, strings.TrimSpace(holder), lock)
	}
	if err != nil {
		root.Close()
		return nil, lang.Errorf("не удалось занять каталог %s: %s", dir, fserr.Phrase(err))
	}
	fmt.Fprint(f, l.T("запуск PID %d с %s", os.Getpid(), time.Now().Format("02.01.2006 15:04:05")))
	f.Close()
	d := &Dir{path: dir, root: root, lang: l, pending: map[string]pendingFile{}}
	d.removeOwnTemporaries(".")
	d.removeOwnTemporaries("schools")
	return d, nil
}

// readSmall reads at most n bytes of a regular file, "" otherwise.
func readSmall(name string, n int64) string {
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	b, _ := io.ReadAll(io.LimitReader(f, n))
	return string(b)
}

func (d *Dir) removeOwnTemporaries(dir string) {
	f, err := d.root.Open(dir)
	if err != nil {
		return
	}
	entries, _ := f.ReadDir(-1)
	f.Close()
	for _, e := range entries {
		if e.Type().IsRegular() && ownTemp.MatchString(e.Name()) {
			d.root.Remove(path.Join(dir, e.Name()))
		}
	}
}

// Notes says what happened to files the program found changed: kept,
// set aside, not removed, to be written in the run's language. Call it
// after Commit.
func (d *Dir) Notes() []lang.Phrase {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.notes)
}

// Write writes the file rel (relative, with '/') to a temporary file; it
// takes its place at Commit. Safe from several goroutines.
func (d *Dir) Write(rel string, write func(io.Writer) error) error {
	target := filepath.Join(d.path, filepath.FromSlash(rel))
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return lang.Errorf("не удалось записать %s: путь выходит за каталог", target)
	}
	dir := path.Dir(rel)
	if err := d.root.MkdirAll(dir, 0o755); err != nil {
		return lang.Errorf("не удалось создать каталог %s: %s", filepath.Join(d.path, dir), inside(err))
	}
	tmp := path.Join(dir, "."+path.Base(rel)+tmpMark+randomHex())
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return lang.Errorf("не удалось записать %s: %s", target, inside(err))
	}
	h := sha256.New()
	counter := &countingWriter{w: io.MultiWriter(f, h)}
	err = write(counter)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = lang.Errorf("не удалось записать %s: %s", target, fserr.Phrase(cerr))
	}
	if err != nil {
		d.root.Remove(tmp)
		if _, ok := errors.AsType[*fs.PathError](err); ok { // the disk, not the writer: «no space left on device»
			err = lang.Errorf("не удалось записать %s: %s", target, fserr.Phrase(err))
		}
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if old, ok := d.pending[rel]; ok {
		d.root.Remove(old.tmp)
	}
	d.pending[rel] = pendingFile{tmp: tmp, size: counter.n, sum: hex.EncodeToString(h.Sum(nil))}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func randomHex() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// inside says why a path inside the folder could not be used: os.Root's
// refusal of a link out of the folder is said as such.
func inside(err error) lang.Phrase {
	if strings.Contains(err.Error(), "path escapes from parent") {
		return lang.P("путь ведёт по ссылке за пределы каталога вывода: selfdiag по таким ссылкам не пишет; удалите ссылку")
	}
	return fserr.Phrase(err)
}

// Commit moves every file written into place — those under schools/ and
// other folders first, the summary files last — and records them in the
// manifest. With replace (a batch: the folder holds one set), the files
// the previous run's manifest lists, this run did not write and nobody
// changed since are removed; without it (reports added to a folder), they
// are kept and stay listed.
func (d *Dir) Commit(replace bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	rels := make([]string, 0, len(d.pending))
	for rel := range d.pending {
		rels = append(rels, rel)
	}
	slices.SortFunc(rels, func(a, b string) int {
		if da, db := strings.Contains(a, "/"), strings.Contains(b, "/"); da != db {
			if da {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	previous := d.readManifest()
	// A file that cannot take its place (a folder there, say) is listed;
	// the others are moved all the same.
	var failed []error
	var entries []Entry
	for _, rel := range rels {
		p := d.pending[rel]
		delete(d.pending, rel)
		target := filepath.Join(d.path, filepath.FromSlash(rel))
		if err := d.clear(rel, previous); err != nil {
			d.root.Remove(p.tmp)
			failed = append(failed, lang.Errorf("не удалось записать %s: %s", target, lang.Message(err)))
			continue
		}
		if err := d.root.Rename(p.tmp, rel); err != nil {
			d.root.Remove(p.tmp)
			failed = append(failed, lang.Errorf("не удалось записать %s: %s", target, inside(err)))
			continue
		}
		entries = append(entries, Entry{Path: rel, Size: p.size, SHA256: p.sum})
	}
	written := map[string]bool{}
	for _, e := range entries {
		written[e.Path] = true
	}
	for _, e := range previous {
		if written[e.Path] || !own(e.Path) {
			continue
		}
		switch d.state(e) {
		case stateGone:
		case stateChanged:
			d.notes = append(d.notes, lang.P("%s изменён после того, как его записал selfdiag: файл оставлен как есть и больше не считается файлом программы",
				filepath.Join(d.path, filepath.FromSlash(e.Path))))
		case stateUnchanged:
			if replace {
				d.root.Remove(e.Path)
			} else {
				entries = append(entries, e)
			}
		}
	}
	for _, rel := range d.stale {
		if st, err := d.root.Lstat(rel); !written[rel] && own(rel) && err == nil && st.Mode().IsRegular() {
			d.root.Remove(rel)
		}
	}
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
	if d.noManifest || d.manifestAt != "" {
		if st, err := d.root.Lstat(ManifestFile); err == nil && st.Mode().IsRegular() {
			d.root.Remove(ManifestFile)
		}
	}
	switch {
	case d.noManifest:
	case d.manifestAt != "":
		if err := d.writeManifestAt(entries); err != nil {
			d.notes = append(d.notes, lang.P("не удалось запомнить, какие файлы записаны (%v): при следующем запуске файлы с теми же именами будут сохранены под новыми, а не заменены", err))
		}
	default:
		failed = append(failed, d.writeManifest(entries))
	}
	return joinErrors(failed)
}

// clear makes rel's place free for the program's new file: nothing there,
// or the program's own file unchanged since it wrote it. A file the user
// changed, or one the program did not write, is set aside under a new
// name in the same folder and the user told; anything but a regular file
// is left alone and the write refused.
func (d *Dir) clear(rel string, previous map[string]Entry) error {
	st, err := d.root.Lstat(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return lang.Error{Phrase: inside(err)}
	case !st.Mode().IsRegular():
		return lang.Errorf("на этом месте не обычный файл (папка, ссылка или канал): selfdiag его не трогает; удалите или переименуйте его")
	}
	if e, ok := previous[rel]; ok && d.state(e) == stateUnchanged || slices.Contains(d.stale, rel) {
		return nil // the program's own, or a file of the set the caller replaces
	}
	ext := path.Ext(rel)
	base := strings.TrimSuffix(rel, ext)
	stamp := st.ModTime().Format("2006-01-02 15-04")
	aside := d.lang.T("%s (изменён %s)%s", base, stamp, ext)
	for i := 2; ; i++ {
		if _, err := d.root.Lstat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = d.lang.T("%s (изменён %s, %d)%s", base, stamp, i, ext)
	}
	if err := d.root.Rename(rel, aside); err != nil {
		return lang.Error{Phrase: inside(err)}
	}
	d.notes = append(d.notes, lang.P("%s изменён после того, как его записал selfdiag (или записан не им): прежний файл сохранён как %s",
		filepath.Join(d.path, filepath.FromSlash(rel)), filepath.Join(d.path, filepath.FromSlash(aside))))
	return nil
}

// own says a manifest entry names a file the program writes inside the
// folder: a manifest is a file like any other and may have been edited.
func own(rel string) bool {
	return rel != "" && filepath.IsLocal(filepath.FromSlash(rel)) && !strings.HasPrefix(path.Base(rel), ".") &&
		slices.Contains(ownExt, strings.ToLower(path.Ext(rel)))
}

type fileState int

const (
	stateGone fileState = iota
	stateChanged
	stateUnchanged
)

// state compares a file with what the manifest says the program wrote.
func (d *Dir) state(e Entry) fileState {
	st, err := d.root.Lstat(e.Path)
	if err != nil {
		return stateGone
	}
	if !st.Mode().IsRegular() || st.Size() != e.Size || e.SHA256 == "" {
		return stateChanged
	}
	f, err := d.root.Open(e.Path)
	if err != nil {
		return stateChanged
	}
	defer f.Close()
	if st2, err := f.Stat(); err != nil || !os.SameFile(st, st2) {
		return stateChanged
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil || hex.EncodeToString(h.Sum(nil)) != e.SHA256 {
		return stateChanged
	}
	return stateUnchanged
}

// readManifest reads the previous run's manifest by path: the folder's,
// and the one kept elsewhere (ManifestAt); a missing, special, oversized
// or unreadable one is none.
func (d *Dir) readManifest() map[string]Entry {
	out := map[string]Entry{}
	st, err := d.root.Lstat(ManifestFile)
	if err == nil && st.Mode().IsRegular() && st.Size() <= maxManifest {
		if f, err := d.root.Open(ManifestFile); err == nil {
			if st2, err := f.Stat(); err == nil && os.SameFile(st, st2) {
				d.parseManifest(f, st.ModTime(), out)
			}
			f.Close()
		}
	}
	if d.manifestAt == "" {
		return out
	}
	st, err = os.Lstat(d.manifestAt)
	if err == nil && st.Mode().IsRegular() && st.Size() <= maxManifest {
		if f, err := os.Open(d.manifestAt); err == nil {
			if st2, err := f.Stat(); err == nil && os.SameFile(st, st2) {
				d.parseManifest(f, st.ModTime(), out)
			}
			f.Close()
		}
	}
	return out
}

// parseManifest adds the entries of a manifest to out; written is when it
// was written (for an earlier version's names-only list).
func (d *Dir) parseManifest(r io.Reader, written time.Time, out map[string]Entry) {
	var m struct{ Files []json.RawMessage }
	if json.NewDecoder(io.LimitReader(r, maxManifest)).Decode(&m) != nil {
		return
	}
	for _, raw := range m.Files {
		var e Entry
		if json.Unmarshal(raw, &e) != nil {
			// A manifest of an earlier version lists names only: a file
			// not changed after the manifest was written is taken as
			// the program's, as it wrote it.
			var name string
			if json.Unmarshal(raw, &name) != nil {
				continue
			}
			e = d.legacyEntry(name, written)
		}
		if own(e.Path) {
			out[e.Path] = e
		}
	}
}

// legacyEntry makes an entry of a name listed by an earlier manifest:
// with the file's size and hash when it is no newer than the manifest.
func (d *Dir) legacyEntry(name string, written time.Time) Entry {
	e := Entry{Path: name}
	if !own(name) {
		return e
	}
	st, err := d.root.Lstat(name)
	if err != nil || !st.Mode().IsRegular() || st.ModTime().After(written) {
		return e
	}
	data, err := d.root.ReadFile(name)
	if err != nil || int64(len(data)) != st.Size() {
		return e
	}
	sum := sha256.Sum256(data)
	e.Size, e.SHA256 = st.Size(), hex.EncodeToString(sum[:])
	return e
}

// manifestData is the manifest listing entries, its note in the language l.
func manifestData(entries []Entry, dir string, l lang.Lang) ([]byte, error) {
	if entries == nil {
		entries = []Entry{}
	}
	m := manifest{
		Note:  l.T("Файлы, записанные последним запуском selfdiag в этот каталог, с размером и SHA-256: следующий запуск удалит те из них, которые не запишет заново, если их никто не менял. Другие файлы каталога программа не трогает."),
		Files: entries}
	if dir != "" {
		m.Dir = dir
	}
	return json.MarshalIndent(m, "", "  ")
}

// writeManifestAt writes the manifest at d.manifestAt, its folder made if
// need be.
func (d *Dir) writeManifestAt(entries []Entry) error {
	data, err := manifestData(entries, d.path, d.lang)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(d.manifestAt), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(d.manifestAt, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}

func (d *Dir) writeManifest(entries []Entry) error {
	data, err := manifestData(entries, "", d.lang)
	if err != nil {
		return err
	}
	target := filepath.Join(d.path, ManifestFile)
	if st, err := d.root.Lstat(ManifestFile); err == nil && !st.Mode().IsRegular() {
		return lang.Errorf("не удалось записать %s: на этом месте не обычный файл (ссылка, канал или папка); удалите его", target)
	}
	tmp := "." + ManifestFile + tmpMark + randomHex()
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return lang.Errorf("не удалось записать %s: %s", target, inside(err))
	}
	_, err = f.Write(append(data, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = d.root.Rename(tmp, ManifestFile)
	}
	if err != nil {
		d.root.Remove(tmp)
		return lang.Errorf("не удалось записать %s: %s", target, inside(err))
	}
	return nil
}

// Close removes the temporaries of files not committed and releases the
// folder.
func (d *Dir) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, p := range d.pending {
		d.root.Remove(p.tmp)
	}
	d.pending = map[string]pendingFile{}
	if st, err := d.root.Lstat(LockFile); err == nil && st.Mode().IsRegular() {
		d.root.Remove(LockFile)
	}
	d.root.Close()
}

// joinErrors is the errors a line each, as one error to write in a
// language; nil when there are none.
func joinErrors(errs []error) error {
	lines := lang.Lines(errs)
	if len(lines.Items) == 0 {
		return nil
	}
	return lang.Errorf("%s", lines)
}
