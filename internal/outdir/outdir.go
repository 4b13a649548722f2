// Package outdir writes a run's outputs into a folder as one set. Every
// file is written to a temporary file beside its place first; Commit moves
// them all into place at the end, so a failure leaves the previous set
// whole. A lock keeps two runs out of one folder, a manifest lets the next
// run remove the files this one wrote and that one does not write again,
// and temporaries left by a killed run are removed. Files the program did
// not write are never touched: users point --out at folders that hold
// other things.
package outdir

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/selfdiag/selfdiag/internal/fserr"
)

// Names of the program's own files in an output folder.
const (
	LockFile     = ".selfdiag.lock"
	ManifestFile = ".selfdiag-manifest.json"
	tmpMark      = ".selfdiag-tmp-"
)

// ownTemp matches the temporaries of this package and of atomicfile.
var ownTemp = regexp.MustCompile(`^\..+(\.selfdiag-tmp-[0-9a-f]+|\.[0-9]+\.tmp)$`)

// Dir is an output folder being written.
type Dir struct {
	path string
	mu   sync.Mutex
	// pending maps each file written, relative to the folder with '/',
	// to its temporary file.
	pending map[string]string
}

// Open takes the folder (creating it): it fails at once when another run
// holds it. Temporaries left by a killed run are removed.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("не удалось создать каталог %s: %s", path, fserr.Text(err))
	}
	lock := filepath.Join(path, LockFile)
	f, err := os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		holder, _ := os.ReadFile(lock)
		return nil, fmt.Errorf("каталог %s занят другим запуском selfdiag (%s; файл блокировки %s): дождитесь его конца или укажите другой --out; если другого запуска нет (он был прерван), удалите файл блокировки",
			path, strings.TrimSpace(string(holder)), lock)
	}
	if err != nil {
		return nil, fmt.Errorf("не удалось занять каталог %s: %s", path, fserr.Text(err))
	}
	fmt.Fprintf(f, "запуск PID %d с %s", os.Getpid(), time.Now().Format("02.01.2006 15:04:05"))
	f.Close()
	d := &Dir{path: path, pending: map[string]string{}}
	d.removeOwnTemporaries(path)
	d.removeOwnTemporaries(filepath.Join(path, "schools"))
	return d, nil
}

func (d *Dir) removeOwnTemporaries(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() && ownTemp.MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Write writes the file rel (relative, with '/') to a temporary file; it
// takes its place at Commit. Safe from several goroutines.
func (d *Dir) Write(rel string, write func(io.Writer) error) error {
	target := filepath.Join(d.path, filepath.FromSlash(rel))
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("не удалось создать каталог %s: %s", dir, fserr.Text(err))
	}
	suffix := make([]byte, 6)
	rand.Read(suffix)
	tmp := filepath.Join(dir, "."+filepath.Base(target)+tmpMark+hex.EncodeToString(suffix))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("не удалось записать %s: %s", target, fserr.Text(err))
	}
	err = write(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("не удалось записать %s: %s", target, fserr.Text(cerr))
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if old, ok := d.pending[rel]; ok {
		os.Remove(old)
	}
	d.pending[rel] = tmp
	return nil
}

// Commit moves every file written into place — those under schools/ and
// other folders first, the summary files last — and records them in the
// manifest. With replace (a batch: the folder holds one set), the files
// the previous run's manifest lists and this run did not write are
// removed; without it (reports added to a folder), they are kept and stay
// listed.
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
	// A file that cannot take its place (a folder there, say) is listed;
	// the others are moved all the same.
	var failed []error
	moved := rels[:0:0]
	for _, rel := range rels {
		target := filepath.Join(d.path, filepath.FromSlash(rel))
		if err := os.Rename(d.pending[rel], target); err != nil {
			os.Remove(d.pending[rel])
			failed = append(failed, fmt.Errorf("не удалось записать %s: %s", target, fserr.Text(err)))
		} else {
			moved = append(moved, rel)
		}
		delete(d.pending, rel)
	}
	rels = moved
	previous := readManifest(filepath.Join(d.path, ManifestFile))
	written := map[string]bool{}
	for _, rel := range rels {
		written[rel] = true
	}
	for _, rel := range previous {
		if written[rel] || !local(rel) {
			continue
		}
		p := filepath.Join(d.path, filepath.FromSlash(rel))
		st, err := os.Lstat(p)
		switch {
		case err != nil || !st.Mode().IsRegular():
		case replace:
			os.Remove(p)
		default:
			rels = append(rels, rel)
		}
	}
	slices.Sort(rels)
	return errors.Join(append(failed, d.writeManifest(rels))...)
}

// local says a manifest entry names a file inside the folder: a manifest
// is a file like any other and may have been edited.
func local(rel string) bool {
	return rel != "" && filepath.IsLocal(filepath.FromSlash(rel)) && !strings.HasPrefix(filepath.Base(rel), ".")
}

type manifest struct {
	Note  string   `json:"note"`
	Files []string `json:"files"`
}

func readManifest(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil || len(data) > 16<<20 {
		return nil
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	return m.Files
}

func (d *Dir) writeManifest(rels []string) error {
	data, err := json.MarshalIndent(manifest{
		Note:  "Файлы, записанные последним запуском selfdiag в этот каталог: следующий запуск удалит те из них, которые не запишет заново. Другие файлы каталога программа не трогает.",
		Files: rels}, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(d.path, ManifestFile)
	tmp := path + tmpMark + "m"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("не удалось записать %s: %s", path, fserr.Text(err))
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("не удалось записать %s: %s", path, fserr.Text(err))
	}
	return nil
}

// Close removes the temporaries of files not committed and releases the
// folder.
func (d *Dir) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, tmp := range d.pending {
		os.Remove(tmp)
	}
	os.Remove(filepath.Join(d.path, LockFile))
}
