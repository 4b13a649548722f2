package settings

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadMunicipalities(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
		err        string
	}{
		{"a name a line; comments, blanks, a BOM and CSV columns aside", "\uFEFF# область\nКировский район\n\n\"Заречный городской округ\";12\r\n", []string{"Кировский район", "Заречный городской округ"}, ""},
		{"no name", "# только комментарий\n", nil, "нет ни одного названия"},
		{"not UTF-8", "\xcf\xf0\xe8", nil, "не в кодировке UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "список.txt")
			os.WriteFile(path, []byte(tc.text), 0o644)
			got, err := ReadMunicipalities(path)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if names, err := ReadMunicipalities(""); names != nil || err != nil {
		t.Errorf("no list: %q, %v", names, err)
	}
	if _, err := ReadMunicipalities(t.TempDir()); err == nil || !strings.Contains(err.Error(), "нужен текстовый файл") {
		t.Errorf("a folder: %v", err)
	}
}
