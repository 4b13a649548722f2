package model

import (
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// Program is an educational programme a school teaches.
type Program string

// The general education programmes.
const (
	NOO Program = "НОО" // начальное общее образование
	OOO Program = "ООО" // основное общее образование
	SOO Program = "СОО" // среднее общее образование
)

// AllPrograms lists the programmes in school order.
var AllPrograms = []Program{NOO, OOO, SOO}

// latinLookalikes maps Latin letters that people type for Cyrillic ones.
var latinLookalikes = strings.NewReplacer("o", "о", "c", "с", "h", "н", "n", "н")

// ParseProgram reads a programme name: «НОО», «ноо», Latin look-alikes («OOO»)
// or the full name («начальное общее»).
func ParseProgram(s string) (Program, bool) {
	n := latinLookalikes.Replace(textnorm.Normalize(s))
	switch {
	case n == "ноо" || strings.HasPrefix(n, "начальное"):
		return NOO, true
	case n == "ооо" || strings.HasPrefix(n, "основное"):
		return OOO, true
	case n == "соо" || strings.HasPrefix(n, "среднее"):
		return SOO, true
	}
	return "", false
}

// ParsePrograms reads a list such as «НОО, ООО, СОО» (separated by commas,
// semicolons, slashes or spaces). bad holds the parts it did not understand.
func ParsePrograms(s string) (progs []Program, bad []string) {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '/' || r == '+' || r == '\n'
	})
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, ok := ParseProgram(f); ok {
			progs = append(progs, p)
			continue
		}
		// «НОО ООО» without commas
		ok := true
		var sub []Program
		for _, w := range strings.Fields(f) {
			p, pok := ParseProgram(w)
			if !pok {
				ok = false
				break
			}
			sub = append(sub, p)
		}
		if ok && len(sub) > 0 {
			progs = append(progs, sub...)
		} else {
			bad = append(bad, f)
		}
	}
	return normalizePrograms(progs), bad
}

func normalizePrograms(progs []Program) []Program {
	out := make([]Program, 0, len(progs))
	for _, p := range AllPrograms {
		if slices.Contains(progs, p) {
			out = append(out, p)
		}
	}
	return out
}

// Profile is what decides which indicators apply to a school.
type Profile struct {
	Programs   []Program // in AllPrograms order
	OVZ        bool      // has pupils with ОВЗ or disabilities
	Corrective bool      // a corrective (special) school
}

// DefaultProfile is assumed when a school's profile is missing: all three
// programmes, no pupils with ОВЗ, not corrective.
func DefaultProfile() Profile {
	return Profile{Programs: slices.Clone(AllPrograms)}
}

// Teaches reports whether the school teaches the programme.
func (p Profile) Teaches(pr Program) bool { return slices.Contains(p.Programs, pr) }

// String prints the profile in Russian: «НОО, ООО; ОВЗ; коррекционная».
func (p Profile) String() string {
	parts := make([]string, 0, len(p.Programs))
	for _, pr := range p.Programs {
		parts = append(parts, string(pr))
	}
	s := strings.Join(parts, ", ")
	if s == "" {
		s = "программы не указаны"
	}
	if p.OVZ {
		s += "; обучающиеся с ОВЗ"
	}
	if p.Corrective {
		s += "; коррекционная школа"
	}
	return s
}

// Applicability says which schools an indicator (or a threshold variant)
// concerns. Empty means every school.
type Applicability struct {
	Programs []Program // empty: any school; else as Match says
	// Match says how Programs must be taught: MatchAny (any of them, the
	// default), MatchAll (all of them, maybe more) or MatchExactly (those
	// and no other).
	Match       string
	NotPrograms []Program // none of them taught
	OVZ         *bool     // nil: any; true: only schools with ОВЗ pupils; false: only without
	Corrective  *bool     // nil: any; true: only corrective schools; false: only others
}

// How an Applicability's programmes must be taught.
const (
	MatchAny     = "any"
	MatchAll     = "all"
	MatchExactly = "exactly"
)

// AppliesTo reports whether the condition holds for the profile.
func (a Applicability) AppliesTo(p Profile) bool {
	if len(a.Programs) > 0 {
		switch a.Match {
		case MatchAll:
			if !all(a.Programs, p.Teaches) {
				return false
			}
		case MatchExactly:
			if !all(a.Programs, p.Teaches) || len(p.Programs) != len(a.Programs) {
				return false
			}
		default:
			if !slices.ContainsFunc(a.Programs, p.Teaches) {
				return false
			}
		}
	}
	if slices.ContainsFunc(a.NotPrograms, p.Teaches) {
		return false
	}
	if a.OVZ != nil && *a.OVZ != p.OVZ {
		return false
	}
	if a.Corrective != nil && *a.Corrective != p.Corrective {
		return false
	}
	return true
}

func all[T any](xs []T, ok func(T) bool) bool {
	for _, x := range xs {
		if !ok(x) {
			return false
		}
	}
	return true
}

// IsZero reports whether the condition is empty (applies to everyone).
func (a Applicability) IsZero() bool {
	return len(a.Programs) == 0 && len(a.NotPrograms) == 0 && a.OVZ == nil && a.Corrective == nil
}

func programList(ps []Program, sep string) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, sep)
}

// String prints the condition in Russian, e.g. «ООО или СОО; ОВЗ».
func (a Applicability) String() string {
	var parts []string
	if len(a.Programs) > 0 {
		switch a.Match {
		case MatchAll:
			parts = append(parts, programList(a.Programs, " и "))
		case MatchExactly:
			parts = append(parts, "только "+programList(a.Programs, " и "))
		default:
			parts = append(parts, programList(a.Programs, " или "))
		}
	}
	if len(a.NotPrograms) > 0 {
		parts = append(parts, "без "+programList(a.NotPrograms, " и "))
	}
	if a.OVZ != nil {
		if *a.OVZ {
			parts = append(parts, "есть обучающиеся с ОВЗ")
		} else {
			parts = append(parts, "нет обучающихся с ОВЗ")
		}
	}
	if a.Corrective != nil {
		if *a.Corrective {
			parts = append(parts, "коррекционная школа")
		} else {
			parts = append(parts, "не коррекционная школа")
		}
	}
	if len(parts) == 0 {
		return "все школы"
	}
	return strings.Join(parts, "; ")
}
