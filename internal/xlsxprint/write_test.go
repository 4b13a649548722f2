package xlsxprint

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteSameBytes: the same workbook is written with the same bytes
// every time (excelize lists image types in map order).
func TestWriteSameBytes(t *testing.T) {
	var first []byte
	for i := range 8 {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"a", 1, 2})
		if err := f.AddChart("Sheet1", "E1", &excelize.Chart{Type: excelize.Bar,
			Series: []excelize.ChartSeries{{Name: "Sheet1!$A$1", Values: "Sheet1!$B$1:$C$1"}}}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(f, &buf); err != nil {
			t.Fatal(err)
		}
		if _, err := excelize.OpenReader(bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatalf("the workbook no longer opens: %v", err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("write %d differs from the first", i+1)
		}
	}
}

func TestSortedTypes(t *testing.T) {
	in := `<Types x="1"><Default Extension="png" ContentType="image/png"></Default><Default Extension="bmp" ContentType="image/bmp"/><Override PartName="/a" ContentType="c"/></Types>`
	want := `<Types x="1"><Default Extension="bmp" ContentType="image/bmp"/><Default Extension="png" ContentType="image/png"></Default><Override PartName="/a" ContentType="c"/></Types>`
	if got := string(sortedTypes([]byte(in))); got != want {
		t.Errorf("got %s", got)
	}
}
