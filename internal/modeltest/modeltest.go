// Package modeltest makes small models for tests: another framework's,
// with two levels («низкий», «высокий» from 50 %), one component «А» and
// the indicators a test gives, no critical rule unless asked.
package modeltest

import (
	"testing"
	"testing/fstest"

	"github.com/selfdiag/selfdiag/internal/model"
)

// Root is the model.yaml of Load's models; rule, when not empty, is
// appended (a critical_rule line).
const Root = "schema: selfdiag.model/v1\nid: tiny\nversion: \"1\"\ntitle: Другая рамка\nsource: тест\n" +
	"levels:\n  - {id: low, title: низкий}\n  - {id: high, title: высокий}\ncomponents:\n  - {id: a, title: А, kind: direction}\n" +
	"thresholds:\n  default: {percent: {high: 50}}\n"

// Load loads a model of Root and the indicators of component «А» (YAML
// list items, indented by two spaces); the test fails if it does not load.
func Load(t testing.TB, indicators string) *model.Model {
	t.Helper()
	return LoadRoot(t, Root, indicators)
}

// LoadRoot is Load with another model.yaml (Root with lines added, say).
func LoadRoot(t testing.TB, root, indicators string) *model.Model {
	t.Helper()
	m, err := model.Load(fstest.MapFS{
		"model.yaml": {Data: []byte(root)},
		"a.yaml":     {Data: []byte("component: a\nindicators:\n" + indicators)},
	}, "tiny")
	if err != nil {
		t.Fatalf("test model: %v", err)
	}
	return m
}

// SchoolProfile is a school's profile: its programmes, pupils with ОВЗ,
// corrective or not.
func SchoolProfile(ovz, corrective bool, programs ...string) model.Profile {
	yn := func(b bool) []string {
		if b {
			return []string{model.Yes}
		}
		return []string{model.No}
	}
	return model.Profile{"programs": programs, "ovz": yn(ovz), "corrective": yn(corrective)}
}

// AllPrograms are the school's three programmes.
var AllPrograms = []string{"НОО", "ООО", "СОО"}

// DefaultProfile is the school's default profile: all three programmes,
// no ОВЗ, not corrective.
func DefaultProfile() model.Profile { return SchoolProfile(false, false, AllPrograms...) }
