package model

import (
	"slices"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// The spreadsheet form of a model (`model export --format xlsx|csv`,
// `model import`, `--model ФАЙЛ.xlsx`): one sheet per kind of thing, a
// header row, a row per thing. README «Модель в таблице» documents it.
const (
	SheetInfo       = "Сведения"
	SheetLevels     = "Уровни"
	SheetComponents = "Компоненты"
	SheetThresholds = "Пороги"
	SheetRules      = "Правила"
	SheetIndicators = "Показатели"
	SheetOptions    = "Ответы"
	SheetBands      = "Диапазоны"
	// SheetKinds is only in the table of a model that declares its own
	// kinds of components.
	SheetKinds = "Виды"
)

// Column headers.
const (
	colKey        = "Ключ"
	colValue      = "Значение"
	colNote       = "Пояснение"
	colID         = "id"
	colTitle      = "Название"
	colKind       = "Вид"
	colOrder      = "Порядок"
	colVariant    = "Вариант"
	colVariantID  = "id варианта"
	colPrograms   = "Программы"
	colMatch      = "Совпадение программ"
	colNot        = "Кроме программ"
	colOVZ        = "ОВЗ"
	colCorrective = "Коррекционная"
	colWhere      = "Где"
	colUnit       = "Единица"
	colIndicator  = "Показатель"
	colAction     = "Действие"
	colLevel      = "Уровень"
	colComponent  = "Компонент"
	colNumber     = "№"
	colText       = "Формулировка"
	colCritical   = "Критический"
	colFailsBelow = "Не выполнен при баллах меньше"
	colMin        = "Минимум"
	colMax        = "Максимум"
	colInteger    = "Целое"
	colMeasures   = "Меры"
	colAnswer     = "Ответ"
	colAliases    = "Синонимы"
	colPoints     = "Баллы"
	colFrom       = "От"
	colTo         = "До"
	colToIncluded = "До включительно"
	// Optional columns, written only when the model uses them, so that
	// no other model's table changes.
	colWeight = "Вес"
	colShort  = "Сокращение"
	colColor  = "Цвет"
	colPlural = "Множественное"
)

// Cell words.
const (
	wordYes     = "да"
	wordNo      = "нет"
	wordChoice  = "выбор"
	wordChoices = "выбор нескольких" // select: multiple; «Максимум» holds the cap
	// wordNotApplicable in an option's «Баллы»: the answer says the
	// indicator does not apply (not_applicable).
	wordNotApplicable = "не применимо"
	wordNumber        = "число"
	wordDirection     = "направление"
	wordCondition     = "условие"
	wordPercent       = "%"
	wordPoints        = "баллы"
	whereDefault      = "default"
	whereOverall      = "overall"
)

// Table is a model as sheets of cells.
type Table struct {
	Sheets []TableSheet
}

// TableSheet is one sheet: its rows, the header first.
type TableSheet struct {
	Name string
	Rows [][]string
	// Loc, when set, places cell (row, col) of Rows (0-based) in the
	// file for messages (a CSV line); else it is the sheet's cell.
	Loc func(row, col int) problem.Location
}

// Sheet returns the sheet named name.
func (t Table) Sheet(name string) (*TableSheet, bool) {
	for i := range t.Sheets {
		if textnorm.Key(t.Sheets[i].Name) == textnorm.Key(name) {
			return &t.Sheets[i], true
		}
	}
	return nil, false
}

var infoKeys = []struct{ key, note string }{
	{"id", "код модели, латиницей"},
	{"version", "версия модели"},
	{"title", "название"},
	{"source", "источник: методика, письмо, дата"},
}

// infoLanguage is the «Сведения» key of the model's language, written
// only when it is not Russian.
var infoLanguage = struct{ key, note string }{"language", "язык модели: ru, en, it"}

// infoWords are the «Сведения» keys of the model's words for its
// documents (words.report …), written only when declared.
var infoWords = func() []struct{ key, note string } {
	notes := map[string]string{
		"report":         "заголовок отчёта респондента (за ним — наименование)",
		"results":        "раздел отчёта: результаты, баллы и уровни",
		"deficits":       "раздел отчёта: дефициты",
		"measures":       "раздел отчёта: план мероприятий",
		"measures_intro": "фраза перед планом мероприятий",
		"note":           "заголовок аналитической справки",
	}
	var out []struct{ key, note string }
	for _, k := range WordKeys {
		out = append(out, struct{ key, note string }{"words." + k.Key, notes[k.Key]})
	}
	return out
}()

// infoOverall is the «Сведения» key of the overall rule, written only
// when it is not the sum.
var infoOverall = struct{ key, note string }{"overall", "общий уровень: sum (по сумме баллов), mean_of_components (по среднему процентов компонентов), min_component_level (по наименьшему уровню компонентов)"}

// Table returns the model in its spreadsheet form, in the model's
// language. LoadTable reads it back into the same model.
func (m *Model) Table() Table { return translateTable(m.canonical(), m.Language) }

// canonical is the model's table in Russian, the reader's own words: what
// the fingerprint is taken of, whatever language the model is written in.
func (m *Model) canonical() Table {
	info := TableSheet{Name: SheetInfo, Rows: [][]string{{colKey, colValue, colNote}}}
	for _, k := range infoKeys {
		v := map[string]string{"id": m.ID, "version": m.Version, "title": m.Title, "source": m.Source}[k.key]
		info.Rows = append(info.Rows, []string{k.key, v, k.note})
	}
	if m.Overall != OverallSum && m.Overall != "" {
		info.Rows = append(info.Rows, []string{infoOverall.key, m.Overall, infoOverall.note})
	}
	if m.Language != LangRU && m.Language != "" {
		info.Rows = append(info.Rows, []string{infoLanguage.key, m.Language, infoLanguage.note})
	}
	for i, k := range WordKeys {
		if v := *k.Field(&m.Words); v != "" {
			info.Rows = append(info.Rows, []string{infoWords[i].key, v, infoWords[i].note})
		}
	}
	levels := TableSheet{Name: SheetLevels, Rows: [][]string{{colID, colTitle}}}
	shorts := slices.ContainsFunc(m.Levels, func(l Level) bool { return l.Short != "" })
	colors := slices.ContainsFunc(m.Levels, func(l Level) bool { return l.Color != "" })
	if shorts {
		levels.Rows[0] = append(levels.Rows[0], colShort)
	}
	if colors {
		levels.Rows[0] = append(levels.Rows[0], colColor)
	}
	for _, l := range m.Levels {
		r := []string{l.ID, l.Title}
		if shorts {
			r = append(r, l.Short)
		}
		if colors {
			r = append(r, l.Color)
		}
		levels.Rows = append(levels.Rows, r)
	}
	compWeights := slices.ContainsFunc(m.Components, func(c *Component) bool { return !c.Weight.IsOne() })
	comps := TableSheet{Name: SheetComponents, Rows: [][]string{{colID, colTitle, colKind, colOrder}}}
	if compWeights {
		comps.Rows[0] = append(comps.Rows[0], colWeight)
	}
	for _, c := range m.Components {
		kind := c.Kind // a declared kind by its id (on «Виды»)
		if m.SchoolKinded() {
			kind = map[string]string{KindDirection: wordDirection, KindCondition: wordCondition}[c.Kind]
		}
		r := []string{c.ID, c.Title, kind, strconv.Itoa(c.Order)}
		if compWeights {
			r = append(r, c.Weight.Decimal())
		}
		comps.Rows = append(comps.Rows, r)
	}

	lg := lang.Of(m.Language)
	cols := attrsColumns(attrColumns(m.Respondent.Attributes, lg))
	head := append(append([]string{colVariant, colVariantID}, cols.names()...), colWhere, colUnit)
	for _, l := range m.Levels[1:] {
		head = append(head, l.ID)
	}
	th := TableSheet{Name: SheetThresholds, Rows: [][]string{head}}
	addSets := func(variant, id string, when Applicability, def, overall *ThresholdSet, comps map[string]ThresholdSet) {
		row := func(where string, s *ThresholdSet) {
			if s == nil || len(s.Values) == 0 {
				return
			}
			unit := wordPercent
			if s.Unit == UnitPoints {
				unit = wordPoints
			}
			r := append([]string{variant, id}, cols.cells(when, lg)...)
			r = append(r, where, unit)
			for i := 1; i < len(m.Levels); i++ {
				r = append(r, s.Values[i].Decimal())
			}
			th.Rows = append(th.Rows, r)
		}
		row(whereDefault, def)
		row(whereOverall, overall)
		for _, c := range m.Components {
			if s, ok := comps[c.ID]; ok {
				row(c.ID, &s)
			}
		}
	}
	t := m.Thresholds
	addSets("", "", Applicability{}, &t.Default, t.Overall, t.Components)
	for i, v := range t.Variants {
		addSets(strconv.Itoa(i+1), v.ID, v.When, v.Default, v.Overall, v.Components)
	}

	rules := TableSheet{Name: SheetRules, Rows: [][]string{{colIndicator, colAction, colLevel, colWhere}}}
	addRules := func(ind string, rs []CriticalRule) {
		for _, r := range rs {
			rules.Rows = append(rules.Rows, []string{ind, r.Action, m.Levels[r.Level].ID, r.Scope})
		}
	}
	addRules("", m.CriticalRules)

	inds := TableSheet{Name: SheetIndicators, Rows: [][]string{append(append([]string{colComponent, colNumber, colText, colCritical, colFailsBelow},
		cols.names()...), colKind, colUnit, colMin, colMax, colInteger, colMeasures)}}
	// The optional columns the model uses.
	indWeights := slices.ContainsFunc(m.Indicators, func(ind *Indicator) bool { return !ind.Weight.IsOne() })
	indOrder := slices.ContainsFunc(m.Indicators, func(ind *Indicator) bool { return ind.Order != 0 })
	indAliases := slices.ContainsFunc(m.Indicators, func(ind *Indicator) bool { return len(ind.Aliases) > 0 })
	for _, c := range []struct {
		used bool
		name string
	}{{indOrder, colOrder}, {indWeights, colWeight}, {indAliases, colAliases}} {
		if c.used {
			inds.Rows[0] = append(inds.Rows[0], c.name)
		}
	}
	opts := TableSheet{Name: SheetOptions, Rows: [][]string{{colNumber, colAnswer, colAliases, colPoints}}}
	bands := TableSheet{Name: SheetBands, Rows: [][]string{{colNumber, colFrom, colTo, colToIncluded, colPoints}}}
	for _, ind := range m.Indicators {
		crit, fails := wordNo, ""
		if ind.Critical {
			crit = wordYes
			if ind.FailsBelow != 1 {
				fails = strconv.Itoa(ind.FailsBelow)
			}
			addRules(ind.ID, ind.Rules)
		}
		r := append([]string{ind.Component, ind.ID, ind.Text, crit, fails}, cols.cells(ind.Applies, lg)...)
		if n := ind.Number; n != nil {
			r = append(r, wordNumber, n.Unit, optNumber(n.Min), optNumber(n.Max), yesNo(n.Integer))
		} else {
			kind, capCell := wordChoice, ""
			if ind.Multiple {
				kind = wordChoices
				if ind.Max < ind.OptionsSum() {
					capCell = strconv.Itoa(ind.Max)
				}
			}
			r = append(r, kind, "", "", capCell, "")
		}
		r = append(r, strings.Join(ind.Measures, "\n"))
		if indOrder {
			r = append(r, strconv.Itoa(ind.Order))
		}
		if indWeights {
			r = append(r, ind.Weight.Decimal())
		}
		if indAliases {
			r = append(r, strings.Join(ind.Aliases, "\n"))
		}
		inds.Rows = append(inds.Rows, r)
		if ind.Number != nil {
			for _, w := range ind.Number.NotApplicable {
				// A numeric indicator's «does not apply» word: an answer
				// row marked «не применимо», as an option's.
				opts.Rows = append(opts.Rows, []string{ind.ID, w, "", wordNotApplicable})
			}
		}
		for _, o := range ind.Options {
			points := strconv.Itoa(o.Points)
			if o.NotApplicable {
				points = wordNotApplicable
			}
			opts.Rows = append(opts.Rows, []string{ind.ID, o.Text, strings.Join(o.Aliases, "\n"), points})
		}
		for _, b := range ind.Bands {
			to, incl := optNumber(b.Max), ""
			if b.MaxInclusive {
				incl = wordYes
			}
			from := plainNumber(b.Min)
			if b.MinExclusive {
				from = wordAbove + " " + from // in the «От» cell: no column more, so no other model's table changes
			}
			bands.Rows = append(bands.Rows, []string{ind.ID, from, to, incl, strconv.Itoa(b.Points)})
		}
	}
	if !m.UsesProfile() {
		// Nothing depends on a respondent's attributes: no columns for
		// them.
		dropColumns(&th, append([]string{colVariant, colVariantID}, cols.names()...)...)
		dropColumns(&inds, cols.names()...)
	}
	sheets := []TableSheet{info, levels, comps, th, rules, inds, opts, bands}
	if m.respondentDeclared {
		sheets = slices.Insert(sheets, 2, m.respondentSheet())
	}
	if !m.SchoolKinded() {
		kinds := TableSheet{Name: SheetKinds, Rows: [][]string{{colID, colTitle, colPlural}}}
		for _, k := range m.Kinds {
			kinds.Rows = append(kinds.Rows, []string{k.ID, k.Title, k.Plural})
		}
		sheets = slices.Insert(sheets, 2, kinds)
	}
	return Table{Sheets: sheets}
}

// dropColumns removes the named columns from a sheet, header and rows.
func dropColumns(s *TableSheet, names ...string) {
	var keep []int
	for j, h := range s.Rows[0] {
		if !slices.Contains(names, h) {
			keep = append(keep, j)
		}
	}
	for i, r := range s.Rows {
		kept := make([]string, 0, len(keep))
		for _, j := range keep {
			if j < len(r) {
				kept = append(kept, r[j])
			}
		}
		s.Rows[i] = kept
	}
}

func yesNo(b bool) string {
	if b {
		return wordYes
	}
	return wordNo
}

// plainNumber writes a number so that it reads back exactly.
func plainNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func optNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return plainNumber(*v)
}

