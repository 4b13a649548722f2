package answers_test

import (
	"archive/zip"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// peakHeap reads the file and returns the most heap in use meanwhile.
func peakHeap(t *testing.T, path string) (schools int, peak uint64) {
	t.Helper()
	runtime.GC()
	var top atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > top.Load() {
				top.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	err := answers.ReadFile(path, answers.Options{Workers: 1}, func(*submission.Submission) error { schools++; return nil })
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	return schools, top.Load()
}

// TestDistrictWorkbookMemory: a district workbook is read in about the
// memory of the same table as CSV (the defect: asking excelize for each
// cell's type and style loaded the whole sheet as a tree, gigabytes for
// 20,000 schools).
func TestDistrictWorkbookMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a district of 800 schools")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	schools := sampledata.District(m, 800, 5)
	dir := t.TempDir()
	xlsxPath, csvPath := filepath.Join(dir, "район.xlsx"), filepath.Join(dir, "район.csv")
	fx, _ := os.Create(xlsxPath)
	if err := sampledata.DistrictXLSX(fx, m, schools); err != nil {
		t.Fatal(err)
	}
	fx.Close()
	fc, _ := os.Create(csvPath)
	if err := sampledata.DistrictCSV(fc, m, schools, sampledata.CSVOptions{Delim: ';'}); err != nil {
		t.Fatal(err)
	}
	fc.Close()
	nx, px := peakHeap(t, xlsxPath)
	nc, pc := peakHeap(t, csvPath)
	t.Logf("peak heap: xlsx %d MB, csv %d MB", px>>20, pc>>20)
	if nx != 800 || nc != 800 {
		t.Fatalf("schools: xlsx %d, csv %d", nx, nc)
	}
	// Excelize holds the unpacked sheet (under 16 MB) and reads it as a
	// stream: several times its size at most, where the tree was over
	// twenty times.
	zr, err := zip.OpenReader(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var unzipped uint64
	for _, f := range zr.File {
		unzipped += f.UncompressedSize64
	}
	if px > 8*unzipped+pc {
		t.Errorf("the workbook (%d MB unpacked) took %d MB at its peak, the same CSV %d MB", unzipped>>20, px>>20, pc>>20)
	}
}
