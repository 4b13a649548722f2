package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/atomicfile"
	"github.com/selfdiag/selfdiag/internal/clihelp"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/outdir"
	"github.com/selfdiag/selfdiag/internal/report"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

type streams struct {
	in       io.Reader
	out, err io.Writer
	// modelLang is the language of the model the command loaded last,
	// which its failures are told in unless --lang says otherwise.
	modelLang *lang.Lang
}

// app is one invocation: its streams and its settings, flags over
// SELFDIAG_* environment over the settings file. Each command turns them
// into its own typed options once, checks them, and runs on those.
type app struct {
	streams
	v *viper.Viper
	// model is the model folder in force ("" for the embedded model): a
	// path from the settings file is taken relative to that file. So is
	// municipalities, the file of the official municipality names.
	model, municipalities string
	// inputs are the files and folders this run reads: no output may
	// land on one of them.
	inputs []string
	// fromFile says which settings came from the settings file (not
	// overridden by a flag or the environment), and which file.
	fromFile     map[string]bool
	settingsPath string
	// cmd is the command running, whose flags say what the command line
	// gave.
	cmd *cobra.Command
	// loaded is the model loaded last, which reads an output's target to
	// see it holds no answers.
	loaded *model.Model
}

// regionHint tells a user at the screen, after a text, how to score with
// the region's model.
func (a *app) regionHint(st scoring.ModelStamp) {
	if hint := report.RegionHint(st); hint != "" {
		fmt.Fprintln(a.out, "\n"+hint)
	}
}

// origin says where a wrong value came from when it is the settings
// file's: «ключ format в файле настроек selfdiag.yaml»; "" otherwise.
func (a *app) origin(flag string) lang.Phrase {
	if !a.fromFile[flag] {
		return lang.Phrase{}
	}
	return lang.P(" (ключ %s в файле настроек %s: исправьте его там или укажите --%s)", flag, a.settingsPath, flag)
}

// readsFrom records paths the run reads.
func (a *app) readsFrom(paths ...string) {
	for _, p := range paths {
		if strings.TrimSpace(p) != "" && p != "-" {
			a.inputs = append(a.inputs, p)
		}
	}
}

// overInput refuses an output path that is one of the run's inputs (or
// the model or the municipality list): the program never changes its
// inputs.
func (a *app) overInput(out string) error {
	if out == "" || out == "-" {
		return nil
	}
	// An existing file inside an input folder is one the run may read; a
	// folder of outputs inside it is passed over when collecting.
	st, err := os.Lstat(out)
	exists := err == nil && !st.IsDir()
	for _, in := range append([]string{a.model, a.municipalities}, a.inputs...) {
		if in != "" && (outdir.SamePath(out, in) || exists && outdir.Within(out, in)) {
			return usagef("вывод %s — это файл или папка, которые программа читает в этом запуске; входные файлы она не изменяет: укажите для вывода другое имя", out)
		}
	}
	return nil
}

// Version and Commit are stamped into release builds by the linker
// (-ldflags "-X …cli.Version=1.2.0 -X …cli.Commit=abc1234").
var (
	Version = "dev"
	Commit  = ""
)

const rootLong = `selfdiag — самодиагностика школ проекта «Школа Минпросвещения России» и любой
самооценки, которую описывает модель.

Считает баллы и уровни по компонентам и в целом, находит критические показатели
и дефициты по файлам ответов (.xlsx или .csv) и пишет отчёты.

Настройки берутся из флагов, затем из переменных окружения SELFDIAG_* (например
SELFDIAG_MODEL, SELFDIAG_FORMAT, SELFDIAG_LANG), затем из файла настроек (--config, иначе
./selfdiag.yaml или ~/.config/selfdiag/config.yaml).

Коды выхода: 0 — всё посчитано без замечаний; 1 — посчитано, но в данных есть
проблемы; 2 — ошибка в командной строке; 3 — не удалось посчитать (модель или
файл не читаются).

Документы пишутся на языке модели; --lang задаёт язык этой справки, сообщений командной строки
и страницы serve.

Файл --out с расширением формата (итоги.json, шаблон.csv, отчёт.docx) пишется в этом формате,
если --format не указан в командной строке.`

