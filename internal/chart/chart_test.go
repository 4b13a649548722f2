package chart

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// ink is the share of the image that is not white.
func ink(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0xF000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

func TestRadar(t *testing.T) {
	labels := []string{"Знание", "Здоровье", "Творчество", "Воспитание", "Профориентация", "Учитель. Школьная команда", "Школьный климат", "Образовательная среда"}
	full := Series{Name: "Школа", Values: []float64{100, 100, 100, 100, 100, 100, 100, 100}}
	none := Series{Name: "Школа", Values: []float64{0, 0, 0, 0, 0, 0, 0, 0}}
	a, err := Radar(labels, []Series{full})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Radar(labels, []Series{none})
	if err != nil {
		t.Fatal(err)
	}
	// A school at 100 % fills the chart; one at 0 % leaves it bare.
	if ia, ib := ink(decode(t, a)), ink(decode(t, b)); ia < ib+0.1 {
		t.Errorf("ink at 100 %%: %.3f, at 0 %%: %.3f", ia, ib)
	}
	// Out-of-range values are held to the scale, and the same input gives
	// the same picture.
	odd := Series{Values: []float64{-50, 250, 50}, Dashed: true}
	c1, err := Radar(labels, []Series{full, odd})
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := Radar(labels, []Series{full, odd})
	if !bytes.Equal(c1, c2) {
		t.Error("the same chart drawn twice differs")
	}
	if _, err := Radar(labels[:2], []Series{full}); err == nil {
		t.Error("a radar of two axes was drawn")
	}
	if img := decode(t, a); img.Bounds().Dx() != 1400 {
		t.Errorf("width %d", img.Bounds().Dx())
	}
}

func TestBars(t *testing.T) {
	rows := []Bar{{Label: "Знание", Percent: 72.1, Value: "72,1 %", Marks: []float64{35, 60, 85}}, {Label: "Учитель. Школьная команда и очень длинное название компонента", Percent: 140, Value: "—"}}
	b, err := Bars(rows, "пороги")
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	if img.Bounds().Dy() < 200 || ink(img) < 0.05 {
		t.Errorf("bars: %v, ink %.3f", img.Bounds(), ink(img))
	}
}
