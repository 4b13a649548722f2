package wire

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// Schemas of a district's summary and a comparison of a model whose
// respondent is not the school's: v1 with the school's keys spelled
// neutrally (NeutralKeys); their values are the same.
const (
	SummarySchemaV2 = "selfdiag.summary/v2"
	CompareSchemaV2 = "selfdiag.compare/v2"
)

// NeutralKeys are the keys a v2 summary or comparison spells instead of
// the v1 keys that name schools and municipalities. A result's v2 has its
// own field (ResultDoc.Respondent) and needs none of these.
var NeutralKeys = map[string]string{
	"school":             "respondent",
	"schools":            "respondents",
	"old_schools":        "old_respondents",
	"new_schools":        "new_respondents",
	"incomplete_schools": "incomplete_respondents",
	"municipality":       "group",
	"municipalities":     "groups",
	"municipality_notes": "group_notes",
	"below_base":         "lowest_level",
}

// SchoolKeys are NeutralKeys the other way: a reader of either version
// reads a v2 document's value with them.
var SchoolKeys = func() map[string]string {
	out := make(map[string]string, len(NeutralKeys))
	for v1, v2 := range NeutralKeys {
		out[v2] = v1
	}
	return out
}()

// Marshal encodes v as selfdiag writes its JSON: '<', '>' and '&' as they
// are, without a trailing newline; with keys (NeutralKeys for a v2
// document) every object key found in it is spelled as keys says; with
// an indent, indented as json.MarshalIndent would.
func Marshal(v any, keys map[string]string, prefix, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if keys != nil {
		var err error
		if b, err = Rekey(b, keys); err != nil {
			return nil, err
		}
	}
	if indent == "" && prefix == "" {
		return b, nil
	}
	var out bytes.Buffer
	err := json.Indent(&out, b, prefix, indent)
	return out.Bytes(), err
}

// Rekey rewrites one JSON value, compactly: every object key that keys
// names takes its new spelling; values, numbers as written, and the
// order of everything stay.
func Rekey(b []byte, keys map[string]string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out bytes.Buffer
	str := json.NewEncoder(&out)
	str.SetEscapeHTML(false)
	// open holds, for each array or object entered, whether it is an
	// object and how many tokens it has had (an object's keys are its
	// even tokens).
	type open struct {
		object bool
		n      int
	}
	var stack []open
	for {
		t, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if d, ok := t.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			out.WriteByte(byte(d))
			continue
		}
		key := false
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			key = top.object && top.n%2 == 0
			switch {
			case top.object && !key:
				out.WriteByte(':')
			case top.n > 0:
				out.WriteByte(',')
			}
			top.n++
		}
		switch v := t.(type) {
		case json.Delim:
			stack = append(stack, open{object: v == '{'})
			out.WriteByte(byte(v))
		case string:
			if to, ok := keys[v]; ok && key {
				v = to
			}
			if err := str.Encode(v); err != nil {
				return nil, err
			}
			out.Truncate(out.Len() - 1) // the encoder's newline
		case json.Number:
			out.WriteString(v.String())
		case bool:
			if v {
				out.WriteString("true")
			} else {
				out.WriteString("false")
			}
		case nil:
			out.WriteString("null")
		}
	}
	if len(stack) > 0 {
		return nil, lang.Errorf("JSON обрывается")
	}
	return out.Bytes(), nil
}