func newRootCmd(s *streams) *cobra.Command {
	a := &app{streams: *s, v: viper.New()}
	root := &cobra.Command{
		Use:           "selfdiag",
		Short:         "Самодиагностика школ проекта «Школа Минпросвещения России»",
		Long:          rootLong,
		Version:       Version, // printed by the template: versionText
		SilenceErrors: true,
		SilenceUsage:  true,
		// Bind the running command's flags, then read env and settings.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.configure(cmd)
		},
	}
	root.PersistentFlags().String("model", "", "каталог модели показателей или её таблица .xlsx/.csv (по умолчанию — встроенная модель)")
	root.PersistentFlags().String("config", "", "файл настроек YAML")
	root.PersistentFlags().String("lang", "", "язык справки и сообщений командной строки и страницы serve: ru, en или it (документы пишутся на языке модели)")
	root.PersistentFlags().BoolP("help", "h", false, "справка по команде")
	root.Flags().BoolP("version", "v", false, "версия программы и встроенной модели")
	root.SetVersionTemplate("{{selfdiagVersion .}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{lang.P("%s", clihelp.Translate(err.Error(), commandLineLang(c)))}
	})
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetHelpCommand(&cobra.Command{Hidden: true})
	root.SetUsageFunc(func(c *cobra.Command) error { return printHelp(c, false) })
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { printHelp(c, true) })
	root.AddCommand(newScoreCmd(a), newReportCmd(a), newBatchCmd(a), newCompareCmd(a), newTemplateCmd(a), newModelCmd(a), newServeCmd(a))
	clihelp.NamePlaceholders(root, placeholders)
	return root
}

func init() {
	// --version speaks the command line's language.
	cobra.AddTemplateFunc("selfdiagVersion", func(c *cobra.Command) string { return versionText(commandLineLang(c)) })
}

// versionText is what --version prints: the program's version and commit,
// and the embedded model's id and version.
func versionText(l lang.Lang) string {
	commit := Commit
	if info, ok := debug.ReadBuildInfo(); ok && commit == "" {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				commit = s.Value[:7]
			}
		}
	}
	if commit == "" {
		commit = l.T("неизвестен")
	}
	text := l.T("selfdiag %s (коммит %s)", Version, commit)
	if m, err := model.Default(); err == nil {
		text += "\n" + l.T("встроенная модель: %s, версия %s", m.ID, m.Version)
	}
	return text
}

// placeholders say what each flag's value is, in the help: the same name
// gets the same words in every command.
var placeholders = map[string]string{
	"out": "ПУТЬ", "config": "ФАЙЛ", "model": "КАТАЛОГ|ФАЙЛ", "old-model": "КАТАЛОГ|ФАЙЛ", "new-model": "КАТАЛОГ|ФАЙЛ",
	"format": "ФОРМАТ", "encoding": "КОДИРОВКА", "programs": "ПРОГРАММЫ", "ovz": "да|нет", "corrective": "да|нет",
	"municipalities": "ФАЙЛ", "duplicates": "ПРАВИЛО", "incomplete": "ПРАВИЛО", "group-by": "ПОЛЕ", "data": "ПАПКА", "lang": "ru|en|it",
	"previous": "КАТАЛОГ", "territory": "НАЗВАНИЕ", "year": "ГОД", "date": "ДД.ММ.ГГГГ", "layout": "school|district",
	"report": "ФОРМАТЫ", "set": "ПРИЗНАК=ЧТО",
}

// loadModel loads the model in a folder or a spreadsheet, or the
// embedded one for "", and makes its language the run's.
func (a *app) loadModel(dir string) (*model.Model, error) {
	m, err := modelsheet.Open(dir)
	if err != nil {
		return nil, failed(err)
	}
	if a.modelLang != nil {
		*a.modelLang = m.Lang()
	}
	a.loaded = m
	return m, nil
}

// spoken is the language the run's messages are told in (spokenLang):
// --lang when given, else the language of the model loaded last.
func (a *app) spoken() lang.Lang {
	var model lang.Lang
	if a.modelLang != nil {
		model = *a.modelLang
	}
	return spokenLang(a.cmd, model)
}

// says is the language of what is said about the model m (written,
// exported, checked): --lang when given, else m's.
func (a *app) says(m *model.Model) lang.Lang {
	if l, set := commandLineLangSet(a.cmd); set {
		return l
	}
	return m.Lang()
}

// format finds a --format value among the formats offers picks.
func (a *app) format(name string, offers func(report.Format) bool) (report.Format, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	f, ok := report.LookupFormat(name, offers)
	if !ok {
		return f, usagef("неизвестный формат %q: допустимы %s%s", name, strings.Join(report.FormatNames(offers), ", "), a.origin("format"))
	}
	return f, nil
}

// fileFormat is a format an output file may take: its name and its
// extension (without the dot; "" for a folder).
type fileFormat struct{ name, ext string }

