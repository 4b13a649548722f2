package modelsheet

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/hostiletest"
	"github.com/selfdiag/selfdiag/internal/model"
)

// TestModelWorkbookBomb: a model workbook whose cells repeat one long
// shared string is refused within the model's text budget, in a second
// and without gigabytes; a cell over Excel's limit is refused at once;
// a model whose values are long gets messages that quote them cut.
func TestModelWorkbookBomb(t *testing.T) {
	dir := t.TempDir()
	header := []string{"Номер", "Компонент", "Показатель", "Вид", "Критический"}
	for _, tt := range []struct {
		name    string
		n, rows int
		want    string
	}{
		{"repeated string", 20_000, 1000, "текст ячеек книги больше 16 МБ"},
		{"cell over Excel's limit", 40_000, 10, "в ячейке больше 32767 знаков"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".xlsx")
			if err := hostiletest.SharedStringBook(path, model.SheetIndicators, header, tt.rows, tt.n); err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Read(path)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), tt.want) || len(err.Error()) > 1000 {
				t.Fatalf("err = %.300v (%d bytes)", err, len(fmt.Sprint(err)))
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 || time.Since(start) > 20*time.Second {
				t.Errorf("allocated %d MB in %v", alloc>>20, time.Since(start))
			}
		})
	}
	// Within the budget but every value long: each message quotes a
	// few hundred characters of it, not the whole.
	path := filepath.Join(dir, "long-values.xlsx")
	if err := hostiletest.SharedStringBook(path, model.SheetIndicators, header, 200, 5_000); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(path)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	_, err = model.LoadTable(tab, path)
	if err == nil {
		t.Fatal("a model of nonsense loaded")
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if len(line) > 2000 {
			t.Fatalf("a message of %d bytes: %.300s…", len(line), line)
		}
	}
}
