package model

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestEmbeddedRespondentIsTheSchool: the embedded model declares the
// school respondent that a Russian model without one gets.
func TestEmbeddedRespondentIsTheSchool(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !m.respondentDeclared {
		t.Fatal("the embedded model declares no respondent")
	}
	school := *m
	school.Respondent = SchoolRespondent()
	if got, want := m.respondentDoc(), school.respondentDoc(); !reflect.DeepEqual(got, want) {
		t.Errorf("embedded respondent\n%+v\nwant SchoolRespondent\n%+v", got, want)
	}
	if !m.Respondent.IsSchool() {
		t.Error("the embedded respondent is not the school's")
	}
}

const unitRoot = validRoot + `language: en
respondent:
  one: unit
  many: units
  name: {title: Unit name}
  code: {title: Unit code, aliases: [TERYT]}
  groups:
    - {id: voivodeship, title: Voivodeship, aliases: [Region]}
  attributes:
    - id: type
      title: Unit type
      values: [gmina, powiat, {id: city, title: città, aliases: [city with powiat rights]}]
    - id: online
      title: Online services
`

// TestDeclaredRespondent: a model's own respondent, its attributes in
// conditions and their messages.
func TestDeclaredRespondent(t *testing.T) {
	comp := strings.Replace(validComp, "critical: true", "critical: true\n    applies: {type: [powiat, città], online: true}", 1)
	m, err := loadModel(map[string]string{"model.yaml": unitRoot, "a.yaml": comp})
	if err != nil {
		t.Fatal(err)
	}
	r := m.Respondent
	if r.IsSchool() || r.Count(2) != "2 units" || len(r.AllProfiles()) != 6 {
		t.Errorf("respondent %+v: %s, %d profiles", r, r.Count(2), len(r.AllProfiles()))
	}
	a := m.Indicators[0].Applies
	if got := a.String(); got != "powiat or città; Online services: yes" {
		t.Errorf("condition %q", got)
	}
	for p, want := range map[string]bool{"powiat/yes": true, "city/yes": true, "gmina/yes": false, "powiat/no": false} {
		typ, online, _ := strings.Cut(p, "/")
		if got := a.AppliesTo(Profile{"type": {typ}, "online": {online}}); got != want {
			t.Errorf("%s: %v, want %v", p, got, want)
		}
	}
	if v, ok := r.Attribute("type").ParseValue("City with Powiat rights"); !ok || v != "city" {
		t.Errorf("alias: %q %v", v, ok)
	}
	if got := r.DefaultProfile(); got["type"][0] != "gmina" || got["online"][0] != No {
		t.Errorf("default %v", got)
	}
	// The model is English: so are its problems.
	for _, tt := range []struct{ name, yaml, want string }{
		{"unknown key", "applies: {programs: [НОО]}", "indicator 1: unknown condition key «programs»: the attributes of units are type, type_match, not_type, online"},
		{"unknown value", "applies: {type: [województwo]}", `indicator 1: unknown value "województwo" in type: allowed are gmina, powiat, city`},
		{"yes/no written as a list", "applies: {online: [yes]}", "online: true or false is needed"},
		{"not_ on yes/no", "applies: {not_online: [yes]}", "key not_online: the attribute «Online services» is yes or no"},
	} {
		comp := strings.Replace(validComp, "critical: true", "critical: true\n    "+tt.yaml, 1)
		if _, err := loadModel(map[string]string{"model.yaml": unitRoot, "a.yaml": comp}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	for _, tt := range []struct{ name, from, to, want string }{
		{"no plural", "  many: units\n", "", "the respondent (respondent) needs the names one and many"},
		{"field named twice", "aliases: [Region]", "aliases: [Unit type]", "«Unit type» of the field «Unit type» already names the field «Voivodeship»"},
		{"bad id", "id: voivodeship", "id: воеводство", `grouping id "воеводство": Latin letters`},
		{"value twice", "values: [gmina, powiat,", "values: [gmina, Gmina, powiat,", "names both the value"},
		{"Latin values not folded as Cyrillic look-alikes", "values: [gmina, powiat,", "values: [hope, nope, gmina, powiat,", ""},
		{"default not a value", "      title: Online services\n", "      title: Online services\n      default: [maybe]\n", "default value \"maybe\" not among its values"},
	} {
		_, err := loadModel(map[string]string{"model.yaml": strings.Replace(unitRoot, tt.from, tt.to, 1), "a.yaml": validComp})
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func loadModel(files map[string]string) (*Model, error) {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Load(fsys, "m")
}
