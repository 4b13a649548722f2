package answers

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/xlsxopen"
)

func readCSV(t *testing.T, data []byte, opts Options) []*submission.Submission {
	t.Helper()
	var out []*submission.Submission
	if err := ReadCSV("x.csv", data, opts, func(s *submission.Submission) error { out = append(out, s); return nil }); err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return out
}

const schoolCSV = `Наименование ОО;МБОУ «СОШ № 1»
Код ОО;660001
Муниципалитет;Кировский район
Год;2024
Программы;НОО, ООО
Обучающиеся с ОВЗ;да
Коррекционная школа;нет

№;Показатель;Ответ;Балльная оценка
Магистральное направление «Знание»;;;
1;Учебно-исследовательская деятельность;организована;1
2.0;Реализация программ;все учителя;1
№3;Учебники;;
11;Доля;85,5 %;2
`

func TestReadSchoolCSV(t *testing.T) {
	encodings := map[string][]byte{
		"utf-8":        []byte(schoolCSV),
		"utf-8 bom":    append([]byte("\ufeff"), schoolCSV...),
		"windows-1251": must(charmap.Windows1251.NewEncoder().Bytes([]byte(schoolCSV))),
		"utf-16le bom": must(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(schoolCSV))),
		"utf-16be bom": must(unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(schoolCSV))),
		"comma":        []byte(strings.ReplaceAll(strings.ReplaceAll(schoolCSV, "85,5 %", `"85,5 %"`), ";", ",")),
		"tab":          []byte(strings.ReplaceAll(schoolCSV, ";", "\t")),
		"sep line":     []byte("sep=;\r\n" + strings.ReplaceAll(schoolCSV, "\n", "\r\n")),
	}
	for name, data := range encodings {
		t.Run(name, func(t *testing.T) {
			subs := readCSV(t, data, Options{})
			if len(subs) != 1 {
				t.Fatalf("%d submissions", len(subs))
			}
			s := subs[0]
			if s.School.Name != "МБОУ «СОШ № 1»" || s.School.Code != "660001" || s.School.Group(0) != "Кировский район" || s.School.Year != "2024" {
				t.Errorf("school = %+v", s.School)
			}
			p := s.School.Profile
			if !p.Has("ovz", model.Yes) || p.Has("corrective", model.Yes) || len(p["programs"]) != 2 || p["programs"][1] != "ООО" || !s.ProfileKnown {
				t.Errorf("profile = %+v", p)
			}
			var got []string
			for _, a := range s.Answers {
				got = append(got, a.Indicator+"="+a.Value)
			}
			if want := "1=организована,2=все учителя,3=,11=85,5 %"; strings.Join(got, ",") != want {
				t.Errorf("answers = %v, want %s", got, want)
			}
			if a := s.Answers[3]; a.Points == nil || *a.Points != 2 {
				t.Errorf("stated points of 11 = %v", a.Points)
			}
			wantLine := 14
			if name == "sep line" {
				wantLine = 15
			}
			if a := s.Answers[3]; a.Row != wantLine || a.Col != 3 {
				t.Errorf("location of 11 = row %d col %d, want line %d col 3", a.Row, a.Col, wantLine)
			}
			if len(s.Problems) != 0 {
				t.Errorf("problems: %v", s.Problems)
			}
		})
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestForcedEncoding(t *testing.T) {
	data := must(charmap.Windows1251.NewEncoder().Bytes([]byte(schoolCSV)))
	if subs := readCSV(t, data, Options{Encoding: "cp1251"}); subs[0].School.Code != "660001" {
		t.Errorf("forced cp1251: %+v", subs[0].School)
	}
	err := ReadCSV("x.csv", data, Options{Encoding: "utf-8"}, func(*submission.Submission) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "не в кодировке UTF-8") {
		t.Errorf("forced utf-8 on cp1251: %v", err)
	}
	err = ReadCSV("x.csv", data, Options{Encoding: "koi8"}, func(*submission.Submission) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "неизвестная кодировка") {
		t.Errorf("unknown encoding: %v", err)
	}
}

func TestMetaProblems(t *testing.T) {
	data := "Программы;НОО, ВОО\nОбучающиеся с ОВЗ;может быть\nКод ОО;1\nКод ОО;2\n№;Ответ\n1;да\n;лишний ответ\nчто-то;да\n"
	s := readCSV(t, []byte(data), Options{})[0]
	var msgs []string
	for _, p := range s.Problems {
		msgs = append(msgs, p.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"x.csv:строка 1, столбец 2: в поле «Программы» значение «НОО, ВОО»: ожидался список из НОО, ООО, СОО через запятую; принято «НОО, ООО, СОО»",
		"x.csv:строка 2, столбец 2: в поле «Обучающиеся с ОВЗ» значение «может быть»",
		"x.csv:строка 4, столбец 2: поле «Код ОО» указано дважды по-разному",
		"x.csv: не указано поле «Коррекционная школа» («да» или «нет»): принято «нет»; для файлов без этого поля его можно задать параметром --corrective",
		"x.csv:строка 7, столбец 2: ответ «лишний ответ» без номера показателя",
		"x.csv:строка 8, столбец 1: не распознан номер показателя «что-то»",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing problem %q in:\n%s", want, all)
		}
	}
	if len(s.School.Profile["programs"]) != 3 {
		t.Errorf("bad programs must default to all three: %v", s.School.Profile)
	}
}

func TestMissingProfile(t *testing.T) {
	s := readCSV(t, []byte("№;Ответ\n1;да\n"), Options{})[0]
	if p := s.School.Profile; s.ProfileKnown || len(p["programs"]) != 3 || p.Has("ovz", model.Yes) || p.Has("corrective", model.Yes) {
		t.Errorf("default profile = %+v known=%v", s.School.Profile, s.ProfileKnown)
	}
	if len(s.Problems) != 4 { // no name/code, programs, ОВЗ, corrective
		t.Errorf("problems = %v", s.Problems)
	}
}

func TestFederalTable(t *testing.T) {
	data := "Сумма баллов за весь тест: 137\nУровень: СРЕДНИЙ\nКод ОО;1\n№;Показатель оценивания;Значение показания;Балльная оценка\n" +
		"Магистральное направление «Знание»;;;\n1;Учебно-исследовательская (критический показатель);организована;1\n"
	s := readCSV(t, []byte(data), Options{})[0]
	if s.Layout != submission.LayoutFederal || s.Stated.Total == nil || *s.Stated.Total != 137 || s.Stated.Level != "СРЕДНИЙ" {
		t.Errorf("federal: layout %s stated %+v", s.Layout, s.Stated)
	}
	if s.Stated.TotalLoc.Row != 1 || s.Stated.LevelLoc.Row != 2 {
		t.Errorf("stated locations %+v %+v", s.Stated.TotalLoc, s.Stated.LevelLoc)
	}
	if len(s.Answers) != 1 || s.Answers[0].Value != "организована" {
		t.Errorf("answers %+v", s.Answers)
	}
}

func TestDistrictCSV(t *testing.T) {
	data := "Наименование ОО;Код ОО;Муниципалитет;Программы;ОВЗ;Коррекционная школа;1. Учебно-исследовательская;2;11 Доля\n" +
		"Школа 1;001;Район А;НОО, ООО, СОО;нет;нет;организована;все учителя;50\n" +
		";;;;;;;;\n" +
		"Школа 2;002;Район Б;НОО;да;да;не организована;не все;10,5\n"
	subs := readCSV(t, []byte(data), Options{})
	if len(subs) != 2 {
		t.Fatalf("%d schools", len(subs))
	}
	s := subs[1]
	if s.Layout != submission.LayoutDistrict || s.Row != 4 || s.School.Code != "002" || !s.School.Profile.Has("corrective", model.Yes) || s.School.Profile["programs"][0] != "НОО" {
		t.Errorf("school 2 = %+v row %d", s.School, s.Row)
	}
	if len(s.Answers) != 3 || s.Answers[2].Indicator != "11" || s.Answers[2].Value != "10,5" || s.Answers[2].Col != 9 {
		t.Errorf("answers = %+v", s.Answers)
	}
	if len(s.Problems) != 0 {
		t.Errorf("problems %v", s.Problems)
	}
}

// writer writes test files into dir and returns their paths.
func writer(t *testing.T, dir string) func(name string, data []byte) string {
	return func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

func TestUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	write := writer(t, dir)
	tests := map[string]string{
		write("a.xls", []byte("x")): "старого формата Excel (.xls)",
		write("b.xlsx", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}): "защищённая паролем",
		write("c.xlsx", []byte("hello")):                                        "не является книгой Excel",
		write("d.xlsx", []byte("PK\x03\x04garbage")):                            "книга Excel повреждена",
		write("e.csv", nil):                                                     "файл пуст",
		write("f.csv", []byte("a;b\n1;2\n")):                                    "не найдена строка заголовков",
		write("g.ods", []byte("x")):                                             "OpenDocument",
		write("h.pdf", []byte("x")):                                             "неподдерживаемый тип файла",
		filepath.Join(dir, "missing.csv"):                                       "файл не найден",
		write("i.csv", []byte("№;Ответ\n1;\"да\n2;нет\n\"x\"y;z\n")):            "",
	}
	for path, want := range tests {
		err := ReadFile(path, Options{}, func(*submission.Submission) error { return nil })
		if want == "" {
			continue // lazy quotes: must not fail
		}
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want FileError with %q", filepath.Base(path), err, want)
		}
	}
}

