// Package sampledata makes deterministic synthetic schools and writes them in
// every answer layout selfdiag reads. It feeds the bundled testdata, the
// round-trip tests and the benchmarks; nothing in it is used for scoring.
package sampledata

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/selfdiag/selfdiag/internal/model"
)

// School is a synthetic school with its answers by indicator id.
type School struct {
	Name, Code, Municipality, Year string
	Filled                         string // «Дата заполнения», "" for none
	Profile                        model.Profile
	Answers                        map[string]string
}

// ProfileCells renders the profile as the answer files write it.
func (s School) ProfileCells() (programs, ovz, corrective string) {
	return strings.Join(s.Profile["programs"], ", "), yesNo(s.Profile.Has("ovz", model.Yes)), yesNo(s.Profile.Has("corrective", model.Yes))
}

func yesNoID(b bool) string {
	if b {
		return model.Yes
	}
	return model.No
}

func yesNo(b bool) string {
	if b {
		return "да"
	}
	return "нет"
}

// Answers picks an answer for every indicator that applies to the profile:
// the best one with probability quality, otherwise a random one. The same
// seed always gives the same answers.
func Answers(m *model.Model, p model.Profile, seed uint64, quality float64) map[string]string {
	rng := rand.New(rand.NewPCG(seed, 0x5e1fd1a6))
	out := make(map[string]string, len(m.Indicators))
	for _, ind := range m.Indicators {
		if !ind.Applies.AppliesTo(p) {
			continue
		}
		q := quality
		if ind.Critical {
			q = 1 - (1-quality)/8 // schools mind the critical indicators most
		}
		best := rng.Float64() < q
		if ind.IsNumeric() {
			out[ind.ID] = numberAnswer(ind, rng, best)
			continue
		}
		if best {
			out[ind.ID] = ind.Best()
			continue
		}
		out[ind.ID] = ind.Options[rng.IntN(len(ind.Options))].Text
	}
	return out
}

func numberAnswer(ind *model.Indicator, rng *rand.Rand, best bool) string {
	spec := ind.Number
	b := ind.Bands[rng.IntN(len(ind.Bands))]
	if best {
		for _, x := range ind.Bands {
			if x.Points == ind.Max {
				b = x
			}
		}
	}
	lo := b.Min
	hi := lo + 10
	switch {
	case b.Max != nil && b.MaxInclusive:
		hi = *b.Max
	case b.Max != nil:
		hi = *b.Max - 1
	case spec.Max != nil:
		hi = *spec.Max
	}
	if hi < lo {
		hi = lo
	}
	v := lo + float64(rng.IntN(int(hi-lo)+1))
	if spec.Unit == "%" && !spec.Integer && v < hi && rng.IntN(3) == 0 {
		return strings.Replace(strconv.FormatFloat(v+0.5, 'f', 1, 64), ".", ",", 1)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

var municipalities = []string{"Кировский район", "Заречный городской округ", "Светлогорский район", "Озёрский муниципальный округ"}

// District makes n synthetic schools spread over municipalities: a mix of
// profiles and of answer quality, the same for the same seed.
func District(m *model.Model, n int, seed uint64) []School {
	rng := rand.New(rand.NewPCG(seed, 0xd157))
	out := make([]School, n)
	for i := range out {
		programs := []string{"НОО", "ООО", "СОО"}
		switch rng.IntN(10) {
		case 0:
			programs = programs[:1]
		case 1, 2:
			programs = programs[:2]
		}
		ovz := rng.IntN(3) == 0
		corrective := rng.IntN(25) == 0
		if corrective {
			ovz = true
		}
		p := model.Profile{"programs": programs, "ovz": {yesNoID(ovz)}, "corrective": {yesNoID(corrective)}}
		quality := 0.3 + 0.65*rng.Float64()
		out[i] = School{
			Name:         fmt.Sprintf("МБОУ «Школа № %d»", i+1),
			Code:         fmt.Sprintf("%06d", 100000+i+1),
			Municipality: municipalities[i%len(municipalities)],
			Year:         "2024",
			Profile:      p,
			Answers:      Answers(m, p, seed*1_000_003+uint64(i), quality),
		}
	}
	return out
}