// formatNames are the formats' names, in order.
func formatNames(formats []fileFormat) []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// formatChoice reads --format among formats for the output out: a file's
// extension names its format when --format is not on the command line
// (the environment's or the settings file's format is a default, the
// file's name says what is wanted); on the command line, the two must
// agree.
func (a *app) formatChoice(out string, formats []fileFormat) (string, error) {
	name, err := a.choice("format", formatNames(formats)...)
	if err != nil {
		return "", err
	}
	return a.formatOf(name, out, formats)
}

// formatOf is formatChoice for a format name already read.
func (a *app) formatOf(name, out string, formats []fileFormat) (string, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(strings.TrimSpace(out))), ".")
	if out == "-" || ext == "" {
		return name, nil
	}
	byExt := ""
	for _, f := range formats {
		if f.ext == ext {
			byExt = f.name
		}
	}
	switch {
	case byExt == "" && slices.Contains(documentExts, ext):
		return "", usagef("--out %s: файл .%s эта команда не пишет; её форматы: %s", printable(out), ext, strings.Join(formatNames(formats), ", "))
	case byExt == "" || byExt == name:
		return name, nil
	case a.flagGiven("format"):
		return "", usagef("--out %s: по расширению это формат %s, а --format %s; уберите --format или исправьте расширение", printable(out), byExt, name)
	}
	return byExt, nil
}

// documentExts are extensions of files that hold a format of their own:
// another format's text written under such a name would not open.
var documentExts = []string{"xlsx", "docx", "doc", "html", "htm", "json", "csv", "pdf", "odt", "ods"}

// reportFormats are the report formats offers picks, as file formats.
func reportFormats(offers func(report.Format) bool) []fileFormat {
	var out []fileFormat
	for _, name := range report.FormatNames(offers) {
		f, _ := report.LookupFormat(name, offers)
		out = append(out, fileFormat{f.Name, f.Ext})
	}
	return out
}

// looksLikeFile says out, given for a folder, is no folder but the name
// of a file of one of the formats.
func looksLikeFile(out string, formats []fileFormat) bool {
	if st, err := os.Stat(out); out == "" || err == nil && st.IsDir() {
		return false
	}
	return slices.ContainsFunc(formats, func(f fileFormat) bool { return f.ext != "" && strings.EqualFold(filepath.Ext(out), "."+f.ext) })
}

// flagGiven says the command line gave the flag.
func (a *app) flagGiven(name string) bool {
	if a.cmd == nil {
		return false
	}
	f := a.cmd.Flags().Lookup(name)
	return f != nil && f.Changed
}

// choice reads a flag that takes one of a few values.
func (a *app) choice(flag string, allowed ...string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(a.v.GetString(flag)))
	if !slices.Contains(allowed, v) {
		return "", usagef("неизвестный формат %q: допустимы %s%s", v, strings.Join(allowed, ", "), a.origin(flag))
	}
	return v, nil
}

// output writes to the file out atomically, or to stdout for "" or "-";
// never over an input or a school's answers.
func (a *app) output(out string, write func(io.Writer) error) error {
	if err := a.overInput(out); err != nil {
		return err
	}
	if n, _ := a.answersIn(out); n > 0 {
		return usagef("в %s уже есть ответы (%d): результат не записан поверх них; укажите другое имя файла", printable(out), n)
	}
	return a.writeOut(out, write)
}

// writeOut is output once its target is checked.
func (a *app) writeOut(out string, write func(io.Writer) error) error {
	if out == "" || out == "-" {
		if err := write(a.out); err != nil {
			return failf("не удалось вывести результат: %s", lang.Message(err))
		}
		return nil
	}
	if err := atomicfile.Write(out, write); err != nil {
		return failed(err)
	}
	return nil
}

// answersIn counts the answers given in the file at path, read with the
// model loaded last, and says whether it is a model's table: an output
// may replace a blank template or a result, never a school's answers.
func (a *app) answersIn(path string) (n int, modelTable bool) {
	if st, err := os.Stat(path); path == "" || path == "-" || err != nil || !st.Mode().IsRegular() {
		return 0, false
	}
	opts := answers.Options{}
	if a.loaded != nil {
		opts = opts.ForModel(a.loaded)
	}
	err := answers.ReadFile(path, opts, func(sub *submission.Submission) error {
		for _, ans := range sub.Answers {
			if strings.TrimSpace(ans.Value) != "" {
				n++
			}
		}
		return nil
	})
	fe, ok := errors.AsType[*answers.FileError](err)
	return n, ok && fe.Model
}

// printNotes tells what the output folder kept of files the user changed,
// in the model's language.
func (a *app) printNotes(out *outdir.Dir, l lang.Lang) {
	for _, n := range out.Notes() {
		fmt.Fprintln(a.err, printable("selfdiag: "+n.In(l)))
	}
}
