package report

import (
	"bytes"
	"strings"
	"testing"
)

// Every school report shows «Изменения с прошлой самодиагностики» when
// the school was compared with its previous self-diagnosis, and none
// otherwise.
func TestChangeSection(t *testing.T) {
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx")
	r := results[0]
	ch := &Change{Previous: "итоги-2024", Old: ChangeTally{Points: 100, Max: 133, Percent: 75.1, LevelTitle: "средний"},
		New: ChangeTally{Points: 113, Max: 133, Percent: 84.9, LevelTitle: "средний"},
		Components: []ComponentChange{{Title: "Знание", Old: &ChangeTally{Points: 20, Max: 24, Percent: 83.3, LevelTitle: "средний"},
			New: &ChangeTally{Points: 22, Max: 24, Percent: 91.6, LevelTitle: "высокий"}, LevelChange: 1}},
		Closed:     []ChangedIndicator{{ID: "5", Text: "Углублённое изучение предметов"}},
		Opened:     []ChangedIndicator{{ID: "25", Text: "Участие в массовых спортивных мероприятиях"}},
		PlanTarget: "высокий", PlanReached: false}
	for _, f := range formats {
		if f.School == nil {
			continue
		}
		for _, with := range []bool{false, true} {
			e := *r
			if with {
				e.Change = ch
			}
			var buf bytes.Buffer
			if err := f.School(&buf, m, &e); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(string(xlsxText(t, f, buf.Bytes()))), " ")
			has := strings.Contains(text, ChangeHeading)
			if f.Name == "json" {
				continue // the result's JSON is the result; compare.json holds the change
			}
			if has != with {
				t.Errorf("%s: change section shown %v, want %v", f.Name, has, with)
			}
			if !with {
				continue
			}
			for _, want := range []string{"Было: 100 из 133 (75,1 %), средний. Стало: 113 из 133 (84,9 %), средний — уровень тот же.",
				"выше на 1 уровень", "5 «Углублённое изучение предметов»", "25 «Участие в массовых спортивных мероприятиях»",
				"Уровень «высокий», на который был нацелен прошлый план перехода, не достигнут."} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the change section lacks %q", f.Name, want)
				}
			}
		}
	}
}
