// Command selfdiag scores the self-diagnosis of schools in the federal
// project «Школа Минпросвещения России». See the README.
package main

import (
	"os"

	"github.com/inconshreveable/mousetrap"
	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/cli"
)

func main() {
	args := os.Args[1:]
	// Started by a double click in Windows Explorer (no console of its
	// own): the program opens its page in the browser instead of a
	// command line the person never uses.
	cobra.MousetrapHelpText = ""
	if len(args) == 0 && mousetrap.StartedByExplorer() {
		args = []string{"serve"}
	}
	os.Exit(cli.Main(args, os.Stdin, os.Stdout, os.Stderr))
}
