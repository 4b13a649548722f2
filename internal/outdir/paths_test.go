package outdir

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWithinAndSamePath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.csv")
	os.WriteFile(file, nil, 0o644)
	link := filepath.Join(t.TempDir(), "link.csv")
	if err := os.Symlink(file, link); err != nil {
		t.Skip(err)
	}
	tests := []struct {
		name      string
		got, want bool
	}{
		{"a file inside the folder", Within(file, dir), true},
		{"a folder inside it", Within(filepath.Join(dir, "sub"), dir), true},
		{"a file beside it", Within(filepath.Join(dir, "..", "b.csv"), dir), false},
		{"nothing is inside a file", Within(file, file), false},
		{"a link to the file is the file", SamePath(link, file), true},
		{"a relative and an absolute path", SamePath(filepath.Join(dir, ".", "a.csv"), file), true},
		{"paths not yet there, by their absolute form", SamePath(filepath.Join(dir, "x"), filepath.Join(dir, "y", "..", "x")), true},
		{"two files", SamePath(file, dir), false},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
