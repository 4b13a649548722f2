package clihelp

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/lang"
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
	if err := Usage(sub, lang.RU); err != nil {
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
	Usage(root, lang.RU)
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
		if got := Translate(tc.in, lang.RU); got != tc.want {
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

// In English and Italian the frame is the language's too: cobra's words
// stay English, placeholders by type and defaults are translated.
func TestUsageInLanguages(t *testing.T) {
	for _, tc := range []struct {
		l    lang.Lang
		want []string
	}{
		{lang.EN, []string{"Usage:\n  selfdiag batch FILE [flags]", "--workers NUMBER", "workers (default 4)", "Commands:", "Help on a command: selfdiag [command] --help"}},
		{lang.IT, []string{"Uso:\n  selfdiag batch FILE [opzioni]", "--workers NUMERO", "workers (predefinito 4)", "Comandi:", "Aiuto su un comando: selfdiag [comando] --help"}},
	} {
		root := &cobra.Command{Use: "selfdiag"}
		sub := &cobra.Command{Use: "batch FILE", Short: "batch", Run: func(*cobra.Command, []string) {}}
		sub.Flags().Int("workers", 4, "workers")
		root.AddCommand(sub)
		var b bytes.Buffer
		root.SetOut(&b)
		Usage(sub, tc.l)
		Usage(root, tc.l)
		for _, want := range tc.want {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s: lacks %q in:\n%s", tc.l, want, b.String())
			}
		}
		if strings.ContainsAny(b.String(), "абвгдеёжзийклмнопрстуфхцчшщыьэюя") {
			t.Errorf("%s: Russian in:\n%s", tc.l, b.String())
		}
	}
}

func TestTranslateLanguages(t *testing.T) {
	in := "unknown command \"bach\" for \"selfdiag\"\n\nDid you mean this?\n\tbatch\n"
	for l, want := range map[lang.Lang]string{
		lang.EN: "unknown command \"bach\"; did you mean the command «batch»?",
		lang.IT: "comando sconosciuto \"bach\"; forse intendevate il comando «batch»",
	} {
		if got := Translate(in, l); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
	if got := Translate("accepts 1 arg(s), received 2", lang.IT); got != "servono esattamente 1 argomenti, ricevuti 2" {
		t.Errorf("it: %q", got)
	}
}
