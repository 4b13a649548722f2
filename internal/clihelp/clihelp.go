// Package clihelp prints cobra's help in the command line's language:
// cobra's usage template and pflag's flag lines are in English, and the
// help is Russian unless --lang says otherwise. Its words come from the
// language catalogue (package lang), keyed by their Russian text.
package clihelp

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// Placeholder is the flag annotation naming what a flag's value is in
// the help: «КАТАЛОГ», «ДД.ММ.ГГГГ»; without it the value's type is named.
const Placeholder = "clihelp_placeholder"

// typePlaceholder names a value by its type: « ЧИСЛО», « СПИСОК».
func typePlaceholder(l lang.Lang, typ string) string {
	switch typ {
	case "int":
		return " " + l.T("ЧИСЛО")
	case "string":
		return " " + l.T("ЗНАЧЕНИЕ")
	case "stringSlice":
		return " " + l.T("СПИСОК")
	}
	return ""
}

// Usage prints a command's usage in the language: cobra's own template
// and pflag's flag lines are in English.
func Usage(c *cobra.Command, l lang.Lang) error {
	var b strings.Builder
	b.WriteString(l.T("Использование:") + "\n")
	if c.Runnable() {
		line := c.CommandPath() // UseLine would add an English "[flags]"
		if _, args, ok := strings.Cut(c.Use, " "); ok {
			line += " " + args
		}
		fmt.Fprintf(&b, "  %s [%s]\n", line, l.T("флаги"))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "  %s [%s]\n", c.CommandPath(), l.T("команда"))
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n%s\n%s\n", l.T("Примеры:"), c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n" + l.T("Команды:") + "\n")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(&b, "  %-*s  %s\n", c.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\n" + l.T("Флаги:") + "\n" + flagLines(c.LocalFlags(), l))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\n" + l.T("Общие флаги:") + "\n" + flagLines(c.InheritedFlags(), l))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n" + l.T("Справка по команде: %s [команда] --help", c.CommandPath()) + "\n")
	}
	_, err := io.WriteString(c.OutOrStderr(), b.String())
	return err
}

// flagLines lists flags as pflag does, in the language: a placeholder by
// type and «по умолчанию» for a default that is not empty.
func flagLines(fs *pflag.FlagSet, l lang.Lang) string {
	type line struct{ name, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "    --" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		switch p := f.Annotations[Placeholder]; {
		case len(p) > 0:
			name += " " + p[0]
		default:
			name += typePlaceholder(l, f.Value.Type())
		}
		usage := f.Usage
		if def := strings.Trim(f.DefValue, "[]"); def != "" && def != "false" && def != "0" {
			usage += " " + l.T("(по умолчанию %s)", def)
		}
		lines = append(lines, line{name, usage})
		width = max(width, len([]rune(name)))
	})
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "  %s%s  %s\n", l.name, strings.Repeat(" ", width-len([]rune(l.name))), l.usage)
	}
	return b.String()
}

// cobraErrors are the beginnings of cobra's and pflag's own argument
// errors, and their words in Russian and Italian (English is cobra's).
var cobraErrors = []struct{ en, ru, it string }{
	{"unknown command", "неизвестная команда", "comando sconosciuto"},
	{"unknown shorthand flag", "неизвестный флаг", "opzione sconosciuta"},
	{"unknown flag", "неизвестный флаг", "opzione sconosciuta"},
	{"flag needs an argument", "флагу нужно значение", "l'opzione richiede un valore"},
	{"invalid argument", "неверное значение", "valore non valido"},
	{"bad flag syntax", "неверная запись флага", "opzione scritta male"},
	{"requires at least", "нужно не меньше", "servono almeno"},
	{"requires at most", "нужно не больше", "servono al massimo"},
	{"accepts at most", "принимает не больше", "accetta al massimo"},
	{"accepts ", "нужно ровно ", "servono esattamente "},
	{"arg(s), only received", "арг., получено", "argomenti, ricevuti"},
	{"arg(s), received", "арг., получено", "argomenti, ricevuti"},
}

// IsUsageError recognises cobra's and pflag's own argument errors.
func IsUsageError(err error) bool {
	msg := err.Error()
	for _, e := range cobraErrors {
		if e.en != "arg(s), only received" && e.en != "arg(s), received" && strings.Contains(msg, e.en) {
			return true
		}
	}
	return false
}

// didYouMean is cobra's suggestion of a command: "\n\nDid you mean this?\n\tbatch\n".
var didYouMean = regexp.MustCompile(`\s*Did you mean this\?\s+(\S+)\s*`)

// Translate puts cobra's English argument errors into the language, on
// one line.
func Translate(msg string, l lang.Lang) string {
	msg = didYouMean.ReplaceAllString(msg, l.T("; возможно, имелась в виду команда «%s»", "$1"))
	pairs := []string{" for \"selfdiag\"", ""}
	if l != lang.EN {
		for _, e := range cobraErrors {
			to := e.ru
			if l == lang.IT {
				to = e.it
			}
			pairs = append(pairs, e.en, to)
		}
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

// NamePlaceholders annotates every flag of the command tree that names
// has a placeholder for, by flag name: the same name gets the same words
// in every command.
func NamePlaceholders(c *cobra.Command, names map[string]string) {
	for _, fs := range []*pflag.FlagSet{c.LocalFlags(), c.PersistentFlags()} {
		fs.VisitAll(func(f *pflag.Flag) {
			if p, ok := names[f.Name]; ok {
				fs.SetAnnotation(f.Name, Placeholder, []string{p})
			}
		})
	}
	for _, sub := range c.Commands() {
		NamePlaceholders(sub, names)
	}
}
