package sampledata

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

var update = flag.Bool("update", false, "regenerate the sample files under testdata/")

const root = "../../testdata"

// sampleSchools are the bundled one-school samples.
func sampleSchools(m *model.Model) map[string]School {
	full := modeltest.DefaultProfile()
	withOVZ := modeltest.SchoolProfile(true, false, modeltest.AllPrograms...)
	nooOOO := modeltest.SchoolProfile(false, false, "НОО", "ООО")
	return map[string]School{
		"school1": {Name: "МБОУ «Средняя общеобразовательная школа № 1»", Code: "660001", Municipality: "Кировский район", Year: "2024", Filled: "15.05.2024",
			Profile: withOVZ, Answers: Answers(m, withOVZ, 1, 0.8)},
		"school2": {Name: "МКОУ «Основная школа с. Берёзовка»", Code: "660002", Municipality: "Заречный городской округ", Year: "2024",
			Profile: nooOOO, Answers: Answers(m, nooOOO, 2, 0.55)},
		"school3": {Name: "МАОУ «Лицей № 3»", Code: "660003", Municipality: "Кировский район", Year: "2024",
			Profile: full, Answers: Answers(m, full, 3, 0.97)},
		"federal": {Name: "МБОУ «Гимназия № 4»", Code: "660004", Municipality: "Светлогорский район", Year: "2024",
			Profile: full, Answers: Answers(m, full, 4, 0.7)},
		"corrective": {Name: "ГКОУ «Специальная (коррекционная) школа-интернат № 5»", Code: "660005", Municipality: "Светлогорский район", Year: "2024",
			Profile: modeltest.SchoolProfile(true, true, "НОО", "ООО"),
			Answers: Answers(m, modeltest.SchoolProfile(true, true, "НОО", "ООО"), 5, 0.5)},
	}
}

func TestSampleFiles(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	schools := sampleSchools(m)
	fed := schools["federal"]
	fedResult := scoring.Score(m, &submission.Submission{School: submission.School{Profile: fed.Profile}, Answers: toAnswers(fed.Answers)})

	files := map[string]func(io.Writer) error{
		"schools/school1.xlsx":       func(w io.Writer) error { return SchoolXLSX(w, m, schools["school1"]) },
		"schools/school2-cp1251.csv": csvFile(m, schools["school2"], CSVOptions{Delim: ';', Windows1251: true}),
		"schools/school3-utf8.csv":   csvFile(m, schools["school3"], CSVOptions{Delim: ',', BOM: true, WithPoints: true}),
		"schools/federal-table.xlsx": func(w io.Writer) error {
			return FederalXLSX(w, m, fed, fedResult.Total.Points, upper(fedResult.Total.LevelTitle))
		},
		"schools/corrective-ovz.csv": csvFile(m, schools["corrective"], CSVOptions{Delim: ';', SepLine: true}),
	}
	// The district folder: what a coordinator collects, good and bad.
	district := District(m, 10, 7)
	files["district/Кировский район/школа-1.xlsx"] = func(w io.Writer) error { return SchoolXLSX(w, m, schools["school1"]) }
	files["district/Кировский район/лицей-3.csv"] = csvFile(m, schools["school3"], CSVOptions{Delim: ';', Windows1251: true})
	files["district/Заречный округ/таблица-района.csv"] = func(w io.Writer) error {
		return DistrictCSV(w, m, district[:6], CSVOptions{Delim: ';', Windows1251: true})
	}
	files["district/Заречный округ/таблица-района.xlsx"] = func(w io.Writer) error { return DistrictXLSX(w, m, district[6:]) }
	dup := schools["school1"]
	dup.Name = "МБОУ СОШ №1 (повторная отправка)"
	dup.Filled = "01.04.2024" // earlier than the school's own file: that one counts
	files["district/повтор-школы-1.csv"] = csvFile(m, dup, CSVOptions{Delim: ';'})
	for name, fn := range files {
		path := filepath.Join(root, name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := WriteFile(path, fn); err != nil {
				t.Fatal(err)
			}
		}
		// Every sample must read and score without a single problem.
		n := 0
		err := answers.ReadFile(path, answers.Options{}, func(sub *submission.Submission) error {
			n++
			r := scoring.Score(m, sub)
			for _, p := range r.Problems {
				t.Errorf("%s: %s", name, p)
			}
			if r.Incomplete {
				t.Errorf("%s: incomplete", name)
			}
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v (run: go test ./internal/sampledata -update)", name, err)
		}
		if want := map[string]int{"district/Заречный округ/таблица-района.csv": 6, "district/Заречный округ/таблица-района.xlsx": 4}[name]; want != 0 {
			if n != want {
				t.Errorf("%s: %d schools read, want %d", name, n, want)
			}
		} else if n != 1 {
			t.Errorf("%s: %d schools read, want 1", name, n)
		}
	}
}

func csvFile(m *model.Model, s School, o CSVOptions) func(io.Writer) error {
	return func(w io.Writer) error {
		b, err := SchoolCSV(m, s, o)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
}

func toAnswers(a map[string]string) []submission.Answer {
	var out []submission.Answer
	for id, v := range a {
		out = append(out, submission.Answer{Indicator: id, Value: v})
	}
	return out
}

func upper(s string) string { return string(bytes.ToUpper([]byte(s))) }
