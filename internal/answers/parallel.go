package answers

import (
	"runtime"
	"sync"
)

// A national district table is one CSV file of tens of thousands of rows.
// Its rows are parsed in order by encoding/csv on one goroutine and built
// into schools, and passed through the sink's work (scoring, in a batch),
// in batches on several: the work is what takes time. At most two batches
// per worker are in flight, so memory stays flat however long the table.

// rowBatchSize is how many rows travel together to a worker.
const rowBatchSize = 256

// rowBatch is a run of a table's rows and, once a worker is done with it,
// what the sink's work made of their schools.
type rowBatch struct {
	cells [][]string
	rows  []int
	out   chan []any
}

// parallel says whether the rows of t are worth building on several
// goroutines: a CSV table (an xlsx one is read through its workbook, which
// one goroutine reads at a time) when there is more than one core to use.
func parallel(t table, workers int) bool {
	_, isCSV := t.(*csvTable)
	return isCSV && workers != 1 && (workers > 1 || runtime.GOMAXPROCS(0) > 1)
}

// parseDistrictParallel builds the schools of the rest of a district table
// on several goroutines, each passing its schools through the sink's work,
// and gives what work made to the sink's fn in table order from the
// calling goroutine.
func parseDistrictParallel(t table, b *districtBuilder, out sink, workers, batchSize int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// On return, stop the reading and wait for every goroutine: work is
	// never called after this function returns, and t is read by one
	// goroutine at a time.
	var wg sync.WaitGroup
	defer wg.Wait()
	done := make(chan struct{})
	defer close(done)
	order := make(chan *rowBatch, 2*workers)
	jobs := make(chan *rowBatch)
	wg.Add(1 + workers)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		for {
			batch := &rowBatch{out: make(chan []any, 1)}
			for len(batch.cells) < batchSize {
				cells, row, ok := t.next()
				if !ok {
					break
				}
				batch.cells, batch.rows = append(batch.cells, cells), append(batch.rows, row)
			}
			if len(batch.cells) == 0 {
				return
			}
			select {
			case order <- batch:
			case <-done:
				return
			}
			select {
			case jobs <- batch:
			case <-done:
				return
			}
		}
	}()
	for range workers {
		go func() {
			defer wg.Done()
			for batch := range jobs {
				var made []any
				for i, cells := range batch.cells {
					if sub := b.school(cells, batch.rows[i]); sub != nil {
						made = append(made, out.mapped(sub))
					}
				}
				batch.out <- made
			}
		}()
	}
	for batch := range order {
		for _, v := range <-batch.out {
			if err := out.fn(v); err != nil {
				return err
			}
		}
	}
	return t.err() // the reading goroutine has ended: order is closed
}
