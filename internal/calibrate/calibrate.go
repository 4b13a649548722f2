// Package calibrate infers a model's overall level thresholds from tables
// that state a total and a level — the federal service's result tables —
// and checks the model in force against them.
//
// A table of a school stating S points and level L says, for every level
// k above the lowest, where k's threshold T_k (in points, for the school's
// profile) may lie: T_k ≤ S when k ≤ L, and T_k ≥ S+1 when k > L. Over many
// tables this gives, per profile and level, the interval [From, To] of the
// thresholds consistent with all of them. A table whose level a failed
// critical indicator explains says nothing about the points and is left
// out of the intervals.
package calibrate

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Schema is the JSON schema id of a Report.
const Schema = "selfdiag.calibration/v1"

// Report is the calibration of a model against tables.
type Report struct {
	Schema string   `json:"schema"`
	Model  ModelRef `json:"model"`
	// Tables is how many tables stated a total and a level.
	Tables   int       `json:"tables"`
	Profiles []Profile `json:"profiles"`
	// Skipped are the schools read that could not serve, with the reason.
	Skipped []Skipped `json:"skipped,omitempty"`
}

// ModelRef names the model in force.
type ModelRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash,omitempty"`
}

// Profile is the calibration for schools of one profile.
type Profile struct {
	// Profile is a school's profile; Attributes, for another respondent,
	// its attributes' values by id.
	Profile    ProfileRef          `json:"profile"`
	Attributes map[string][]string `json:"attributes,omitempty"`
	profile    model.Profile
	// Max is the profile's maximum total.
	Max    int `json:"max"`
	Tables int `json:"tables"`
	// LeftOut counts the tables whose level a failed critical indicator
	// explains: they are not in the intervals.
	LeftOut        int             `json:"left_out_critical"`
	Thresholds     []Threshold     `json:"thresholds"`
	Contradictions []Contradiction `json:"contradictions"`
}

// ProfileRef is a school profile.
type ProfileRef struct {
	Programs   []string `json:"programs"`
	OVZ        bool     `json:"ovz"`
	Corrective bool     `json:"corrective"`
}

// Threshold is what the tables say of one level's threshold in points.
type Threshold struct {
	Level string `json:"level"`
	// From and To bound the points at which the level can begin, given
	// the tables; To is nil when no table bounds it from above. From > To
	// means the tables contradict one another.
	From int  `json:"from"`
	To   *int `json:"to"`
	// Model is the model's threshold in points for the profile.
	Model      int  `json:"model"`
	Consistent bool `json:"consistent"`
}

// Contradiction is a table whose stated level the model in force does not
// give for its stated total.
type Contradiction struct {
	Source      string `json:"source"`
	StatedTotal int    `json:"stated_total"`
	StatedLevel string `json:"stated_level"`
	ModelLevel  string `json:"model_level"`
	// By is how many points the model's threshold misses by: the stated
	// level's threshold is By points above the total, or the next level's
	// is By points too low. Nil when a critical indicator sets the level.
	By *int `json:"by,omitempty"`
}

// Skipped is a school that did not serve as a table.
type Skipped struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
}

