// Command selfdiag scores the self-diagnosis of schools in the federal
// project «Школа Минпросвещения России». See the README.
package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/cli"
)

func main() {
	// Started by a double click in Windows Explorer, the program explains
	// itself and waits for Enter instead of flashing a window shut.
	cobra.MousetrapHelpText = "selfdiag — программа командной строки, её не запускают двойным щелчком.\n" +
		"Откройте папку с программой, введите cmd в адресной строке Проводника и нажмите Enter;\n" +
		"в открывшемся окне введите, например:\n\n" +
		"  selfdiag.exe batch ответы --out итоги --format html\n\n" +
		"Справка: selfdiag.exe --help. Нажмите Enter, чтобы закрыть это окно."
	cobra.MousetrapDisplayDuration = 0
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
