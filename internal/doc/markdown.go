package doc

import (
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/safetext"
)

// WriteMarkdown writes the document as Markdown (GitHub's tables), for pasting
// into a development programme; figures are left out.
func WriteMarkdown(w io.Writer, d *Document) error {
	var b strings.Builder
	markdownBlocks(&b, d.Blocks)
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func markdownBlocks(b *strings.Builder, blocks []Block) {
	for _, bl := range blocks {
		switch x := bl.(type) {
		case Heading:
			b.WriteString(strings.Repeat("#", x.Level) + " " + mdRuns([]Run{T(x.Text)}) + "\n\n")
		case Paragraph:
			text := mdRuns(x.Runs)
			if x.Style == Caveat || x.Style == Note {
				text = "> " + text
			}
			b.WriteString(text + "\n\n")
		case Fields:
			b.WriteString("| | |\n|---|---|\n")
			for _, f := range x.Rows {
				b.WriteString("| " + mdRuns([]Run{T(f.Name)}) + " | " + mdRuns(f.Value) + " |\n")
			}
			b.WriteString("\n")
		case Table:
			markdownTable(b, x)
		case List:
			for _, it := range x.Items {
				b.WriteString("- " + mdRuns(it) + "\n")
			}
			b.WriteString("\n")
		case Section:
			markdownBlocks(b, x.Blocks)
		}
	}
}

func markdownTable(b *strings.Builder, t Table) {
	b.WriteString("|")
	for _, h := range t.Header {
		b.WriteString(" " + mdRuns([]Run{T(h)}) + " |")
	}
	b.WriteString("\n|")
	for i := range t.Header {
		if i < len(t.Numeric) && t.Numeric[i] {
			b.WriteString("--:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		b.WriteString("|")
		for _, c := range r.Cells {
			text := mdRuns(c)
			if r.Total && text != "" {
				text = "**" + text + "**"
			}
			b.WriteString(" " + text + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// mdRuns escapes each run for Markdown (a table cell's «|» too) and marks
// its emphasis.
func mdRuns(rs []Run) string {
	var b strings.Builder
	for _, r := range rs {
		if r.Break {
			b.WriteString("; ")
		}
		text := mdText(r.Text)
		switch {
		case r.Badge:
			b.WriteString("**(" + text + ")**")
		case r.Muted:
			b.WriteString("(" + text + ")")
		case r.Strong && strings.TrimSpace(text) != "":
			lead, trail := text[:len(text)-len(strings.TrimLeft(text, " "))], text[len(strings.TrimRight(text, " ")):]
			b.WriteString(lead + "**" + strings.TrimSpace(text) + "**" + trail)
		default:
			b.WriteString(text)
		}
	}
	return b.String()
}

// mdText escapes a run for Markdown, keeping one space at either end:
// runs are parts of one line.
func mdText(s string) string {
	text := safetext.Markdown(s)
	if text == "" {
		if s != "" && strings.TrimSpace(s) == "" {
			return " "
		}
		return ""
	}
	if strings.TrimLeft(s, " \t\n") != s {
		text = " " + text
	}
	if strings.TrimRight(s, " \t\n") != s {
		text += " "
	}
	return text
}
