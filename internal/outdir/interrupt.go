package outdir

import (
	"os"
	"os/signal"
	"syscall"
)

// ReleaseOnInterrupt removes the run's temporary files and its lock on the
// output folder when the run is interrupted (Ctrl-C), so that the folder
// is not left held; the previous outputs stay as they were. It returns
// the function that stops watching.
func (out *Dir) ReleaseOnInterrupt() (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-signals:
			out.Close()
			os.Exit(130)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
