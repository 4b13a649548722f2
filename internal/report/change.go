package report

import "github.com/selfdiag/selfdiag/internal/lang"

// ChangeHeading heads the section of a school's report on what changed
// since its previous self-diagnosis.
const ChangeHeading = "Изменения с прошлой самодиагностики"

// PeersHeading heads the comparison of a school with its district's and
// municipality's means, in every format that shows it.
const PeersHeading = "Сравнение со средними"

// changeView is the section's content, as text.
type changeView struct {
	Previous   string
	Summary    string
	Components []changeRow
	// Lists of «id «text»».
	Closed, Persisting, Opened, CriticalFixed, CriticalNew []string
	Plan                                                   string
}

type changeRow struct{ Title, Old, New, Change string }

// LevelChangeText says how a level moved: «выше на 1 уровень», «ниже на 2
// уровня», «уровень тот же».
func LevelChangeText(l lang.Lang, d int) string {
	switch {
	case d > 0:
		return l.T("выше на %s", l.Count(d, "уровень", "уровня", "уровней"))
	case d < 0:
		return l.T("ниже на %s", l.Count(-d, "уровень", "уровня", "уровней"))
	}
	return l.T("уровень тот же")
}

// ChangeTallyText is «84 из 133 (63,1 %), средний», «—» for none.
func ChangeTallyText(l lang.Lang, t *ChangeTally) string {
	if t == nil {
		return "—"
	}
	return l.T("%d из %d (%s %%), %s", t.Points, t.Max, l.Percent(t.Percent), t.LevelTitle)
}

func newChangeView(l lang.Lang, ch *Change) *changeView {
	if ch == nil {
		return nil
	}
	v := &changeView{Previous: ch.Previous,
		Summary: l.T("Было: %s. Стало: %s — %s.", ChangeTallyText(l, &ch.Old), ChangeTallyText(l, &ch.New), LevelChangeText(l, ch.LevelChange))}
	for _, c := range ch.Components {
		change := "—"
		if c.Old != nil && c.New != nil {
			change = LevelChangeText(l, c.LevelChange)
		}
		v.Components = append(v.Components, changeRow{c.Title, ChangeTallyText(l, c.Old), ChangeTallyText(l, c.New), change})
	}
	names := func(ids []ChangedIndicator) []string {
		out := make([]string, len(ids))
		for i, x := range ids {
			out[i] = x.ID + " «" + x.Text + "»"
		}
		return out
	}
	v.Closed, v.Persisting, v.Opened = names(ch.Closed), names(ch.Persisting), names(ch.Opened)
	v.CriticalFixed, v.CriticalNew = names(ch.CriticalFixed), names(ch.CriticalNew)
	if ch.PlanTarget != "" {
		if ch.PlanReached {
			v.Plan = l.T("Уровень «%s», на который был нацелен прошлый план перехода, достигнут.", ch.PlanTarget)
		} else {
			v.Plan = l.T("Уровень «%s», на который был нацелен прошлый план перехода, не достигнут.", ch.PlanTarget)
		}
	}
	return v
}

// changeLists are the section's lists with their titles, in order.
func (v *changeView) Lists(l lang.Lang) []struct {
	Title string
	Items []string
} {
	return []struct {
		Title string
		Items []string
	}{
		{l.T("Дефициты закрыты"), v.Closed}, {l.T("Новые дефициты"), v.Opened}, {l.T("Дефициты остались"), v.Persisting},
		{l.T("Критические показатели исправлены"), v.CriticalFixed}, {l.T("Критические показатели не выполнены впервые"), v.CriticalNew},
	}
}

// DistrictChange is what changed in the district since its previous
// self-diagnosis, for the analytical note: made by the comparison with
// the titles resolved.
type DistrictChange struct {
	Previous                  string
	Matched, OnlyOld, OnlyNew int
	Up, Same, Down            int
	Transitions               []Transition
	Means                     []MeanChange
	// Closed and Opened are the deficits closed and opened by most
	// schools.
	Closed, Opened []DeficitChange
	Fallers        []FallerChange
}

// Transition is «было → стало» with the number of schools.
type Transition struct {
	From, To string
	Schools  int
}

// MeanChange is a mean percent then and now («76,4»; «—» unknown).
type MeanChange struct{ Title, Old, New string }

// DeficitChange is an indicator and a number of schools.
type DeficitChange struct {
	Indicator string
	Schools   int
}

// FallerChange is a school that fell a level, with the reasons.
type FallerChange struct{ School, From, To, Reasons string }
