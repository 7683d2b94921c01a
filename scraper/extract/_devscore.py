"""Developer check, not a test: word-bag F1 (WCXB definition) of plain trafilatura
versus :func:`scraper.extract.extract_article` on benchmark pages.

    .venv/bin/python -m scraper.extract._devscore [N] [--set wcxb-dev|aeb]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

from scraper.extract import extract_article

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks"  # ../shared beside the checkout
WORD_RE = re.compile(r"\w+")
MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")


def words(text: str) -> Counter:
    return Counter(WORD_RE.findall(MARKS_RE.sub("", (text or "").lower())))


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = words(pred), words(gold)
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pages(name: str, n: int):
    if name == "aeb":
        truth = json.loads((BENCH / "aeb/ground-truth.json").read_text())
        for key in sorted(truth)[:n]:
            html = gzip.open(BENCH / f"aeb/html/{key}.html.gz").read().decode("utf-8", "replace")
            yield key, html, truth[key]["url"], truth[key]["articleBody"], {}
        return
    files = sorted((BENCH / "wcxb-dev/ground-truth").glob("*.json"))
    step = max(1, len(files) // n)
    for path in files[::step][:n]:
        data = json.loads(path.read_text())
        gold = data["ground_truth"]
        if not gold.get("main_content"):
            continue
        html = gzip.open(BENCH / f"wcxb-dev/html/{path.stem}.html.gz").read().decode("utf-8", "replace")
        yield path.stem, html, data.get("url"), gold["main_content"], gold


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 60
    name = "aeb" if "--set=aeb" in sys.argv or "aeb" in sys.argv else "wcxb-dev"
    base, ours, none_ids, worse = [], [], [], []
    t_base = t_ours = 0.0
    meta_hits = Counter()
    for key, html, url, gold, gt in pages(name, n):
        t0 = time.perf_counter()
        plain = trafilatura.extract(html, url=url, include_comments=False) or ""
        t1 = time.perf_counter()
        record = extract_article(html, url)
        t2 = time.perf_counter()
        t_base += t1 - t0
        t_ours += t2 - t1
        text = record.text if record else ""
        if record is None:
            none_ids.append(key)
        b, o = prf(plain, gold), prf(text, gold)
        base.append(b)
        ours.append(o)
        if o[2] < b[2] - 0.02:
            worse.append((key, round(b[2], 3), round(o[2], 3)))
        if record and gt:
            tokens = lambda s: WORD_RE.findall((s or "").lower())  # noqa: E731
            meta_hits["title"] += tokens(record.title) == tokens(gt.get("title"))
            meta_hits["date"] += bool(gt.get("publish_date")) and (record.date_published or "")[:10] == gt["publish_date"][:10]
            gold_authors = {a.strip().lower() for a in re.split(r",|;| and ", gt.get("author") or "") if a.strip()}
            meta_hits["author"] += bool(gold_authors & {a.lower() for a in record.authors})
    count = len(base)

    def avg(rows, i):
        return sum(r[i] for r in rows) / count

    print(f"{name}: {count} pages")
    print(f"  trafilatura.extract  P {avg(base,0):.3f} R {avg(base,1):.3f} F1 {avg(base,2):.3f}  {count/t_base:.1f} pages/s")
    print(f"  extract_article      P {avg(ours,0):.3f} R {avg(ours,1):.3f} F1 {avg(ours,2):.3f}  {count/t_ours:.1f} pages/s")
    print(f"  None: {len(none_ids)} {none_ids[:20]}")
    print(f"  worse by >0.02: {len(worse)} {worse[:20]}")
    if meta_hits:
        print("  metadata hits:", {k: f"{v}/{count}" for k, v in meta_hits.items()})


if __name__ == "__main__":
    main()
