package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/selfdiag/selfdiag/internal/clihelp"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/settings"
)

// helpBook is the command line's help in a language other than Russian;
// the Russian is written in the commands themselves. Commands are keyed
// by their path («selfdiag model show»); a flag by «path --name», or by
// «--name» when it means the same in every command that has it.
type helpBook struct {
	commands map[string]commandHelp
	flags    map[string]string
}

// commandHelp is one command's texts: use is what follows the command's
// name in its usage line («FILE...»).
type commandHelp struct{ use, short, long, example string }

// helpBooks are the languages the help is written in besides Russian.
var helpBooks = map[lang.Lang]helpBook{lang.EN: helpEN, lang.IT: helpIT}

// langs are the values --lang takes.
var langs = []string{string(lang.RU), string(lang.EN), string(lang.IT)}

// commandLineLang is the language of the command line's own words (its
// help and cobra's messages): --lang, else SELFDIAG_LANG, else the
// settings file's lang, else Russian. It is read before the settings are
// checked (help runs without them), so an unknown value means Russian.
func commandLineLang(c *cobra.Command) lang.Lang {
	l, _ := commandLineLangSet(c)
	return l
}

// commandLineLangSet is commandLineLang, and whether the flag, the
// environment or the settings file named it.
func commandLineLangSet(c *cobra.Command) (lang.Lang, bool) {
	if c == nil {
		return lang.RU, false
	}
	if f := c.Flags().Lookup("lang"); f != nil && f.Changed {
		return lang.Of(strings.TrimSpace(f.Value.String())), true
	}
	if v := strings.TrimSpace(os.Getenv(settings.EnvName("lang"))); v != "" {
		return lang.Of(v), true
	}
	path := ""
	if f := c.Flags().Lookup("config"); f != nil {
		path = f.Value.String()
	}
	if path == "" {
		path = settings.Find()
	}
	if path == "" {
		return lang.RU, false
	}
	values, err := settings.Read(path, settingsFlags(c.Root()))
	if err != nil {
		return lang.RU, false
	}
	v, _ := values["lang"].(string)
	return lang.Of(strings.TrimSpace(v)), strings.TrimSpace(v) != ""
}

// spokenLang is the language a run's messages are told in: the command
// line's when --lang (or its environment variable or settings key) names
// one, else the model's the command loaded (Russian before any).
func spokenLang(c *cobra.Command, model lang.Lang) lang.Lang {
	if l, set := commandLineLangSet(c); set {
		return l
	}
	return lang.Of(string(model))
}

// printHelp prints a command's help in the command line's language.
func printHelp(c *cobra.Command, withLong bool) error {
	l := commandLineLang(c)
	localize(c.Root(), l)
	if withLong {
		long := c.Long
		if long == "" {
			long = c.Short
		}
		fmt.Fprintf(c.OutOrStdout(), "%s\n\n", strings.TrimSpace(long))
	}
	return clihelp.Usage(c, l)
}

// localize puts the command tree's texts into the language: the
// commands' words from its help book, the placeholders from the
// catalogue. A text the book lacks stays Russian (TestHelpBooks finds
// it).
func localize(c *cobra.Command, l lang.Lang) {
	book, ok := helpBooks[l]
	if !ok {
		return
	}
	path := c.CommandPath()
	if h, ok := book.commands[path]; ok {
		if h.use != "" {
			c.Use = c.Name() + " " + h.use
		}
		c.Short, c.Long, c.Example = h.short, h.long, h.example
	}
	for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
		fs.VisitAll(func(f *pflag.Flag) {
			if usage, ok := book.flag(path, f.Name); ok {
				f.Usage = usage
			}
			if p := f.Annotations[clihelp.Placeholder]; len(p) > 0 {
				f.Annotations[clihelp.Placeholder] = []string{l.T(placeholders[f.Name])}
			}
		})
	}
	for _, sub := range c.Commands() {
		localize(sub, l)
	}
}

// flag is a flag's usage in the book: the command's own, else the one
// shared by every command.
func (b helpBook) flag(path, name string) (string, bool) {
	if u, ok := b.flags[path+" --"+name]; ok {
		return u, true
	}
	u, ok := b.flags["--"+name]
	return u, ok
}
