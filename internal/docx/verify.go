package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Verify checks a .docx package the way Word does before it opens one:
// every part is well-formed XML (or a PNG), every part has a content type,
// every relationship points at a part that exists, every relationship id
// the document uses is declared, and every paragraph style it applies is
// defined. It returns every problem found.
func Verify(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a zip package: %w", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		files[f.Name] = b
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	// Well-formed XML.
	for name, b := range files {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if err := wellFormed(b); err != nil {
				bad("%s: %v", name, err)
			}
		}
	}
	// Content types.
	var types struct {
		Defaults []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(files["[Content_Types].xml"], &types); err != nil {
		bad("[Content_Types].xml: %v", err)
	}
	exts, overridden := map[string]bool{}, map[string]bool{}
	for _, d := range types.Defaults {
		exts[d.Extension] = true
	}
	for _, o := range types.Overrides {
		overridden[strings.TrimPrefix(o.PartName, "/")] = true
		if files[strings.TrimPrefix(o.PartName, "/")] == nil {
			bad("[Content_Types].xml names %s, which is not in the package", o.PartName)
		}
	}
	for name := range files {
		if name != "[Content_Types].xml" && !overridden[name] && !exts[strings.TrimPrefix(path.Ext(name), ".")] {
			bad("%s has no content type", name)
		}
	}
	// Relationships.
	type rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	ids := map[string]map[string]bool{} // source part -> ids
	for name, b := range files {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var r rels
		if err := xml.Unmarshal(b, &r); err != nil {
			bad("%s: %v", name, err)
			continue
		}
		dir := path.Dir(path.Dir(name)) // _rels/x.rels -> the folder of x
		source := path.Join(dir, strings.TrimSuffix(path.Base(name), ".rels"))
		ids[source] = map[string]bool{}
		for _, rel := range r.Rels {
			ids[source][rel.ID] = true
			if rel.Mode == "External" {
				continue
			}
			target := path.Join(dir, rel.Target)
			if files[target] == nil {
				bad("%s: relationship %s points at %s, which is not in the package", name, rel.ID, target)
			}
		}
	}
	doc := files["word/document.xml"]
	if doc == nil {
		bad("no word/document.xml")
		return errors.Join(errs...)
	}
	for _, id := range attrValues(doc, "r:embed", "r:id") {
		if !ids["word/document.xml"][id] {
			bad("word/document.xml uses relationship %s, which word/_rels/document.xml.rels does not declare", id)
		}
	}
	styles := map[string]bool{}
	for _, id := range attrValues(files["word/styles.xml"], "w:styleId") {
		styles[id] = true
	}
	for _, part := range []string{"word/document.xml", "word/footer1.xml"} {
		for _, id := range attrValues(files[part], "w:pStyle w:val", "w:tblStyle w:val") {
			if !styles[id] {
				bad("%s applies style %s, which word/styles.xml does not define", part, id)
			}
		}
	}
	return errors.Join(errs...)
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// attrValues finds the values of attributes in raw XML: «r:embed» is the
// attribute r:embed anywhere; «w:pStyle w:val» is w:val on a w:pStyle.
func attrValues(b []byte, keys ...string) []string {
	var out []string
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return out
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, key := range keys {
			elem, attr, onElem := strings.Cut(key, " ")
			if !onElem {
				attr, elem = elem, ""
			}
			if elem != "" && qname(el.Name) != elem {
				continue
			}
			for _, a := range el.Attr {
				if qname(a.Name) == attr {
					out = append(out, a.Value)
				}
			}
		}
	}
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// Headings returns the text of every paragraph styled as a heading, with
// its level: what Word's navigation pane lists.
func Headings(data []byte) ([]Heading, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Heading
	d := xml.NewDecoder(f)
	level, text := 0, ""
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch qname(t.Name) {
			case "w:p":
				level, text = 0, ""
			case "w:pStyle":
				for _, a := range t.Attr {
					if qname(a.Name) == "w:val" && strings.HasPrefix(a.Value, "Heading") {
						level = int(a.Value[len(a.Value)-1] - '0')
					}
				}
			}
		case xml.CharData:
			text += string(t)
		case xml.EndElement:
			if qname(t.Name) == "w:p" && level > 0 {
				out = append(out, Heading{Level: level, Text: text})
			}
		}
	}
}

// PlainText returns the text of the document's body and footer, a line
// per paragraph: what a reader sees, without the markup.
func PlainText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, name := range []string{"word/document.xml", "word/footer1.xml"} {
		f, err := zr.Open(name)
		if err != nil {
			return "", err
		}
		d := xml.NewDecoder(f)
		for {
			tok, err := d.RawToken()
			if err != nil {
				break
			}
			switch t := tok.(type) {
			case xml.CharData:
				b.Write(t)
			case xml.EndElement:
				if qname(t.Name) == "w:p" {
					b.WriteByte('\n')
				}
			}
		}
		f.Close()
	}
	return b.String(), nil
}
