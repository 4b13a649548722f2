// Package batch runs a district folder through the readers and the scoring
// core on all cores, and hands the results back in a deterministic order
// (by file path, then by row) whatever the scheduling.
package batch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// Skipped is a path that was not read, with the reason in Russian.
// Output is set for a folder of the program's own outputs: passed over on
// purpose, it is no failure.
type Skipped struct {
	Path string
	// Reason is written in the model's language once it is known.
	Reason lang.Phrase
	Output bool
	// NotAnswers: a file of a kind that holds no answer table (.pdf,
	// .docx, .txt …), listed without failing the run.
	NotAnswers bool
}

// outputFolder is the reason a folder of selfdiag's outputs is passed over.
const outputFolder = "папка результатов selfdiag (в ней %s): её файлы — выводы программы, а не ответы школ; пропущена"

// Collect expands paths into the answer files to read, sorted by path.
// Folders are walked recursively, following links to folders (a folder
// met twice, as through a link back up the tree, is walked once); hidden
// files and folders and Office lock files (~$…) are passed over silently;
// anything else that is not a regular .xlsx or .csv file is returned as
// skipped with an explanation. A path that does not exist is in missing.
func Collect(paths []string) (files []string, skipped []Skipped, missing []string) {
	seen := map[string]bool{}
	var walked []os.FileInfo // folders walked, to walk each once
	var walk func(dir string, info os.FileInfo)
	visit := func(p string, explicit bool) {
		info, err := os.Stat(p) // follows links
		switch {
		case err != nil && explicit && errors.Is(err, fs.ErrNotExist):
			missing = append(missing, p)
		case err != nil:
			skipped = append(skipped, Skipped{Path: p, Reason: lang.P("не удалось прочитать: %s", fserr.Phrase(err))})
		case info.IsDir():
			walk(p, info)
		case !info.Mode().IsRegular():
			skipped = append(skipped, Skipped{Path: p, Reason: lang.P("не обычный файл (канал, устройство или сокет): пропущен")})
		default:
			if reason, table := unsupported(p); reason.Format != "" {
				skipped = append(skipped, Skipped{Path: p, Reason: reason, NotAnswers: !table})
			} else if !seen[p] {
				seen[p] = true
				files = append(files, p)
			}
		}
	}
	walk = func(dir string, info os.FileInfo) {
		for _, w := range walked {
			if os.SameFile(w, info) {
				return // met before, through a link: once is enough
			}
		}
		walked = append(walked, info)
		// The program's own outputs (a batch --out inside the answers
		// folder, a previous run stored there) are not answers: their
		// xlsx reports would be counted as schools.
		if _, err := os.Lstat(filepath.Join(dir, outdir.ManifestFile)); err == nil {
			skipped = append(skipped, Skipped{Path: dir, Reason: lang.P(outputFolder, outdir.ManifestFile), Output: true})
			return
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			skipped = append(skipped, Skipped{Path: dir, Reason: lang.P("не удалось прочитать папку: %s", fserr.Phrase(err))})
			return
		}
		for _, e := range entries {
			if name := e.Name(); !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "~$") {
				visit(filepath.Join(dir, name), false)
			}
		}
	}
	for _, p := range paths {
		visit(p, true)
	}
	slices.Sort(files)
	slices.SortFunc(skipped, func(a, b Skipped) int { return strings.Compare(a.Path, b.Path) })
	return files, skipped, missing
}

// unsupported says why a file is not read ("" when it is), and whether it
// is a table at all: an old or OpenDocument workbook may hold a school's
// answers and must be resaved; a letter or an order holds none.
func unsupported(p string) (reason lang.Phrase, table bool) {
	switch ext := strings.ToLower(filepath.Ext(p)); ext {
	case ".xlsx", ".xlsm", ".csv":
		return lang.Phrase{}, true
	case ".xls":
		return lang.P("файл старого формата Excel (.xls) не поддерживается: откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»"), true
	case ".ods":
		return lang.P("файл OpenDocument (.ods) не поддерживается: сохраните его как «Книга Excel (.xlsx)» или CSV"), true
	case "":
		return lang.P("не файл ответов (без расширения) — пропущен; ответы принимаются в .xlsx или .csv"), false
	default:
		return lang.P("не файл ответов (%s) — пропущен; ответы принимаются в .xlsx или .csv", ext), false
	}
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
	work := func(sub *submission.Submission) scored[T] {
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
				j.out.err = readOne(j.path, opts.Read, work, j.out.schools)
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

// readOne reads and scores one file, sending its schools in batches. A
// defect of the program met in this file (a panic) makes the file
// unread, with the stack kept, and the run goes on.
func readOne[T any](path string, read answers.Options, work func(*submission.Submission) scored[T], schools chan<- []scored[T]) (err error) {
	defer recovered(&err)
	var batch []scored[T]
	err = answers.ReadFileMap(path, read, work, func(s scored[T]) error {
		if batch = append(batch, s); len(batch) == batchSize {
			schools <- batch
			batch = nil
		}
		return nil
	})
	if len(batch) > 0 {
		schools <- batch
	}
	return err
}
