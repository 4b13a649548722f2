// Package answers reads schools' self-diagnosis answers from .xlsx and .csv
// files: one school per file (a two-column answer table, or the federal
// service's result table), or a whole district per table (one row per
// school). It knows nothing of the indicator model: it returns raw answers
// with their locations, and scoring matches them.
package answers

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// Options tune reading.
type Options struct {
	// Encoding forces the CSV encoding: "utf-8", "utf-16", "windows-1251".
	// Empty: detect.
	Encoding string
	// Workers is how many goroutines build the schools of a district CSV
	// table (see parallel.go); 0 means one per core, 1 builds them in the
	// calling goroutine. Schools reach fn in file order either way.
	Workers int
	// Set gives the attributes a file leaves out (the federal service's
	// table states none): what the user said of these respondents,
	// attribute id → the value as typed (--set ATTR=VALUE; --programs,
	// --ovz, --corrective for the school model). An attribute the file
	// states is read from the file. ForModel reads them into Given;
	// CheckSet says what is wrong with them.
	Set map[string]string
	// Given are the attributes of Set, as value ids.
	Given model.Profile
	// Respondent names the fields files hold (the model's); nil: the
	// school's.
	Respondent *model.Respondent
	// NoProfile says the model has no use for a school's profile (no
	// indicator or threshold depends on it): missing profile fields are
	// then no problem.
	NoProfile bool
	// IDs resolves the indicator ids a file writes to the model's (see
	// model.Model.ResolveID); nil reads numbers only.
	IDs func(string) (string, bool)
	// batchSize overrides how many rows go to a worker at a time, for
	// tests.
	batchSize int
	// fields are Respondent's fields, for the readers (readFile).
	fields *fields
}

// ForModel is o for reading the answers to m: its ids and aliases are
// known, and missing profile fields are no problem when m has no use for
// them.
func (o Options) ForModel(m *model.Model) Options {
	o.Given, _ = givenFor(m, o.Set)
	o.NoProfile = !m.UsesProfile()
	o.IDs = m.ResolveID
	o.Respondent = &m.Respondent
	return o
}

// CheckSet says what is wrong with the attributes given for m (Set): an
// attribute the model does not declare, or a value not among its values.
func (o Options) CheckSet(m *model.Model) error {
	_, err := givenFor(m, o.Set)
	return err
}

// givenText is an attribute given on the command line, as it was spelled:
// «--ovz "может"», «--set type=gmina».
func givenText(a *model.Attribute, v string) string {
	if f := setFlag(a); !strings.HasPrefix(f, "--set") {
		return fmt.Sprintf("%s %q", f, v)
	}
	return "--set " + a.ID + "=" + v
}

func givenFor(m *model.Model, set map[string]string) (model.Profile, error) {
	given := model.Profile{}
	for _, id := range slices.Sorted(maps.Keys(set)) {
		v := set[id]
		a := m.Respondent.Attribute(id)
		if a == nil {
			var ids []string
			for _, a := range m.Respondent.Attributes {
				ids = append(ids, a.ID)
			}
			if len(ids) == 0 {
				return nil, lang.Errorf("--set %s=%s: у модели нет признаков респондента", id, v)
			}
			return nil, lang.Errorf("--set %s=%s: у модели нет признака %q; её признаки: %s", id, v, id, strings.Join(ids, ", "))
		}
		vals, ok := readAttribute(a, v)
		if !ok {
			return nil, fmt.Errorf("%s: %s", givenText(a, v), expecting(a))
		}
		given[id] = vals
	}
	return given, nil
}

// FileError is a file that cannot be read at all. Its message says what
// to do; it is written in the model's language by In (Error is Russian).
type FileError struct {
	File string
	// Where is the place in the file the failure is at, if it has one (a
	// row); its File is set then.
	Where problem.Location
	Msg   lang.Phrase
	// Results: the file is one of the program's own results (a report)
	// or a model's table (Model), passed over rather than failed.
	Results, Model bool
}

func (e *FileError) Error() string { return e.In(lang.RU) }

// In is the failure in a language: its place, then its message.
func (e *FileError) In(l lang.Lang) string { return e.Place(l) + ": " + e.Msg.In(l) }

