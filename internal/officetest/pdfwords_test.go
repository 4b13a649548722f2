package officetest

import "testing"

func TestOverlapping(t *testing.T) {
	a := Word{Page: 1, Text: "a", XMin: 0, YMin: 0, XMax: 40, YMax: 13}
	tight := Word{Page: 1, Text: "next line", XMin: 0, YMin: 11.6, XMax: 40, YMax: 24.6} // lines set tight
	over := Word{Page: 1, Text: "over", XMin: 10, YMin: 2, XMax: 50, YMax: 15}           // printed over
	other := over
	other.Page = 2
	if got := Overlapping([]Word{a, tight, other}, 0.25); len(got) != 0 {
		t.Errorf("tight lines or another page taken for overlap: %v", got)
	}
	if got := Overlapping([]Word{a, tight, over}, 0.25); len(got) != 1 {
		t.Errorf("text printed over text not found: %v", got)
	}
	kerned := Word{Page: 1, Text: "%", XMin: 38, YMin: 0, XMax: 48, YMax: 13} // the next word, set close
	if got := Overlapping([]Word{a, kerned}, 0.25); len(got) != 0 {
		t.Errorf("the next word of a line taken for overlap: %v", got)
	}
	words, err := parseBBox([]byte(`<html><body><doc><page width="595" height="842"><word xMin="1" yMin="2" xMax="3" yMax="4">Слово&amp;</word></page><page><word xMin="5" yMin="6" xMax="7" yMax="8">два</word></page></doc></body></html>`))
	if err != nil || len(words) != 2 || words[0].Text != "Слово&" || words[1].Page != 2 || words[1].XMax != 7 {
		t.Errorf("parsed %+v, %v", words, err)
	}
}
