package web

import (
	"strings"
	"testing"
	"unicode/utf8"
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