// Place is the file, or the place in it, in a language.
func (e *FileError) Place(l lang.Lang) string {
	if e.Where.File != "" {
		return safetext.Terminal(e.Where.In(l))
	}
	return safetext.Terminal(e.File)
}

// ReadFile reads every school of an answer file and passes each to fn in
// file order. An unreadable file gives a *FileError; an error from fn stops
// reading and is returned as is.
func ReadFile(path string, opts Options, fn func(*submission.Submission) error) error {
	return readFile(path, opts, sink{fn: func(v any) error { return fn(v.(*submission.Submission)) }})
}

// ReadFileMap reads like ReadFile, but first passes every school through
// work — on several goroutines at once for a large district CSV table —
// and gives fn what work made, in file order, from the calling goroutine.
// work must not change its submission.
func ReadFileMap[T any](path string, opts Options, work func(*submission.Submission) T, fn func(T) error) error {
	return readFile(path, opts, sink{work: func(s *submission.Submission) any { return work(s) }, fn: func(v any) error { return fn(v.(T)) }})
}

// sink is where a table's schools go.
type sink struct {
	work     func(*submission.Submission) any // maps a school to what fn gets; nil passes the school itself
	fn       func(any) error
	modified time.Time // when the file read was changed
}

// mapped is what work makes of a school, or the school.
func (s sink) mapped(sub *submission.Submission) any {
	sub.Modified = s.modified
	if s.work == nil {
		return sub
	}
	return s.work(sub)
}

func (s sink) put(sub *submission.Submission) error { return s.fn(s.mapped(sub)) }

// Limits on what an answer file may be, so that a broken or hostile file
// ends in seconds with a message instead of exhausting memory.
const (
	maxCSVSize  = 256 << 20 // a national table is 50 MB
	maxXLSXSize = 64 << 20  // compressed; see also the unzip limits in xlsx.go
	maxLine     = 1 << 20   // bytes in one line of CSV text
	maxColumns  = 16384     // Excel's own limit
	maxProblems = 1000      // problems listed per file; the rest are counted
)

func readFile(path string, opts Options, out sink) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".xlsx", ".xlsm", ".csv", ".txt":
	case ".xls":
		return &FileError{File: path, Msg: lang.P("файл старого формата Excel (.xls) не поддерживается: откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»")}
	case ".ods":
		return &FileError{File: path, Msg: lang.P("файл OpenDocument (.ods) не поддерживается: сохраните его как «Книга Excel (.xlsx)» или CSV")}
	default:
		return &FileError{File: path, Msg: lang.P("неподдерживаемый тип файла %q: нужны .xlsx или .csv", ext)}
	}
	// Only a regular file is opened: opening a named pipe would wait
	// forever, and a device has no end.
	f, err := openRegular(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &FileError{File: path, Msg: lang.P("не удалось прочитать файл: %s", fserr.Phrase(err))}
	}
	if ext == ".xlsx" || ext == ".xlsm" {
		if st.Size() > maxXLSXSize {
			return &FileError{File: path, Msg: lang.P("книга больше %d МБ (%d МБ): книга одной школы или района столько не занимает; сохраните таблицу района в CSV", maxXLSXSize>>20, st.Size()>>20)}
		}
		out.modified = st.ModTime()
		return readXLSX(path, f, opts, out)
	}
	if st.Size() > maxCSVSize {
		return &FileError{File: path, Msg: lang.P("файл больше %d МБ (%d МБ): разделите таблицу на части", maxCSVSize>>20, st.Size()>>20)}
	}
	out.modified = st.ModTime()
	return readCSVStream(path, f, opts, out)
}

// openRegular opens path if it is a regular file (links followed).
func openRegular(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &FileError{File: path, Msg: lang.P("не удалось прочитать файл: %s", fserr.Phrase(err))}
	}
	if !st.Mode().IsRegular() {
		return nil, &FileError{File: path, Msg: lang.P("это не обычный файл (папка, канал или устройство): читаются только файлы .xlsx и .csv")}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &FileError{File: path, Msg: lang.P("не удалось прочитать файл: %s", fserr.Phrase(err))}
	}
	if st2, err := f.Stat(); err != nil || !os.SameFile(st, st2) {
		f.Close()
		return nil, &FileError{File: path, Msg: lang.P("файл заменён во время чтения: запустите ещё раз")}
	}
	return f, nil
}
