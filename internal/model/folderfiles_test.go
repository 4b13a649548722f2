package model

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestFolderFiles(t *testing.T) {
	write := func(dir, name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := t.TempDir()
	empty := filepath.Join(base, "empty")
	os.Mkdir(empty, 0o755)
	modelDir := filepath.Join(base, "model")
	os.Mkdir(modelDir, 0o755)
	write(modelDir, RootFile, "schema: "+Schema+"\n")
	write(modelDir, "знание.yaml", "id: k\n")
	write(modelDir, ".hidden", "")
	other := filepath.Join(base, "other")
	os.Mkdir(other, 0o755)
	write(other, "ответы.xlsx", "")
	foreignRoot := filepath.Join(base, "foreign")
	os.Mkdir(foreignRoot, 0o755)
	write(foreignRoot, RootFile, "name: не модель\n")

	tests := []struct {
		name, dir string
		files     []string
		refused   bool
	}{
		{"a folder not yet made", filepath.Join(base, "new"), nil, false},
		{"an empty folder", empty, nil, false},
		{"a model's folder: its YAML files, hidden files aside", modelDir, []string{RootFile, "знание.yaml"}, false},
		{"a folder of other files", other, nil, true},
		{"a model.yaml that is no selfdiag model", foreignRoot, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files, err := FolderFiles(tc.dir)
			var nm *NotModelFolderError
			if tc.refused != errors.As(err, &nm) {
				t.Fatalf("error %v, refused %v", err, tc.refused)
			}
			slices.Sort(files)
			slices.Sort(tc.files)
			if !slices.Equal(files, tc.files) {
				t.Errorf("files %q, want %q", files, tc.files)
			}
		})
	}
}
