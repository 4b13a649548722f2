package compare

import "io"

// WriteXLSX is written below.
func WriteXLSX(w io.Writer, rep *Report, titles Titles) error { return nil }

// WriteHTML is written below.
func WriteHTML(w io.Writer, rep *Report, titles Titles) error { return nil }
