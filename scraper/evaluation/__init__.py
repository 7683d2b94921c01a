"""Scoring the extractor on datasets with ground truth (``scraper eval``).

``datasets`` (formats, lazy page readers), ``metrics`` (pure scoring functions),
``runner`` (extract, score, aggregate), ``report`` (table, JSON) and ``progress``.
The command line is :mod:`scraper.cli.evaluate`. Nothing is imported here: ``scraper
--help`` loads the command, which must stay free of trafilatura.
"""
