package web

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// ServeOptions say where the page listens and whether to open it.
type ServeOptions struct {
	Port    int  // 0: a free port
	Browser bool // open the default browser at the address
	// Ready, if set, is told the address once the server listens (the
	// first line on stdout).
	Ready func(url string)
}

// DefaultData is where runs are kept when no folder is given: «selfdiag»
// in the user's documents.
func DefaultData() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "selfdiag-данные"
	}
	return filepath.Join(home, "Documents", "selfdiag")
}

// Serve listens on 127.0.0.1 only and serves the page until ctx ends
// (Ctrl-C, the console window closed).
func Serve(ctx context.Context, s *Server, o ServeOptions) error {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.Port)))
	if err != nil {
		return lang.Errorf("не удалось открыть порт %d на этом компьютере: %s; укажите другой: --port", o.Port, lang.Text(err.Error()))
	}
	url := s.URL(ln.Addr())
	if o.Ready != nil {
		o.Ready(url)
	}
	if o.Browser {
		openBrowser(url)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second, ErrorLog: nil}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// openBrowser opens url in the default browser; a failure only means the
// person opens the printed address by hand.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
