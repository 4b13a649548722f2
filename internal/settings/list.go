package settings

import (
	"os"
	"strings"
	"unicode/utf8"

	"github.com/selfdiag/selfdiag/internal/fserr"
	"github.com/selfdiag/selfdiag/internal/lang"
)

// maxListSize bounds a list of municipalities: a region has hundreds.
const maxListSize = 1 << 20

// ReadMunicipalities reads the official municipality names: one a line (or the
// first column of a CSV), UTF-8; empty lines and lines starting with # are
// passed over.
func ReadMunicipalities(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, lang.Errorf("не удалось прочитать список муниципалитетов %s: %s", path, fserr.Phrase(err))
	case !st.Mode().IsRegular() || st.Size() > maxListSize:
		return nil, lang.Errorf("список муниципалитетов %s: нужен текстовый файл до 1 МБ, по названию в строке", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, lang.Errorf("не удалось прочитать список муниципалитетов %s: %s", path, fserr.Phrase(err))
	}
	if !utf8.Valid(data) {
		return nil, lang.Errorf("список муниципалитетов %s не в кодировке UTF-8: сохраните его как «Текст (UTF-8)»", path)
	}
	var names []string
	for _, line := range strings.Split(strings.TrimPrefix(string(data), "\uFEFF"), "\n") {
		name, _, _ := strings.Cut(line, ";")
		if name = strings.TrimSpace(strings.Trim(strings.TrimSpace(name), `"`)); name != "" && !strings.HasPrefix(name, "#") {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, lang.Errorf("в списке муниципалитетов %s нет ни одного названия", path)
	}
	return names, nil
}
