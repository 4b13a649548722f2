package batch

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// DistrictOptions tune a district run.
type DistrictOptions struct {
	Workers int // 0: all cores
	Read    answers.Options
	Summary summary.Options
	// Results keeps each counted school's result (for its reports).
	Results bool
	// Side keeps what a comparison needs of each counted school.
	Side bool
	// FileDone, if set, is called once per file read or failed, in file
	// order (a progress bar).
	FileDone func()
}

// District is a district run: the summary, and per counted school (in the
// summary's order) what the options asked to keep.
type District struct {
	Summary *summary.Summary
	// Results are the counted schools' results, with DistrictOptions.Results.
	Results []*scoring.Result
	// Side is the counted schools as a side of a comparison, with
	// DistrictOptions.Side.
	Side *compare.Side
}

// RunDistrict is the one district pipeline, for batch, compare and batch
// --previous: every file read and scored on all cores, each school added
// to the summary in file order (a school sent twice counts once, by the
// duplicates policy), and what is kept of each school taken from exactly
// the schools the summary counts. skipped are the paths Collect passed
// over; they are listed as unread, except folders of the program's own
// outputs, passed over on purpose.
func RunDistrict(m *model.Model, files []string, skipped []Skipped, o DistrictOptions) *District {
	o.Read = o.Read.ForModel(m)
	agg := summary.New(m, o.Summary)
	for _, s := range skipped {
		switch {
		case s.NotAnswers:
			agg.AddPassedOver(s.Path, s.Reason.In(m.Lang()))
		case !s.Output:
			agg.AddFailure(s.Path, s.Reason.In(m.Lang()))
		}
	}
	type kept struct {
		result *scoring.Result
		school *compare.School
	}
	// By the aggregator's id: a later submission of a school may replace
	// an earlier one, so ids counted are known only at the end.
	byID := map[int]kept{}
	type prepared struct {
		entry  *summary.Entry
		school *compare.School
	}
	field := summary.GroupField(m, o.Summary.GroupBy)
	Run(m, files, Options[prepared]{
		Workers: o.Workers,
		Read:    o.Read,
		Prepare: func(r *scoring.Result) prepared {
			p := prepared{entry: summary.NewEntry(m, r, field)}
			if o.Side {
				school := compare.FromResult(m, r)
				p.school = &school
			}
			return p
		},
		Result: func(r *scoring.Result, p prepared) {
			id := agg.AddEntry(p.entry)
			if id < 0 || (!o.Results && !o.Side) {
				return
			}
			k := kept{school: p.school}
			if o.Results {
				k.result = r
			}
			byID[id] = k
		},
		FileDone: func(path string, err error) {
			fe, _ := errors.AsType[*answers.FileError](err)
			switch {
			case fe != nil && fe.Results:
				agg.AddPassedOver(path, fe.Msg.In(m.Lang()))
			case err != nil:
				agg.AddFailure(path, FileErrorMessage(err, m.Lang()))
			default:
				agg.FileDone()
			}
			if o.FileDone != nil {
				o.FileDone()
			}
		},
	})
	d := &District{Summary: agg.Summary()}
	if o.Side {
		d.Side = compare.NewSide(m)
	}
	for _, id := range agg.Counted() {
		k := byID[id]
		if o.Results {
			d.Results = append(d.Results, k.result)
		}
		if o.Side {
			d.Side.Schools = append(d.Side.Schools, *k.school)
		}
	}
	return d
}

// FileErrorMessage is the reason a file was not read, in a language.
func FileErrorMessage(err error, l lang.Lang) string {
	if fe, ok := errors.AsType[*answers.FileError](err); ok {
		if fe.Where.File != "" {
			return fe.Where.CellIn(l) + ": " + fe.Msg.In(l)
		}
		return fe.Msg.In(l)
	}
	if pe, ok := errors.AsType[*PanicError](err); ok {
		return pe.In(l)
	}
	return lang.Message(err).In(l)
}

// PanicError is a file whose reading or scoring hit a defect of the
// program: the file is listed as unread and the run goes on.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// In says it in a language; the stack is for the report of the defect.
func (e *PanicError) In(l lang.Lang) string {
	return l.T("внутренняя ошибка программы при обработке файла (%v): файл не учтён; сообщите об ошибке разработчикам selfdiag и приложите этот файл", e.Value)
}

// recovered turns a panic into a *PanicError in *err.
func recovered(err *error) {
	if p := recover(); p != nil {
		*err = &PanicError{Value: p, Stack: debug.Stack()}
	}
}
