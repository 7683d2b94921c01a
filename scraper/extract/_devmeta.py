"""Developer check, not a test: metadata accuracy (title, authors, date) of
:func:`scraper.extract.extract_article` on wcxb-dev, over the pages whose gold has
that field, for all pages and the even / odd halves (sorted id order), plus the
failures of one field (gold vs ours) to classify by cause.

    .venv/bin/python -m scraper.extract._devmeta                 # accuracies
    .venv/bin/python -m scraper.extract._devmeta --fail author   # + failure list
    .venv/bin/python -m scraper.extract._devmeta --half even --fail title --meta-only

``--meta-only`` scores :func:`extract_metadata` (+ the htmldate fallback on the raw
tree) alone, which also covers pages the article check rejects.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from multiprocessing import Pool
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "wcxb-dev"
WORD_RE = re.compile(r"\w+")
MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")
GOLD_AUTHOR_SPLIT_RE = re.compile(r",|;|&|\band\b", re.I)


def key(text: str | None) -> str:
    return " ".join(WORD_RE.findall(MARKS_RE.sub("", (text or "").lower())))


def author_hit(gold: str, ours: list[str]) -> bool:
    gold_keys = {key(p) for p in GOLD_AUTHOR_SPLIT_RE.split(gold)} | {key(gold)}
    gold_keys.discard("")
    return bool(gold_keys & {key(a) for a in ours}) or key(gold) == key(", ".join(ours))


def load(ident: str) -> tuple[str, str, str | None, dict]:
    data = json.loads((BENCH / "ground-truth" / f"{ident}.json").read_text())
    html = gzip.open(BENCH / "html" / f"{ident}.html.gz").read().decode("utf-8", "replace")
    return ident, html, data.get("url"), data["ground_truth"]


def score(args: tuple[str, bool]) -> dict:
    ident, meta_only = args
    from scraper.extract import extract_article
    from scraper.extract.dates import fallback_date
    from scraper.extract.dom import parse_html
    from scraper.extract.language import detect_language
    from scraper.extract.metadata import extract_metadata

    ident, html, url, gold = load(ident)
    t0 = time.perf_counter()
    if meta_only:
        tree = parse_html(html)
        meta = extract_metadata(tree, url)
        title, authors = meta.title, meta.authors
        date = meta.date_published or fallback_date(tree, url)
        language = detect_language(meta.languages, None, "")
        rejected = False
    else:
        record = extract_article(html, url)
        rejected = record is None
        title = record.title if record else None
        authors = record.authors if record else []
        date = record.date_published if record else None
        language = record.language if record else None
    elapsed = time.perf_counter() - t0
    row = {"id": ident, "url": url, "rejected": rejected, "seconds": elapsed, "language": language,
           "ours": {"title": title, "author": authors, "date": date},
           "gold": {"title": gold.get("title"), "author": gold.get("author"),
                    "date": gold.get("publish_date")}}
    hits = {}
    if gold.get("title"):
        hits["title"] = key(title) == key(gold["title"])
    if gold.get("author"):
        hits["author"] = author_hit(gold["author"], authors)
    if gold.get("publish_date"):
        hits["date"] = (date or "")[:10] == gold["publish_date"][:10] or (
            len(gold["publish_date"]) == 7 and (date or "")[:7] == gold["publish_date"])
    row["hits"] = hits
    # something returned where the gold has nothing (not scored, worth watching)
    row["extra"] = {f: bool(row["ours"][f]) for f in ("author", "date") if not row["gold"][f]}
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fail", choices=("title", "author", "date"))
    parser.add_argument("--half", choices=("all", "even", "odd"), default="all")
    parser.add_argument("--meta-only", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dump", help="write every row as JSON lines here")
    args = parser.parse_args()
    idents = sorted(p.stem for p in (BENCH / "ground-truth").glob("*.json"))
    with Pool(args.jobs) as pool:
        rows = pool.map(score, [(i, args.meta_only) for i in idents], chunksize=8)
    halves = {"all": rows, "even": rows[0::2], "odd": rows[1::2]}
    for name, part in halves.items():
        cells = []
        for f in ("title", "author", "date"):
            scored = [r["hits"][f] for r in part if f in r["hits"]]
            cells.append(f"{f} {sum(scored)}/{len(scored)} = {sum(scored) / len(scored):.3f}")
        extra = {f: sum(r["extra"].get(f, False) for r in part) for f in ("author", "date")}
        rejected = sum(r["rejected"] for r in part)
        print(f"{name:>4} ({len(part)}): " + "  ".join(cells)
              + f"  | rejected {rejected}  returned-without-gold {extra}")
    langs: dict[str, int] = {}
    for r in rows:
        langs[str(r["language"])] = langs.get(str(r["language"]), 0) + 1
    print("languages:", dict(sorted(langs.items(), key=lambda kv: -kv[1])))
    print(f"extraction time: {sum(r['seconds'] for r in rows):.1f} s for {len(rows)} pages")
    if args.dump:
        Path(args.dump).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    if args.fail:
        for r in halves[args.half]:
            if r["hits"].get(args.fail) is False:
                print(f"{r['id']} {'REJ ' if r['rejected'] else ''}{r['url']}\n"
                      f"   gold {r['gold'][args.fail]!r}\n   ours {r['ours'][args.fail]!r}")


if __name__ == "__main__":
    main()
