package answers

import (
	"regexp"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Column roles, matched by header name after textnorm.Key folding.
type role int

const (
	roleNone role = iota
	roleID
	roleAnswer
	rolePoints
	roleText
	roleName
	roleCode
	roleYear
	roleFilled  // «Дата заполнения»
	roleComment // «Комментарий / подтверждение» beside the answer
	// roleField is the first of the model's own fields: its respondent's
	// groups, then its attributes (fields.extra).
	roleField
)

var headerRoles = map[string]role{
	"№": roleID, "№пп": roleID, "номер": roleID, "номерпоказателя": roleID, "n": roleID, "no": roleID, "nn": roleID,
	"id": roleID, "indicator": roleID, "indicatorid": roleID, "control": roleID, "controlid": roleID, "requirement": roleID,
	"codiceindicatore": roleID, "показатель№": roleID, "№показателя": roleID, "кодпоказателя": roleID,

	"ответ": roleAnswer, "значениепоказания": roleAnswer, "значениепоказателя": roleAnswer, "значение": roleAnswer,
	"answer": roleAnswer, "value": roleAnswer, "ответшколы": roleAnswer, "response": roleAnswer, "risposta": roleAnswer, "valore": roleAnswer,

	"балльнаяоценка": rolePoints, "баллы": rolePoints, "балл": rolePoints, "points": rolePoints, "score": rolePoints,
	"количествобаллов": rolePoints,

	"показательоценивания": roleText, "показатель": roleText, "формулировка": roleText, "наименованиепоказателя": roleText,
	"text": roleText, "wording": roleText, "indicatortext": roleText, "question": roleText, "description": roleText,
	"domanda": roleText, "descrizione": roleText, "testo": roleText,

	"комментарий": roleComment, "комментарийподтверждение": roleComment, "подтверждение": roleComment, "обоснование": roleComment,
	"комментарии": roleComment, "примечание": roleComment, "доказательства": roleComment, "подтверждающиедокументы": roleComment,
	"comment": roleComment, "comments": roleComment, "evidence": roleComment, "commentevidence": roleComment, "notes": roleComment,
	"commento": roleComment, "evidenza": roleComment, "commentoevidenza": roleComment, "note": roleComment,
}

// commentWords start or end a district table's comment column header:
// «7. Комментарий», «Комментарий к 7», «ID.AM-1 evidence».
var commentWords = []string{"комментарий / подтверждение", "комментарий", "подтверждение", "обоснование", "comment / evidence", "comment", "evidence", "commento / evidenza", "commento", "evidenza"}

// commentHeader reads a district table's comment column header: a comment
// word before or after an indicator's id.
func (r ids) commentHeader(cell string) (string, bool) {
	c := strings.ToLower(strings.TrimSpace(cell))
	for _, w := range commentWords {
		rest, ok := strings.CutPrefix(c, w)
		if !ok {
			rest, ok = strings.CutSuffix(c, w)
		}
		if !ok {
			continue
		}
		rest = strings.Trim(rest, " .:—–-()")
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(rest, "к "), "to "))
		if rest == "" {
			return "", false
		}
		if id, ok := r.id(rest); ok {
			return id, true
		}
		// The id with its wording: «7. Сетевая форма — комментарий».
		if f := strings.Fields(rest); len(f) > 1 {
			return r.header(rest)
		}
		return "", false
	}
	return "", false
}

// metaRoles are the fields every respondent has: header names in a
// district table, meta keys in a one-school file, in every language.
var metaRoles = map[string]role{
	"наименованиеоо": roleName, "наименованиеорганизации": roleName, "наименование": roleName, "школа": roleName,
	"образовательнаяорганизация": roleName, "названиешколы": roleName, "оо": roleName, "name": roleName, "school": roleName,
	"полноенаименованиеоо": roleName, "краткоенаименованиеоо": roleName,
	"organisation": roleName, "organization": roleName, "nome": roleName, "denominazione": roleName, "ente": roleName, "organizzazione": roleName,

	"кодоо": roleCode, "код": roleCode, "кодорганизации": roleCode, "code": roleCode, "schoolcode": roleCode, "инн": roleCode,
	"codice": roleCode, "codiceente": roleCode, "organisationcode": roleCode, "organizationcode": roleCode,

	"год": roleYear, "year": roleYear, "anno": roleYear, "годсамодиагностики": roleYear, "учебныйгод": roleYear,

	"датазаполнения": roleFilled, "datacompilazione": roleFilled, "assessmentdate": roleFilled, "datefilled": roleFilled,
	"datadicompilazione": roleFilled, "датаоткрытия": roleFilled, "дата": roleFilled, "filled": roleFilled, "date": roleFilled,
}

// fields names a respondent's fields for the readers: the ones every
// respondent has, and the model's groups and attributes.
type fields struct {
	r     *model.Respondent
	extra []model.Field // role roleField+i
}

// T is a message of the reader in the model's language (the catalogue's
// Russian key; its arguments are given to problem.At).
func (f *fields) T(msg string) string { return f.r.Lang().T(msg) }

