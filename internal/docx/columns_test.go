package docx

import (
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"Ожидаемый результат": {"Ожидаемый", "результат"},
		"Педагог-психолог":    {"Педагог-", "психолог"},
		"НОО/ООО":             {"НОО/", "ООО"},
		"85,0\u00a0%":         {"85,0\u00a0%"}, // a number keeps its «%»
		"—":                   {"—"},
		"a-":                  {"a-"},
	} {
		if got := words(in); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTextTwips(t *testing.T) {
	regular, bold := textTwips("Ответственный", false, 10), textTwips("Ответственный", true, 10)
	if regular < 1300 || bold <= regular {
		t.Errorf("«Ответственный» at 10 pt: %v twips, bold %v: want about 0.6 em a letter, bold wider", regular, bold)
	}
	if got := textTwips("ab", false, 20); got != 2*textTwips("ab", false, 10) {
		t.Errorf("width does not scale with size: %v", got)
	}
	if got := textTwips("\U0001F600", false, 10); got != 200 {
		t.Errorf("an unmeasured letter counts %v twips, want a whole em (200)", got)
	}
}

// Columns are sized by their content: each at least as wide as its
// longest word (headers bold), the spare width by line length; a table too
// wide at 10 pt is set smaller; the widths always fill the text width.
func TestColumnWidths(t *testing.T) {
	header := func(i int, t Table, size float64) float64 {
		w := 0.0
		for _, word := range strings.Fields(t.Header[i]) {
			w = max(w, textTwips(word, true, size)+cellPadding(size))
		}
		return w
	}
	for _, tc := range []struct {
		name     string
		table    Table
		size     float64
		wordsFit bool // every cell's words whole too
	}{
		{"short", Table{Header: []string{"№", "Показатель"}, Rows: [][]string{{"1", "Сетевая форма"}}}, 10, true},
		{"measures", Table{Header: []string{"№", "Дефицит (показатель)", "Типовые меры (из модели показателей)", "Ответственный", "Срок", "Ожидаемый результат"},
			Rows: [][]string{{"17", "Знание «Специалисты сопровождения (дефектолог, логопед, тьютор)»: нет → все нужные", "• Пример: ввести ставки логопеда, дефектолога, тьютора", "", "", ""}}}, 0, true},
		{"nine columns", Table{Header: []string{"Школа", "Муниципалитет", "Было", "Стало", "Изменение", "Закрыто", "Новых", "Критические", "Итог"},
			Rows: [][]string{{"МБОУ «Общеобразовательная школа № 1»", "Сельскохозяйственный округ", "ниже базового", "высокий", "+12,5", "3", "1", "нет", "повысила"}}}, 8, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cols := len(tc.table.Header)
			widths, size := columnWidths(tc.table, cols, textWidth)
			if tc.size != 0 && size != tc.size {
				t.Errorf("set at %v pt, want %v", size, tc.size)
			}
			sum := 0
			for i, w := range widths {
				sum += w
				if float64(w) < header(i, tc.table, size)-1 {
					t.Errorf("column %d (%q) is %d twips, narrower than its header's longest word", i, tc.table.Header[i], w)
				}
				if tc.wordsFit {
					for _, word := range words(strings.Join(tc.table.Rows[0][i:i+1], "")) {
						if float64(w) < textTwips(word, false, size)+cellPadding(size)-1 {
							t.Errorf("column %d is %d twips, narrower than its word %q", i, w, word)
						}
					}
				}
			}
			if sum != textWidth {
				t.Errorf("widths %v sum to %d, want the text width %d", widths, sum, textWidth)
			}
		})
	}
	// The spare width goes by line length: the long column gets more.
	w, _ := columnWidths(Table{Header: []string{"№", "Показатель"}, Rows: [][]string{{"1", "Сетевая форма реализации программ"}}}, 2, textWidth)
	if w[1] <= 3*w[0] {
		t.Errorf("widths %v: the long text's column is not the wide one", w)
	}
}
