// Package cli wires selfdiag's commands to the internal packages. Commands
// are built anew for every call of Main, so tests run them in-process.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/selfdiag/selfdiag/internal/clihelp"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/safetext"
	"github.com/spf13/cobra"
)

// Exit codes, documented in the README.
const (
	ExitOK       = 0 // everything scored cleanly
	ExitProblems = 1 // scored, but the data has problems
	ExitUsage    = 2 // wrong command line
	ExitFailure  = 3 // could not score: unreadable model or input
)

// usageError is a command-line mistake, told in the command line's
// language (--lang) when it is printed; Error is Russian.
type usageError struct{ msg lang.Phrase }

func (e *usageError) Error() string { return e.msg.In(lang.RU) }

func usagef(format string, args ...any) error { return &usageError{lang.P(format, args...)} }

// failure is something the command could not do at all (exit 3), told
// when it is printed in the language the run speaks: --lang when given,
// else the model's (see spokenLang). A message already written in its
// language is a lang.Text.
type failure struct{ msg lang.Localized }

func (e *failure) Error() string { return e.msg.In(lang.RU) }

// failed is err as the command's failure.
func failed(err error) error { return &failure{lang.Message(err)} }

// failf is a failure of the program's own words.
func failf(format string, args ...any) error { return &failure{lang.P(format, args...)} }

// errProblems means the command did its job and reported data problems in
// its output; nothing more is printed.
var errProblems = errors.New("data problems")

// Main runs selfdiag with args (without the program name) and returns the
// exit code. A defect of the program (a panic) is no usage error: it is
// reported as an internal error, its stack kept in a file, exit 3.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	s := &streams{in: stdin, out: stdout, err: stderr, modelLang: new(lang.Lang)}
	var root *cobra.Command
	defer func() {
		if p := recover(); p != nil {
			reportPanic(stderr, p, debug.Stack(), spokenLang(root, *s.modelLang))
			code = ExitFailure
		}
	}()
	root = newRootCmd(s)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	var ue *usageError
	var fe *failure
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errProblems):
		return ExitProblems
	case errors.As(err, &ue), clihelp.IsUsageError(err):
		l := commandLineLang(cmd)
		msg := err.Error()
		if ue != nil {
			msg = ue.msg.In(l)
		}
		fmt.Fprintf(stderr, "selfdiag: %s\n%s\n", printable(clihelp.Translate(msg, l)), l.T("Справка: selfdiag --help"))
		return ExitUsage
	case errors.As(err, &fe):
		fmt.Fprintf(stderr, "selfdiag: %s\n", printable(fe.msg.In(spokenLang(cmd, *s.modelLang))))
		return ExitFailure
	default:
		fmt.Fprintf(stderr, "selfdiag: %s\n", printable(lang.Message(err).In(spokenLang(cmd, *s.modelLang))))
		return ExitFailure
	}
}

// reportPanic says in the run's language that the program failed, and
// where the details for its developers are.
func reportPanic(stderr io.Writer, p any, stack []byte, l lang.Lang) {
	where := l.T("не удалось записать подробности")
	if f, err := os.CreateTemp("", l.T("selfdiag-ошибка-*.txt")); err == nil {
		fmt.Fprintf(f, "selfdiag %s (%s)\npanic: %v\n\n%s", Version, Commit, p, stack)
		if f.Close() == nil {
			where = l.T("подробности записаны в %s", f.Name())
		}
	}
	fmt.Fprintln(stderr, l.T("selfdiag: внутренняя ошибка программы (%s); это ошибка selfdiag, а не ваших файлов. %s — приложите этот файл к сообщению об ошибке",
		printable(fmt.Sprint(p)), where))
}

// printable makes a message safe for a terminal line by line: its lines
// are ours, the values in them are not.
func printable(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = safetext.Terminal(l)
	}
	return strings.Join(lines, "\n")
}
