package rucobra

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Usage is Russian throughout: placeholders by type, defaults named
// «по умолчанию» (empty, false and zero ones left out), subcommands listed.
func TestUsage(t *testing.T) {
	root := &cobra.Command{Use: "selfdiag"}
	sub := &cobra.Command{Use: "batch ФАЙЛ|КАТАЛОГ...", Short: "Обработать район", Run: func(*cobra.Command, []string) {}}
	sub.Flags().StringP("format", "f", "text", "формат")
	sub.Flags().Int("workers", 0, "потоков")
	sub.Flags().StringSlice("report", nil, "отчёты")
	sub.Flags().Bool("quiet", false, "тихо")
	root.PersistentFlags().String("model", "", "модель")
	root.AddCommand(sub)
	var b bytes.Buffer
	root.SetOut(&b)
	sub.SetOut(&b)
	if err := Usage(sub); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Использование:\n  selfdiag batch ФАЙЛ|КАТАЛОГ... [флаги]", "-f, --format ЗНАЧЕНИЕ", "формат (по умолчанию text)",
		"--workers ЧИСЛО", "--report СПИСОК", "Общие флаги:", "--model ЗНАЧЕНИЕ"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %q in:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "по умолчанию 0") || strings.Contains(b.String(), "по умолчанию false") || strings.Contains(b.String(), "[flags]") {
		t.Errorf("English or empty defaults:\n%s", b.String())
	}
	b.Reset()
	Usage(root)
	if !strings.Contains(b.String(), "Команды:\n  batch") {
		t.Errorf("root usage:\n%s", b.String())
	}
}
