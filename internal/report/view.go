package report

import (
	"github.com/selfdiag/selfdiag/internal/chart"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/ru"
	"github.com/selfdiag/selfdiag/internal/scoring"
)

// schoolView is what the HTML, Markdown and xlsx school reports show,
// laid out like sections 3.1 and 3.2 of a development programme. All the
// reports are written from it, so they cannot disagree.
type schoolView struct {
	// HasCritical: the model has critical indicators (else nothing is
	// said of them).
	HasCritical bool
	// HasComments: some answer has a comment or evidence beside it; the
	// answer tables then show them.
	HasComments bool
	// DeficitsHeading heads the deficits section (see deficitsHeading).
	DeficitsHeading string
	Title           string
	Name, Code      string
	Municipality    string
	Year            string
	Profile         string
	ProfileAssumed  bool
	Source          string
	Territory       string
	AsOf            string // «по состоянию на», "" not said
	Model           scoring.ModelStamp
	Total           tallyView
	// TotalMarks are the overall level thresholds as percent of max.
	TotalMarks   []chart.Mark
	Components   []componentView
	Critical     []indicatorView // critical indicators with 0 points
	DeficitCount int
	Plan         planView
	Problems     []string
	Notices      []string
	Incomplete   bool
	// Peers is set when the district's (and the municipality's) means
	// per component are known; PeerMunicipality names the latter.
	Peers, MunicipalPeers bool
	PeerMunicipality      string
	// Change is what changed since the previous self-diagnosis (nil
	// unless the district was compared with it).
	Change *changeView
}

type tallyView struct {
	Points, Max     int
	Percent         string // "72,1"
	PercentValue    float64
	Level           int // level index, -1 when nothing applies
	LevelTitle      string
	ByPointsTitle   string
	CriticalApplied bool   // the critical rule lowered the level
	Thresholds      string // «базовый — от 47 баллов, средний — от 80, высокий — от 114 из 133»
	// PercentNote follows «N из M баллов»: « (72,1 %)», or what the
	// percent is when it is not of the points — «; с учётом весов —
	// 75,2 %», «; средний процент компонентов — 75,2 %».
	PercentNote string
}

// percentNote says what a tally's percent is of (see tallyView.PercentNote).
func percentNote(m *model.Model, t scoring.Tally) string {
	p := Percent(t.Percent) + " %"
	switch {
	case t.Basis == scoring.BasisMean:
		return "; средний процент компонентов — " + p
	case t.Basis == scoring.BasisWeighted, t.Basis == scoring.BasisMinLevel && m.Weighted():
		return "; с учётом весов — " + p
	}
	return " (" + p + ")"
}

type componentView struct {
	ID, Title, Kind string
	KindID          string
	tallyView
	// Marks are the component's level thresholds as percent of its max.
	Marks      []chart.Mark
	Indicators []indicatorView
	Deficits   []indicatorView
	// HasMeasures: some deficit has the model's typical measures.
	HasMeasures bool
	Plan        string
	// District and Municipal are the peers' mean percents ("" unknown).
	District, Municipal           string
	DistrictValue, MunicipalValue float64
}

type indicatorView struct {
	ID, Text       string
	Critical       bool
	Answer         string
	Comment        string // the comment or evidence beside the answer
	Points, Max    int
	Status         string // Russian
	NotApplicable  bool
	Failed         bool // critical with 0 points
	Target         string
	Gap            int
	ComponentTitle string
	Measures       []string // the model's typical measures for a deficit
}

type planView struct {
	Summary string
	Steps   []stepView
}

type stepView struct {
	ID, Text, ComponentTitle string
	Critical, Blocking       bool
	Answer, Target           string
	Points, TargetPoints     int
	Gain                     int
}

var statusTitles = map[string]string{
	scoring.StatusOK:            "",
	scoring.StatusMissing:       "нет ответа",
	scoring.StatusInvalid:       "ответ не распознан",
	scoring.StatusNotApplicable: "не применим",
}

