package web

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/batch"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// A run's folder under the data folder is what `batch --out … --per-school`
// writes, plus the answers as uploaded (answers/) and the model when one
// was uploaded (model/): the command line reads it as a previous run
// (`selfdiag compare DATA/run-A DATA/run-B`).
const (
	answersDir = "answers"
	modelDir   = "model"
	errorFile  = "ошибка.txt"      // why a run failed, when it did
	linksFile  = ".web-links.json" // the schools' HTML reports, in the summary's order
	runPrefix  = "run-"
)

// runID matches the ids the server gives: only such folders are runs, and
// an id from a request is never anything else.
var runID = regexp.MustCompile(`^run-\d{8}-\d{6}-[0-9a-f]{6}$`)

// job is a run being scored.
type job struct {
	done, total atomic.Int64
	finished    chan struct{}
}

// store keeps the runs in the data folder; one run is scored at a time
// (each takes every core).
type store struct {
	dir   string
	load  func(string) (*model.Model, error)
	mu    sync.Mutex
	jobs  map[string]*job
	queue sync.Mutex
	now   func() time.Time
	lang  lang.Lang // what is said of a run
}

func newID(now time.Time) string {
	b := make([]byte, 3)
	rand.Read(b)
	return runPrefix + now.Format("20060102-150405") + "-" + hex.EncodeToString(b)
}

// RunSettings are a run's choices from the form.
type RunSettings struct {
	Territory, Year, Date string
	Incomplete            string   // summary.IncompleteExclude or …Count
	Reports               []string // school report formats
	Model                 string   // path of the uploaded model, "" for the embedded one
}

// RunInfo is a run as listed.
type RunInfo struct {
	ID        string `json:"id"`
	State     string `json:"state"` // running, done, failed
	Done      int64  `json:"done,omitempty"`
	Total     int64  `json:"total,omitempty"`
	Error     string `json:"error,omitempty"`
	Territory string `json:"territory,omitempty"`
	Year      string `json:"year,omitempty"`
	AsOf      string `json:"as_of,omitempty"`
	Schools   int    `json:"schools"`
	Model     string `json:"model,omitempty"`
	Created   string `json:"created"`
}

// start scores the run's answers in the background.
func (s *store) start(id string, set RunSettings) {
	j := &job{finished: make(chan struct{})}
	s.mu.Lock()
	s.jobs[id] = j
	s.mu.Unlock()
	go func() {
		defer close(j.finished)
		err := s.score(id, set, j)
		if err != nil {
			os.WriteFile(filepath.Join(s.dir, id, errorFile), []byte(lang.Message(err).In(s.lang)+"\n"), 0o644)
		}
		s.mu.Lock()
		delete(s.jobs, id)
		s.mu.Unlock()
	}()
}

// score is batch --out DIR --per-school on the run's answers: the one
// district pipeline.
func (s *store) score(id string, set RunSettings, j *job) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errors.New(s.lang.T("внутренняя ошибка программы: %v; сообщите разработчикам", v))
		}
	}()
	s.queue.Lock()
	defer s.queue.Unlock()
	dir := filepath.Join(s.dir, id)
	m, err := s.load(set.Model)
	if err != nil {
		return err
	}
	files, skipped, _, err := batch.CollectAnswers([]string{filepath.Join(dir, answersDir)}, lang.Phrase{})
	if err != nil {
		return err
	}
	j.total.Store(int64(len(files)))
	run, err := summary.NewRunInfo(set.Territory, set.Year, set.Date, s.now())
	if err != nil {
		return err
	}
	var reports []report.Format
	for _, name := range set.Reports {
		if f, ok := report.LookupFormat(name, report.OffersProgramme); ok {
			reports = append(reports, f)
		}
	}
	var formats []report.Format
	for _, name := range []string{"html", "docx", "xlsx", "csv", "md"} {
		f, _ := report.LookupFormat(name, report.OffersSummary)
		formats = append(formats, f)
	}
	out, err := outdir.Open(dir, m.Lang())
	if err != nil {
		return err
	}
	defer out.Close()
	res, err := batch.Execute(batch.Job{Model: m, Files: files, Skipped: skipped, Read: answers.Options{},
		Summary:   summary.Options{GroupBy: summary.GroupMunicipality, Incomplete: set.Incomplete, Run: run},
		PerSchool: true, Reports: reports, Formats: formats, Out: out,
		FileDone: func() { j.done.Add(1) }})
	if err != nil {
		return err
	}
	if err := out.Commit(true); err != nil {
		return err
	}
	// Each counted school's HTML report, in the summary's order, for the
	// run's page.
	if links, err := json.Marshal(res.Links); err == nil {
		os.WriteFile(filepath.Join(dir, linksFile), links, 0o644)
	}
	if len(res.Unwritten) > 0 {
		return lang.Errorf("не записаны отчёты: %s", lang.Joined{Sep: "; ", Items: res.Unwritten})
	}
	return nil
}

