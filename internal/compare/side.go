package compare

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// NewSide starts a side scored with the model m.
func NewSide(m *model.Model) *Side {
	s := &Side{Model: ModelRef{ID: m.ID, Version: m.Version, Hash: m.Hash}, Lang: m.Lang(), Respondent: &m.Respondent, Levels: m.Levels}
	for _, c := range m.Components {
		s.Components = append(s.Components, ComponentRef{ID: c.ID, Title: c.Title, Kind: c.Kind})
	}
	for _, ind := range m.Indicators {
		s.Indicators = append(s.Indicators, IndicatorRef{ID: ind.ID, Component: ind.Component, Title: ind.Text, Max: ind.Max, Critical: ind.Critical})
	}
	return s
}

// FromResult is what a comparison keeps of a scored school.
func FromResult(m *model.Model, r *scoring.Result) School {
	s := School{Code: strings.Clone(r.School.Code), Name: strings.Clone(r.School.Name), Municipality: strings.Clone(r.School.Group(0)),
		Year: strings.Clone(r.School.Year), Source: r.Source, Row: r.Row, Total: tally(m, r.Total), Components: make([]Tally, len(r.Components)),
		CriticalFailures: slices.Clone(r.CriticalFailures), CriticalApplied: r.Total.CriticalApplied}
	s.Groups = map[string]string{}
	for i, f := range m.Respondent.Groups {
		s.Groups[f.ID] = strings.Clone(r.School.Group(i))
	}
	for i, c := range r.Components {
		s.Components[i] = tally(m, c.Tally)
	}
	for i := range r.Indicators {
		is := &r.Indicators[i]
		if is.Status != scoring.StatusNotApplicable && is.Points < is.Max {
			s.Deficits = append(s.Deficits, is.ID)
		}
	}
	if slices.ContainsFunc(r.Indicators, func(is scoring.IndicatorScore) bool { return is.Comment != "" }) {
		for _, is := range r.Indicators {
			s.answer(is.ID, is.Answer, is.Comment)
		}
	}
	// The level the school's next-level plan aims at: the one above its
	// own (scoring.PlanNext's Next), none at the highest.
	if t := r.Total; t.Max > 0 && t.Level >= 0 && t.Level+1 < len(m.Levels) {
		s.PlanTarget = m.Levels[t.Level+1].ID
	}
	return s
}

// Name names a side in documents: the year most of its schools state,
// else fallback (the base name of its folder or file), never a full path.
func (s *Side) Name(fallback string) string {
	count := map[string]int{}
	best := ""
	for i := range s.Schools {
		y := strings.TrimSpace(s.Schools[i].Year)
		if y == "" {
			continue
		}
		count[y]++
		if count[y] > count[best] || count[y] == count[best] && y < best {
			best = y
		}
	}
	if best != "" {
		return best
	}
	return filepath.Base(filepath.Clean(fallback))
}

func tally(m *model.Model, t scoring.Tally) Tally {
	out := Tally{Points: t.Points, Max: t.Max, Percent: t.Percent}
	if t.Level >= 0 {
		out.Level = m.Levels[t.Level].ID
	}
	return out
}

// Bounds on a previous run's folder: what batch writes for a region.
const (
	maxRunFile    = 16 << 20 // one JSON file
	maxRunSummary = 256 << 20
	maxRunSchools = 200000
)

// IsRun reports whether dir is a previous run's output folder: it has
// summary.json and a schools folder.
func IsRun(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "summary.json"))
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	st, err = os.Stat(filepath.Join(dir, "schools"))
	return err == nil && st.IsDir()
}

