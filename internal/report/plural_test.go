package report

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// pluralCounts are the numbers whose Russian forms differ: 0, 1, 2, 5,
// 11–14, 21, 22, 25, 101.
var pluralCounts = []int{0, 1, 2, 5, 11, 21, 22, 25, 101}

// countedSummary is a district whose every count is n.
func countedSummary(t *testing.T, n int) *summary.Summary {
	t.Helper()
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := summary.New(m, summary.Options{}).Summary()
	s.Counts = summary.Counts{Files: n, Schools: 2 * n, WithProblems: n, Incomplete: n, Excluded: n, Failed: n, Duplicates: n, Problems: n, Empty: n}
	s.Stats.Schools = n
	s.Stats.MeanPercent = 50
	for i := range s.Stats.Levels {
		s.Stats.Levels[i].Count = n
	}
	s.Stats.Deficits = []summary.DeficitFrequency{{Indicator: "1", Component: m.Components[0].ID, Title: "Показатель", Schools: n, Applicable: n, Share: 1}}
	for i := 0; i < n && i < 3; i++ {
		s.Stats.BelowBase = append(s.Stats.BelowBase, summary.BelowBase{Name: "Школа " + strconv.Itoa(i), Reasons: []string{"причина"}})
	}
	for i := 0; i < n && i < 3; i++ {
		s.IncompleteSchools = append(s.IncompleteSchools, summary.IncompleteSchool{Name: "Неполная", Missing: n, Applicable: n})
	}
	return s
}

// Every count in the analytical note agrees with its number, the verb
// too: «учтена 1 школа», «учтены 2 школы», «у 2 школ», «у 21 школы» — for
// every form the language has.
func TestNoteCountsAgree(t *testing.T) {
	nominative := regexp.MustCompile(`учтен[оаы] (\d+) (школ[аы]?)(?:[^а-яё]|$)`)
	genitive := regexp.MustCompile(`у (\d+) (школы?)(?:[^а-яё]|$)`)
	for _, n := range pluralCounts {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSummaryText(&b, countedSummary(t, n)); err != nil {
				t.Fatal(err)
			}
			text := b.String()
			seen := 0
			for _, m := range nominative.FindAllStringSubmatch(text, -1) {
				k, _ := strconv.Atoi(m[1])
				if want := ru.Counted(k); strings.TrimRight(m[0], " ;,.") != want {
					t.Errorf("%q, want «%s»", m[0], want)
				}
				seen++
			}
			for _, m := range genitive.FindAllStringSubmatch(text, -1) {
				k, _ := strconv.Atoi(m[1])
				if want := ru.SchoolsOf(k); m[1]+" "+m[2] != want {
					t.Errorf("%q, want «у %s»", m[0], want)
				}
				seen++
			}
			if seen < 3 {
				t.Errorf("only %d counted phrases checked in:\n%s", seen, text)
			}
			for _, bad := range []string{"(ов)", "(а)", "(ы)", "школ("} {
				if strings.Contains(text, bad) {
					t.Errorf("the note has %q", bad)
				}
			}
		})
	}
}
