package textnorm

import (
	"math"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Да", "да"},
		{"  ДА  ", "да"},
		{"«Организована»", "организована"},
		{"\"есть\"", "есть"},
		{"“Есть”", "есть"},
		{"« есть »", "есть"},
		{"не\u00a0в\u00a0полном   объёме", "не в полном объеме"},
		{"Всё", "все"},
		{"\ufeffнет", "нет"},
		{"один — два", "один - два"},
		{"", ""},
		{"\"\"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		percent bool
		ok      bool
	}{
		{"85", 85, false, true},
		{"85,5", 85.5, false, true},
		{"85.5", 85.5, false, true},
		{"85,5 %", 85.5, true, true},
		{"100%", 100, true, true},
		{" 1\u00a0234 ", 1234, false, true},
		{"-3", -3, false, true},
		{"+3", 3, false, true},
		{"0", 0, false, true},
		{",5", 0.5, false, true},
		{"1,234.5", 0, false, false},
		{"да", 0, false, false},
		{"", 0, false, false},
		{"%", 0, false, false},
		{"5%5", 0, false, false},
		{"Inf", 0, false, false},
		{"NaN", 0, false, false},
		{"0x10", 0, false, false},
		{"1e5", 0, false, false},
		{"3-4", 0, false, false},
	}
	for _, tt := range tests {
		v, p, err := ParseNumber(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseNumber(%q) err = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && (v != tt.want || p != tt.percent) {
			t.Errorf("ParseNumber(%q) = %v,%v; want %v,%v", tt.in, v, p, tt.want, tt.percent)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"да": true, "Да ": true, "ДА": true, "yes": true, "1": true, "есть": true,
		"нет": false, "Нет": false, "no": false, "0": false} {
		v, ok := ParseBool(in)
		if !ok || v != want {
			t.Errorf("ParseBool(%q) = %v,%v; want %v,true", in, v, ok, want)
		}
	}
	if _, ok := ParseBool("может быть"); ok {
		t.Error("ParseBool(может быть) ok")
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{"Код ОО:": "кодоо", "  код  оо": "кодоо", "№ п/п": "№пп", "Значение показания": "значениепоказания"} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Да", "«есть»", "не\u00a0в полном", "ё", "\"\"x\"\"", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, Normalize(n))
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 from valid input %q", s)
		}
		_ = Key(s)
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"85,5 %", "1 234", "-0", ",", "1.2.3", "٣", "71,5", "0.1", "999999999999999", "12345678901234,5", "5.", ".25"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, _, err := ParseNumber(s)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
	})
}
