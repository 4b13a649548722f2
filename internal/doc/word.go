package doc

import (
	"io"
	"strings"

	"github.com/selfdiag/selfdiag/internal/docx"
)

// WriteWord writes the document as a Word file: the title in Word's title
// style, sections and subsections as headings 1 and 2 (the navigation
// pane and a table of contents see them), tables with the header repeated
// on every page and numbers aligned right, figures as pictures.
func WriteWord(w io.Writer, d *Document) error {
	out := docx.Document{Title: d.Title, Footer: d.Title, Lang: d.Lang.Tag(), Page: d.Lang.T("страница"), Of: d.Lang.T("из")}
	blocks, err := wordBlocks(d.Blocks)
	if err != nil {
		return err
	}
	out.Blocks = blocks
	return docx.Write(w, out)
}

func wordBlocks(blocks []Block) ([]docx.Block, error) {
	var out []docx.Block
	for _, bl := range blocks {
		switch x := bl.(type) {
		case Heading:
			if x.Level == 1 {
				out = append(out, docx.Paragraph{Style: docx.StyleTitle, Runs: []docx.Run{{Text: x.Text}}})
			} else {
				out = append(out, docx.Heading{Level: min(x.Level-1, 2), Text: x.Text})
			}
		case Paragraph:
			style := ""
			if x.Style == Note || x.Style == Caveat {
				style = docx.StyleSmall
			}
			runs := wordRuns(x.Runs)
			if x.Style == Lead {
				for i := range runs {
					runs[i].Bold = true
				}
			}
			out = append(out, docx.Paragraph{Style: style, Runs: runs})
		case Fields:
			t := docx.Table{}
			for _, f := range x.Rows {
				t.Rows = append(t.Rows, []string{f.Name, PlainText(f.Value)})
			}
			out = append(out, t)
		case Table:
			out = append(out, wordTable(x))
		case List:
			for _, it := range x.Items {
				out = append(out, docx.Paragraph{Runs: append([]docx.Run{{Text: "• "}}, wordRuns(it)...)})
			}
		case Figure:
			png, err := x.Chart.PNG()
			if err != nil {
				return nil, err
			}
			out = append(out, docx.Image{PNG: png, WidthCm: x.WidthCm, Alt: x.Caption},
				docx.Paragraph{Style: docx.StyleSmall, Runs: []docx.Run{{Text: x.Caption}}})
		case Contents:
			out = append(out, docx.Paragraph{Runs: []docx.Run{{Text: x.Title, Bold: true}}},
				docx.Contents{Placeholder: x.Note})
		case Section:
			if x.PageBreak {
				out = append(out, docx.PageBreak{})
			}
			inner, err := wordBlocks(x.Blocks)
			if err != nil {
				return nil, err
			}
			out = append(out, inner...)
		}
	}
	return out, nil
}

// nbsp keeps a number with its unit on one line: «84,9 %» never breaks
// before «%».
var nbsp = strings.NewReplacer(" %", "\u00a0%")

func wordRuns(rs []Run) []docx.Run {
	out := make([]docx.Run, 0, len(rs))
	for _, r := range rs {
		r.Text = nbsp.Replace(r.Text)
		if r.Break {
			r.Text = "\n" + r.Text
		}
		switch {
		case r.Badge || r.Muted:
			out = append(out, docx.Run{Text: "(" + r.Text + ")", Italic: r.Muted, Bold: r.Strong})
		default:
			out = append(out, docx.Run{Text: r.Text, Bold: r.Strong})
		}
	}
	return out
}

func wordTable(t Table) docx.Table {
	out := docx.Table{Header: t.Header, Right: t.Numeric, BoldRows: map[int]bool{}}
	for i, r := range t.Rows {
		row := make([]string, len(r.Cells))
		for j, c := range r.Cells {
			var b strings.Builder
			for _, run := range wordRuns(c) {
				b.WriteString(run.Text)
			}
			row[j] = strings.TrimSpace(b.String())
		}
		out.Rows = append(out.Rows, row)
		if r.Total || r.Alert {
			out.BoldRows[i] = true
		}
	}
	return out
}
