"""RSS and Atom feed parsing, delegated to feedparser (every RSS/Atom dialect and date format)."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from scraper.discovery.lead import Lead
from scraper.discovery.xmlguard import declares_entities


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        stamp = calendar.timegm(parsed)
        return datetime.fromtimestamp(stamp, tz=UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def parse_feed(body: bytes, base_url: str = "") -> list[Lead]:
    """Leads for the items of an RSS or Atom feed, in feed order; [] for a non-feed.

    Feeds whose DOCTYPE declares entities (entity bombs, XXE probes) yield [] unparsed.
    """
    if declares_entities(body):
        return []
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    leads: list[Lead] = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        leads.append(
            Lead(
                url=urljoin(base_url, link) if base_url else link,
                source="feed",
                lastmod=_iso(dict.get(entry, "updated_parsed")),  # no feedparser fallback mapping
                published=_iso(dict.get(entry, "published_parsed")),
                title=(entry.get("title") or None),
            )
        )
    return leads