// LoadTable reads a model from its spreadsheet form. name is the file's
// name for messages, which name the sheet and cell of every problem.
func LoadTable(t Table, name string) (*Model, error) {
	l := &loader{dir: "", rootFile: name, table: true}
	t, sheets := canonicalTable(t)
	// Problems are written in the sheets' language until the model's own
	// «language» is read.
	l.lang = lang.Of(sheets)
	tr := &tableReader{l: l, file: name, t: t, lang: sheets}
	root, inds := tr.read()
	if root.Language == "" && sheets != LangRU {
		root.Language = sheets // sheets in a language say it
	}
	if tr.structural {
		// A sheet or a column is missing: what it would hold is
		// unknown, and checking the rest would only list its absence.
		return l.finish(nil)
	}
	return l.finish(l.build(root, inds))
}

// tableReader turns sheets into the raw model the YAML loader also
// builds from, so that one set of checks serves both.
type tableReader struct {
	l    *loader
	file string
	t    Table
	// structural: a sheet or a column is missing.
	structural bool
	// cols are the condition columns of the respondent's attributes.
	cols attrsColumns
	lang string // the language of the sheets' names
}

// sheetRows is a sheet with its columns found.
type sheetRows struct {
	s    *TableSheet
	cols map[string]int // header -> column
	rows []int          // data rows: not empty
	// extra are headers that are not among the sheet's columns, by column
	// (the level columns of «Пороги»).
	extra map[int]string
}

