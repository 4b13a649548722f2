package batch

import (
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
)

// Reports are named by the code, else by the file and its row in the
// model's language; never twice in a run (case aside), never a name
// Windows reserves, never too long.
func TestReportNames(t *testing.T) {
	result := func(code, source string, row int) *scoring.Result {
		return &scoring.Result{School: submission.School{Code: code}, Source: source, Row: row}
	}
	long := strings.Repeat("я", 100)
	tests := []struct {
		name string
		l    lang.Lang
		in   []*scoring.Result
		want []string
	}{
		{"by code, twice and in another case", lang.RU, []*scoring.Result{result("SCH-1", "a.csv", 0), result("sch-1", "b.csv", 0)}, []string{"SCH-1", "sch-1-2"}},
		{"by file and row, in Russian", lang.RU, []*scoring.Result{result("", "район/таблица.csv", 3)}, []string{"таблица-строка-3"}},
		{"by file and row, in English", lang.EN, []*scoring.Result{result("", "units/table.csv", 3)}, []string{"table-row-3"}},
		{"by file and row, in Italian", lang.IT, []*scoring.Result{result("", "table.csv", 4)}, []string{"table-riga-4"}},
		{"nothing to name by", lang.EN, []*scoring.Result{result("", "---.csv", 0)}, []string{"respondent---"}},
		{"a device name of Windows", lang.RU, []*scoring.Result{result("con", "a.csv", 0)}, []string{"con_"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			names := ReportNames{}
			for i, r := range tc.in {
				if got := names.Next(r, tc.l); got != tc.want[i] {
					t.Errorf("%d: %q, want %q", i, got, tc.want[i])
				}
			}
		})
	}
	if got := (ReportNames{}).Next(result(long, "a.csv", 0), lang.RU); len(got) > maxNameBytes || !strings.HasPrefix(got, "яяя") {
		t.Errorf("a long code: %q (%d bytes)", got, len(got))
	}
}
