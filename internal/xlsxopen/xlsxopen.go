// Package xlsxopen opens an untrusted .xlsx workbook within bounds: the
// format checked by its first bytes, the parts' unpacked size checked from
// the zip's directory before anything is unpacked, large sheets unpacked
// to a temporary folder that is always removed.
package xlsxopen

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
)

// Limits on what a workbook may unpack to, so that a hostile or broken
// file (a few hundred kilobytes that unzip to gigabytes) cannot exhaust
// memory or disk. A sheet larger than UnzipXMLLimit is unpacked to a
// temporary file.
const (
	UnzipLimit    = 256 << 20
	UnzipXMLLimit = 16 << 20
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Error is a reason the workbook cannot be read, with what to do, to be
// written in the reader's language (Error is Russian); the caller names
// the file.
type Error struct{ Msg lang.Phrase }

func (e *Error) Error() string { return e.Msg.In(lang.RU) }

// TooLarge is the message's start when the workbook unpacks to more than
// UnzipLimit; the caller may add why no such book is expected.
const TooLarge = "книга распаковывается больше чем в %d МБ"

// Open opens the workbook in file. The caller closes the workbook and then
// calls done, on every path where err is nil.
func Open(file *os.File, tooLargeHint lang.Phrase) (f *excelize.File, done func(), err error) {
	head := make([]byte, 8)
	n, _ := file.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return nil, nil, &Error{lang.P("это файл старого формата Excel (.xls) или книга, защищённая паролем: " +
			"снимите пароль, откройте файл в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»")}
	case n == 0:
		return nil, nil, &Error{lang.P("файл пуст")}
	case !bytes.HasPrefix(head, zipMagic):
		return nil, nil, &Error{lang.P("файл не является книгой Excel .xlsx (возможно, это переименованный файл другого формата): " +
			"откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»")}
	}
	st, err := file.Stat()
	if err != nil {
		return nil, nil, &Error{lang.P("не удалось прочитать файл: %s", fserr.Phrase(err))}
	}
	broken := &Error{lang.P("книга Excel повреждена и не читается: откройте её в Excel или LibreOffice, проверьте содержимое и сохраните заново как .xlsx")}
	zr, err := zip.NewReader(file, st.Size())
	if err != nil {
		return nil, nil, broken
	}
	var total, largest uint64
	for _, part := range zr.File {
		total += part.UncompressedSize64
		largest = max(largest, part.UncompressedSize64)
	}
	if total > UnzipLimit {
		return nil, nil, &Error{lang.P(TooLarge+"%s", UnzipLimit>>20, tooLargeHint)}
	}
	done = func() {}
	opts := excelize.Options{UnzipSizeLimit: UnzipLimit, UnzipXMLSizeLimit: UnzipXMLLimit}
	if largest > UnzipXMLLimit {
		if opts.TmpDir, err = os.MkdirTemp("", "selfdiag-xlsx-"); err != nil {
			return nil, nil, &Error{lang.P("не удалось создать временную папку для распаковки книги: %s", fserr.Phrase(err))}
		}
		dir := opts.TmpDir
		done = func() { os.RemoveAll(dir) }
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		done()
		return nil, nil, &Error{lang.P("не удалось прочитать файл: %s", fserr.Phrase(err))}
	}
	f, err = excelize.OpenReader(file, opts)
	if err != nil {
		if f != nil {
			f.Close()
		}
		done()
		if errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, nil, &Error{lang.P("файл не является книгой Excel .xlsx: откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»")}
		}
		return nil, nil, broken
	}
	return f, done, nil
}

// ResultsCategory is the category (docProps/core.xml) of every workbook of
// results the program writes — reports, summaries, comparisons, not
// templates — so that a reader passes over them wherever they lie: a
// report's sheets list indicators and answers and would otherwise be read
// as a second submission of its school. Office software keeps the
// category when the book is saved again. It is the same in every
// language; books written before it was made neutral carry
// oldResultsCategory, still recognised.
const ResultsCategory = "selfdiag: results, not answers"

const oldResultsCategory = "selfdiag: результаты, не ответы школы"

// IsResults says the workbook is one of the program's results.
func IsResults(f *excelize.File) bool {
	p, err := f.GetDocProps()
	return err == nil && (p.Category == ResultsCategory || p.Category == oldResultsCategory)
}
