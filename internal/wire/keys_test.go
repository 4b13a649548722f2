package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

func TestRekey(t *testing.T) {
	keys := map[string]string{"schools": "respondents", "school": "respondent"}
	for _, c := range []struct{ in, want string }{
		// Keys renamed at any depth, values named like keys kept.
		{`{"schools":[{"school":"schools","n":1.50}],"x":"school"}`, `{"respondents":[{"respondent":"schools","n":1.50}],"x":"school"}`},
		{`["schools",{"schools":{"school":null}},true,false]`, `["schools",{"respondents":{"respondent":null}},true,false]`},
		// Escapes survive, HTML is not escaped.
		{`{"a<b":"\"schools\":","s":"é\u2028"}`, `{"a<b":"\"schools\":","s":"é\u2028"}`},
		{`{}`, `{}`}, {`[]`, `[]`}, {`12e3`, `12e3`}, {`{"school":{}}`, `{"respondent":{}}`},
	} {
		got, err := Rekey([]byte(c.in), keys)
		if err != nil || string(got) != c.want {
			t.Errorf("Rekey(%s) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{`{"a":`, `[1,2`, `{"a" 1}`} {
		if _, err := Rekey([]byte(bad), keys); err == nil {
			t.Errorf("Rekey(%s): no error", bad)
		}
	}
}

// Marshal with and without keys and indent: indented as MarshalIndent
// indents, renamed both ways back to the start.
func TestMarshalRoundTrip(t *testing.T) {
	v := SummaryDoc{Schema: "s", Municipalities: []MunicipalityDoc{{Name: "A & <B>", Stats: StatsDoc{Schools: 2, BelowBase: []BelowBaseDoc{{Municipality: "A"}}}}},
		MunicipalityNotes: []string{"n"}, IncompleteSchools: []IncompleteSchoolDoc{{Name: "x"}}}
	plain, err := Marshal(v, nil, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
	if string(plain)+"\n" != want.String() {
		t.Errorf("indent differs:\n%s\n%s", plain, want.String())
	}
	v2, err := Marshal(v, NeutralKeys, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var generic map[string]any
	json.Unmarshal(v2, &generic)
	for _, k := range []string{"groups", "group_notes", "incomplete_respondents"} {
		if _, ok := generic[k]; !ok {
			t.Errorf("v2 has no %q: %s", k, v2)
		}
	}
	for _, k := range []string{"municipalities", "municipality_notes", "incomplete_schools"} {
		if _, ok := generic[k]; ok {
			t.Errorf("v2 keeps %q", k)
		}
	}
	back, err := Rekey(v2, SchoolKeys)
	if err != nil {
		t.Fatal(err)
	}
	var again SummaryDoc
	if err := json.Unmarshal(back, &again); err != nil || again.Municipalities[0].Stats.BelowBase[0].Municipality != "A" || again.IncompleteSchools[0].Name != "x" {
		t.Errorf("v2 read back with SchoolKeys: %+v, %v", again, err)
	}
}

func FuzzRekey(f *testing.F) {
	f.Add(`{"schools":[{"school":"schools"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		got, err := Rekey([]byte(s), NeutralKeys)
		if err != nil {
			t.Fatalf("valid %q: %v", s, err)
		}
		if !json.Valid(got) {
			t.Fatalf("%q → %q", s, got)
		}
		// Without keys to rename, the value is the same.
		same, err := Rekey([]byte(s), nil)
		if err != nil {
			t.Fatal(err)
		}
		var x, y any
		if json.Unmarshal([]byte(s), &x) != nil {
			return // a number out of float64's range
		}
		if json.Unmarshal(same, &y) != nil || fmt.Sprint(x) != fmt.Sprint(y) {
			t.Fatalf("%q → %q", s, same)
		}
	})
}
