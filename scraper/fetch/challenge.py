"""Bot walls: a challenge, captcha or block page served instead of the page asked for.

Such a page is not the site's content, so it must not count as a page that "is not an
article" (the drop memory would then skip the real article for 30 days) nor be written.
The spider counts it as ``blocked`` for its site and reads it again next crawl.

Recognised by markers the common bot-protection services put in every such page
(script and form paths, element ids, their page titles) and by the response headers
they send; the markers are product names and paths, so an article *about* a captcha
does not match. Only the start of the body is read: these pages are small and put
their markers in the head.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Bytes of the body looked at (challenge pages put their markers in the first few KB).
HEAD_BYTES = 32_768
# Bodies longer than this are the site's pages, whatever scripts they embed: only
# headers and the title count for them.
MAX_CHALLENGE_BYTES = 100_000

# (service, markers), each marker a lowercase string found in the lowercased start of
# the body. Only markers of the challenge or block page itself: the scripts these
# services inject into normal pages (Cloudflare's /cdn-cgi/challenge-platform/ beacon,
# Incapsula's resource script, DataDome's tag, AWS WAF's integration) are not markers.
# Plain substrings, not regexes: a case-insensitive regex over 32 KB cost most of a
# millisecond a page in the crawl's event loop.
BODY_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cloudflare", ("cf_chl_opt", "cf-browser-verification", 'id="challenge-form"')),
    ("datadome", ("geo.captcha-delivery.com", "ct.captcha-delivery.com")),
    ("perimeterx", ('id="px-captcha"', "captcha.px-cdn.net")),
    ("imperva", ("incapsula incident id",)),
    ("akamai", ("errors.edgesuite.net",)),
    ("sucuri", ("sucuri website firewall - access denied",)),
    ("ddos-guard", ("check.ddos-guard.net",)),
)
# Page titles of challenge and block pages (whole title, trimmed, case-insensitive).
TITLE_MARKERS: tuple[tuple[str, str], ...] = (
    ("cloudflare", r"just a moment\.{0,3}|attention required! \| cloudflare|один момент\.{0,3}"),
    ("generic", r"access denied|403 forbidden|are you a robot\??|captcha|human verification|"
                r"please verify you are a human|security check|ddos-guard"),
)
# Response headers the services set on a challenge (name, value pattern or "" for any).
HEADER_MARKERS: tuple[tuple[str, str, str], ...] = (
    ("cloudflare", "cf-mitigated", "challenge"),
    ("sucuri", "x-sucuri-block", ""),
    ("aws-waf", "x-amzn-waf-action", "challenge"),
)

_BODY = [(name, tuple(marker.encode() for marker in markers)) for name, markers in BODY_MARKERS]
_TITLE = [(name, re.compile(rf"^\s*(?:{pattern})\s*$", re.I)) for name, pattern in TITLE_MARKERS]
_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)


def challenge_service(body: bytes, headers: Mapping[str, str] | None = None) -> str | None:
    """The bot-protection service whose challenge or block page ``body`` is (e.g.
    ``"cloudflare"``), or None when it looks like the site's own page."""
    for name, header, value in HEADER_MARKERS:
        found = _header(headers, header)
        if found is not None and (not value or value in found.lower()):
            return name
    head = body[:HEAD_BYTES]
    title = _TITLE_TAG.search(head)
    if title:
        text = title.group(1).decode("utf-8", "replace")
        for name, pattern in _TITLE:
            if pattern.match(text):
                return name
    if len(body) > MAX_CHALLENGE_BYTES:
        return None
    lowered = head.lower()
    for name, markers in _BODY:
        if any(marker in lowered for marker in markers):
            return name
    return None


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None