func (tr *tableReader) loc(s *TableSheet, row, col int) problem.Location {
	if s.Loc != nil {
		l := s.Loc(row, col)
		if l.File == "" {
			l.File = tr.file
		}
		return l
	}
	return problem.Location{File: tr.file, Sheet: s.Name, Row: row + 1, Col: col + 1}
}

func (tr *tableReader) pos(s *TableSheet, row, col int) (string, pos) {
	l := tr.loc(s, row, col)
	return l.File, pos{Line: l.Row, Col: l.Col, Sheet: l.Sheet}
}

// sheet finds a sheet and its columns. Unknown columns are errors unless
// extraOK (they are then in extra); a missing column is an error.
func (tr *tableReader) sheet(name string, columns []string, required bool, extraOK bool, optional ...string) *sheetRows {
	s, ok := tr.t.Sheet(name)
	if !ok {
		if required {
			tr.l.add(problem.Location{File: tr.file}, "нет листа «%s»: его столбцы — %s", lang.P(name), wordList(columns))
			tr.structural = true
		}
		return nil
	}
	sr := &sheetRows{s: s, cols: map[string]int{}, extra: map[int]string{}}
	header := -1
	for i, r := range s.Rows {
		if !emptyRow(r) {
			header = i
			break
		}
	}
	if header < 0 {
		if required {
			tr.l.add(tr.loc(s, 0, 0), "лист пуст: нужна строка заголовков (%s) и строки ниже", wordList(columns))
			tr.structural = true
		}
		return sr
	}
	for j, h := range s.Rows[header] {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		known := append(slices.Clip(columns), optional...)
		k := slices.IndexFunc(known, func(c string) bool { return textnorm.Key(c) == textnorm.Key(h) })
		switch {
		case k >= 0 && hasCol(sr.cols, known[k]):
			tr.l.add(tr.loc(s, header, j), "столбец «%s» повторяется", h)
		case k >= 0:
			sr.cols[known[k]] = j
		case extraOK:
			sr.extra[j] = h
		default:
			tr.l.add(tr.loc(s, header, j), "неизвестный столбец «%s»; на листе «%s» столбцы: %s", h, lang.P(name), wordList(known))
		}
	}
	for _, c := range columns {
		if !hasCol(sr.cols, c) {
			tr.l.add(tr.loc(s, header, 0), "на листе «%s» нет столбца «%s» (строка заголовков — первая непустая)", lang.P(name), lang.P(c))
			tr.structural = true
		}
	}
	for i := header + 1; i < len(s.Rows); i++ {
		if !emptyRow(s.Rows[i]) {
			sr.rows = append(sr.rows, i)
		}
	}
	return sr
}

