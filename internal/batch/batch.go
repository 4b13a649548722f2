// Package batch runs a district folder through the readers and the scoring
// core on all cores, and hands the results back in a deterministic order
// (by file path, then by row) whatever the scheduling.
package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// Skipped is a path that was not read, with the reason in Russian.
type Skipped struct {
	Path, Reason string
}

// Collect expands paths into the answer files to read, sorted by path.
// Folders are walked recursively; hidden files and folders and Office lock
// files (~$…) are passed over silently; other files that are not .xlsx or
// .csv are returned as skipped with an explanation. A file named explicitly
// is always taken if its type is supported.
func Collect(paths []string) (files []string, skipped []Skipped) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			skipped = append(skipped, Skipped{root, "не найден: " + notFound(err)})
			continue
		}
		if !st.IsDir() {
			if reason := unsupported(root); reason != "" {
				skipped = append(skipped, Skipped{root, reason})
			} else {
				add(root)
			}
			continue
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				skipped = append(skipped, Skipped{p, "не удалось прочитать: " + notFound(err)})
				return nil
			}
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if reason := unsupported(p); reason != "" {
				skipped = append(skipped, Skipped{p, reason})
				return nil
			}
			add(p)
			return nil
		})
	}
	slices.Sort(files)
	slices.SortFunc(skipped, func(a, b Skipped) int { return strings.Compare(a.Path, b.Path) })
	return files, skipped
}

func notFound(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "нет такого файла или каталога"
	}
	if errors.Is(err, fs.ErrPermission) {
		return "нет прав на чтение"
	}
	return err.Error()
}

func unsupported(p string) string {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".xlsx", ".xlsm", ".csv":
		return ""
	case ".xls":
		return "файл старого формата Excel (.xls) не поддерживается: откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»"
	case ".ods":
		return "файл OpenDocument (.ods) не поддерживается: сохраните его как «Книга Excel (.xlsx)» или CSV"
	}
	return fmt.Sprintf("не файл ответов (%s): нужны .xlsx или .csv", filepath.Ext(p))
}

// Options tune Run.
type Options struct {
	Workers int // 0: all cores
	Read    answers.Options
	// Result receives every school, in file order and then row order. The
	// result is reused once Result returns (see scoring.ScoreInto): keep
	// nothing of it but strings and what you copy.
	Result func(*scoring.Result)
	// FileDone is called once per file in file order; err is the reason a
	// file could not be read (possibly after some of its schools).
	FileDone func(path string, err error)
}

type item struct {
	file, seq int
	res       *scoring.Result
	done      bool // end-of-file marker: seq holds the number of schools
	err       error
}

// Run reads and scores files on all cores: several files at a time, and
// the rows of a large district table in parallel chunks (see
// answers.ReadFileMap). Each school is scored where it is read. The
// callbacks are called from the calling goroutine, in order.
func Run(m *model.Model, files []string, opts Options) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.Read.Workers == 0 {
		opts.Read.Workers = workers
	}
	// Results go round instead of being made anew for every school: a
	// national table has tens of thousands.
	var results sync.Pool
	score := func(sub *answers.Submission) *scoring.Result {
		r, _ := results.Get().(*scoring.Result)
		return scoring.ScoreInto(r, m, sub)
	}
	fileIdx := make(chan int)
	items := make(chan item, 4*workers)
	var readers sync.WaitGroup
	for range workers {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for fi := range fileIdx {
				n := 0
				err := answers.ReadFileMap(files[fi], opts.Read, score, func(r *scoring.Result) error {
					items <- item{file: fi, seq: n, res: r}
					n++
					return nil
				})
				items <- item{file: fi, seq: n, done: true, err: err}
			}
		}()
	}
	go func() {
		for i := range files {
			fileIdx <- i
		}
		close(fileIdx)
		readers.Wait()
		close(items)
	}()

	// Reorder: emit (file, seq) in order; a file is finished when its
	// end marker has come and all its schools were emitted.
	type key struct{ file, seq int }
	pending := map[key]*scoring.Result{}
	counts := map[int]item{}
	next, nextSeq := 0, 0
	flush := func() {
		for next < len(files) {
			if r, ok := pending[key{next, nextSeq}]; ok {
				delete(pending, key{next, nextSeq})
				if opts.Result != nil {
					opts.Result(r)
				}
				results.Put(r)
				nextSeq++
				continue
			}
			end, ok := counts[next]
			if !ok || nextSeq < end.seq {
				return
			}
			delete(counts, next)
			if opts.FileDone != nil {
				opts.FileDone(files[next], end.err)
			}
			next, nextSeq = next+1, 0
		}
	}
	for it := range items {
		if it.done {
			counts[it.file] = it
		} else {
			pending[key{it.file, it.seq}] = it.res
		}
		flush()
	}
	flush()
}
