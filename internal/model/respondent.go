package model

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Respondent is who fills in a model's questionnaire: a school, a local
// government unit, an organisation. The model declares what it is called,
// the fields that identify it and group it, and its attributes — what
// decides which indicators and threshold variants apply to it.
type Respondent struct {
	// One, Few and Many are its name after a number in the model's
	// language: «1 школа», «2 школы», «5 школ»; a language with two forms
	// has Few = Many.
	One, Few, Many string
	// Name and Code are the identity fields: their titles in files
	// («Наименование ОО», «Код ОО») and other header spellings.
	Name, Code Field
	// Groups are the fields a district's respondents are grouped by
	// («Муниципалитет»): --group-by takes their ids.
	Groups []Field
	// Attributes decide applicability: programmes НОО/ООО/СОО, a unit's
	// type (gmina, powiat, città).
	Attributes []*Attribute
	lang       lang.Lang
}

// Field is a field of a respondent: its id, its title in files and the
// other spellings a header may use.
type Field struct {
	ID, Title string
	Aliases   []string
}

// Matches says whether a header or meta key names the field: its id,
// title or an alias, folded by textnorm.Key.
func (f Field) Matches(key string) bool {
	k := textnorm.Key(key)
	if k == "" {
		return false
	}
	return k == textnorm.Key(f.ID) || k == textnorm.Key(f.Title) ||
		slices.ContainsFunc(f.Aliases, func(a string) bool { return textnorm.Key(a) == k })
}

// Attribute is a respondent's attribute: a list of values to choose from
// (one, or several when Multiple), or yes/no when it declares no values.
type Attribute struct {
	Field
	Values   []Value
	Multiple bool
	// Default is what is assumed when a file leaves the attribute out
	// (value ids): the declared one, else every value of a multiple
	// attribute, the first of a single one, «no» of a yes/no one.
	Default []string
	// Yes and No describe a yes/no attribute's answers in listings («есть
	// обучающиеся с ОВЗ», «нет обучающихся с ОВЗ»).
	Yes, No string
	// Short is its column title in the model's spreadsheet form (Title
	// when empty): «ОВЗ».
	Short string
	lang  lang.Lang
	// byKey finds a value by the key of its id, title or alias (see key):
	// a district table reads one cell per row.
	byKey map[string]string
}

// index fills byKey; it returns the attribute.
func (a *Attribute) index() *Attribute {
	a.byKey = map[string]string{}
	for _, v := range a.Values {
		for _, s := range append([]string{v.ID, v.Title}, v.Aliases...) {
			if k := a.key(s); k != "" {
				if _, taken := a.byKey[k]; !taken {
					a.byKey[k] = v.ID
				}
			}
		}
	}
	return a
}

// Value is one value of a list attribute.
type Value struct {
	ID, Title string
	Aliases   []string
}

// The values of a yes/no attribute.
const (
	Yes = "yes"
	No  = "no"
)

// IsYesNo says the attribute is answered yes or no.
func (a *Attribute) IsYesNo() bool { return len(a.Values) == 0 }

// ValueIDs are the ids of the attribute's values (no and yes for a yes/no
// attribute), in declared order.
func (a *Attribute) ValueIDs() []string {
	if a.IsYesNo() {
		return []string{No, Yes}
	}
	ids := make([]string, len(a.Values))
	for i, v := range a.Values {
		ids[i] = v.ID
	}
	return ids
}

// ParseValue reads one value as a file or the command line writes it: a
// value's id, title or alias (case, ё and Latin diacritics folded, Latin
// and Cyrillic look-alike letters one: «OOO» is «ООО»), or yes/no.
func (a *Attribute) ParseValue(s string) (string, bool) {
	if a.IsYesNo() {
		b, ok := textnorm.ParseBool(s)
		if !ok {
			return "", false
		}
		if b {
			return Yes, true
		}
		return No, true
	}
	id, ok := a.byKey[a.key(s)]
	return id, ok
}

