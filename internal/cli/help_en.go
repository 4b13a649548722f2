package cli

// helpEN is the command line's help in English (selfdiag --lang en).
var helpEN = helpBook{
	commands: map[string]commandHelp{
		"selfdiag": {
			short: "Self-diagnosis of the schools of the federal project «School of the Ministry of Education of Russia»",
			long: `selfdiag — self-diagnosis of the schools of the federal project «School of the Ministry of
Education of Russia», and of any self-assessment framework a model describes.

It scores points and levels per component and overall, finds critical indicators and
deficits from answer files (.xlsx or .csv), and writes reports.

Settings come from the flags, then from the SELFDIAG_* environment variables (for example
SELFDIAG_MODEL, SELFDIAG_FORMAT, SELFDIAG_LANG), then from the settings file (--config,
else ./selfdiag.yaml or ~/.config/selfdiag/config.yaml).

Exit codes: 0 — everything scored without remarks; 1 — scored, but the data has
problems; 2 — a mistake in the command line; 3 — could not score (the model or a
file cannot be read).

The documents are written in the model's language; --lang sets the language of this help, of the
command line's messages and of the serve page.

A file --out with a format's extension (results.json, template.csv, report.docx) is written in
that format when --format is not on the command line.`,
		},
		"selfdiag score": {
			use:   "FILE...",
			short: "Score a school's points, levels and deficits from an answer file",
			long: `Scores the self-diagnosis from answer files (.xlsx or .csv): one school per file
(a «No. | Answer» table, a federal service's table) or a district table (a row per school).

Output formats: text — a summary for the terminal; json — selfdiag.result/v1 (several
schools — an array); csv — a row per indicator of each school.`,
			example: `  selfdiag score testdata/schools/school1.xlsx
  selfdiag score --format json --out result.json answers.csv`,
		},
		"selfdiag report": {
			use:   "FILE...",
			short: "A school's report for its development programme (sections 3.1 and 3.2): HTML, xlsx, Markdown or Word",
			long: `Writes each school's report from answer files: its details and profile, the model, the
result and the levels per component (a radar and bars with the level thresholds), critical
indicators, deficits by direction and condition with their target answers, the plan for
reaching the next level, the answers to every indicator.

html — one self-contained file (loads nothing from the network), prints on A4;
xlsx — the same data on sheets, a radar and conditional formatting, a table of measures;
md — Markdown to paste into a document; docx — a Word document for the development
programme: a paragraph of results, tables, charts, a table of measures with typical
measures and «Responsible», «Deadline», «Expected result» columns.

Files are named by the school's code (else by the answer file's name) and written to
--out FOLDER. --out report.docx (a file's name with a format's extension) writes one school's
report to that file, in its extension's format. Without --out one school's report in html
or md goes to the terminal.`,
			example: `  selfdiag report testdata/schools/school1.xlsx > report.html
  selfdiag report answers/*.xlsx --format xlsx --out reports
  selfdiag report answers.xlsx --format docx --out reports
  selfdiag report answers.xlsx --out report.docx`,
		},
		"selfdiag batch": {
			use:   "PATH...",
			short: "Score every school of a district (a folder or files) and build the district summary",
			long: `Reads every .xlsx and .csv file in the folders (with their subfolders) and the files
listed, scores each school on all cores and builds the district's summary: the spread of
levels (overall and per component), the mean percent per component, common deficits, the
schools «below base» with the reasons, repeated schools and unreadable files.

Hidden files and Office's temporary files (~$…) are skipped; .xls files and other
unsuitable files are reported. One bad file does not stop the run: the others are
scored, and the exit code is 1.

With --out FOLDER the summary is written to FOLDER/summary.json and FOLDER/summary.<format>;
with --per-school also each school's report to FOLDER/schools/ (JSON and text; with --report
html,xlsx,md also the reports for the development programme). --format html — the district's
dashboard: levels, a heat map of schools × components, common deficits, the schools «below
base», links to the schools' reports; --format docx — the analytical note in Word.
With --previous PAST — also the comparison with the previous self-diagnosis (the folder of
a past batch --per-school run or a folder of answers): FOLDER/compare.json and
compare.<format> for the summary formats text, csv, xlsx, html; in the analytical note
(docx) and in each school's report — a section on the changes since the previous one.
The screen shows the summary in the chosen format (for xlsx — as text).`,
			example: `  selfdiag batch testdata/district
  selfdiag batch answers/ --out results --per-school --format xlsx
  selfdiag batch answers/ --out results --per-school --report html --format html
  selfdiag batch region/ --group-by municipality --format json`,
		},
		"selfdiag compare": {
			use:   "BEFORE AFTER",
			short: "Compare two self-diagnoses, last year's and this year's, per school and for the district",
			long: `Compares two self-diagnoses of the same schools. Each side is a file or a folder of
answers (scored as batch does, by its own model: --old-model and --new-model, by default
--model or the embedded one) or the folder of a past batch --out FOLDER --per-school run
(summary.json and schools/*.json), so last year's answer files are not needed.

Schools are matched by their code, else by name and municipality; schools on one side only
are listed. For each school — the result and the components then and now, the change of
level, deficits closed, remaining and new, critical indicators fixed and new, whether the
previous plan's target level was reached. For the district — a table of level transitions,
the mean percent per component then and now, the deficits most often closed and new, the
schools whose level fell, with the reasons; with --group-by municipality — the same per
municipality.

Formats: text; json — selfdiag.compare/v1; csv — a row per school; xlsx; html.`,
			example: `  selfdiag compare results-2024/ answers-2025/
  selfdiag compare --old-model model-2024 answers-2024/ answers-2025/ -f html -o comparison.html`,
		},
		"selfdiag template": {
			short: "Create a template for a school's answers or a district table from the model in force",
			long: `Creates an answer template from the model in force (the embedded one or --model):

  --layout school   — a workbook for one school: a sheet for the school (name, code, profile
                      with drop-down lists), a sheet of answers (indicators by component, lists
                      of the allowed answers, number checks), a sheet of instructions;
  --layout district — a district table: a row per school, columns for the profile and the
                      indicators.

A filled-in template is scored by the score and batch commands as it is.`,
			example: `  selfdiag template --out school-form.xlsx
  selfdiag template --layout district --out district.xlsx
  selfdiag template --format csv --out form.csv`,
		},
		"selfdiag serve": {
			short: "Open selfdiag in the browser: self-diagnosis without the command line",
			long: `Starts selfdiag's page on this computer (address 127.0.0.1, for this computer only)
and opens it in the browser. The first line of output is the page's address with its access key.

On the page: a new self-diagnosis (drop the folder of answers), the district's and the schools'
results, downloads of the note, the summary and the reports, comparisons of self-diagnoses,
templates and the model. Files are sent nowhere: the runs are kept in the --data folder as
batch --out writes them (selfdiag compare reads them too).

A double click on selfdiag.exe starts the same page. To stop: Ctrl+C or close the
program's window.`,
			example: `  selfdiag serve
  selfdiag serve --data D:\self-diagnosis --port 8080 --no-browser`,
		},
		"selfdiag model": {
			short: "Check, show, export or import the indicator model",
		},
		"selfdiag model validate": {
			use:   "[FOLDER]",
			short: "Check a model and list every error with its file and line",
			long: `Checks an indicator model: the folder FOLDER, else --model, else the embedded one.
Exit code 0 — no errors; 1 — errors found; 3 — the folder cannot be read.`,
		},
		"selfdiag model show": {
			short: "Show the model in force: components, indicators, answers, points, thresholds",
			long: `Shows the model in force: as text, JSON or YAML (the selfdiag.model/v1 description with
the maxima computed). The model folder to edit and load with --model is written by the
model export command.`,
		},
		"selfdiag model export": {
			use:   "--out FOLDER|FILE.xlsx|FILE.csv",
			short: "Export the model in force as a YAML folder or a table to edit and load with --model",
			long: `Exports the model in force (the embedded one or --model):
  --format yaml (the default) — a folder: model.yaml and a file per component;
  --format xlsx — an Excel workbook: sheets of information, levels, components, thresholds,
                  rules, indicators, answers and bands, named in the model's language
                  (README, «The model as a table»);
  --format csv  — the same sheets in one CSV file, the first column naming the sheet.
What is exported loads with --model and scores the same; the table can be turned into a
folder with the model import command.`,
			example: `  selfdiag model export --out my-model
  selfdiag model export --format xlsx --out method.xlsx
  selfdiag score answers.xlsx --model my-model`,
		},
		"selfdiag model import": {
			use:   "FILE.xlsx|FILE.csv --out FOLDER",
			short: "Turn a model table (xlsx, csv) into a YAML folder, checking it",
			long: `Reads a model from a table (as model export --format xlsx|csv writes it), checks it by the
same rules as a folder, and writes it as a YAML folder. Errors name the sheet and the cell
(in CSV, the line and the column); with errors no folder is written (exit code 1).
The table need not be turned into a folder: --model FILE.xlsx loads it directly.`,
			example: `  selfdiag model export --format xlsx --out method.xlsx
  selfdiag model import method.xlsx --out region-model`,
		},
		"selfdiag model calibrate": {
			use:   "FILE|FOLDER...",
			short: "Derive the level thresholds from the federal service's tables and check the model against them",
			long: `Reads the federal service's tables («Сумма баллов за весь тест: N», «Уровень: …») and any
answer files that state the total points and the level, groups them by the school's profile
(from the file or from the --programs, --ovz, --corrective flags) and, for each level
threshold, prints the range of points all the tables agree with: «from A to B» — the least
and the greatest number of points the level can start at. Tables whose level is explained by
a failed critical indicator are left out of the ranges. Then it checks the model in force
against the ranges and names the tables it contradicts, and by how many points.

Formats: text; json — selfdiag.calibration/v1.
Exit code 0 — the model agrees with every table; 1 — it does not, or some files are unreadable.`,
			example: `  selfdiag model calibrate federal-export/ --programs "НОО, ООО, СОО" --ovz нет --corrective нет
  selfdiag model calibrate --model region-model -f json federal-export/`,
		},
	},
	flags: map[string]string{
		"--model":                            "the indicator model's folder or its .xlsx/.csv table (by default the embedded model)",
		"--config":                           "the YAML settings file",
		"--help":                             "help on the command",
		"--lang":                             "the language of the command line's help and messages and of the serve page: ru, en or it (documents are in the model's language)",
		"selfdiag --version":                 "the version of the program and of the embedded model",
		"--encoding":                         "the CSV encoding: utf-8, utf-16, windows-1251 (detected by default)",
		"--set":                              "an attribute of the respondents whose files lack it: attribute=value (for example type=powiat); may be repeated",
		"--programs":                         "the programmes of the schools whose files lack them (a federal service's table): for example «НОО, ООО, СОО» (the same as --set programs=…)",
		"--ovz":                              "whether the schools whose files do not say so have students with special needs: да or нет (the same as --set ovz=…)",
		"--corrective":                       "whether the school is a special (corrective) one, if its file does not say so: да or нет (the same as --set corrective=…)",
		"--territory":                        "the territory for the documents: a district, a borough or a region",
		"--year":                             "the self-diagnosis year for the documents (by default the year most schools' answers give)",
		"--date":                             "«as of» in the documents, DD.MM.YYYY (by default today)",
		"selfdiag score --format":            "format: text, json, csv",
		"selfdiag score --out":               "the file for the result (by default the terminal)",
		"selfdiag report --format":           "format: html, xlsx, md, docx",
		"selfdiag report --out":              "the folder for the reports, or one school's report file (.html, .xlsx, .md, .docx)",
		"selfdiag batch --format":            "the summary's format: text, json, csv, html, xlsx, md, docx (html — the district's dashboard)",
		"selfdiag batch --report":            "with --per-school: also the schools' reports in the formats html, xlsx, md, docx (comma-separated)",
		"selfdiag batch --out":               "the folder for the summary and the schools' reports",
		"selfdiag batch --per-school":        "write each school's report to FOLDER/schools (needs --out)",
		"selfdiag batch --group-by":          "group the summary by a respondent's field: municipality (by municipality, with the region's table) or a grouping field of the model",
		"selfdiag batch --quiet":             "do not show the progress indicator",
		"selfdiag batch --incomplete":        "incomplete questionnaires (an answer missing or not recognised): exclude — list them apart, out of the spread, the means and the deficits' frequencies; count — count them with the others",
		"selfdiag batch --duplicates":        "when a school came twice, count: latest — the later submission (by the filling-in date, else by the file's modification time), first — the first in the order of files, error — neither",
		"selfdiag batch --workers":           "the number of parallel workers, from 1 to 256 (0 — one per core)",
		"selfdiag batch --previous":          "the previous self-diagnosis to compare with: the folder of a past batch --per-school run or a folder of answers (needs --out)",
		"selfdiag batch --municipalities":    "a file listing the municipalities (one name per line): a name not on the list is a data problem",
		"selfdiag compare --format":          "format: text, json, csv, md, xlsx, html, docx",
		"selfdiag compare --out":             "the file for the result (required for xlsx and html)",
		"selfdiag compare --old-model":       "the previous self-diagnosis's model (a folder or a table; by default --model or the embedded one)",
		"selfdiag compare --new-model":       "the new self-diagnosis's model (by default --model or the embedded one)",
		"selfdiag compare --group-by":        "group the district: municipality — by municipality, or any grouping field of the model",
		"selfdiag template --layout":         "the template's layout: school (one school) or district (a district table); for any model also single and table",
		"selfdiag template --format":         "format: xlsx or csv",
		"selfdiag template --out":            "the template's file (required for xlsx)",
		"selfdiag template --municipalities": "a file listing the municipalities (one name per line): in an xlsx template the municipality is chosen from the list",
		"selfdiag serve --data":              "the folder for the runs (by default selfdiag in «Documents»)",
		"selfdiag serve --port":              "the port (by default any free one)",
		"selfdiag serve --no-browser":        "do not open the browser, only print the address",
		"selfdiag model show --format":       "format: text, json, yaml",
		"selfdiag model show --out":          "the file for the result",
		"selfdiag model export --format":     "format: yaml (a model folder), xlsx or csv (a table)",
		"selfdiag model export --out":        "a folder (yaml) or a file (xlsx, csv)",
		"selfdiag model import --out":        "the folder for the model",
		"selfdiag model calibrate --format":  "format: text, json",
		"selfdiag model calibrate --out":     "the file for the result (by default the terminal)",
	},
}
