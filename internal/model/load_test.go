package model

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaultModelLoads(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatalf("default model: %v", err)
	}
	if got := len(m.Indicators); got != 95 {
		t.Errorf("indicators = %d, want 95", got)
	}
	if got := len(m.Components); got != 8 {
		t.Errorf("components = %d, want 8", got)
	}
	wantCritical := []string{"2", "9", "10", "15", "22", "42", "49", "54", "72", "76", "87"}
	var crit []string
	for i, ind := range m.Indicators {
		if ind.ID != strconv.Itoa(i+1) {
			t.Errorf("indicator #%d has id %s: numbering must be continuous", i+1, ind.ID)
		}
		if ind.Critical {
			crit = append(crit, ind.ID)
		}
		if ind.Max <= 0 {
			t.Errorf("indicator %s max = %d", ind.ID, ind.Max)
		}
	}
	if strings.Join(crit, ",") != strings.Join(wantCritical, ",") {
		t.Errorf("critical = %v, want %v", crit, wantCritical)
	}
	if !strings.Contains(m.Source, "НЕ официальная") {
		t.Errorf("source must say it is a reconstruction: %q", m.Source)
	}
	ind, _ := m.Indicator("54")
	if ind.Max != 3 || !ind.Critical || ind.Applies.String() != "ООО или СОО" {
		t.Errorf("indicator 54 = %+v", ind)
	}
	ind, _ = m.Indicator("19")
	for v, want := range map[float64]int{0: 0, 69.9: 0, 70: 1, 99.9: 1, 100: 2} {
		i, ok := ind.BandFor(v)
		if !ok || ind.Bands[i].Points != want {
			t.Errorf("indicator 19, %v%% -> band %d ok=%v, want %d points", v, i, ok, want)
		}
	}
}

const validRoot = `schema: selfdiag.model/v1
id: t
version: "1"
title: Тест
source: тест
levels:
  - {id: below_base, title: ниже базового}
  - {id: base, title: базовый}
  - {id: high, title: высокий}
components:
  - {id: a, title: А, kind: direction}
thresholds:
  default: {percent: {base: 50, high: 80}}
critical_rule: {action: force, level: below_base, scope: both}
`

// withLevels is validRoot with n more levels between base and high, each
// with its threshold.
func withLevels(n int) string {
	levels, thresholds := "", ""
	for i := range n {
		levels += fmt.Sprintf("  - {id: x%d, title: промежуточный %d}\n", i, i)
		thresholds += fmt.Sprintf(", x%d: %d", i, 51+i)
	}
	root := strings.Replace(validRoot, "  - {id: high, title: высокий}\n", levels+"  - {id: high, title: высокий}\n", 1)
	return strings.Replace(root, "{base: 50, high: 80}", "{base: 50"+thresholds+", high: 80}", 1)
}

const validComp = `component: a
indicators:
  - id: "1"
    text: Показатель
    critical: true
    options:
      - {text: нет, points: 0}
      - {text: да, points: 1}
`

func load(files map[string]string) error {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	_, err := Load(fsys, "m")
	return err
}

// loadProblemCase is a model folder and what its error must say.
type loadProblemCase struct {
	name  string
	files map[string]string
	want  []string // substrings, each must appear in the error
}

func TestLoadProblems(t *testing.T) {
	for _, tt := range loadProblemCases() {
		t.Run(tt.name, func(t *testing.T) {
			err := load(tt.files)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
		})
	}
}

