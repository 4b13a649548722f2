package textnorm

import (
	"math"
	"strconv"
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
		// Latin diacritics fold as ё does; Cyrillic й stays й.
		{"Sì", "si"}, {"in parte sì", "in parte si"}, {"Città", "citta"}, {"Łódź", "lodz"}, {"Ñandú", "nandu"},
		{"Ça va", "ca va"}, {"zaawansowany ŻÓŁW", "zaawansowany zolw"}, {"Йошкар-Ола", "йошкар-ола"},
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
		in   string
		want float64
		unit string
		err  error
	}{
		{"85", 85, "", nil},
		{"85,5", 85.5, "", nil},
		{"85.5", 85.5, "", nil},
		{"85,5 %", 85.5, "%", nil},
		{"100%", 100, "%", nil},
		{" 1\u00a0234 ", 1234, "", nil},
		{"-3", -3, "", nil},
		{"+3", 3, "", nil},
		{"0", 0, "", nil},
		{",5", 0.5, "", nil},
		{"4 шт.", 4, "шт", nil},
		{"12 чел.", 12, "чел", nil},
		{"7шт", 7, "шт", nil},
		{"29,9999999999999", 29.9999999999999, "", nil}, // 15 digits
		{"0,000000000000000000001", 1e-21, "", nil},     // one significant digit
		{"120000000000000", 120000000000000, "", nil},
		{"29.999999999999999999", 0, "", ErrTooManyDigits}, // would round to 30
		{"4.9999999999999999", 0, "", ErrTooManyDigits},    // would pass as an integer
		{"1,234.5", 0, "", ErrNotNumber},
		{"да", 0, "", ErrNotNumber},
		{"", 0, "", ErrNotNumber},
		{"%", 0, "", ErrNotNumber},
		{"шт.", 0, "", ErrNotNumber},
		{"5%5", 0, "", ErrNotNumber},
		{"1 000", 1000, "", nil},
		{"12 345 678,5", 12345678.5, "", nil},
		{"1'000 шт.", 1000, "шт", nil},
		{"8 5", 0, "", ErrSpaceInNumber},
		{"5\t0", 0, "", ErrSpaceInNumber},
		{"1 00", 0, "", ErrSpaceInNumber},
		{"1234 567", 0, "", ErrSpaceInNumber},
		{"1 000 00", 0, "", ErrSpaceInNumber},
		{"1 0000,5", 0, "", ErrSpaceInNumber},
		{"1,5 5", 0, "", ErrSpaceInNumber},
		{"Inf", 0, "", ErrNotNumber},
		{"NaN", 0, "", ErrNotNumber},
		{"0x10", 0, "", ErrNotNumber},
		{"1e5", 0, "", ErrNotNumber},
		{"3-4", 0, "", ErrNotNumber},
		{"01.05.2025", 0, "", ErrNotNumber},
	}
	for _, tt := range tests {
		n, err := ParseNumber(tt.in)
		if err != tt.err {
			t.Errorf("ParseNumber(%q) err = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && (n.Value != tt.want || n.Unit != tt.unit) {
			t.Errorf("ParseNumber(%q) = %+v; want %v %q", tt.in, n, tt.want, tt.unit)
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
		n, err := ParseNumber(s)
		if err == nil && (math.IsNaN(n.Value) || math.IsInf(n.Value, 0)) {
			t.Fatalf("ParseNumber(%q) = %v", s, n)
		}
		// Fifteen digits or fewer: the float is the nearest to the text,
		// so formatting it back with that many digits gives the text's
		// value again.
		if err == nil && n.Value != 0 {
			back, _ := strconv.ParseFloat(strconv.FormatFloat(n.Value, 'g', MaxDigits, 64), 64)
			if back != n.Value {
				t.Fatalf("ParseNumber(%q) = %v does not survive %d digits", s, n.Value, MaxDigits)
			}
		}
	})
}
