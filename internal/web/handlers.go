package web

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/selfdiag/selfdiag/internal/compare"
	"github.com/selfdiag/selfdiag/internal/form"
	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/modelinfo"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/summary"
	"github.com/selfdiag/selfdiag/internal/wire"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	m.Handle("GET /static/", staticFS())
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /runs/{id}/{$}", s.runPage)
	m.HandleFunc("GET /runs/{id}/files/{file...}", s.runFile)
	m.HandleFunc("GET /runs/{id}/reports.zip", s.reportsZip)
	m.HandleFunc("POST /runs/{id}/delete", s.deleteRun)
	m.HandleFunc("GET /compare", s.comparePage)
	m.HandleFunc("GET /templates/{name}", s.template)
	m.HandleFunc("GET /model", s.modelPage)
	m.HandleFunc("GET /model/export.xlsx", s.modelExport)
	m.HandleFunc("POST /api/runs", s.createRun)
	m.HandleFunc("GET /api/runs", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, s.runs.list()) })
	m.HandleFunc("GET /api/runs/{id}", s.apiRun)
	m.HandleFunc("DELETE /api/runs/{id}", s.deleteRun)
	m.HandleFunc("GET /api/runs/{id}/summary.json", func(w http.ResponseWriter, r *http.Request) {
		r.SetPathValue("file", "summary.json")
		s.runFile(w, r)
	})
	m.HandleFunc("POST /api/model/check", s.checkModel)
	s.mux = m
}

// page renders a page template with what every page needs.
func (s *Server) page(w http.ResponseWriter, name string, data map[string]any) {
	l := s.lang()
	data["CSRF"], data["Lang"], data["Words"] = s.csrf, l, scriptWords(l)
	if data["Title"] == nil {
		data["Title"] = l.T("Самодиагностика школ")
	}
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
	w.Write(b.Bytes())
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	runs := s.runs.list()
	s.page(w, "home.html", map[string]any{"Runs": runs, "Trend": trendOf(s.opts.Data, runs)})
}

// runDir is the folder of the run a request names, or a 404.
func (s *Server) runDir(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if !runID.MatchString(id) {
		s.fail(w, r, 404, s.lang().T("нет такой самодиагностики"))
		return "", false
	}
	dir := filepath.Join(s.opts.Data, id)
	if st, err := os.Lstat(dir); err != nil || !st.IsDir() {
		s.fail(w, r, 404, s.lang().T("нет такой самодиагностики: возможно, она удалена"))
		return "", false
	}
	return dir, true
}

func (s *Server) runPage(w http.ResponseWriter, r *http.Request) {
	dir, ok := s.runDir(w, r)
	if !ok {
		return
	}
	info := s.runs.info(r.PathValue("id"))
	data := map[string]any{"Run": info}
	if info.State == "done" {
		data["Schools"], data["Problems"], data["Failures"] = runContents(dir)
		data["Formats"] = reportFormatsIn(dir)
	}
	s.page(w, "run.html", data)
}

// schoolLink is a school of a run with its report.
type schoolLink struct {
	Name, Code, Municipality, Level, Report string
	Percent                                 float64
	Problems                                int
}

// runContents reads a run's schools, their data problems and the files
// not read, from its summary.json.
func runContents(dir string) ([]schoolLink, []wire.SchoolProblemDoc, []wire.FailureDoc) {
	f, err := os.Open(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, nil, nil
	}
	defer f.Close()
	var schools []wire.SchoolRowDoc
	var problems []wire.SchoolProblemDoc
	var failures, passed []wire.FailureDoc
	summaryHead(f, map[string]any{"schools": &schools, "problems": &problems, "failures": &failures, "passed_over": &passed})
	var reports []string
	if data, err := readSmall(filepath.Join(dir, linksFile), 16<<20); err == nil {
		json.Unmarshal([]byte(data), &reports)
	}
	var links []schoolLink
	for i, sc := range schools {
		l := schoolLink{Name: sc.Name, Code: sc.Code, Municipality: sc.Municipality, Level: sc.LevelTitle, Percent: sc.Percent, Problems: sc.Problems}
		if i < len(reports) && len(reports) == len(schools) {
			l.Report = reports[i]
		}
		links = append(links, l)
	}
	return links, problems, append(failures, passed...)
}

// reportFormatsIn lists the school report formats a run has.
func reportFormatsIn(dir string) []string {
	entries, _ := os.ReadDir(filepath.Join(dir, "schools"))
	var out []string
	for _, e := range entries {
		ext := strings.TrimPrefix(path.Ext(e.Name()), ".")
		if ext != "" && !slices.Contains(out, ext) {
			out = append(out, ext)
		}
	}
	slices.Sort(out)
	return out
}