// Calibrate calibrates the model against the scored tables.
func Calibrate(m *model.Model, results []*scoring.Result) Report {
	rep := Report{Schema: Schema, Model: ModelRef{ID: m.ID, Version: m.Version, Hash: m.Hash}, Profiles: []Profile{}}
	type group struct {
		profile model.Profile
		tables  []table
	}
	var groups []*group
	for _, r := range results {
		t, reason := readTable(m, r)
		if reason != "" {
			rep.Skipped = append(rep.Skipped, Skipped{Source: source(r), Reason: reason})
			continue
		}
		rep.Tables++
		k := slices.IndexFunc(groups, func(g *group) bool { return sameProfile(g.profile, t.profile) })
		if k < 0 {
			groups = append(groups, &group{profile: t.profile})
			k = len(groups) - 1
		}
		groups[k].tables = append(groups[k].tables, t)
	}
	for _, g := range groups {
		rep.Profiles = append(rep.Profiles, calibrateProfile(m, g.profile, g.tables))
	}
	slices.SortFunc(rep.Profiles, func(a, b Profile) int {
		return cmp.Or(strings.Compare(strings.Join(a.Profile.Programs, ","), strings.Join(b.Profile.Programs, ",")),
			boolCmp(a.Profile.OVZ, b.Profile.OVZ), boolCmp(a.Profile.Corrective, b.Profile.Corrective))
	})
	return rep
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// table is what one table says.
type table struct {
	source  string
	profile model.Profile
	total   int // stated
	level   int // stated, index into the model's levels
	max     int // the profile's maximum by the model
	// failed are the critical indicators the answers fail.
	failed []*model.Indicator
}

// source names a table: its file, and the school's row in a district table.
func source(r *scoring.Result) string {
	if r.Row > 0 {
		return problem.Location{File: r.Source, Sheet: r.Sheet, Row: r.Row}.String()
	}
	return r.Source
}

// readTable reads the stated total and level of a scored school, or says
// why it cannot serve.
func readTable(m *model.Model, r *scoring.Result) (table, string) {
	t := table{source: source(r), profile: r.School.Profile, max: r.Total.Max}
	st, l := r.Stated, m.Lang()
	switch {
	case st.Total == nil && st.Level == "":
		return t, l.T("в таблице не указаны сумма баллов и уровень («Сумма баллов за весь тест: …», «Уровень: …»)")
	case st.Total == nil:
		return t, l.T("в таблице не указана сумма баллов («Сумма баллов за весь тест: …»)")
	case st.Level == "":
		return t, l.T("в таблице не указан уровень («Уровень: …»)")
	case *st.Total < 0 || *st.Total > r.Total.Max:
		return t, l.T("сумма баллов в таблице вне пределов профиля школы: от 0 до %d по модели", r.Total.Max)
	}
	t.total = *st.Total
	t.level = levelOf(m, st.Level)
	if t.level < 0 {
		names := make([]string, len(m.Levels))
		for i, lv := range m.Levels {
			names[i] = "«" + lv.Title + "»"
		}
		return t, l.T("уровень «%s» не из модели: в ней %s", st.Level, strings.Join(names, ", "))
	}
	for _, id := range r.CriticalFailures {
		if ind, ok := m.Indicator(id); ok {
			t.failed = append(t.failed, ind)
		}
	}
	return t, ""
}

// levelOf finds a stated level («СРЕДНИЙ», «средний уровень», «medium»)
// among the model's levels, or -1.
func levelOf(m *model.Model, stated string) int {
	s := textnorm.Normalize(stated)
	s = strings.TrimSpace(strings.TrimSuffix(s, "уровень"))
	for i, l := range m.Levels {
		if s == textnorm.Normalize(l.Title) || s == textnorm.Normalize(l.ID) {
			return i
		}
	}
	return -1
}

func sameProfile(a, b model.Profile) bool {
	return maps.EqualFunc(a, b, slices.Equal)
}

func calibrateProfile(m *model.Model, p model.Profile, tables []table) Profile {
	out := Profile{Profile: ProfileRef{Programs: append([]string{}, p["programs"]...), OVZ: p.Has("ovz", model.Yes),
		Corrective: p.Has("corrective", model.Yes)}, Tables: len(tables), Contradictions: []Contradiction{}, Thresholds: []Threshold{}, profile: p}
	if !m.Respondent.IsSchool() {
		out.Profile, out.Attributes = ProfileRef{Programs: []string{}}, map[string][]string{}
		for id, values := range p {
			out.Attributes[id] = slices.Clone(values)
		}
	}
	out.Max = tables[0].max
	needs := m.Standing("", p, 0, out.Max).Needs
	levels := len(m.Levels)

	// The bounds every table puts on every threshold.
	from := make([]int, levels)
	to := make([]*int, levels)
	for _, t := range tables {
		byPoints := m.Standing("", p, t.total, out.Max).Level
		after, critical := m.AfterCritical(byPoints, t.failed, true)
		if after != t.level {
			c := Contradiction{Source: t.source, StatedTotal: t.total, StatedLevel: m.Levels[t.level].ID, ModelLevel: m.Levels[after].ID}
			if !critical {
				by := 0
				if byPoints < t.level {
					by = needs[t.level] - t.total
				} else {
					by = t.total - needs[t.level+1] + 1
				}
				c.By = &by
			}
			out.Contradictions = append(out.Contradictions, c)
		}
		if critical {
			out.LeftOut++
			continue
		}
		for k := 1; k < levels; k++ {
			if t.level >= k {
				if to[k] == nil || t.total < *to[k] {
					v := t.total
					to[k] = &v
				}
			} else {
				from[k] = max(from[k], t.total+1)
			}
		}
	}
	// Thresholds do not fall with the level.
	for k := 2; k < levels; k++ {
		from[k] = max(from[k], from[k-1])
	}
	for k := levels - 2; k >= 1; k-- {
		if to[k+1] != nil && (to[k] == nil || *to[k+1] < *to[k]) {
			v := *to[k+1]
			to[k] = &v
		}
	}
	for k := 1; k < levels; k++ {
		th := Threshold{Level: m.Levels[k].ID, From: from[k], To: to[k], Model: needs[k]}
		th.Consistent = needs[k] >= from[k] && (to[k] == nil || needs[k] <= *to[k])
		out.Thresholds = append(out.Thresholds, th)
	}
	slices.SortStableFunc(out.Contradictions, func(a, b Contradiction) int { return strings.Compare(a.Source, b.Source) })
	return out
}

// Supported says why calibration cannot serve a model, or nil: it infers
// thresholds in points from the totals the tables state, which only a
// model whose levels come from plain sums of points has.
func Supported(m *model.Model) error {
	switch {
	case m.Overall == model.OverallMean:
		return lang.Errorf("калибровка невозможна: общий уровень модели определяется по среднему процентов компонентов (overall: mean_of_components), а таблицы федерального сервиса дают сумму баллов")
	case m.Overall == model.OverallMinLevel:
		return lang.Errorf("калибровка невозможна: общий уровень модели — наименьший из уровней компонентов (overall: min_component_level), порогов общего уровня у неё нет")
	case m.Weighted():
		return lang.Errorf("калибровка невозможна: у модели есть веса (weight), уровни определяются по взвешенной сумме, а таблицы федерального сервиса дают сумму баллов без весов")
	}
	return nil
}