func newFields(r *model.Respondent) *fields {
	if r == nil {
		school := model.SchoolRespondent()
		r = &school
	}
	f := &fields{r: r, extra: slices.Clone(r.Groups)}
	for _, a := range r.Attributes {
		f.extra = append(f.extra, a.Field)
	}
	return f
}

// count is the number of roles: arrays indexed by role are this long.
func (f *fields) count() int { return int(roleField) + len(f.extra) }

// role is the field a header or meta key names, roleNone when none: the
// model's own fields first, then the fields every respondent has.
func (f *fields) role(cell string) role {
	k := textnorm.Key(cell)
	if k == "" {
		return roleNone
	}
	for i, x := range f.extra {
		if x.Matches(cell) {
			return roleField + role(i)
		}
	}
	switch {
	case f.r.Name.Matches(cell):
		return roleName
	case f.r.Code.Matches(cell):
		return roleCode
	}
	return metaRoles[k]
}

// title names a field in messages: «Наименование ОО», «Муниципалитет».
func (f *fields) title(r role) string {
	switch r {
	case roleName:
		return f.r.Name.Title
	case roleCode:
		return f.r.Code.Title
	case roleYear:
		return "Год"
	case roleFilled:
		return "Дата заполнения"
	}
	if i := int(r - roleField); i >= 0 && i < len(f.extra) {
		return f.extra[i].Title
	}
	return ""
}

// group and attribute are the roles of the i-th group and attribute.
func (f *fields) group(i int) role     { return roleField + role(i) }
func (f *fields) attribute(i int) role { return roleField + role(len(f.r.Groups)+i) }

func headerRole(cell string) role {
	k := textnorm.Key(cell)
	if r, ok := headerRoles[k]; ok {
		return r
	}
	return roleNone
}

var (
	idRe       = regexp.MustCompile(`^№?\s*(\d+(?:\.\d+)*?)(?:\.0+)?\.?$`)
	idHeaderRe = regexp.MustCompile(`^№?\s*(\d+(?:\.\d+)*?)(?:\.0+)?(?:[.)]\s*|\s+)(\S.*)?$`)
	// «Показатель 1», «Показатель № 1. Текст», «П1», «П.1», «п 1»
	wordHeaderRe = regexp.MustCompile(`(?i)^(?:показатель|п)\.?\s*№?\s*(\d+(?:\.\d+)*?)(?:\.0+)?(?:[.)]?(?:\s+\S.*)?)?$`)
)

// ids resolves the ids a file writes to the model's (model.ResolveID):
// its own ids, «ID.AM-1», and aliases. nil reads numbers only.
type ids func(string) (string, bool)

// id reads an indicator id from a cell: one of the model's ids or aliases
// as written, else a number — "7", "7.", "№7", "7.0" (Excel's float) all
// give "7".
func (r ids) id(cell string) (string, bool) {
	c := strings.TrimSpace(cell)
	if r != nil {
		if id, ok := r(strings.TrimSpace(strings.TrimPrefix(c, "№"))); ok {
			return id, true
		}
	}
	m := idRe.FindStringSubmatch(c)
	if m == nil {
		return "", false
	}
	if r != nil {
		if id, ok := r(m[1]); ok {
			return id, true
		}
	}
	return m[1], true
}

// header reads a district table's indicator column header: the id,
// optionally followed by the wording ("7. Сетевая форма…", "ID.AM-1
// Inventory").
func (r ids) header(cell string) (string, bool) {
	c := strings.TrimSpace(cell)
	if id, ok := r.id(c); ok {
		return id, true
	}
	if f := strings.Fields(c); r != nil && len(f) > 1 {
		if id, ok := r(strings.TrimRight(strings.TrimPrefix(f[0], "№"), ".):")); ok {
			return id, true
		}
	}
	m := idHeaderRe.FindStringSubmatch(c)
	if m == nil {
		m = wordHeaderRe.FindStringSubmatch(c)
	}
	if m == nil {
		return "", false
	}
	if r != nil {
		if id, ok := r(m[1]); ok {
			return id, true
		}
	}
	return m[1], true
}

// The total and the level a table states above its answers: the federal
// service's «Сумма баллов за весь тест: 137», «Уровень: СРЕДНИЙ», and the
// same in English and Italian («Total points: 12», «Level: Tier 2»,
// «Punteggio totale: 12», «Livello: di base»).
var (
	statedTotalRe = regexp.MustCompile(`(?i)^(?:сумма\s+баллов|total\s+(?:of\s+)?(?:points|score)|punteggio\s+totale|somma\s+(?:dei\s+)?punti)[^:0-9]*:?\s*(\d+)(?:[.,]0+)?\s*$`)
	statedLevelRe = regexp.MustCompile(`(?i)^уровень(?:\s+[^:]*)?:\s*(.+)$|^уровень\s+(\S.*)$|^(?:level|livello)\s*:\s*(.+)$`)
	headingRe     = regexp.MustCompile(`(?i)^(магистральное\s+направление|ключевое\s+условие|направление|условие)`)
)
