//go:build unix

package answers

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/hostiletest"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/xlsxopen"
)

// TestHostileFiles: files that are not answer tables end in a message
// naming the file, never a hang or an out-of-memory.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	write := writer(t, dir)
	fifo := filepath.Join(dir, "канал.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	long := write("длинная.csv", bytes.Repeat([]byte("а;"), maxLine))
	wide := write("широкая.csv", []byte("№;Ответ"+strings.Repeat(";x", maxColumns)+"\n1;да\n"))
	sparse := filepath.Join(dir, "огромный.csv")
	if f, err := os.Create(sparse); err == nil {
		f.Truncate(maxCSVSize + 1) // sparse: no disk used
		f.Close()
	}
	zeros := filepath.Join(dir, "нули.csv")
	if err := os.Symlink("/dev/zero", zeros); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{fifo, "это не обычный файл"},
		{zeros, "это не обычный файл"},
		{sparse, "файл больше 256 МБ"},
		{long, "строка длиннее 1 МБ"},
		{wide, "столбцов, больше 16384"},
	} {
		done := make(chan error, 1)
		go func() { done <- ReadFile(tc.path, Options{}, func(*submission.Submission) error { return nil }) }()
		select {
		case err := <-done:
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), filepath.Base(tc.path)) {
				t.Errorf("%s: %v, want a file error with %q", filepath.Base(tc.path), err, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading after 10 s", filepath.Base(tc.path))
		}
	}
}

// TestXLSXBombs: a workbook that unzips past the limit is refused at once;
// one with a sheet big enough to be unpacked to disk is read; neither
// leaves a temporary file behind.
func TestXLSXBombs(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o755)
	t.Setenv("TMPDIR", tmp)
	big, bomb := filepath.Join(dir, "большая.xlsx"), filepath.Join(dir, "бомба.xlsx")
	for path, size := range map[string]int{big: 20 << 20, bomb: xlsxopen.UnzipLimit + 1<<20} {
		if err := hostiletest.PaddedBook(path, size); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	err := ReadFile(bomb, Options{}, func(*submission.Submission) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "книга распаковывается больше чем в 256 МБ") || time.Since(start) > 5*time.Second {
		t.Errorf("bomb: %v after %v", err, time.Since(start))
	}
	err = ReadFile(big, Options{}, func(*submission.Submission) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "не найдена строка заголовков") {
		t.Errorf("20 MB sheet: %v", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
