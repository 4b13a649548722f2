package sampledata

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/model"
)

// TestGenerate writes the generated inputs the scripts in .ci use, when
// asked by flags (otherwise it does nothing): a national district table,
// clean or spoiled with the errors users make; a folder of one-school
// workbooks; a text dump of every cell of a workbook, to compare xlsx
// outputs.
//
//	go test -c -o gen ./internal/sampledata
//	./gen -test.run '^TestGenerate$' -national FILE.csv [-n 40000] [-spoil] [-seed 42]
//	./gen -test.run '^TestGenerate$' -folder DIR [-n 2000]
//	./gen -test.run '^TestGenerate$' -cells FILE.xlsx -cells-out FILE.txt
func TestGenerate(t *testing.T) {
	if *genNational == "" && *genFolder == "" && *genCells == "" {
		t.Skip("nothing asked for: see the flags")
	}
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case *genNational != "":
		err = national(m, *genN, *genSeed, *genSpoil, *genNational)
	case *genFolder != "":
		err = folder(m, *genN, *genSeed, *genFolder)
	default:
		err = cells(*genCells, *genCellsOut)
	}
	if err != nil {
		t.Fatal(err)
	}
}

var (
	genNational = flag.String("national", "", "write a national district table to this CSV file")
	genFolder   = flag.String("folder", "", "write one-school workbooks to this folder")
	genCells    = flag.String("cells", "", "dump every cell of this workbook")
	genCellsOut = flag.String("cells-out", "", "file for the dump of -cells")
	genN        = flag.Int("n", 40000, "schools")
	genSeed     = flag.Uint64("seed", 42, "generator seed")
	genSpoil    = flag.Bool("spoil", false, "spoil the table: bad answers, empty cells, repeated schools")
)

func national(m *model.Model, n int, seed uint64, spoil bool, path string) error {
	var buf bytes.Buffer
	if err := DistrictCSV(&buf, m, District(m, n, seed), CSVOptions{Delim: ';'}); err != nil {
		return err
	}
	if !spoil {
		return os.WriteFile(path, buf.Bytes(), 0o644)
	}
	r := csv.NewReader(&buf)
	r.Comma = ';'
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return err
	}
	var out [][]string
	for i, rec := range recs {
		if i > 0 {
			// Deterministic damage, spread over the columns.
			switch {
			case i%97 == 0:
				rec[4+i%(len(rec)-4)] = "не знаю"
			case i%53 == 0:
				rec[4+i%(len(rec)-4)] = ""
			case i%211 == 0:
				rec[4+(i*7)%(len(rec)-4)] = "150 %"
			case i%307 == 0:
				rec[1] = "" // no code: matched by name
			}
		}
		out = append(out, rec)
		if i > 0 && i%500 == 0 {
			out = append(out, append([]string(nil), rec...)) // a repeated school
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	if err := w.WriteAll(out); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func folder(m *model.Model, n int, seed uint64, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, s := range District(m, n, seed) {
		var buf bytes.Buffer
		if err := SchoolXLSX(&buf, m, s); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("school-%04d.xlsx", i)), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// cells prints every non-empty cell of every sheet: sheet, cell, value.
func cells(path, out string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fmt.Fprintf(&b, "%s!%s\t%q\n", sh, name, v)
			}
		}
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
