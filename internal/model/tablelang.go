package model

import (
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Languages a model may be written in (its «language»): the words of its
// spreadsheet form, and in time every word the program prints for it.
const (
	LangRU = "ru"
	LangEN = "en"
	LangIT = "it"
)

// tableWords are the spreadsheet form's sheet names, column headers and
// cell words in one language, keyed by the Russian ones the reader
// knows. The table is written in the model's language and read in any.
type tableWords struct {
	sheets, columns, cells map[string]string
	notes                  map[string]string // «Сведения»: the note of each key
}

var tableLanguages = map[string]tableWords{
	LangEN: {
		sheets: map[string]string{SheetInfo: "Info", SheetLevels: "Levels", SheetComponents: "Components", SheetThresholds: "Thresholds",
			SheetRules: "Rules", SheetIndicators: "Indicators", SheetOptions: "Answers", SheetBands: "Bands", SheetKinds: "Kinds"},
		columns: map[string]string{colKey: "Key", colValue: "Value", colNote: "Note", colTitle: "Title", colKind: "Kind", colOrder: "Order",
			colVariant: "Variant", colVariantID: "Variant id", colPrograms: "Programs", colMatch: "Programs match", colNot: "Not programs",
			colOVZ: "Special needs", colCorrective: "Corrective", colWhere: "Where", colUnit: "Unit", colIndicator: "Indicator",
			colAction: "Action", colLevel: "Level", colComponent: "Component", colNumber: "No", colText: "Text", colCritical: "Critical",
			colFailsBelow: "Fails below points", colMin: "Min", colMax: "Max", colInteger: "Integer", colMeasures: "Measures",
			colAnswer: "Answer", colAliases: "Aliases", colPoints: "Points", colFrom: "From", colTo: "To", colToIncluded: "To inclusive",
			colWeight: "Weight", colShort: "Short", colPlural: "Plural"},
		cells: map[string]string{wordYes: "yes", wordNo: "no", wordChoice: "choice", wordChoices: "multiple choice",
			wordNotApplicable: "not applicable", wordNumber: "number", wordDirection: "direction", wordCondition: "condition",
			wordPoints: "points", wordAbove: "above"},
		notes: map[string]string{"id": "the model's code, in Latin letters", "version": "the model's version", "title": "title",
			"source": "source: methodology, letter, date", "language": "the model's language: ru, en, it",
			"overall": "overall level: sum (by the sum of points), mean_of_components (by the mean of the components' percents), min_component_level (by the lowest component level)"},
	},
	LangIT: {
		sheets: map[string]string{SheetInfo: "Informazioni", SheetLevels: "Livelli", SheetComponents: "Componenti", SheetThresholds: "Soglie",
			SheetRules: "Regole", SheetIndicators: "Indicatori", SheetOptions: "Risposte", SheetBands: "Fasce", SheetKinds: "Tipi"},
		columns: map[string]string{colKey: "Chiave", colValue: "Valore", colNote: "Nota", colTitle: "Titolo", colKind: "Tipo", colOrder: "Ordine",
			colVariant: "Variante", colVariantID: "id variante", colPrograms: "Programmi", colMatch: "Corrispondenza programmi",
			colNot: "Esclusi programmi", colOVZ: "Bisogni speciali", colCorrective: "Correttiva", colWhere: "Dove", colUnit: "Unità",
			colIndicator: "Indicatore", colAction: "Azione", colLevel: "Livello", colComponent: "Componente", colNumber: "N.",
			colText: "Testo", colCritical: "Critico", colFailsBelow: "Non soddisfatto sotto i punti", colMin: "Minimo", colMax: "Massimo",
			colInteger: "Intero", colMeasures: "Misure", colAnswer: "Risposta", colAliases: "Sinonimi", colPoints: "Punti", colFrom: "Da",
			colTo: "A", colToIncluded: "A incluso", colWeight: "Peso", colShort: "Abbreviazione", colPlural: "Plurale"},
		cells: map[string]string{wordYes: "sì", wordNo: "no", wordChoice: "scelta", wordChoices: "scelta multipla",
			wordNotApplicable: "non applicabile", wordNumber: "numero", wordDirection: "direzione", wordCondition: "condizione",
			wordPoints: "punti", wordAbove: "oltre"},
		notes: map[string]string{"id": "codice del modello, in lettere latine", "version": "versione del modello", "title": "titolo",
			"source": "fonte: metodologia, lettera, data", "language": "lingua del modello: ru, en, it",
			"overall": "livello complessivo: sum (somma dei punti), mean_of_components (media delle percentuali delle componenti), min_component_level (livello più basso delle componenti)"},
	},
}

// wordColumns are the columns whose cells hold words of the table's
// language (yes/no, kinds, «не применимо», units), by sheet.
var wordColumns = map[string][]string{
	SheetComponents: {colKind},
	SheetThresholds: {colOVZ, colCorrective, colUnit},
	SheetIndicators: {colCritical, colOVZ, colCorrective, colKind, colInteger},
	SheetOptions:    {colPoints},
	SheetBands:      {colToIncluded, colFrom},
}

// translateTable renders the canonical (Russian) table in a language: its
// sheet names, headers and word cells.
func translateTable(t Table, lang string) Table {
	w, ok := tableLanguages[lang]
	if !ok {
		return t
	}
	out := Table{}
	for _, s := range t.Sheets {
		ts := TableSheet{Name: w.sheets[s.Name], Loc: s.Loc}
		words := wordColumns[s.Name]
		var head []string
		for i, r := range s.Rows {
			r = append([]string(nil), r...)
			if i == 0 {
				head = s.Rows[0]
				for j, h := range r {
					if v, ok := w.columns[h]; ok {
						r[j] = v
					}
				}
			} else {
				for j := range r {
					if j < len(head) && slices.Contains(words, head[j]) {
						r[j] = translateCell(r[j], w.cells)
					}
				}
				if note, ok := w.notes[r[0]]; ok && s.Name == SheetInfo && len(r) > 2 {
					r[2] = note
				}
			}
			ts.Rows = append(ts.Rows, r)
		}
		out.Sheets = append(out.Sheets, ts)
	}
	return out
}

// translateCell replaces a word cell by its translation; «больше 2»
// keeps its number.
func translateCell(v string, cells map[string]string) string {
	if t, ok := cells[v]; ok {
		return t
	}
	if rest, ok := strings.CutPrefix(v, wordAbove+" "); ok {
		return cells[wordAbove] + " " + rest
	}
	return v
}

// canonicalTable reads a table written in any of the languages back into
// the canonical one: the language is the one whose sheet names the table
// uses most. Places in messages keep the file's own sheet names.
func canonicalTable(t Table) (Table, string) {
	lang, best := LangRU, 0
	for l, w := range tableLanguages {
		n := 0
		for _, s := range t.Sheets {
			for _, name := range w.sheets {
				if textnorm.Key(s.Name) == textnorm.Key(name) {
					n++
				}
			}
		}
		if n > best {
			lang, best = l, n
		}
	}
	w, ok := tableLanguages[lang]
	if !ok {
		return t, LangRU
	}
	back := func(m map[string]string) map[string]string {
		r := make(map[string]string, len(m))
		for k, v := range m {
			r[textnorm.Key(v)] = k
		}
		return r
	}
	sheets, columns, cells := back(w.sheets), back(w.columns), back(w.cells)
	out := Table{}
	for _, s := range t.Sheets {
		name, known := sheets[textnorm.Key(s.Name)]
		if !known {
			out.Sheets = append(out.Sheets, s) // not a sheet of the model: left as it is
			continue
		}
		cs := TableSheet{Name: name, Loc: s.Loc}
		if cs.Loc == nil {
			original := s.Name
			cs.Loc = func(row, col int) problem.Location {
				return problem.Location{Sheet: original, Row: row + 1, Col: col + 1}
			}
		}
		words := wordColumns[name]
		var head []string
		headerSeen := false
		for _, r := range s.Rows {
			r = append([]string(nil), r...)
			switch {
			case !headerSeen && !emptyRow(r):
				headerSeen = true
				for j, h := range r {
					if c, ok := columns[textnorm.Key(h)]; ok {
						r[j] = c
					}
				}
				head = r
			case headerSeen:
				for j := range r {
					if j < len(head) && slices.Contains(words, head[j]) {
						r[j] = canonicalCell(r[j], cells)
					}
				}
			}
			cs.Rows = append(cs.Rows, r)
		}
		out.Sheets = append(out.Sheets, cs)
	}
	return out, lang
}

// canonicalCell reads a word cell of another language back.
func canonicalCell(v string, cells map[string]string) string {
	if c, ok := cells[textnorm.Key(v)]; ok {
		return c
	}
	fields := strings.Fields(v)
	if len(fields) == 2 && cells[textnorm.Key(fields[0])] == wordAbove {
		return wordAbove + " " + fields[1]
	}
	return v
}