func loadProblemCases() []loadProblemCase {
	return []loadProblemCase{
		{"valid", map[string]string{"model.yaml": validRoot, "a.yaml": validComp}, nil},
		{"no root", map[string]string{"a.yaml": validComp}, []string{"m/model.yaml: файл не найден"}},
		{"min_exclusive meets max_inclusive", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + pupils("{min: 2, min_exclusive: true, points: 2}")}, nil},
		{"min_exclusive after an exclusive max leaves a gap", map[string]string{"model.yaml": validRoot,
			"a.yaml": validComp + strings.Replace(pupils("{min: 2, min_exclusive: true, points: 2}"), "max_inclusive: true, ", "", 1)}, []string{"значение 2 не попадает ни в один диапазон"}},
		{"max_inclusive meets an inclusive min", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + pupils("{min: 2, points: 2}")}, []string{"диапазоны показателя 2 перекрываются"}},
		{"min_exclusive on the first band at the number's minimum", map[string]string{"model.yaml": validRoot,
			"a.yaml": validComp + strings.Replace(pupils("{min: 2, min_exclusive: true, points: 2}"), "{min: 0, max: 2,", "{min: 0, min_exclusive: true, max: 2,", 1)}, []string{"значение 0 не попадает ни в один диапазон"}},
		{"select multiple with a cap", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + several("select: multiple\n    max: 2\n")}, nil},
		{"select unknown", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + several("select: many\n")}, []string{`select "many": допустимы single`}},
		{"max above the options' sum", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + several("select: multiple\n    max: 9\n")}, []string{"max 9: нужно от 1 до суммы баллов вариантов (3)"}},
		{"max on a single choice", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + several("max: 2\n")}, []string{"задан max, а выбирается один ответ"}},
		{"select on a number", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + strings.Replace(pupils("{min: 2, min_exclusive: true, points: 2}"), "    number:", "    select: multiple\n    number:", 1)},
			[]string{"заданы select или max"}},
		{"not applicable with points", map[string]string{"model.yaml": validRoot,
			"a.yaml": validComp + several("select: single\n") + "      - {text: не применимо, not_applicable: true, points: 1}\n"}, []string{"(not_applicable) баллы 1"}},
		{"only not applicable", map[string]string{"model.yaml": validRoot,
			"a.yaml": validComp + "  - id: \"3\"\n    text: Т\n    options:\n      - {text: не применимо, not_applicable: true}\n"}, []string{"все варианты ответа — «не применимо»"}},
		{"not applicable without points", map[string]string{"model.yaml": validRoot,
			"a.yaml": validComp + several("select: single\n") + "      - {text: не применимо, not_applicable: true}\n"}, nil},
		{"no critical rule, nothing critical", map[string]string{"model.yaml": strings.Replace(validRoot, "critical_rule: {action: force, level: below_base, scope: both}\n", "", 1),
			"a.yaml": strings.Replace(validComp, "    critical: true\n", "", 1)}, nil},
		{"no critical rule for a critical indicator", map[string]string{"model.yaml": strings.Replace(validRoot, "critical_rule: {action: force, level: below_base, scope: both}\n", "", 1),
			"a.yaml": validComp}, []string{"не задано правило критических показателей", "когда в модели есть критические показатели"}},
		{"words", map[string]string{"model.yaml": validRoot + "words: {report: Self-assessment, note: District review}\n", "a.yaml": validComp}, nil},
		{"words unknown and broken", map[string]string{"model.yaml": validRoot + "words:\n  title: X\n  results: \"a\\nb\"\n  note: " + strings.Repeat("я", 301) + "\n", "a.yaml": validComp},
			[]string{"m/model.yaml:16:3: words: неизвестный ключ «title»; допустимы: report, results, deficits, measures, measures_intro, note",
				"words.results: одна строка", "words.note длиннее 300 знаков"}},
		{"words not a mapping", map[string]string{"model.yaml": validRoot + "words: [a]\n", "a.yaml": validComp}, []string{"m/model.yaml:15"}},
		{"seven levels", map[string]string{"model.yaml": withLevels(4), "a.yaml": validComp}, nil},
		{"eight levels", map[string]string{"model.yaml": withLevels(5), "a.yaml": validComp},
			[]string{"уровней (levels) 8, а различить цветом и штриховкой в документах можно не более 7"}},
		{"level colours", map[string]string{"model.yaml": strings.Replace(validRoot, "title: высокий}", "title: высокий, color: \"#2e7d32\"}", 1), "a.yaml": validComp}, nil},
		{"a level colour not #RRGGBB", map[string]string{"model.yaml": strings.Replace(validRoot, "title: высокий}", "title: высокий, color: green}", 1), "a.yaml": validComp},
			[]string{"m/model.yaml:9:5: цвет (color) уровня \"high\" «green»: нужен цвет вида #RRGGBB"}},
		{"two levels of one colour", map[string]string{"model.yaml": strings.Replace(strings.Replace(validRoot, "title: высокий}", "title: высокий, color: \"#2E7D32\"}", 1),
			"title: базовый}", "title: базовый, color: 2e7d32}", 1), "a.yaml": validComp},
			[]string{"у уровней \"base\" и \"high\" один цвет #2E7D32"}},
		{"syntax", map[string]string{"model.yaml": "id: [", "a.yaml": validComp}, []string{"m/model.yaml:1: ошибка синтаксиса YAML"}},
		{"unknown key", map[string]string{"model.yaml": validRoot + "colour: red\n", "a.yaml": validComp + "    extra: 1\n"},
			[]string{"m/model.yaml:15:1: неизвестный ключ «colour»", "m/a.yaml:9:5: неизвестный ключ «extra»"}},
		{"type error", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "points: 1", "points: много", 1)},
			[]string{"m/a.yaml:8:28: неверный тип значения: баллы (points) — целое число от 0 до 1000, а указано «много»: нужно целое число"}},
		{"indicator id with a leading zero", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: \"01\"", 1)},
			[]string{`номер (id) показателя "01" не подойдёт`}},
		{"indicator id with letters", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: ID.AM-1", 1)}, nil},
		{"indicator id with a space", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: ID AM-1", 1)},
			[]string{`номер (id) показателя "ID AM-1" с пробелом`}},
		{"indicator id too long", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: "+strings.Repeat("x", 41), 1)},
			[]string{"длиннее 40 знаков"}},
		{"alias taken", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: \"1\"\n    aliases: [\"2\"]", 1) + `  - id: "2"
    text: Второй
    options: [{text: да, points: 1}]
`}, []string{"синоним «2» показателя 1 уже означает показатель 2"}},
		{"ids differing in case", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: a.1", 1) + `  - id: A.1
    text: Второй
    options: [{text: да, points: 1}]
`}, []string{"id показателей a.1 и A.1 различаются только регистром"}},
		{"order for some", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: \"1\"\n    order: 2", 1) + `  - id: "2"
    text: Второй
    options: [{text: да, points: 1}]
`}, []string{"у показателя 2 не указан order, а у показателя 1 указан"}},
		{"same order", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: \"1\"\n    order: 2", 1) + `  - id: "2"
    order: 2
    text: Второй
    options: [{text: да, points: 1}]
`}, []string{"у показателей 1 и 2 компонента \"a\" одинаковый order 2"}},
		{"zero weight", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "id: \"1\"", "id: \"1\"\n    weight: 0", 1)},
			[]string{"вес (weight) показателя 1 «0»: нужно число больше 0"}},
		{"component weight not a number", map[string]string{"model.yaml": strings.Replace(validRoot, "kind: direction}", "kind: direction, weight: много}", 1), "a.yaml": validComp},
			[]string{"вес (weight) компонента a «много»"}},
		{"own kinds", map[string]string{"model.yaml": strings.Replace(validRoot, "components:", "kinds: [{id: area, title: area, plural: aree}]\ncomponents:", 1), "a.yaml": validComp},
			[]string{`у компонента "a" неверный kind "direction": допустимы area (area)`}},
		{"a kind without its plural", map[string]string{"model.yaml": strings.Replace(validRoot, "components:", "kinds: [{id: direction, title: область}]\ncomponents:", 1), "a.yaml": validComp},
			[]string{`у вида компонентов "direction" нужны title (один: «область») и plural`}},
		{"unknown language", map[string]string{"model.yaml": validRoot + "language: de\n", "a.yaml": validComp},
			[]string{`language "de": допустимы ru (русский), en (английский) и it (итальянский)`}},
		{"unknown overall", map[string]string{"model.yaml": validRoot + "overall: average\n", "a.yaml": validComp},
			[]string{`overall "average": допустимы sum`}},
		{"overall thresholds with the lowest component level", map[string]string{"model.yaml": strings.Replace(validRoot, "thresholds:", "overall: min_component_level\nthresholds:\n  overall: {percent: {base: 50, high: 80}}", 1), "a.yaml": validComp},
			[]string{"не действуют при overall: min_component_level"}},
		{"points thresholds with the mean of components", map[string]string{"model.yaml": strings.Replace(validRoot, "thresholds:", "overall: mean_of_components\nthresholds:\n  overall: {points: {base: 1, high: 2}}", 1), "a.yaml": validComp},
			[]string{"при overall: mean_of_components находится по среднему процентов компонентов, а пороги thresholds.overall — в баллах"}},
		{"a number as a not-applicable word", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + `  - id: "2"
    text: Доля
    number: {unit: "%", min: 0, max: 100, not_applicable: ["0"]}
    bands: [{min: 0, points: 1}]
`}, []string{"слово «не применимо» (not_applicable) показателя 2 «0» — число"}},
		{"empty measure", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "critical: true", "critical: true\n    measures: [\"Провести аудит\", \" \"]", 1)},
			[]string{"у показателя 1 пустая мера (measures, 2-я)"}},
		{"type error with its column", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "critical: true", "critical: да", 1)},
			[]string{"m/a.yaml:5:15: неверный тип значения: нужно: true или false; найдено: текст «да»"}},
		{"fractional points", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "points: 1", "points: 0.5", 1)},
			[]string{"m/a.yaml:8:28: неверный тип значения: баллы (points) — целое число от 0 до 1000, а указано «0.5»: баллы за ответ не бывают дробными"}},
		{"points threshold out of a profile's reach", map[string]string{"model.yaml": strings.Replace(validRoot, "percent: {base: 50, high: 80}", "points: {base: 1, high: 190}", 1), "a.yaml": validComp},
			[]string{"порог thresholds.default.high = 190 (в баллах) недостижим: школа профиля «НОО» набирает в целом не больше 1 балла"}},
		{"duplicate id", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + "  - {id: \"1\", text: X, options: [{text: нет, points: 0}]}\n"},
			[]string{"m/a.yaml:9:5: показатель 1 уже объявлен: m/a.yaml:3"}},
		{"unknown component", map[string]string{"model.yaml": validRoot, "a.yaml": validComp, "b.yaml": strings.Replace(strings.Replace(validComp, "component: a", "component: zz", 1), `"1"`, `"2"`, 1)},
			[]string{"m/b.yaml:3:5: показатель 2 отнесён к неизвестному компоненту \"zz\""}},
		{"no points", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "{text: да, points: 1}", "{text: да}", 1)},
			[]string{"у варианта «да» показателя 1 не указаны баллы"}},
		{"critical no zero", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "points: 0", "points: 2", 1)},
			[]string{"критический показатель 1 не имеет ответа, дающего меньше 1 балла"}},
		{"duplicate option", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "{text: да, points: 1}", "{text: «Нет», points: 1}", 1)},
			[]string{"ответ ««Нет»» показателя 1 совпадает с вариантом «нет»"}},
		{"bands gap", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + `  - id: "2"
    text: Доля
    number: {unit: "%", min: 0, max: 100}
    bands:
      - {min: 0, max: 30, points: 0}
      - {min: 40, max: 90, points: 1}
`}, []string{"m/a.yaml:14:9: пропуск в диапазонах показателя 2: значения от 30 до 40", "значения до 100 включительно не попадают"}},
		{"bands overlap", map[string]string{"model.yaml": validRoot, "a.yaml": validComp + `  - id: "2"
    text: Доля
    number: {unit: "%", min: 0, max: 100}
    bands:
      - {min: 0, max: 50, points: 0}
      - {min: 40, points: 1}
`}, []string{"диапазоны показателя 2 перекрываются"}},
		{"thresholds not rising", map[string]string{"model.yaml": strings.Replace(validRoot, "base: 50, high: 80", "base: 80, high: 80", 1), "a.yaml": validComp},
			[]string{"пороги thresholds.default должны расти с уровнем"}},
		{"threshold missing level", map[string]string{"model.yaml": strings.Replace(validRoot, "base: 50, high: 80", "base: 50", 1), "a.yaml": validComp},
			[]string{"нет порога для уровня \"high\""}},
		{"threshold over 100", map[string]string{"model.yaml": strings.Replace(validRoot, "base: 50, high: 80", "base: 50, high: 180", 1), "a.yaml": validComp},
			[]string{"вне допустимых пределов"}},
		{"bad rule", map[string]string{"model.yaml": strings.Replace(validRoot, "action: force, level: below_base, scope: both", "action: drop, level: none, scope: all", 1), "a.yaml": validComp},
			[]string{"critical_rule.action \"drop\"", "critical_rule.level \"none\": неизвестный уровень; объявлены: below_base (", "critical_rule.scope \"all\""}},
		{"critical rule list and own rules", map[string]string{"model.yaml": strings.Replace(validRoot, "critical_rule: {action: force, level: below_base, scope: both}",
			"critical_rule:\n  - {action: force, level: below_base, scope: component}\n  - {action: cap, level: base, scope: overall}", 1),
			"a.yaml": strings.Replace(validComp, "critical: true", "critical: {fails_below: 1, rules: [{action: cap, level: base, scope: overall}]}", 1)}, nil},
		{"fails_below above the maximum", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "critical: true", "critical: {fails_below: 2}", 1)},
			[]string{"m/a.yaml:5:15: у критического показателя 1 fails_below 2: нужно от 1 до 1"}},
		{"fails_below zero", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "critical: true", "critical: {fails_below: 0}", 1)},
			[]string{"fails_below 0: нужно от 1 до 1"}},
		{"empty own rules", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "critical: true", "critical: {rules: []}", 1)},
			[]string{"m/a.yaml:5:15: у критического показателя 1 пустой список правил"}},
		{"bad own rule", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "critical: true", "critical:\n      rules: {action: cap, level: zz, scope: both}", 1)},
			[]string{"m/a.yaml:6:14: показатель 1, critical.rules.level \"zz\": неизвестный уровень; объявлены: below_base"}},
		{"unknown key in critical", map[string]string{"model.yaml": validRoot, "a.yaml": strings.Replace(validComp, "critical: true", "critical: {fail_below: 2}", 1)},
			[]string{"m/a.yaml:5:16: неизвестный ключ «fail_below»; допустимы: fails_below, rules"}},
		{"bad kind and program", map[string]string{"model.yaml": strings.Replace(validRoot, "kind: direction", "kind: other", 1), "a.yaml": strings.Replace(validComp, "critical: true", "critical: true\n    applies: {programs: [ВОО]}", 1)},
			[]string{"неверный kind \"other\"", "неизвестное значение \"ВОО\" в programs"}},
	}
}

// A model in English or Italian is told its problems in its language:
// every case of TestLoadProblems, with the model's texts in Latin letters
// (transliterated) and its language declared, fails as it does in
// Russian, and what the program says has no Russian word — only values
// the model or its default respondent gives, in quotes.
func TestLoadProblemsInLanguage(t *testing.T) {
	quoted := regexp.MustCompile(`«[^«»]*»|"[^"]*"`)
	cyrillic := regexp.MustCompile(`\p{Cyrillic}+`)
	for _, code := range []string{"en", "it"} {
		for _, tt := range loadProblemCases() {
			if len(tt.want) == 0 || tt.name == "no root" || tt.name == "syntax" || tt.name == "unknown language" {
				continue // no language to read
			}
			files := map[string]string{}
			for name, body := range tt.files {
				files[name] = transliterate(body)
			}
			files["model.yaml"] += "language: " + code + "\n"
			err := load(files)
			if err == nil {
				t.Errorf("%s %s: no error", code, tt.name)
				continue
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if left := cyrillic.FindAllString(quoted.ReplaceAllString(line, ""), -1); len(left) > 0 {
					t.Errorf("%s %s: Russian %q in %s", code, tt.name, left, line)
				}
			}
		}
	}
}