// deficitsHeading heads the deficits section: by the school's two kinds,
// or by the model's own.
func deficitsHeading(m *model.Model) string {
	if m.SchoolKinded() {
		return schoolHeadDeficits
	}
	var plurals []string
	for _, k := range m.Kinds {
		plurals = append(plurals, k.Plural)
	}
	return "3.2. Дефициты по компонентам (" + strings.Join(plurals, ", ") + ")"
}

func newTallyView(m *model.Model, t scoring.Tally) tallyView {
	v := tallyView{Points: t.Points, Max: t.Max, Percent: Percent(t.Percent), PercentValue: t.Percent, Level: t.Level,
		LevelTitle: t.LevelTitle, CriticalApplied: t.CriticalApplied && t.ByPoints != t.Level}
	if t.ByPoints >= 0 {
		v.ByPointsTitle = m.Levels[t.ByPoints].Title
	}
	v.Thresholds = thresholdsText(m, t)
	v.PercentNote = percentNote(m, t)
	return v
}

// thresholdsText says what each level needed of this school, in points of
// its maximum: «базовый — от 47 баллов, средний — от 80, высокий — от 114
// из 133»; "" when nothing applies.
func thresholdsText(m *model.Model, t scoring.Tally) string {
	if t.Max == 0 {
		return ""
	}
	switch t.Basis {
	case scoring.BasisMinLevel:
		return "по наименьшему из уровней компонентов"
	case scoring.BasisWeighted, scoring.BasisMean:
		var parts []string
		for l := 1; l < len(t.ScoreNeeds) && l < len(m.Levels); l++ {
			need := scoring.ScoreText(t.ScoreNeeds[l])
			if t.ScoreNeeds[l] > t.ScoreMax {
				need = "недостижим"
			} else if t.Basis == scoring.BasisMean {
				need = "от " + need + " %"
			} else {
				need = "от " + need
			}
			parts = append(parts, m.Levels[l].Title+" — "+need)
		}
		if t.Basis == scoring.BasisMean {
			return strings.Join(parts, ", ") + " по среднему проценту компонентов (сейчас " + scoring.ScoreText(t.Score) + " %)"
		}
		return strings.Join(parts, ", ") + " из " + scoring.ScoreText(t.ScoreMax) + " взвешенных баллов (набрано " +
			scoring.ScoreText(t.Score) + "; баллы показаны без весов)"
	}
	if len(t.Needs) == 0 {
		return ""
	}
	var parts []string
	for l := 1; l < len(t.Needs) && l < len(m.Levels); l++ {
		switch need := t.Needs[l]; {
		case need < 0:
			parts = append(parts, m.Levels[l].Title+" — недостижим")
		case len(parts) == 0:
			parts = append(parts, m.Levels[l].Title+" — от "+ru.PointsShort(need))
		default:
			parts = append(parts, m.Levels[l].Title+" — от "+strconv.Itoa(need))
		}
	}
	return strings.Join(parts, ", ") + " из " + strconv.Itoa(t.Max)
}

// thresholdMarks gives a set's reachable level thresholds as percent of max.
func thresholdMarks(m *model.Model, set model.ThresholdSet, max int) []chart.Mark {
	var marks []chart.Mark
	for i, p := range set.Percents(len(m.Levels), max) {
		if i > 0 && p <= 100 {
			marks = append(marks, chart.Mark{Title: m.Levels[i].Title, Percent: p})
		}
	}
	return marks
}

