package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/wire"
)

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"школа-1.xlsx": "школа-1.xlsx",
		"Заречный округ/таблица.csv": "Заречный округ_таблица.csv",
		"../../etc/passwd":                "etc_passwd",
		`C:\Users\me\ответы\1.xlsx`:       "C_Users_me_ответы_1.xlsx",
		".DS_Store":                       "DS_Store",
		"..":                              "файл",
		"a\x00b<>|?*:\".csv":              "ab.csv",
		"/abs/лицей.csv":                  "abs_лицей.csv",
		strings.Repeat("я", 300) + ".csv": strings.Repeat("я", maxName-4) + ".csv",
	} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A name from the browser or an archive never becomes a path: no
// separator, no leading dot, not empty, bounded, valid text.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"a.csv", "../x", `..\..\y`, ".", "", "\x00", "папка/файл.xlsx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		name := safeName(raw)
		if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") ||
			utf8.RuneCountInString(name) > maxName || !utf8.ValidString(name) || name == ".." {
			t.Errorf("safeName(%q) = %q", raw, name)
		}
	})
}

// A v2 summary (a respondent other than the school) is read as v1: its
// neutral keys stand for the school's, at the top and inside the rows.
func TestSummaryHeadV2(t *testing.T) {
	for _, doc := range []string{
		`{"schema":"selfdiag.summary/v1","counts":{"schools":2},"schools":[{"name":"A","municipality":"G"},{"name":"B","municipality":"H"}],"problems":[{"school":"A","message":"m"}]}`,
		`{"schema":"selfdiag.summary/v2","respondent":{"one":"unit"},"counts":{"respondents":2},"respondents":[{"name":"A","group":"G"},{"name":"B","group":"H"}],"problems":[{"respondent":"A","message":"m"}]}`,
	} {
		var counts wire.CountsDoc
		var rows []wire.SchoolRowDoc
		var problems []wire.SchoolProblemDoc
		if err := summaryHead(strings.NewReader(doc), map[string]any{"counts": &counts, "schools": &rows, "problems": &problems}); err != nil {
			t.Fatal(err)
		}
		if counts.Schools != 2 || len(rows) != 2 || rows[1].Municipality != "H" || len(problems) != 1 || problems[0].School != "A" {
			t.Errorf("%.30s: counts %+v, rows %+v, problems %+v", doc, counts, rows, problems)
		}
	}
}
