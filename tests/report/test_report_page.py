"""End to end: `scraper report` on real output, the page rendered by headless Chromium.

Chromium (Debian's ``chromium``, installed by ``.ci/run``) takes a screenshot of the page,
which must not be blank, and dumps the DOM of a copy of the page with a probe script
added, which measures every chart's drawn marks as laid out by the browser. Without
Chromium these tests skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from png_check import distinct_colours, png_pixels
from report_data import steady, template_change, write_out

from scraper.demo import DemoServer

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Added to a copy of the page only: the report itself holds no script. For every chart,
# how many of its marks the browser laid out with a size (a line may be flat: either side).
PROBE = """<script>
for (const svg of document.querySelectorAll("svg.chart")) {
  const box = svg.getBoundingClientRect();
  let drawn = 0;
  for (const mark of svg.querySelectorAll("rect.mark, circle.mark, path.mark")) {
    const b = mark.getBBox();
    if (mark.tagName === "path" ? (b.width > 0 || b.height > 0) : (b.width > 0 && b.height > 0)) drawn++;
  }
  svg.setAttribute("data-drawn", drawn);
  svg.setAttribute("data-box", Math.round(box.width) + "x" + Math.round(box.height));
}
document.body.setAttribute("data-probed", "yes");
</script>"""


def chromium() -> str:
    """Chromium's path; skip (fail under CI) when it is not installed."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found:
        return found
    message = "headless Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message + ": CI must run the report rendering tests")
    pytest.skip(message)


def _chromium(page: Path, tmp: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *mode, "--window-size=1280,2000",
         page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp,
    )


def check_rendered(page: Path, tmp: Path) -> Path:
    """Screenshot ``page`` and check it is not blank; check every chart has drawn marks."""
    shot = tmp / "report.png"
    result = _chromium(page, tmp, f"--screenshot={shot}")
    assert shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    width, height, _ = png_pixels(data)
    assert (width, height) == (1280, 2000)
    assert len(data) > 20_000 and distinct_colours(data) > 20, "the screenshot is (nearly) blank"

    html = page.read_text(encoding="utf-8")
    charts = html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"')
    assert charts >= 1
    probed = tmp / "probed.html"
    probed.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _chromium(probed, tmp, "--dump-dom").stdout
    assert 'data-probed="yes"' in dom, dom[-2000:]
    drawn = [int(n) for n in re.findall(r'data-drawn="(\d+)"', dom)]
    boxes = re.findall(r'data-box="(\d+)x(\d+)"', dom)
    assert len(drawn) == charts == len(boxes)
    assert all(n > 0 for n in drawn), f"a chart with nothing drawn: {drawn}"
    assert all(int(w) > 0 and int(h) > 0 for w, h in boxes), boxes
    return shot


def assert_self_contained(html: str) -> None:
    """No script, and nothing fetched from anywhere (the SVG namespace is only a name)."""
    assert "<script" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html), "the page fetches something"
    assert not re.search(r"url\(|@import", html)


@pytest.fixture
def history(tmp_path) -> Path:
    """Two sites' output over 13 days: one steady, one whose template changed on day 11,
    a bad line, and the last crawl summaries ``scraper schedule`` keeps."""
    out = write_out(tmp_path / "out", steady("steady-news", language="ar") + template_change("changing-news"))
    with (out / "steady-news" / "2026-11-13.jsonl").open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    runs = out / ".state" / "runs"
    runs.mkdir(parents=True)
    (runs / "changing-news.json").write_text(json.dumps({"finish_reason": "finished", "sites": {
        "changing-news": {"dropped": {"too_short": 4, "not_article": 9}, "skipped_seen": 30, "skipped_old": 2}}}))
    (runs / "broken.json").write_text("{")
    return out


def test_the_report_of_a_site_whose_template_changed_renders_with_its_alarm(history, tmp_path):
    page = tmp_path / "report.html"
    result = run_cli("report", str(history), "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert "skipped 1 bad lines" in result.stderr
    assert "2 extraction-health alarm(s)" in result.stderr
    assert "scraper: alarm: changing-news: authors filled 0%" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert_self_contained(html)
    table = html[html.index('<table id="alarms">'):]
    table = table[:table.index("</table>")]
    assert table.count('<tr class="alarm">') == 2
    assert "changing-news</td><td>authors" in table and "changing-news</td><td>date" in table
    assert "steady-news" not in table
    for heading in ("Articles per day", "Fill rates over time", "Drop and skip reasons", "Languages"):
        assert heading in html
    assert "changing-news: too_short" in html and "changing-news: seen" in html
    assert "steady-news: ar" in html
    check_rendered(page, tmp_path)


def test_site_selects_the_sites_reported(history, tmp_path):
    page = tmp_path / "steady.html"
    result = run_cli("report", str(history), "--site", "steady-news", "-o", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "changing-news" not in html and "No alarm" in html
    assert "No drop or skip reasons persisted" in html


def test_the_demo_crawl_s_report_renders(tmp_path):
    with DemoServer() as server:
        config = server.write_config(tmp_path / "sites.toml")
        crawl = run_cli("crawl", str(config), "--out", str(tmp_path / "out"),
                        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "--allow-private")
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert "extraction health" not in crawl.stdout  # one day of history: nothing to compare with
    page = tmp_path / "demo.html"
    result = run_cli("report", str(tmp_path / "out"), "-o", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert_self_contained(html)
    assert "arabic-demo" in html and "english-demo" in html
    # the crawl kept each site's summary; a first crawl of the demo drops and skips nothing
    assert sorted(p.name for p in (tmp_path / "out" / ".state" / "runs").iterdir()) == [
        "arabic-demo.json", "english-demo.json"]
    assert "the kept crawl summaries dropped and skipped nothing" in html
    check_rendered(page, tmp_path)


def test_a_missing_or_empty_output_directory_is_exit_2_in_one_line(tmp_path):
    missing = run_cli("report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1, missing.stderr
    assert "no such directory" in missing.stderr
    (tmp_path / "empty" / "site").mkdir(parents=True)
    (tmp_path / "empty" / "site" / "2026-11-01.jsonl").write_text("garbage\n")
    empty = run_cli("report", str(tmp_path / "empty"), "-o", str(tmp_path / "r.html"))
    assert empty.returncode == 2 and empty.stderr.count("\n") == 1, empty.stderr
    assert "none a record" in empty.stderr
    assert not (tmp_path / "r.html").exists()
