"""Pure extraction: one HTML page in, one clean :class:`ArticleRecord` (or None) out.

No Scrapy here: the crawl calls :func:`extract_article` on each response body, the
CLI on files. The stages, in the order they run, are listed in
:mod:`scraper.extract.pipeline`; each lives in one module (``parse``, ``sources``,
``preclean``, ``maintext``, ``postclean``, ``article_check``), each record field in
``fields``, and every word list in ``vocab``.
"""

from scraper.extract.pipeline import extract_article

__all__ = ["extract_article"]
