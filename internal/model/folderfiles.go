package model

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// FolderFiles lists the model files of a folder a model is to be written
// to: none for a new or empty folder, the .yaml files of a model folder
// (they are all read as the model). A folder holding other things is
// refused with a *NotModelFolderError: a model is written to a folder of
// its own.
func FolderFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files, other []string
	isModel := false
	for _, e := range entries {
		name := e.Name()
		switch ext := filepath.Ext(name); {
		case strings.HasPrefix(name, "."):
		case !e.Type().IsRegular() || (ext != ".yaml" && ext != ".yml"):
			other = append(other, name)
		case name == RootFile:
			isModel = isRootFile(filepath.Join(dir, name))
			files = append(files, name)
		default:
			files = append(files, name)
		}
	}
	if len(files) > 0 && !isModel || len(other) > 0 {
		return nil, &NotModelFolderError{Dir: dir, Holds: append(other, files...)[:min(len(other)+len(files), 5)]}
	}
	return files, nil
}

// NotModelFolderError is a folder that is neither empty nor a model's.
type NotModelFolderError struct {
	Dir   string
	Holds []string // the first few of its files
}

func (e *NotModelFolderError) Error() string { return e.In(lang.RU) }

// In is the error in a language.
func (e *NotModelFolderError) In(l lang.Lang) string {
	return l.T("каталог %s не пуст и не является каталогом модели selfdiag (в нём %s): модель записывается в новый или пустой каталог либо поверх прежней модели",
		e.Dir, strings.Join(e.Holds, ", "))
}

// isRootFile says the file is a selfdiag model's root file.
func isRootFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return false
	}
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return strings.Contains(string(head[:n]), Schema)
}