func hasCol(cols map[string]int, c string) bool {
	_, ok := cols[c]
	return ok
}

func emptyRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// cell is the trimmed text of column c in row i, and its column.
func (sr *sheetRows) cell(i int, c string) (string, int) {
	j, ok := sr.cols[c]
	if !ok || j >= len(sr.s.Rows[i]) {
		return "", max(j, 0)
	}
	return strings.TrimSpace(sr.s.Rows[i][j]), j
}

func (sr *sheetRows) text(i int, c string) string {
	v, _ := sr.cell(i, c)
	return v
}

func (tr *tableReader) read() (*rawRoot, []rawIndicator) {
	root := &rawRoot{Schema: Schema}
	tr.readInfo(root)
	tr.readRespondent(root)
	if sr := tr.sheet(SheetLevels, []string{colID, colTitle}, true, false, colShort, colColor); sr != nil {
		for _, i := range sr.rows {
			rl := rawLevel{ID: sr.text(i, colID), Title: sr.text(i, colTitle), Short: sr.text(i, colShort), Color: sr.text(i, colColor)}
			_, rl.pos = tr.pos(sr.s, i, 0)
			root.Levels = append(root.Levels, rl)
		}
	}
	if sr := tr.sheet(SheetKinds, []string{colID, colTitle, colPlural}, false, false); sr != nil {
		for _, i := range sr.rows {
			rk := rawKind{ID: sr.text(i, colID), Title: sr.text(i, colTitle), Plural: sr.text(i, colPlural)}
			_, rk.pos = tr.pos(sr.s, i, 0)
			root.Kinds = append(root.Kinds, rk)
		}
	}
	if sr := tr.sheet(SheetComponents, []string{colID, colTitle, colKind, colOrder}, true, false, colWeight); sr != nil {
		for _, i := range sr.rows {
			rc := rawComponent{ID: sr.text(i, colID), Title: sr.text(i, colTitle)}
			_, rc.pos = tr.pos(sr.s, i, 0)
			kind, j := sr.cell(i, colKind)
			switch textnorm.Key(kind) {
			case textnorm.Key(wordDirection), KindDirection:
				rc.Kind = KindDirection
			case textnorm.Key(wordCondition), KindCondition:
				rc.Kind = KindCondition
			default:
				if len(root.Kinds) > 0 {
					rc.Kind = kind // a declared kind, checked with the rest
					break
				}
				tr.l.add(tr.loc(sr.s, i, j), "вид компонента «%s»: допустимы «%s» (магистральное направление) и «%s» (ключевое условие), или свои виды на листе «%s»", kind, lang.P(wordDirection), lang.P(wordCondition), lang.P(SheetKinds))
				rc.Kind = KindDirection // reported; no second message
			}
			if len(root.Kinds) > 0 {
				rc.Kind = kind
			}
			if o, ok := tr.integer(sr, i, colOrder, false); ok {
				rc.Order = &o
			}
			rc.Weight = tr.decimal(sr, i, colWeight)
			root.Components = append(root.Components, rc)
		}
	}
	tr.cols = tr.attrCols(root)
	tr.readThresholds(root)
	rules := tr.readRules(root)
	inds := tr.readIndicators(rules)
	return root, inds
}

