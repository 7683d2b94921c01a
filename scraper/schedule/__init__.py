"""Crawling each site at its own interval, one ``scraper crawl`` subprocess per crawl."""
