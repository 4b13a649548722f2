//go:build unix

package compare

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// writeRun writes a previous run's folder (summary.json and schools/) of
// the schools.
func writeRun(t *testing.T, dir string, side []scoring.Explained) {
	t.Helper()
	m := defaultModel(t)
	agg := summary.New(m, summary.Options{})
	os.MkdirAll(filepath.Join(dir, "schools"), 0o755)
	for i := range side {
		agg.Add(side[i].Result)
		f, err := os.Create(filepath.Join(dir, "schools", side[i].School.Code+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := report.WriteJSON(f, m, report.Schools(&side[i])); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	f, _ := os.Create(filepath.Join(dir, "summary.json"))
	if err := report.WriteSummaryJSON(f, agg.Summary()); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func explained(t *testing.T, n int) []scoring.Explained {
	m := defaultModel(t)
	var out []scoring.Explained
	for _, s := range schoolsOf(t, m, n, 3) {
		out = append(out, *scoring.Explain(m, scoring.Score(m, submissionOf(m, s))))
	}
	return out
}

// TestRunFolderHostile: a previous run's folder with a named pipe among
// its schools is refused at once; one whose school was scored with
// another model's files names both fingerprints.
func TestRunFolderHostile(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, explained(t, 3))
	if _, err := LoadRun(dir); err != nil {
		t.Fatalf("a good run: %v", err)
	}
	fifo := filepath.Join(dir, "schools", "канал.json")
	syscall.Mkfifo(fifo, 0o644)
	done := make(chan error, 1)
	go func() { _, err := LoadRun(dir); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "не обычный файл") {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("hangs on a FIFO")
	}
	os.Remove(fifo)

	path := filepath.Join(dir, "schools", explained(t, 1)[0].School.Code+".json")
	data, _ := os.ReadFile(path)
	hash := defaultModel(t).Hash
	os.WriteFile(path, []byte(strings.Replace(string(data), `"hash": "`+hash+`"`, `"hash": "000000000000"`, 1)), 0o644)
	_, err := LoadRun(dir)
	if err == nil || !strings.Contains(err.Error(), "отпечаток 000000000000") || !strings.Contains(err.Error(), "отпечаток "+hash) {
		t.Errorf("another model's files: %v", err)
	}
}