// runFile serves a file of a run's folder: through os.Root, so that no
// name and no link leads out of it; regular files only.
func (s *Server) runFile(w http.ResponseWriter, r *http.Request) {
	dir, ok := s.runDir(w, r)
	if !ok {
		return
	}
	name := r.PathValue("file")
	root, err := os.OpenRoot(dir)
	if err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(name))
	if err != nil {
		s.fail(w, r, 404, s.lang().T("нет такого файла: %s", name))
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		s.fail(w, r, 404, s.lang().T("нет такого файла: %s", name))
		return
	}
	ext := strings.ToLower(path.Ext(name))
	if ct := mime.TypeByExtension(ext); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	switch ext {
	case ".html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", reportCSP)
	case ".json", ".md", ".txt", ".csv":
		w.Header().Set("Content-Type", mime.TypeByExtension(ext)+"; charset=utf-8")
		if ext == ".md" || ext == ".txt" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		}
		if ext == ".csv" {
			w.Header().Set("Content-Disposition", attachment(path.Base(name)))
		}
	default:
		w.Header().Set("Content-Disposition", attachment(path.Base(name)))
	}
	http.ServeContent(w, r, "", st.ModTime(), f)
}

func attachment(name string) string {
	return mime.FormatMediaType("attachment", map[string]string{"filename": name})
}