// ParseValues reads a list of values («НОО, ООО», «НОО ООО»), separated by
// commas, semicolons, slashes or pluses, and, when a part is no value,
// by spaces. The values come in declared order; bad holds the parts not
// understood.
func (a *Attribute) ParseValues(s string) (ids []string, bad []string) {
	var got []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '/' || r == '+' || r == '\n'
	}) {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if id, ok := a.ParseValue(f); ok {
			got = append(got, id)
			continue
		}
		var sub []string
		for _, w := range strings.Fields(f) {
			id, ok := a.ParseValue(w)
			if !ok {
				sub = nil
				break
			}
			sub = append(sub, id)
		}
		if len(sub) == 0 {
			bad = append(bad, f)
		}
		got = append(got, sub...)
	}
	return a.ordered(got), bad
}

// ordered are the ids in declared order, each once.
func (a *Attribute) ordered(ids []string) []string {
	out := []string{}
	for _, id := range a.ValueIDs() {
		if slices.Contains(ids, id) {
			out = append(out, id)
		}
	}
	return out
}

// ValueTitle is how a value is shown: its title, else its id; for a
// yes/no attribute «да»/«нет» in the model's language.
func (a *Attribute) ValueTitle(id string) string {
	if a.IsYesNo() {
		if id == Yes {
			return a.lang.T("да")
		}
		return a.lang.T("нет")
	}
	for _, v := range a.Values {
		if v.ID == id && v.Title != "" {
			return v.Title
		}
	}
	return id
}

// Text shows the attribute's values: «НОО, ООО», «да».
func (a *Attribute) Text(ids []string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = a.ValueTitle(id)
	}
	return strings.Join(s, ", ")
}

// ColumnTitle is the attribute's column in the model's spreadsheet form:
// its short name, else «Признак «Тип»» (a title alone could be one of the
// form's own columns, «Вид» or «Tipo»).
func (a *Attribute) ColumnTitle() string {
	if a.Short != "" {
		return a.Short
	}
	return a.lang.T("Признак «%s»", a.Title)
}

// key folds a value for matching: textnorm.Key and, in a Russian model,
// the Latin letters that look like Cyrillic ones read as those (people
// type «OOO» for «ООО»).
func (a *Attribute) key(s string) string {
	k := textnorm.Key(s)
	if a.lang == lang.RU {
		k = latinLookalikes.Replace(k)
	}
	return k
}

// latinLookalikes maps Latin letters that people type for Cyrillic ones.
var latinLookalikes = strings.NewReplacer("o", "о", "c", "с", "h", "н", "n", "н", "a", "а", "e", "е", "p", "р", "x", "х", "y", "у", "k", "к", "m", "м", "t", "т", "b", "в")

