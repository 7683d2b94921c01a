"""Date rules: a Unix time stamp is read only from a field whose name says it is the
publication (or modification) time, never from a bare number elsewhere."""

from __future__ import annotations

import json

import pytest

from conftest import ARTICLE_BODY as BODY
from conftest import page_metadata
from scraper.extract.dates import field_date, script_published_date
from scraper.extract.dom import parse_html
from scraper.extract.metadata import PageMetadata

STAMP = 1598815384  # 2020-08-30T19:23:04Z


def meta_of(head: str, body: str, lang: str = "en") -> PageMetadata:
    return page_metadata(head, body, lang=lang)


def ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


ARTICLE = "<article><h1>Best budget earbuds</h1>" + BODY + "</article>"


# --- a time stamp in a field named for publication ------------------------------------

@pytest.mark.parametrize(
    ("value", "iso"),
    [
        (STAMP, "2020-08-30T19:23:04+00:00"),  # a JSON number
        (str(STAMP), "2020-08-30T19:23:04+00:00"),  # its digits
        (STAMP * 1000, "2020-08-30T19:23:04+00:00"),  # milliseconds
        (1738174207.78, "2025-01-29T18:10:07+00:00"),  # with a fraction
        ("2020-08-30", "2020-08-30"),  # a date string still reads as before
        (12345, None),  # too short for a time stamp
        (9999999999, None),  # in the future
        (True, None),
        (["2020-08-30"], None),
    ],
)
def test_field_date(value, iso):
    assert field_date(value) == iso


def test_jsonld_date_published_as_a_number():
    head = ld({"@type": "BlogPosting", "headline": "Best budget earbuds", "datePublished": STAMP})
    assert meta_of(head, ARTICLE).date_published[:10] == "2020-08-30"


def test_published_time_meta_as_digits():
    head = f'<meta property="article:published_time" content="{STAMP}">'
    assert meta_of(head, ARTICLE).date_published[:10] == "2020-08-30"


def test_itemprop_date_published_content_as_digits():
    body = f'<article><h1>Best budget earbuds</h1><meta itemprop="datePublished" content="{STAMP}">{BODY}</article>'
    assert meta_of("", body).date_published[:10] == "2020-08-30"


def test_a_time_stamp_in_an_unrelated_field_is_no_date():
    head = (f'<meta property="og:image" content="https://cdn.example.com/a.jpg?v={STAMP}">'
            + ld({"@type": "BlogPosting", "headline": "Best budget earbuds", "identifier": STAMP}))
    body = f"<article><h1>Best budget earbuds</h1><p>Order number {STAMP}.</p>{BODY}</article>"
    assert meta_of(head, body).date_published is None


# --- the page's script state ----------------------------------------------------------

def state(data: dict) -> str:
    return f"<script>window.__STATE__ = {json.dumps(data)};</script>"


def test_script_state_published_at_dates_a_page_without_metadata():
    body = ARTICLE + state({"article": {"id": 7, "publishedAt": STAMP, "title": "Best budget earbuds"}})
    assert meta_of("", body).date_published[:10] == "2020-08-30"


def test_script_state_date_string():
    body = ARTICLE + state({"post": {"datePublished": "2020-08-30T19:23:04Z"}})
    assert meta_of("", body).date_published[:10] == "2020-08-30"


def test_script_state_listing_several_stories_dates_none():
    body = ARTICLE + state({"related": [{"publishedAt": STAMP}, {"publishedAt": STAMP - 86400 * 9}]})
    assert script_published_date(parse_html(f"<html><body>{body}</body></html>")) is None


def test_script_state_time_stamps_under_other_keys_are_no_date():
    body = ARTICLE + state({"timestamp": STAMP, "renderTimeStamp": STAMP * 1000, "created": STAMP})
    assert meta_of("", body).date_published is None


def test_script_state_yields_to_date_metadata():
    head = '<meta property="article:published_time" content="2021-05-06T10:00:00+00:00">'
    body = ARTICLE + state({"publishedAt": STAMP})
    assert meta_of(head, body).date_published[:10] == "2021-05-06"


def test_arabic_page_script_state_and_shown_date_agree():
    body = ('<article><h1>أفضل سماعات الأذن الاقتصادية</h1><p class="date">الأحد 30 أغسطس 2020</p>'
            + BODY + "</article>" + state({"publishedAt": STAMP}))
    assert meta_of("", body, lang="ar").date_published[:10] == "2020-08-30"


def test_arabic_page_shown_earlier_date_beats_script_state():
    """Script state is machine data like metadata: a page cannot show a date before it
    was published, so an earlier shown date overrides it."""
    body = ('<article><h1>أفضل سماعات الأذن الاقتصادية</h1><p class="date">الأحد 9 أغسطس 2020</p>'
            + BODY + "</article>" + state({"publishedAt": STAMP}))
    assert meta_of("", body, lang="ar").date_published[:10] == "2020-08-09"
