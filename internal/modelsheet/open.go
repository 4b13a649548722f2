package modelsheet

import (
	"os"
	"strings"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/problem"
)

// Open loads the model at path: a model folder, a model's spreadsheet, or
// the embedded model for "". Its errors are sentences for the user.
func Open(path string) (*model.Model, error) {
	if path == "" {
		m, err := model.Default()
		if err != nil {
			return nil, lang.Errorf("встроенная модель повреждена:\n%s", lang.Text(err.Error()))
		}
		return m, nil
	}
	var m *model.Model
	st, err := os.Stat(path)
	switch {
	case err == nil && st.Mode().IsRegular() && IsTable(path):
		m, err = Load(path)
	case err != nil || !st.IsDir():
		return nil, lang.Errorf("каталог модели %s не найден: укажите каталог с файлом %s или таблицу модели .xlsx/.csv", path, model.RootFile)
	default:
		m, err = model.Load(os.DirFS(path), path)
	}
	if err != nil {
		if list, ok := err.(problem.List); ok {
			return nil, &NotLoadedError{list}
		}
		return nil, lang.Errorf("модель не загружена, исправьте ошибки:\n%s", lang.Message(err))
	}
	return m, nil
}

// NotLoadedError is a model that did not load for its mistakes.
type NotLoadedError struct{ Problems problem.List }

func (e *NotLoadedError) Error() string { return e.In(lang.RU) }

// In is the error in the model's language, whatever the language asked
// for: its mistakes are told in the language the loader read from it —
// in l when it could not read one (no root file).
func (e *NotLoadedError) In(l lang.Lang) string {
	if lg := e.Problems.Lang(); lg != "" {
		l = lg
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.In(l)
	}
	return l.T("модель не загружена, исправьте ошибки:\n%s", strings.Join(lines, "\n"))
}

func (e *NotLoadedError) Unwrap() error { return e.Problems }