// LoadRun reads a side from a previous run's output folder (batch --out
// DIR --per-school): the levels from summary.json, every school from
// schools/*.json (selfdiag.result/v1).
func LoadRun(dir string) (*Side, error) {
	var sum struct {
		Schema     string              `json:"schema"`
		Model      wire.ModelDoc       `json:"model"`
		Respondent *wire.RespondentDoc `json:"respondent"`
		Levels     []wire.LevelRefDoc  `json:"levels"`
	}
	if err := readJSON(filepath.Join(dir, "summary.json"), maxRunSummary, &sum); err != nil {
		return nil, err
	}
	if sum.Schema != summary.Schema && sum.Schema != wire.SummarySchemaV2 || len(sum.Levels) < 2 {
		return nil, lang.Errorf("%s: не сводка selfdiag (%s): укажите каталог, записанный batch --out КАТАЛОГ --per-school", filepath.Join(dir, "summary.json"), summary.Schema)
	}
	side := &Side{Model: ModelRef{ID: sum.Model.ID, Version: sum.Model.Version, Hash: sum.Model.Hash}}
	if sum.Schema == wire.SummarySchemaV2 && sum.Respondent != nil {
		side.Lang, side.Respondent = lang.Of(sum.Model.Language), runRespondent(lang.Of(sum.Model.Language), sum.Respondent)
	}
	for _, l := range sum.Levels {
		side.Levels = append(side.Levels, model.Level{ID: l.ID, Title: l.Title})
	}
	entries, err := os.ReadDir(filepath.Join(dir, "schools"))
	if err != nil {
		return nil, fmt.Errorf("%s: %s", filepath.Join(dir, "schools"), fserr.Phrase(err))
	}
	comps, inds := map[string]bool{}, map[string]int{}
	n := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if n++; n > maxRunSchools {
			return nil, lang.Errorf("%s: больше %d отчётов школ", dir, maxRunSchools)
		}
		path := filepath.Join(dir, "schools", e.Name())
		var doc wire.ResultDoc
		if err := readJSON(path, maxRunFile, &doc); err != nil {
			return nil, err
		}
		if doc.Schema != wire.ResultSchema && doc.Schema != wire.ResultSchemaV2 {
			return nil, lang.Errorf("%s: не результат selfdiag (%s или %s)", path, wire.ResultSchema, wire.ResultSchemaV2)
		}
		if doc.Model.ID != side.Model.ID || doc.Model.Version != side.Model.Version || doc.Model.Hash != side.Model.Hash {
			return nil, lang.Errorf("%s: школа посчитана по другой модели (%s), чем сводка (%s): каталог собран из разных запусков",
				path, ModelRef{doc.Model.ID, doc.Model.Version, doc.Model.Hash}, side.Model)
		}
		side.Schools = append(side.Schools, fromDoc(&doc))
		for _, c := range doc.Components {
			if !comps[c.ID] {
				comps[c.ID] = true
				side.Components = append(side.Components, ComponentRef{ID: c.ID, Title: c.Title, Kind: c.Kind})
			}
		}
		for _, ind := range doc.Indicators {
			k, ok := inds[ind.ID]
			if !ok {
				k = len(side.Indicators)
				inds[ind.ID] = k
				side.Indicators = append(side.Indicators, IndicatorRef{ID: ind.ID, Component: ind.Component, Critical: ind.Critical})
			}
			// A school the indicator does not apply to shows 0: the
			// model's maximum is the largest.
			side.Indicators[k].Max = max(side.Indicators[k].Max, ind.Max)
		}
		for _, d := range doc.Deficits {
			if k, ok := inds[d.Indicator]; ok && side.Indicators[k].Title == "" {
				side.Indicators[k].Title = d.Title
			}
		}
	}
	if len(side.Schools) == 0 {
		return nil, lang.Errorf("%s: нет отчётов школ в JSON: запустите batch с --per-school", filepath.Join(dir, "schools"))
	}
	// The schools in the order batch wrote them: by file, then row.
	slices.SortStableFunc(side.Schools, func(a, b School) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return a.Row - b.Row
	})
	return side, nil
}

// runRespondent is the respondent a v2 summary names.
func runRespondent(l lang.Lang, d *wire.RespondentDoc) *model.Respondent {
	var groups []model.Field
	for _, g := range d.Groups {
		groups = append(groups, model.Field{ID: g.ID, Title: g.Title})
	}
	r := model.NamedRespondent(l, d.One, d.Few, d.Many, model.Field{ID: d.Name.ID, Title: d.Name.Title},
		model.Field{ID: d.Code.ID, Title: d.Code.Title}, groups)
	return &r
}

