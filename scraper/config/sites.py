"""Site configuration: which sites to crawl and how, read from a TOML file.

Adding a site is adding data, not code. The file holds a ``[[sites]]`` table per site
(see ``scraper/examples/sites.toml`` for an annotated example). Loading validates every
field and fails with a :class:`ConfigError` that names the site and the field, so a
typo never turns into a silent half-crawl.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SITE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2}$")
URL_SCHEMES = ("http", "https")

_SITE_KEYS = {
    "name", "start_urls", "feeds", "sitemaps", "allow", "deny", "domains",
    "language", "max_depth", "politeness", "every", "max_age",
}
DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_POLITENESS_KEYS = {"download_delay", "concurrency"}


class ConfigError(ValueError):
    """The configuration file is unreadable or a field is invalid."""


@dataclass(frozen=True)
class Politeness:
    """Per-site overrides of the crawl's politeness defaults (``None`` keeps the default)."""

    download_delay: float | None = None
    """Seconds between two requests to the site."""
    concurrency: int | None = None
    """Requests in flight at once to the site."""


@dataclass(frozen=True)
class SiteConfig:
    """One site to crawl."""

    name: str
    start_urls: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()
    domains: tuple[str, ...] = ()
    language: str | None = None
    max_depth: int = 3
    politeness: Politeness = field(default_factory=Politeness)
    every: float | None = None
    """Seconds between two scheduled crawls of the site (``every = "30m"``)."""
    max_age: float | None = None
    """Articles whose sitemap or feed date is older than this many seconds are not fetched."""

    def is_article_url(self, url: str) -> bool:
        """Whether ``url`` looks like an article of this site, by its allow/deny rules.

        With no ``allow`` rule every page of the site is a candidate, and the extractor
        decides whether it holds an article.
        """
        if any(rule.search(url) for rule in self.deny):
            return False
        return not self.allow or any(rule.search(url) for rule in self.allow)

    def owns(self, url: str) -> bool:
        """Whether ``url`` is on one of the site's domains (subdomains included)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)


def parse_duration(text: str) -> float:
    """Seconds in a duration such as ``"45s"``, ``"30m"``, ``"2h"``, ``"1d"`` or ``"2w"``."""
    match = DURATION_RE.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"a duration such as '30m', '2h' or '7d', got {text!r}")
    return float(match.group(1)) * DURATION_UNITS[match.group(2)]


def load_config(path: str | Path) -> list[SiteConfig]:
    """Read and validate a site configuration file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        return parse_config(data)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def parse_config(data: dict[str, Any]) -> list[SiteConfig]:
    """Validate an already parsed configuration mapping."""
    unknown = set(data) - {"sites"}
    if unknown:
        raise ConfigError(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    raw_sites = data.get("sites")
    if not isinstance(raw_sites, list) or not raw_sites:
        raise ConfigError("no sites: add at least one [[sites]] table")
    sites: list[SiteConfig] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_sites):
        site = _parse_site(raw, index)
        if site.name in seen:
            raise ConfigError(f"site {site.name!r}: field 'name': duplicate site name")
        seen.add(site.name)
        sites.append(site)
    return sites


def select_sites(sites: list[SiteConfig], names: list[str] | None) -> list[SiteConfig]:
    """The sites named in ``names`` (all when empty), or a ConfigError for unknown names."""
    if not names:
        return sites
    known = {s.name: s for s in sites}
    missing = [n for n in names if n not in known]
    if missing:
        raise ConfigError(
            f"unknown site(s): {', '.join(missing)} (configured: {', '.join(known)})"
        )
    return [known[n] for n in names]


def _parse_site(raw: Any, index: int) -> SiteConfig:
    label = f"site #{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{label}: must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not SITE_NAME_RE.match(name):
        raise ConfigError(
            f"{label}: field 'name': required; letters, digits, '.', '_' or '-' "
            f"(at most 64), got {name!r}"
        )
    where = f"site {name!r}"

    def fail(key: str, why: str) -> ConfigError:
        return ConfigError(f"{where}: field {key!r}: {why}")

    unknown = set(raw) - _SITE_KEYS
    if unknown:
        raise fail(sorted(unknown)[0], f"unknown field (known: {', '.join(sorted(_SITE_KEYS))})")

    start_urls = _urls(raw, "start_urls", fail, required=True)
    feeds = _urls(raw, "feeds", fail)
    sitemaps = _urls(raw, "sitemaps", fail)
    allow = _patterns(raw, "allow", fail)
    deny = _patterns(raw, "deny", fail)

    domains = _strings(raw, "domains", fail)
    if not domains:
        domains = tuple(dict.fromkeys(
            (urlsplit(u).hostname or "").lower() for u in start_urls + feeds + sitemaps
        ))
    language = raw.get("language")
    if language is not None and (not isinstance(language, str) or not LANGUAGE_RE.match(language)):
        raise fail("language", f"an ISO 639-1 code such as 'ar' or 'en', got {language!r}")
    max_depth = raw.get("max_depth", 3)
    if not isinstance(max_depth, int) or isinstance(max_depth, bool) or not 0 <= max_depth <= 20:
        raise fail("max_depth", f"an integer from 0 to 20, got {max_depth!r}")
    durations = {}
    for key in ("every", "max_age"):
        if key in raw:
            try:
                durations[key] = parse_duration(raw[key])
            except ValueError as exc:
                raise fail(key, str(exc)) from None
            if durations[key] <= 0:
                raise fail(key, "must be longer than zero")
    return SiteConfig(
        name=name,
        start_urls=start_urls,
        feeds=feeds,
        sitemaps=sitemaps,
        allow=allow,
        deny=deny,
        domains=domains,
        language=language,
        max_depth=max_depth,
        politeness=_politeness(raw.get("politeness", {}), fail),
        **durations,
    )


def _strings(raw: dict[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(key, "a list of non-empty strings")
    return tuple(value)


def _urls(raw: dict[str, Any], key: str, fail: Any, required: bool = False) -> tuple[str, ...]:
    urls = _strings(raw, key, fail)
    if required and not urls:
        raise fail(key, "at least one URL is required")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in URL_SCHEMES or not parts.hostname:
            raise fail(key, f"not an absolute http(s) URL: {url!r}")
    return urls


def _patterns(raw: dict[str, Any], key: str, fail: Any) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for text in _strings(raw, key, fail):
        try:
            patterns.append(re.compile(text))
        except re.error as exc:
            raise fail(key, f"invalid regular expression {text!r}: {exc}") from None
    return tuple(patterns)


def _politeness(raw: Any, fail: Any) -> Politeness:
    if not isinstance(raw, dict):
        raise fail("politeness", "must be a table")
    unknown = set(raw) - _POLITENESS_KEYS
    if unknown:
        raise fail(f"politeness.{sorted(unknown)[0]}", "unknown field")
    delay = raw.get("download_delay")
    if delay is not None and (
        isinstance(delay, bool) or not isinstance(delay, (int, float)) or not 0 <= delay <= 3600
    ):
        raise fail("politeness.download_delay", f"seconds from 0 to 3600, got {delay!r}")
    concurrency = raw.get("concurrency")
    if concurrency is not None and (
        isinstance(concurrency, bool) or not isinstance(concurrency, int) or not 1 <= concurrency <= 64
    ):
        raise fail("politeness.concurrency", f"an integer from 1 to 64, got {concurrency!r}")
    return Politeness(
        download_delay=float(delay) if delay is not None else None,
        concurrency=concurrency,
    )
