package model

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/selfdiag/selfdiag/indicators"
	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Bounds on points: far above any methodology, far below where sums of a
// thousand indicators could overflow.
const (
	MaxPoints          = 1000   // for one answer or band
	MaxThresholdPoints = 100000 // for a threshold in points
	// Bounds on an indicator's measures: a short list of sentences.
	MaxMeasures   = 20
	MaxMeasureLen = 1000
)

// RootFile is the name of a model folder's root file.
const RootFile = "model.yaml"

// EmbeddedName is how the embedded default model is named in messages.
const EmbeddedName = "встроенная модель"

// Default loads the embedded default model. It is validated by the tests, so
// an error here is a programming error.
func Default() (*Model, error) {
	m, err := Load(indicators.FS, EmbeddedName)
	if m != nil {
		m.Embedded = true
	}
	return m, err
}

// Load reads a model folder from fsys: model.yaml and every other *.yaml or
// *.yml file in it (the indicator files, read in name order). displayDir is
// the folder's name for messages. A model with any problem is not returned:
// the error is a problem.List naming every problem with file and line.
func Load(fsys fs.FS, displayDir string) (*Model, error) {
	l := &loader{dir: displayDir}
	l.rootFile = l.name(RootFile)
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		l.add(problem.Location{File: displayDir}, "не удалось прочитать каталог модели: %s", fserr.Phrase(err))
		return nil, l.problems()
	}
	var root rawRoot
	if !l.decodeFile(fsys, entries, RootFile, &root) {
		return nil, l.problems()
	}
	var inds []rawIndicator
	for i := range root.Indicators {
		root.Indicators[i].file = l.name(RootFile)
		inds = append(inds, root.Indicators[i])
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == RootFile || strings.HasPrefix(name, ".") || (path.Ext(name) != ".yaml" && path.Ext(name) != ".yml") {
			continue
		}
		var f rawIndicatorFile
		if !l.decodeFile(fsys, entries, name, &f) {
			l.unread++
			continue
		}
		if len(f.Indicators) == 0 {
			l.add(problem.Location{File: l.name(name)}, "в файле нет показателей (ключ indicators)")
		}
		for _, ind := range f.Indicators {
			if ind.Component == "" {
				ind.Component = f.Component
			}
			ind.file = l.name(name)
			inds = append(inds, ind)
		}
	}
	return l.finish(l.build(&root, inds))
}

// finish returns the model built, or every problem found.
func (l *loader) finish(m *Model) (*Model, error) {
	if l.failed() || m == nil {
		return nil, l.problems()
	}
	m.Hash = fingerprint(m)
	return m, nil
}

