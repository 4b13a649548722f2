// Package submission holds a school's answers as read from a file: the
// types the readers (internal/answers) fill and scoring reads. They live
// apart from the readers so that scoring does not link the spreadsheet
// library.
package submission

import (
	"time"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
)

// Layouts of answer tables.
const (
	LayoutSchool   = "school"   // № | Ответ [| Балльная оценка], meta rows
	LayoutFederal  = "federal"  // the federal service's table with its stated total and level
	LayoutDistrict = "district" // one row per school, one column per indicator
)

// NeutralLayout is a layout's name for a respondent other than the
// school (a v2 result's): «single» for one respondent's table, «table»
// for one row per respondent; the federal table keeps its name.
func NeutralLayout(layout string) string {
	switch layout {
	case LayoutSchool:
		return "single"
	case LayoutDistrict:
		return "table"
	}
	return layout
}

// Submission is one school's answers as read from a file.
type Submission struct {
	Source string // file path as given
	// Modified is when the file was last changed: which of two
	// submissions of a school is the later.
	Modified time.Time
	Sheet    string // worksheet of the answer cells (xlsx only)
	Row      int    // row of a district table (1-based); 0 for a one-school file
	Layout   string
	School   School
	// ProfileKnown is false when no profile field was given and the default
	// profile was assumed.
	ProfileKnown bool
	Answers      []Answer
	Stated       Stated
	Problems     []problem.Problem
	// Loc is where the school's data starts: the file, or its row.
	Loc problem.Location
}

// School is the identity, groups and attributes of a respondent (a
// school, for the school model).
type School struct {
	Name string
	Code string
	// Groups are the values of the model's grouping fields, in the
	// model's order («Кировский район» for municipality); nil when the
	// file states none.
	Groups  []string
	Year    string
	Profile model.Profile
	// Filled is the «Дата заполнения» the file states, zero when none.
	Filled time.Time
}

// Answer is the raw answer to one indicator. A district table holds tens
// of thousands of schools of a hundred answers each, so an answer keeps
// only its cell's row and column; Submission.At makes the location.
type Answer struct {
	Indicator string // indicator id as written (normalised: "7", not "7.0")
	Value     string // the answer text; "" when the cell is empty
	Row, Col  int    // the answer cell, 1-based
	Points    *int   // points stated in the file (Балльная оценка), if any
	PointsCol int    // the column of the stated points, on the answer's row
	// Comment is the comment or evidence written beside the answer
	// («Комментарий / подтверждение»), trimmed; it is kept, never scored.
	Comment string
	// Odd is what else the cell says when it is no plain answer; nil for
	// a plain one, as nearly every cell is.
	Odd *Odd
}

// Odd is what makes an answer cell doubtful.
type Odd struct {
	// Date is the date a date-formatted cell shows ("01.05.2025"): Excel
	// turns a typed 1.5 into 1 May, and its serial number is no answer.
	Date string
	// Formula says the cell holds a formula whose value was not saved.
	Formula bool
	// Extra are the non-empty cells after the answer under no header:
	// «театр; музей» in a CSV split by ';' puts «музей» there.
	Extra []string
}

// Group is the value of the i-th grouping field, "" when not stated.
func (s School) Group(i int) string {
	if i < 0 || i >= len(s.Groups) {
		return ""
	}
	return s.Groups[i]
}

// Title names the school: its name (unnamed when it has none) and its
// code, «(код …)» said in the language.
func (s School) Title(l lang.Lang, unnamed string) string {
	name := s.Name
	if name == "" {
		name = unnamed
	}
	if s.Code != "" {
		name += l.T(" (код %s)", s.Code)
	}
	return name
}

// At names a cell of the submission's answer sheet (col 0: the whole row;
// row 0: the whole file).
func (s *Submission) At(row, col int) problem.Location {
	if row == 0 {
		return problem.Location{File: s.Source}
	}
	return problem.Location{File: s.Source, Sheet: s.Sheet, Row: row, Col: col}
}

// AnswerLoc is the answer's cell.
func (s *Submission) AnswerLoc(a *Answer) problem.Location { return s.At(a.Row, a.Col) }

// PointsLoc is the cell of the answer's stated points.
func (s *Submission) PointsLoc(a *Answer) problem.Location { return s.At(a.Row, a.PointsCol) }

// Stated is what a federal-service table says about itself.
type Stated struct {
	Total    *int
	TotalLoc problem.Location
	Level    string
	LevelLoc problem.Location
}
