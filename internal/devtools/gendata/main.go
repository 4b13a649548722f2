// Command gendata writes the generated test inputs the equivalence and
// speed scripts in .ci use: a national district table (clean or spoiled
// with the errors users make), a folder of one-school workbooks, and a
// text dump of every cell of a workbook, to compare xlsx outputs.
//
//	go run ./internal/devtools/gendata national -n 40000 [-spoil] FILE.csv
//	go run ./internal/devtools/gendata folder -n 2000 DIR
//	go run ./internal/devtools/gendata cells FILE.xlsx
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/sampledata"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: gendata national|folder|cells ...")
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	n := fs.Int("n", 40000, "schools")
	seed := fs.Uint64("seed", 42, "generator seed")
	spoil := fs.Bool("spoil", false, "spoil the table: bad answers, empty cells, repeated schools")
	fs.Parse(os.Args[2:])
	if fs.NArg() != 1 {
		fail("one output (or input) path expected")
	}
	out := fs.Arg(0)
	m, err := model.Default()
	if err != nil {
		fail(err.Error())
	}
	switch os.Args[1] {
	case "national":
		err = national(m, *n, *seed, *spoil, out)
	case "folder":
		err = folder(m, *n, *seed, out)
	case "cells":
		err = cells(out)
	default:
		fail("unknown subcommand " + os.Args[1])
	}
	if err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "gendata:", msg)
	os.Exit(1)
}

func national(m *model.Model, n int, seed uint64, spoil bool, path string) error {
	var buf bytes.Buffer
	if err := sampledata.DistrictCSV(&buf, m, sampledata.District(m, n, seed), sampledata.CSVOptions{Delim: ';'}); err != nil {
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
	for i, s := range sampledata.District(m, n, seed) {
		var buf bytes.Buffer
		if err := sampledata.SchoolXLSX(&buf, m, s); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("school-%04d.xlsx", i)), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// cells prints every non-empty cell of every sheet: sheet, cell, value.
func cells(path string) error {
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
	_, err = os.Stdout.WriteString(b.String())
	return err
}
