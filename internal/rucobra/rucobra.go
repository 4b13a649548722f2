// Package rucobra prints cobra's help in Russian: cobra's usage template
// and pflag's flag lines are in English, and what users see is in the
// model's language.
package rucobra

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Placeholder is the flag annotation naming what a flag's value is in
// the help: «КАТАЛОГ», «ДД.ММ.ГГГГ»; without it the value's type is named.
const Placeholder = "rucobra_placeholder"

// typePlaceholder names a value by its type: « ЧИСЛО», « СПИСОК».
func typePlaceholder(typ string) string {
	switch typ {
	case "int":
		return " ЧИСЛО"
	case "string":
		return " ЗНАЧЕНИЕ"
	case "stringSlice":
		return " СПИСОК"
	}
	return ""
}

// Usage prints a command's usage in Russian: cobra's own template
// and pflag's flag lines are in English.
func Usage(c *cobra.Command) error {
	var b strings.Builder
	b.WriteString("Использование:\n")
	if c.Runnable() {
		line := c.CommandPath() // UseLine would add an English "[flags]"
		if _, args, ok := strings.Cut(c.Use, " "); ok {
			line += " " + args
		}
		fmt.Fprintf(&b, "  %s [флаги]\n", line)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "  %s [команда]\n", c.CommandPath())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\nПримеры:\n%s\n", c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\nКоманды:\n")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(&b, "  %-*s  %s\n", c.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\nФлаги:\n" + flagLines(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\nОбщие флаги:\n" + flagLines(c.InheritedFlags()))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\nСправка по команде: %s [команда] --help\n", c.CommandPath())
	}
	_, err := io.WriteString(c.OutOrStderr(), b.String())
	return err
}

// flagLines lists flags as pflag does, in Russian: a placeholder by type
// and «по умолчанию» for a default that is not empty.
func flagLines(fs *pflag.FlagSet) string {
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
			name += typePlaceholder(f.Value.Type())
		}
		usage := f.Usage
		if def := strings.Trim(f.DefValue, "[]"); def != "" && def != "false" && def != "0" {
			usage += fmt.Sprintf(" (по умолчанию %s)", def)
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

// IsUsageError recognises cobra's and pflag's own argument errors.
func IsUsageError(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "requires at most", "bad flag syntax"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// didYouMean is cobra's suggestion of a command: "\n\nDid you mean this?\n\tbatch\n".
var didYouMean = regexp.MustCompile(`\s*Did you mean this\?\s+(\S+)\s*`)

// Translate puts cobra's English argument errors into Russian.
func Translate(msg string) string {
	msg = didYouMean.ReplaceAllString(msg, "; возможно, имелась в виду команда «$1»")
	r := strings.NewReplacer(
		"unknown command", "неизвестная команда",
		"unknown shorthand flag", "неизвестный флаг",
		"unknown flag", "неизвестный флаг",
		"flag needs an argument", "флагу нужно значение",
		"invalid argument", "неверное значение",
		" for \"selfdiag\"", "",
		"requires at least", "нужно не меньше",
		"accepts at most", "принимает не больше",
		"accepts ", "нужно ровно ",
		"arg(s), only received", "арг., получено",
		"arg(s), received", "арг., получено",
	)
	return r.Replace(msg)
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
