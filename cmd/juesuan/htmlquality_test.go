package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromiumPath is the headless browser, or the test is skipped.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Chromium not installed: the page is not rendered")
	return ""
}

// chromium runs headless Chromium on args and returns its stdout.
func chromium(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, chromiumPath(t), append(base, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return string(out)
}

// screenshots keeps the screenshots where JUESUAN_SCREENSHOTS names a
// folder (to look at them), else in the test's temporary folder.
func screenshots(t *testing.T) string {
	if d := os.Getenv("JUESUAN_SCREENSHOTS"); d != "" {
		os.MkdirAll(d, 0o755)
		return d
	}
	return t.TempDir()
}

// TestHTMLPageTellsTheTruth renders the page of a report with failed
// checks and a missing table in headless Chromium: the status says so,
// every failed check's cells link to it and back, every anchor
// resolves, and at a phone's width nothing but the tables and the chart
// (each in its own scrolling box) is wider than the screen.
func TestHTMLPageTellsTheTruth(t *testing.T) {
	t.Parallel() // Chromium and juesuan run as processes of their own
	chromiumPath(t)
	pdf := filepath.Join(fixtures, "sh2024_chromium_narrative.pdf")
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if _, stderr, code := runBin(t, []string{"LANG=C"}, "inspect", "--format", "html", "-o", page, pdf); code != 0 {
		t.Fatalf("inspect: exit %d: %s", code, stderr)
	}
	dom := chromium(t, "--dump-dom", "file://"+page)

	if !strings.Contains(dom, `<dd class="status-warn">ok · 11 checks failed · T09 missing</dd>`) {
		t.Errorf("the status does not say what is true: %s", regexp.MustCompile(`<dd class="status[^<]*</dd>`).FindString(dom))
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(dom, -1) {
		ids[m[1]] = true
	}
	links := regexp.MustCompile(` href="#([^"]*)"`).FindAllStringSubmatch(dom, -1)
	for _, m := range links {
		if !ids[m[1]] {
			t.Errorf("link to #%s leads nowhere", m[1])
		}
	}
	if !ids["T09"] || !strings.Contains(dom, "T09") {
		t.Error("the missing table T09 has no section")
	}
	// Each marked cell links to its check, which links back to the cell.
	cells := regexp.MustCompile(`<td class="num fail" id="(cell-[^"]+)" title="([^"]*)"><a href="#(check-[0-9a-f]+)">`).FindAllStringSubmatch(dom, -1)
	if len(cells) < 2 {
		t.Fatalf("%d failed cells marked, want at least the two the text misstates (T01 总计, T06 人员经费合计)", len(cells))
	}
	for _, c := range cells {
		entry := regexp.MustCompile(`(?s)<li id="` + c[3] + `">.*?</li>`).FindString(dom)
		if !strings.Contains(entry, `href="#`+c[1]+`"`) {
			t.Errorf("check %s does not link back to cell %s", c[3], c[1])
		}
	}
	var sentence bool
	for _, c := range cells {
		sentence = sentence || strings.Contains(c[2], "N.amount") && strings.Contains(c[2], "人员经费3492.15万元")
	}
	if !sentence {
		t.Error("no failed cell shows the check and the sentence it contradicts on hover")
	}

	// Phone width: a page that measures itself inside a 390 px frame.
	probe := filepath.Join(dir, "probe.html")
	os.WriteFile(probe, []byte(`<!DOCTYPE html><body><iframe id="f" src="report.html" style="width:390px;height:800px;border:0"></iframe>
<pre id="out"></pre><script>
document.getElementById("f").onload = function () {
  var d = this.contentDocument, wide = [];
  d.querySelectorAll("body *").forEach(function (e) {
    if (e.closest(".scroll")) return;
    var r = e.getBoundingClientRect();
    if (r.right > 391) wide.push(e.tagName + "." + e.className + " " + Math.round(r.right));
  });
  document.getElementById("out").textContent = "width=" + d.documentElement.scrollWidth + "\nwide=" + wide.slice(0, 10).join("; ");
};
</script></body>`), 0o644)
	out := chromium(t, "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom", "file://"+probe)
	m := regexp.MustCompile(`width=(\d+)\nwide=([^<]*)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the probe measured nothing:\n%.500s", out)
	}
	if w, _ := strconv.Atoi(m[1]); w > 390 || m[2] != "" {
		t.Errorf("at 390 px the page is %s px wide; too wide: %s", m[1], m[2])
	}

	shots := screenshots(t)
	for _, size := range []struct{ name, window string }{{"desktop", "1280,2400"}, {"phone", "390,2400"}} {
		png := filepath.Join(shots, "report-"+size.name+".png")
		chromium(t, "--window-size="+size.window, "--screenshot="+png, "file://"+page)
		if fi, err := os.Stat(png); err != nil || fi.Size() < 10_000 {
			t.Errorf("%s screenshot: %v", size.name, err)
		}
	}
}
