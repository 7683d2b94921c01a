"""Run extractors over a dataset, score every page, aggregate.

Two systems can run in one pass:

``scraper``
    :func:`scraper.extract.extract_article` — the full record (text and metadata).
``trafilatura`` (the baseline, on request)
    ``trafilatura.bare_extraction(html, url=url, include_comments=False,
    with_metadata=True)``: its ``.text``, ``.title``, ``.author`` (names joined by
    ``"; "``), ``.date`` and ``.language``. On AEB the baseline body is instead
    ``trafilatura.extract(html, include_comments=False)``, the call the AEB reference
    scores use; that extra call is not timed.

Each page's HTML is read and decoded once, before any clock starts; only the
extraction calls are timed. With the baseline, the two systems run on each page in
alternating order (ours first on even pages, trafilatura first on odd ones) after one
untimed warm-up call each and a warm-up of dateparser (:func:`warm_up_date_parser`),
so that a noisy machine slows both alike and one-time set-up costs neither.

Aggregates: body precision and recall are averaged over pages with gold body text; F1
is, for the shingle metric (AEB), computed from those two averages and, for the word
metric (WCXB, simple), the average of the per-page F1. Snippet rates are averaged over
the pages with snippets of that kind (WCXB's measure); snippet precision, recall and F1
and the ``without`` leak are counted over all snippets of the set (trafilatura's
measure, :func:`~scraper.evaluation.metrics.snippet_prf`); each metadata accuracy is the share of correct
pages among those with that gold field. A page where the extractor returned nothing
stays in every average with zero scores (and ``without`` rate 0). Our text is scored
whatever the page's ``page_type``; the pages a crawl would drop are counted
(``not_article``), and so are the pages where the baseline found more than
``LOST_BASELINE_CHARS`` characters and we nothing (``lost``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from scraper.evaluation.datasets import Dataset, Gold, Page
from scraper.evaluation.metrics import (
    PRF,
    author_matches,
    f1_score,
    language_matches,
    same_day,
    shingle_scores,
    snippet_hits,
    snippet_prf,
    title_matches,
    word_scores,
)

__all__ = [
    "Extraction",
    "PageScore",
    "Report",
    "Score",
    "aggregate",
    "baseline_body",
    "evaluate",
    "extract_baseline",
    "extract_ours",
    "score_page",
    "warm_up_date_parser",
]

OURS = "scraper"
BASELINE = "trafilatura"
METADATA_FIELDS = ("title", "authors", "date", "language")
# A page is "lost" when the baseline found more than this many characters and we none.
LOST_BASELINE_CHARS = 500
# A text no dateparser locale claims: parsing it visits (and builds) every locale.
WARM_UP_DATE_TEXT = "zq 77 xv"


@dataclass(frozen=True)
class Extraction:
    """What one system returned for one page, in a common shape."""

    text: str = ""
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None
    page_type: str = "article"


class Progress(Protocol):
    def update(self, done: int) -> None: ...
    def close(self) -> None: ...


@dataclass
class PageScore:
    """One system's scores on one page; None where the page has no gold for it."""

    empty: bool
    seconds: float = 0.0
    page_type: str = "article"
    lost: bool = False
    body: PRF | None = None
    with_found: float | None = None
    without_found: float | None = None
    with_hits: tuple[int, int] = (0, 0)
    without_hits: tuple[int, int] = (0, 0)
    title: bool | None = None
    authors: bool | None = None
    date: bool | None = None
    language: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["body"] = asdict(self.body) if self.body else None
        return data


@dataclass
class Score:
    """One system's aggregate over a dataset (see the module doc for the averaging)."""

    system: str
    pages: int = 0
    empty: int = 0
    not_article: int = 0
    lost: int = 0
    seconds: float = 0.0
    body_pages: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    with_found: float | None = None
    with_pages: int = 0
    without_found: float | None = None
    without_pages: int = 0
    snippet_precision: float | None = None
    snippet_recall: float | None = None
    snippet_f1: float | None = None
    without_leak: float | None = None
    title: float | None = None
    title_pages: int = 0
    authors: float | None = None
    authors_pages: int = 0
    date: float | None = None
    date_pages: int = 0
    language: float | None = None
    language_pages: int = 0

    @property
    def pages_per_second(self) -> float | None:
        return self.pages / self.seconds if self.seconds > 0 else None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "pages_per_second": self.pages_per_second}


