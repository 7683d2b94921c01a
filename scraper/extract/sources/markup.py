"""Small shared readers of page markup: cleaned strings, the <meta> table, URLs and
hosts, and whether an element sits in page chrome."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from scraper.extract.vocab.match import phrase_key

META_XPATH = XPath("/descendant::meta")  # as "//meta", in one walk
CHROME_ANCESTOR_XPATH = XPath("ancestor::nav or ancestor::aside or ancestor::footer")
# UTF-8 bytes decoded as Latin-1 / cp1252: "â€™", "Ã©".
MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4]"
    "[\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]"
)
URL_RE = re.compile(r"^(?:https?:)?//|^www\.", re.I)
DIGIT_RE = re.compile(r"\d")  # any script's digits
# Byline candidates inside these (class or id) are not the article's byline.
BYLINE_EXCLUDED_CONTAINERS = ("comment", "related", "widget", "sidebar", "recommend",
                              "footer", "popular", "trending", "newsletter")
# Class prefixes that describe an element's state or taxonomy, not its role
# (WordPress puts "has-comments tag-related-news" on the article itself).
STATE_CLASS_PREFIXES = ("has-", "no-", "is-", "with-", "tag-", "category-", "post-", "format-")
# The soft hyphen (U+00AD, ``&shy;``): a hint where a word may break, which German
# sites put inside long words ("Mes&shy;sen&shy;ger&shy;diens&shy;te"). Invisible on
# the page, it splits the word for anyone who searches the record.
SOFT_HYPHEN = "\u00ad"
# Country-code domains registered under a second level ("example.co.uk").
SECOND_LEVEL_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "gob"})


def _repair(value: str) -> str:
    """Undo double escaping ("&amp;#8217;" left in a meta value) and UTF-8 read as
    Latin-1 ("Investorâ\x80\x99s")."""
    if "&" in value:
        value = html.unescape(value)
    if MOJIBAKE_RE.search(value):
        try:
            value = value.encode("cp1252", errors="strict").decode("utf-8")
        except UnicodeError:
            try:
                value = value.encode("latin-1").decode("utf-8")
            except UnicodeError:
                pass
    return value


def clean(value: Any) -> str | None:
    """``value`` repaired (:func:`_repair`), without soft hyphens, its whitespace
    collapsed; None when nothing is left or it is not a string."""
    if not isinstance(value, str):
        return None
    value = " ".join(without_soft_hyphens(_repair(value)).split())
    return value or None


def without_soft_hyphens(text: str) -> str:
    """``text`` without SOFT_HYPHEN, which only says where a word may break."""
    return text.replace(SOFT_HYPHEN, "") if SOFT_HYPHEN in text else text


def first_of(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def dedupe(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        key = phrase_key(value)
        if key and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def host_key(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL_LABELS else 2
    return ".".join(labels[-keep:])


def normalise_url(url: str) -> str:
    """Absolute URL with lower-case scheme and host and no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def absolute(value: str | None, base: str | None) -> str | None:
    value = clean(value)
    if not value:
        return None
    if base:
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    return value if value.startswith(("http://", "https://")) else None


def meta_table(tree: HtmlElement) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for meta in META_XPATH(tree):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        value = meta.get("content")
        if key and value is not None:
            value = " ".join(_repair(value).split())
            if value:
                table.setdefault(key.strip().lower(), []).append(value)
    return table


def meta_value(table: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in table:
            return table[key][0]
    return None


def outside_chrome(el: HtmlElement, markers: tuple[str, ...] = BYLINE_EXCLUDED_CONTAINERS,
                    chrome: XPath = CHROME_ANCESTOR_XPATH) -> bool:
    """Not inside nav, aside, footer, comments, related-article lists or widgets."""
    if chrome(el):
        return False
    for anc in el.iterancestors():
        if anc.tag in ("body", "html"):
            break  # <body class="… single-format-standard has-comments"> says nothing
        for token in f"{anc.get('class') or ''} {anc.get('id') or ''}".lower().split():
            # utility classes ("md:[grid-area:sidebar]") place boxes, they do not name them
            if (":" not in token and not token.startswith(STATE_CLASS_PREFIXES)
                    and any(m in token for m in markers)):
                return False
    return True