func (tr *tableReader) readInfo(root *rawRoot) {
	keys := make([]string, len(infoKeys))
	for i, k := range infoKeys {
		keys[i] = k.key
	}
	keys = append(keys, infoOverall.key, infoLanguage.key)
	for _, k := range infoWords {
		keys = append(keys, k.key)
	}
	sr := tr.sheet(SheetInfo, []string{colKey, colValue, colNote}, true, false)
	if sr == nil {
		return
	}
	seen := map[string]bool{}
	for _, i := range sr.rows {
		key, j := sr.cell(i, colKey)
		v := sr.text(i, colValue)
		if seen[key] {
			tr.l.add(tr.loc(sr.s, i, j), "ключ «%s» повторяется", key)
			continue
		}
		seen[key] = true
		switch key {
		case "id":
			root.ID = v
		case "version":
			root.Version = v
		case "title":
			root.Title = v
		case "source":
			root.Source = v
		case infoOverall.key:
			root.Overall = v
		case infoLanguage.key:
			root.Language = v
		default:
			if word, ok := strings.CutPrefix(key, "words."); ok && slices.ContainsFunc(infoWords, func(k struct{ key, note string }) bool { return k.key == key }) {
				if root.Words == nil {
					root.Words = &rawDocWords{Values: map[string]string{}}
					_, root.Words.pos = tr.pos(sr.s, i, j)
				}
				root.Words.Values[word] = v
				continue
			}
			tr.l.add(tr.loc(sr.s, i, j), "неизвестный ключ «%s»; допустимы: %s", key, strings.Join(keys, ", "))
		}
	}
}

