package model

import (
	"cmp"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// The respondent in the spreadsheet form: the sheet «Респондент», only in
// the table of a model that declares one, a row per word, field,
// attribute and value (a value's rows follow its attribute's).
const (
	SheetRespondent = "Респондент"
	colAttrMultiple = "Несколько"
	colAttrDefault  = "По умолчанию"
	colAttrYes      = "Если да"
	colAttrNo       = "Если нет"
	rowOne          = "один"
	rowFew          = "несколько"
	rowMany         = "много"
	rowName         = "наименование"
	rowCode         = "код"
	rowGroup        = "группа"
	rowAttribute    = "признак"
	rowValue        = "значение"
)

// attrColumn is an attribute's columns in «Пороги» and «Показатели»: its
// values, how they match and the values excluded (a list attribute), or
// yes/no.
type attrColumn struct {
	id         string
	yesNo      bool
	col        string
	match, not string
}

// legacyColumns are the school table's historical names of the programmes'
// match and exclusion columns.
var legacyColumns = map[string][2]string{colPrograms: {colMatch, colNot}}

// attrColumns are the condition columns of a respondent's attributes.
func attrColumns(attrs []*Attribute, lg lang.Lang) []attrColumn {
	var out []attrColumn
	for _, a := range attrs {
		c := attrColumn{id: a.ID, yesNo: a.IsYesNo(), col: a.ColumnTitle()}
		if !c.yesNo {
			if l, ok := legacyColumns[c.col]; ok {
				c.match, c.not = l[0], l[1]
			} else {
				c.match, c.not = lg.T("%s: совпадение", c.col), lg.T("%s: кроме", c.col)
			}
		}
		out = append(out, c)
	}
	return out
}

// names are the columns, in order.
func (cols attrsColumns) names() []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.col)
		if !c.yesNo {
			out = append(out, c.match, c.not)
		}
	}
	return out
}

type attrsColumns []attrColumn

// cells are a condition's cells under names().
func (cols attrsColumns) cells(a Applicability, lg lang.Lang) []string {
	var out []string
	for _, c := range cols {
		cond := a.Cond(c.id)
		if c.yesNo {
			v := ""
			if cond.Attr != nil {
				v = yesNo(slices.Contains(cond.Values, Yes))
				if lg != lang.RU {
					v = lg.T(v)
				}
			}
			out = append(out, v)
			continue
		}
		out = append(out, strings.Join(cond.Values, ", "), cond.Match, strings.Join(cond.Not, ", "))
	}
	return out
}

// respondentSheet is the model's declared respondent as a sheet.
func (m *Model) respondentSheet() TableSheet {
	r := m.Respondent
	s := TableSheet{Name: SheetRespondent, Rows: [][]string{{colKind, colID, colTitle, colShort, colAliases, colAttrMultiple,
		colAttrDefault, colAttrYes, colAttrNo}}}
	row := func(kind, id, title, short string, aliases []string, rest ...string) {
		s.Rows = append(s.Rows, append([]string{kind, id, title, short, strings.Join(aliases, "\n")}, rest...))
	}
	row(rowOne, "", r.One, "", nil)
	if r.Few != r.Many {
		row(rowFew, "", r.Few, "", nil)
	}
	row(rowMany, "", r.Many, "", nil)
	row(rowName, "", r.Name.Title, "", r.Name.Aliases)
	row(rowCode, "", r.Code.Title, "", r.Code.Aliases)
	for _, g := range r.Groups {
		row(rowGroup, g.ID, g.Title, "", g.Aliases)
	}
	for _, a := range r.Attributes {
		short := a.Short
		yes, no := "", ""
		if a.IsYesNo() {
			yes, no = a.Yes, a.No
		}
		row(rowAttribute, a.ID, a.Title, short, a.Aliases, yesNo(a.Multiple), strings.Join(a.Default, ", "), yes, no)
		for _, v := range a.Values {
			row(rowValue, v.ID, v.Title, "", v.Aliases)
		}
	}
	return s
}