// Attribute is the attribute with the id, nil when there is none.
func (r *Respondent) Attribute(id string) *Attribute {
	for _, a := range r.Attributes {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Group is the grouping field with the id; false when there is none.
func (r *Respondent) Group(id string) (Field, bool) {
	for _, g := range r.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return Field{}, false
}

// GroupIndex is the place of the grouping field with the id among the
// respondent's groups, -1 when there is none.
func (r *Respondent) GroupIndex(id string) int {
	return slices.IndexFunc(r.Groups, func(g Field) bool { return g.ID == id })
}

// GroupIDs are the ids of the grouping fields.
func (r *Respondent) GroupIDs() []string {
	ids := make([]string, len(r.Groups))
	for i, g := range r.Groups {
		ids[i] = g.ID
	}
	return ids
}

// Count writes n with the respondent's name in the form n takes: «1
// школа», «3 школы», «12 школ».
func (r *Respondent) Count(n int) string {
	return r.lang.Count(n, r.One, r.Few, r.Many)
}

// IsSchool says the respondent is the school's: grouped by municipality,
// with the attributes programs, ovz and corrective, as SchoolRespondent
// (outputs then keep the school's keys: «municipality», «profile»).
func (r *Respondent) IsSchool() bool {
	var ids []string
	for _, a := range r.Attributes {
		ids = append(ids, a.ID)
	}
	return slices.Equal(r.GroupIDs(), []string{"municipality"}) && slices.Equal(ids, SchoolAttributes)
}

// NamedRespondent is a respondent known by its names only, as a previous
// run's summary names it: in language l, its forms after a number, its
// identity and grouping fields; no aliases, no attributes.
func NamedRespondent(l lang.Lang, one, few, many string, name, code Field, groups []Field) Respondent {
	return Respondent{lang: l, One: one, Few: few, Many: many, Name: name, Code: code, Groups: groups}
}

// SchoolAttributes are the ids of the school's attributes: the command
// line keeps its own flags for them (--programs, --ovz, --corrective).
var SchoolAttributes = []string{"programs", "ovz", "corrective"}

// SchoolRespondent is the respondent of a Russian model that declares
// none: the school of the self-diagnosis, with its programmes, pupils with
// ОВЗ and corrective schools, grouped by municipality. The embedded model
// declares the same (a test compares them).
func SchoolRespondent() Respondent {
	return Respondent{lang: lang.RU,
		One: "школа", Few: "школы", Many: "школ",
		Name: Field{ID: "name", Title: "Наименование ОО", Aliases: []string{"Наименование организации", "Наименование",
			"Школа", "Образовательная организация", "Название школы", "ОО", "Полное наименование ОО", "Краткое наименование ОО"}},
		Code: Field{ID: "code", Title: "Код ОО", Aliases: []string{"Код", "Код организации", "ИНН"}},
		Groups: []Field{{ID: "municipality", Title: "Муниципалитет", Aliases: []string{"Муниципальное образование",
			"Муниципальный район", "Район", "МО", "Городской округ", "municipality", "district"}}},
		Attributes: []*Attribute{
			(&Attribute{Field: Field{ID: "programs", Title: "Программы", Aliases: []string{"Реализуемые программы", "Уровни образования", "Образовательные программы"}},
				Multiple: true, Short: "Программы",
				Values: []Value{
					{ID: "НОО", Aliases: []string{"начальное общее", "начальное общее образование", "начальное"}},
					{ID: "ООО", Aliases: []string{"основное общее", "основное общее образование", "основное"}},
					{ID: "СОО", Aliases: []string{"среднее общее", "среднее общее образование", "среднее"}}},
				Default: []string{"НОО", "ООО", "СОО"}, lang: lang.RU}).index(),
			(&Attribute{Field: Field{ID: "ovz", Title: "Обучающиеся с ОВЗ", Aliases: []string{"ОВЗ", "Обучающиеся с ОВЗ и инвалидностью",
				"Есть обучающиеся с ОВЗ", "Дети с ОВЗ"}},
				Short: "ОВЗ", Yes: "есть обучающиеся с ОВЗ", No: "нет обучающихся с ОВЗ", Default: []string{No}, lang: lang.RU}).index(),
			(&Attribute{Field: Field{ID: "corrective", Title: "Коррекционная школа", Aliases: []string{"Коррекционная", "Коррекционная ОО",
				"Специальная коррекционная школа"}},
				Short: "Коррекционная", Yes: "коррекционная школа", No: "не коррекционная школа", Default: []string{No}, lang: lang.RU}).index(),
		},
	}
}

// plainRespondent is the respondent of an English or Italian model that
// declares none: named «respondent», identified by name and code, with no
// groups and no attributes.
func plainRespondent(lg lang.Lang) Respondent {
	one, many := lg.T("респондент"), lg.T("респондентов")
	few := lg.T("респондента")
	return Respondent{One: one, Few: few, Many: many, lang: lg,
		Name: Field{ID: "name", Title: lg.T("Наименование")}, Code: Field{ID: "code", Title: lg.T("Код")}}
}

// Profile is a respondent's attributes: attribute id → value ids (Yes or
// No for a yes/no attribute).
type Profile map[string][]string

// Has says whether the profile holds the value of the attribute.
func (p Profile) Has(attr, value string) bool { return slices.Contains(p[attr], value) }

// Clone is a copy that shares nothing with p.
func (p Profile) Clone() Profile {
	out := make(Profile, len(p))
	for k, v := range p {
		out[k] = slices.Clone(v)
	}
	return out
}

// DefaultProfile is assumed for a respondent whose file states nothing:
// every attribute at its default (the school: all three programmes, no
// pupils with ОВЗ, not corrective).
func (r *Respondent) DefaultProfile() Profile {
	p := Profile{}
	for _, a := range r.Attributes {
		p[a.ID] = slices.Clone(a.Default)
	}
	return p
}

// ProfileText shows a profile: «НОО, ООО; есть обучающиеся с ОВЗ;
// коррекционная школа» — the yes/no attributes by their words, only when
// yes.
func (r *Respondent) ProfileText(p Profile) string {
	var parts []string
	for _, a := range r.Attributes {
		switch {
		case a.IsYesNo():
			if p.Has(a.ID, Yes) {
				parts = append(parts, lowerFirst(a.Title))
			}
		case len(p[a.ID]) == 0:
			parts = append(parts, a.lang.T("%s: не указано", a.Title))
		default:
			parts = append(parts, a.Text(p[a.ID]))
		}
	}
	return strings.Join(parts, "; ")
}

// lowerFirst starts a title in lower case to stand inside a sentence,
// unless it starts with an abbreviation («ОВЗ», «IT»).
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// AllProfiles are every profile a respondent can state: each value of a
// single attribute, any non-empty set of a multiple one, yes and no, in
// every combination (the school: 7 sets of programmes × ОВЗ × corrective).
func (r *Respondent) AllProfiles() []Profile {
	out := []Profile{{}}
	for _, a := range r.Attributes {
		var choices [][]string
		ids := a.ValueIDs()
		if a.Multiple {
			for mask := 1; mask < 1<<len(ids); mask++ {
				var set []string
				for i, id := range ids {
					if mask&(1<<i) != 0 {
						set = append(set, id)
					}
				}
				choices = append(choices, set)
			}
		} else {
			for _, id := range ids {
				choices = append(choices, []string{id})
			}
		}
		next := make([]Profile, 0, len(out)*len(choices))
		for _, p := range out {
			for _, c := range choices {
				q := p.Clone()
				q[a.ID] = c
				next = append(next, q)
			}
		}
		out = next
	}
	return out
}

// fieldIDRe is the id of a respondent's field or attribute: what
// --group-by and --set name.
var fieldIDRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// maxProfiles bounds the combinations of attributes a model may declare:
// the loader tries every profile.
const maxProfiles = 4096

// The raw respondent, as YAML writes it.
type rawRespondent struct {
	One        string         `yaml:"one"`
	Few        string         `yaml:"few"`
	Many       string         `yaml:"many"`
	Name       *rawField      `yaml:"name"`
	Code       *rawField      `yaml:"code"`
	Groups     []rawField     `yaml:"groups"`
	Attributes []rawAttribute `yaml:"attributes"`
	pos        `yaml:"-"`
}

func (r *rawRespondent) UnmarshalYAML(n *yaml.Node) error {
	type plain rawRespondent
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawField struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	Aliases []string `yaml:"aliases"`
	pos     `yaml:"-"`
}

func (r *rawField) UnmarshalYAML(n *yaml.Node) error {
	type plain rawField
	r.at(n)
	return n.Decode((*plain)(r))
}

type rawAttribute struct {
	ID       string     `yaml:"id"`
	Title    string     `yaml:"title"`
	Short    string     `yaml:"short"`
	Aliases  []string   `yaml:"aliases"`
	Values   []rawValue `yaml:"values"`
	Multiple bool       `yaml:"multiple"`
	Default  []string   `yaml:"default"`
	Yes      string     `yaml:"yes"`
	No       string     `yaml:"no"`
	pos      `yaml:"-"`
}

func (r *rawAttribute) UnmarshalYAML(n *yaml.Node) error {
	type plain rawAttribute
	r.at(n)
	return n.Decode((*plain)(r))
}

// rawValue is a value: its id alone («НОО») or {id, title, aliases}.
type rawValue struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	Aliases []string `yaml:"aliases"`
}

func (r *rawValue) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		r.ID = n.Value
		return nil
	}
	type plain rawValue
	return n.Decode((*plain)(r))
}

