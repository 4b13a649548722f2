// Package ru writes Russian words that change with a number: «1 балл,
// 2 балла, 5 баллов, 21 балл», and the genitive after «не хватает»:
// «1 балла, 2 баллов, 21 балла».
package ru

import (
	"strconv"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// Form picks the form for n: one («1 балл», «21 балл»), few («2 балла»,
// «34 балла») or many («5 баллов», «11 баллов», «12 баллов»).
func Form(n int, one, few, many string) string {
	return lang.RU.Plural(n, one, few, many)
}

// Count is n with its word in the right form: «5 баллов».
func Count(n int, one, few, many string) string {
	return strconv.Itoa(n) + " " + Form(n, one, few, many)
}

// Points is «1 балл», «2 балла», «5 баллов».
func Points(n int) string { return Count(n, "балл", "балла", "баллов") }

// PointsShort is what «не хватает» and «из» take: «1 балла», «2 баллов»,
// «5 баллов», «21 балла».
func PointsShort(n int) string { return Count(n, "балла", "баллов", "баллов") }

// Indicators is «1 показатель», «2 показателя», «5 показателей».
func Indicators(n int) string {
	return Count(n, "показатель", "показателя", "показателей")
}

// Schools is «1 школа», «2 школы», «5 школ».
func Schools(n int) string { return Count(n, "школа", "школы", "школ") }

// SchoolsOf is what «из» and «у» take: «из 1 школы», «из 21 школы»,
// «у 2 школ», «из 5 школ».
func SchoolsOf(n int) string { return Count(n, "школы", "школ", "школ") }

// Counted agrees «учтено» with a number of schools: «учтена 1 школа»,
// «учтены 2 школы», «учтено 5 школ».
func Counted(n int) string {
	return Form(n, "учтена", "учтены", "учтено") + " " + Schools(n)
}
