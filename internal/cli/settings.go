package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/model"
)

// maxSettingsSize bounds a settings file: a few lines are expected.
const maxSettingsSize = 1 << 20

// configure binds the running command's flags, the SELFDIAG_* environment
// and the settings file, in that order of precedence, and checks every
// value that does not come from a flag as strictly as a flag is checked.
func (a *app) configure(cmd *cobra.Command) error {
	v := a.v
	v.SetEnvPrefix("SELFDIAG")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	var bindErr error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if err := v.BindPFlag(f.Name, f); err != nil && bindErr == nil {
			bindErr = err
		}
		if raw := os.Getenv(envName(f.Name)); raw != "" && !f.Changed && bindErr == nil {
			if err := checkValue(f, raw); err != nil {
				bindErr = usagef("переменная окружения %s=%q: %s", envName(f.Name), raw, err)
			}
		}
	})
	if bindErr != nil {
		return bindErr
	}
	path := v.GetString("config")
	if path == "" {
		path = findConfig()
	}
	a.model = v.GetString("model")
	a.municipalities = v.GetString("municipalities")
	if path == "" {
		return nil
	}
	values, err := readSettings(path, settingsFlags(cmd.Root()))
	if err != nil {
		return err
	}
	if err := v.MergeConfigMap(values); err != nil {
		return &failure{fmt.Sprintf("файл настроек %s не прочитан: %v", path, err)}
	}
	note := "Настройки: " + path
	// Paths in the settings file are relative to it, and announced.
	fromFile := func(key string) (string, bool) {
		p, ok := values[key].(string)
		if !ok || p == "" || cmd.Flags().Changed(key) || os.Getenv(envName(key)) != "" {
			return "", false
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		return p, true
	}
	if p, ok := fromFile("model"); ok {
		a.model = p
		note += "; модель: " + p
	}
	if p, ok := fromFile("municipalities"); ok {
		a.municipalities = p
		note += "; список муниципалитетов: " + p
	}
	fmt.Fprintln(a.err, note)
	return nil
}

func envName(flag string) string {
	return "SELFDIAG_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// checkValue checks a value for a flag as the flag would parse it.
func checkValue(f *pflag.Flag, raw string) error {
	switch f.Value.Type() {
	case "int":
		if _, err := strconv.Atoi(strings.TrimSpace(raw)); err != nil {
			return fmt.Errorf("ожидалось целое число")
		}
	case "bool":
		if _, err := strconv.ParseBool(strings.TrimSpace(raw)); err != nil {
			return fmt.Errorf("ожидалось true или false")
		}
	}
	return nil
}

// findConfig looks for the settings file where the README says: the
// current folder's selfdiag.yaml, else the user's config folder. Names are
// matched exactly (viper's own search would also take a file named just
// "selfdiag", which is the program itself when run from its folder).
func findConfig() string {
	candidates := []string{"selfdiag.yaml", "selfdiag.yml"}
	if dir, err := os.UserConfigDir(); err == nil {
		candidates = append(candidates, filepath.Join(dir, "selfdiag", "config.yaml"), filepath.Join(dir, "selfdiag", "config.yml"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return c
		}
	}
	return ""
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

// readSettings reads a settings file strictly: a YAML mapping of known
// keys to values of their flags' types. Every mistake is reported with the
// file, line and column; an unknown key lists the known ones.
func readSettings(path string, flags map[string]*pflag.Flag) (map[string]any, error) {
	fail := func(format string, args ...any) error {
		return &failure{fmt.Sprintf(format, args...)}
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fail("не удалось прочитать файл настроек %s: %s", path, fserr.Text(err))
	case !st.Mode().IsRegular():
		return nil, fail("не удалось прочитать файл настроек %s: это не обычный файл (каталог или устройство); укажите файл YAML", path)
	case st.Size() > maxSettingsSize:
		return nil, fail("не удалось прочитать файл настроек %s: он больше %d МБ, а ожидается несколько строк YAML", path, maxSettingsSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fail("не удалось прочитать файл настроек %s: %s", path, fserr.Text(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fail("файл настроек %s не читается как YAML (%s): ожидались строки «ключ: значение», например «format: json»", path, model.YAMLText(strings.TrimPrefix(err.Error(), "yaml: ")))
	}
	if len(doc.Content) == 0 {
		return map[string]any{}, nil
	}
	if n := model.FirstAlias(&doc); n != nil {
		return nil, fail("файл настроек %s:%d:%d: ссылки YAML (&якорь, *ссылка) в настройках не допускаются: впишите значения прямо", path, n.Line, n.Column)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fail("файл настроек %s:%d:%d: ожидались строки «ключ: значение», например «format: json»", path, root.Line, root.Column)
	}
	known := make([]string, 0, len(flags))
	for name := range flags {
		known = append(known, name)
	}
	slices.Sort(known)
	values := map[string]any{}
	var problems []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], root.Content[i+1]
		at := fmt.Sprintf("%s:%d:%d", path, k.Line, k.Column)
		f, ok := flags[k.Value]
		switch {
		case k.Value == "out" || k.Value == "o":
			problems = append(problems, at+": ключ out в файле настроек не допускается: куда писать результат, указывается только флагом --out")
			continue
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: неизвестный ключ «%s»; допустимы: %s", at, k.Value, strings.Join(known, ", ")))
			continue
		}
		if val.Kind == yaml.SequenceNode && f.Value.Type() == "stringSlice" {
			var items []string
			if err := val.Decode(&items); err != nil {
				problems = append(problems, fmt.Sprintf("%s: ключ %s — ожидался список строк", at, k.Value))
				continue
			}
			values[k.Value] = items
			continue
		}
		if val.Kind != yaml.ScalarNode {
			problems = append(problems, fmt.Sprintf("%s: ключ %s — ожидалось одно значение", at, k.Value))
			continue
		}
		if err := checkValue(f, val.Value); err != nil {
			problems = append(problems, fmt.Sprintf("%s: ключ %s, значение «%s»: %s", at, k.Value, val.Value, err))
			continue
		}
		values[k.Value] = val.Value
	}
	if len(problems) > 0 {
		return nil, fail("в файле настроек %s ошибки:\n%s", path, strings.Join(problems, "\n"))
	}
	return values, nil
}
