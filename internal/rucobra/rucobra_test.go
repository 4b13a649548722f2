package rucobra

import (
	"bytes"
	"errors"
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
	sub.Flags().String("date", "", "дата")
	sub.Flags().SetAnnotation("date", Placeholder, []string{"ДД.ММ.ГГГГ"})
	root.PersistentFlags().String("model", "", "модель")
	root.AddCommand(sub)
	var b bytes.Buffer
	root.SetOut(&b)
	sub.SetOut(&b)
	if err := Usage(sub); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Использование:\n  selfdiag batch ФАЙЛ|КАТАЛОГ... [флаги]", "-f, --format ЗНАЧЕНИЕ", "формат (по умолчанию text)",
		"--workers ЧИСЛО", "--report СПИСОК", "--date ДД.ММ.ГГГГ", "Общие флаги:", "--model ЗНАЧЕНИЕ"} {
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

func TestTranslate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"unknown command \"bach\" for \"selfdiag\"\n\nDid you mean this?\n\tbatch\n", "неизвестная команда \"bach\"; возможно, имелась в виду команда «batch»"},
		{"unknown flag: --fromat", "неизвестный флаг: --fromat"},
		{"unknown shorthand flag: 'x' in -x", "неизвестный флаг: 'x' in -x"},
		{"flag needs an argument: --out", "флагу нужно значение: --out"},
		{"accepts 1 arg(s), received 2", "нужно ровно 1 арг., получено 2"},
		{"requires at least 1 arg(s), only received 0", "нужно не меньше 1 арг., получено 0"},
	}
	for _, tc := range tests {
		if got := Translate(tc.in); got != tc.want {
			t.Errorf("Translate(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !IsUsageError(errors.New(tc.in)) {
			t.Errorf("%q not recognised", tc.in)
		}
	}
	if IsUsageError(errors.New("файл не найден")) {
		t.Error("a failure taken for a usage error")
	}
}
