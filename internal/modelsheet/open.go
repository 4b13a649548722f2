package modelsheet

import (
	"fmt"
	"os"

	"github.com/selfdiag/selfdiag/internal/model"
)

// Open loads the model at path: a model folder, a model's spreadsheet, or
// the embedded model for "". Its errors are sentences for the user.
func Open(path string) (*model.Model, error) {
	if path == "" {
		m, err := model.Default()
		if err != nil {
			return nil, fmt.Errorf("встроенная модель повреждена:\n%w", err)
		}
		return m, nil
	}
	var m *model.Model
	st, err := os.Stat(path)
	switch {
	case err == nil && st.Mode().IsRegular() && IsTable(path):
		m, err = Load(path)
	case err != nil || !st.IsDir():
		return nil, fmt.Errorf("каталог модели %s не найден: укажите каталог с файлом %s или таблицу модели .xlsx/.csv", path, model.RootFile)
	default:
		m, err = model.Load(os.DirFS(path), path)
	}
	if err != nil {
		return nil, fmt.Errorf("модель не загружена, исправьте ошибки:\n%w", err)
	}
	return m, nil
}
