package doc

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/safetext"
)

// textWidth is the widest line a table is laid out in columns for; a
// wider table is written a row per line, each value named by its column.
const textWidth = 110

// WriteText writes the document as plain text for a terminal or a .txt file;
// figures are left out. Control characters in values are made visible
// (safetext.Terminal), so a school's name cannot rewrite a terminal or
// forge lines.
func WriteText(w io.Writer, d *Document) error {
	var b strings.Builder
	textBlocks(&b, d.Blocks)
	_, err := io.WriteString(w, strings.TrimLeft(strings.TrimRight(b.String(), "\n"), "\n")+"\n")
	return err
}

func textBlocks(b *strings.Builder, blocks []Block) {
	for _, bl := range blocks {
		switch x := bl.(type) {
		case Heading:
			text := safetext.Terminal(x.Text)
			switch x.Level {
			case 1:
				b.WriteString(text + "\n" + strings.Repeat("═", utf8.RuneCountInString(text)) + "\n")
			case 2:
				b.WriteString("\n" + text + "\n" + strings.Repeat("─", utf8.RuneCountInString(text)) + "\n\n")
			default:
				b.WriteString(text + "\n")
			}
		case Paragraph:
			b.WriteString(textRuns(x.Runs) + "\n\n")
		case Fields:
			for _, f := range x.Rows {
				b.WriteString(safetext.Terminal(f.Name) + ": " + textRuns(f.Value) + "\n")
			}
			b.WriteString("\n")
		case Table:
			textTable(b, x)
			b.WriteString("\n")
		case List:
			for _, it := range x.Items {
				b.WriteString("- " + textRuns(it) + "\n")
			}
			b.WriteString("\n")
		case Section:
			textBlocks(b, x.Blocks)
		}
	}
}

func textRuns(rs []Run) string {
	var b strings.Builder
	for _, r := range rs {
		if r.Break {
			b.WriteString("; ")
		}
		text := safetext.Terminal(r.Text)
		switch {
		case r.Badge:
			b.WriteString("[" + text + "]")
		case r.Muted:
			b.WriteString("(" + text + ")")
		default:
			b.WriteString(text)
		}
	}
	return b.String()
}

func textTable(b *strings.Builder, t Table) {
	cells := make([][]string, len(t.Rows))
	widths := make([]int, len(t.Header))
	for i, h := range t.Header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for i, r := range t.Rows {
		for j, c := range r.Cells {
			cells[i] = append(cells[i], textRuns(c))
			if j < len(widths) {
				widths[j] = max(widths[j], utf8.RuneCountInString(cells[i][j]))
			}
		}
	}
	total := 0
	for _, w := range widths {
		total += w + 2
	}
	if total > textWidth {
		// A column of short values (numbers, codes) leads its row's text:
		// «17. Показатель».
		lead := 1
		if widths[0] <= 8 {
			lead = 2
		}
		for i, r := range t.Rows {
			b.WriteString(textRecord(t.Header, cells[i], lead, r.Alert) + "\n")
		}
		return
	}
	line := func(cs []string, alert bool) {
		var l strings.Builder
		for j, c := range cs {
			if j >= len(widths) {
				break
			}
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c))
			if j < len(t.Numeric) && t.Numeric[j] {
				l.WriteString(pad + c)
			} else {
				l.WriteString(c + pad)
			}
			l.WriteString("  ")
		}
		mark := ""
		if alert {
			mark = " ⚠"
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + mark + "\n")
	}
	line(t.Header, false)
	for i, r := range t.Rows {
		line(cells[i], r.Alert)
	}
}

// textRecord is a row of a wide table on one line: its first lead values
// joined by «. », then each other value named by its column, empty ones
// left out.
func textRecord(header, cells []string, lead int, alert bool) string {
	var first, rest []string
	for j, c := range cells {
		switch {
		case c == "":
		case j < lead:
			first = append(first, c)
		case j >= len(header) || header[j] == "":
			rest = append(rest, c)
		default:
			rest = append(rest, safetext.Terminal(header[j])+": "+c)
		}
	}
	line := "- " + strings.Join(append([]string{strings.Join(first, ". ")}, rest...), "; ")
	if alert {
		line += " ⚠"
	}
	return line
}
