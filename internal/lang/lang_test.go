package lang

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var verbs = regexp.MustCompile(`%[a-z]`)

// Every message has its English and Italian text, with the same verbs in
// the same order as the Russian one, and no Cyrillic letter.
func TestCatalogue(t *testing.T) {
	cyrillic := regexp.MustCompile(`\p{Cyrillic}`)
	for ru, tr := range catalogue {
		for _, l := range []Lang{EN, IT} {
			s := tr[l]
			if s == "" {
				t.Errorf("%q has no %s text", ru, l)
				continue
			}
			if !slices.Equal(verbs.FindAllString(s, -1), verbs.FindAllString(ru, -1)) {
				t.Errorf("%q in %s: %q has other verbs", ru, l, s)
			}
			if cyrillic.MatchString(s) {
				t.Errorf("%q in %s: %q has Cyrillic", ru, l, s)
			}
		}
	}
}

func TestLang(t *testing.T) {
	for _, tc := range []struct {
		code       string
		want       Lang
		sheet, num string
	}{{"", RU, "Ответы", "2,5"}, {"ru", RU, "Ответы", "2,5"}, {"en", EN, "Answers", "2.5"}, {"it", IT, "Risposte", "2,5"}, {"de", RU, "Ответы", "2,5"}} {
		l := Of(tc.code)
		if l != tc.want || l.T("Ответы") != tc.sheet || l.Number(2.5) != tc.num {
			t.Errorf("%q: %s, %q, %q", tc.code, l, l.T("Ответы"), l.Number(2.5))
		}
	}
	if got := EN.T("Показатель %s", "ID.AM-1"); got != "Indicator ID.AM-1" {
		t.Errorf("formatted: %q", got)
	}
	if got := IT.T("не в каталоге %d", 3); got != "не в каталоге 3" {
		t.Errorf("a message not yet translated stays Russian: %q", got)
	}
	if got := All("Школа"); !slices.Equal(got, []string{"Школа", "Respondent", "Rispondente"}) {
		t.Errorf("All: %v", got)
	}
}

// The catalogue's parts are not copies of one another: a message is in
// one file only.
func TestCatalogueParts(t *testing.T) {
	parts := map[string]map[string]map[Lang]string{"catalogue_docs.go": documents, "catalogue_cli.go": commandLine, "catalogue_model.go": modelProblems, "catalogue_files.go": fileProblems, "catalogue_web.go": webPage, "catalogue_outputs.go": outputProblems, "catalogue_answers.go": answerProblems}
	files, err := filepath.Glob("catalogue*.go")
	if err != nil || len(files) != len(parts)+1 { // and catalogue.go, the words
		t.Fatalf("catalogue files %v for %d parts: a new part is to be listed here", files, len(parts))
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for name, part := range parts {
			if name == file {
				continue
			}
			for msg := range part {
				if strings.Contains(string(src), strconv.Quote(msg)+":") {
					t.Errorf("%q is in %s and %s", msg, file, name)
				}
			}
		}
	}
}

type testNumber float64

func (n testNumber) In(l Lang) string { return l.Number(float64(n)) }

// A phrase is written in the language asked, its Localized arguments too.
func TestPhrase(t *testing.T) {
	p := P("не удалось прочитать файл: %s", P("файл не найден"))
	if got := p.In(EN); got != "could not read the file: file not found" {
		t.Errorf("en: %q", got)
	}
	if got := p.String(); got != "не удалось прочитать файл: файл не найден" {
		t.Errorf("ru: %q", got)
	}
	if got := P("%s и %s", testNumber(2.5), "x").In(IT); got != "2,5 и x" {
		t.Errorf("a Localized argument: %q", got)
	}
	if got := (Phrase{}).In(EN); got != "" {
		t.Errorf("the empty phrase: %q", got)
	}
}

// An Error is Russian as an error and Localized in a phrase.
func TestError(t *testing.T) {
	err := Errorf("неизвестная кодировка %q: допустимы %s", "koi8", "utf-8")
	if err.Error() != `неизвестная кодировка "koi8": допустимы utf-8` {
		t.Errorf("error: %q", err)
	}
	if got := P("%s", err).In(EN); got != `unknown encoding "koi8": allowed are utf-8` {
		t.Errorf("in a phrase: %q", got)
	}
}

// Joined writes each phrase in the language, Sep between them.
func TestJoined(t *testing.T) {
	j := Joined{Sep: ", ", Items: []Phrase{P("Показатели"), P("Уровни")}}
	if got := j.In(IT); got != "Indicatori, Livelli" {
		t.Errorf("joined: %q", got)
	}
}
