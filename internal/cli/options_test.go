package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/viper"

	"github.com/selfdiag/selfdiag/internal/report"
)

// testApp is an app with buffers for streams and the given settings, as
// a command would have it after configure.
func testApp(settings map[string]any) (*app, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	a := &app{streams: streams{out: &out, err: &errOut}, v: viper.New()}
	a.v.SetDefault("format", "text")
	for k, v := range settings {
		a.v.Set(k, v)
	}
	return a, &out, &errOut
}

// TestBatchOptions: batch's options are checked before anything is read.
func TestBatchOptions(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings map[string]any
		wantErr  string // "" for valid options
	}{
		{"defaults", nil, ""},
		{"dashboard with reports", map[string]any{"format": "html", "out": "o", "per-school": true, "report": []string{"html", " md", "html"}}, ""},
		{"unknown format", map[string]any{"format": "pdf"}, `неизвестный формат "pdf": допустимы text, json, csv, html, xlsx, md, docx`},
		{"the note in Markdown", map[string]any{"format": "md", "out": "o"}, ""},
		{"xlsx to the terminal", map[string]any{"format": "xlsx"}, "сводка xlsx пишется в файл"},
		{"several formats to the terminal", map[string]any{"format": "html,json"}, "несколько форматов сводки пишутся в файлы"},
		{"several formats to files", map[string]any{"format": "html, xlsx", "out": "o"}, ""},
		{"per-school without out", map[string]any{"per-school": true}, "--per-school требует каталог"},
		{"report without per-school", map[string]any{"report": []string{"html"}}, "--report задаёт формат"},
		{"unknown report", map[string]any{"out": "o", "per-school": true, "report": []string{"json"}}, `неизвестный формат отчёта школы "json": допустимы html, xlsx, md`},
		{"too many workers", map[string]any{"workers": 257}, "допустимо от 1 до 256"},
		{"negative workers", map[string]any{"workers": -1}, "допустимо от 1 до 256"},
		{"unknown encoding", map[string]any{"encoding": "koi8-r"}, `неизвестная кодировка "koi8-r": допустимы utf-8, utf-16, windows-1251`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _, _ := testApp(tc.settings)
			o, err := a.batchOptions([]string{"район"})
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			var ue *usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want a usage error with %q (options %+v)", err, tc.wantErr, o)
			}
		})
	}
	a, _, _ := testApp(map[string]any{"format": "html", "out": "o", "per-school": true, "report": []string{"html", " md", "html"}})
	o, _ := a.batchOptions([]string{"район"})
	if o.formats[0].Name != "html" || len(o.reports) != 2 || o.reports[0].Name != "html" || o.reports[1].Name != "md" {
		t.Errorf("options %+v", o)
	}
}

// TestRunScoreAndBatch: the run functions work on typed options alone,
// without cobra.
func TestRunScoreAndBatch(t *testing.T) {
	t.Chdir("../..")
	a, out, _ := testApp(map[string]any{"format": "json"})
	o, err := a.scoreOptions([]string{"testdata/schools/school1.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.runScore(o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"schema": "selfdiag.result/v1"`) {
		t.Errorf("score output %.200q", out.String())
	}

	dir := t.TempDir()
	a, out, errOut := testApp(map[string]any{"out": dir, "per-school": true, "report": []string{"md"}, "quiet": true})
	bo, err := a.batchOptions([]string{"testdata/district"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.runBatch(bo); !errors.Is(err, errProblems) {
		t.Fatalf("batch of the district folder: %v, want data problems", err)
	}
	if !strings.Contains(out.String(), "Школ учтено: 12; неполных анкет — отдельно: 1\n") || !strings.Contains(errOut.String(), "повторов: 1") {
		t.Errorf("stdout %.200q, stderr %q", out.String(), errOut.String())
	}
	for _, f := range []string{"summary.json", "summary.txt", "schools/660001.json", "schools/660001.txt", "schools/660001.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

// TestPeerMeans: a school's report compares it with the means of all the
// schools and of its municipality: the numbers the grouped summary gives.
func TestPeerMeans(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	a, _, _ := testApp(map[string]any{"out": dir, "per-school": true, "report": []string{"md"}, "quiet": true,
		"format": "json", "group-by": "municipality"})
	bo, err := a.batchOptions([]string{"testdata/district"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.runBatch(bo); !errors.Is(err, errProblems) {
		t.Fatalf("batch: %v", err)
	}
	type stats struct {
		Components []struct {
			Title       string  `json:"title"`
			MeanPercent float64 `json:"mean_percent"`
		} `json:"components"`
	}
	var s struct {
		Stats          stats `json:"stats"`
		Municipalities []struct {
			Name  string `json:"name"`
			Stats stats  `json:"stats"`
		} `json:"municipalities"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(dir, "schools", "100001.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(md), "### Сравнение со средними")
	if !ok {
		t.Fatalf("no comparison in the school's report:\n%s", md)
	}
	table, _, _ = strings.Cut(table, "\n\n###")
	lines := strings.Split(strings.TrimSpace(table), "\n")
	municipality := strings.TrimSuffix(strings.TrimPrefix(strings.Split(lines[0], "|")[4], " Среднее по «"), "», % ")
	var local stats
	for _, m := range s.Municipalities {
		if m.Name == municipality {
			local = m.Stats
		}
	}
	if municipality != "Кировский район" || len(local.Components) == 0 || len(lines) != 2+len(s.Stats.Components) {
		t.Fatalf("comparison table for %q:\n%s", municipality, table)
	}
	for i, c := range s.Stats.Components {
		cells := strings.Split(lines[2+i], "|")
		want := []string{c.Title, report.Percent(c.MeanPercent), report.Percent(local.Components[i].MeanPercent)}
		if got := []string{strings.TrimSpace(cells[1]), strings.TrimSpace(cells[3]), strings.TrimSpace(cells[4])}; strings.Join(got, ";") != strings.Join(want, ";") {
			t.Errorf("row %d: %q, want %q", i, got, want)
		}
	}
}