// reportsZip sends every school's reports of the formats asked as one
// archive, written as it is sent.
func (s *Server) reportsZip(w http.ResponseWriter, r *http.Request) {
	dir, ok := s.runDir(w, r)
	if !ok {
		return
	}
	formats := strings.Split(r.URL.Query().Get("format"), ",")
	entries, err := os.ReadDir(filepath.Join(dir, "schools"))
	if err != nil {
		s.fail(w, r, 404, s.lang().T("в этой самодиагностике нет отчётов школ"))
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", attachment(s.lang().T("отчёты-школ")+".zip"))
	zw := zip.NewWriter(w)
	for _, e := range entries {
		ext := strings.TrimPrefix(path.Ext(e.Name()), ".")
		if !e.Type().IsRegular() || (r.URL.Query().Get("format") != "" && !slices.Contains(formats, ext)) {
			continue
		}
		f, err := os.Open(filepath.Join(dir, "schools", e.Name()))
		if err != nil {
			continue
		}
		if zf, err := zw.Create(e.Name()); err == nil {
			io.Copy(zf, f)
		}
		f.Close()
	}
	zw.Close()
}

// deleteRun deletes a run: from the page's form (back to the list) or
// the API (DELETE, JSON).
func (s *Server) deleteRun(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.runDir(w, r); !ok {
		return
	}
	if err := s.runs.remove(r.PathValue("id")); err != nil {
		status, msg := s.errorStatus(err)
		s.fail(w, r, status, msg)
		return
	}
	if r.Method == http.MethodDelete {
		writeJSON(w, 200, map[string]string{"deleted": r.PathValue("id")})
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) apiRun(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.runDir(w, r); !ok {
		return
	}
	writeJSON(w, 200, s.runs.info(r.PathValue("id")))
}

// createRun takes an upload — answer files (a folder's, or .zip), the
// model, territory, year, date — streamed to disk as it comes, and starts
// scoring it: POST /api/runs → {"id": …}.
func (s *Server) createRun(w http.ResponseWriter, r *http.Request) {
	lim := s.opts.Limits
	if r.ContentLength > lim.Upload {
		s.fail(w, r, 413, s.lang().T(tooLarge, lim.Upload>>20))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, lim.Upload)
	mr, err := r.MultipartReader()
	if err != nil {
		s.fail(w, r, 400, s.lang().T("ожидалась форма с файлами (multipart/form-data): %s", err.Error()))
		return
	}
	id := newID(s.opts.Now())
	dir := filepath.Join(s.opts.Data, id)
	if err := os.MkdirAll(filepath.Join(dir, answersDir), 0o755); err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	set, rc, err := s.receive(mr, dir)
	if err == nil && rc.files == 0 {
		err = refused(400, "не выбрано ни одного файла ответов: перетащите папку с ответами школ или выберите файлы (.xlsx, .csv, .zip)")
	}
	if err == nil {
		_, err = summary.NewRunInfo(set.Territory, set.Year, set.Date, s.opts.Now())
		if err != nil {
			err = refused(400, "дата %v", err)
		}
	}
	if err == nil {
		if _, merr := s.opts.LoadModel(set.Model); merr != nil {
			err = refused(400, "%v", merr)
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		status, msg := s.errorStatus(err)
		s.fail(w, r, status, msg)
		return
	}
	s.runs.start(id, set)
	writeJSON(w, http.StatusAccepted, map[string]any{"id": id, "files": rc.files, "skipped": rc.skipped})
}

// receive reads the upload's parts.
func (s *Server) receive(mr *multipart.Reader, dir string) (RunSettings, *receiver, error) {
	set := RunSettings{Incomplete: summary.IncompleteExclude, Reports: []string{"html", "docx"}}
	rc := newReceiver(filepath.Join(dir, answersDir), s.opts.Limits, s.lang())
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return set, rc, nil
		}
		if err != nil {
			return set, rc, err
		}
		switch p.FormName() {
		case "files":
			if p.FileName() != "" {
				err = rc.part(p)
			}
		case "model":
			if p.FileName() != "" {
				set.Model, err = s.receiveModel(p, filepath.Join(dir, modelDir))
			}
		case "territory", "year", "date", "incomplete", "reports":
			b, rerr := io.ReadAll(io.LimitReader(p, 1<<10))
			if err = rerr; err == nil {
				setField(&set, p.FormName(), strings.TrimSpace(string(b)))
			}
		}
		p.Close()
		if err != nil {
			return set, rc, err
		}
	}
}

func setField(set *RunSettings, name, v string) {
	switch name {
	case "territory":
		set.Territory = v
	case "year":
		set.Year = v
	case "date":
		set.Date = dateFromInput(v)
	case "incomplete":
		if v == summary.IncompleteCount {
			set.Incomplete = v
		}
	case "reports":
		if v != "" {
			set.Reports = strings.Split(v, ",")
		}
	}
}

// dateFromInput takes a date as a date input sends it (2025-06-01) or as
// typed (01.06.2025).
func dateFromInput(v string) string {
	if y, rest, ok := strings.Cut(v, "-"); ok && len(y) == 4 {
		if mo, d, ok := strings.Cut(rest, "-"); ok {
			return d + "." + mo + "." + y
		}
	}
	return v
}

// receiveModel stores an uploaded model: a workbook or CSV table as a
// file, a .zip of a model folder unpacked (its YAML files, flat).
func (s *Server) receiveModel(p *multipart.Part, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	rc := newReceiver(dir, s.opts.Limits, s.lang())
	name := safeName(p.FileName())
	switch strings.ToLower(path.Ext(name)) {
	case ".zip":
		rc.baseNames = true
		return dir, rc.zip(p, name)
	case ".xlsx", ".csv":
		if err := rc.store("модель"+strings.ToLower(path.Ext(name)), p); err != nil {
			return "", err
		}
		return filepath.Join(dir, "модель"+strings.ToLower(path.Ext(name))), nil
	}
	return "", refused(400, "модель %s: ожидалась таблица модели (.xlsx, .csv) или архив папки модели (.zip)", name)
}

// checkModel loads an uploaded model and says what is wrong with it, by
// sheet and cell, before any answers are sent.
func (s *Server) checkModel(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.Limits.File)
	mr, err := r.MultipartReader()
	if err != nil {
		s.fail(w, r, 400, s.lang().T("ожидалась форма с файлом модели"))
		return
	}
	tmp, err := os.MkdirTemp(s.opts.Data, ".model-check-")
	if err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	defer os.RemoveAll(tmp)
	for {
		p, err := mr.NextPart()
		if err != nil {
			s.fail(w, r, 400, s.lang().T("не выбран файл модели"))
			return
		}
		if p.FormName() != "model" || p.FileName() == "" {
			continue
		}
		where, err := s.receiveModel(p, filepath.Join(tmp, "model"))
		if err != nil {
			status, msg := s.errorStatus(err)
			s.fail(w, r, status, msg)
			return
		}
		m, err := s.opts.LoadModel(where)
		if err != nil {
			writeJSON(w, 200, map[string]any{"ok": false, "errors": strings.Split(strings.TrimSpace(lang.Message(err).In(s.lang())), "\n")})
			return
		}
		writeJSON(w, 200, map[string]any{"ok": true, "model": s.lang().T("%s, версия %s", m.Title, m.Version), "indicators": len(m.Indicators)})
		return
	}
}

