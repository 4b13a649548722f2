package report

import (
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// Units are a document's words for the respondents it counts: the
// school model's own Russian sentences, or — for a model with another
// respondent, in any language — neutral ones from the catalogue.
type Units struct {
	l lang.Lang
	r *model.Respondent
	// group is the grouping field's title ("" none).
	group string
}

func UnitsOf(l lang.Lang, r *model.Respondent, group string) Units {
	return Units{l: l, r: r, group: group}
}

// school says the school model's respondent in Russian: its documents
// keep their wording.
func (u Units) school() bool { return u.l == lang.RU && u.r.IsSchool() }

// say is the school's text for the school, else the neutral one in the
// model's language (formatted with args in both cases).
func (u Units) say(school, neutral string, args ...any) string {
	text, l := neutral, u.l
	if u.school() {
		text, l = school, lang.RU
	}
	if !strings.Contains(text, "%") {
		return l.T(text) // the other text's arguments are not this one's
	}
	return l.T(text, args...)
}

// Plural names the respondents in a title or a sheet: «Школы»,
// «Organisations».
func (u Units) Plural() string {
	if u.school() {
		return "Школы"
	}
	if u.l == lang.RU {
		return capitalized(u.r.Few)
	}
	return capitalized(u.r.Many)
}

// Counted heads a column of counts: «Школ», «Organisations».
func (u Units) Counted() string { return capitalized(u.r.Many) }

// Group is the grouping field's title: «Муниципалитет», «Voivodato».
func (u Units) Group() string {
	if u.group != "" {
		return u.group
	}
	if len(u.r.Groups) > 0 {
		return u.r.Groups[0].Title
	}
	return u.l.T("Группа")
}

// Groups names the groups in a title or a sheet: «Муниципалитеты»,
// «Groups».
func (u Units) Groups() string { return u.say("Муниципалитеты", "Группы") }

// summaryUnits are a district summary's words for its respondents.
func summaryUnits(s *summary.Summary) Units { return UnitsOf(s.Lang, &s.Respondent, s.GroupTitle) }

// count is n respondents: «5 школ», «5 enti».
func (u Units) count(n int) string {
	if u.school() {
		return ru.Schools(n)
	}
	return u.r.Count(n)
}

// of is what the school's «у» and «из» take: «у 5 школ»; the respondents'
// count for another.
func (u Units) of(n int) string {
	if u.school() {
		return ru.SchoolsOf(n)
	}
	return u.r.Count(n)
}

// counted is «учтено 5 школ», or the respondents' count.
func (u Units) counted(n int) string {
	if u.school() {
		return ru.Counted(n)
	}
	return u.r.Count(n)
}

// Say is say, for templates.
func (u Units) Say(school, neutral string, args ...any) string {
	return u.say(school, neutral, args...)
}

// One names one respondent in a column's title: «Школа», «Organisation».
func (u Units) One() string { return capitalized(u.r.One) }

// Count is count, for templates.
func (u Units) Count(n int) string { return u.count(n) }

// Single names one respondent in a sentence: «школа», «organisation».
func (u Units) Single() string { return u.r.One }

// Respondent is the respondent the words are of.
func (u Units) Respondent() *model.Respondent { return u.r }
