package report

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/sampledata"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/summary"
)

func chromium(t *testing.T) string { return officetest.Chromium(t) }

// recorder is an HTTP proxy that answers nothing and remembers every
// request the browser tried to make.
type recorder struct {
	mu   sync.Mutex
	seen []string
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	rc.seen = append(rc.seen, r.Method+" "+r.Host+r.URL.Path)
	rc.mu.Unlock()
	http.Error(w, "offline", http.StatusBadGateway)
}

// browserServices are the hosts Chromium itself calls in the background
// (component updater, clock, sign-in) whatever the page; they are exact
// hosts, so a page reaching for fonts.googleapis.com or a CDN is still seen.
var browserServices = map[string]bool{
	"update.googleapis.com": true, "accounts.google.com": true, "clients2.google.com": true,
	"optimizationguide-pa.googleapis.com": true, "content-autofill.googleapis.com": true,
	"safebrowsingohttpgateway.googleapis.com": true, "redirector.gvt1.com": true, "edgedl.me.gvt1.com": true,
	"android.clients.google.com": true, "www.google.com": true,
}

// requests are what pages asked for: everything but the browser's own
// background calls.
func (rc *recorder) requests() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []string
	for _, r := range rc.seen {
		host := strings.Fields(r)[1]
		host, _, _ = strings.Cut(host, "/")
		host = strings.TrimSuffix(host, ":443")
		if !browserServices[host] {
			out = append(out, r)
		}
	}
	return out
}

// externalRefs finds references a page could fetch: src/href to a scheme
// other than file or a fragment, url(...) and @import in styles.
var outsideURL = regexp.MustCompile(`url\(\s*['"]?[^#'"\s)]`)

func externalRefs(dom string) []string {
	var out []string
	low := strings.ToLower(dom)
	for _, marker := range []string{`src="http`, `href="http`, `src="//`, `href="//`, `@import`, `<link `, `<script src`} {
		if strings.Contains(low, marker) {
			out = append(out, marker)
		}
	}
	// url(#pattern) is a reference inside the page; anything else is not.
	out = append(out, outsideURL.FindAllString(low, -1)...)
	return out
}

// browse loads a file in headless Chromium with every network request sent
// to the recording proxy; it returns the DOM after load and saves a
// screenshot next to the file.
func browse(t *testing.T, bin, proxy, page string) string {
	t.Helper()
	dir := filepath.Dir(page)
	common := []string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check",
		"--disable-client-side-phishing-detection", "--disable-domain-reliability",
		"--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
		"--proxy-server=" + proxy, "--proxy-bypass-list=<-loopback>",
		"--user-data-dir=" + t.TempDir(), "--window-size=1200,1800"}
	run := func(extra ...string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, append(append(common, extra...), "file://"+page)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %v: %v\n%s", extra, err, stderr.String())
		}
		return out
	}
	// One start of the browser gives both the DOM and the screenshot.
	shot := filepath.Join(dir, strings.TrimSuffix(filepath.Base(page), ".html")+".png")
	dom := string(run("--dump-dom", "--screenshot="+shot))
	if st, err := os.Stat(shot); err != nil || st.Size() < 10_000 {
		t.Errorf("screenshot %s: %v (size %d)", shot, err, sizeOf(st))
	}
	return dom
}

func sizeOf(st os.FileInfo) int64 {
	if st == nil {
		return 0
	}
	return st.Size()
}