// docGroup is a result's group: its municipality (v1), else the value
// of its first grouping field (v2).
func docGroup(d *wire.ResultDoc) string {
	switch who := d.Who(); {
	case who.Municipality != nil:
		return *who.Municipality
	case len(who.Groups) > 0:
		return who.Groups[0].Value
	}
	return ""
}

// docGroups are a result's values of the grouping fields, by id: its
// municipality (v1), else its groups (v2).
func docGroups(d *wire.ResultDoc) map[string]string {
	who := d.Who()
	groups := map[string]string{}
	if who.Municipality != nil {
		groups["municipality"] = *who.Municipality // the school model's one grouping field
	}
	for _, g := range who.Groups {
		groups[g.ID] = g.Value
	}
	return groups
}

func fromDoc(d *wire.ResultDoc) School {
	who := d.Who()
	s := School{Code: who.Code, Name: who.Name, Municipality: docGroup(d), Groups: docGroups(d), Year: who.Year, Source: d.Source.File, Row: d.Source.Row,
		Total:            Tally{Points: d.Total.Points, Max: d.Total.Max, Percent: d.Total.Percent, Level: d.Total.Level},
		CriticalFailures: d.CriticalFailures, CriticalApplied: d.Total.CriticalApplied,
		PlanTarget: d.NextLevel.Overall.NextLevel}
	for _, c := range d.Components {
		s.Components = append(s.Components, Tally{Points: c.Points, Max: c.Max, Percent: c.Percent, Level: c.Level})
	}
	for _, df := range d.Deficits {
		s.Deficits = append(s.Deficits, df.Indicator)
	}
	if slices.ContainsFunc(d.Indicators, func(is wire.IndicatorDoc) bool { return is.Comment != "" }) {
		for _, is := range d.Indicators {
			s.answer(is.ID, is.Answer, is.Comment)
		}
	}
	return s
}

// answer keeps an answer and its comment.
func (s *School) answer(id, answer, comment string) {
	if answer == "" && comment == "" {
		return
	}
	if s.Answers == nil {
		s.Answers = map[string]Answer{}
	}
	s.Answers[id] = Answer{Text: strings.Clone(answer), Comment: strings.Clone(comment)}
}

// readJSON decodes a regular file of at most limit bytes.
func readJSON(path string, limit int64, v any) error {
	// Checked before opening: opening a named pipe waits for a writer.
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %s", path, fserr.Phrase(err))
	case !st.Mode().IsRegular():
		return lang.Errorf("%s: не обычный файл (канал, устройство или папка): в каталоге прошлого запуска таких нет", path)
	case st.Size() > limit:
		return lang.Errorf("%s: файл больше %d МБ", path, limit>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %s", path, fserr.Phrase(err))
	}
	defer f.Close()
	if st2, err := f.Stat(); err != nil || !os.SameFile(st, st2) {
		return lang.Errorf("%s: файл заменён во время чтения: запустите ещё раз", path)
	}
	if err := json.NewDecoder(io.LimitReader(f, limit)).Decode(v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) {
			return lang.Errorf("%s: файл JSON повреждён (%s)", path, lang.Text(err.Error()))
		}
		return lang.Errorf("%s: не читается как JSON selfdiag (%s)", path, lang.Text(err.Error()))
	}
	return nil
}

// String names a model with its fingerprint, as every document of a
// comparison does: two models of one id and version may differ in their
// files.
func (r ModelRef) String() string { return modelName(lang.RU, r) }

// In is String in a language.
func (r ModelRef) In(l lang.Lang) string { return modelName(l, r) }

// modelName is ModelRef.String in a language.
func modelName(l lang.Lang, r ModelRef) string {
	if r.Hash != "" {
		return l.T("модель %s, версия %s, отпечаток %s", r.ID, r.Version, r.Hash)
	}
	return l.T("модель %s, версия %s", r.ID, r.Version)
}
