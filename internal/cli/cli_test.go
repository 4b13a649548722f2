package cli

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"selfdiag": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the real command on the bundled samples. Each script
// starts in a work folder holding a copy of the repository's testdata/.
//
// Under the race detector the scripts run a selfdiag built without it:
// the command's concurrency is raced in-process (batch, the tests below),
// and the scripts — hundreds of whole runs of the program — took minutes
// instrumented while finding nothing more.
func TestScripts(t *testing.T) {
	src, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	bin := ""
	if raceBuild {
		bin = plainBinary(t)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			if bin != "" {
				env.Setenv("PATH", bin+string(os.PathListSeparator)+env.Getenv("PATH"))
			}
			// Documents say «по состоянию на» today: the scripts' expected
			// outputs need one date.
			env.Setenv("SELFDIAG_DATE", "01.06.2025")
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache")) // report --out keeps its manifest there
			return os.CopyFS(filepath.Join(env.WorkDir, "testdata"), os.DirFS(src))
		},
	})
}

// plainBinary builds selfdiag without the race detector into a temporary
// folder and returns the folder.
func plainBinary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	name := "selfdiag"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, name), "../../cmd/selfdiag")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// TestMainInProcess checks the entry point with buffers, as sqlc does.
func TestMainInProcess(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main([]string{"model", "validate"}, strings.NewReader(""), &out, &errOut)
	if code != ExitOK || !strings.Contains(out.String(), "ошибок нет") {
		t.Errorf("code %d, out %q, err %q", code, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if code := Main([]string{"score"}, nil, &out, &errOut); code != ExitUsage {
		t.Errorf("score without files: code %d, stderr %q", code, errOut.String())
	}
	if code := Main([]string{"nonsense"}, nil, &out, &errOut); code != ExitUsage || !strings.Contains(errOut.String(), "неизвестная команда") {
		t.Errorf("unknown command: code %d, stderr %q", code, errOut.String())
	}
}

// The report command's exit codes: 0 clean, 1 data problems, 2 usage,
// 3 unreadable input.
func TestReportExitCodes(t *testing.T) {
	t.Chdir("../..")
	out := t.TempDir()
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"report", "testdata/schools/school1.xlsx"}, ExitOK},
		{[]string{"report", "-f", "md", "testdata/broken/bad-answers.csv"}, ExitProblems},
		{[]string{"report", "-f", "xlsx", "testdata/schools/school1.xlsx"}, ExitUsage},
		{[]string{"report", "-f", "xlsx", "-o", out, "testdata/broken/legacy.xls"}, ExitFailure},
		{[]string{"batch", "testdata/schools", "--report", "html"}, ExitUsage},
		{[]string{"batch", "testdata/schools", "--per-school", "--out", out, "--report", "pdf"}, ExitUsage},
		{[]string{"batch", "testdata/schools", "нет-такой-папки"}, ExitUsage},
	} {
		var stdout, stderr bytes.Buffer
		if got := Main(tc.args, nil, &stdout, &stderr); got != tc.want {
			t.Errorf("%v: exit %d, want %d; stderr %q", tc.args, got, tc.want, stderr.String())
		}
	}
}

// panicWriter fails as a defect would, wherever a command writes.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("defect in a writer") }

// TestMainRecoversFromADefect: a panic is an internal error, exit 3 (never
// 2, the code for a command-line mistake), with the stack in a file.
func TestMainRecoversFromADefect(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var errOut bytes.Buffer
	code := Main([]string{"model", "validate"}, strings.NewReader(""), panicWriter{}, &errOut)
	if code != ExitFailure || !strings.Contains(errOut.String(), "внутренняя ошибка программы (defect in a writer)") {
		t.Fatalf("code %d, stderr %q", code, errOut.String())
	}
	files, _ := filepath.Glob(filepath.Join(tmp, "selfdiag-ошибка-*.txt"))
	if len(files) != 1 || !strings.Contains(errOut.String(), files[0]) {
		t.Fatalf("stack files %v, stderr %q", files, errOut.String())
	}
	if data, _ := os.ReadFile(files[0]); !strings.Contains(string(data), "panic: defect in a writer") || !strings.Contains(string(data), "goroutine") {
		t.Errorf("stack file:\n%s", data)
	}
	// In the run's language.
	errOut.Reset()
	if code := Main([]string{"--lang", "en", "model", "validate"}, strings.NewReader(""), panicWriter{}, &errOut); code != ExitFailure ||
		!strings.Contains(errOut.String(), "selfdiag: an internal error of the program (defect in a writer); it is selfdiag's error") {
		t.Errorf("in English: code %d, stderr %q", code, errOut.String())
	}
	if files, _ := filepath.Glob(filepath.Join(tmp, "selfdiag-error-*.txt")); len(files) != 1 {
		t.Errorf("English stack files %v", files)
	}
}
