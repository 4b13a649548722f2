package problem

import (
	"testing"

	"github.com/selfdiag/selfdiag/internal/lang"
)

func TestLocationString(t *testing.T) {
	tests := []struct {
		loc  Location
		want string
	}{
		{Location{File: "ответы.xlsx", Sheet: "Ответы", Row: 14, Col: 3}, "ответы.xlsx:Ответы!C14"},
		{Location{File: "ответы.xlsx", Sheet: "Школа", Row: 2}, "ответы.xlsx:Школа!строка 2"},
		{Location{File: "ответы.xlsx", Sheet: "Школа"}, "ответы.xlsx:Школа"},
		{Location{File: "ответы.csv", Row: 14, Col: 2}, "ответы.csv:строка 14, столбец 2"},
		{Location{File: "ответы.csv", Row: 3}, "ответы.csv:строка 3"},
		{Location{File: "model.yaml", Row: 12, Col: 5}, "model.yaml:12:5"},
		{Location{File: "a.csv"}, "a.csv"},
		{Location{}, ""},
	}
	for _, tt := range tests {
		if got := tt.loc.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.loc, got, tt.want)
		}
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 3: "C", 26: "Z", 27: "AA", 28: "AB", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", col, got, want)
		}
	}
}

func TestProblemString(t *testing.T) {
	p := At(Location{File: "a.csv", Row: 2}, "нет ответа на показатель %s", "7")
	if got, want := p.String(), "a.csv:строка 2: нет ответа на показатель 7"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := (Problem{Message: "x"}).String(); got != "x" {
		t.Errorf("got %q", got)
	}
	l := List{p, {Message: "y"}}
	if got, want := l.Error(), "a.csv:строка 2: нет ответа на показатель 7\ny"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCap(t *testing.T) {
	ps := make([]Problem, 5)
	if got := Cap(ps, 5, Location{File: "f"}, lang.RU); len(got) != 5 {
		t.Errorf("5 of 5: %d kept", len(got))
	}
	got := Cap(ps, 3, Location{File: "f.csv"}, lang.RU)
	if len(got) != 4 || got[3].String() != "f.csv: показаны первые 3 проблем, не показано ещё 2: исправьте показанные и проверьте файл снова" {
		t.Errorf("3 of 5: %v", got)
	}
	// In the model's language, its place too.
	got = Cap(ps, 3, Location{File: "f.csv", Row: 7}, lang.EN)
	if s := got[3].String(); s != "f.csv:row 7: the first 3 problems are shown, 2 more are not: fix those shown and check the file again" {
		t.Errorf("in English: %s", s)
	}
}

// A problem that keeps what it says (Said) is written in any language;
// without, in its own.
func TestProblemIn(t *testing.T) {
	p := Problem{Location: Location{File: "m.csv", Row: 3}, Message: "файл не найден", Said: lang.P("файл не найден")}
	if got := p.In(lang.EN); got != "m.csv:row 3: file not found" {
		t.Errorf("in English: %q", got)
	}
	if got := p.String(); got != "m.csv:строка 3: файл не найден" {
		t.Errorf("as it is: %q", got)
	}
	p.Said = nil
	if got := p.In(lang.EN); got != "m.csv:row 3: файл не найден" {
		t.Errorf("without Said: %q", got)
	}
}
