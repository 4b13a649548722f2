package modelsheet

import (
	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
)

// WriteFolder writes the model as a model folder, as one set: the files
// appear together or none does, component files of a model written there
// before go (or the folder would no longer load), and nothing else is
// left in it. A folder holding other things is refused with a
// *model.NotModelFolderError. notes are what the folder kept of files the
// user changed.
func WriteFolder(m *model.Model, dir string) (notes []lang.Phrase, err error) {
	stale, err := model.FolderFiles(dir)
	if _, ok := err.(*model.NotModelFolderError); ok {
		return nil, err
	}
	if err != nil {
		return nil, lang.Errorf("не удалось прочитать каталог %s: %s", dir, fserr.Phrase(err))
	}
	out, err := outdir.Open(dir, m.Lang())
	if err != nil {
		return nil, err
	}
	defer out.Close()
	defer out.ReleaseOnInterrupt()()
	if err := m.WriteFolder(out.Write); err != nil {
		return nil, err
	}
	out.Stale(stale...)
	out.WithoutManifest()
	err = out.Commit(false)
	return out.Notes(), err
}
