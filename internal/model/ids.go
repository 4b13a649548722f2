package model

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
)

// checkID checks an indicator's id or alias: any text without spaces, up
// to maxIDLen letters; made of digits and dots, it is a number without
// leading zeros, as a spreadsheet keeps it.
func (l *loader) checkID(id string, loc problem.Location, what lang.Phrase) bool {
	switch {
	case utf8.RuneCountInString(id) > maxIDLen:
		l.add(loc, "%s «%s…» длиннее %d знаков", what, string([]rune(id)[:maxIDLen]), maxIDLen)
	case strings.IndexFunc(id, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) >= 0:
		l.add(loc, "%s %q с пробелом или непечатным знаком: id пишется без пробелов, например 7, 7.1 или ID.AM-1", what, id)
	case digitsIDRe.MatchString(id) && !numberIDRe.MatchString(id):
		l.add(loc, "%s %q не подойдёт: номер из цифр пишется числом (7) или числами через точку (7.1) без нулей впереди — таблица превращает «04» в 4", what, id)
	default:
		return true
	}
	return false
}

// orderIndicators puts each component's indicators in the order the
// model gives («order», for all indicators or none), else leaves them in
// their place in the files.
func (l *loader) orderIndicators(m *Model, inds []rawIndicator) {
	var given, missing *rawIndicator
	for i := range inds {
		if inds[i].Order != nil {
			given = cmpOrNil(given, &inds[i])
		} else {
			missing = cmpOrNil(missing, &inds[i])
		}
	}
	if given == nil {
		return
	}
	if missing != nil {
		l.add(l.at(missing.file, missing.pos), "у показателя %s не указан order, а у показателя %s указан: порядок задаётся всем показателям или никому", strings.TrimSpace(missing.ID), strings.TrimSpace(given.ID))
		return
	}
	for i := range inds {
		if ind, ok := m.indicatorByID[strings.TrimSpace(inds[i].ID)]; ok {
			ind.Order = *inds[i].Order
		}
	}
	for _, c := range m.Components {
		slices.SortStableFunc(c.Indicators, func(a, b *Indicator) int { return a.Order - b.Order })
		for k := 1; k < len(c.Indicators); k++ {
			if a, b := c.Indicators[k-1], c.Indicators[k]; a.Order == b.Order {
				l.add(problem.Location{File: l.rootFile}, "у показателей %s и %s компонента %q одинаковый order %d", a.ID, b.ID, c.ID, a.Order)
			}
		}
	}
}

func cmpOrNil(first, next *rawIndicator) *rawIndicator {
	if first != nil {
		return first
	}
	return next
}

// buildAliases indexes every id and alias for ResolveID: none may be
// another's, even in another case.
func (l *loader) buildAliases(m *Model, inds []rawIndicator) {
	m.idByAlias = make(map[string]string, len(m.Indicators))
	owner := map[string]string{}
	for _, ind := range m.Indicators {
		if _, ok := owner[idKey(ind.ID)]; !ok {
			owner[idKey(ind.ID)] = ind.ID
		}
	}
	for _, ind := range m.Indicators {
		if o := owner[idKey(ind.ID)]; o != ind.ID {
			l.add(problem.Location{File: l.rootFile}, "id показателей %s и %s различаются только регистром букв: файлы ответов их не различат", o, ind.ID)
		}
		m.idByAlias[idKey(ind.ID)] = ind.ID
	}
	for i := range inds {
		ri := &inds[i]
		ind, ok := m.indicatorByID[strings.TrimSpace(ri.ID)]
		if !ok || len(ri.Aliases) == 0 {
			continue
		}
		loc := l.at(ri.file, ri.pos)
		for _, a := range ri.Aliases {
			a = strings.TrimSpace(a)
			if a == "" || !l.checkID(a, loc, lang.P("синоним (aliases) показателя %s", ind.ID)) {
				if a == "" {
					l.add(loc, "пустой синоним (aliases) у показателя %s", ind.ID)
				}
				continue
			}
			if o, dup := m.idByAlias[idKey(a)]; dup {
				l.add(loc, "синоним «%s» показателя %s уже означает показатель %s", a, ind.ID, o)
				continue
			}
			m.idByAlias[idKey(a)] = ind.ID
			ind.Aliases = append(ind.Aliases, a)
		}
	}
}
