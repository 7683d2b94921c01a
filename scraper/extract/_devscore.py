"""Developer check, not a test: body scores of :func:`scraper.extract.extract_article`
(and of plain trafilatura, cached) on the development benchmarks.

    .venv/bin/python -m scraper.extract._devscore [N] [aeb|wcxb-dev] [--half=even|odd]
        [--jobs=2] [--dump=FILE] [--worst=20]
    .venv/bin/python -m scraper.extract._devscore --speed [N] [aeb|wcxb-dev]

Measures, as the benchmarks' authors define them (see ``benchmarks/README.md``):

- ``aeb``: shingle F1 (``\\w+`` tokens, 4-token shingles; per page, true/false
  positive and false negative counts normalised to sum to 1; precision and recall
  averaged over pages; F1 of the two averages);
- ``wcxb-dev``: word-bag P/R/F1 per page (lower-cased ``\\w+``, multiset overlap),
  averaged; the share of ``with`` snippets found and of ``without`` snippets found.

Scores are given for all pages and for the even / odd halves (index in sorted id
order): develop on the even half, check on the odd one. ``--speed`` times, in one
process and page by page alternately, ``bare_extraction(html, with_metadata=True)``
against :func:`extract_article`.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

from scraper.extract import extract_article

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks"  # ../shared beside the checkout
CACHE = Path("/tmp/devscore-cache")
WORD_RE = re.compile(r"\w+")
MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")
SHINGLE = 4


def _tokens(text: str, lower: bool) -> list[str]:
    text = MARKS_RE.sub("", text or "")
    return WORD_RE.findall(text.lower() if lower else text)


def word_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """WCXB: bag-of-words precision, recall, F1 of one page."""
    p, g = Counter(_tokens(pred, True)), Counter(_tokens(gold, True))
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _shingles(text: str) -> Counter:
    tokens = _tokens(text, False)
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))
                   if tokens[i:i + SHINGLE])


def shingle_counts(pred: str, gold: str) -> tuple[float, float, float]:
    """AEB: (tp, fp, fn) of one page's shingles, normalised to sum to 1."""
    p, g = _shingles(pred), _shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_prf(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """AEB: precision and recall averaged over pages, F1 of the averages."""
    def ratio(a, b, other):
        if b == other == 0:
            return 1.0
        return a / (a + b) if a + b else None
    ps = [r for tp, fp, fn in rows if (r := ratio(tp, fp, fn)) is not None]
    rs = [r for tp, fp, fn in rows if (r := ratio(tp, fn, fp)) is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def snippet_rate(text: str, snippets: list[str]) -> float | None:
    snippets = [s for s in snippets or [] if s and s.strip()]
    if not snippets:
        return None
    low = (text or "").lower()
    return sum(s.lower() in low for s in snippets) / len(snippets)


def page_ids(name: str) -> list[str]:
    if name == "aeb":
        return sorted(json.loads((BENCH / "aeb/ground-truth.json").read_text()))
    return sorted(p.stem for p in (BENCH / "wcxb-dev/ground-truth").glob("*.json"))


def load_page(name: str, key: str) -> tuple[str, str | None, str, dict]:
    html = gzip.open(BENCH / f"{name}/html/{key}.html.gz").read().decode("utf-8", "replace")
    if name == "aeb":
        truth = _aeb_truth()[key]
        return html, truth["url"], truth["articleBody"], {}
    data = json.loads((BENCH / f"wcxb-dev/ground-truth/{key}.json").read_text())
    gold = data["ground_truth"]
    return html, data.get("url"), gold.get("main_content") or "", gold


_AEB: dict = {}


def _aeb_truth() -> dict:
    if not _AEB:
        _AEB.update(json.loads((BENCH / "aeb/ground-truth.json").read_text()))
    return _AEB


def _baseline(name: str, key: str, html: str, url: str | None) -> str:
    path = CACHE / name / f"{key}.txt"
    if path.exists():
        return path.read_text()
    text = trafilatura.extract(html, url=url, include_comments=False) or ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return text


def _score_one(job: tuple[str, str]) -> dict | None:
    name, key = job
    html, url, gold, gt = load_page(name, key)
    if not gold:
        return None
    plain = _baseline(name, key, html, url)
    record = extract_article(html, url)
    text = record.text if record else ""
    row = {"id": key, "text": text, "none": record is None}
    for label, pred in (("base", plain), ("ours", text)):
        row[label] = {"word": word_prf(pred, gold), "shingle": shingle_counts(pred, gold),
                      "with": snippet_rate(pred, gt.get("with")),
                      "without": snippet_rate(pred, gt.get("without"))}
    return row


def _summary(rows: list[dict], label: str) -> str:
    n = len(rows)
    word = [sum(r[label]["word"][i] for r in rows) / n for i in range(3)]
    sp, sr, sf = shingle_prf([r[label]["shingle"] for r in rows])
    out = (f"word P {word[0]:.4f} R {word[1]:.4f} F1 {word[2]:.4f} | "
           f"shingle P {sp:.4f} R {sr:.4f} F1 {sf:.4f}")
    for snip in ("with", "without"):
        vals = [r[label][snip] for r in rows if r[label][snip] is not None]
        if vals:
            out += f" | {snip} {sum(vals) / len(vals):.4f}"
    return out


def score(name: str, n: int, jobs: int, half: str | None, dump: str | None, worst: int) -> None:
    ids = page_ids(name)
    indexed = list(enumerate(ids))
    if half:
        indexed = [(i, k) for i, k in indexed if i % 2 == (0 if half == "even" else 1)]
    indexed = indexed[:n]
    parity = {k: i % 2 for i, k in indexed}
    with ProcessPoolExecutor(jobs) as pool:
        rows = [r for r in pool.map(_score_one, [(name, k) for _, k in indexed], chunksize=4) if r]
    print(f"{name}: {len(rows)} pages")
    for part, sel in (("all", rows), ("even", [r for r in rows if parity[r["id"]] == 0]),
                      ("odd", [r for r in rows if parity[r["id"]] == 1])):
        if not sel:
            continue
        print(f"  {part:4} base  {_summary(sel, 'base')}")
        print(f"  {part:4} ours  {_summary(sel, 'ours')}")
    nones = [r["id"] for r in rows if r["none"]]
    print(f"  None: {len(nones)} {nones[:15]}")
    metric = "shingle" if name == "aeb" else "word"

    def f1(r, label):
        if metric == "word":
            return r[label]["word"][2]
        tp, fp, fn = r[label]["shingle"]
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    worse = sorted(rows, key=lambda r: f1(r, "ours") - f1(r, "base"))[:worst]
    print("  worst vs base:", [(r["id"][:10], round(f1(r, "base"), 3), round(f1(r, "ours"), 3))
                               for r in worse if f1(r, "ours") < f1(r, "base") - 0.01])
    if dump:
        Path(dump).write_text(json.dumps(rows, ensure_ascii=False))


def speed(name: str, n: int) -> None:
    ids = page_ids(name)[:n]
    pages = [load_page(name, k) for k in ids]
    for html, url, _, _ in pages[:5]:  # warm up
        trafilatura.bare_extraction(html, url=url, with_metadata=True)
        extract_article(html, url)
    t_base = t_ours = 0.0
    for html, url, _, _ in pages:
        t0 = time.perf_counter()
        trafilatura.bare_extraction(html, url=url, with_metadata=True)
        t1 = time.perf_counter()
        extract_article(html, url)
        t2 = time.perf_counter()
        t_base += t1 - t0
        t_ours += t2 - t1
    print(f"{name}: {len(pages)} pages  bare_extraction(with_metadata) {len(pages) / t_base:.1f} p/s"
          f"  extract_article {len(pages) / t_ours:.1f} p/s  ratio {t_base / t_ours:.2f}x")


def main() -> None:
    opts = dict(a[2:].split("=", 1) if "=" in a else (a[2:], "1") for a in sys.argv[1:] if a.startswith("--"))
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    name = "aeb" if "aeb" in args else "wcxb-dev"
    nums = [int(a) for a in args if a.isdigit()]
    n = nums[0] if nums else 10_000
    if "speed" in opts:
        speed(name, n)
        return
    score(name, n, int(opts.get("jobs", 2)), opts.get("half"), opts.get("dump"), int(opts.get("worst", 20)))


if __name__ == "__main__":
    main()
