package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/selfdiag/selfdiag/internal/atomicfile"
	"github.com/selfdiag/selfdiag/internal/model"
)

type streams struct {
	in       io.Reader
	out, err io.Writer
}

// app is the state of one invocation: streams and configuration.
type app struct {
	streams
	v *viper.Viper
}

const rootLong = `selfdiag — самодиагностика школ проекта «Школа Минпросвещения России».

Считает баллы и уровни по компонентам и в целом, находит критические показатели
и дефициты по файлам ответов (.xlsx или .csv) и пишет отчёты.

Настройки берутся из флагов, затем из переменных окружения SELFDIAG_* (например
SELFDIAG_MODEL, SELFDIAG_FORMAT), затем из файла настроек (--config, иначе
./selfdiag.yaml или ~/.config/selfdiag/config.yaml).

Коды выхода: 0 — всё посчитано без замечаний; 1 — посчитано, но в данных есть
проблемы; 2 — ошибка в командной строке; 3 — не удалось посчитать (модель или
файл не читаются).`

func newRootCmd(s *streams) *cobra.Command {
	a := &app{streams: *s, v: viper.New()}
	root := &cobra.Command{
		Use:           "selfdiag",
		Short:         "Самодиагностика школ проекта «Школа Минпросвещения России»",
		Long:          rootLong,
		SilenceErrors: true,
		SilenceUsage:  true,
		// Bind the running command's flags, then read env and config file.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.configure(cmd)
		},
	}
	root.PersistentFlags().String("model", "", "каталог модели показателей (по умолчанию — встроенная модель)")
	root.PersistentFlags().String("config", "", "файл настроек YAML")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{translateCobra(err.Error())} })
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetHelpCommand(&cobra.Command{Hidden: true})
	root.AddCommand(newScoreCmd(a), newReportCmd(a), newBatchCmd(a), newTemplateCmd(a), newModelCmd(a))
	return root
}

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
	})
	if bindErr != nil {
		return bindErr
	}
	cfg := v.GetString("config")
	if cfg == "" {
		cfg = findConfig()
		if cfg == "" {
			return nil
		}
	}
	v.SetConfigFile(cfg)
	if err := v.ReadInConfig(); err != nil {
		return &failure{fmt.Sprintf("не удалось прочитать файл настроек %s: %v", cfg, err)}
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

// loadModel loads the model named by --model / SELFDIAG_MODEL / config, or the embedded one.
func (a *app) loadModel() (*model.Model, error) {
	dir := a.v.GetString("model")
	if dir == "" {
		m, err := model.Default()
		if err != nil {
			return nil, &failure{"встроенная модель повреждена:\n" + err.Error()}
		}
		return m, nil
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, &failure{fmt.Sprintf("каталог модели %s не найден: укажите каталог с файлом %s", dir, model.RootFile)}
	}
	m, err := model.Load(os.DirFS(dir), dir)
	if err != nil {
		return nil, &failure{"модель не загружена, исправьте ошибки:\n" + err.Error()}
	}
	return m, nil
}

// format reads and checks the --format value.
func (a *app) format(allowed ...string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(a.v.GetString("format")))
	for _, x := range allowed {
		if f == x {
			return f, nil
		}
	}
	return "", usagef("неизвестный формат %q: допустимы %s", f, strings.Join(allowed, ", "))
}

// output writes to --out atomically, or to stdout.
func (a *app) output(write func(io.Writer) error) error {
	out := a.v.GetString("out")
	if out == "" || out == "-" {
		return write(a.out)
	}
	if err := atomicfile.Write(out, write); err != nil {
		return &failure{err.Error()}
	}
	return nil
}
