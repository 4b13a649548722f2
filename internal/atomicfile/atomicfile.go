// Package atomicfile writes output files so that readers never see a partial
// file: the content goes to a temporary file in the same folder, which is
// renamed over the target only when complete.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/selfdiag/selfdiag/internal/fserr"
)

// Write creates or replaces path with what fn writes. When fn or any step
// fails, the target is left as it was and no temporary file remains.
func Write(path string, fn func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("не удалось создать файл в каталоге %s: %s", dir, fserr.Text(err))
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
			return fmt.Errorf("не удалось записать %s: %s", path, fserr.Text(err))
		}
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("не удалось записать %s: %s", path, fserr.Text(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("не удалось записать %s: %s", path, fserr.Text(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("не удалось записать %s: %s", path, fserr.Text(err))
	}
	return nil
}