// The school report and the district dashboard render in a real browser
// with their charts and every section, and fetch nothing from the network.
func TestReportsInChromium(t *testing.T) {
	bin := chromium(t)
	m, results := scoreSamples(t, "testdata/schools/school1.xlsx", "testdata/schools/corrective-ovz.csv", "testdata/broken/bad-answers.csv")
	dir := t.TempDir()
	var page bytes.Buffer
	results[0].Peers = &Peers{District: make([]float64, len(m.Components)), Municipal: make([]float64, len(m.Components)), Municipality: "Кировский район"}
	for i := range m.Components {
		results[0].Peers.District[i], results[0].Peers.Municipal[i] = 50+float64(i), 60+float64(i)
	}
	if err := WriteHTML(&page, m, results[0]); err != nil {
		t.Fatal(err)
	}
	school := filepath.Join(dir, "school.html")
	agg := summary.New(m, summary.Options{GroupBy: "", Duplicates: ""})
	for _, r := range results {
		agg.Add(r.Result)
	}
	var dash bytes.Buffer
	if err := WriteSummaryHTML(&dash, agg.Summary(), []string{"school.html", "", ""}); err != nil {
		t.Fatal(err)
	}
	dashboard := filepath.Join(dir, "dashboard.html")
	// The canary proves the proxy sees what a page would fetch.
	canary := filepath.Join(dir, "canary.html")
	for path, data := range map[string][]byte{school: page.Bytes(), dashboard: dash.Bytes(),
		canary: []byte(`<!DOCTYPE html><html><body><img src="http://fetch.example/x.png"><div style="background:url(http://fetch.example/y.png)">x</div></body></html>`)} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()

	dom := browse(t, bin, srv.URL, school)
	for _, want := range []string{`<svg class="chart radar"`, `<svg class="chart bars"`, `class="bar lv`, `class="mark"`,
		`id="identity"`, `id="model-source"`, `id="s31"`, `id="components"`, `id="critical"`, `id="s32"`, `id="plan"`,
		`id="indicators"`, `id="problems"`, "3.1. Результаты самодиагностики", "3.2. Дефициты", "План перехода",
		`id="peers"`, "Среднее по «Кировский район», %", "<td class=\"num\">57,0</td><td class=\"num\">67,0</td>"} {
		if !strings.Contains(dom, want) {
			t.Errorf("school report DOM lacks %q", want)
		}
	}
	if refs := externalRefs(dom); len(refs) > 0 {
		t.Errorf("school report references outside resources: %v", refs)
	}
	if n := strings.Count(dom, `r="3.5"`); n != len(m.Components) {
		t.Errorf("radar has %d points, want %d", n, len(m.Components))
	}

	dom = browse(t, bin, srv.URL, dashboard)
	for _, want := range []string{`<svg class="chart stacked"`, `id="heatmap"`, `class="seg lv`, `id="levels"`,
		`id="deficits"`, `id="below-base"`, `id="failures"`, `href="school.html"`} {
		if !strings.Contains(dom, want) {
			t.Errorf("dashboard DOM lacks %q", want)
		}
	}
	if refs := externalRefs(dom); len(refs) > 0 {
		t.Errorf("dashboard references outside resources: %v", refs)
	}
	if got := strings.Count(dom, `<td class="cell lv`); got != 3*len(m.Components) {
		t.Errorf("heatmap cells = %d, want %d", got, 3*len(m.Components))
	}
	if reqs := rec.requests(); len(reqs) > 0 {
		t.Errorf("the reports requested from the network: %v", reqs)
	}

	// A district of 500 schools stays one readable page: every school is a
	// row of the heatmap.
	big := summary.New(m, summary.Options{GroupBy: "", Duplicates: ""})
	var csvData bytes.Buffer
	if err := sampledata.DistrictCSV(&csvData, m, sampledata.District(m, 500, 7), sampledata.CSVOptions{Delim: ';'}); err != nil {
		t.Fatal(err)
	}
	if err := answers.ReadCSV("район.csv", csvData.Bytes(), answers.Options{}, func(sub *submission.Submission) error {
		big.Add(scoring.Score(m, sub))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var bigPage bytes.Buffer
	if err := WriteSummaryHTML(&bigPage, big.Summary(), nil); err != nil {
		t.Fatal(err)
	}
	bigPath := filepath.Join(dir, "district-500.html")
	if err := os.WriteFile(bigPath, bigPage.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom = browse(t, bin, srv.URL, bigPath)
	if got := strings.Count(dom, `<td class="name">`); got != 500 {
		t.Errorf("500-school dashboard shows %d school rows", got)
	}
	if bigPage.Len() > 3<<20 {
		t.Errorf("500-school dashboard is %d bytes: too heavy to open", bigPage.Len())
	}
	if reqs := rec.requests(); len(reqs) > 0 {
		t.Errorf("the 500-school dashboard requested from the network: %v", reqs)
	}

	// A district of 300 schools in six municipalities: the municipalities
	// compared, each with its row, and the filter offering each.
	_, district, _ := printDistrict(t)
	var districtPage bytes.Buffer
	if err := WriteSummaryHTML(&districtPage, district, nil); err != nil {
		t.Fatal(err)
	}
	districtPath := filepath.Join(dir, "district-300.html")
	if err := os.WriteFile(districtPath, districtPage.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom = browse(t, bin, srv.URL, districtPath)
	for _, want := range []string{`id="municipalities"`, `id="municipality-filter"`, `id="municipality-stacked"`, "Итог, ср. %"} {
		if !strings.Contains(dom, want) {
			t.Errorf("300-school dashboard DOM lacks %q", want)
		}
	}
	for i := 1; i <= 6; i++ {
		if got := strings.Count(dom, fmt.Sprintf("Муниципальный округ № %d<", i)); got < 2 {
			t.Errorf("municipality %d shows %d times (table and filter)", i, got)
		}
	}

	dom = browse(t, bin, srv.URL, canary)
	if len(externalRefs(dom)) == 0 {
		t.Errorf("the canary's outside reference was not found in its DOM: the reference check is blind")
	}
	if reqs := rec.requests(); len(reqs) == 0 {
		t.Errorf("the canary's image request did not reach the recording proxy: the no-network check is blind")
	}
	t.Logf("screenshots in %s", dir)
}
