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
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
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
	// Summary, if set, counts every school, in file order and then row
	// order. Its entry is made where the school is scored.
	Summary *summary.Aggregator
	// Result, if set, receives every school in the same order, after
	// Summary; counted is false for a school Summary took for a duplicate
	// (always true without Summary). The result is reused once Result
	// returns (see scoring.ScoreInto): keep nothing of it but strings and
	// what you copy.
	Result func(r *scoring.Result, counted bool)
	// FileDone is called once per file in file order; err is the reason a
	// file could not be read (possibly after some of its schools).
	FileDone func(path string, err error)
}

// scored is a school as it leaves a worker.
type scored struct {
	res   *scoring.Result // nil without Options.Result
	entry *summary.Entry  // nil without Options.Summary
}

// batchSize is how many schools travel together to the ordering
// goroutine.
const batchSize = 256

// item is a batch of a file's schools, seq being the first one's
// position, or the file's end (done) with the number of its schools.
type item struct {
	file, seq int
	schools   []scored
	done      bool
	err       error
}

// Run reads and scores files on all cores: several files at a time, and
// the rows of a large district table in parallel chunks (see
// answers.ReadFileMap). Each school is scored, and its summary entry
// made, where it is read. The summary and the callbacks get the schools
// in order, from the calling goroutine.
func Run(m *model.Model, files []string, opts Options) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.Read.Workers == 0 {
		opts.Read.Workers = workers
	}
	// Results go round instead of being made anew for every school: a
	// national table has tens of thousands. Without Options.Result a
	// result goes back as soon as its entry is made, on the same core.
	// Each goroutine scores with a scorer of its own (see scoring.Scorer)
	// and makes summary entries with its own summary.Entries.
	type tools struct {
		scorer  *scoring.Scorer
		entries *summary.Entries
	}
	var results, toolsets sync.Pool
	work := func(sub *answers.Submission) scored {
		r, _ := results.Get().(*scoring.Result)
		ts, _ := toolsets.Get().(*tools)
		if ts == nil {
			ts = &tools{scoring.NewScorer(m), summary.NewEntries(m)}
			// Without Options.Result only the summary sees the result,
			// and it needs the number of deficits, not their list.
			ts.scorer.SkipDeficits = opts.Result == nil
		}
		defer toolsets.Put(ts)
		r = ts.scorer.Score(r, sub)
		s := scored{res: r}
		if opts.Summary != nil {
			s.entry = ts.entries.New(r)
		}
		if opts.Result == nil {
			results.Put(r)
			s.res = nil
		}
		return s
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
				var batch []scored
				send := func() {
					if len(batch) > 0 {
						items <- item{file: fi, seq: n - len(batch), schools: batch}
						batch = nil
					}
				}
				err := answers.ReadFileMap(files[fi], opts.Read, work, func(s scored) error {
					batch = append(batch, s)
					n++
					if len(batch) == batchSize {
						send()
					}
					return nil
				})
				send()
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
	pending := map[key][]scored{}
	ends := map[int]item{}
	next, nextSeq := 0, 0
	flush := func() {
		for next < len(files) {
			if batch, ok := pending[key{next, nextSeq}]; ok {
				delete(pending, key{next, nextSeq})
				for _, s := range batch {
					counted := true
					if opts.Summary != nil {
						counted = opts.Summary.AddEntry(s.entry)
					}
					if s.res != nil {
						opts.Result(s.res, counted)
						results.Put(s.res)
					}
				}
				nextSeq += len(batch)
				continue
			}
			end, ok := ends[next]
			if !ok || nextSeq < end.seq {
				return
			}
			delete(ends, next)
			if opts.FileDone != nil {
				opts.FileDone(files[next], end.err)
			}
			next, nextSeq = next+1, 0
		}
	}
	for it := range items {
		if it.done {
			ends[it.file] = it
		} else {
			pending[key{it.file, it.seq}] = it.schools
		}
		flush()
	}
	flush()
}

// GCPercent is the collector's target Run is tuned for: a batch makes a
// lot of short-lived garbage (rows of text, scores) and keeps little (the
// summary), so collecting at every doubling of a small live heap is
// mostly wasted work. At 400 a national table runs about a fifth faster
// for some 100 MB more at peak.
const GCPercent = 400

// TuneGC sets the collector for a batch run unless the user set GOGC, and
// returns the function that restores it. It changes a process-wide
// setting: commands call it, library code does not.
func TuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(GCPercent)
	return func() { debug.SetGCPercent(old) }
}
