"""Scoring the extractor on datasets with ground truth (``scraper eval``).

``datasets`` (formats, lazy page readers), ``metrics`` (pure scoring functions),
``runner`` (extract, score, aggregate), ``report`` (table, JSON), ``progress`` and
``command`` (the CLI). Nothing is imported here: ``scraper --help`` loads ``command``,
which must stay free of trafilatura.
"""