// comparePage compares two stored runs: the page, or the document in a
// format to download.
func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a, b := q.Get("a"), q.Get("b")
	if !runID.MatchString(a) || !runID.MatchString(b) || a == b {
		s.fail(w, r, 400, s.lang().T("выберите две разные самодиагностики: прежнюю и новую"))
		return
	}
	var sides [2]*compare.Side
	for i, id := range []string{a, b} {
		side, err := compare.LoadRun(filepath.Join(s.opts.Data, id))
		if err != nil {
			s.fail(w, r, 400, s.lang().T("самодиагностика %s не читается: %v", id, err))
			return
		}
		sides[i] = side
	}
	newer := s.runs.info(b)
	rep := compare.Compare(sides[0], sides[1], compare.Options{GroupBy: summary.GroupMunicipality, Territory: newer.Territory})
	titles := compare.TitlesOf(sides[0], sides[1])
	name := cmp.Or(q.Get("format"), "html")
	for _, f := range compare.Formats {
		if f.Name != name {
			continue
		}
		s.send(w, r, s.lang().T("сравнение")+"."+f.Ext, func(out io.Writer) error { return f.Write(out, rep, titles) })
		return
	}
	s.fail(w, r, 400, s.lang().T("неизвестный формат сравнения %s: допустимы %s", name, strings.Join(compare.FormatNames(), ", ")))
}

// send writes a document made on request: a page shown as the program's
// reports are (reportCSP), anything else downloaded as the file name.
func (s *Server) send(w http.ResponseWriter, r *http.Request, name string, write func(io.Writer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	if path.Ext(name) == ".html" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", reportCSP)
	} else {
		w.Header().Set("Content-Type", cmp.Or(mime.TypeByExtension(path.Ext(name)), "application/octet-stream"))
		w.Header().Set("Content-Disposition", attachment(name))
	}
	w.Write(buf.Bytes())
}

// reportCSP is the policy of the program's own pages served as they are:
// inline style and pictures, nothing fetched, no script.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

// template sends a blank answer template of the embedded model.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	m, err := s.opts.LoadModel("")
	if err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	writers := map[string]func(io.Writer) error{
		".xlsx": func(w io.Writer) error { return form.SchoolXLSX(w, m, form.Options{}) },
		".csv":  func(w io.Writer) error { return form.SchoolCSV(w, m) },
	}
	name := r.PathValue("name")
	base, ext := strings.TrimSuffix(name, path.Ext(name)), path.Ext(name)
	if slices.Contains(tableFiles, base) {
		writers = map[string]func(io.Writer) error{
			".xlsx": func(w io.Writer) error { return form.DistrictXLSX(w, m, form.Options{}) },
			".csv":  func(w io.Writer) error { return form.DistrictCSV(w, m) },
		}
	} else if !slices.Contains(singleFiles, base) {
		writers = nil
	}
	write, ok := writers[ext]
	if !ok {
		s.fail(w, r, 404, s.lang().T("нет такого шаблона"))
		return
	}
	s.send(w, r, name, write)
}

// singleFiles and tableFiles are the names of the templates' files: the
// school's in Russian, neutral ones in English and Italian, each read in
// any language.
var (
	singleFiles = []string{"школа", "form", "modulo"}
	tableFiles  = []string{"район", "table", "tabella"}
)

// templateFiles are the templates' names in the page's language.
func templateFiles(l lang.Lang) (single, table string) {
	i := map[lang.Lang]int{lang.RU: 0, lang.EN: 1, lang.IT: 2}[l]
	return singleFiles[i], tableFiles[i]
}

func (s *Server) modelPage(w http.ResponseWriter, r *http.Request) {
	m, err := s.opts.LoadModel("")
	if err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	var text bytes.Buffer
	if err := modelinfo.WriteText(&text, m); err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	single, table := templateFiles(s.lang())
	s.page(w, "model.html", map[string]any{"Model": m, "Text": text.String(), "SchoolFile": single, "DistrictFile": table})
}

func (s *Server) modelExport(w http.ResponseWriter, r *http.Request) {
	m, err := s.opts.LoadModel("")
	if err != nil {
		s.fail(w, r, 500, lang.Message(err).In(s.lang()))
		return
	}
	s.send(w, r, s.lang().T("модель")+".xlsx", func(out io.Writer) error { return modelsheet.WriteXLSX(out, m.Table()) })
}

// scriptWords are what the page's script says, in the page's language:
// «%1», «%2» stand for its numbers and names.
func scriptWords(l lang.Lang) map[string]string {
	return map[string]string{
		"chosen":       l.T("Выбрано файлов: %s", "%1"),
		"none":         l.T("Файлы не выбраны."),
		"modelRead":    l.T("Модель прочитана: %s, показателей — %s.", "%1", "%2"),
		"modelNotRead": l.T("Модель не прочитана, исправьте ошибки:"),
		"uploading":    l.T("Загрузка файлов…"),
		"status":       l.T("ошибка %s", "%1"),
		"lost":         l.T("соединение с программой прервано: она закрыта?"),
		"scoring":      l.T("Считается: %s из %s файлов", "%1", "%2"),
	}
}