@dataclass
class Report:
    """Everything one ``scraper eval`` run measured."""

    dataset: str
    format: str
    body_metric: str
    scores: dict[str, Score]
    per_page: list[dict[str, Any]] = field(default_factory=list)

    @property
    def speed_ratio(self) -> float | None:
        """Our pages per second divided by the baseline's (None without a baseline)."""
        ours, base = self.scores.get(OURS), self.scores.get(BASELINE)
        if not ours or not base or not ours.pages_per_second or not base.pages_per_second:
            return None
        return ours.pages_per_second / base.pages_per_second


def score_page(extraction: Extraction | None, gold: Gold, body_metric: str) -> PageScore:
    """Score one system's output on one page against its gold (without timing)."""
    found = extraction or Extraction()
    text = found.text or ""
    score = PageScore(empty=not text.strip(), page_type=found.page_type)
    if gold.text:
        metric = shingle_scores if body_metric == "shingles" else word_scores
        score.body = metric(text, gold.text)
    score.with_hits = snippet_hits(text, gold.with_snippets)
    score.without_hits = snippet_hits(text, gold.without_snippets)
    score.with_found = _share(score.with_hits)
    score.without_found = _share(score.without_hits)
    if gold.title:
        score.title = title_matches(found.title, gold.title)
    if gold.authors:
        score.authors = author_matches(found.authors, gold.authors)
    if gold.date_published:
        score.date = same_day(found.date, gold.date_published)
    if gold.language:
        score.language = language_matches(found.language, gold.language)
    return score


def _share(hits: tuple[int, int]) -> float | None:
    found, total = hits
    return found / total if total else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(system: str, scores: Sequence[PageScore], body_metric: str) -> Score:
    """Average the page scores of one system (see the module doc)."""
    total = Score(system=system, pages=len(scores))
    total.empty = sum(s.empty for s in scores)
    total.not_article = sum(s.page_type != "article" for s in scores)
    total.lost = sum(s.lost for s in scores)
    total.seconds = sum(s.seconds for s in scores)
    bodies = [s.body for s in scores if s.body is not None]
    total.body_pages = len(bodies)
    if bodies:
        total.precision = _mean([b.precision for b in bodies])
        total.recall = _mean([b.recall for b in bodies])
        if body_metric == "shingles":
            total.f1 = f1_score(total.precision or 0.0, total.recall or 0.0)
        else:
            total.f1 = _mean([b.f1 for b in bodies])
    for name in ("with_found", "without_found"):
        shares = [v for v in (getattr(s, name) for s in scores) if v is not None]
        setattr(total, name, _mean(shares))
        setattr(total, name.replace("_found", "_pages"), len(shares))
    with_found = sum(s.with_hits[0] for s in scores)
    without_found, without_total = sum(s.without_hits[0] for s in scores), sum(s.without_hits[1] for s in scores)
    snippets = snippet_prf(with_found, sum(s.with_hits[1] for s in scores), without_found)
    if snippets is not None:
        total.snippet_precision, total.snippet_recall, total.snippet_f1 = (
            snippets.precision, snippets.recall, snippets.f1)
    total.without_leak = without_found / without_total if without_total else None
    for name in METADATA_FIELDS:
        hits = [v for v in (getattr(s, name) for s in scores) if v is not None]
        setattr(total, name, _mean([float(h) for h in hits]))
        setattr(total, f"{name}_pages", len(hits))
    return total


# --- the two systems ---------------------------------------------------------------

