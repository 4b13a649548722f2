// Package fserr says in the user's language what went wrong with a file:
// the operating system's own words are English ("no space left on
// device").
package fserr

import (
	"errors"
	"io/fs"
	"syscall"

	"github.com/selfdiag/selfdiag/internal/lang"
)

// Text is err in Russian, for messages that already name the file.
func Text(err error) string { return Phrase(err).In(lang.RU) }

// Phrase is err as a phrase, to be written in the language of the
// message it ends.
func Phrase(err error) lang.Phrase {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return lang.P("файл не найден")
	case errors.Is(err, fs.ErrPermission):
		return lang.P("нет прав доступа")
	case errors.Is(err, syscall.ENOSPC):
		return lang.P("на диске нет места")
	case errors.Is(err, syscall.ENAMETOOLONG):
		return lang.P("слишком длинное имя файла")
	case errors.Is(err, syscall.EROFS):
		return lang.P("диск или каталог только для чтения")
	case errors.Is(err, syscall.EISDIR):
		return lang.P("на этом месте каталог, а не файл")
	case errors.Is(err, syscall.ENOTDIR):
		return lang.P("в пути файл там, где нужен каталог")
	case errors.Is(err, syscall.EEXIST):
		return lang.P("файл уже есть")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return lang.P("ошибка файловой системы (%s)", pe.Err.Error())
	}
	return lang.P("%s", err.Error())
}
