// Package settings reads selfdiag's settings file, the lowest of its three
// sources of options (flags > SELFDIAG_* environment > settings file): a
// small YAML mapping of flag names to values, read as strictly as the
// flags themselves, every mistake named with the file, line and column.
package settings

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

// maxSize bounds a settings file: a few lines are expected.
const maxSize = 1 << 20

// EnvName is the environment variable of a flag: SELFDIAG_GROUP_BY for
// group-by.
func EnvName(flag string) string {
	return "SELFDIAG_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// CheckValue checks a value for a flag as the flag would parse it.
func CheckValue(f *pflag.Flag, raw string) error {
	switch f.Value.Type() {
	case "int":
		if _, err := strconv.Atoi(strings.TrimSpace(raw)); err != nil {
			return lang.Errorf("ожидалось целое число")
		}
	case "bool":
		if _, err := strconv.ParseBool(strings.TrimSpace(raw)); err != nil {
			return lang.Errorf("ожидалось true или false")
		}
	}
	return nil
}

// Find looks for the settings file where the README says: the
// current folder's selfdiag.yaml, else the user's config folder. Names are
// matched exactly (viper's own search would also take a file named just
// "selfdiag", which is the program itself when run from its folder).
func Find() string {
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

// Read reads a settings file strictly: a YAML mapping of known
// keys to values of their flags' types. Every mistake is reported with the
// file, line and column; an unknown key lists the known ones.
func Read(path string, flags map[string]*pflag.Flag) (map[string]any, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, lang.Errorf("не удалось прочитать файл настроек %s: %s", path, fserr.Phrase(err))
	case !st.Mode().IsRegular():
		return nil, lang.Errorf("не удалось прочитать файл настроек %s: это не обычный файл (каталог или устройство); укажите файл YAML", path)
	case st.Size() > maxSize:
		return nil, lang.Errorf("не удалось прочитать файл настроек %s: он больше %d МБ, а ожидается несколько строк YAML", path, maxSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, lang.Errorf("не удалось прочитать файл настроек %s: %s", path, fserr.Phrase(err))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, lang.Errorf("файл настроек %s не читается как YAML (%s): ожидались строки «ключ: значение», например «format: json»", path, model.YAMLMessage(strings.TrimPrefix(err.Error(), "yaml: ")))
	}
	if len(doc.Content) == 0 {
		return map[string]any{}, nil
	}
	if n := model.FirstAlias(&doc); n != nil {
		return nil, lang.Errorf("файл настроек %s:%d:%d: ссылки YAML (&якорь, *ссылка) в настройках не допускаются: впишите значения прямо", path, n.Line, n.Column)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, lang.Errorf("файл настроек %s:%d:%d: ожидались строки «ключ: значение», например «format: json»", path, root.Line, root.Column)
	}
	known := make([]string, 0, len(flags))
	for name := range flags {
		known = append(known, name)
	}
	slices.Sort(known)
	values := map[string]any{}
	problems := lang.Joined{Sep: "\n"}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], root.Content[i+1]
		at := fmt.Sprintf("%s:%d:%d", path, k.Line, k.Column)
		f, ok := flags[k.Value]
		switch {
		case k.Value == "out" || k.Value == "o":
			problems.Items = append(problems.Items, lang.P("%s: ключ out в файле настроек не допускается: куда писать результат, указывается только флагом --out", at))
			continue
		case !ok:
			problems.Items = append(problems.Items, lang.P("%s: неизвестный ключ «%s»; допустимы: %s", at, k.Value, strings.Join(known, ", ")))
			continue
		}
		if val.Kind == yaml.SequenceNode && f.Value.Type() == "stringSlice" {
			var items []string
			if err := val.Decode(&items); err != nil {
				problems.Items = append(problems.Items, lang.P("%s: ключ %s — ожидался список строк", at, k.Value))
				continue
			}
			values[k.Value] = items
			continue
		}
		if val.Kind != yaml.ScalarNode {
			problems.Items = append(problems.Items, lang.P("%s: ключ %s — ожидалось одно значение", at, k.Value))
			continue
		}
		if err := CheckValue(f, val.Value); err != nil {
			problems.Items = append(problems.Items, lang.P("%s: ключ %s, значение «%s»: %s", at, k.Value, val.Value, err))
			continue
		}
		values[k.Value] = val.Value
	}
	if len(problems.Items) > 0 {
		return nil, lang.Errorf("в файле настроек %s ошибки:\n%s", path, problems)
	}
	return values, nil
}
