package xlsxprint

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"

	"github.com/xuri/excelize/v2"
)

// Write writes the workbook to w with the same bytes for the same
// content: excelize lists the image types of [Content_Types].xml in map
// order, so the same report differed from run to run. The list is put in
// order; every other part is copied as it is.
func Write(f *excelize.File, w io.Writer) error {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, part := range zr.File {
		if part.Name != "[Content_Types].xml" {
			if err := zw.Copy(part); err != nil {
				return err
			}
			continue
		}
		rc, err := part.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: part.Name, Method: zip.Deflate, Modified: part.Modified})
		if err != nil {
			return err
		}
		if _, err := out.Write(sortedTypes(data)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// typeEntry is one <Default …/> or <Override …/> of [Content_Types].xml.
var typeEntry = regexp.MustCompile(`<(Default|Override) [^>]*?(/>|></(Default|Override)>)`)

// sortedTypes puts the entries of [Content_Types].xml in order.
func sortedTypes(data []byte) []byte {
	locs := typeEntry.FindAllIndex(data, -1)
	if len(locs) < 2 {
		return data
	}
	var entries [][]byte
	for _, l := range locs {
		entries = append(entries, data[l[0]:l[1]])
	}
	slices.SortStableFunc(entries, bytes.Compare)
	var out bytes.Buffer
	out.Write(data[:locs[0][0]])
	for i, e := range entries {
		out.Write(e)
		if i+1 < len(locs) {
			out.Write(data[locs[i][1]:locs[i+1][0]]) // what stood between (nothing, as excelize writes)
		}
	}
	out.Write(data[locs[len(locs)-1][1]:])
	return out.Bytes()
}
