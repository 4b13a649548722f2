package modelinfo

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modeltest"
)

// The embedded model described: its levels in order, the thresholds as
// written and in points per profile (profiles with the same points share
// a block), the critical rule, and each indicator with its answers.
func TestWriteText(t *testing.T) {
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteText(&b, m); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Уровни: ниже базового < базовый < средний < высокий",
		"Пороги по умолчанию: «базовый» от 35 %, «средний» от 60 %, «высокий» от 85 %",
		"Профиль НОО, ООО, СОО; обучающиеся с ОВЗ",
		"  в целом: базовый — от 47, средний — от 80, высокий — от 114 из 133",
		"Невыполненный критический показатель устанавливает уровень «ниже базового» (компонента и общий).",
		"Магистральное направление «Знание»",
		"  2. Реализация федеральных рабочих программ по учебным предметам [критический] — макс. 1",
		"       «все учителя» → 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q", want)
		}
	}
	school := model.SchoolRespondent()
	if n := strings.Count(out, "\nПрофиль "); n < 2 || n > len(school.AllProfiles()) {
		t.Errorf("%d profile blocks", n)
	}
}

// A model of another framework is described with what it uses: the
// overall rule, weights, aliases and «does not apply» answers; thresholds
// in points only where levels come from plain points.
func TestAnyFrameworkText(t *testing.T) {
	m, err := model.Load(os.DirFS("../../testdata/models/any-framework"), "any-framework")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteText(&b, m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"по среднему процентов компонентов", "по взвешенной сумме баллов", "(gov, вес 2)", "[вес 1,5]", "[вес 2/3]",
		"[в файлах также: GV2, 2]", "«нет учеников» → не применимо", "«не применимо» → не применимо"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "Пороги в баллах по профилям") {
		t.Errorf("thresholds in points for a model whose levels are not points:\n%s", b.String())
	}
}

// A model nothing of which depends on a school's profile names no
// profiles: one block of thresholds.
func TestNoProfiles(t *testing.T) {
	m := modeltest.Load(t, "  - id: A.1\n    text: Practice\n    options: [{text: \"no\", points: 0}, {text: \"yes\", points: 2}]\n")
	var b strings.Builder
	if err := WriteText(&b, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Пороги в баллах (с каких баллов начинается уровень):\n  в целом:") || strings.Contains(b.String(), "Профиль") {
		t.Errorf("profiles named for a model without them:\n%s", b.String())
	}
}