// list gives the runs, newest first.
func (s *store) list() []RunInfo {
	entries, _ := os.ReadDir(s.dir)
	var runs []RunInfo
	for _, e := range entries {
		if e.IsDir() && runID.MatchString(e.Name()) {
			runs = append(runs, s.info(e.Name()))
		}
	}
	slices.SortFunc(runs, func(a, b RunInfo) int { return strings.Compare(b.ID, a.ID) })
	return runs
}

// info says how a run stands: scoring, scored (with its summary's
// identity), or failed and why.
func (s *store) info(id string) RunInfo {
	r := RunInfo{ID: id, State: "done"}
	if t, err := time.ParseInLocation("20060102-150405", strings.TrimPrefix(id, runPrefix)[:15], time.Local); err == nil {
		r.Created = t.Format("02.01.2006 15:04")
	}
	s.mu.Lock()
	j := s.jobs[id]
	s.mu.Unlock()
	if j != nil {
		r.State, r.Done, r.Total = "running", j.done.Load(), j.total.Load()
		return r
	}
	dir := filepath.Join(s.dir, id)
	if msg, err := readSmall(filepath.Join(dir, errorFile), 64<<10); err == nil {
		r.State, r.Error = "failed", strings.TrimSpace(msg)
		return r
	}
	var doc struct {
		Run    wire.RunDoc
		Model  wire.ModelDoc
		Counts wire.CountsDoc
	}
	f, err := os.Open(filepath.Join(dir, "summary.json"))
	if err != nil {
		r.State, r.Error = "failed", s.lang.T("расчёт не завершён (программа была остановлена?): запустите самодиагностику заново")
		return r
	}
	defer f.Close()
	if err := summaryHead(f, map[string]any{"run": &doc.Run, "model": &doc.Model, "counts": &doc.Counts}); err != nil {
		r.Error = s.lang.T("summary.json не читается: %s", lang.Message(err).In(s.lang))
	}
	r.Territory, r.Year, r.AsOf, r.Schools = doc.Run.Territory, doc.Run.Year, doc.Run.AsOf, doc.Counts.Schools
	r.Model = strings.TrimSpace(doc.Model.Title + " " + doc.Model.Version)
	return r
}

func readSmall(path string, n int64) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, n))
	return string(b), err
}

// remove deletes a run, unless it is being scored.
func (s *store) remove(id string) error {
	s.mu.Lock()
	running := s.jobs[id] != nil
	s.mu.Unlock()
	if running {
		return refused(409, "самодиагностика ещё считается: удалить её можно после окончания")
	}
	return os.RemoveAll(filepath.Join(s.dir, id))
}

// wait blocks until the run is scored (for tests and the API's callers).
func (s *store) wait(id string) {
	s.mu.Lock()
	j := s.jobs[id]
	s.mu.Unlock()
	if j != nil {
		<-j.finished
	}
}

// summaryHead decodes the named keys of summary.json's object, reading
// only as far as the last of them: the schools (a national table's are
// large) come after them. Keys are v1's: a v2 summary's are read by
// wire.SchoolKeys.
func summaryHead(r io.Reader, keys map[string]any) error {
	dec := json.NewDecoder(io.LimitReader(r, 16<<20))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return lang.Errorf("не объект JSON")
	}
	for left := len(keys); left > 0 && dec.More(); {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if v1, ok := wire.SchoolKeys[key]; ok {
			key = v1 // a v2 summary's neutral key
		}
		if v, ok := keys[key]; ok {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
			raw, err := wire.Rekey(raw, wire.SchoolKeys)
			if err != nil {
				return err
			}
			if err := json.Unmarshal(raw, v); err != nil {
				return err
			}
			left--
			continue
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return nil
}