// buildRespondent reads the model's respondent; a model that declares none
// gets the school's (Russian) or a plain one (other languages).
func (l *loader) buildRespondent(m *Model, rr *rawRespondent, file string) {
	lg := lang.Of(m.Language)
	if rr == nil {
		if lg == lang.RU {
			m.Respondent = SchoolRespondent()
		} else {
			m.Respondent = plainRespondent(lg)
		}
		m.respondentDeclared = false
		for _, a := range m.Respondent.Attributes {
			a.lang = lg
		}
		return
	}
	m.respondentDeclared = true
	loc := l.at(file, rr.pos)
	r := &m.Respondent
	r.lang = lg
	r.One, r.Few, r.Many = strings.TrimSpace(rr.One), strings.TrimSpace(rr.Few), strings.TrimSpace(rr.Many)
	if r.One == "" || r.Many == "" {
		l.add(loc, "у респондента (respondent) нужны названия one и many: как он называется после числа («1 школа», «5 школ»)")
	}
	if r.Few == "" {
		r.Few = r.Many
	}
	taken := map[string]string{} // Key of an id, title or alias → the field's title
	field := func(rf *rawField, id, defTitle string) Field {
		f := Field{ID: id, Title: defTitle}
		if rf != nil {
			f.Title = cmp.Or(strings.TrimSpace(rf.Title), defTitle)
			f.Aliases = trimAll(rf.Aliases)
		}
		l.claimField(taken, f, loc)
		return f
	}
	r.Name = field(rr.Name, "name", lg.T("Наименование"))
	r.Code = field(rr.Code, "code", lg.T("Код"))
	for _, rg := range rr.Groups {
		gloc := l.at(file, rg.pos)
		f := Field{ID: strings.TrimSpace(rg.ID), Title: strings.TrimSpace(rg.Title), Aliases: trimAll(rg.Aliases)}
		if !l.fieldID(f.ID, gloc, lang.P("группировки")) {
			continue
		}
		if f.Title == "" {
			l.add(gloc, "у группировки %q не указано название (title): так называется её столбец в файлах", f.ID)
		}
		l.claimField(taken, f, gloc)
		r.Groups = append(r.Groups, f)
	}
	combos := 1
	for i := range rr.Attributes {
		ra := &rr.Attributes[i]
		a := l.buildAttribute(ra, l.at(file, ra.pos), lg)
		if a == nil {
			continue
		}
		l.claimField(taken, a.Field, l.at(file, ra.pos))
		r.Attributes = append(r.Attributes, a)
		n := len(a.ValueIDs())
		if a.Multiple {
			n = 1<<min(n, 13) - 1
		}
		combos *= n
		if combos > maxProfiles {
			l.add(l.at(file, ra.pos), "сочетаний признаков больше %d: модель проверяет каждое; сократите число признаков или их значений", maxProfiles)
			r.Attributes = r.Attributes[:len(r.Attributes)-1]
			return
		}
	}
}

