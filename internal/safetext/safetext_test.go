package safetext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCSVField(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\";\"y\")": "'=HYPERLINK(\"http://x\";\"y\")",
		"+7 (900) 000":                   "'+7 (900) 000",
		"-нет":                           "'-нет",
		"@SUM(A1)":                       "'@SUM(A1)",
		"\tцмд":                          "'\tцмд",
		"\r=1":                           "'\r=1",
		"  =1+1":                         "'  =1+1",
		"-5":                             "-5",
		"+3,5":                           "+3,5",
		"-0.25":                          "-0.25",
		"МБОУ СОШ № 1":                   "МБОУ СОШ № 1",
		"":                               "",
		"85 %":                           "85 %",
	} {
		if got := CSVField(in); got != want {
			t.Errorf("CSVField(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"Школа № 1":             "Школа № 1",
		"\x1b[2J\x1b[1;1Hвзлом": `\x1b[2J\x1b[1;1Hвзлом`,
		"строка\nподделка\r":    `строка\x0aподделка\x0d`,
		"звонок\a":              `звонок\x07`,
		"\u202eтекст":           `\u202eтекст`,
		"\u009b31m":             `\x9b31m`,
		"битый \xff":            "битый \ufffd",
	} {
		if got := Terminal(in); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"<script>alert(1)</script>":      `\<script\>alert(1)\</script\>`,
		`<img src=x onerror="alert(1)">`: `\<img src=x onerror="alert(1)"\>`,
		"[нажми](javascript:alert(1))":   `\[нажми\](javascript:alert(1))`,
		"![](http://evil/x.png)":         `!\[\](http://evil/x.png)`,
		"a | b":                          `a \| b`,
		"`код`":                          "\\`код\\`",
		"две\nстроки  и  пробелы":        "две строки и пробелы",
		"МБОУ «СОШ № 1» (корпус 2)":      "МБОУ «СОШ № 1» (корпус 2)",
		"&lt;script&gt;":                 `\&lt;script\&gt;`,
		"\x1b[31mкрасный":                `\\x1b\[31mкрасный`, // shows as \x1b[31mкрасный
	} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzTerminal: nothing that acts on a terminal survives, and the output
// is valid UTF-8.
func FuzzTerminal(f *testing.F) {
	f.Add("\x1b]0;title\a")
	f.Add("\xff\xfe\u2066")
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		if !utf8.ValidString(out) || strings.IndexFunc(out, unsafeRune) >= 0 {
			t.Fatalf("Terminal(%q) = %q", s, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) {
				t.Fatalf("control %U left in %q", r, out)
			}
		}
	})
}

// collapseSpace is exactly strings.Fields joined by single spaces.
func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "Знание и\nздоровье", "x\u2003y", "слово"} {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
