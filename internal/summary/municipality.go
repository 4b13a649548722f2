package summary

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// municipalityWords are the usual abbreviations in municipality names,
// each read as its full word.
var municipalityWords = map[string]string{
	"р-н": "район", "р-он": "район", "рн": "район", "р.": "район",
	"г": "город", "г.": "город", "гор.": "город",
	"го": "городской округ", "г.о.": "городской округ", "г.о": "городской округ", "гор.округ": "городской округ",
	"мо": "муниципальное образование", "м.о.": "муниципальное образование", "мо.": "муниципальное образование",
	"мр": "муниципальный район", "м.р.": "муниципальный район", "мун.": "муниципальный",
}

var quotesToSpaces = strings.NewReplacer("«", " ", "»", " ", "\"", " ")

// MunicipalityKey folds a municipality's name so that «Кировский р-н»,
// «Кировский район» and «кировский  район » are one: case, ё, spaces,
// quotes and the usual abbreviations (р-н, г., г.о., МО, ЗАТО…).
func MunicipalityKey(name string) string {
	words := strings.Fields(quotesToSpaces.Replace(textnorm.Normalize(name)))
	for i, w := range words {
		if full, ok := municipalityWords[w]; ok {
			words[i] = full
		}
	}
	return strings.Join(words, " ")
}

// municipalities names the groups of a district: the spelling a group is
// shown with, the spellings met, and the official list if one was given.
type municipalities struct {
	shown    map[string]string   // key → the name shown (the list's, else the first met)
	met      map[string][]string // key → the distinct spellings met, in order
	official map[string]string   // key → the list's spelling; nil without a list
	listName string              // the list's file, for messages
	// field is the grouping field's title for another respondent than
	// the school, whose groups are no municipalities, and lang the
	// language its notes are told in; "" for the school.
	field string
	lang  lang.Lang
}

func newMunicipalities(list []string, listName string) *municipalities {
	ms := &municipalities{shown: map[string]string{}, met: map[string][]string{}, listName: listName}
	if list != nil {
		ms.official = map[string]string{}
		for _, name := range list {
			if k := MunicipalityKey(name); k != "" {
				ms.official[k] = strings.TrimSpace(name)
			}
		}
	}
	return ms
}

// add records a school's municipality, name as written and key its
// MunicipalityKey, and returns a problem when a list was given and the
// name is not on it ("" if none).
func (ms *municipalities) add(name, key string) (problem string) {
	if key == "" {
		return ""
	}
	if !slices.Contains(ms.met[key], name) {
		ms.met[key] = append(ms.met[key], name)
	}
	if _, ok := ms.shown[key]; !ok {
		ms.shown[key] = name
		if official, ok := ms.official[key]; ok {
			ms.shown[key] = official
		}
	}
	if ms.official != nil && ms.official[key] == "" {
		if ms.field == "" {
			problem = fmt.Sprintf("муниципалитета «%s» нет в списке муниципалитетов (%s): проверьте написание", name, ms.listName)
		} else {
			problem = ms.lang.T("«%s» (%s) нет в списке (%s): проверьте написание", name, ms.field, ms.listName)
		}
		if near := ms.nearest(key); near != "" {
			problem += ms.lang.T("; ближайшее: «%s»", near)
		}
	}
	return problem
}

// nearest is the official name closest to key, if within two letters.
func (ms *municipalities) nearest(key string) string {
	best, bestDist := "", 3
	for k, name := range ms.official {
		if d := editDistance(k, key); d < bestDist || d == bestDist && name < best {
			best, bestDist = name, d
		}
	}
	return best
}

// notes says which spellings were taken for one municipality, and which
// names differ by a letter or two and may be one.
func (ms *municipalities) notes() []string {
	keys := slices.Sorted(maps.Keys(ms.met))
	var notes []string
	for _, k := range keys {
		if spellings := ms.met[k]; len(spellings) > 1 {
			if ms.field == "" {
				notes = append(notes, fmt.Sprintf("написания %s считаются одним муниципалитетом «%s»", quoteList(spellings), ms.shown[k]))
			} else {
				notes = append(notes, ms.lang.T("написания %s считаются одним значением «%s»: «%s»", quoteList(spellings), ms.field, ms.shown[k]))
			}
		}
	}
	for i, a := range keys {
		for _, b := range keys[i+1:] {
			if d := editDistance(a, b); d > 0 && d <= 2 && min(len([]rune(a)), len([]rune(b))) >= 5 {
				if ms.field == "" {
					notes = append(notes, fmt.Sprintf("муниципалитеты «%s» и «%s» различаются на %d букв(ы): если это один муниципалитет, исправьте написание в файлах школ",
						ms.shown[a], ms.shown[b], d))
				} else {
					notes = append(notes, ms.lang.T("значения «%s» «%s» и «%s» различаются на %d букв(ы): если это одно значение, исправьте написание в файлах",
						ms.field, ms.shown[a], ms.shown[b], d))
				}
			}
		}
	}
	return notes
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "«" + n + "»"
	}
	return strings.Join(q, ", ")
}

// editDistance is the Levenshtein distance between two texts, by letters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