// readThresholds reads «Пороги»: a row per threshold set, of the base
// thresholds (no variant) or of a numbered variant.
func (tr *tableReader) readThresholds(root *rawRoot) {
	// The variants and conditions are for models that use a school's
	// profile; a table without them has none.
	sr := tr.sheet(SheetThresholds, []string{colWhere, colUnit}, true, true, append([]string{colVariant, colVariantID}, tr.cols.names()...)...)
	if sr == nil {
		return
	}
	rt := &rawThresholds{}
	_, rt.pos = tr.pos(sr.s, 0, 0)
	root.Thresholds = rt
	variants := map[string]int{} // «Вариант» -> index in rt.Variants
	for _, i := range sr.rows {
		_, p := tr.pos(sr.s, i, 0)
		set := rawThresholdSet{pos: p}
		values := map[string]rawDecimal{}
		for j, level := range sr.extra {
			if j >= len(sr.s.Rows[i]) {
				continue
			}
			v := strings.TrimSpace(sr.s.Rows[i][j])
			if v == "" {
				continue
			}
			_, vp := tr.pos(sr.s, i, j)
			values[level] = rawDecimal{Text: strings.Replace(v, ",", ".", 1), pos: vp}
		}
		unit, uj := sr.cell(i, colUnit)
		switch textnorm.Key(unit) {
		case textnorm.Key(wordPercent), "percent", "процент", "проценты":
			set.Percent = values
		case textnorm.Key(wordPoints), "points", "балл":
			set.Points = values
		default:
			tr.l.add(tr.loc(sr.s, i, uj), "единица порогов «%s»: допустимы «%s» (процент от максимума) и «%s»", unit, wordPercent, lang.P(wordPoints))
			continue
		}
		variant, vj := sr.cell(i, colVariant)
		where, wj := sr.cell(i, colWhere)
		defSet, overall, comps := &rt.Default, &rt.Overall, &rt.Components
		if variant != "" {
			k, ok := variants[variant]
			if !ok {
				rv := rawVariant{ID: sr.text(i, colVariantID), When: tr.applies(sr, i)}
				_, rv.pos = tr.pos(sr.s, i, vj)
				rt.Variants = append(rt.Variants, rv)
				k = len(rt.Variants) - 1
				variants[variant] = k
			} else if w := tr.applies(sr, i); !sameApplies(w, rt.Variants[k].When) || sr.text(i, colVariantID) != rt.Variants[k].ID {
				tr.l.add(tr.loc(sr.s, i, vj), "у строк варианта %s разные id или условия: впишите их одинаково в каждой строке варианта", variant)
			}
			rv := &rt.Variants[k]
			defSet, overall, comps = &rv.Default, &rv.Overall, &rv.Components
		} else if tr.cols.given(sr, i) {
			tr.l.add(tr.loc(sr.s, i, vj), "условие (%s) без номера варианта: базовые пороги действуют для всех; для особых впишите номер в столбец «%s»", wordList(tr.cols.names()), lang.P(colVariant))
		}
		switch where {
		case whereDefault, "по умолчанию":
			if *defSet != nil {
				tr.l.add(tr.loc(sr.s, i, wj), "пороги по умолчанию (%s) этого варианта уже заданы выше", whereDefault)
			}
			*defSet = &set
		case whereOverall, "общий":
			if *overall != nil {
				tr.l.add(tr.loc(sr.s, i, wj), "пороги общего уровня (%s) этого варианта уже заданы выше", whereOverall)
			}
			*overall = &set
		case "":
			tr.l.add(tr.loc(sr.s, i, wj), "не указано, где действуют пороги: %s (по умолчанию), %s (общий уровень) или id компонента", whereDefault, whereOverall)
		default:
			if *comps == nil {
				*comps = map[string]rawThresholdSet{}
			}
			if _, dup := (*comps)[where]; dup {
				tr.l.add(tr.loc(sr.s, i, wj), "пороги компонента %s этого варианта уже заданы выше", where)
			}
			(*comps)[where] = set
		}
	}
}

// splitList splits «НОО, ООО» (commas or semicolons).
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// lines splits a cell written one item per line.
func lines(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// boolCell reads «да»/«нет» (or true/false); "" is unset.
func (tr *tableReader) boolCell(sr *sheetRows, i int, c string) (v, set bool) {
	s, j := sr.cell(i, c)
	switch textnorm.Key(s) {
	case "":
		return false, false
	case wordYes, "true", "1":
		return true, true
	case wordNo, "false", "0":
		return false, true
	}
	tr.l.add(tr.loc(sr.s, i, j), "в столбце «%s» «%s»: впишите «%s» или «%s»", lang.P(c), s, lang.P(wordYes), lang.P(wordNo))
	return false, false
}

func (tr *tableReader) optBool(sr *sheetRows, i int, c string) *bool {
	if v, set := tr.boolCell(sr, i, c); set {
		return &v
	}
	return nil
}

// integer reads a whole number; "" is not given (an error when required).
func (tr *tableReader) integer(sr *sheetRows, i int, c string, required bool) (int, bool) {
	s, j := sr.cell(i, c)
	if s == "" {
		if required {
			tr.l.add(tr.loc(sr.s, i, j), "не указано: в столбце «%s» нужно целое число", lang.P(c))
		}
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ",0"))
	if err != nil || n < 0 || n > MaxThresholdPoints {
		hint := lang.P("")
		if strings.ContainsAny(s, ".,") {
			hint = lang.P("; баллы не бывают дробными — если в методике есть полбалла, умножьте все баллы и пороги в баллах на 2")
		}
		tr.l.add(tr.loc(sr.s, i, j), "в столбце «%s» «%s»: нужно целое число от 0%s", lang.P(c), s, hint)
		return 0, false
	}
	return n, true
}

func (tr *tableReader) number(sr *sheetRows, i int, c string) *float64 {
	s, j := sr.cell(i, c)
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || v != v || v > 1e15 || v < -1e15 {
		tr.l.add(tr.loc(sr.s, i, j), "в столбце «%s» «%s»: нужно число", lang.P(c), s)
		return nil
	}
	return &v
}

