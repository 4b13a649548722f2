package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/wire"
)

// TestMessyFolder reads the files schools actually send (testdata/messy)
// and checks each against testdata/messy/ожидается.txt: it scores exactly
// as expected or reports the named problem — never both silent and wrong.
func TestMessyFolder(t *testing.T) {
	t.Chdir("../../testdata/messy")
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	score := func(path string) ([]*scoring.Result, error) {
		var rs []*scoring.Result
		err := answers.ReadFile(path, answers.Options{}, func(s *submission.Submission) error {
			rs = append(rs, scoring.Score(m, s))
			return nil
		})
		return rs, err
	}
	school1, err := score("../schools/school1.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want1 := school1[0].Total

	f, err := os.Open("ожидается.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	problemsNamed := map[string]int{}              // by file: the problems ожидается.txt names
	problemsFound := map[string][]scoring.Result{} // by file: its result
	var district []string
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := strings.TrimSpace(lines.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		file, want, ok := strings.Cut(line, " | ")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		if file == "район" {
			district = append(district, want)
			continue
		}
		rs, err := score(file)
		switch {
		case strings.HasPrefix(want, "не читается: "):
			var fe *answers.FileError
			if !errors.As(err, &fe) || !strings.Contains(fe.Msg.String(), strings.TrimPrefix(want, "не читается: ")) {
				t.Errorf("%s: %v, want a file error with %q", file, err, want)
			}
			continue
		case err != nil:
			t.Errorf("%s: %v", file, err)
			continue
		case len(rs) != 1:
			t.Errorf("%s: %d schools", file, len(rs))
			continue
		}
		r := rs[0]
		switch {
		case want == "как школа 1":
			if r.Total.Points != want1.Points || r.Total.Max != want1.Max || r.Total.Level != want1.Level || len(r.Problems) > 0 {
				t.Errorf("%s: %d of %d, %s, problems %v; want %d of %d, %s and none", file, r.Total.Points, r.Total.Max, r.Total.LevelTitle,
					r.Problems, want1.Points, want1.Max, want1.LevelTitle)
			}
		case strings.HasPrefix(want, "проблема "):
			loc, text, _ := strings.Cut(strings.TrimPrefix(want, "проблема "), ": ")
			found := false
			for _, p := range r.Problems {
				found = found || strings.HasSuffix(p.Location.String(), loc) && strings.Contains(p.Message, text)
			}
			if !found {
				t.Errorf("%s: no problem at %s with %q in %v", file, loc, text, r.Problems)
			}
			problemsNamed[file]++
			problemsFound[file] = []scoring.Result{*r}
		case strings.HasPrefix(want, "не школа: "):
			agg := summary.New(m, summary.Options{})
			if id := agg.Add(r); id >= 0 || len(agg.Summary().Empty) != 1 || !strings.Contains(agg.Summary().Empty[0].Message, strings.TrimPrefix(want, "не школа: ")) {
				t.Errorf("%s: counted as a school (%d), empty %v", file, id, agg.Summary().Empty)
			}
		default:
			t.Fatalf("unknown expectation %q", want)
		}
	}

	for file, n := range problemsNamed {
		if got := problemsFound[file][0].Problems; len(got) != n {
			t.Errorf("%s: %d problems, want exactly the %d named: %v", file, len(got), n, got)
		}
	}

	// The district folder, as a municipal office runs it.
	var out, errOut bytes.Buffer
	Main([]string{"batch", "-q", "район", "--group-by", "municipality", "-f", "json"}, nil, &out, &errOut)
	var s struct {
		wire.SummaryDoc
		Schools []wire.SchoolRowDoc `json:"schools"`
	}
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("batch район: %v\n%s", err, errOut.String())
	}
	for _, want := range district {
		kind, rest, _ := strings.Cut(want, " ")
		ok := false
		switch kind {
		case "школ":
			ok = rest == strconv.Itoa(s.Counts.Schools)
		case "пусто":
			for _, e := range s.Empty {
				ok = ok || e.File == rest
			}
		case "повтор":
			kept, why, _ := strings.Cut(rest, " учтён: ")
			for _, d := range s.Duplicates {
				ok = ok || d.FirstSource == kept && d.Reason == why
			}
		case "муниципалитет":
			name, n, _ := strings.Cut(rest, ": ")
			for _, g := range s.Region {
				ok = ok || g.Municipality == name && strconv.Itoa(g.Schools) == n
			}
		case "заметка:":
			for _, n := range s.MunicipalityNotes {
				ok = ok || n == rest
			}
		case "замечание":
			loc, text, _ := strings.Cut(rest, ": ")
			rs, _ := score("район/таблица-шапка-в-две-строки.xlsx")
			for _, r := range rs {
				for _, n := range r.Notices {
					ok = ok || strings.HasSuffix(n.Location.String(), loc) && strings.Contains(n.Message, text)
				}
				for _, p := range r.Problems {
					if strings.Contains(p.Message, "относится только") {
						t.Errorf("an answer that does not apply is a problem: %v", p)
					}
				}
			}
			ok = ok && s.Counts.Notices > 0 && s.Counts.WithProblems == 0
		default:
			t.Fatalf("unknown district expectation %q", want)
		}
		if !ok {
			t.Errorf("район: not so: %s", want)
		}
	}
}
