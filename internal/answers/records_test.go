package answers

import (
	"fmt"
	"slices"
	"testing"
	"unsafe"
)

// splitAll parses data with csvRecords, making strings with fs.
func splitAll(data []byte, comma rune, first int, fs *fieldStrings) []lineRecord {
	p := newCSVRecords(data, []byte(string(comma)), first)
	var out []lineRecord
	for {
		line, ok := p.next()
		if !ok {
			return out
		}
		rec := make([]string, p.fields())
		for i := range rec {
			rec[i] = fs.str(i, p.field(i))
		}
		out = append(out, lineRecord{line, rec})
	}
}

// FuzzCSVRecords: csvRecords gives the records and line numbers that
// encoding/csv gives with LazyQuotes.
func FuzzCSVRecords(f *testing.F) {
	f.Add([]byte("a;b\n\"x\"\"y\";\"multi\nline\"\nc;\"d\"e\"\r\n\n;\"\"\n"), byte(0))
	f.Add([]byte("h1;h2\n1;\"2\n3\"\n4;5"), byte(1))
	f.Add([]byte("\"a\"\"\n\"\n\"b\"x\"\n;\"\r\"\r\n"), byte(2))
	f.Add([]byte("x§\"y\"§z\n\"q\"§\"\n\"\n"), byte(3))
	f.Add([]byte("a\r\r\n\r\n\n\"b\r\n\r\nc\"\r"), byte(0))
	f.Add([]byte("\"unterminated;\nfield"), byte(0))
	f.Add([]byte("a,b\"c,\"d\"\"\",\"e\" ,\"\"\"\"\r"), byte(1))
	f.Fuzz(func(t *testing.T, data []byte, delim byte) {
		comma := []rune{';', ',', '\t', '§'}[int(delim)%4]
		want := parseAll(t, data, comma, 3)
		// Twice with the same strings: the second pass finds them kept.
		fs := new(fieldStrings)
		for range 2 {
			got := splitAll(data, comma, 3, fs)
			if !slices.EqualFunc(got, want, func(a, b lineRecord) bool { return a.line == b.line && slices.Equal(a.fields, b.fields) }) {
				t.Fatalf("csvRecords differs from encoding/csv on %q:\n got %v\nwant %v", data, got, want)
			}
		}
	})
}

// TestFieldStringsKeepsRepeats: a column's repeated answers share one
// string, a column of a few hundred numbers too, and a column of unique
// texts stops being looked up.
func TestFieldStringsKeepsRepeats(t *testing.T) {
	var fs fieldStrings
	a := fs.str(1, []byte("да"))
	b := fs.str(1, []byte("да"))
	if a != "да" || b != "да" {
		t.Fatalf("got %q, %q", a, b)
	}
	if unsafe.StringData(a) != unsafe.StringData(b) {
		t.Error("a repeated answer was allocated again")
	}
	for i := range 5000 {
		name := fmt.Sprintf("школа %d", i)
		if got := fs.str(0, []byte(name)); got != name {
			t.Fatalf("got %q, want %q", got, name)
		}
		num := fmt.Sprintf("%d,5", i%300)
		if got := fs.str(2, []byte(num)); got != num {
			t.Fatalf("got %q, want %q", got, num)
		}
	}
	if !fs.cols[0].off {
		t.Error("a column of unique texts is still looked up")
	}
	if c := fs.cols[2]; c.off || c.hits < c.misses {
		t.Errorf("a column of 300 numbers: %d hits, %d misses, off %v", c.hits, c.misses, c.off)
	}
	if fs.cols[1].off {
		t.Error("a column of repeated answers stopped being looked up")
	}
}

// TestFieldStringsExact: texts that share their first and last bytes or
// their keys are never taken for one another.
func TestFieldStringsExact(t *testing.T) {
	var texts []string
	var gen func(prefix string)
	gen = func(prefix string) {
		texts = append(texts, prefix)
		if len(prefix) < 9 {
			for _, c := range []string{"a", "b"} {
				gen(prefix + c)
			}
		}
	}
	gen("")
	var fs fieldStrings
	for round := range 3 {
		for i, s := range texts {
			if got := fs.str(0, []byte(s)); got != s {
				t.Fatalf("round %d, text %d: got %q, want %q", round, i, got, s)
			}
		}
	}
}
