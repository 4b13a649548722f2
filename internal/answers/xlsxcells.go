package answers

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A worksheet's row iterator gives each cell's value, not its type, style
// or formula; asking excelize for those cell by cell loads the whole sheet
// as a tree (gigabytes for a district of 20,000 schools). So the sheet's
// XML is streamed once more, beside the rows, and only the cells whose
// value alone would mislead are noted: text that reads as a number,
// numbers shown as a percent or a date, and formulas without a saved
// value. Nothing else of the sheet is kept.

// cellNote is what a number cell's value does not say.
type cellNote struct {
	style   int  // the cell's style, for a number shown as a percent or a date
	formula bool // a formula with no value saved
}

// cellNotes are a sheet's noted cells. Text cells are marked in a bit per
// cell of the rows that have them (a district table is mostly text); the
// rest, rare, by row and column.
type cellNotes struct {
	text  map[int][]bool
	other map[[2]int]cellNote
}

// isText says the cell holds text (its value is read as written).
func (n *cellNotes) isText(row, col int) bool {
	r := n.text[row]
	return col < len(r) && r[col]
}

func (n *cellNotes) markText(row, col int) {
	r := n.text[row]
	if col >= len(r) {
		r = append(r, make([]bool, col+1-len(r))...)
		n.text[row] = r
	}
	r[col] = true
}

// noteCells streams the sheet's part of the workbook and notes its cells.
// styled says which style ids show a number otherwise than as written.
func noteCells(file *os.File, sheet string, styled func(style int) bool) (*cellNotes, error) {
	st, err := file.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(file, st.Size())
	if err != nil {
		return nil, err
	}
	part, err := sheetPart(zr, sheet)
	if err != nil {
		return nil, err
	}
	rc, err := part.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	notes := &cellNotes{text: map[int][]bool{}, other: map[[2]int]cellNote{}}
	dec := xml.NewDecoder(rc)
	var (
		cur                 [2]int
		typ                 string
		style               int
		hasValue, hasFormul bool
		inValue             bool
		value               strings.Builder
		row                 int
	)
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return notes, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r > 0 {
					row = r
				} else {
					row++
				}
				cur = [2]int{row, 0}
			case "c":
				col := cur[1] + 1
				if ref := attr(t, "r"); ref != "" {
					if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
						col, row = c, r
					}
				}
				cur = [2]int{row, col}
				typ, hasValue, hasFormul, style = attr(t, "t"), false, false, 0
				if s := attr(t, "s"); s != "" {
					style, _ = strconv.Atoi(s)
				}
				value.Reset()
			case "v", "t":
				inValue = true
			case "f":
				hasFormul = true
			}
		case xml.CharData:
			if inValue && value.Len() < 64 { // a number is short; a longer text is no number
				value.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "t":
				inValue = false
				hasValue = hasValue || value.Len() > 0
			case "c":
				var n cellNote
				switch typ {
				case "s", "str", "inlineStr", "b", "e", "d":
					notes.markText(cur[0], cur[1])
				default: // a number
					if styled(style) {
						n.style = style
					}
				}
				n.formula = hasFormul && !hasValue
				if n != (cellNote{}) {
					notes.other[cur] = n
				}
			}
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// sheetPart finds the worksheet's part in the package: by the workbook's
// list of sheets and its relationships.
func sheetPart(zr *zip.Reader, sheet string) (*zip.File, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files["xl/workbook.xml"], &wb); err != nil {
		return nil, err
	}
	if err := decodePart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID != s.ID {
				continue
			}
			target := r.Target
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			if f := files[target]; f != nil {
				return f, nil
			}
		}
	}
	return nil, os.ErrNotExist
}

// maxPartXML bounds the workbook's list of sheets and relationships.
const maxPartXML = 4 << 20

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return os.ErrNotExist
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxPartXML)).Decode(v)
}
