package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/officetest"
)

// newBrowser starts the CI's Chromium, headless, its downloads into dir,
// the window width wide.
func newBrowser(t *testing.T, width int, downloads string) context.Context {
	t.Helper()
	bin := officetest.Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(width, 900), chromedp.Flag("disable-dev-shm-usage", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first action on the context, without a time limit: the tab
	// lives as long as the context of its first action.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// within runs steps with a time limit (the browser lives on).
func within(t *testing.T, ctx context.Context, d time.Duration, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		// What the page showed, to tell why.
		shown, cancelShown := context.WithTimeout(ctx, 5*time.Second)
		defer cancelShown()
		loc, _ := chromedp.Run(shown, chromedp.Location())
		body, _ := chromedp.Run(shown, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		t.Fatalf("%s: %v\nat %s the page shows:\n%.2000s", what, err, loc, body)
	}
}

// text is an element's text as shown ("" when there is none).
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(c, chromedp.Evaluate[string](`(function(){var e=document.querySelector(`+strconv.Quote(sel)+`);return e?e.innerText:""})()`))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// waitFile waits for a download ending in ext to be whole in dir.
func waitFile(t *testing.T, dir, ext string) string {
	t.Helper()
	for range 200 {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ext) {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s downloaded into %s", ext, dir)
	return ""
}

// The page in a real browser, as a methodologist uses it: open it with
// its token, upload the sample district through the file input, wait for
// the dashboard, open a school's report, download the note and the
// reports' archive and read them, compare two runs, and see a broken
// model's errors.
func TestInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives Chromium")
	}
	f := newFixture(t, DefaultLimits)
	downloads := t.TempDir()
	ctx := newBrowser(t, 1280, downloads)
	var files []string
	filepath.WalkDir(district, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			abs, _ := filepath.Abs(p)
			files = append(files, abs)
		}
		return err
	})

	within(t, ctx, 30*time.Second, "open the page",
		chromedp.Navigate(f.http.URL+"/?token="+f.s.Token()),
		chromedp.WaitVisible(chromedp.CSS("#upload")))
	// By keyboard: Tab reaches the file choosers and the form's fields.
	reached, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(){
		var order = Array.prototype.filter.call(document.querySelectorAll("a, button, input, select, [tabindex]"), function(e){
			return e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0; });
		return order.map(function(e){ return e.id || e.name || e.tagName; }).join(",") })()`))
	if err != nil || !strings.Contains(reached, "folder") || !strings.Contains(reached, "files") || !strings.Contains(reached, "territory") || !strings.Contains(reached, "start") {
		t.Errorf("keyboard focus order %q lacks the file choosers or the fields (%v)", reached, err)
	}
	within(t, ctx, 30*time.Second, "choose the files",
		chromedp.SetUploadFiles(chromedp.CSS("#files"), files),
		chromedp.SendKeys(chromedp.CSS(`input[name=territory]`), "Тестовый район"),
		chromedp.SendKeys(chromedp.CSS(`input[name=year]`), "2025"))
	if got := text(t, ctx, "#chosen"); !strings.Contains(got, "Выбрано файлов: 11") {
		t.Errorf("after choosing the district's files the page says %q", got)
	}
	within(t, ctx, 90*time.Second, "upload and score",
		chromedp.Click(chromedp.CSS("#start"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#schools")))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "/runs/run-") {
		t.Fatalf("after the upload the browser is at %s", loc)
	}
	if h := text(t, ctx, "h1"); !strings.Contains(h, "Тестовый район, 2025") {
		t.Errorf("the run's heading %q", h)
	}
	// The dashboard in its frame: the district's own page.
	shown, cancelShown := context.WithTimeout(ctx, 30*time.Second)
	if _, err := chromedp.Run(shown, chromedp.Poll[bool](`(function(){var d=document.querySelector("iframe.dashboard").contentDocument;
		return !!d && !!d.body && d.body.innerText.indexOf("Тестовый район") >= 0 && d.body.innerText.indexOf("Знание") >= 0})()`)); err != nil {
		t.Errorf("the dashboard's frame does not show the district: %v", err)
	}
	cancelShown()
	if p := text(t, ctx, "table.problems"); !strings.Contains(p, "приказ.pdf") {
		t.Errorf("the data problems lack the letter passed over: %.300s", p)
	}
	// Readable on a laptop, at 1280 and at 1920 px: nothing wider than
	// the window, the dashboard's frame as wide as the page's text.
	for _, width := range []int64{1366, 1280, 1920} {
		within(t, ctx, 10*time.Second, "resize", chromedp.EmulateViewport(width, 900))
		fits, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth &&
			document.querySelector("iframe.dashboard").getBoundingClientRect().width >= Math.min(window.innerWidth, 1400) - 80`))
		if err != nil || !fits {
			t.Errorf("at %d px the run's page is wider than the window, or its dashboard narrow (%v)", width, err)
		}
	}

	// The note and the reports, downloaded as a person clicks them.
	within(t, ctx, 30*time.Second, "download the note", chromedp.Click(chromedp.CSS(`a[href="files/summary.docx"]`), chromedp.NodeVisible))
	note := waitFile(t, downloads, ".docx")
	if text := docxText(t, note); !strings.Contains(text, "Тестовый район") || !strings.Contains(text, "Аналитическая справка") {
		t.Errorf("the note downloaded lacks its title or territory: %.300s", text)
	}
	within(t, ctx, 30*time.Second, "download the reports", chromedp.Click(chromedp.CSS(`a[href="reports.zip"]`), chromedp.NodeVisible))
	archive := waitFile(t, downloads, ".zip")
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	html, docx := 0, 0
	for _, zf := range zr.File {
		switch filepath.Ext(zf.Name) {
		case ".html":
			html++
		case ".docx":
			docx++
		}
	}
	zr.Close()
	if html != 13 || docx != 13 {
		t.Errorf("the reports' archive holds %d pages and %d Word documents, want 13 of each", html, docx)
	}

	// A school's report from the list.
	within(t, ctx, 30*time.Second, "open a school's report",
		chromedp.Click(chromedp.CSS(`table.schools a[href="files/schools/100001.html"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#thresholds"))) // the report's own table, not the run page's
	if h := text(t, ctx, "h1"); !strings.Contains(h, "МБОУ «Школа № 1»") {
		t.Errorf("the school's report is titled %q", h)
	}

	// A second run, then the comparison of the two.
	first := f.s.runs.list()[0].ID
	second := f.createRun(map[string]string{"territory": "Тестовый район", "year": "2026"}, districtFiles(t)).ID
	within(t, ctx, 30*time.Second, "compare",
		chromedp.Navigate(f.http.URL+"/#compare"),
		chromedp.SetValue(chromedp.CSS(`select[name=a]`), first),
		chromedp.SetValue(chromedp.CSS(`select[name=b]`), second),
		chromedp.Click(chromedp.CSS(`#compare button[type=submit]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#means"))) // the comparison's own table, not the home page's
	if h := text(t, ctx, "body"); !strings.Contains(h, "Сравнение") || !strings.Contains(h, "в обеих самодиагностиках") {
		t.Errorf("the comparison page: %.300s", h)
	}

	// A broken model: its errors on the page, by sheet and cell.
	m, _ := model.Default()
	var buf bytes.Buffer
	modelsheet.WriteXLSX(&buf, m.Table())
	broken := filepath.Join(t.TempDir(), "модель.xlsx")
	os.WriteFile(broken, brokenModel(t, buf.Bytes()), 0o644)
	within(t, ctx, 30*time.Second, "check a broken model",
		chromedp.Navigate(f.http.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#model"), []string{broken}),
		chromedp.WaitVisible(chromedp.CSS("#model-check li")))
	if got := text(t, ctx, "#model-check"); !strings.Contains(got, "Показатели!K2") {
		t.Errorf("the broken model's errors on the page: %q", got)
	}
}

// docxText is a Word document's text, its tags dropped.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(data), "")
		}
	}
	t.Fatalf("%s holds no word/document.xml", path)
	return ""
}
