"""The decoded copy of a page is let go once the spider is done with the page."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from spiders.held_response import DECODED_TEXT_ATTRIBUTE, release_text

PAGE = "<html><head><meta charset='utf-8'></head><body><p>خبر عاجل: café</p></body></html>"


def _response() -> HtmlResponse:
    url = "http://127.0.0.1/news/1"
    return HtmlResponse(url, body=PAGE.encode("utf-8"), request=Request(url))


def test_scrapy_still_caches_the_decoded_text_under_the_name_released() -> None:
    # a Scrapy upgrade that renames its private cache fails here, not silently in a crawl
    response = _response()
    assert getattr(response, DECODED_TEXT_ATTRIBUTE) is None
    text = response.text
    assert getattr(response, DECODED_TEXT_ATTRIBUTE) is text


def test_released_text_is_dropped_and_decoded_again_on_demand() -> None:
    response = _response()
    before = response.text
    release_text(response)
    assert getattr(response, DECODED_TEXT_ATTRIBUTE) is None
    assert response.text == before == PAGE


def test_releasing_a_response_without_text_does_nothing() -> None:
    response = _response()
    release_text(response)
    assert getattr(response, DECODED_TEXT_ATTRIBUTE) is None
