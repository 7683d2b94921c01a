"""Finding article URLs: sitemaps, RSS/Atom feeds and robots.txt, as pure parsers.

The spider fetches; these modules only turn fetched bytes into :class:`Lead` objects, so
they can be tested and reused without Scrapy.
"""

from scraper.discovery.feed import FeedPage, parse_feed, parse_feed_page
from scraper.discovery.feed_links import feed_links
from scraper.discovery.lead import Lead
from scraper.discovery.sitemap import SitemapPage, parse_sitemap

__all__ = ["FeedPage", "Lead", "SitemapPage", "feed_links", "parse_feed", "parse_feed_page", "parse_sitemap"]
