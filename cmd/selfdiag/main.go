// Command selfdiag scores the self-diagnosis of schools in the federal
// project «Школа Минпросвещения России». See the README.
package main

import (
	"os"

	"github.com/selfdiag/selfdiag/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
