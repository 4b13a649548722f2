package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("target changed after a failed write: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary file left behind: %v", entries)
	}
	if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content = %q", b)
	}
	// A missing folder is made; a folder is never replaced by a file; a
	// file where a folder should be is refused.
	deep := filepath.Join(dir, "missing", "deeper", "x.json")
	if err := Write(deep, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatalf("into a missing folder: %v", err)
	}
	if b, _ := os.ReadFile(deep); string(b) != "x" {
		t.Errorf("into a missing folder: %q", b)
	}
	err = Write(filepath.Join(dir, "missing"), func(io.Writer) error { return nil })
	if err == nil || !strings.Contains(lang.Message(err).In(lang.EN), "it is a folder, and a file is needed") {
		t.Errorf("over a folder: %v", err)
	}
	if st, err := os.Stat(filepath.Join(dir, "missing")); err != nil || !st.IsDir() {
		t.Errorf("the folder is gone: %v", err)
	}
	if err := Write(filepath.Join(p, "x"), func(io.Writer) error { return nil }); err == nil {
		t.Error("no error for a file in the folder's place")
	}
}
