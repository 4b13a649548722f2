// Package xlsxprint sets up how a worksheet prints: rows as tall as their
// wrapped text, A4 landscape, scaled to one page wide, its header rows (and columns) repeated on every page,
// the sheet's name and page numbers in the footer.
package xlsxprint

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/lang"

	"github.com/selfdiag/selfdiag/internal/xlsxopen"
)

// Page is how a sheet prints.
type Page struct {
	// The rows HeaderFrom..HeaderTo are repeated at the top of every page
	// (HeaderTo 0: none; HeaderFrom 0: from the first row).
	HeaderFrom, HeaderTo int
	// HeaderCols are repeated at the left of every page (0: none): for a
	// table too wide for one page.
	HeaderCols int
	// Fit: FitWide scales the sheet to one page wide, FitPage onto one
	// page; FitNone keeps 100 % and splits wide sheets across pages.
	Fit Fit
	// Texts is the sheet's text, row by row from the first, when the
	// writer kept it as it wrote (FitRows reads it back otherwise, which
	// takes as long as writing a small sheet).
	Texts [][]string
	// Lang is the language of the footer («Страница 1 из 4»); Russian
	// when empty.
	Lang lang.Lang
}

// Fit is how a sheet is scaled to the paper.
type Fit int

const (
	FitWide Fit = iota
	FitPage
	FitNone
)

// Setup applies the page to a sheet, once it is written: the rows are
// made as tall as their wrapped text (FitRows).
func Setup(f *excelize.File, sheet string, p Page) error {
	if err := FitRows(f, sheet, p.Texts); err != nil {
		return err
	}
	landscape, a4 := "landscape", 9
	layout := &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4}
	fit := p.Fit != FitNone
	if fit {
		wide, tall := 1, 0
		if p.Fit == FitPage {
			tall = 1
		}
		layout.FitToWidth, layout.FitToHeight = &wide, &tall
	}
	if err := f.SetPageLayout(sheet, layout); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	var titles []string
	ref := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	if p.HeaderCols > 0 {
		last, err := excelize.ColumnNumberToName(p.HeaderCols)
		if err != nil {
			return err
		}
		titles = append(titles, fmt.Sprintf("%s!$A:$%s", ref, last))
	}
	if p.HeaderTo > 0 {
		titles = append(titles, fmt.Sprintf("%s!$%d:$%d", ref, max(p.HeaderFrom, 1), p.HeaderTo))
	}
	if len(titles) > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: strings.Join(titles, ",")}); err != nil {
			return err
		}
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&A&R" + lang.Of(string(p.Lang)).T("Страница &P из &N")})
}

// MarkResults marks a workbook of results (xlsxopen.ResultsCategory), so
// that no reader takes it for answers.
func MarkResults(f *excelize.File) error {
	return f.SetDocProps(&excelize.DocProperties{Creator: "selfdiag", Category: xlsxopen.ResultsCategory})
}
