package modelsheet

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Open takes the embedded model, a folder or a table; anything else is
// named in a sentence.
func TestOpen(t *testing.T) {
	m, err := Open("")
	if err != nil || m.ID == "" {
		t.Fatalf("embedded: %v", err)
	}
	dir := t.TempDir()
	if err := m.WriteFolder(func(name string, write func(w io.Writer) error) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		return write(f)
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := Open(dir); err != nil || got.ID != m.ID || len(got.Indicators) != len(m.Indicators) {
		t.Errorf("folder: %v", err)
	}
	for path, want := range map[string]string{
		filepath.Join(dir, "нет"):        "каталог модели",
		filepath.Join(dir, "model.yaml"): "каталог модели",
	} {
		if _, err := Open(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", path, err)
		}
	}
	os.WriteFile(filepath.Join(dir, "model.yaml"), []byte("schema: нет\n"), 0o644)
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "модель не загружена, исправьте ошибки:") {
		t.Errorf("broken folder: %v", err)
	}
}