// fingerprint is the start of the SHA-256 of the model's canonical form —
// its table as export writes it, cell by cell, without the headers and
// notes the program writes there — so that one model has one fingerprint
// whether it is read from YAML, from its workbook or from its CSV, however
// the files are laid out.
func fingerprint(m *Model) string {
	h := sha256.New()
	for _, s := range m.canonical().Sheets {
		fmt.Fprintf(h, "%s\x00%d\x00", s.Name, len(s.Rows))
		for i, r := range s.Rows {
			if i == 0 {
				continue // the header
			}
			if s.Name == SheetInfo && len(r) > 2 {
				r = r[:2] // key and value; the note is the program's
			}
			fmt.Fprintf(h, "%d\x00%s\x00", len(r), strings.Join(r, "\x00"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:HashLen]
}

// HashLen is how many hex digits of the model's SHA-256 the stamp shows:
// as a short git commit, enough to tell two models apart.
const HashLen = 12

// maxModelFile bounds a model file: the largest real one is tens of
// kilobytes.
const maxModelFile = 4 << 20

type loader struct {
	dir string
	// rootFile names the root file, or the spreadsheet, in messages.
	rootFile string
	// table: the model comes from a spreadsheet (LoadTable), whose
	// places are cells.
	table bool
	// pending are the problems found, written in lang when the loader
	// finishes (messages.go).
	pending []pending
	lang    lang.Lang
	// unread counts indicator files that could not be parsed: their
	// indicators are unknown, so an empty component is no error of its own.
	unread int
	// indicatorRules wait for the levels.
	indicatorRules []pendingRules
}

func (l *loader) name(file string) string {
	if l.dir == "" {
		return file
	}
	return path.Join(filepathToSlash(l.dir), file)
}

func filepathToSlash(s string) string { return strings.ReplaceAll(s, "\\", "/") }

// maxQuoted is how many characters of a value a message quotes.
const maxQuoted = 400

func (l *loader) at(file string, p pos) problem.Location {
	return problem.Location{File: file, Sheet: p.Sheet, Row: p.Line, Col: p.Col}
}

// numberIDRe is an indicator id made of numbers: «7», «7.1». Such ids are
// written without leading zeros (a spreadsheet turns «04» into 4).
var numberIDRe = regexp.MustCompile(`^[1-9]\d*(?:\.[1-9]\d*)*$`)

// digitsIDRe is any id of digits and dots, numberIDRe's or not.
var digitsIDRe = regexp.MustCompile(`^[\d.]+$`)

// maxIDLen bounds an id or alias: requirement ids are short («ID.AM-1»).
const maxIDLen = 40

var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+)(?:, column (\d+))?: (.*)$`)

// decodeFile parses one YAML file into v, reporting syntax errors, unknown
// keys and type errors. It returns false when v could not be filled at all.
func (l *loader) decodeFile(fsys fs.FS, entries []fs.DirEntry, name string, v any) bool {
	file := l.name(name)
	i := slices.IndexFunc(entries, func(e fs.DirEntry) bool { return e.Name() == name })
	if i < 0 {
		l.add(problem.Location{File: file}, "файл не найден: в каталоге модели должен быть %s", RootFile)
		return false
	}
	// Only regular files of the folder itself: a link could show the lines
	// of any file on the computer in messages.
	if !entries[i].Type().IsRegular() {
		l.add(problem.Location{File: file}, "это ссылка или не обычный файл: в каталоге модели читаются только обычные файлы; скопируйте файл в каталог")
		return false
	}
	if info, err := entries[i].Info(); err == nil && info.Size() > maxModelFile {
		l.add(problem.Location{File: file}, "файл больше %d МБ: файл модели столько не занимает", maxModelFile>>20)
		return false
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		l.add(problem.Location{File: file}, "не удалось прочитать файл: %s", fserr.Text(err))
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		l.yamlError(file, err, lang.P("ошибка синтаксиса YAML"), nil)
		return false
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		l.add(problem.Location{File: file}, "файл пуст")
		return false
	}
	if n := FirstAlias(&doc); n != nil {
		// A few lines of aliases can expand to millions of nodes.
		l.add(problem.Location{File: file, Row: n.Line, Col: n.Column}, "ссылки YAML (&якорь, *ссылка) в модели не допускаются: впишите значения прямо")
		return false
	}
	if doc.Content[0].Kind != yaml.MappingNode {
		l.add(problem.Location{File: file, Row: doc.Content[0].Line}, "ожидался словарь ключей (ключ: значение) на верхнем уровне")
		return false
	}
	if name == RootFile {
		l.lang = rootLanguage(doc.Content[0])
	}
	checkKnownKeys(&doc, reflect.TypeOf(v), file, l.add)
	if err := doc.Decode(v); err != nil {
		// What was decoded is partial: checking it would only repeat
		// the error in other words (a file «without indicators»).
		l.yamlError(file, err, lang.P("неверный тип значения"), &doc)
		return false
	}
	return true
}

// yamlError reports the parser's errors in Russian with their places. The
// parser gives a type error's line only; its column is found in doc, the
// file's tree, as the scalar of that line with the value named.
func (l *loader) yamlError(file string, err error, what lang.Phrase, doc *yaml.Node) {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	for _, msg := range msgs {
		loc := problem.Location{File: file}
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			loc.Row, _ = strconv.Atoi(m[1])
			loc.Col, _ = strconv.Atoi(m[2])
			msg = m[3]
		}
		if u := yamlUnmarshalRe.FindStringSubmatch(msg); u != nil && loc.Col == 0 && doc != nil {
			loc.Col = scalarColumn(doc, loc.Row, u[2])
		}
		l.add(loc, "%s: %s", what, YAMLMessage(strings.TrimPrefix(msg, "yaml: ")))
	}
}

// scalarColumn is the column of the first scalar on line with value, 0
// when there is none (or the value was not named).
func scalarColumn(n *yaml.Node, line int, value string) int {
	if value == "" {
		return 0
	}
	if n.Kind == yaml.ScalarNode && n.Line == line && n.Value == value {
		return n.Column
	}
	for _, c := range n.Content {
		if col := scalarColumn(c, line, value); col > 0 {
			return col
		}
	}
	return 0
}

// yamlKinds and yamlPhrases are the YAML parser's words, in Russian (the
// catalogue's keys; English is the parser's own).
var (
	yamlUnmarshalRe = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")
	yamlKinds       = map[string]string{"seq": "список", "map": "словарь", "str": "текст", "int": "целое число", "float": "дробное число", "bool": "да/нет", "null": "пустое значение"}
	yamlPhrases     = []struct{ en, ru string }{
		{"mapping values are not allowed in this context", "здесь не может быть «ключ: значение» (проверьте отступы и двоеточия)"},
		{"did not find expected node content", "не найдено ожидаемое значение"},
		{"did not find expected key", "не найден ожидаемый ключ (проверьте отступы)"},
		{"found unexpected end of stream", "файл кончился внутри значения (незакрытая кавычка или скобка)"},
		{"found character that cannot start any token", "символ, с которого не может начинаться значение (например, табуляция вместо пробелов)"},
		{"found a tab character that violates indentation", "табуляция в отступе: используйте пробелы"},
		{"control characters are not allowed", "управляющие символы не допускаются"},
		{"invalid leading UTF-8 octet", "текст не в UTF-8"},
		{"unknown anchor", "ссылка на неизвестный якорь"},
		{"line ", "строка "},
	}
)

// YAMLText is a message of the YAML parser in Russian.
func YAMLText(msg string) string { return YAMLTextIn(lang.RU, msg) }

// YAMLTextIn is a message of the YAML parser in a language.
func YAMLTextIn(lg lang.Lang, msg string) string {
	if m := pointsErrorRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return lg.T(pointsError, n, m[2], lg.T(m[3]))
	}
	m := yamlUnmarshalRe.FindStringSubmatch(msg)
	if m == nil {
		if lg == lang.EN {
			return msg
		}
		for _, p := range yamlPhrases {
			msg = strings.ReplaceAll(msg, p.en, lg.T(p.ru))
		}
		return msg
	}
	found := m[1]
	if k, ok := yamlKinds[m[1]]; ok {
		found = lg.T(k)
	}
	if m[2] != "" {
		found += " «" + m[2] + "»"
	}
	want := "словарь ключей"
	switch t := m[3]; {
	case t == "int" || t == "int64" || t == "*int":
		want = "целое число"
	case t == "bool" || t == "*bool":
		want = "true или false"
	case t == "string":
		want = "текст"
	case t == "float64" || t == "*float64":
		want = "число"
	case strings.HasPrefix(t, "[]"):
		want = "список"
	}
	return lg.T("нужно: %s; найдено: %s", lg.T(want), found)
}

func (l *loader) build(root *rawRoot, inds []rawIndicator) *Model {
	rootFile := l.rootFile
	top := problem.Location{File: rootFile, Row: 1}
	if l.table {
		top.Row = 0
	}
	m := &Model{
		ID: strings.TrimSpace(root.ID), Version: strings.TrimSpace(root.Version),
		Title: strings.TrimSpace(root.Title), Source: strings.TrimSpace(root.Source),
		indicatorByID: map[string]*Indicator{},
		componentByID: map[string]*Component{},
	}
	m.Language = l.oneOf("language", root.Language, top, choice{LangRU, "русский"}, choice{LangEN, "английский"}, choice{LangIT, "итальянский"})
	l.lang = lang.Of(m.Language)
	l.buildRespondent(m, root.Respondent, rootFile)
	switch root.Schema {
	case Schema:
	case "":
		l.add(top, "не указан ключ schema (ожидалось %q)", Schema)
	default:
		l.add(top, "неизвестная версия формата schema %q (ожидалось %q)", root.Schema, Schema)
	}
	for key, v := range map[string]string{"id": m.ID, "version": m.Version, "title": m.Title, "source": m.Source} {
		if v == "" {
			l.add(top, "не указан обязательный ключ %s", key)
		}
	}

	// Levels.
	levelPos := map[string]pos{}
	for _, rl := range root.Levels {
		loc := l.at(rootFile, rl.pos)
		if rl.ID == "" {
			l.add(loc, "у уровня не указан id")
			continue
		}
		if first, dup := levelPos[rl.ID]; dup {
			l.add(loc, "уровень %q уже объявлен в строке %d", rl.ID, first.Line)
			continue
		}
		if strings.TrimSpace(rl.Title) == "" {
			l.add(loc, "у уровня %q не указано название (title)", rl.ID)
		}
		levelPos[rl.ID] = rl.pos
		short := strings.TrimSpace(rl.Short)
		if utf8.RuneCountInString(short) > 12 {
			l.add(loc, "сокращение (short) уровня %q «%s» длиннее 12 знаков: оно для узких ячеек", rl.ID, short)
		}
		m.Levels = append(m.Levels, Level{ID: rl.ID, Title: strings.TrimSpace(rl.Title), Short: short, Color: l.levelColor(m, rl, loc)})
	}
	if len(m.Levels) < 2 {
		l.add(top, "нужно не менее двух уровней (levels), от низшего к высшему; найдено %d", len(m.Levels))
	}
	if len(m.Levels) > MaxLevels {
		l.add(top, "уровней (levels) %d, а различить цветом и штриховкой в документах можно не более %d", len(m.Levels), MaxLevels)
	}

	// Components.
	l.buildKinds(m, root.Kinds, rootFile)
	l.buildWords(m, root.Words, rootFile)
	compPos := map[string]pos{}
	orders := map[int]string{}
	for i, rc := range root.Components {
		loc := l.at(rootFile, rc.pos)
		if rc.ID == "" {
			l.add(loc, "у компонента не указан id")
			continue
		}
		if first, dup := compPos[rc.ID]; dup {
			l.add(loc, "компонент %q уже объявлен в строке %d", rc.ID, first.Line)
			continue
		}
		compPos[rc.ID] = rc.pos
		if strings.TrimSpace(rc.Title) == "" {
			l.add(loc, "у компонента %q не указано название (title)", rc.ID)
		}
		if m.KindOf(rc.Kind).ID == "" {
			var kinds andList
			for _, k := range m.Kinds {
				kinds = append(kinds, k.ID+" ("+k.Title+")")
			}
			l.add(loc, "у компонента %q неверный kind %q: допустимы %s", rc.ID, rc.Kind, kinds)
		}
		order := i + 1
		if rc.Order != nil {
			order = *rc.Order
		}
		if other, dup := orders[order]; dup {
			l.add(loc, "у компонентов %q и %q одинаковый order %d", other, rc.ID, order)
		}
		orders[order] = rc.ID
		c := &Component{ID: rc.ID, Title: strings.TrimSpace(rc.Title), Kind: rc.Kind, Order: order,
			Weight: l.weight(rc.Weight, rootFile, lang.P("компонента %s", rc.ID))}
		m.Components = append(m.Components, c)
		m.componentByID[c.ID] = c
	}
	if len(m.Components) == 0 {
		l.add(top, "не объявлено ни одного компонента (components)")
	}
	slices.SortStableFunc(m.Components, func(a, b *Component) int { return a.Order - b.Order })

	// Indicators.
	type seenAt struct {
		file string
		line int
	}
	seen := map[string]seenAt{}
	for i := range inds {
		ri := &inds[i]
		loc := l.at(ri.file, ri.pos)
		ind := l.buildIndicator(m, ri, loc)
		if ind == nil {
			continue
		}
		if first, dup := seen[ind.ID]; dup {
			l.add(loc, "показатель %s уже объявлен: %s:%d", ind.ID, first.file, first.line)
			continue
		}
		seen[ind.ID] = seenAt{ri.file, ri.Line}
		c, ok := m.componentByID[ind.Component]
		if !ok {
			if ind.Component == "" {
				l.add(loc, "у показателя %s не указан компонент (component)", ind.ID)
			} else {
				l.add(loc, "показатель %s отнесён к неизвестному компоненту %q; объявлены: %s", ind.ID, ind.Component, strings.Join(componentIDs(m), ", "))
			}
			continue
		}
		c.Indicators = append(c.Indicators, ind)
		m.indicatorByID[ind.ID] = ind
	}
	l.orderIndicators(m, inds)
	for ci, c := range m.Components {
		if len(c.Indicators) == 0 && l.unread == 0 {
			l.add(l.at(rootFile, compPos[c.ID]), "у компонента %q нет ни одного показателя", c.ID)
		}
		for _, ind := range c.Indicators {
			ind.componentIndex = ci
		}
		m.Indicators = append(m.Indicators, c.Indicators...)
	}
	m.indexByID = make(map[string]int, len(m.Indicators))
	for i, ind := range m.Indicators {
		m.indexByID[ind.ID] = i
		ind.index = i
	}
	l.buildAliases(m, inds)
	m.Overall = l.oneOf("overall", root.Overall, top, choice{OverallSum, "общий уровень по сумме баллов"},
		choice{OverallMean, "по среднему процентов компонентов"}, choice{OverallMinLevel, "по наименьшему уровню компонентов"})

	// Thresholds and the critical rule need the levels.
	if len(m.Levels) >= 2 {
		l.buildThresholds(m, root.Thresholds, rootFile, top)
		l.buildCriticalRules(m, root.CriticalRule, rootFile, top)
		l.checkOverall(m, top)
		if !l.failed() {
			l.checkVariants(m)
			l.checkReachable(m)
		}
	}
	return m
}

// checkVariants refuses a threshold variant that no school can get: its
// condition fits no profile, or every profile it fits takes an earlier
// variant (the first that fits wins).
func (l *loader) checkVariants(m *Model) {
	profiles := m.Respondent.AllProfiles()
	for i, v := range m.Thresholds.Variants {
		fits, taken := 0, 0
		for _, p := range profiles {
			if !v.When.AppliesTo(p) {
				continue
			}
			fits++
			if slices.ContainsFunc(m.Thresholds.Variants[:i], func(e ThresholdVariant) bool { return e.When.AppliesTo(p) }) {
				taken++
			}
		}
		switch {
		case fits == 0:
			l.add(v.loc, "вариант порогов %s (%s) не подходит ни одному профилю: проверьте условие when", v.name, v.When)
		case taken == fits:
			l.add(v.loc, "вариант порогов %s (%s) никогда не применяется: всем его профилям подходит вариант выше, а применяется первый подходящий; поставьте его раньше или уточните условие when (например, *_match: exactly)", v.name, v.When)
		}
	}
}

// checkReachable refuses a threshold in points that a school of some
// profile cannot reach: with «высокий от 190» against a 162-point maximum a
// school with every answer at its best would stay «средний». Every profile
// is tried; each set and level is reported once, with the first profile
// that cannot reach it and that profile's maximum.
func (l *loader) checkReachable(m *Model) {
	type key struct {
		set   string
		level int
	}
	seen := map[key]bool{}
	for _, p := range m.Respondent.AllProfiles() {
		maxes, total := m.Maxima(p)
		check := func(component string, title lang.Phrase, max int) {
			set := m.Thresholds.For(component, p)
			if set.Unit != UnitPoints || max == 0 {
				return // percents are bounded by 100; nothing applies
			}
			for lv := 1; lv < len(set.Values) && lv < len(m.Levels); lv++ {
				k := key{set.name, lv}
				if set.MinPoints(lv, max) >= 0 || seen[k] {
					continue
				}
				seen[k] = true
				l.add(set.loc, "порог %s.%s = %s (в баллах) недостижим: школа профиля «%s» набирает %s не больше %s, и уровень «%s» не получит даже школа со всеми ответами на максимум; уменьшите порог или задайте пороги в процентах (percent)",
					set.name, m.Levels[lv].ID, set.Values[lv], m.Respondent.ProfileText(p), title, pointsBelow(max), m.Levels[lv].Title)
			}
		}
		check("", lang.P("в целом"), total)
		for i, c := range m.Components {
			check(c.ID, lang.P("в компоненте «%s»", c.Title), maxes[i])
		}
	}
}

// Maxima are the most points a school of profile p can earn in each
// component (model order) and in total: the sums over the indicators that
// apply to it.
func (m *Model) Maxima(p Profile) (components []int, total int) {
	components = make([]int, len(m.Components))
	for i, c := range m.Components {
		for _, ind := range c.Indicators {
			if ind.Applies.AppliesTo(p) {
				components[i] += ind.Max
			}
		}
		total += components[i]
	}
	return components, total
}

// levelIDs lists the model's level ids for messages: «below_base (ниже
// базового), base (базовый), …».
func levelIDs(m *Model) string {
	ids := make([]string, len(m.Levels))
	for i, lv := range m.Levels {
		ids[i] = lv.ID + " (" + lv.Title + ")"
	}
	return strings.Join(ids, ", ")
}

func componentIDs(m *Model) []string {
	ids := make([]string, len(m.Components))
	for i, c := range m.Components {
		ids[i] = c.ID
	}
	return ids
}

func (l *loader) buildIndicator(m *Model, ri *rawIndicator, loc problem.Location) *Indicator {
	id := strings.TrimSpace(ri.ID)
	if id == "" {
		l.add(loc, "у показателя не указан id (номер показателя)")
		return nil
	}
	l.checkID(id, loc, lang.P("номер (id) показателя"))
	ind := &Indicator{ID: id, Component: ri.Component, Text: strings.TrimSpace(ri.Text), Critical: ri.Critical.Set, FailsBelow: 1,
		Weight: l.weight(ri.Weight, ri.file, lang.P("показателя %s", id))}
	if ind.Text == "" {
		l.add(loc, "у показателя %s не указана формулировка (text)", id)
	}
	if ri.Applies != nil {
		ind.Applies = l.buildApplies(m, ri.Applies, ri.file, lang.P("показателя %s", id))
	}
	if len(ri.Measures) > MaxMeasures {
		l.add(loc, "у показателя %s мер (measures) %d: не больше %d", id, len(ri.Measures), MaxMeasures)
	}
	for i, text := range ri.Measures {
		text = strings.TrimSpace(text)
		switch {
		case text == "":
			l.add(loc, "у показателя %s пустая мера (measures, %d-я)", id, i+1)
		case utf8.RuneCountInString(text) > MaxMeasureLen:
			l.add(loc, "у показателя %s мера (measures, %d-я) длиннее %d знаков", id, i+1, MaxMeasureLen)
		case strings.ContainsAny(text, "\r\n"):
			l.add(loc, "у показателя %s мера (measures, %d-я) в несколько строк: мера — одна строка (в таблице модели меры разделены переводом строки); запишите её в одну строку или разделите на две меры", id, i+1)
		default:
			ind.Measures = append(ind.Measures, text)
		}
	}
	switch {
	case len(ri.Options) > 0 && (ri.Number != nil || len(ri.Bands) > 0):
		l.add(loc, "у показателя %s заданы и варианты ответа (options), и числовые диапазоны (number/bands): нужно что-то одно", id)
	case len(ri.Options) > 0:
		l.buildOptions(ind, ri)
		l.buildSelect(ind, ri, loc)
	case ri.Number != nil || len(ri.Bands) > 0:
		if ri.Select != "" || ri.Max != nil {
			l.add(loc, "у показателя %s вида «число» заданы select или max: они — для вариантов ответа (options)", id)
		}
		l.buildBands(ind, ri)
	default:
		l.add(loc, "у показателя %s нет ни вариантов ответа (options), ни числовых диапазонов (number и bands)", id)
	}
	if ind.Number != nil {
		ind.Number.lang = m.Lang()
	}
	ind.best = ind.computeBest()
	l.buildIndicatorCritical(ind, &ri.Critical, ri.file, loc)
	return ind
}

// buildIndicatorCritical reads an indicator's «critical»: true, or a
// mapping with fails_below and the indicator's own rules. The rules' levels
// are checked with the model's rule, once the levels are known.
func (l *loader) buildIndicatorCritical(ind *Indicator, rc *rawCriticalFlag, file string, loc problem.Location) {
	if rc.FailsBelow != nil || rc.Rules != nil {
		loc = l.at(file, rc.pos)
	}
	if !ind.Critical {
		return
	}
	if rc.FailsBelow != nil {
		ind.FailsBelow = int(*rc.FailsBelow)
	}
	if len(ind.Options) == 0 && len(ind.Bands) == 0 {
		return // already reported: no answers
	}
	if ind.FailsBelow < 1 || ind.FailsBelow > ind.Max {
		l.add(loc, "у критического показателя %s fails_below %d: нужно от 1 до %d (максимума показателя) — показатель не выполнен, если баллов меньше этого числа",
			ind.ID, ind.FailsBelow, ind.Max)
	} else if !ind.canFail() {
		l.add(loc, "критический показатель %s не имеет ответа, дающего меньше %s: его невыполнение нельзя определить",
			ind.ID, pointsBelow(ind.FailsBelow))
	}
	if rc.Rules != nil {
		l.indicatorRules = append(l.indicatorRules, pendingRules{ind, rc.Rules, file, loc})
	}
}

// canFail reports whether some answer fails the indicator.
func (ind *Indicator) canFail() bool {
	for _, o := range ind.Options {
		if o.Points < ind.FailsBelow {
			return true
		}
	}
	for _, b := range ind.Bands {
		if b.Points < ind.FailsBelow {
			return true
		}
	}
	return false
}

// buildApplies reads a condition on the respondent's attributes: for each
// attribute A, «A: [values]» (a yes/no one: «A: true»), «A_match: any |
// all | exactly» and «not_A: [values]».
func (l *loader) buildApplies(m *Model, ra *rawApplies, file string, what lang.Phrase) Applicability {
	var a Applicability
	conds := map[string]*Cond{}
	cond := func(at *Attribute) *Cond {
		if c, ok := conds[at.ID]; ok {
			return c
		}
		conds[at.ID] = &Cond{Attr: at}
		return conds[at.ID]
	}
	for _, k := range ra.Keys {
		loc := l.at(file, k.pos)
		name, suffix := k.Key, ""
		if rest, ok := strings.CutSuffix(name, "_match"); ok {
			name, suffix = rest, "_match"
		} else if rest, ok := strings.CutPrefix(name, "not_"); ok {
			name, suffix = rest, "not_"
		}
		at := m.Respondent.Attribute(name)
		if at == nil {
			l.add(loc, "у %s неизвестный ключ условия «%s»: признаки %s — %s", what, k.Key, m.Respondent.Many, attributeKeys(m))
			continue
		}
		c := cond(at)
		switch suffix {
		case "":
			c.Values = l.condValues(at, k, loc, what)
		case "not_":
			if at.IsYesNo() {
				l.add(loc, "у %s ключ %s: признак «%s» — да или нет, пишется %s: true или %s: false", what, k.Key, at.Title, at.ID, at.ID)
				continue
			}
			c.Not = l.condValues(at, k, loc, what)
		case "_match":
			switch v := strings.TrimSpace(strings.Join(k.Value, "")); v {
			case "", MatchAny:
			case MatchAll, MatchExactly:
				c.Match = v
			default:
				l.add(loc, "у %s %s %q: допустимы any (любое из значений, по умолчанию), all (все перечисленные, может быть и другие), exactly (ровно перечисленные)", what, k.Key, v)
			}
		}
	}
	for _, at := range m.Respondent.Attributes {
		c, ok := conds[at.ID]
		if !ok {
			continue
		}
		if c.Match != "" && len(c.Values) == 0 {
			l.add(l.at(file, ra.pos), "у %s задан %s_match, но не заданы %s", what, at.ID, at.ID)
		}
		for _, v := range c.Values {
			if slices.Contains(c.Not, v) {
				l.add(l.at(file, ra.pos), "у %s значение %s указано и в %s, и в not_%s: условию не подойдёт ни один из %s", what, v, at.ID, at.ID, m.Respondent.Many)
			}
		}
		if len(c.Values) > 0 || len(c.Not) > 0 {
			a.Conds = append(a.Conds, *c)
		}
	}
	return a
}

// condValues reads the values a condition names for an attribute: ids,
// titles or aliases of its values, or true/false for a yes/no one.
func (l *loader) condValues(at *Attribute, k rawAppliesKey, loc problem.Location, what lang.Phrase) []string {
	if at.IsYesNo() {
		if k.Bool == nil {
			l.add(loc, "у %s %s: нужно true или false (признак «%s» — да или нет)", what, k.Key, at.Title)
			return nil
		}
		if *k.Bool {
			return []string{Yes}
		}
		return []string{No}
	}
	var out []string
	for _, s := range k.Value {
		id, ok := at.ParseValue(s)
		if !ok {
			l.add(loc, "у %s неизвестное значение %q в %s: допустимы %s", what, s, k.Key, strings.Join(at.ValueIDs(), ", "))
			continue
		}
		out = append(out, id)
	}
	return at.ordered(out)
}

// attributeKeys lists the keys a condition may use, for messages.
// rootLanguage is the language a root file's mapping declares, read
// before the file is decoded: its problems are written in it.
func rootLanguage(root *yaml.Node) lang.Lang {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k, v := root.Content[i], root.Content[i+1]; k.Value == "language" && v.Kind == yaml.ScalarNode {
			return lang.Of(strings.TrimSpace(v.Value))
		}
	}
	return lang.RU
}

func attributeKeys(m *Model) any {
	var keys []string
	for _, at := range m.Respondent.Attributes {
		if at.IsYesNo() {
			keys = append(keys, at.ID)
		} else {
			keys = append(keys, at.ID, at.ID+"_match", "not_"+at.ID)
		}
	}
	if len(keys) == 0 {
		return lang.P("не объявлены (respondent.attributes)")
	}
	return strings.Join(keys, ", ")
}

func (l *loader) buildOptions(ind *Indicator, ri *rawIndicator) {
	ind.match = map[string]int{}
	for _, ro := range ri.Options {
		loc := l.at(ri.file, ro.pos)
		text := strings.TrimSpace(ro.Text)
		if text == "" {
			l.add(loc, "у варианта ответа показателя %s не указан текст (text)", ind.ID)
			continue
		}
		switch {
		case ro.NotApplicable && ro.Points != nil && *ro.Points != 0:
			l.add(loc, "у варианта «%s» показателя %s (not_applicable) баллы %d: вариант «не применимо» баллов не даёт — уберите points", text, ind.ID, *ro.Points)
			continue
		case ro.NotApplicable:
			zero := wholePoints(0)
			ro.Points = &zero
		case ro.Points == nil:
			l.add(loc, "у варианта «%s» показателя %s не указаны баллы (points)", text, ind.ID)
			continue
		}
		points := int(*ro.Points)
		if points < 0 || points > MaxPoints {
			l.add(loc, "у варианта «%s» показателя %s баллы %d вне допустимых пределов: от 0 до %d", text, ind.ID, points, MaxPoints)
		}
		var aliases []string
		for _, a := range ro.Aliases {
			aliases = append(aliases, strings.TrimSpace(a))
		}
		for k, key := range append([]string{text}, aliases...) {
			n := textnorm.Normalize(key)
			if n == "" {
				l.add(loc, "пустой синоним у варианта «%s» показателя %s", text, ind.ID)
				continue
			}
			if k > 0 && strings.ContainsAny(key, "\r\n") {
				l.add(loc, "синоним «%s» варианта «%s» показателя %s в несколько строк: синоним — одна строка", textnorm.Truncate(key, 40), text, ind.ID)
				continue
			}
			if j, dup := ind.match[n]; dup && j != len(ind.Options) {
				l.add(loc, "ответ «%s» показателя %s совпадает с вариантом «%s»: ответы должны различаться", key, ind.ID, ind.Options[j].Text)
				continue
			}
			ind.match[n] = len(ind.Options)
		}
		ind.Options = append(ind.Options, Option{Text: text, Points: points, Aliases: aliases, NotApplicable: ro.NotApplicable})
		ind.Max = max(ind.Max, points)
	}
	if len(ind.Options) > 0 && !slices.ContainsFunc(ind.Options, func(o Option) bool { return !o.NotApplicable }) {
		l.add(l.at(ri.file, ri.pos), "у показателя %s все варианты ответа — «не применимо» (not_applicable): нужен хотя бы один, который оценивается", ind.ID)
	}
}

// buildSelect reads whether several options may be chosen: their points
// are summed up to max (by default, all options' points together).
func (l *loader) buildSelect(ind *Indicator, ri *rawIndicator, loc problem.Location) {
	switch strings.TrimSpace(ri.Select) {
	case "", SelectSingle:
		if ri.Max != nil {
			l.add(loc, "у показателя %s задан max, а выбирается один ответ: max — для select: %s (баллы вариантов складываются не больше max)", ind.ID, SelectMultiple)
		}
		return
	case SelectMultiple:
	default:
		l.add(loc, "у показателя %s select %q: допустимы %s (один ответ) и %s (несколько)", ind.ID, ri.Select, SelectSingle, SelectMultiple)
		return
	}
	ind.Multiple = true
	sum := ind.OptionsSum()
	ind.Max = sum
	if ri.Max != nil {
		switch cap := int(*ri.Max); {
		case cap < 1 || cap > sum:
			l.add(loc, "у показателя %s max %d: нужно от 1 до суммы баллов вариантов (%d)", ind.ID, cap, sum)
		default:
			ind.Max = cap
		}
	}
}

// The values of select.
const (
	SelectSingle   = "single"
	SelectMultiple = "multiple"
)

func (l *loader) buildBands(ind *Indicator, ri *rawIndicator) {
	loc := l.at(ri.file, ri.pos)
	if ri.Number == nil {
		l.add(loc, "у показателя %s есть диапазоны (bands), но не описано число (number: unit, min, max)", ind.ID)
		return
	}
	if len(ri.Bands) == 0 {
		l.add(loc, "у числового показателя %s нет диапазонов (bands)", ind.ID)
		return
	}
	rn := ri.Number
	ind.Number = &NumberSpec{Unit: strings.TrimSpace(rn.Unit), Min: rn.Min, Max: rn.Max, Integer: rn.Integer}
	for _, w := range rn.NotApplicable {
		switch w = strings.TrimSpace(w); {
		case w == "":
			l.add(l.at(ri.file, rn.pos), "пустое слово «не применимо» (not_applicable) у показателя %s", ind.ID)
		case isNumber(w):
			l.add(l.at(ri.file, rn.pos), "слово «не применимо» (not_applicable) показателя %s «%s» — число: ответ числом оценивается по диапазонам", ind.ID, w)
		default:
			ind.Number.NotApplicable = append(ind.Number.NotApplicable, w)
		}
	}
	if rn.Min != nil && rn.Max != nil && *rn.Min > *rn.Max {
		l.add(l.at(ri.file, rn.pos), "у показателя %s минимум %s больше максимума %s", ind.ID, number(*rn.Min), number(*rn.Max))
	}
	var prev *Band
	for i, rb := range ri.Bands {
		bloc := l.at(ri.file, rb.pos)
		if rb.Min == nil || rb.Points == nil {
			l.add(bloc, "у диапазона %d показателя %s не указаны min и points", i+1, ind.ID)
			return
		}
		b := Band{Min: *rb.Min, MinExclusive: rb.MinExclusive, Max: rb.Max, MaxInclusive: rb.MaxInclusive, Points: int(*rb.Points)}
		if b.Points < 0 || b.Points > MaxPoints {
			l.add(bloc, "у диапазона %s показателя %s баллы %d вне допустимых пределов: от 0 до %d", bandLabel{b, nil}, ind.ID, b.Points, MaxPoints)
		}
		if b.Max != nil && (*b.Max < b.Min || (*b.Max == b.Min && (!b.MaxInclusive || b.MinExclusive))) {
			l.add(bloc, "пустой диапазон у показателя %s: min %s, max %s", ind.ID, number(b.Min), number(*b.Max))
		}
		if b.Max == nil && b.MaxInclusive {
			l.add(bloc, "max_inclusive без max у показателя %s", ind.ID)
		}
		if i == 0 && rn.Min != nil && b.Min == *rn.Min && b.MinExclusive {
			l.add(bloc, "пропуск в диапазонах показателя %s: значение %s не попадает ни в один диапазон (min_exclusive у первого)", ind.ID, number(b.Min))
		}
		if i == 0 && rn.Min != nil && b.Min != *rn.Min {
			if b.Min > *rn.Min {
				l.add(bloc, "пропуск в диапазонах показателя %s: значения от %s до %s не попадают ни в один диапазон", ind.ID, number(*rn.Min), number(b.Min))
			} else {
				l.add(bloc, "диапазон показателя %s начинается с %s, ниже минимума числа %s", ind.ID, number(b.Min), number(*rn.Min))
			}
		}
		if prev != nil {
			switch {
			case prev.Max == nil:
				l.add(bloc, "диапазоны показателя %s перекрываются: предыдущий диапазон не ограничен сверху (нет max)", ind.ID)
			case *prev.Max < b.Min:
				l.add(bloc, "пропуск в диапазонах показателя %s: значения от %s до %s не попадают ни в один диапазон", ind.ID, number(*prev.Max), number(b.Min))
			case *prev.Max == b.Min && !prev.MaxInclusive && b.MinExclusive:
				l.add(bloc, "пропуск в диапазонах показателя %s: значение %s не попадает ни в один диапазон (ни max_inclusive у предыдущего, ни без min_exclusive у этого)", ind.ID, number(b.Min))
			case *prev.Max > b.Min || (*prev.Max == b.Min && prev.MaxInclusive && !b.MinExclusive):
				l.add(bloc, "диапазоны показателя %s перекрываются: %s и %s", ind.ID, bandLabel{*prev, ind.Number}, bandLabel{b, ind.Number})
			}
		}
		ind.Bands = append(ind.Bands, b)
		prev = &ind.Bands[len(ind.Bands)-1]
		ind.Max = max(ind.Max, b.Points)
	}
	if last := ind.Bands[len(ind.Bands)-1]; rn.Max != nil && last.Max != nil {
		if *last.Max < *rn.Max || (*last.Max == *rn.Max && !last.MaxInclusive) {
			l.add(l.at(ri.file, ri.Bands[len(ri.Bands)-1].pos), "пропуск в диапазонах показателя %s: значения до %s включительно не попадают ни в один диапазон", ind.ID, number(*rn.Max))
		}
	}
}

func (l *loader) buildThresholds(m *Model, rt *rawThresholds, file string, top problem.Location) {
	if rt == nil {
		l.add(top, "не заданы пороги уровней (thresholds)")
		return
	}
	loc := l.at(file, rt.pos)
	if rt.Default == nil {
		l.add(loc, "не заданы пороги по умолчанию (thresholds.default)")
	} else {
		m.Thresholds.Default = l.buildSet(m, rt.Default, file, "thresholds.default")
	}
	if rt.Overall != nil {
		s := l.buildSet(m, rt.Overall, file, "thresholds.overall")
		m.Thresholds.Overall = &s
	}
	m.Thresholds.Components = l.buildComponentSets(m, rt.Components, file, "thresholds.components", loc)
	for i, rv := range rt.Variants {
		vloc := l.at(file, rv.pos)
		name := fmt.Sprintf("thresholds.variants[%d]", i+1)
		v := ThresholdVariant{ID: rv.ID, name: name, loc: vloc}
		if rv.When == nil {
			l.add(vloc, "у варианта порогов %s не указано условие (when)", name)
		} else {
			v.When = l.buildApplies(m, rv.When, file, lang.P("варианта порогов %s", name))
		}
		if rv.Default != nil {
			s := l.buildSet(m, rv.Default, file, name+".default")
			v.Default = &s
		}
		if rv.Overall != nil {
			s := l.buildSet(m, rv.Overall, file, name+".overall")
			v.Overall = &s
		}
		v.Components = l.buildComponentSets(m, rv.Components, file, name+".components", vloc)
		m.Thresholds.Variants = append(m.Thresholds.Variants, v)
	}
}

func (l *loader) buildComponentSets(m *Model, raw map[string]rawThresholdSet, file, name string, loc problem.Location) map[string]ThresholdSet {
	if len(raw) == 0 {
		return nil
	}
	out := map[string]ThresholdSet{}
	for id, rs := range raw {
		if _, ok := m.componentByID[id]; !ok {
			l.add(l.at(file, rs.pos), "в %s указан неизвестный компонент %q", name, id)
			continue
		}
		out[id] = l.buildSet(m, &rs, file, name+"."+id)
	}
	return out
}

func (l *loader) buildSet(m *Model, rs *rawThresholdSet, file, name string) ThresholdSet {
	loc := l.at(file, rs.pos)
	var s ThresholdSet
	var values map[string]rawDecimal
	switch {
	case rs.Percent != nil && rs.Points != nil:
		l.add(loc, "в %s заданы и percent, и points: нужно что-то одно", name)
		return s
	case rs.Percent != nil:
		s.Unit, values = UnitPercent, rs.Percent
	case rs.Points != nil:
		s.Unit, values = UnitPoints, rs.Points
	default:
		l.add(loc, "в %s не заданы пороги: нужен percent (в процентах от максимума) или points (в баллах)", name)
		return s
	}
	s.Values = make([]Rational, len(m.Levels))
	s.name, s.loc = name, loc
	for id, d := range values {
		i := m.LevelIndex(id)
		switch {
		case i < 0:
			l.add(l.at(file, d.pos), "в %s указан неизвестный уровень %q; объявлены: %s", name, id, levelIDs(m))
		case i == 0:
			l.add(l.at(file, d.pos), "в %s задан порог для низшего уровня %q: он присваивается без порога", name, id)
		}
	}
	prev := Rational{-1, 1}
	for i := 1; i < len(m.Levels); i++ {
		lv := m.Levels[i]
		d, ok := values[lv.ID]
		if !ok {
			l.add(loc, "в %s нет порога для уровня %q (%s)", name, lv.ID, lv.Title)
			continue
		}
		r, ok := ParseRational(d.Text)
		if !ok {
			l.add(l.at(file, d.pos), "порог %s.%s должен быть числом, найдено %q", name, lv.ID, d.Text)
			continue
		}
		if r.Num < 0 || (s.Unit == UnitPercent && r.Cmp(Rational{100, 1}) > 0) || (s.Unit == UnitPoints && r.Cmp(Rational{MaxThresholdPoints, 1}) > 0) {
			l.add(l.at(file, d.pos), "порог %s.%s = %s вне допустимых пределов (%s)", name, lv.ID, d.Text,
				map[string]lang.Phrase{UnitPercent: lang.P("от 0 до 100 %"), UnitPoints: lang.P("от 0 до %d баллов", MaxThresholdPoints)}[s.Unit])
		}
		if r.Cmp(prev) <= 0 {
			l.add(l.at(file, d.pos), "пороги %s должны расти с уровнем: %s для «%s» не больше порога предыдущего уровня", name, d.Text, lv.Title)
		}
		s.Values[i] = r
		prev = r
	}
	return s
}

// pendingRules are an indicator's own critical rules, built once the
// levels are known.
type pendingRules struct {
	ind   *Indicator
	rules rawCriticalList
	file  string
	loc   problem.Location
}

// buildCriticalRules reads the model's critical rules and the indicators'
// own ones.
func (l *loader) buildCriticalRules(m *Model, rules rawCriticalList, file string, top problem.Location) {
	if len(rules) == 0 {
		// Only a model with critical indicators needs the rule.
		if slices.ContainsFunc(m.Indicators, func(ind *Indicator) bool { return ind.Critical }) {
			l.add(top, "не задано правило критических показателей (critical_rule: action, level, scope): оно нужно, когда в модели есть критические показатели")
		}
		return
	}
	m.CriticalRules = l.buildRules(m, rules, file, lang.P("critical_rule"))
	for _, p := range l.indicatorRules {
		if len(p.rules) == 0 {
			l.add(p.loc, "у критического показателя %s пустой список правил (critical.rules): уберите ключ, чтобы действовало общее правило, или впишите правила", p.ind.ID)
		}
		p.ind.Rules = l.buildRules(m, p.rules, p.file, lang.P("показатель %s, critical.rules", p.ind.ID))
	}
}

func (l *loader) buildRules(m *Model, rules rawCriticalList, file string, what lang.Phrase) []CriticalRule {
	out := make([]CriticalRule, 0, len(rules))
	for _, rc := range rules {
		loc := l.at(file, rc.pos)
		r := CriticalRule{Action: rc.Action, Scope: rc.Scope, Level: m.LevelIndex(rc.Level)}
		if r.Action != ActionForce && r.Action != ActionCap {
			l.add(loc, "%s.action %q: допустимы force (установить уровень) и cap (ограничить уровень сверху)", what, rc.Action)
		}
		if r.Level < 0 {
			l.add(loc, "%s.level %q: неизвестный уровень; объявлены: %s", what, rc.Level, levelIDs(m))
		}
		if r.Scope != ScopeComponent && r.Scope != ScopeOverall && r.Scope != ScopeBoth {
			l.add(loc, "%s.scope %q: допустимы component, overall и both", what, rc.Scope)
		}
		out = append(out, r)
	}
	return out
}

// FirstAlias finds an alias or anchor in a YAML tree, or nil: aliases let a
// small file expand to a huge one, and neither a model nor a settings file
// needs them.
func FirstAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := FirstAlias(c); a != nil {
			return a
		}
	}
	return nil
}
