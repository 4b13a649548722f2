//go:build unix

package cli

import (
	"bufio"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// `selfdiag serve`: the first line on stdout is the page's address with
// its token; the page opens there (the token becomes a cookie); Ctrl-C
// stops the program with exit 0. A wrong port is a command-line mistake.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the program")
	}
	bin := filepath.Join(plainBinary(t), "selfdiag")
	data := t.TempDir()
	cmd := exec.Command(bin, "serve", "--no-browser", "--data", data)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	first, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v; stderr %s", err, stderr.String())
	}
	url := strings.TrimSpace(first)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.Contains(url, "/?token=") {
		t.Fatalf("first line %q, want http://127.0.0.1:PORT/?token=…", url)
	}
	jar, _ := cookiejar.New(nil)
	resp, err := (&http.Client{Jar: jar, Timeout: 10 * time.Second}).Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "Новая самодиагностика") || !strings.Contains(string(page), "никуда не отправляются") {
		t.Errorf("the page: %d %.300s", resp.StatusCode, page)
	}
	if resp, err := http.Get(strings.Split(url, "?")[0]); err == nil {
		if resp.StatusCode != 403 {
			t.Errorf("without the token: %d, want 403", resp.StatusCode)
		}
		resp.Body.Close()
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after Ctrl-C: %v; stderr %s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Error("Ctrl-C did not stop the server")
	}
	if !strings.Contains(stderr.String(), data) {
		t.Errorf("stderr does not say where the runs are kept: %s", stderr.String())
	}

	out, err := exec.Command(bin, "serve", "--port", "70000", "--no-browser", "--data", data).CombinedOutput()
	if code := exitCode(err); code != ExitUsage || !strings.Contains(string(out), "--port 70000") {
		t.Errorf("a wrong port: exit %d, %s", code, out)
	}

	// The page speaks the model's language, or --lang's.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--model", "../../testdata/frameworks/csf-self-assessment/model"}, "New self-assessment"},
		{[]string{"--lang", "it"}, "Nuova autovalutazione"},
		{[]string{"--model", "../../testdata/frameworks/csf-self-assessment/model", "--lang", "ru"}, "Новая самодиагностика"},
	} {
		if page := servedPage(t, bin, append([]string{"serve", "--no-browser", "--data", t.TempDir()}, tc.args...)); !strings.Contains(page, tc.want) {
			t.Errorf("serve %v: no %q in %.300s", tc.args, tc.want, page)
		}
	}
}

// servedPage starts the program with args, reads the page at the address
// it prints and stops it.
func servedPage(t *testing.T, bin string, args []string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	first, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v", err)
	}
	jar, _ := cookiejar.New(nil)
	resp, err := (&http.Client{Jar: jar, Timeout: 10 * time.Second}).Get(strings.TrimSpace(first))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	return string(page)
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
