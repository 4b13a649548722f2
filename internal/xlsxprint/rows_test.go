package xlsxprint

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestLines(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"итог", 10, 1},
		{"показатели школы", 30, 1},
		{"показатели школы", 12, 2},           // breaks at the space
		{"один\nдва", 30, 2},                  // a line break starts a line
		{"Образовательная", 12, 2},            // a word longer than a line is broken
		{strings.Repeat("слово ", 20), 21, 7}, // 20 words of 6.3 units, three a line
		{"   ", 10, 1},
	} {
		if got := Lines(tc.text, tc.width); got != tc.want {
			t.Errorf("Lines(%q, %v) = %d, want %d", tc.text, tc.width, got, tc.want)
		}
	}
}

// FitRows makes a row as tall as its wrapped cells need, in the width of a
// merged range when merged, and leaves unwrapped, upright and already
// taller rows alone.
func TestFitRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}})
	upright, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, TextRotation: 90}})
	long := strings.Repeat("слово ", 24) // 24 words of 5.25 units: 3 a line in 20, 13 in 80
	f.SetColWidth(sheet, "A", "D", 20)
	for row, set := range map[int]func(cell string){
		1: func(c string) { f.SetCellValue(sheet, c, long); f.SetCellStyle(sheet, c, c, wrap) },
		2: func(c string) { f.SetCellValue(sheet, c, long) }, // not wrapped: runs over the next cells
		3: func(c string) { f.SetCellValue(sheet, c, long); f.SetCellStyle(sheet, c, c, upright) },
		4: func(c string) {
			f.SetCellValue(sheet, c, long)
			f.SetCellStyle(sheet, c, c, wrap)
			f.MergeCell(sheet, c, "D4")
		},
		5: func(c string) {
			f.SetCellValue(sheet, c, long)
			f.SetCellStyle(sheet, c, c, wrap)
			f.SetRowHeight(sheet, 5, 300)
		},
		6: func(c string) { f.SetCellValue(sheet, c, "итог"); f.SetCellStyle(sheet, c, c, wrap) },
		7: func(c string) { f.SetCellValue(sheet, c, "один\nдва\nтри") },
	} {
		set("A" + string(rune('0'+row)))
	}
	if err := FitRows(f, sheet, nil); err != nil {
		t.Fatal(err)
	}
	height := func(row int) float64 { h, _ := f.GetRowHeight(sheet, row); return h }
	one := height(6)
	if one != 15 {
		t.Errorf("a one-line row is %v pt, want the default 15", one)
	}
	if h := height(1); h != 8*15+3 {
		t.Errorf("a wrapped row of 8 lines is %v pt", h)
	}
	if h := height(2); h != one {
		t.Errorf("an unwrapped row is %v pt", h)
	}
	if h := height(3); h != one {
		t.Errorf("an upright row is %v pt", h)
	}
	if h := height(4); h != 2*15+3 {
		t.Errorf("a row merged over four columns is %v pt, want 2 lines", h)
	}
	if h := height(5); h != 300 {
		t.Errorf("a taller row became %v pt", h)
	}
	if h := height(7); h < 3*15 {
		t.Errorf("three lines get %v pt", h)
	}
}
