"""paywalled: schema.org's isAccessibleForFree on the article or one of its parts."""

import json

import pytest

from scraper.extract.parse import parse_html
from scraper.extract.sources.page_metadata import extract_metadata


def _page(ld: dict) -> str:
    return (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
            "<body><article><h1>A headline</h1><p>Some text.</p></article></body></html>")


@pytest.mark.parametrize(("ld", "paywalled"), [
    ({"@type": "NewsArticle", "isAccessibleForFree": False}, True),
    ({"@type": "NewsArticle", "isAccessibleForFree": "False"}, True),
    ({"@type": "NewsArticle", "isAccessibleForFree": "false"}, True),
    ({"@type": "NewsArticle", "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False,
                                          "cssSelector": ".paywall"}}, True),
    ({"@type": "NewsArticle", "hasPart": [{"@type": "WebPageElement", "isAccessibleForFree": True},
                                          {"@type": "WebPageElement", "isAccessibleForFree": "False"}]}, True),
    ({"@type": "NewsArticle", "isAccessibleForFree": True}, False),
    ({"@type": "NewsArticle", "isAccessibleForFree": "True"}, False),
    ({"@type": "NewsArticle"}, False),
    ({"@type": "WebPage", "headline": "A headline", "isAccessibleForFree": False}, True),
])
def test_paywalled_follows_is_accessible_for_free(ld, paywalled):
    assert extract_metadata(parse_html(_page(ld)), "https://news.example/a").paywalled is paywalled


def test_a_page_without_structured_data_is_not_paywalled():
    assert extract_metadata(parse_html("<html><body><p>Text</p></body></html>")).paywalled is False
