package answers

import (
	"regexp"
	"strings"

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
	roleMunicipality
	roleYear
	rolePrograms
	roleOVZ
	roleCorrective
	roleFilled  // «Дата заполнения»
	roleComment // «Комментарий / подтверждение» beside the answer
	roleCount   // number of roles, for arrays indexed by role
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

// metaRoles are the identity and profile fields: header names in a district
// table, meta keys in a one-school file.
var metaRoles = map[string]role{
	"наименованиеоо": roleName, "наименованиеорганизации": roleName, "наименование": roleName, "школа": roleName,
	"образовательнаяорганизация": roleName, "названиешколы": roleName, "оо": roleName, "name": roleName, "school": roleName,
	"полноенаименованиеоо": roleName, "краткоенаименованиеоо": roleName,
	"organisation": roleName, "organization": roleName, "nome": roleName, "denominazione": roleName, "ente": roleName, "organizzazione": roleName,

	"кодоо": roleCode, "код": roleCode, "кодорганизации": roleCode, "code": roleCode, "schoolcode": roleCode, "инн": roleCode,
	"codice": roleCode, "codiceente": roleCode, "organisationcode": roleCode, "organizationcode": roleCode,

	"муниципалитет": roleMunicipality, "муниципальноеобразование": roleMunicipality, "муниципальныйрайон": roleMunicipality,
	"район": roleMunicipality, "мо": roleMunicipality, "municipality": roleMunicipality, "district": roleMunicipality,
	"городскойокруг": roleMunicipality,

	"год": roleYear, "year": roleYear, "anno": roleYear, "годсамодиагностики": roleYear, "учебныйгод": roleYear,

	"программы": rolePrograms, "реализуемыепрограммы": rolePrograms, "уровниобразования": rolePrograms, "programs": rolePrograms,
	"образовательныепрограммы": rolePrograms,

	"обучающиесясовз": roleOVZ, "овз": roleOVZ, "обучающиесясовзиинвалидностью": roleOVZ, "естьобучающиесясовз": roleOVZ,
	"ovz": roleOVZ, "детисовз": roleOVZ,

	"коррекционнаяшкола": roleCorrective, "коррекционная": roleCorrective, "коррекционнаяоо": roleCorrective,
	"corrective": roleCorrective, "специальнаякоррекционнаяшкола": roleCorrective,

	"датазаполнения": roleFilled, "datacompilazione": roleFilled, "assessmentdate": roleFilled, "datefilled": roleFilled,
	"datadicompilazione": roleFilled, "comune": roleMunicipality, "programmes": rolePrograms, "programmi": rolePrograms,
	"pupilswithspecialneeds": roleOVZ, "alunniconbisognispeciali": roleOVZ, "specialschool": roleCorrective, "scuolaspeciale": roleCorrective, "датаоткрытия": roleFilled, "дата": roleFilled, "filled": roleFilled, "date": roleFilled,
}

func headerRole(cell string) role {
	k := textnorm.Key(cell)
	if r, ok := headerRoles[k]; ok {
		return r
	}
	return roleNone
}

func metaRole(cell string) role {
	return metaRoles[textnorm.Key(cell)]
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

var (
	statedTotalRe = regexp.MustCompile(`(?i)^сумма\s+баллов[^:0-9]*:?\s*(\d+)(?:[.,]0+)?\s*$`)
	statedLevelRe = regexp.MustCompile(`(?i)^уровень(?:\s+[^:]*)?:\s*(.+)$|^уровень\s+(\S.*)$`)
	headingRe     = regexp.MustCompile(`(?i)^(магистральное\s+направление|ключевое\s+условие|направление|условие)`)
)
