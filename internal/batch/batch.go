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

// Options tune Run. T is what Prepare makes of a school on the worker
// that scored it (e.g. its rendered reports).
type Options[T any] struct {
	Workers int // 0: all cores
	Read    answers.Options
	// Prepare, if set, runs on the worker goroutine that scored a school,
	// so that work done for every school runs on all cores.
	Prepare func(*scoring.Result) T
	// Result receives every school with what Prepare made of it, in file
	// order and then row order, from the goroutine that called Run.
	Result func(*scoring.Result, T)
	// FileDone is called once per file in file order, after its
	// schools; err is the reason a file could not be read (possibly after
	// some of its schools).
	FileDone func(path string, err error)
}

// scored is a school as it leaves a worker.
type scored[T any] struct {
	r        *scoring.Result
	prepared T
}

// fileOut is what a worker sends of one file: its schools in batches, then
// the error that stopped the file, if any.
type fileOut[T any] struct {
	schools chan []scored[T]
	err     error // set before schools is closed
}

// batchSize is how many schools travel together to the ordering goroutine.
const batchSize = 256

// Run reads and scores files on all cores: several files at a time, and
// the rows of a large district table in parallel chunks (see
// answers.ReadFileMap). Each school is scored, and prepared, where it is
// read; Result and FileDone get them in order. At most two files per
// worker are in flight, so memory does not grow with the number of files.
func Run[T any](m *model.Model, files []string, opts Options[T]) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.Read.Workers == 0 {
		opts.Read.Workers = workers
	}
	work := func(sub *answers.Submission) scored[T] {
		s := scored[T]{r: scoring.Score(m, sub)}
		if opts.Prepare != nil {
			s.prepared = opts.Prepare(s.r)
		}
		return s
	}
	type job struct {
		path string
		out  *fileOut[T]
	}
	jobs := make(chan job)
	order := make(chan *fileOut[T], 2*workers)
	go func() {
		for _, path := range files {
			out := &fileOut[T]{schools: make(chan []scored[T], 4)}
			order <- out
			jobs <- job{path, out}
		}
		close(jobs)
		close(order)
	}()
	for range workers {
		go func() {
			for j := range jobs {
				var batch []scored[T]
				err := answers.ReadFileMap(j.path, opts.Read, work, func(s scored[T]) error {
					if batch = append(batch, s); len(batch) == batchSize {
						j.out.schools <- batch
						batch = nil
					}
					return nil
				})
				if len(batch) > 0 {
					j.out.schools <- batch
				}
				j.out.err = err
				close(j.out.schools)
			}
		}()
	}
	i := 0
	for out := range order {
		for batch := range out.schools {
			for _, s := range batch {
				if opts.Result != nil {
					opts.Result(s.r, s.prepared)
				}
			}
		}
		if opts.FileDone != nil {
			opts.FileDone(files[i], out.err)
		}
		i++
	}
}
