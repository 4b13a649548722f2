package settings

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// FuzzReadSettings: any settings file is read or refused with a message,
// never a panic, and what is read names only settings the commands have.
func FuzzReadSettings(f *testing.F) {
	for _, s := range []string{"format: json\n", "formt: json\n", "workers: много\n", "- a\n", "report: [html, md]\n",
		"out: x\n", "a: &x [*x, *x]\n", "\xff\xfe", "model: ../m\nquiet: true\n"} {
		f.Add(s)
	}
	flags := testFlags()
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(t.TempDir(), "s.yaml")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		values, err := Read(path, flags)
		if err != nil {
			if !strings.Contains(err.Error(), "s.yaml") {
				t.Fatalf("message without the file: %v", err)
			}
			return
		}
		for k := range values {
			if flags[k] == nil {
				t.Fatalf("unknown key %q read", k)
			}
		}
	})
}

func testFlags() map[string]*pflag.Flag {
	fs := pflag.NewFlagSet("selfdiag", pflag.ContinueOnError)
	fs.String("format", "text", "")
	fs.Int("workers", 0, "")
	fs.Bool("quiet", false, "")
	fs.StringSlice("report", nil, "")
	flags := map[string]*pflag.Flag{}
	fs.VisitAll(func(f *pflag.Flag) { flags[f.Name] = f })
	return flags
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]any
		err        string
	}{
		{"values of their flags' types", "format: json\nworkers: 2\nquiet: true\nreport: [html, md]\n",
			map[string]any{"format": "json", "workers": "2", "quiet": "true", "report": []string{"html", "md"}}, ""},
		{"empty", "", map[string]any{}, ""},
		{"unknown key, with the known ones", "formt: json\n", nil, "s.yaml:1:1: неизвестный ключ «formt»; допустимы: format, quiet, report, workers"},
		{"not an integer", "format: csv\nworkers: много\n", nil, "s.yaml:2:1: ключ workers, значение «много»: ожидалось целое число"},
		{"not a boolean", "quiet: пожалуй\n", nil, "ожидалось true или false"},
		{"out is a flag only", "out: x\n", nil, "ключ out в файле настроек не допускается"},
		{"aliases refused", "format: &a json\nreport: [*a]\n", nil, "ссылки YAML"},
		{"not a mapping", "- a\n", nil, "s.yaml:1:1: ожидались строки «ключ: значение»"},
		{"a list for one value", "format: [a, b]\n", nil, "ключ format — ожидалось одно значение"},
		{"not YAML", "format: [\n", nil, "не читается как YAML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.yaml")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Read(path, testFlags())
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// A settings file is a regular file of bounded size.
func TestReadRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(dir, testFlags()); err == nil || !strings.Contains(err.Error(), "это не обычный файл") {
		t.Errorf("a folder: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, maxSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(big, testFlags()); err == nil || !strings.Contains(err.Error(), "больше 1 МБ") {
		t.Errorf("a large file: %v", err)
	}
}
