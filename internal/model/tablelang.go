package model

import (
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Languages a model may be written in (its «language»): the words of its
// spreadsheet form and its templates, and in time every word the program
// prints for it (internal/lang).
const (
	LangRU = string(lang.RU)
	LangEN = string(lang.EN)
	LangIT = string(lang.IT)
)

// The spreadsheet form's words: its sheet names, column headers and the
// words its cells hold. The canonical table is in Russian, the reader's
// own words; it is written in the model's language through the catalogue
// (internal/lang) and read back from any.
var (
	tableSheets = []string{SheetInfo, SheetLevels, SheetRespondent, SheetKinds, SheetComponents, SheetThresholds, SheetRules, SheetIndicators,
		SheetOptions, SheetBands}
	tableColumns = []string{colKey, colValue, colNote, colTitle, colKind, colOrder, colVariant, colVariantID, colPrograms, colMatch,
		colNot, colOVZ, colCorrective, colWhere, colUnit, colIndicator, colAction, colLevel, colComponent, colNumber, colText,
		colCritical, colFailsBelow, colMin, colMax, colInteger, colMeasures, colAnswer, colAliases, colPoints, colFrom, colTo,
		colToIncluded, colWeight, colShort, colColor, colPlural, colAttrMultiple, colAttrDefault, colAttrYes, colAttrNo}
	tableCells = []string{wordYes, wordNo, wordChoice, wordChoices, wordNotApplicable, wordNumber, wordDirection, wordCondition,
		wordPoints, wordAbove, rowOne, rowFew, rowMany, rowName, rowCode, rowGroup, rowAttribute, rowValue}
)

// wordColumns are the columns whose cells hold words of the table's
// language (yes/no, kinds, «не применимо», units), by sheet.
var wordColumns = map[string][]string{
	SheetComponents: {colKind},
	SheetRespondent: {colKind, colAttrMultiple},
	SheetThresholds: {colOVZ, colCorrective, colUnit},
	SheetIndicators: {colCritical, colOVZ, colCorrective, colKind, colInteger},
	SheetOptions:    {colPoints},
	SheetBands:      {colToIncluded, colFrom},
}

// translateTable renders the canonical (Russian) table in a language: its
// sheet names, headers, word cells and the notes of «Сведения».
func translateTable(t Table, code string) Table {
	l := lang.Of(code)
	if l == lang.RU {
		return t
	}
	out := Table{}
	for _, s := range t.Sheets {
		ts := TableSheet{Name: l.T(s.Name), Loc: s.Loc}
		words := wordColumns[s.Name]
		for i, r := range s.Rows {
			r = slices.Clone(r)
			for j := range r {
				switch {
				case i == 0 && slices.Contains(tableColumns, r[j]):
					r[j] = l.T(r[j])
				case i > 0 && j < len(s.Rows[0]) && slices.Contains(words, s.Rows[0][j]):
					r[j] = translateCell(l, r[j])
				case i > 0 && s.Name == SheetInfo && j == 2:
					r[j] = l.T(r[j]) // the program's note
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
func translateCell(l lang.Lang, v string) string {
	if slices.Contains(tableCells, v) {
		return l.T(v)
	}
	if rest, ok := strings.CutPrefix(v, wordAbove+" "); ok {
		return l.T(wordAbove) + " " + rest
	}
	return v
}

// reverse maps the keys of words in a language back to the words.
func reverse(l lang.Lang, words []string) map[string]string {
	r := make(map[string]string, len(words))
	for _, w := range words {
		r[textnorm.Key(l.T(w))] = w
	}
	return r
}

// canonicalTable reads a table written in any of the languages back into
// the canonical one: the language is the one whose sheet names the table
// uses most. Places in messages keep the file's own sheet names.
// Lang is the language the table's sheets are named in.
func (t Table) Lang() lang.Lang {
	_, sheets := canonicalTable(t)
	return lang.Of(sheets)
}

func canonicalTable(t Table) (Table, string) {
	l, best := lang.RU, 0
	for _, cand := range []lang.Lang{lang.EN, lang.IT} {
		names := reverse(cand, tableSheets)
		n := 0
		for _, s := range t.Sheets {
			if _, ok := names[textnorm.Key(s.Name)]; ok {
				n++
			}
		}
		if n > best {
			l, best = cand, n
		}
	}
	if l == lang.RU {
		return t, LangRU
	}
	sheets, columns, cells := reverse(l, tableSheets), reverse(l, tableColumns), reverse(l, tableCells)
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
		for _, r := range s.Rows {
			r = slices.Clone(r)
			switch {
			case head == nil && !emptyRow(r):
				for j, h := range r {
					if c, ok := columns[textnorm.Key(h)]; ok {
						r[j] = c
					}
				}
				head = r
			case head != nil:
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
	return out, string(l)
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
