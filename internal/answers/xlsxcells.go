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
// XML is streamed a second time, in step with the rows: for the row being
// read, cellNotes says which cells hold text, which numbers have a style
// (a percent or a date may show), and which formulas have no saved value.
// Nothing else of the sheet is kept.

// cellNotes streams a worksheet's cells row by row.
type cellNotes struct {
	dec    *xml.Decoder
	closer io.Closer
	row    int // the row whose cells are noted
	// Of the row: the cells (by column) that hold text, and the others'
	// style and unsaved formulas.
	text    map[int]bool
	style   map[int]int
	formula map[int]bool
	// ahead is a row element read past the row asked for.
	ahead *xml.StartElement
	err   error
}

// openNotes starts streaming the sheet's cells from the workbook file.
func openNotes(file *os.File, sheet string) (*cellNotes, error) {
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
	return &cellNotes{dec: xml.NewDecoder(rc), closer: rc}, nil
}

// Close ends the stream.
func (n *cellNotes) Close() {
	if n != nil && n.closer != nil {
		n.closer.Close()
	}
}

// at moves the notes to row (rows are asked for in increasing order) and
// reports the cell's: whether it is text, its style, whether it is a
// formula without a value. A cell or row not in the sheet has none.
func (n *cellNotes) at(row, col int) (text bool, style int, formula bool) {
	if n == nil || n.dec == nil {
		return false, 0, false
	}
	n.load(row)
	if n.row != row {
		return false, 0, false
	}
	return n.text[col], n.style[col], n.formula[col]
}

// load reads the XML up to the row asked for and notes its cells.
func (n *cellNotes) load(row int) {
	for n.err == nil && n.row < row {
		start := n.ahead
		n.ahead = nil
		if start == nil {
			start = n.nextRow()
			if start == nil {
				return
			}
		}
		r, err := strconv.Atoi(attr(*start, "r"))
		if err != nil || r <= 0 {
			r = n.row + 1
		}
		if r > row {
			n.ahead = start // a later row: the one asked for has no cells
			return
		}
		n.row = r
		n.readRow()
	}
}

// nextRow finds the next <row> element, nil at the end.
func (n *cellNotes) nextRow() *xml.StartElement {
	for {
		tok, err := n.dec.RawToken()
		if err != nil {
			if err != io.EOF {
				n.err = err
			}
			return nil
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "row" {
			t = t.Copy()
			return &t
		}
	}
}

// readRow notes the cells of the row just started, up to its end.
func (n *cellNotes) readRow() {
	n.text, n.style, n.formula = map[int]bool{}, map[int]int{}, map[int]bool{}
	col := 0
	var typ string
	var style int
	var inValue, hasValue, hasFormula bool
	for {
		tok, err := n.dec.RawToken()
		if err != nil {
			n.err = err
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
						col = c
					}
				}
				typ, style, hasValue, hasFormula = attr(t, "t"), 0, false, false
				if s := attr(t, "s"); s != "" {
					style, _ = strconv.Atoi(s)
				}
			case "v", "t":
				inValue = true
			case "f":
				hasFormula = true
			}
		case xml.CharData:
			hasValue = hasValue || inValue && len(t) > 0
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "t":
				inValue = false
			case "c":
				switch typ {
				case "s", "str", "inlineStr", "b", "e", "d":
					n.text[col] = true
				default: // a number
					if style != 0 {
						n.style[col] = style
					}
				}
				if hasFormula && !hasValue {
					n.formula[col] = true
				}
			case "row":
				return
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
