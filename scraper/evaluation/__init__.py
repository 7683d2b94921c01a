"""Scoring the extractor on datasets with ground truth (``scraper eval``)."""
