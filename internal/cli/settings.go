package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/settings"
)

// configure binds the running command's flags, the SELFDIAG_* environment
// and the settings file, in that order of precedence, and checks every
// value that does not come from a flag as strictly as a flag is checked;
// then the language of the command line, wherever it was given.
func (a *app) configure(cmd *cobra.Command) error {
	a.cmd = cmd
	if err := a.bindSettings(cmd); err != nil {
		return err
	}
	if l := strings.TrimSpace(a.v.GetString("lang")); l != "" && !slices.Contains(langs, l) {
		return usagef("неизвестный язык %q: допустимы %s%s", l, strings.Join(langs, ", "), a.origin("lang"))
	}
	return nil
}

// bindSettings binds the flags, the environment and the settings file.
func (a *app) bindSettings(cmd *cobra.Command) error {
	v := a.v
	v.SetEnvPrefix("SELFDIAG")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	var bindErr error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if err := v.BindPFlag(f.Name, f); err != nil && bindErr == nil {
			bindErr = err
		}
		if raw := os.Getenv(settings.EnvName(f.Name)); raw != "" && !f.Changed && bindErr == nil {
			if err := settings.CheckValue(f, raw); err != nil {
				bindErr = usagef("переменная окружения %s=%q: %s", settings.EnvName(f.Name), raw, err)
			}
		}
	})
	if bindErr != nil {
		return bindErr
	}
	path := v.GetString("config")
	if path == "" {
		path = settings.Find()
	}
	a.model = v.GetString("model")
	a.municipalities = v.GetString("municipalities")
	if path == "" {
		return nil
	}
	values, err := settings.Read(path, settingsFlags(cmd.Root()))
	if err != nil {
		return failed(err)
	}
	if err := v.MergeConfigMap(values); err != nil {
		return failf("файл настроек %s не прочитан: %s", path, lang.Text(err.Error()))
	}
	a.settingsPath, a.fromFile = path, map[string]bool{}
	for key := range values {
		if f := cmd.Flags().Lookup(key); f != nil && !f.Changed && os.Getenv(settings.EnvName(key)) == "" {
			a.fromFile[key] = true
		}
	}
	l := commandLineLang(cmd)
	note := l.T("Настройки: %s", path)
	// Paths in the settings file are relative to it, and announced.
	fromFile := func(key string) (string, bool) {
		p, ok := values[key].(string)
		if !ok || p == "" || cmd.Flags().Changed(key) || os.Getenv(settings.EnvName(key)) != "" {
			return "", false
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		return p, true
	}
	if p, ok := fromFile("model"); ok {
		a.model = p
		note += l.T("; модель: %s", p)
	}
	if p, ok := fromFile("municipalities"); ok {
		a.municipalities = p
		note += l.T("; список муниципалитетов: %s", p)
	}
	fmt.Fprintln(a.err, note)
	return nil
}

// settingsFlags are the flags a settings file may set, by name: those of
// every command, but for the settings file itself, help, version and the
// output path (a file found in the current folder must not redirect
// output).
func settingsFlags(root *cobra.Command) map[string]*pflag.Flag {
	flags := map[string]*pflag.Flag{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, fs := range []*pflag.FlagSet{c.LocalFlags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) { flags[f.Name] = f })
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, name := range []string{"config", "help", "version", "out", "old-model", "new-model", "previous"} {
		delete(flags, name)
	}
	return flags
}

// municipalityList reads the official municipality names, if a list is
// given.
func (a *app) municipalityList() ([]string, error) {
	names, err := settings.ReadMunicipalities(a.municipalities)
	if err != nil {
		return nil, failed(err)
	}
	return names, nil
}
