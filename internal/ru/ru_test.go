package ru

import "testing"

func TestForms(t *testing.T) {
	for n, want := range map[int]string{0: "0 баллов", 1: "1 балл", 2: "2 балла", 4: "4 балла", 5: "5 баллов", 11: "11 баллов",
		12: "12 баллов", 14: "14 баллов", 21: "21 балл", 22: "22 балла", 25: "25 баллов", 101: "101 балл", 111: "111 баллов", 112: "112 баллов", 122: "122 балла"} {
		if got := Points(n); got != want {
			t.Errorf("Points(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "1 балла", 2: "2 баллов", 5: "5 баллов", 11: "11 баллов", 21: "21 балла", 40: "40 баллов"} {
		if got := PointsShort(n); got != want {
			t.Errorf("PointsShort(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "1 показатель", 3: "3 показателя", 7: "7 показателей"} {
		if got := Indicators(n); got != want {
			t.Errorf("Indicators(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Schools(21); got != "21 школа" {
		t.Errorf("Schools(21) = %q", got)
	}
}

func TestSchoolsOfAndCounted(t *testing.T) {
	for n, want := range map[int][2]string{
		0: {"0 школ", "учтено 0 школ"}, 1: {"1 школы", "учтена 1 школа"}, 2: {"2 школ", "учтены 2 школы"},
		5: {"5 школ", "учтено 5 школ"}, 11: {"11 школ", "учтено 11 школ"}, 21: {"21 школы", "учтена 21 школа"},
		22: {"22 школ", "учтены 22 школы"}, 25: {"25 школ", "учтено 25 школ"}, 101: {"101 школы", "учтена 101 школа"},
	} {
		if got := SchoolsOf(n); got != want[0] {
			t.Errorf("SchoolsOf(%d) = %q, want %q", n, got, want[0])
		}
		if got := Counted(n); got != want[1] {
			t.Errorf("Counted(%d) = %q, want %q", n, got, want[1])
		}
	}
}
