package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/selfdiag/selfdiag/internal/lang"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
)

// district is the repository's sample district folder.
const district = "../../testdata/district"

type fixture struct {
	t    *testing.T
	s    *Server
	http *httptest.Server
	data string
}

func newFixture(t *testing.T, limits Limits) *fixture {
	t.Helper()
	data := t.TempDir()
	s, err := New(Options{Data: data, LoadModel: modelsheet.Open, Limits: limits,
		Now: func() time.Time { return time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &fixture{t: t, s: s, http: srv, data: data}
}

// do sends a request with the bearer token (unless auth is false).
func (f *fixture) do(method, path string, body io.Reader, contentType string, auth bool) *http.Response {
	f.t.Helper()
	req, err := http.NewRequest(method, f.http.URL+path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+f.s.Token())
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// upload is a multipart body: fields, then files by name and content.
func upload(t *testing.T, fields map[string]string, files map[string][]byte) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for name, data := range files {
		part, err := w.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(data)
	}
	w.Close()
	return &b, w.FormDataContentType()
}

// districtFiles are the sample district's files by their path in it.
func districtFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(district, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(district, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// createRun uploads files and waits until they are scored.
func (f *fixture) createRun(fields map[string]string, files map[string][]byte) RunInfo {
	f.t.Helper()
	body, ct := upload(f.t, fields, files)
	resp := f.do("POST", "/api/runs", body, ct, true)
	text := readAll(f.t, resp.Body)
	if resp.StatusCode != http.StatusAccepted {
		f.t.Fatalf("POST /api/runs: %d %s", resp.StatusCode, text)
	}
	var created struct{ ID string }
	json.Unmarshal([]byte(text), &created)
	f.s.runs.wait(created.ID)
	info := f.s.runs.info(created.ID)
	if info.State != "done" {
		f.t.Fatalf("run %s: %+v", created.ID, info)
	}
	return info
}

// Every request needs the token; the Host must be the loopback; a change
// from a page needs the CSRF token; the first visit turns the token into a
// cookie and takes it out of the address.
func TestSecurity(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	check := func(what string, resp *http.Response, want int, says string) {
		t.Helper()
		body := readAll(t, resp.Body)
		if resp.StatusCode != want || !strings.Contains(body, says) {
			t.Errorf("%s: %d %q, want %d with %q", what, resp.StatusCode, body, want, says)
		}
		if resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: a CORS header", what)
		}
	}
	check("no token", f.do("GET", "/", nil, "", false), 403, "нет ключа доступа")
	check("no token, API", f.do("GET", "/api/runs", nil, "", false), 403, `"error"`)
	check("wrong token", f.do("GET", "/?token=abc", nil, "", false), 403, "нет ключа доступа")
	check("bearer", f.do("GET", "/api/runs", nil, "", true), 200, "")

	// DNS rebinding: a name that resolves here, but is not the loopback's.
	req, _ := http.NewRequest("GET", f.http.URL+"/api/runs", nil)
	req.Host = "evil.example:80"
	req.Header.Set("Authorization", "Bearer "+f.s.Token())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	check("wrong Host", resp, 403, "не этот компьютер")

	// The first visit: a cookie, and the token gone from the address.
	jar := &cookieJar{}
	client := &http.Client{Jar: jar}
	resp, err = client.Get(f.http.URL + "/?token=" + f.s.Token())
	if err != nil {
		t.Fatal(err)
	}
	page := readAll(t, resp.Body)
	if resp.StatusCode != 200 || resp.Request.URL.RawQuery != "" || !strings.Contains(page, "Новая самодиагностика") {
		t.Errorf("first visit: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	if c := jar.cookies; len(c) != 1 || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
		t.Errorf("cookie %+v, want one HttpOnly, SameSite=Strict", c)
	}
	// With the cookie, a POST without the form's CSRF token is refused;
	// with it, it is taken.
	resp, _ = client.PostForm(f.http.URL+"/runs/run-20250601-100000-abcdef/delete", url.Values{})
	check("POST without CSRF", resp, 403, "не со страницы selfdiag")
	resp, _ = client.PostForm(f.http.URL+"/runs/run-20250601-100000-abcdef/delete", url.Values{"csrf": {f.s.csrf}})
	check("POST with CSRF", resp, 404, "нет такой самодиагностики")
	// A run id is never a path.
	check("path in id", f.do("GET", "/runs/..%2F..%2Fetc/files/passwd", nil, "", true), 404, "")
}

type cookieJar struct{ cookies []*http.Cookie }

func (j *cookieJar) SetCookies(_ *url.URL, c []*http.Cookie) { j.cookies = append(j.cookies, c...) }
func (j *cookieJar) Cookies(*url.URL) []*http.Cookie         { return j.cookies }

// The sample district through the API: the run is what batch --out
// --per-school writes, its files served, the reports zipped, the run
// listed and deleted.
func TestRunThroughAPI(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	info := f.createRun(map[string]string{"territory": "Тестовый район", "year": "2025", "date": "2025-06-01"}, districtFiles(t))
	if info.Territory != "Тестовый район" || info.Year != "2025" || info.AsOf != "2025-06-01" || info.Schools != 13 {
		t.Errorf("run %+v", info)
	}
	dir := filepath.Join(f.data, info.ID)
	for _, name := range []string{"summary.json", "summary.html", "summary.docx", "summary.xlsx", "schools/100001.html", "schools/100001.docx", "answers/лицей-3.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the run lacks %s", name)
		}
	}
	resp := f.do("GET", "/api/runs/"+info.ID+"/summary.json", nil, "", true)
	if body := readAll(t, resp.Body); resp.StatusCode != 200 || !strings.Contains(body, `"schema": "selfdiag.summary/v1"`) {
		t.Errorf("summary.json: %d %.200s", resp.StatusCode, body)
	}
	resp = f.do("GET", "/runs/"+info.ID+"/", nil, "", true)
	page := readAll(t, resp.Body)
	for _, want := range []string{"Тестовый район", "files/schools/100001.html", "МБОУ «Школа № 1»", "Проблемы в данных: что исправить", "приказ.pdf"} {
		if !strings.Contains(page, want) {
			t.Errorf("the run's page lacks %q", want)
		}
	}
	resp = f.do("GET", "/runs/"+info.ID+"/reports.zip?format=docx", nil, "", true)
	data := []byte(readAll(t, resp.Body))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 13 || !strings.HasSuffix(zr.File[0].Name, ".docx") {
		t.Errorf("reports.zip holds %d files, first %s; want the 13 schools' .docx", len(zr.File), zr.File[0].Name)
	}
	// Files of the run only: no way out of its folder.
	resp = f.do("GET", "/runs/"+info.ID+"/files/..%2F..%2Fsecret", nil, "", true)
	if resp.StatusCode != 404 {
		t.Errorf("a path out of the run: %d", resp.StatusCode)
	}
	resp = f.do("DELETE", "/api/runs/"+info.ID, nil, "", true)
	if resp.StatusCode != 200 {
		t.Errorf("DELETE: %d", resp.StatusCode)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the run's folder is still there")
	}
}

// Hostile uploads get a clear Russian answer, and the server serves on.
func TestHostileUploads(t *testing.T) {
	lim := Limits{Files: 50, Upload: 32 << 20, File: 1 << 20, ZipEntries: 100, Unzipped: 4 << 20}
	f := newFixture(t, lim)
	post := func(body io.Reader, ct string, length int64) (int, string) {
		req, _ := http.NewRequest("POST", f.http.URL+"/api/runs", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+f.s.Token())
		if length > 0 {
			req.ContentLength = length
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		return resp.StatusCode, readAll(t, resp.Body)
	}
	zipOf := func(entries map[string][]byte) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for name, data := range entries {
			w, _ := zw.Create(name)
			w.Write(data)
		}
		zw.Close()
		return b.Bytes()
	}
	lyceum, _ := os.ReadFile(filepath.Join(district, "лицей-3.csv"))
	many := map[string][]byte{}
	for i := range 60 {
		many[fmt.Sprintf("школа-%d.csv", i)] = lyceum
	}
	for _, tc := range []struct {
		name   string
		files  map[string][]byte
		status int
		says   string
	}{
		{"zip bomb", map[string][]byte{"бомба.zip": zipOf(map[string][]byte{"a.csv": make([]byte, 900<<10), "b.csv": make([]byte, 900<<10),
			"c.csv": make([]byte, 900<<10), "d.csv": make([]byte, 900<<10), "e.csv": make([]byte, 900<<10)})}, 413, "zip-бомба"},
		{"too many files", many, 413, "слишком много файлов"},
		{"file too large", map[string][]byte{"огромный.csv": make([]byte, 2<<20)}, 413, "больше 1 МБ"},
		{"not a zip", map[string][]byte{"архив.zip": []byte("PK no")}, 400, "не читается как .zip"},
		{"nothing", map[string][]byte{}, 400, "не выбрано ни одного файла"},
	} {
		body, ct := upload(t, nil, tc.files)
		status, text := post(body, ct, 0)
		if status != tc.status || !strings.Contains(text, tc.says) {
			t.Errorf("%s: %d %s, want %d with %q", tc.name, status, text, tc.status, tc.says)
		}
	}
	// A gigabyte announced: refused before it is read.
	status, text := post(io.LimitReader(zeros{}, 1<<30), "multipart/form-data; boundary=x", 1<<30)
	if status != 413 || !strings.Contains(text, "загрузка больше 32 МБ") {
		t.Errorf("1 GB: %d %.200s", status, text)
	}
	// Names with «../», absolute paths and links inside a zip stay inside
	// the run's answers.
	body, ct := upload(t, map[string]string{"territory": "Т"}, map[string][]byte{"ответы.zip": zipOf(map[string][]byte{
		"../../../вне.csv": lyceum, "/abs/лицей.csv": lyceum, "папка/..\\..\\win.csv": lyceum})})
	status, text = post(body, ct, 0)
	if status != 202 {
		t.Fatalf("zip with ../ names: %d %s", status, text)
	}
	var created struct{ ID string }
	json.Unmarshal([]byte(text), &created)
	f.s.runs.wait(created.ID)
	var names []string
	filepath.WalkDir(f.data, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".csv") && !strings.Contains(p, "summary") {
			rel, _ := filepath.Rel(f.data, p)
			names = append(names, rel)
		}
		return nil
	})
	for _, n := range names {
		if !strings.HasPrefix(n, created.ID+string(filepath.Separator)+answersDir+string(filepath.Separator)) {
			t.Errorf("an archive's file landed at %s", n)
		}
	}
	if len(names) != 3 {
		t.Errorf("files from the archive: %v", names)
	}
	// Still serving.
	if resp := f.do("GET", "/api/runs", nil, "", true); resp.StatusCode != 200 {
		t.Errorf("after the hostile uploads: %d", resp.StatusCode)
	}
}

// With the real limits: 20,000 files and more than a gigabyte.
func TestHostileUploadsAtDefaultLimits(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	files := map[string][]byte{}
	for i := range 20000 {
		files[fmt.Sprintf("ф%05d.csv", i)] = []byte("x")
	}
	body, ct := upload(t, nil, files)
	resp := f.do("POST", "/api/runs", body, ct, true)
	if text := readAll(t, resp.Body); resp.StatusCode != 413 || !strings.Contains(text, "не больше 10000") {
		t.Errorf("20,000 files: %d %.300s", resp.StatusCode, text)
	}
	req, _ := http.NewRequest("POST", f.http.URL+"/api/runs", io.LimitReader(zeros{}, 1<<30+1<<20))
	req.ContentLength = 1<<30 + 1<<20
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	req.Header.Set("Authorization", "Bearer "+f.s.Token())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if text := readAll(t, resp.Body); resp.StatusCode != 413 || !strings.Contains(text, "загрузка больше 1024 МБ") {
		t.Errorf("1 GB: %d %.300s", resp.StatusCode, text)
	}
	resp.Body.Close()
	entries, _ := os.ReadDir(f.data)
	if len(entries) != 0 {
		t.Errorf("refused uploads left %d entries in the data folder", len(entries))
	}
	if resp := f.do("GET", "/api/runs", nil, "", true); resp.StatusCode != 200 {
		t.Errorf("after the uploads: %d", resp.StatusCode)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A broken model is refused with its errors by sheet and cell, before any
// answer is read; a good one is named.
func TestModelCheck(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	var good bytes.Buffer
	if err := modelsheet.WriteXLSX(&good, m.Table()); err != nil {
		t.Fatal(err)
	}
	send := func(name string, data []byte) map[string]any {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		part, _ := w.CreateFormFile("model", name)
		part.Write(data)
		w.Close()
		resp := f.do("POST", "/api/model/check", &b, w.FormDataContentType(), true)
		var out map[string]any
		json.Unmarshal([]byte(readAll(t, resp.Body)), &out)
		return out
	}
	if out := send("модель.xlsx", good.Bytes()); out["ok"] != true || !strings.Contains(fmt.Sprint(out["model"]), m.Title) {
		t.Errorf("the embedded model exported: %v", out)
	}
	broken := brokenModel(t, good.Bytes())
	out := send("модель.xlsx", broken)
	if out["ok"] != false || !strings.Contains(fmt.Sprint(out["errors"]), "!") {
		t.Errorf("a broken model: %v, want its errors with sheet and cell", out)
	}
}

// brokenModel spoils a model workbook: an indicator of a kind no model
// knows.
func brokenModel(t *testing.T, good []byte) []byte {
	t.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if err := wb.SetCellValue("Показатели", "K2", "неведомо"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Three years of one territory give its trend: each component's mean and
// each school's percent by year, on the home page; two years give none.
func TestTrend(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	write := func(id, territory, year string, mean, school float64) {
		dir := filepath.Join(f.data, id)
		os.MkdirAll(dir, 0o755)
		doc := fmt.Sprintf(`{"schema":"selfdiag.summary/v1","model":{"title":"М","version":"1"},"run":{"territory":%q,"year":%q,"as_of":"%s-06-01"},
			"counts":{"schools":1},"stats":{"components":[{"id":"knowledge","title":"Знание","mean_percent":%v}]},
			"schools":[{"name":"Школа № 1","code":"1","percent":%v}]}`, territory, year, year, mean, school)
		os.WriteFile(filepath.Join(dir, "summary.json"), []byte(doc), 0o644)
	}
	write("run-20240601-100000-aaaaaa", "Кировский район", "2024", 60.3, 55)
	write("run-20250601-100000-bbbbbb", "Кировский район", "2025", 70, 65.5)
	write("run-20260601-100000-cccccc", "Кировский район", "2026", 80, 75)
	write("run-20260601-110000-dddddd", "Заречный округ", "2025", 50, 50)
	write("run-20260601-120000-eeeeee", "Заречный округ", "2026", 55, 55)
	trends := trendOf(f.data, f.s.runs.list())
	if len(trends) != 1 || trends[0].Territory != "Кировский район" || strings.Join(trends[0].Years, ",") != "2024,2025,2026" {
		t.Fatalf("trends %+v, want Кировский район over 2024–2026 alone", trends)
	}
	if got := strings.Join(trends[0].Components[0].Values, " "); got != "60,3 70,0 80,0" {
		t.Errorf("Знание by year: %s", got)
	}
	if got := trends[0].Schools[0]; got.Title != "Школа № 1" || strings.Join(got.Values, " ") != "55,0 65,5 75,0" {
		t.Errorf("the school by year: %+v", got)
	}
	page := readAll(t, f.do("GET", "/", nil, "", true).Body)
	if !strings.Contains(page, "Динамика: Кировский район") || strings.Contains(page, "Динамика: Заречный") {
		t.Errorf("the home page's trends are wrong")
	}
}

// «Шаблоны и модель»: the templates download as workbooks and CSV, the
// model page shows the thresholds by profile, the model exports.
func TestTemplatesAndModel(t *testing.T) {
	f := newFixture(t, DefaultLimits)
	for path, want := range map[string]string{
		"/templates/школа.xlsx": "PK", "/templates/район.xlsx": "PK", "/templates/школа.csv": "Наименование ОО",
		"/templates/район.csv": "Дата заполнения", "/model/export.xlsx": "PK",
	} {
		resp := f.do("GET", path, nil, "", true)
		body := readAll(t, resp.Body)
		if resp.StatusCode != 200 || !strings.Contains(body, want) || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %d, %q, want an attachment with %q", path, resp.StatusCode, resp.Header.Get("Content-Disposition"), want)
		}
	}
	page := readAll(t, f.do("GET", "/model", nil, "", true).Body)
	for _, want := range []string{"Знание", "Образовательная среда", "показателей —", "НОО"} {
		if !strings.Contains(page, want) {
			t.Errorf("the model page lacks %q", want)
		}
	}
	if resp := f.do("GET", "/templates/..%2Fsecret", nil, "", true); resp.StatusCode != 404 {
		t.Errorf("an unknown template: %d", resp.StatusCode)
	}
}

// With an English model (or --lang en) the page is English: its frame,
// forms, the model's page, the script's words, an error page and the
// templates' neutral file names; a Russian school's names keep working.
func TestPageInEnglish(t *testing.T) {
	data := t.TempDir()
	load := func(path string) (*model.Model, error) {
		if path == "" {
			path = "../../testdata/frameworks/csf-self-assessment/model"
		}
		return modelsheet.Open(path)
	}
	s, err := New(Options{Data: data, LoadModel: load, Lang: lang.EN})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	f := &fixture{t: t, s: s, http: srv, data: data}
	cyrillic := regexp.MustCompile(`\p{Cyrillic}+`)
	for path, want := range map[string]string{"/": "Drop the folder of answers here", "/model": "Answer templates", "/runs/nothing/": "no such self-assessment"} {
		body := readAll(t, f.do("GET", path, nil, "", true).Body)
		if !strings.Contains(body, want) || !strings.Contains(body, `<html lang="en">`) {
			t.Errorf("%s lacks %q or lang=en:\n%s", path, want, body)
		}
		if w := cyrillic.FindAllString(body, -1); len(w) > 0 {
			t.Errorf("%s has Russian words %v", path, w)
		}
	}
	home := readAll(t, f.do("GET", "/", nil, "", true).Body)
	if !strings.Contains(home, `Files chosen: %1`) || !strings.Contains(home, `href="/model">Templates and model`) {
		t.Errorf("the script's words or the frame are not English:\n%s", home)
	}
	for path, want := range map[string]string{"/templates/form.csv": "Organisation", "/templates/table.csv": "Organisation", "/templates/школа.xlsx": "PK"} {
		resp := f.do("GET", path, nil, "", true)
		if body := readAll(t, resp.Body); resp.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d, want %q", path, resp.StatusCode, want)
		}
	}
}
