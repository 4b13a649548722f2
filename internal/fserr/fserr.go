// Package fserr says in Russian what went wrong with a file: the operating
// system's own words are English ("no space left on device").
package fserr

import (
	"errors"
	"io/fs"
	"syscall"
)

// Text is err in Russian, for messages that already name the file.
func Text(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "файл не найден"
	case errors.Is(err, fs.ErrPermission):
		return "нет прав доступа"
	case errors.Is(err, syscall.ENOSPC):
		return "на диске нет места"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "слишком длинное имя файла"
	case errors.Is(err, syscall.EROFS):
		return "диск или каталог только для чтения"
	case errors.Is(err, syscall.EISDIR):
		return "на этом месте каталог, а не файл"
	case errors.Is(err, syscall.ENOTDIR):
		return "в пути файл там, где нужен каталог"
	case errors.Is(err, syscall.EEXIST):
		return "файл уже есть"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "ошибка файловой системы (" + pe.Err.Error() + ")"
	}
	return err.Error()
}