// claimField refuses a field whose id, title or alias names another field
// too: a header would not know which it is.
func (l *loader) claimField(taken map[string]string, f Field, loc problem.Location) {
	for _, s := range append([]string{f.ID, f.Title}, f.Aliases...) {
		k := textnorm.Key(s)
		if k == "" {
			continue
		}
		if other, ok := taken[k]; ok && other != f.Title {
			l.add(loc, "«%s» у поля «%s» уже называет поле «%s»: столбец файла не поймёт, какое это поле", s, f.Title, other)
			continue
		}
		taken[k] = f.Title
	}
}

func (l *loader) fieldID(id string, loc problem.Location, what lang.Phrase) bool {
	switch {
	case id == "":
		l.add(loc, "у %s не указан id", what)
		return false
	case !fieldIDRe.MatchString(id):
		l.add(loc, "id %s %q: допустимы латинские буквы, цифры и «_», с буквы", what, id)
		return false
	}
	return true
}

func (l *loader) buildAttribute(ra *rawAttribute, loc problem.Location, lg lang.Lang) *Attribute {
	a := &Attribute{Field: Field{ID: strings.TrimSpace(ra.ID), Title: strings.TrimSpace(ra.Title), Aliases: trimAll(ra.Aliases)},
		Multiple: ra.Multiple, Short: strings.TrimSpace(ra.Short), Yes: strings.TrimSpace(ra.Yes), No: strings.TrimSpace(ra.No), lang: lg}
	if !l.fieldID(a.ID, loc, lang.P("признака")) {
		return nil
	}
	if a.Title == "" {
		l.add(loc, "у признака %q не указано название (title): так называется его столбец в файлах", a.ID)
	}
	seen := map[string]string{}
	for _, rv := range ra.Values {
		v := Value{ID: strings.TrimSpace(rv.ID), Title: strings.TrimSpace(rv.Title), Aliases: trimAll(rv.Aliases)}
		if v.ID == "" {
			l.add(loc, "у признака %q значение без id", a.ID)
			continue
		}
		for _, s := range append([]string{v.ID, v.Title}, v.Aliases...) {
			k := a.key(s)
			if other, dup := seen[k]; k != "" && dup && other != v.ID {
				l.add(loc, "у признака %q «%s» называет и значение %q, и значение %q", a.ID, s, other, v.ID)
			}
			if k != "" {
				seen[k] = v.ID
			}
		}
		a.Values = append(a.Values, v)
	}
	a.index()
	if a.IsYesNo() {
		if a.Multiple {
			l.add(loc, "у признака %q multiple без значений (values): признак без значений — да или нет", a.ID)
			a.Multiple = false
		}
		a.Yes = cmp.Or(a.Yes, a.Title+": "+lg.T("да"))
		a.No = cmp.Or(a.No, a.Title+": "+lg.T("нет"))
	} else if a.Yes != "" || a.No != "" {
		l.add(loc, "у признака %q со значениями (values) не бывает yes и no: они для признаков да/нет", a.ID)
	}
	a.Default = l.attributeDefault(a, ra.Default, loc)
	return a
}

func (l *loader) attributeDefault(a *Attribute, given []string, loc problem.Location) []string {
	if len(given) == 0 {
		switch {
		case a.IsYesNo():
			return []string{No}
		case a.Multiple:
			return a.ValueIDs()
		default:
			return a.ValueIDs()[:1]
		}
	}
	var out []string
	for _, s := range given {
		id, ok := a.ParseValue(s)
		if !ok {
			l.add(loc, "у признака %q значение по умолчанию %q не из его значений: %s", a.ID, s, strings.Join(a.ValueIDs(), ", "))
			continue
		}
		out = append(out, id)
	}
	out = a.ordered(out)
	if len(out) > 1 && !a.Multiple {
		l.add(loc, "у признака %q несколько значений по умолчанию, а выбирается одно (multiple не задан)", a.ID)
	}
	return out
}

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Lang is the language of the model that declares the respondent.
func (r *Respondent) Lang() lang.Lang { return r.lang }

// Lang is the language of the model that declares the attribute.
func (a *Attribute) Lang() lang.Lang { return a.lang }