func newSchoolView(m *model.Model, r *School) *schoolView {
	v := &schoolView{HasCritical: m.HasCritical(), DeficitsHeading: deficitsHeading(m), Title: SchoolTitle(r.Result), Name: r.School.Name, Code: r.School.Code, Municipality: r.School.Group(0),
		Year: r.School.Year, Profile: m.Respondent.ProfileText(r.School.Profile), ProfileAssumed: r.ProfileAssumed, Source: filepath.Base(r.Source),
		Model: r.Model, Total: newTallyView(m, r.Total), DeficitCount: len(r.Deficits), Incomplete: r.Incomplete}
	if r.Row > 0 {
		v.Source += ", строка " + strconv.Itoa(r.Row)
	}
	v.Territory, v.AsOf = r.Run.Territory, dateText(r.Run.AsOf)
	if v.Year == "" {
		v.Year = r.Run.Year
	}
	v.TotalMarks = thresholdMarks(m, m.Thresholds.For("", r.School.Profile), r.Total.Max)
	nl := r.Next
	if p := r.Peers; p != nil {
		v.Peers = len(p.District) == len(r.Components)
		v.MunicipalPeers = len(p.Municipal) == len(r.Components)
		v.PeerMunicipality = p.Municipality
	}
	titles := map[string]string{}
	for i, c := range r.Components {
		titles[c.ID] = c.Title
		cv := componentView{ID: c.ID, Title: c.Title, Kind: m.KindOf(c.Kind).Title, KindID: c.Kind, tallyView: newTallyView(m, c.Tally),
			Marks: thresholdMarks(m, m.Thresholds.For(c.ID, r.School.Profile), c.Max)}
		if i < len(nl.Components) {
			cv.Plan = nl.Components[i].Summary(m)
		}
		if p := r.Peers; p != nil && i < len(p.District) {
			cv.District, cv.DistrictValue = Percent(p.District[i]), p.District[i]
			if i < len(p.Municipal) {
				cv.Municipal, cv.MunicipalValue = Percent(p.Municipal[i]), p.Municipal[i]
			}
		}
		v.Components = append(v.Components, cv)
	}
	byComp := map[string]*componentView{}
	for i := range v.Components {
		byComp[v.Components[i].ID] = &v.Components[i]
	}
	for i := range r.Indicators {
		is := &r.Indicators[i]
		v.HasComments = v.HasComments || is.Comment != ""
		iv := indicatorView{ID: is.ID, Text: is.Text, Critical: is.Critical, Answer: is.Answer, Comment: is.Comment, Points: is.Points, Max: is.Max,
			Status: statusTitles[is.Status], NotApplicable: is.Status == scoring.StatusNotApplicable,
			Failed: is.Fails(is.Points) && is.Status != scoring.StatusNotApplicable,
			Target: is.Best(), Gap: is.Max - is.Points, ComponentTitle: titles[is.Component]}
		if cv := byComp[is.Component]; cv != nil {
			cv.Indicators = append(cv.Indicators, iv)
		}
		if iv.Failed {
			v.Critical = append(v.Critical, iv)
		}
	}
	for _, d := range r.Deficits {
		if cv := byComp[d.Component]; cv != nil {
			cv.Deficits = append(cv.Deficits, indicatorView{ID: d.ID, Text: d.Text, Critical: d.Critical, Answer: d.Answer, Comment: d.Comment,
				Points: d.Points, Max: d.Max, Status: statusTitles[d.Status], Failed: d.Fails(d.Points),
				Target: d.Best(), Gap: d.Gap, ComponentTitle: cv.Title, Measures: d.Measures})
			cv.HasMeasures = cv.HasMeasures || len(d.Measures) > 0
		}
	}
	v.Change = newChangeView(r.Change)
	v.Plan.Summary = nl.Overall.Summary(m)
	for _, s := range nl.Overall.Steps {
		v.Plan.Steps = append(v.Plan.Steps, stepView{ID: s.ID, Text: s.Text, ComponentTitle: titles[s.Component],
			Critical: s.Critical, Blocking: s.Blocking, Answer: s.Answer, Target: s.Target, Points: s.Points,
			TargetPoints: s.TargetPoints, Gain: s.Gain()})
	}
	// A report goes to the school: its file by name, not by the
	// methodologist's folders.
	local := strings.NewReplacer(r.Source, filepath.Base(r.Source))
	for _, p := range r.Notices {
		v.Notices = append(v.Notices, local.Replace(p.String()))
	}
	for _, p := range r.Problems {
		v.Problems = append(v.Problems, local.Replace(p.String()))
	}
	return v
}
