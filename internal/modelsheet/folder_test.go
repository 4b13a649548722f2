package modelsheet

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/outdir"
)

// A model folder is written as one set and loads as the same model; a
// folder of other things is refused; no manifest is left there.
func TestWriteFolder(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "модель")
	if _, err := WriteFolder(m, dir); err != nil {
		t.Fatal(err)
	}
	back, err := Open(dir)
	if err != nil || back.Hash != m.Hash {
		t.Fatalf("the folder loads as %v, %v", back, err)
	}
	if _, err := os.Stat(filepath.Join(dir, outdir.ManifestFile)); err == nil {
		t.Error("a manifest left in the model folder")
	}
	if _, err := WriteFolder(m, dir); err != nil {
		t.Errorf("a model written over itself: %v", err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "ответы.xlsx"), nil, 0o644)
	var nm *model.NotModelFolderError
	if _, err := WriteFolder(m, other); !errors.As(err, &nm) {
		t.Errorf("a folder of answers: %v", err)
	}
}