// decimal reads a weight's cell as the YAML loader reads it (checked
// there); nil when empty.
func (tr *tableReader) decimal(sr *sheetRows, i int, c string) *rawDecimal {
	s, j := sr.cell(i, c)
	if s == "" {
		return nil
	}
	d := &rawDecimal{Text: s}
	_, d.pos = tr.pos(sr.s, i, j)
	return d
}

// wordAbove starts a band's «От» cell whose bound is not included:
// «больше 2» (also read: «> 2»).
const wordAbove = "больше"

// lowerBound reads a band's «От» cell: a number, or «больше N» / «> N»
// for a bound not included.
func (tr *tableReader) lowerBound(sr *sheetRows, i int) (*float64, bool) {
	s, j := sr.cell(i, colFrom)
	rest, above := strings.CutPrefix(strings.ToLower(s), wordAbove)
	if !above {
		rest, above = strings.CutPrefix(s, ">")
	}
	if !above {
		return tr.number(sr, i, colFrom), false
	}
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(rest), ",", ".", 1), 64)
	if err != nil || v != v || v > 1e15 || v < -1e15 {
		tr.l.add(tr.loc(sr.s, i, j), "в столбце «%s» «%s»: нужно число или «%s число»", lang.P(colFrom), s, lang.P(wordAbove))
		return nil, true
	}
	return &v, true
}

// points reads a row's points. A cell that is not a whole number is
// reported and read as 0, so that the answer still counts as given and
// raises no second error (the model does not load either way).
func (tr *tableReader) points(sr *sheetRows, i int) *wholePoints {
	n, _ := tr.integer(sr, i, colPoints, true)
	p := wholePoints(n)
	return &p
}

// readRules reads «Правила»: the model's rules (no indicator) and the
// indicators' own ones, by indicator.
func (tr *tableReader) readRules(root *rawRoot) map[string]rawCriticalList {
	sr := tr.sheet(SheetRules, []string{colIndicator, colAction, colLevel, colWhere}, true, false)
	own := map[string]rawCriticalList{}
	if sr == nil {
		return own
	}
	for _, i := range sr.rows {
		rc := rawCritical{Action: sr.text(i, colAction), Level: sr.text(i, colLevel), Scope: sr.text(i, colWhere)}
		_, rc.pos = tr.pos(sr.s, i, sr.cols[colAction])
		if ind := sr.text(i, colIndicator); ind != "" {
			own[ind] = append(own[ind], rc)
			continue
		}
		root.CriticalRule = append(root.CriticalRule, rc)
	}
	return own
}