// transliterate writes Cyrillic letters in Latin ones.
func transliterate(s string) string {
	from := []rune("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
	to := []string{"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "h", "c", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"}
	var b strings.Builder
	for _, r := range s {
		if i := slices.Index(from, r); i >= 0 {
			b.WriteString(to[i%len(to)])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzLoad(f *testing.F) {
	f.Add(validRoot, validComp)
	f.Add("schema: [", "indicators: {")
	f.Add(validRoot+"thresholds: {variants: [{when: {ovz: true}, components: {a: {points: {base: 1, high: 2}}}}]}", validComp)
	f.Fuzz(func(t *testing.T, root, comp string) {
		// Must never panic; a model it returns must be usable.
		m, err := Load(fstest.MapFS{"model.yaml": {Data: []byte(root)}, "a.yaml": {Data: []byte(comp)}}, "m")
		if err == nil {
			for _, c := range m.Components {
				_ = m.Standing(c.ID, m.Respondent.DefaultProfile(), 0, 1)
			}
		}
	})
}

// TestStanding: the points a level needs are the fewest that reach its
// threshold by the definition (points/max*100 >= value for percents,
// points >= value for points), and the level is the highest one reached.
func TestStanding(t *testing.T) {
	reaches := func(s ThresholdSet, i, points, max int) bool {
		v := new(big.Rat).SetFrac64(s.Values[i].Num, s.Values[i].Den)
		if s.Unit == UnitPercent {
			if max <= 0 {
				return false
			}
			return new(big.Rat).SetFrac64(int64(points)*100, int64(max)).Cmp(v) >= 0
		}
		return new(big.Rat).SetInt64(int64(points)).Cmp(v) >= 0
	}
	sets := []ThresholdSet{
		{Unit: UnitPercent, Values: []Rational{{}, {35, 1}, {60, 1}, {85, 1}}},
		{Unit: UnitPercent, Values: []Rational{{}, {71, 2}, {200, 3}, {100, 1}}},
		{Unit: UnitPercent, Values: []Rational{{}, {0, 1}, {101, 1}}},
		{Unit: UnitPoints, Values: []Rational{{}, {44, 1}, {153, 2}, {107, 1}}},
		{Unit: UnitPoints, Values: []Rational{{}, {-3, 1}, {190, 1}}},
	}
	for _, set := range sets {
		m := &Model{Levels: make([]Level, len(set.Values)), Thresholds: Thresholds{Default: set}}
		for max := 0; max <= 150; max++ {
			// The fewest points reaching each level, by trying them all.
			needs := make([]int, len(set.Values))
			for l := 1; l < len(set.Values); l++ {
				needs[l] = -1
				for p := 0; p <= max && needs[l] < 0; p++ {
					if reaches(set, l, p, max) {
						needs[l] = p
					}
				}
			}
			for points := 0; points <= max; points++ {
				st := m.Standing("", m.Respondent.DefaultProfile(), points, max)
				if !slices.Equal(st.Needs[1:], needs[1:]) {
					t.Fatalf("%v, max %d: needs %v, want %v", set, max, st.Needs, needs)
				}
				want := 0
				for l := 1; l < len(set.Values); l++ {
					if reaches(set, l, points, max) {
						want = l
					}
				}
				if st.Level != want {
					t.Fatalf("%v: %d of %d: level %d, want %d", set, points, max, st.Level, want)
				}
			}
		}
	}
}

// TestModelHash: the fingerprint is the model's, not its files': the same
// for the same model however written (a comment, another layout), and
// different when anything the model says changes, though id and version
// stay.
func TestModelHash(t *testing.T) {
	load := func(comp string) string {
		t.Helper()
		m, err := Load(fstest.MapFS{"model.yaml": {Data: []byte(validRoot)}, "a.yaml": {Data: []byte(comp)}}, "m")
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Hash) != HashLen {
			t.Fatalf("hash %q", m.Hash)
		}
		return m.Hash
	}
	a, b := load(validComp), load(validComp)
	c := load(strings.Replace(validComp, "points: 1", "points: 2", 1))
	if a != b || a == c {
		t.Errorf("hashes %s %s %s: same files must match, changed ones differ", a, b, c)
	}
	if e := load("# пояснение методиста\n" + validComp + "\n\n"); e != a {
		t.Errorf("a comment changed the fingerprint: %s, was %s", e, a)
	}
	if d, _ := Default(); d.Hash == "" {
		t.Error("the embedded model has no hash")
	}
}

// TestModelFilesHardened: links out of the folder, aliases and points
// near the integer limit are errors, not followed, expanded or summed.
func TestModelFilesHardened(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "model.yaml"), []byte(validRoot), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.yaml"))
	_, err := Load(os.DirFS(dir), dir)
	if err == nil || !strings.Contains(err.Error(), "passwd.yaml: это ссылка или не обычный файл") || strings.Contains(err.Error(), "root:") {
		t.Errorf("link: %v", err)
	}
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	_, err = Load(fstest.MapFS{"model.yaml": {Data: []byte(validRoot)}, "a.yaml": {Data: []byte(bomb)}}, "m")
	if err == nil || !strings.Contains(err.Error(), "a.yaml:1:4: ссылки YAML") {
		t.Errorf("aliases: %v", err)
	}
	huge := strings.Replace(validComp, "points: 1", "points: 9223372036854775807", 1)
	_, err = Load(fstest.MapFS{"model.yaml": {Data: []byte(validRoot)}, "a.yaml": {Data: []byte(huge)}}, "m")
	if err == nil || !strings.Contains(err.Error(), "вне допустимых пределов: от 0 до 1000") {
		t.Errorf("huge points: %v", err)
	}
}

func TestYAMLText(t *testing.T) {
	for in, want := range map[string]string{
		"cannot unmarshal !!str `да` into bool":                  "нужно: true или false; найдено: текст «да»",
		"cannot unmarshal !!seq into model.plain":                "нужно: словарь ключей; найдено: список",
		"cannot unmarshal !!map into []string":                   "нужно: список; найдено: словарь",
		"cannot unmarshal !!str `x` into int":                    "нужно: целое число; найдено: текст «x»",
		"line 2: mapping values are not allowed in this context": "строка 2: здесь не может быть «ключ: значение» (проверьте отступы и двоеточия)",
	} {
		if got := YAMLText(in); got != want {
			t.Errorf("YAMLText(%q) = %q, want %q", in, got, want)
		}
	}
	// A model file with a list where a mapping goes says so in Russian.
	_, err := Load(fstest.MapFS{"model.yaml": {Data: []byte(validRoot)}, "a.yaml": {Data: []byte("component: [a]\nindicators: []\n")}}, "m")
	if err == nil || strings.Contains(err.Error(), "cannot unmarshal") || !strings.Contains(err.Error(), "найдено: список") {
		t.Errorf("type error: %v", err)
	}
}

// A syntax or type error in a component file is one error: what the file
// holds is unknown, so «no indicators» and an empty component are no
// errors of their own.
func TestSyntaxErrorAlone(t *testing.T) {
	for name, comp := range map[string]string{
		"syntax": strings.Replace(validComp, "indicators:", "indicators:\n  component a", 1),
		"type":   strings.Replace(validComp, "critical: true", "critical: да", 1),
	} {
		err := load(map[string]string{"model.yaml": validRoot, "a.yaml": comp})
		if err == nil || strings.Count(strings.TrimSpace(err.Error()), "\n") != 0 || !strings.Contains(err.Error(), "m/a.yaml:") {
			t.Errorf("%s error: want exactly one error, in a.yaml:\n%v", name, err)
		}
	}
}

// pupils is a numeric indicator «pupils per device», ≤ 2 → 3 points, and
// the next band as given.
func pupils(next string) string {
	return `  - id: "2"
    text: Учеников на устройство
    number: {unit: чел., min: 0}
    bands:
      - {min: 0, max: 2, max_inclusive: true, points: 3}
      - ` + next + "\n"
}

// several is a choice indicator of three options a point each, with the
// keys given (indented as an indicator's).
func several(keys string) string {
	return `  - id: "3"
    text: Программы в работе
    ` + keys + `    options:
      - {text: LibreOffice, points: 1}
      - {text: Linux, points: 1}
      - {text: Moodle, points: 1}
`
}
