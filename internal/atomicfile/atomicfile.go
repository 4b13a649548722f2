// Package atomicfile writes output files so that readers never see a partial
// file: the content goes to a temporary file in the same folder, which is
// renamed over the target only when complete.
package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
)

// Write creates or replaces path with what fn writes, making its folder
// when there is none. When fn or any step fails, the target is left as it
// was and no temporary file remains; a folder is never replaced.
func Write(path string, fn func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return lang.Errorf("не удалось записать %s: это папка, а нужен файл; укажите имя файла в ней или рядом", path)
	}
	// A folder the file is to be in is made, as an output folder is.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return lang.Errorf("не удалось создать каталог %s: %s", dir, fserr.Phrase(err))
	}
	tmp, err := createTemp(dir, filepath.Base(path))
	if err != nil {
		return lang.Errorf("не удалось создать файл в каталоге %s: %s", dir, fserr.Phrase(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fn(tmp); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return lang.Errorf("не удалось записать %s: %s", path, fserr.Phrase(err))
		}
		return err
	}
	if err = tmp.Close(); err != nil {
		return lang.Errorf("не удалось записать %s: %s", path, fserr.Phrase(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return lang.Errorf("не удалось записать %s: %s", path, fserr.Phrase(err))
	}
	return nil
}

// createTemp creates a new temporary file beside the target, exclusively,
// with the permissions a new file gets (0666 less the user's umask), as
// the target would have been created.
func createTemp(dir, base string) (*os.File, error) {
	for {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64()%1e12, 10)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}