func (tr *tableReader) readIndicators(rules map[string]rawCriticalList) []rawIndicator {
	sr := tr.sheet(SheetIndicators, []string{colComponent, colNumber, colText, colCritical, colFailsBelow,
		colKind, colUnit, colMin, colMax, colInteger, colMeasures}, true, false,
		append(tr.cols.names(), colOrder, colWeight, colAliases)...)
	if sr == nil {
		return nil
	}
	var inds []rawIndicator
	byID := map[string]int{}
	// Indicators of an unknown kind (reported) take the rows given for
	// them on either sheet, without a second error.
	unknownKind := map[string]bool{}
	for _, i := range sr.rows {
		ri := rawIndicator{ID: sr.text(i, colNumber), Component: sr.text(i, colComponent), Text: sr.text(i, colText),
			Applies: tr.applies(sr, i), Measures: lines(sr.text(i, colMeasures))}
		ri.file, ri.pos = tr.pos(sr.s, i, sr.cols[colNumber])
		if o, ok := tr.integer(sr, i, colOrder, false); ok {
			ri.Order = &o
		}
		ri.Weight = tr.decimal(sr, i, colWeight)
		ri.Aliases = lines(sr.text(i, colAliases))
		crit, _ := tr.boolCell(sr, i, colCritical)
		ri.Critical.Set = crit
		_, ri.Critical.pos = tr.pos(sr.s, i, sr.cols[colCritical])
		if n, ok := tr.integer(sr, i, colFailsBelow, false); ok {
			p := wholePoints(n)
			ri.Critical.FailsBelow = &p
			if !crit {
				tr.l.add(tr.loc(sr.s, i, sr.cols[colFailsBelow]), "порог невыполнения у некритического показателя %s: впишите «%s» в столбец «%s» или очистите ячейку", ri.ID, lang.P(wordYes), lang.P(colCritical))
			}
		}
		if r, ok := rules[ri.ID]; ok {
			ri.Critical.Rules = r
			if !crit {
				tr.l.add(tr.loc(sr.s, i, sr.cols[colCritical]), "на листе «%s» есть правила для показателя %s, но он не критический", lang.P(SheetRules), ri.ID)
			}
			delete(rules, ri.ID)
		}
		kind, kj := sr.cell(i, colKind)
		switch textnorm.Key(kind) {
		case wordNumber, "number":
			ri.Number = &rawNumber{Unit: sr.text(i, colUnit), Min: tr.number(sr, i, colMin), Max: tr.number(sr, i, colMax)}
			ri.Number.Integer, _ = tr.boolCell(sr, i, colInteger)
			_, ri.Number.pos = tr.pos(sr.s, i, sr.cols[colUnit])
		case textnorm.Key(wordChoices), "multiple":
			ri.Select = SelectMultiple
			if n, ok := tr.integer(sr, i, colMax, false); ok {
				p := wholePoints(n)
				ri.Max = &p
			}
			for _, c := range []string{colUnit, colMin, colInteger} {
				if v, j := sr.cell(i, c); v != "" {
					tr.l.add(tr.loc(sr.s, i, j), "у показателя %s с выбором ответа заполнен столбец «%s»: он только для вида «%s»", ri.ID, lang.P(c), lang.P(wordNumber))
				}
			}
		case wordChoice, "choice":
			for _, c := range []string{colUnit, colMin, colMax, colInteger} {
				if v, j := sr.cell(i, c); v != "" {
					tr.l.add(tr.loc(sr.s, i, j), "у показателя %s с выбором ответа заполнен столбец «%s»: он только для вида «%s»", ri.ID, lang.P(c), lang.P(wordNumber))
				}
			}
		default:
			tr.l.add(tr.loc(sr.s, i, kj), "вид показателя «%s»: допустимы «%s» (варианты ответа на листе «%s»), «%s» (несколько вариантов, баллы складываются не больше «%s») и «%s» (диапазоны на листе «%s»)",
				kind, lang.P(wordChoice), lang.P(SheetOptions), lang.P(wordChoices), lang.P(colMax), lang.P(wordNumber), lang.P(SheetBands))
			unknownKind[ri.ID] = true
		}
		if _, dup := byID[ri.ID]; !dup && ri.ID != "" {
			byID[ri.ID] = len(inds)
		}
		inds = append(inds, ri)
	}
	for id, rs := range rules {
		tr.l.add(tr.l.at(tr.file, rs[0].pos), "на листе «%s» правило для показателя %s, которого нет на листе «%s»", lang.P(SheetRules), id, lang.P(SheetIndicators))
	}
	owner := func(s *sheetRows, i int) *rawIndicator {
		id, j := s.cell(i, colNumber)
		k, ok := byID[id]
		if !ok {
			tr.l.add(tr.loc(s.s, i, j), "показателя «%s» нет на листе «%s»", id, lang.P(SheetIndicators))
			return nil
		}
		return &inds[k]
	}
	if s := tr.sheet(SheetOptions, []string{colNumber, colAnswer, colAliases, colPoints}, false, false); s != nil {
		for _, i := range s.rows {
			ri := owner(s, i)
			o := rawOption{Text: s.text(i, colAnswer), Aliases: lines(s.text(i, colAliases))}
			if v, _ := s.cell(i, colPoints); textnorm.Key(v) == textnorm.Key(wordNotApplicable) {
				o.NotApplicable = true // «не применимо» in «Баллы»: no column more, no other model's table changes
			} else {
				o.Points = tr.points(s, i)
			}
			_, o.pos = tr.pos(s.s, i, s.cols[colAnswer])
			if ri == nil {
				continue
			}
			if ri.Number != nil && o.NotApplicable && !unknownKind[ri.ID] {
				ri.Number.NotApplicable = append(ri.Number.NotApplicable, o.Text)
				continue
			}
			if ri.Number != nil && !unknownKind[ri.ID] {
				tr.l.add(tr.loc(s.s, i, 0), "у показателя %s вида «%s» вариант ответа: варианты — для вида «%s», числу нужны диапазоны на листе «%s»", ri.ID, lang.P(wordNumber), lang.P(wordChoice), lang.P(SheetBands))
				continue
			}
			ri.Options = append(ri.Options, o)
		}
	}
	if s := tr.sheet(SheetBands, []string{colNumber, colFrom, colTo, colToIncluded, colPoints}, false, false); s != nil {
		for _, i := range s.rows {
			ri := owner(s, i)
			b := rawBand{Max: tr.number(s, i, colTo), Points: tr.points(s, i)}
			b.Min, b.MinExclusive = tr.lowerBound(s, i)
			b.MaxInclusive, _ = tr.boolCell(s, i, colToIncluded)
			_, b.pos = tr.pos(s.s, i, s.cols[colFrom])
			if ri == nil {
				continue
			}
			if ri.Number == nil && unknownKind[ri.ID] {
				ri.Number = &rawNumber{}
			}
			if ri.Number == nil {
				tr.l.add(tr.loc(s.s, i, 0), "у показателя %s диапазон, но его вид не «%s»: впишите «%s» в столбец «%s» листа «%s»", ri.ID, lang.P(wordNumber), lang.P(wordNumber), lang.P(colKind), lang.P(SheetIndicators))
				continue
			}
			ri.Bands = append(ri.Bands, b)
		}
	}
	return inds
}
