package web

import (
	"archive/zip"
	"errors"
	"fmt"
	"github.com/selfdiag/selfdiag/internal/lang"
	"io"
	"mime/multipart"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits bound what one upload may bring, as the command line bounds what
// it reads: the number of files, the request's size, a file's size, and a
// zip archive's entries and unpacked size (a zip bomb stops at the limit,
// whatever its headers say).
type Limits struct {
	Files      int   // answer files in one run, zip entries included
	Upload     int64 // bytes of one request
	File       int64 // bytes of one file, unpacked
	ZipEntries int   // entries of one archive
	Unzipped   int64 // bytes unpacked from the archives of one upload
}

// DefaultLimits: a region's thousands of schools in one upload, a national
// CSV table (256 MB, as the command line reads), a few hundred MB in all.
var DefaultLimits = Limits{Files: 10000, Upload: 1 << 30, File: 256 << 20, ZipEntries: 10000, Unzipped: 2 << 30}

// uploadError is a reason an upload is refused, with what to do, written
// in the page's language (Error is Russian); status is the HTTP status it
// answers with.
type uploadError struct {
	status int
	msg    lang.Phrase
}

func (e *uploadError) Error() string { return e.msg.String() }

func refused(status int, format string, args ...any) error {
	return &uploadError{status, lang.P(format, args...)}
}

// receiver writes the files of one upload into dir under safe names: a
// name from the browser is never a path (its folders are joined into the
// name, anything but letters, digits and a few marks dropped), and two
// files of one name are both kept.
type receiver struct {
	dir      string
	limits   Limits
	files    int
	unzipped int64
	used     map[string]bool
	skipped  []string // what was not kept, and why, in lang
	lang     lang.Lang
	// baseNames keeps an archive's entries by their own names (a model's
	// folder is flat), not joined with their folders'.
	baseNames bool
}

func newReceiver(dir string, limits Limits, l lang.Lang) *receiver {
	return &receiver{dir: dir, limits: limits, used: map[string]bool{}, lang: l}
}

// part stores one uploaded file: a .zip is unpacked, anything else kept
// as it is (the district pipeline passes over files that hold no answers,
// and says so).
func (rc *receiver) part(p *multipart.Part) error {
	name := safeName(p.FileName())
	if strings.EqualFold(path.Ext(name), ".zip") {
		return rc.zip(p, name)
	}
	return rc.store(name, p)
}

func (rc *receiver) store(name string, r io.Reader) error {
	if rc.files++; rc.files > rc.limits.Files {
		return refused(413, "слишком много файлов: в одной самодиагностике не больше %d; разделите район на части", rc.limits.Files)
	}
	name = rc.unique(name)
	f, err := os.OpenFile(filepath.Join(rc.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, rc.limits.File+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > rc.limits.File {
		os.Remove(filepath.Join(rc.dir, name))
		return refused(413, "файл %s больше %d МБ: такой файл ответов не бывает; сохраните таблицу района в CSV или разделите её", name, rc.limits.File>>20)
	}
	if err != nil {
		os.Remove(filepath.Join(rc.dir, name))
	}
	return err
}

// zip unpacks an archive of answers: its entries become files of the
// upload (folders joined into names, as for a dropped folder); the entries
// counted and their unpacked bytes bounded as they are read.
func (rc *receiver) zip(p io.Reader, name string) error {
	tmp, err := os.CreateTemp(rc.dir, ".upload-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := io.Copy(tmp, io.LimitReader(p, rc.limits.Upload+1))
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return refused(400, "архив %s не читается как .zip: %v; упакуйте папку заново", name, err)
	}
	if len(zr.File) > rc.limits.ZipEntries {
		return refused(413, "в архиве %s %d файлов: не больше %d в одном архиве", name, len(zr.File), rc.limits.ZipEntries)
	}
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() || zf.Mode()&os.ModeSymlink != 0 {
			continue
		}
		entry := safeName(strings.TrimSuffix(name, path.Ext(name)) + "/" + zf.Name)
		if rc.baseNames {
			entry = safeName(path.Base(strings.ReplaceAll(zf.Name, "\\", "/")))
		}
		if strings.EqualFold(path.Ext(entry), ".zip") {
			rc.skipped = append(rc.skipped, entry+": "+rc.lang.T("архив в архиве не распаковывается — пропущен"))
			continue
		}
		r, err := zf.Open()
		if err != nil {
			rc.skipped = append(rc.skipped, entry+": "+rc.lang.T("не распаковывается (%v) — пропущен", err))
			continue
		}
		left := rc.limits.Unzipped - rc.unzipped
		counted := &countingReader{r: io.LimitReader(r, left+1)}
		err = rc.store(entry, counted)
		r.Close()
		rc.unzipped += counted.n
		if rc.unzipped > rc.limits.Unzipped {
			return refused(413, "архив %s распаковывается больше чем в %d МБ: это не папка ответов (возможно, «zip-бомба»)", name, rc.limits.Unzipped>>20)
		}
		if err != nil {
			if _, ok := errors.AsType[*uploadError](err); ok {
				return err
			}
			rc.skipped = append(rc.skipped, entry+": "+rc.lang.T("не распаковывается (%v) — пропущен", err))
		}
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// unique gives name, or name with a number when taken.
func (rc *receiver) unique(name string) string {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 2; rc.used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s (%d)%s", base, i, ext)
	}
	rc.used[strings.ToLower(name)] = true
	return name
}

// maxName bounds a stored file's name, in letters.
const maxName = 120

// safeName turns a file name from the browser or an archive into a name
// that is never a path: the folders it names are joined with «_», every
// letter but letters, digits, spaces and «-_.,()№«»» is dropped, leading
// dots removed (no hidden files, no «..»), the length bounded keeping the
// extension.
func safeName(raw string) string {
	raw = strings.ReplaceAll(raw, "\\", "/")
	var parts []string
	for _, seg := range strings.Split(raw, "/") {
		var b strings.Builder
		for _, r := range seg {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" -_.,()№«»", r) {
				b.WriteRune(r)
			}
		}
		if s := strings.Trim(b.String(), " ."); s != "" {
			parts = append(parts, s)
		}
	}
	name := strings.Join(parts, "_")
	if name == "" {
		name = "файл"
	}
	if utf8.RuneCountInString(name) > maxName {
		ext := path.Ext(name)
		if utf8.RuneCountInString(ext) > 10 {
			ext = ""
		}
		r := []rune(strings.TrimSuffix(name, ext))
		name = string(r[:maxName-utf8.RuneCountInString(ext)]) + ext
	}
	return name
}
