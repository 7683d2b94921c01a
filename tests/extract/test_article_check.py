"""Stage 6: the page's verdict (article / listing / other) and the signals behind it.

The extractor returns every page it can parse; these tests pin what it calls each
kind of page, on hand-made pages."""

from __future__ import annotations

import pytest

from scraper.extract import extract_article

BRIEF = ("<p>The port authority closed the northern pier on Tuesday after a crane failed during unloading.</p>"
         "<p>No one was hurt; the pier reopens on Friday.</p>")
STORY = "".join(
    f"<p>Paragraph {i} of the report on the harbour works, with enough words to read as prose "
    f"and not as a list of links or labels.</p>" for i in range(6))


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>Harbour news</title>{head}</head>"
            f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{body}"
            "<footer>© Harbour Times</footer></body></html>")


def test_a_two_paragraph_brief_in_article_markup_is_an_article():
    html = page(f"<article><h1>Northern pier closed</h1>{BRIEF}</article>",
                "<meta property='article:published_time' content='2024-05-01T09:30:00Z'>")
    record = extract_article(html, "https://harbour.example/news/pier-closed")
    assert record is not None
    assert record.page_type == "article"
    assert {"markup:article-meta", "markup:article-element"} <= set(record.page_signals)
    assert "crane failed" in record.text


def test_a_headline_with_a_dated_byline_is_article_markup():
    html = page(f"<div><h1>Northern pier closed</h1><p class='byline'>By Ann Lee, "
                f"<time datetime='2024-05-01'>1 May 2024</time></p>{BRIEF}{BRIEF}</div>")
    record = extract_article(html, "https://harbour.example/news/pier-closed")
    assert record is not None and record.page_type == "article"
    assert "markup:dated-headline" in record.page_signals


def test_an_unmarked_short_page_is_other_and_keeps_its_text():
    record = extract_article(page("<div><p>Opening hours: Monday to Friday, nine to five.</p></div>"),
                             "https://harbour.example/hours")
    assert record is not None
    assert record.page_type == "other"
    assert "length:short" in record.page_signals
    assert "Opening hours" in record.text


def test_a_page_of_teaser_articles_is_a_listing():
    teasers = "".join(
        f"<article><h2><a href='/news/story-{i}'>Story {i} about the harbour and the ferries</a></h2>"
        f"<p>A short teaser of story {i}.</p></article>" for i in range(12))
    record = extract_article(page(f"<main>{teasers}</main>"), "https://harbour.example/news/")
    assert record is not None
    assert record.page_type == "listing"
    assert "markup:article-element" not in record.page_signals


@pytest.mark.parametrize("url", ["https://harbour.example/tag/ferries/", "https://harbour.example/"])
def test_weak_markup_does_not_outweigh_a_listing_url(url):
    html = page(f"<article><h1>Ferries</h1>{BRIEF}</article>")
    record = extract_article(html, url)
    assert record is not None and record.page_type == "listing"
    assert "url:listing" in record.page_signals


def test_og_article_outweighs_the_url():
    html = page(f"<div><h1>Ferries</h1>{STORY}</div>", "<meta property='og:type' content='article'>")
    record = extract_article(html, "https://harbour.example/tag/ferries/")
    assert record is not None and record.page_type == "article"
    assert "markup:og-article" in record.page_signals


def test_an_unmarked_long_page_of_prose_is_an_article():
    record = extract_article(page(f"<div class='content'><h1>Harbour works</h1>{STORY}</div>"),
                             "https://harbour.example/harbour-works")
    assert record is not None and record.page_type == "article"
    assert record.page_signals == ["markup:none", "length:enough"]


def test_a_page_with_no_text_is_other_with_the_reason():
    record = extract_article(page("<div><img src='/a.png'></div>"), "https://harbour.example/gallery")
    assert record is not None
    assert (record.page_type, record.text) == ("other", "")
    assert "text:none" in record.page_signals


@pytest.mark.parametrize("url", ["https://harbour.example/?p=2895", "https://harbour.example/index.php?id=58354",
                                 "https://harbour.example/?page_id=12&lang=en", "https://harbour.example/?p=959/"])
def test_a_home_path_with_an_item_query_is_a_permalink_not_the_home_page(url):
    html = page(f"<article><h1>Ferries</h1>{BRIEF}{BRIEF}</article>")
    record = extract_article(html, url)
    assert record is not None and record.page_type == "article"
    assert "url:listing" not in record.page_signals


def test_a_home_path_with_another_query_is_still_the_home_page():
    record = extract_article(page(f"<article><h1>Ferries</h1>{BRIEF}</article>"), "https://harbour.example/?s=ferries")
    assert record is not None and record.page_type == "listing"


@pytest.mark.parametrize("url", ["https://harbour.example/2019/10/21/northern-pier-closed/",
                                 "https://harbour.example/local/2012/05/pier-closed-after-crane-failure",
                                 "https://harbour.example/20200428/pier-closed-after-crane-failure"])
def test_a_short_unmarked_story_at_a_dated_permalink_is_an_article(url):
    record = extract_article(page(f"<div><h1>Northern pier closed</h1>{BRIEF}{BRIEF}</div>"), url)
    assert record is not None and record.page_type == "article"
    assert "url:dated" in record.page_signals


@pytest.mark.parametrize("url", ["https://harbour.example/2019/10/", "https://harbour.example/2019/10/page/2",
                                 "https://harbour.example/2019/10/21/", "https://harbour.example/20200428/"])
def test_a_date_archive_path_is_no_article_signal(url):
    record = extract_article(page(f"<div><h1>Northern pier closed</h1>{BRIEF}{BRIEF}</div>"), url)
    assert record is not None and "url:dated" not in record.page_signals