func TestXLSXPercentCellsAndSchoolSheet(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Школа")
	f.SetSheetRow("Школа", "A1", &[]any{"Наименование ОО", "Школа X"})
	f.SetSheetRow("Школа", "A2", &[]any{"Программы", "НОО"})
	f.NewSheet("Ответы")
	f.SetSheetRow("Ответы", "A1", &[]any{"№", "Ответ"})
	f.SetSheetRow("Ответы", "A3", &[]any{1, "да"}) // row 2 left empty on purpose
	f.SetSheetRow("Ответы", "A4", &[]any{19, 0.85})
	f.SetSheetRow("Ответы", "A5", &[]any{24, 1})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	f.SetCellStyle("Ответы", "B4", "B4", pct)
	hidden, _ := f.NewSheet("Списки")
	_ = hidden
	f.SetSheetVisible("Списки", false)
	path := filepath.Join(t.TempDir(), "s.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var got *submission.Submission
	if err := ReadFile(path, Options{}, func(s *submission.Submission) error { got = s; return nil }); err != nil {
		t.Fatal(err)
	}
	if got.School.Name != "Школа X" || got.School.Profile["programs"][0] != "НОО" || len(got.School.Profile["programs"]) != 1 {
		t.Errorf("school from «Школа» sheet: %+v", got.School)
	}
	if len(got.Answers) != 3 || got.Answers[1].Value != "85%" || got.Answers[2].Value != "1" {
		t.Errorf("answers = %+v", got.Answers)
	}
	if loc := got.AnswerLoc(&got.Answers[1]).String(); loc != path+":Ответы!B4" {
		t.Errorf("location = %s", loc)
	}

	// The same book marked as the program's results (a report has such
	// sheets) is passed over, not read as a school; so is one marked
	// before the mark was made neutral.
	for _, category := range []string{xlsxopen.ResultsCategory, "selfdiag: результаты, не ответы школы"} {
		f.SetDocProps(&excelize.DocProperties{Category: category})
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		err := ReadFile(path, Options{}, func(*submission.Submission) error { t.Error("results read as a school"); return nil })
		if fe, ok := errors.AsType[*FileError](err); !ok || !fe.Results || !strings.Contains(fe.Msg.String(), "не ответы школы") {
			t.Errorf("%q: a results book gives %v, want a FileError marked Results", category, err)
		}
	}
	if strings.ContainsFunc(xlsxopen.ResultsCategory, func(r rune) bool { return r >= 'а' && r <= 'я' }) {
		t.Errorf("the results mark %q is not neutral", xlsxopen.ResultsCategory)
	}
}

func TestIndicatorIDs(t *testing.T) {
	for in, want := range map[string]string{"7": "7", "7.": "7", "№7": "7", "7.0": "7", " 12 ": "12", "1.2": "1.2"} {
		if got, ok := ids(nil).id(in); !ok || got != want {
			t.Errorf("indicatorID(%q) = %q,%v want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "x", "Итого", "7a"} {
		if _, ok := ids(nil).id(in); ok {
			t.Errorf("indicatorID(%q) ok", in)
		}
	}
	for in, want := range map[string]string{"7. Сетевая форма": "7", "12) Доля": "12", "5 Углублённое": "5", "3": "3"} {
		if got, ok := ids(nil).header(in); !ok || got != want {
			t.Errorf("indicatorHeader(%q) = %q,%v want %q", in, got, ok, want)
		}
	}
}

// A model's own ids and aliases are read in both layouts: exactly, in
// another case, after «№», and at the head of a district column's header.
func TestFreeIDs(t *testing.T) {
	known := map[string]string{"id.am-1": "ID.AM-1", "am1": "ID.AM-1", "pr.aa-2": "PR.AA-2", "7": "7"}
	opts := Options{NoProfile: true, IDs: func(s string) (string, bool) { id, ok := known[strings.ToLower(s)]; return id, ok }}
	school := readCSV(t, []byte("№;Ответ\nID.AM-1;да\n№ pr.aa-2;нет\n7.0;3\n"), opts)
	district := readCSV(t, []byte("Наименование ОО;Код ОО;AM1;PR.AA-2 Identity management;7\nШкола;1;да;нет;3\n"), opts)
	for _, s := range [][]*submission.Submission{school, district} {
		var got []string
		for _, a := range s[0].Answers {
			got = append(got, a.Indicator+"="+a.Value)
		}
		if strings.Join(got, " ") != "ID.AM-1=да PR.AA-2=нет 7=3" {
			t.Errorf("%s: answers %v", s[0].Layout, got)
		}
	}
	// Without the model's ids, the same school table knows only numbers.
	if s := readCSV(t, []byte("№;Ответ\nID.AM-1;да\n7;3\n"), Options{NoProfile: true}); len(s[0].Answers) != 1 {
		t.Errorf("numbers only: %d answers", len(s[0].Answers))
	}
}

// Comments and evidence beside the answers are kept: a school's comment
// column, a district table's column per indicator («7. Комментарий»,
// «Комментарий к 8», «ID.AM-1 evidence»), never read as answers.
func TestComments(t *testing.T) {
	opts := Options{NoProfile: true, IDs: func(s string) (string, bool) {
		id, ok := map[string]string{"id.am-1": "ID.AM-1", "7": "7", "8": "8"}[strings.ToLower(s)]
		return id, ok
	}}
	school := readCSV(t, []byte("Наименование ОО;Школа\n\n№;Ответ;Комментарий / подтверждение\n7;да;приказ № 5 от 01.09.2025\n8;нет;\n"), opts)
	district := readCSV(t, []byte("Наименование ОО;7. Сетевая форма;7. Комментарий;8;Комментарий к 8;ID.AM-1;ID.AM-1 evidence\nШкола;да;приказ № 5 от 01.09.2025;нет;;да;policy.pdf\n"), opts)
	want := map[string]string{"7": "да [приказ № 5 от 01.09.2025]", "8": "нет []", "ID.AM-1": "да [policy.pdf]"}
	for _, s := range [][]*submission.Submission{school, district} {
		for _, a := range s[0].Answers {
			if got := a.Value + " [" + a.Comment + "]"; got != want[a.Indicator] {
				t.Errorf("%s: %s = %q, want %q", s[0].Layout, a.Indicator, got, want[a.Indicator])
			}
		}
		if wantN := map[string]int{submission.LayoutSchool: 2, submission.LayoutDistrict: 3}[s[0].Layout]; len(s[0].Problems) > 0 || len(s[0].Answers) != wantN {
			t.Errorf("%s: problems %v, %d answers", s[0].Layout, s[0].Problems, len(s[0].Answers))
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(schoolCSV))
	f.Add([]byte("sep=,\n№,Ответ\n1,да\n"))
	f.Add([]byte("Наименование ОО;Код ОО;1;2\nA;1;да;нет\n"))
	f.Add([]byte("\xff\xfe\x00\x00"))
	f.Add(must(charmap.Windows1251.NewEncoder().Bytes([]byte(schoolCSV))))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Never panic; every submission has a source and sane locations.
		_ = ReadCSV("f.csv", data, Options{}, func(s *submission.Submission) error {
			if s.Source != "f.csv" {
				t.Fatalf("source %q", s.Source)
			}
			for _, a := range s.Answers {
				if a.Row <= 0 || a.Indicator == "" {
					t.Fatalf("answer %+v", a)
				}
			}
			return nil
		})
	})
}

func FuzzDetectDelimiter(f *testing.F) {
	f.Add([]byte("sep=\xff\n"))
	f.Add([]byte("№;Ответ\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, _ := detectDelimiter(bytes.Clone(data))
		if d == 0 {
			t.Fatal("zero delimiter")
		}
	})
}

// Files are read as a stream: the encoding is decided from the first 64 KB.
// A file that turns out not to be UTF-8 later is reported at the line where
// it stops being UTF-8; a large Windows-1251 file decodes throughout.
func TestLargeCSVEncodings(t *testing.T) {
	var b strings.Builder
	b.WriteString("Наименование ОО;Код ОО;Программы;Обучающиеся с ОВЗ;Коррекционная школа;1;2\n")
	rows := 2 * sniffSize / 40
	for i := range rows {
		fmt.Fprintf(&b, "Школа %d;%d;НОО;нет;нет;да;нет\n", i, 1000+i)
	}
	utf := b.String()

	win := must(charmap.Windows1251.NewEncoder().Bytes([]byte(utf + "Последняя школа;9999;НОО;нет;нет;да;да\n")))
	subs := readCSV(t, win, Options{})
	if len(subs) != rows+1 || subs[rows].School.Name != "Последняя школа" {
		t.Fatalf("cp1251: %d schools, last %+v", len(subs), subs[len(subs)-1].School)
	}

	bad := append([]byte(utf), must(charmap.Windows1251.NewEncoder().Bytes([]byte("Школа;1;НОО;нет;нет;да;да\n")))...)
	err := ReadCSV("x.csv", bad, Options{}, func(*submission.Submission) error { return nil })
	want := fmt.Sprintf("x.csv:строка %d, столбец 1: текст не в кодировке UTF-8", rows+2)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("late non-UTF-8 bytes: %v, want %q", err, want)
	}
}

// A table of another framework states its total and level in its words.
func TestStatedInOtherLanguages(t *testing.T) {
	for _, tc := range []struct{ total, level, wantLevel string }{
		{"Total points: 12", "Level: Tier 2 Risk Informed", "Tier 2 Risk Informed"},
		{"Total score: 12", "level:  tier 2", "tier 2"},
		{"Punteggio totale: 12", "Livello: di base", "di base"},
		{"Somma dei punti: 12", "Livello: iniziale", "iniziale"},
		{"Сумма баллов: 12", "Уровень: базовый", "базовый"},
	} {
		data := tc.total + "\n" + tc.level + "\nКод ОО;1\n№;Ответ\n1;да\n"
		s := readCSV(t, []byte(data), Options{})[0]
		if s.Stated.Total == nil || *s.Stated.Total != 12 || s.Stated.Level != tc.wantLevel || s.Stated.LevelLoc.Row != 2 {
			t.Errorf("%q, %q: stated %+v", tc.total, tc.level, s.Stated)
		}
	}
	// A field that only starts like a level's is not one.
	s := readCSV(t, []byte("Level of education: secondary\nКод ОО;1\n№;Ответ\n1;да\n"), Options{})[0]
	if s.Stated.Level != "" {
		t.Errorf("stated level %q", s.Stated.Level)
	}
}
