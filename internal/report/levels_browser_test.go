package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/officetest"
	"github.com/selfdiag/selfdiag/internal/scoring"
	"github.com/selfdiag/selfdiag/internal/submission"
	"github.com/selfdiag/selfdiag/internal/summary"
)

// fiveLevels is a model of five levels with long titles, three components
// of one indicator each: answering k on every indicator puts a school at
// level k everywhere. Its lowest and highest levels have colours of their
// own, the others the palette's.
const fiveLevels = `schema: selfdiag.model/v1
id: five
version: "1"
title: Five levels
source: test
language: en
levels:
  - {id: l1, title: Level 1 Initial and ad hoc, color: "#7B1FA2"}
  - {id: l2, title: Level 2 Developing practices}
  - {id: l3, title: Level 3 Defined and documented}
  - {id: l4, title: Level 4 Managed and measured}
  - {id: l5, title: Level 5 Optimising continuously, color: "#0d47a1"}
components:
  - {id: a, title: Governance, kind: direction}
  - {id: b, title: Infrastructure, kind: direction}
  - {id: c, title: Inclusion, kind: condition}
thresholds:
  default: {percent: {l2: 20, l3: 40, l4: 60, l5: 80}}
indicators:
`

func fiveLevelModel(t *testing.T) *model.Model {
	t.Helper()
	inds := ""
	for _, c := range []string{"a", "b", "c"} {
		inds += fmt.Sprintf("  - {id: %s.1, component: %s, text: Practice, options: [{text: \"0\", points: 0}, {text: \"1\", points: 1}, {text: \"2\", points: 2}, {text: \"3\", points: 3}, {text: \"4\", points: 4}]}\n", c, c)
	}
	m, err := model.Load(fstest.MapFS{"model.yaml": {Data: []byte(fiveLevels + inds)}}, "five")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The English dashboard of a five-level model in Chromium: it is English as
// the browser renders it (its lang, no Cyrillic letter in its text), every
// level has its own colour on the screen (sampled from a screenshot of the
// legend) and in the heat map, and no level title is cut at the edge of a
// figure or a cell.
func TestFiveLevelsInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("drives Chromium")
	}
	m := fiveLevelModel(t)
	agg := summary.New(m, summary.Options{})
	for k := range 5 {
		sub := &submission.Submission{Source: fmt.Sprintf("s%d.csv", k), School: submission.School{Name: fmt.Sprintf("Unit %d", k+1), Code: fmt.Sprint(k + 1)}}
		for _, c := range []string{"a", "b", "c"} {
			sub.Answers = append(sub.Answers, submission.Answer{Indicator: c + ".1", Value: fmt.Sprint(k)})
		}
		r := scoring.Score(m, sub)
		if r.Total.Level != k {
			t.Fatalf("unit %d at level %d", k+1, r.Total.Level)
		}
		agg.Add(r)
	}
	var page bytes.Buffer
	if err := WriteSummaryHTML(&page, agg.Summary(), nil); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "dashboard.html")
	if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// A unit's own report: its figures name the long levels too.
	var school bytes.Buffer
	unit := &submission.Submission{Source: "u.csv", School: submission.School{Name: "Unit"}}
	for _, c := range []string{"a", "b", "c"} {
		unit.Answers = append(unit.Answers, submission.Answer{Indicator: c + ".1", Value: "4"})
	}
	if err := WriteHTML(&school, m, &School{Explained: scoring.Explain(m, scoring.Score(m, unit))}); err != nil {
		t.Fatal(err)
	}
	schoolPath := filepath.Join(dir, "school.html")
	if err := os.WriteFile(schoolPath, school.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(officetest.Chromium(t)), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 1000), chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("force-device-scale-factor", "1"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path)); err != nil {
		t.Fatal(err)
	}
	c, cancelRun := context.WithTimeout(ctx, 60*time.Second)
	defer cancelRun()

	english(t, c, "the dashboard")

	// Nothing cut: each legend title inside its figure, each level name
	// inside its badge.
	clipped, err := chromedp.Run(c, chromedp.Evaluate[[]string](`(function(){
		var out = [];
		document.querySelectorAll("svg.chart.stacked").forEach(function(svg){
			var w = svg.viewBox.baseVal.width;
			svg.querySelectorAll("text").forEach(function(t){
				var b = t.getBBox();
				if (b.x < 0 || b.x + b.width > w + 0.5) out.push(t.textContent + " at " + b.x + "+" + b.width + " of " + w);
			});
		});
		document.querySelectorAll(".lvl").forEach(function(e){
			if (e.scrollWidth > e.clientWidth + 1) out.push("badge " + e.textContent);
		});
		return out; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(clipped) > 0 {
		t.Errorf("cut at the edge: %v", clipped)
	}
	if err := chromedp.Do(c, chromedp.Navigate("file://"+schoolPath)); err != nil {
		t.Fatal(err)
	}
	english(t, c, "the unit's report")
	clipped, err = chromedp.Run(c, chromedp.Evaluate[[]string](`(function(){
		var out = [];
		document.querySelectorAll("svg.chart").forEach(function(svg){
			var v = svg.viewBox.baseVal;
			svg.querySelectorAll("text").forEach(function(t){
				var b = t.getBBox();
				if (b.x < v.x - 0.5 || b.x + b.width > v.x + v.width + 0.5) out.push(svg.getAttribute("class") + ": " + t.textContent + " at " + b.x + "+" + b.width + " of " + v.width);
			});
		});
		return out; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(clipped) > 0 {
		t.Errorf("the school report's figures cut: %v", clipped)
	}
	if err := chromedp.Do(c, chromedp.Navigate("file://"+path)); err != nil {
		t.Fatal(err)
	}
	for _, l := range m.Levels {
		if !strings.Contains(page.String(), ">"+l.Title+"</text>") {
			t.Errorf("the legend drops «%s»", l.Title)
		}
	}

	// Five colours in the heat map: the component cells of the five Units.
	colors, err := chromedp.Run(c, chromedp.Evaluate[[]string](`Array.prototype.map.call(
		document.querySelectorAll("#heatmap tbody tr td.cell:nth-child(6)"), function(td){ return getComputedStyle(td).backgroundColor; })`))
	if err != nil {
		t.Fatal(err)
	}
	if distinct(colors) != 5 {
		t.Errorf("heat map colours of the five levels: %v", colors)
	}
	// The model's own colours where it declares them, with white text on
	// the dark one.
	if len(colors) == 5 && (colors[0] != "rgb(123, 31, 162)" || colors[4] != "rgb(13, 71, 161)") {
		t.Errorf("heat map cells of levels 1 and 5: %s, %s; want the model's #7B1FA2 and #0D47A1", colors[0], colors[4])
	}
	text, err := chromedp.Run(c, chromedp.Evaluate[string](`getComputedStyle(document.querySelectorAll("#heatmap tbody tr td.cell:nth-child(6)")[4]).color`))
	if err != nil {
		t.Fatal(err)
	}
	if text != "rgb(255, 255, 255)" {
		t.Errorf("text on the dark blue of level 5: %s, want white", text)
	}

	// Five colours on the screen: the legend's swatches, sampled from a
	// screenshot of the figure.
	shot, err := chromedp.Run(c, chromedp.Screenshot(chromedp.CSS("svg.chart.stacked")))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := chromedp.Run(c, chromedp.Evaluate[string](`(function(){
		var svg = document.querySelector("svg.chart.stacked"), o = svg.getBoundingClientRect(), out = [];
		svg.querySelectorAll('rect[width="14"]').forEach(function(r){
			var b = r.getBoundingClientRect(); out.push([b.left - o.left, b.top - o.top, b.width, b.height]);
		});
		return JSON.stringify(out); })()`))
	if err != nil {
		t.Fatal(err)
	}
	var swatches [][4]float64
	if err := json.Unmarshal([]byte(raw), &swatches); err != nil {
		t.Fatal(err)
	}
	if len(swatches) != 5 {
		t.Fatalf("%d legend swatches, want 5", len(swatches))
	}
	var fills []string
	for _, s := range swatches {
		fills = append(fills, dominant(img, s))
	}
	if distinct(fills) != 5 {
		t.Errorf("the legend's five swatches show %v on the screen", fills)
	}
	if fills[0] != "#7b1fa2" || fills[4] != "#0d47a1" {
		t.Errorf("the legend's swatches of levels 1 and 5 show %s and %s, want the model's #7b1fa2 and #0d47a1", fills[0], fills[4])
	}
}

// english checks the page open in c as its reader gets it: marked English,
// and no Cyrillic letter in its rendered text, its figures' texts and its
// title.
func english(t *testing.T, c context.Context, what string) {
	t.Helper()
	got, err := chromedp.Run(c, chromedp.Evaluate[[]string](`(function(){
		var text = document.title + "\n" + document.body.innerText;
		document.querySelectorAll("svg text, svg title").forEach(function(e){ text += "\n" + e.textContent; });
		return [document.documentElement.lang, text]; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "en" {
		t.Errorf("%s: lang=%q, want en", what, got[0])
	}
	for i, line := range strings.Split(got[1], "\n") {
		if strings.ContainsFunc(line, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			t.Errorf("%s, line %d of its text: %q", what, i+1, line)
		}
	}
	if !strings.Contains(got[1], "Level 5 Optimising continuously") {
		t.Errorf("%s: no level title in its text", what)
	}
}

// dominant is the most frequent colour inside a swatch (its fill; the
// pattern's lines are thin).
func dominant(img image.Image, s [4]float64) string {
	count := map[string]int{}
	for y := int(s[1]) + 2; y < int(s[1]+s[3])-2; y++ {
		for x := int(s[0]) + 2; x < int(s[0]+s[2])-2; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			count[fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)]++
		}
	}
	best, n := "", 0
	for c, k := range count {
		if k > n {
			best, n = c, k
		}
	}
	return best
}

func distinct(xs []string) int {
	seen := map[string]bool{}
	for _, x := range xs {
		seen[x] = true
	}
	return len(seen)
}