def extract_ours(page: Page) -> Extraction | None:
    """Our extractor on one page (:func:`scraper.extract.extract_article`)."""
    from scraper.extract import extract_article

    record = extract_article(page.html, page.url)
    if record is None:
        return None
    return Extraction(
        text=record.text or "",
        title=record.title,
        authors=tuple(record.authors or ()),
        date=record.date_published,
        language=record.language,
        page_type=record.page_type,
    )


def extract_baseline(page: Page) -> Extraction | None:
    """Plain trafilatura on one page: ``bare_extraction`` with metadata."""
    from trafilatura import bare_extraction

    document = bare_extraction(page.html, url=page.url, include_comments=False, with_metadata=True)
    if document is None:
        return None
    author = getattr(document, "author", None)
    return Extraction(
        text=getattr(document, "text", None) or "",
        title=getattr(document, "title", None),
        authors=(author,) if author else (),
        date=getattr(document, "date", None),
        language=getattr(document, "language", None),
    )


def _baseline_text(page: Page) -> str:
    from trafilatura import extract

    return extract(page.html, include_comments=False) or ""


def baseline_body(page: Page, kind: str) -> str:
    """The baseline's body text as ``scraper eval`` scores it (``kind``: the dataset's
    ``baseline_body``, ``"extract"`` or ``"document"``)."""
    if kind == "extract":
        return _baseline_text(page)
    found = extract_baseline(page)
    return found.text if found else ""


def warm_up_date_parser() -> None:
    """Build dateparser's per-locale tables before any clock starts.

    Both systems reach dateparser through htmldate on some pages; its first call on a
    string no locale claims compiles the tables of all ~400 locales (3-10 s here), a
    once-per-process cost that would otherwise land on whichever system meets such a
    page first and swamp the per-page timings. A crawl pays it once per worker.
    """
    try:
        from htmldate.extractors import get_external_parser

        get_external_parser().get_date_data(WARM_UP_DATE_TEXT)
    except Exception:  # noqa: BLE001 - a missing or changed parser only skips the warm-up
        pass


def _timed(system: Callable[[Page], Extraction | None], page: Page) -> tuple[Extraction | None, float]:
    started = time.perf_counter()
    result = system(page)
    return result, time.perf_counter() - started


def evaluate(
    dataset: Dataset,
    ids: Iterable[str] | None = None,
    *,
    baseline: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Run our extractor (and the baseline on request) over ``ids`` of ``dataset``."""
    keys = dataset.ids() if ids is None else list(ids)
    systems: list[tuple[str, Callable[[Page], Extraction | None]]] = [(OURS, extract_ours)]
    if baseline:
        systems.append((BASELINE, extract_baseline))
    page_scores: dict[str, list[PageScore]] = {name: [] for name, _ in systems}
    per_page: list[dict[str, Any]] = []
    for index, page in enumerate(dataset.pages(keys)):
        if index == 0:
            warm_up_date_parser()
            for _, system in systems:  # warm-up: lazy imports and first-call caches
                system(page)
        order = systems if index % 2 == 0 else systems[::-1]
        results = {name: _timed(system, page) for name, system in order}
        detail: dict[str, Any] = {"id": page.id, "url": page.url}
        baseline_found = baseline and len((results[BASELINE][0] or Extraction()).text) > LOST_BASELINE_CHARS
        for name, _ in systems:
            extraction, seconds = results[name]
            if name == BASELINE and dataset.baseline_body == "extract":
                base = extraction or Extraction()
                extraction = Extraction(_baseline_text(page), base.title, base.authors, base.date, base.language)
            score = score_page(extraction, page.gold, dataset.body_metric)
            score.seconds = seconds
            score.lost = name == OURS and baseline_found and score.empty
            page_scores[name].append(score)
            detail[name] = score.as_dict()
        per_page.append(detail)
        if progress is not None:
            progress.update(index + 1)
    if progress is not None:
        progress.close()
    return Report(
        dataset=str(dataset.root),
        format=dataset.format,
        body_metric=dataset.body_metric,
        scores={name: aggregate(name, page_scores[name], dataset.body_metric) for name, _ in systems},
        per_page=per_page,
    )
