package report

import (
	"cmp"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/chart"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
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
	// L is the model's language; Words its documents' headings.
	L          lang.Lang
	Words      docWords
	Title      string
	Name, Code string
	// Groups are the respondent's grouping fields' values, in the
	// model's order.
	Groups         []string
	Year           string
	Profile        string
	ProfileAssumed bool
	Source         string
	Territory      string
	AsOf           string // «по состоянию на», "" not said
	Model          scoring.ModelStamp
	Total          tallyView
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
	l := m.Lang()
	p := l.Percent(t.Percent) + " %"
	switch {
	case t.Basis == scoring.BasisMean:
		return l.T("; средний процент компонентов — %s", p)
	case t.Basis == scoring.BasisWeighted, t.Basis == scoring.BasisMinLevel && m.Weighted():
		return l.T("; с учётом весов — %s", p)
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
	// Summary is Head (what the next level needs) and the steps said.
	Summary, Head string
	Steps         []stepView
}

type stepView struct {
	ID, Text, ComponentTitle string
	Critical, Blocking       bool
	Answer, Target           string
	Points, TargetPoints     int
	Gain                     int
}

// statusTitle says what was wrong with an answer ("" nothing).
func statusTitle(l lang.Lang, status string) string {
	if status == scoring.StatusOK {
		return "" // a counted answer needs no word beside its points
	}
	return StatusTitle(l, status)
}

// docWords are the headings and sentences of a school's documents that
// name the plan they feed: the development programme's sections 3.1 and
// 3.2 for the school model, neutral ones in another model's language, the
// model's own where it declares them («words»).
type docWords struct {
	// Title names the document (a page's title, Word's properties);
	// Heading opens it.
	Title, Heading                             string
	Results, Deficits, Measures, MeasuresIntro string
}

// wordsOf gives a model's document words: its own, else the school's
// by the two school kinds, else headings in the model's language, the
// deficits' by the model's own kinds. title is the respondent's.
func wordsOf(m *model.Model, title string) docWords {
	l := m.Lang()
	w := docWords{Title: l.T("Самодиагностика: %s", title), Heading: l.T("Результаты самодиагностики: %s", title), Results: l.T(schoolHeadResults), Deficits: l.T(schoolHeadDeficits),
		Measures: l.T(schoolHeadMeasures), MeasuresIntro: l.T(measuresIntro)}
	if !m.SchoolKinded() {
		var plurals []string
		for _, k := range m.Kinds {
			plurals = append(plurals, k.Plural)
		}
		w.Deficits = l.T("3.2. Дефициты по компонентам (%s)", strings.Join(plurals, ", "))
	}
	own := m.Words
	if own.Report != "" {
		w.Title = own.Report + ": " + title
		w.Heading = w.Title
	}
	w.Results = cmp.Or(own.Results, w.Results)
	w.Deficits = cmp.Or(own.Deficits, w.Deficits)
	w.Measures = cmp.Or(own.Measures, w.Measures)
	w.MeasuresIntro = cmp.Or(own.MeasuresIntro, w.MeasuresIntro)
	return w
}

func newTallyView(m *model.Model, t scoring.Tally) tallyView {
	v := tallyView{Points: t.Points, Max: t.Max, Percent: m.Lang().Percent(t.Percent), PercentValue: t.Percent, Level: t.Level,
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
	lg := m.Lang()
	switch t.Basis {
	case scoring.BasisMinLevel:
		return lg.T("по наименьшему из уровней компонентов")
	case scoring.BasisWeighted, scoring.BasisMean:
		var parts []string
		for l := 1; l < len(t.ScoreNeeds) && l < len(m.Levels); l++ {
			need := scoring.ScoreText(lg, t.ScoreNeeds[l])
			if t.ScoreNeeds[l] > t.ScoreMax {
				need = lg.T("недостижим")
			} else if t.Basis == scoring.BasisMean {
				need = lg.T("от %s", need+" %")
			} else {
				need = lg.T("от %s", need)
			}
			parts = append(parts, m.Levels[l].Title+" — "+need)
		}
		if t.Basis == scoring.BasisMean {
			return lg.T("%s по среднему проценту компонентов (сейчас %s %%)", strings.Join(parts, ", "), scoring.ScoreText(lg, t.Score))
		}
		return lg.T("%s из %s взвешенных баллов (набрано %s; баллы показаны без весов)", strings.Join(parts, ", "),
			scoring.ScoreText(lg, t.ScoreMax), scoring.ScoreText(lg, t.Score))
	}
	if len(t.Needs) == 0 {
		return ""
	}
	var parts []string
	for l := 1; l < len(t.Needs) && l < len(m.Levels); l++ {
		switch need := t.Needs[l]; {
		case need < 0:
			parts = append(parts, m.Levels[l].Title+" — "+lg.T("недостижим"))
		case len(parts) == 0:
			parts = append(parts, m.Levels[l].Title+" — "+lg.T("от %s", pointsOf(lg, need)))
		default:
			parts = append(parts, m.Levels[l].Title+" — "+lg.T("от %s", strconv.Itoa(need)))
		}
	}
	return lg.T("%s из %d", strings.Join(parts, ", "), t.Max)
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
	l := m.Lang()
	title := SchoolTitle(m, r.Result)
	v := &schoolView{HasCritical: m.HasCritical(), L: l, Words: wordsOf(m, title), Title: title, Name: r.School.Name, Code: r.School.Code,
		Year: r.School.Year, Profile: m.Respondent.ProfileText(r.School.Profile), ProfileAssumed: r.ProfileAssumed, Source: filepath.Base(r.Source),
		Model: r.Model, Total: newTallyView(m, r.Total), DeficitCount: len(r.Deficits), Incomplete: r.Incomplete}
	for i := range m.Respondent.Groups {
		v.Groups = append(v.Groups, r.School.Group(i))
	}
	if r.Row > 0 {
		v.Source += l.T(", строка %d", r.Row)
	}
	v.Territory, v.AsOf = r.Run.Territory, l.Date(r.Run.AsOf)
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
			cv.District, cv.DistrictValue = l.Percent(p.District[i]), p.District[i]
			if i < len(p.Municipal) {
				cv.Municipal, cv.MunicipalValue = l.Percent(p.Municipal[i]), p.Municipal[i]
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
			Status: statusTitle(l, is.Status), NotApplicable: is.Status == scoring.StatusNotApplicable,
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
				Points: d.Points, Max: d.Max, Status: statusTitle(l, d.Status), Failed: d.Fails(d.Points),
				Target: d.Best(), Gap: d.Gap, ComponentTitle: cv.Title, Measures: d.Measures})
			cv.HasMeasures = cv.HasMeasures || len(d.Measures) > 0
		}
	}
	v.Change = newChangeView(l, r.Change)
	head, steps := nl.Overall.SummaryParts(m)
	v.Plan.Summary, v.Plan.Head = head+steps, head
	for _, s := range nl.Overall.Steps {
		v.Plan.Steps = append(v.Plan.Steps, stepView{ID: s.ID, Text: s.Text, ComponentTitle: titles[s.Component],
			Critical: s.Critical, Blocking: s.Blocking, Answer: s.Answer, Target: s.Target, Points: s.Points,
			TargetPoints: s.TargetPoints, Gain: s.Gain()})
	}
	// A report goes to the school: its file by name, not by the
	// methodologist's folders.
	local := strings.NewReplacer(r.Source, filepath.Base(r.Source))
	for _, p := range r.Notices {
		v.Notices = append(v.Notices, local.Replace(p.In(l)))
	}
	for _, p := range r.Problems {
		v.Problems = append(v.Problems, local.Replace(p.In(l)))
	}
	return v
}
