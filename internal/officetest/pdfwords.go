package officetest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Word is a word as printed: its page and box in points, from the top
// left corner.
type Word struct {
	Page                   int
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// PDFWords reads a PDF's words with their positions (poppler's
// `pdftotext -bbox`). It skips the test when poppler-utils is not
// installed, unless SELFDIAG_REQUIRE_POPPLER or
// SELFDIAG_REQUIRE_LIBREOFFICE is set (CI installs it).
func PDFWords(t testing.TB, pdf []byte) []Word {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("SELFDIAG_REQUIRE_POPPLER") != "" || os.Getenv("SELFDIAG_REQUIRE_LIBREOFFICE") != "" {
			t.Fatal("pdftotext (poppler-utils) is required but not installed")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "printed.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-bbox", path, "-").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("pdftotext: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	words, err := parseBBox(out)
	if err != nil {
		t.Fatal(err)
	}
	return words
}

// parseBBox reads pdftotext's -bbox output: XHTML with a <page> per page
// and a <word xMin yMin xMax yMax> per word.
func parseBBox(data []byte) ([]Word, error) {
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var words []Word
	page := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return words, nil
			}
			return words, fmt.Errorf("pdftotext -bbox: %w", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "page":
			page++
		case "word":
			w := Word{Page: page}
			for _, a := range start.Attr {
				var v float64
				fmt.Sscanf(a.Value, "%g", &v)
				switch a.Name.Local {
				case "xMin":
					w.XMin = v
				case "yMin":
					w.YMin = v
				case "xMax":
					w.XMax = v
				case "yMax":
					w.YMax = v
				}
			}
			var text string
			if err := dec.DecodeElement(&text, &start); err != nil {
				return words, err
			}
			w.Text = text
			words = append(words, w)
		}
	}
}

// Overlapping lists the pairs of words on one page whose boxes cross by
// more than share of the smaller box: text printed over text. (A box is
// the font's full height, so lines set tight cross by a sliver.)
func Overlapping(words []Word, share float64) [][2]Word {
	var out [][2]Word
	for i := range words {
		a := words[i]
		for j := i + 1; j < len(words); j++ {
			b := words[j]
			if b.Page != a.Page || j == i+1 && abs(a.YMin-b.YMin) < 0.5 {
				continue // the next word of the same line: kerning, a thin space
			}
			dx := min(a.XMax, b.XMax) - max(a.XMin, b.XMin)
			dy := min(a.YMax, b.YMax) - max(a.YMin, b.YMin)
			smaller := min((a.XMax-a.XMin)*(a.YMax-a.YMin), (b.XMax-b.XMin)*(b.YMax-b.YMin))
			if dx > 0 && dy > 0 && dx*dy > share*smaller {
				out = append(out, [2]Word{a, b})
			}
		}
	}
	return out
}

// JoinWords joins the words in the order printed, a space between.
func JoinWords(words []Word) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// PDFPrinted says how a PDF prints: pages, orientation, text size.
func PDFPrinted(pdf []byte) Printed { return pdfPages(pdf) }

// CheckPaper reads a printed document back with its words' positions and
// fails the test unless every one of titles is on paper (words joined
// across lines) and no word is printed over another. what names the
// document in messages.
func CheckPaper(t testing.TB, what string, pdf []byte, titles []string) {
	t.Helper()
	words := PDFWords(t, pdf)
	flat := JoinWords(words)
	for _, title := range titles {
		if !strings.Contains(flat, title) {
			t.Errorf("%s: %q is not on paper", what, title)
		}
	}
	if over := Overlapping(words, 0.25); len(over) > 0 {
		t.Errorf("%s: %d words printed over others, first %q (page %d) over %q", what, len(over), over[0][0].Text, over[0][0].Page, over[0][1].Text)
	}
}

// CheckWordsWhole fails the test unless every one of words is printed
// whole: not broken across lines inside the word (a part on each line).
// A word with a hyphen or a slash may break after it.
func CheckWordsWhole(t testing.TB, what string, pdf []byte, words []string) {
	t.Helper()
	printed := map[string]bool{}
	for _, w := range PDFWords(t, pdf) {
		printed[w.Text] = true
	}
	broken := 0
	for _, w := range words {
		if printed[w] {
			continue
		}
		whole := true
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '/' }) {
			if !printed[part] && !printed[part+"-"] && !printed[part+"/"] {
				whole = false
			}
		}
		if !whole {
			if broken++; broken <= 5 {
				t.Errorf("%s: %q is not printed whole (broken inside, or missing)", what, w)
			}
		}
	}
	if broken > 5 {
		t.Errorf("%s: %d words in all not printed whole", what, broken)
	}
}
