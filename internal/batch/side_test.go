package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
)

func TestNoAnswers(t *testing.T) {
	output := Skipped{Path: "итоги", Reason: lang.P("папка результатов selfdiag"), Output: true}
	other := Skipped{Path: "анкета.xls", Reason: lang.P("старый формат")}
	letter := Skipped{Path: "приказ.pdf", Reason: lang.P("не файл ответов"), NotAnswers: true}
	tests := []struct {
		name    string
		files   []string
		skipped []Skipped
		prefix  string
		err     string
	}{
		{"answer files", []string{"a.csv"}, nil, "", ""},
		{"a district run lists a workbook it cannot read as unread", nil, []Skipped{other}, "", ""},
		{"a side needs answers", nil, []Skipped{other}, "сторона «было»: ", "сторона «было»: не найдено ни одного файла ответов"},
		{"only outputs: say what a comparison needs", nil, []Skipped{output}, "", "нет файлов ответов, только результаты selfdiag"},
		{"nothing at all", nil, nil, "", "не найдено ни одного файла ответов (.xlsx или .csv) в: папка"},
		{"only a covering letter", nil, []Skipped{letter}, "", "не найдено ни одного файла ответов"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := NoAnswers(tc.files, tc.skipped, lang.P(tc.prefix), "папка")
			if (tc.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
	if lines := OutputsPassed([]Skipped{output, other}, lang.P("сторона: ")); len(lines) != 1 || lines[0].In(lang.RU) != "сторона: итоги: папка результатов selfdiag" {
		t.Errorf("outputs passed: %q", lines)
	}
}

// A side from answer files: scored by the district pipeline, with the
// unread files and duplicates named by side; a missing path is its own
// error, and the model is loaded only for answer files.
func TestLoadSide(t *testing.T) {
	m, dir := answerFolder(t, map[string]string{"a.csv": "school", "a-копия.csv": "school", "b.csv": "не таблица\n"})
	loads := 0
	load := func() (*model.Model, error) { loads++; return m, nil }
	side, notes, err := LoadSide("было", dir, load, DistrictOptions{})
	if err != nil || loads != 1 {
		t.Fatalf("%v, model loaded %d times", err, loads)
	}
	if len(side.Schools) != 1 || len(notes.Failed) != 1 || len(notes.Duplicates) != 1 ||
		!strings.HasPrefix(notes.Failed[0], "сторона «было»: ") || !strings.Contains(notes.Duplicates[0], "повтор школы") {
		t.Errorf("%d schools; notes %+v", len(side.Schools), notes)
	}
	var missing *MissingError
	if _, _, err := LoadSide("было", filepath.Join(dir, "нет"), load, DistrictOptions{}); !errors.As(err, &missing) {
		t.Errorf("missing path: %v", err)
	}
}

// answerFolder is the embedded model and a folder of files; "school"
// stands for a sample school's answers.
func answerFolder(t *testing.T, files map[string]string) (*model.Model, string) {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	school, err := os.ReadFile("../../testdata/schools/school3-utf8.csv")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, text := range files {
		data := []byte(text)
		if text == "school" {
			data = school
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return m, dir
}
