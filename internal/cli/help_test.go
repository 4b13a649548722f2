package cli

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// helpTexts are the texts of the command tree that the help shows, keyed
// as the help books key them, in the tree's current language.
func helpTexts(root *cobra.Command) map[string]string {
	texts := map[string]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		path := c.CommandPath()
		texts[path+" short"] = c.Short
		if c.Long != "" {
			texts[path+" long"] = c.Long
		}
		if c.Example != "" {
			texts[path+" example"] = c.Example
		}
		if _, args, ok := strings.Cut(c.Use, " "); ok {
			texts[path+" use"] = args
		}
		for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) {
				if !f.Hidden {
					texts[path+" --"+f.Name] = f.Usage
				}
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return texts
}

// latinWords are the words of a text in Latin letters and digits: names
// of flags, formats, files, schemas and numbers, which a translation keeps.
var latinWords = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9_]*`)

// russianLeft is what of a translation's Cyrillic is not allowed: text in
// «» quotes may cite a file's Russian words («Сумма баллов за весь тест»),
// and the school model's values are typed as they are (--ovz нет).
func russianLeft(s string) string {
	s = regexp.MustCompile(`«[^»]*»`).ReplaceAllString(s, "")
	for _, v := range []string{"да", "нет", "НОО", "ООО", "СОО"} {
		s = regexp.MustCompile(`(^|[^\p{L}])`+v+`($|[^\p{L}])`).ReplaceAllString(s, "$1$2")
	}
	return strings.Join(regexp.MustCompile(`[\p{Cyrillic}]+`).FindAllString(s, -1), " ")
}

// Every command and flag has its help in English and Italian, and each
// translation keeps the Russian's flags, formats, numbers and names: a
// Russian text changed without its translations (a new flag mentioned, a
// format added) fails here. A book holds nothing the program lacks.
func TestHelpBooks(t *testing.T) {
	ru := helpTexts(newRootCmd(&streams{}))
	for _, l := range []lang.Lang{lang.EN, lang.IT} {
		root := newRootCmd(&streams{})
		localize(root, l)
		tr := helpTexts(root)
		for key, text := range ru {
			got := tr[key]
			if got == text {
				t.Errorf("%s: %s is not translated: %q", l, key, text)
				continue
			}
			words := latinWords.FindAllString(got, -1)
			for _, w := range latinWords.FindAllString(text, -1) {
				if !slices.Contains(words, w) {
					t.Errorf("%s: %s lacks %q of the Russian:\n%s\n---\n%s", l, key, w, text, got)
				}
			}
			if left := russianLeft(got); left != "" {
				t.Errorf("%s: %s has Russian words %q:\n%s", l, key, left, got)
			}
		}
		book := helpBooks[l]
		for path := range book.commands {
			if _, ok := ru[path+" short"]; !ok {
				t.Errorf("%s: the book has the command %q the program lacks", l, path)
			}
		}
		for key := range book.flags {
			if strings.HasPrefix(key, "--") {
				if !slices.ContainsFunc(slices.Collect(mapKeys(ru)), func(k string) bool { return strings.HasSuffix(k, " "+key) }) {
					t.Errorf("%s: the book has the flag %q no command has", l, key)
				}
			} else if _, ok := ru[key]; !ok {
				t.Errorf("%s: the book has the flag %q the program lacks", l, key)
			}
		}
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// The help a user gets with --lang en or it is in that language from top
// to bottom, for every command; without --lang it is Russian.
func TestHelpInLanguage(t *testing.T) {
	var paths [][]string
	var walk func(c *cobra.Command, args []string)
	walk = func(c *cobra.Command, args []string) {
		if c.Hidden {
			return
		}
		paths = append(paths, args)
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(args), sub.Name()))
		}
	}
	walk(newRootCmd(&streams{}), nil)
	for _, tc := range []struct {
		lang string
		want string
	}{{"en", "Usage:"}, {"it", "Uso:"}, {"", "Использование:"}} {
		for _, args := range paths {
			args = append(args, "--help")
			if tc.lang != "" {
				args = append(args, "--lang", tc.lang)
			}
			var out, errOut bytes.Buffer
			if code := Main(args, strings.NewReader(""), &out, &errOut); code != ExitOK {
				t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
			}
			if !strings.Contains(out.String(), "\n"+tc.want+"\n") {
				t.Errorf("%v: no %q in:\n%s", args, tc.want, out.String())
			}
			if left := russianLeft(out.String()); tc.lang != "" && left != "" {
				t.Errorf("%v: Russian words %q in:\n%s", args, left, out.String())
			}
		}
	}
}
