"""Scrapy downloader middlewares of the project, one class per module.

Enabled in ``scraper/settings.py`` (``DOWNLOADER_MIDDLEWARES``) and configured there.
"""