// readRespondent reads «Респондент» into root (nothing when the table has
// no such sheet: the language's default respondent).
func (tr *tableReader) readRespondent(root *rawRoot) {
	sr := tr.sheet(SheetRespondent, []string{colKind, colID, colTitle}, false, false, colShort, colAliases, colAttrMultiple,
		colAttrDefault, colAttrYes, colAttrNo)
	if sr == nil {
		return
	}
	rr := &rawRespondent{}
	_, rr.pos = tr.pos(sr.s, 0, 0)
	root.Respondent = rr
	for _, i := range sr.rows {
		kind, kj := sr.cell(i, colKind)
		f := rawField{ID: sr.text(i, colID), Title: sr.text(i, colTitle), Aliases: lines(sr.text(i, colAliases))}
		_, f.pos = tr.pos(sr.s, i, 0)
		switch textnorm.Key(kind) {
		case textnorm.Key(rowOne):
			rr.One = f.Title
		case textnorm.Key(rowFew):
			rr.Few = f.Title
		case textnorm.Key(rowMany):
			rr.Many = f.Title
		case textnorm.Key(rowName):
			rr.Name = &f
		case textnorm.Key(rowCode):
			rr.Code = &f
		case textnorm.Key(rowGroup):
			rr.Groups = append(rr.Groups, f)
		case textnorm.Key(rowAttribute):
			a := rawAttribute{ID: f.ID, Title: f.Title, Short: sr.text(i, colShort), Aliases: f.Aliases,
				Default: splitList(sr.text(i, colAttrDefault)), Yes: sr.text(i, colAttrYes), No: sr.text(i, colAttrNo), pos: f.pos}
			if b := tr.optBool(sr, i, colAttrMultiple); b != nil {
				a.Multiple = *b
			}
			rr.Attributes = append(rr.Attributes, a)
		case textnorm.Key(rowValue):
			if len(rr.Attributes) == 0 {
				tr.l.add(tr.loc(sr.s, i, kj), "значение «%s» до первого признака: строки значений идут под строкой своего признака", f.ID)
				continue
			}
			a := &rr.Attributes[len(rr.Attributes)-1]
			a.Values = append(a.Values, rawValue{ID: f.ID, Title: f.Title, Aliases: f.Aliases})
		default:
			tr.l.add(tr.loc(sr.s, i, kj), "вид строки «%s»: допустимы %s", kind, wordList([]string{rowOne, rowFew, rowMany, rowName, rowCode, rowGroup, rowAttribute, rowValue}))
		}
	}
}

// attrCols are the condition columns of the table being read: of the
// attributes its «Респондент» declares, else of the language's default
// respondent.
func (tr *tableReader) attrCols(root *rawRoot) attrsColumns {
	lg := lang.Of(cmp.Or(root.Language, tr.lang))
	if root.Respondent == nil {
		if lg != lang.RU {
			return nil
		}
		school := SchoolRespondent()
		return attrColumns(school.Attributes, lg)
	}
	var attrs []*Attribute
	for _, ra := range root.Respondent.Attributes {
		a := &Attribute{Field: Field{ID: ra.ID, Title: ra.Title}, Short: ra.Short, lang: lg}
		for _, v := range ra.Values {
			a.Values = append(a.Values, Value{ID: v.ID})
		}
		attrs = append(attrs, a)
	}
	return attrColumns(attrs, lg)
}

// given says whether row i states a condition.
func (cols attrsColumns) given(sr *sheetRows, i int) bool {
	for _, c := range cols.names() {
		if sr.text(i, c) != "" {
			return true
		}
	}
	return false
}

// applies reads the condition columns of row i (nil when all are empty).
func (tr *tableReader) applies(sr *sheetRows, i int) *rawApplies {
	if !tr.cols.given(sr, i) {
		return nil
	}
	a := &rawApplies{}
	_, a.pos = tr.pos(sr.s, i, 0)
	for _, c := range tr.cols {
		key := func(name, col string) {
			v, j := sr.cell(i, col)
			if v == "" {
				return
			}
			k := rawAppliesKey{Key: name, Value: splitList(v)}
			_, k.pos = tr.pos(sr.s, i, j)
			if c.yesNo {
				b, ok := textnorm.ParseBool(v)
				if !ok {
					tr.l.add(tr.loc(sr.s, i, j), "в столбце «%s» «%s»: ожидалось «%s», «%s» или пусто", lang.P(col), v, lang.P(wordYes), lang.P(wordNo))
					return
				}
				k.Bool = &b
			}
			a.Keys = append(a.Keys, k)
		}
		key(c.id, c.col)
		if !c.yesNo {
			key(c.id+"_match", c.match)
			key("not_"+c.id, c.not)
		}
	}
	return a
}

func sameApplies(a, b *rawApplies) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.Keys) != len(b.Keys) {
		return false
	}
	for i := range a.Keys {
		x, y := a.Keys[i], b.Keys[i]
		if x.Key != y.Key || strings.Join(x.Value, "\x00") != strings.Join(y.Value, "\x00") {
			return false
		}
	}
	return true
}
