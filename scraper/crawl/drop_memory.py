"""Drop memory: a URL dropped in one run (or gone) is not fetched again in the next.

Only written records used to count as seen, so every tag page, thin page and syndicated
copy a sitemap lists was downloaded again by each run that found one new article. Each
drop whose reason has a time-to-live in ``DROP_MEMORY_TTL`` (seconds by reason; ``gone``
is a 404 / 410 answer) is remembered in the crawl state with when it was fetched; a later
run skips the URL (counted as ``skipped_dropped``) unless

* the time-to-live ran out,
* its sitemap or feed date moved past the time it was fetched, or
* it was dropped under another policy: another extractor version, dedup action, validation
  floor or site ``allow`` / ``deny`` rules (:func:`drop_policy`), so changing one of them
  re-decides the remembered drops on purpose (a URL gone is gone under any policy).

Listings dropped as ``not_article`` are not remembered: they are where new articles are
found. Drops are saved when the spider closes, whatever the reason (a killed run only
forgets what it learnt).

The same memory spaces out what the frontier reads (issue 12): a non-article page found
through links is remembered as ``listing`` when it links to articles (read again once its
time-to-live runs out; the spider learns these only for sites whose crawl had no failed
fetch) and as ``no_article_links`` when it links to none.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from scraper.config.sites import SiteConfig
from scraper.extract.version import EXTRACTOR_VERSION
from scraper.record.timestamps import is_later
from scraper.store.state import CrawlState, DroppedUrl, url_key

GONE = "gone"
"""The reason remembered for a 404 or 410 answer."""
LISTING = "listing"
"""A non-article page found through links that links to articles: read again after its TTL."""
NO_ARTICLE_LINKS = "no_article_links"
"""A non-article page found through links that links to no article (a service or thin page)."""
POLICY_SETTINGS = ("NEARDUP_ENABLED", "NEARDUP_ACTION", "NEARDUP_THRESHOLD",
                   "VALIDATE_MIN_TEXT_CHARS", "VALIDATE_REQUIRE_TITLE")
"""Settings that decide drops: changing one makes remembered drops eligible again."""


def drop_policy(site: SiteConfig, settings: Mapping[str, Any]) -> str:
    """A short hash of what decides the site's drops (see the module doc)."""
    parts = [EXTRACTOR_VERSION, *(f"{name}={settings.get(name)!r}" for name in POLICY_SETTINGS),
             "allow=" + "|".join(p.pattern for p in site.allow), "deny=" + "|".join(p.pattern for p in site.deny)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class DropMemory:
    """This run's view of remembered drops, and the drops it learns (saved by :meth:`save`)."""

    def __init__(self, state: CrawlState, ttl: Mapping[str, float], policies: Mapping[str, str]) -> None:
        self.state = state
        self.ttl = {reason: float(seconds) for reason, seconds in ttl.items() if float(seconds) > 0}
        self.policies = dict(policies)
        self._learnt: dict[str, DroppedUrl] = {}

    def skips(self, site: str, url: str, announced: str | None = None, now: float | None = None) -> bool:
        """Whether ``url`` was dropped before and is still not worth fetching.

        ``announced``: the sitemap or feed date of the URL, if any."""
        return self.skip_reason(site, url, announced, now) is not None

    def skip_reason(self, site: str, url: str, announced: str | None = None, now: float | None = None) -> str | None:
        """The remembered reason when ``url`` is still not worth fetching, else None
        (so that listings not due are counted apart from drops)."""
        remembered = self.state.dropped(url_key(url))
        if remembered is None or site not in self.policies:
            return None
        if remembered.reason != GONE and remembered.policy != self.policies[site]:
            return None
        if remembered.until <= (time.time() if now is None else now):
            return None
        fetched = datetime.fromtimestamp(remembered.fetched_at, UTC).isoformat()
        return None if is_later(announced, fetched) else remembered.reason

    def learn(self, site: str, url: str, reason: str, fetched_at: float | None = None) -> bool:
        """Remember that ``url`` was dropped for ``reason`` (when the reason has a TTL)."""
        ttl = self.ttl.get(reason)
        if ttl is None or site not in self.policies:
            return False
        fetched = time.time() if fetched_at is None else fetched_at
        self._learnt[url_key(url)] = DroppedUrl(reason, fetched, fetched + ttl, self.policies[site])
        return True

    def save(self) -> int:
        """Write what this run learnt to the state; how many URLs."""
        learnt, self._learnt = self._learnt, {}
        if learnt:
            self.state.remember_drops(learnt)
        return len(learnt)
