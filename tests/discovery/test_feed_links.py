"""Feeds announced in a page's head."""

from __future__ import annotations

from scraper.discovery import feed_links


def test_rss_and_atom_alternates_in_page_order_made_absolute():
    html = """<html><head><base href="/news/">
      <link rel="stylesheet" href="/s.css">
      <link rel="alternate" type="application/rss+xml" title="All" href="feed.xml">
      <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://a.test/atom">
      <link rel="alternate" type="application/rss+xml" href="feed.xml">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/feed+json" href="/feed.json">
      </head><body></body></html>"""
    assert feed_links(html, "https://a.test/") == ["https://a.test/news/feed.xml", "https://a.test/atom"]


def test_links_in_the_body_and_broken_markup():
    html = '<html><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>'
    assert feed_links(html, "https://a.test/") == []
    assert feed_links("<html><head><link rel=alternate type='application/rss+xml' href=/f <<<", "https://a.test/") \
        in ([], ["https://a.test/f"])
    assert feed_links("", "https://a.test/") == []
