package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
func TestScripts(t *testing.T) {
	src, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			return os.CopyFS(filepath.Join(env.WorkDir, "testdata"), os.DirFS(src))
		},
	})
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
