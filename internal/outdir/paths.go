package outdir

import (
	"os"
	"path/filepath"
)

// Within says path lies inside the folder dir: an existing file there is
// one the run may read.
func Within(path, dir string) bool {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return false
	}
	absP, err1 := filepath.Abs(path)
	absD, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(absD, absP)
	return err == nil && filepath.IsLocal(rel)
}

// SamePath says two paths name the same file or folder: the same file on
// disk, or the same absolute path for one not yet there.
func SamePath(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
