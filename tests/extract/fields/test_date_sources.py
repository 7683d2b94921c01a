"""Where the publication date comes from (``scraper.extract.fields.dates``): only from
date-bearing fields, the dateline, the page's own URL or htmldate on the page, never
from the address of a namespace, script, style sheet or image; and ``date_source``
says which. Hand-made pages only."""

from __future__ import annotations

from conftest import ARTICLE_BODY as BODY
from conftest import page_metadata

from scraper.extract.fields.date_parsing import parse_visible_date
from scraper.extract.fields.dates import fallback_date, record_date, url_checked
from scraper.extract.fields.visible_dates import _dates_in
from scraper.extract.parse import parse_html

PLAIN_URL = "https://news.example/council-budget"


def _tree(html: str):
    return parse_html(html)


# --- never a date from a namespace, script, style sheet or asset address --------------

def test_a_namespace_address_is_no_date():
    html = ('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><head><title>Budget</title></head>'
            f"<body><article><h1>Budget</h1>{BODY}</article></body></html>")
    assert fallback_date(_tree(html), PLAIN_URL) is None
    assert record_date(None, _tree(html), PLAIN_URL) == (None, None)


def test_an_rdf_block_in_the_body_is_no_date():
    html = (f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1>{BODY}"
            '<div xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<span rdf:about="http://purl.org/dc/elements/1.1/"></span></div></article></body></html>')
    assert fallback_date(_tree(html), PLAIN_URL) is None


def test_script_style_sheet_and_image_addresses_are_no_date():
    html = ('<html><head><title>Budget</title><script src="/static/2019/05/app.js"></script>'
            '<link rel="stylesheet" href="/assets/2018/03/12/main.css">'
            '<meta property="og:image" content="https://cdn.example/2017/04/21/photo.jpg"></head>'
            f'<body><article><h1>Budget</h1>{BODY}<img src="/uploads/2016/02/03/a.jpg"></article>'
            "</body></html>")
    assert fallback_date(_tree(html), PLAIN_URL) is None


def test_a_date_written_in_the_page_is_still_found_beside_such_addresses():
    html = ('<html xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><head><title>Budget</title>'
            '<script src="/static/2019/05/app.js"></script></head><body><article><h1>Budget</h1>'
            f'<p class="date">March 5, 2024</p>{BODY}</article></body></html>')
    assert fallback_date(_tree(html), PLAIN_URL) == "2024-03-05"


# --- date_source: where the date was read ---------------------------------------------

def test_source_of_a_metadata_date():
    meta = page_metadata('<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">',
                         "<article><h1>T</h1>" + BODY + "</article>")
    assert (meta.date_published, meta.date_source) == ("2024-03-05T10:00:00+01:00", "metadata")


def test_source_of_a_dateline_date():
    meta = page_metadata("", "<article><h1>T</h1><p>March 5, 2024</p>" + BODY + "</article>")
    assert (meta.date_published, meta.date_source) == ("2024-03-05", "dateline")


def test_source_of_a_script_date():
    body = ('<script>window.__DATA__ = {"publishedAt": "2024-03-05T10:00:00Z"};</script>'
            "<article><h1>T</h1>" + BODY + "</article>")
    meta = page_metadata("", body)
    assert meta.date_source == "script" and meta.date_published.startswith("2024-03-05")


def test_no_date_no_source():
    meta = page_metadata("", "<article><h1>T</h1>" + BODY + "</article>")
    assert (meta.date_published, meta.date_source) == (None, None)


def test_record_date_passes_the_source_on_and_names_its_own():
    tree = _tree(f"<html><body><article><h1>T</h1>{BODY}</article></body></html>")
    assert record_date("2024-03-05", tree, PLAIN_URL, "dateline") == ("2024-03-05", "dateline")
    assert record_date("2024-03-05", tree, PLAIN_URL) == ("2024-03-05", "metadata")
    assert record_date(None, tree, "https://news.example/2024/03/05/story") == ("2024-03-05", "url")
    dated = _tree(f'<html><body><article><h1>T</h1><p class="date">March 5, 2024</p>{BODY}</article></body></html>')
    assert record_date(None, dated, PLAIN_URL) == ("2024-03-05", "htmldate")


# --- head fields that disagree: the header's day decides ------------------------------

HEAD_DISAGREE = ('<script type="application/ld+json">{"@type": "NewsArticle",'
                 ' "datePublished": "2022-01-04T07:29:00Z"}</script>'
                 '<meta property="article:published_time" content="2022-01-06T08:29:34">')


def test_the_head_field_the_header_shows_wins():
    meta = page_metadata(HEAD_DISAGREE, "<article><h1>T</h1><p>January 6, 2022</p>" + BODY + "</article>")
    assert (meta.date_published, meta.date_source) == ("2022-01-06T08:29:34", "metadata")


def test_without_a_shown_date_the_most_trusted_head_field_stays():
    meta = page_metadata(HEAD_DISAGREE, "<article><h1>T</h1>" + BODY + "</article>")
    assert meta.date_published == "2022-01-04T07:29:00+00:00"


def test_an_updated_date_shown_decides_nothing():
    body = "<article><h1>T</h1><p>Updated January 6, 2022</p>" + BODY + "</article>"
    assert page_metadata(HEAD_DISAGREE, body).date_published == "2022-01-04T07:29:00+00:00"


def test_the_markups_own_time_is_no_confirmation():
    head = '<meta property="article:published_time" content="2020-03-10T15:30:00+00:00">'
    body = ('<article><h1>T</h1><p><time datetime="2025-02-12T13:28:34+05:30">February 12, 2025'
            "</time></p>" + BODY + "</article>")
    assert page_metadata(head, body).date_published == "2020-03-10T15:30:00+00:00"


# --- the URL's own date ---------------------------------------------------------------

def test_a_page_date_before_the_urls_yields_to_it():
    assert url_checked("2018-12-31T23:11:59+00:00", "metadata",
                       "https://blog.example/2019/01/01/new-year/") == ("2019-01-01", "url")
    head = '<meta property="article:published_time" content="2009-04-11T18:06:36">'
    meta = page_metadata(head, "<article><h1>T</h1>" + BODY + "</article>",
                         url="https://shop.example/2019/10/22/repair-guide")
    assert (meta.date_published, meta.date_source) == ("2019-10-22", "url")


def test_a_page_date_on_or_shortly_after_the_urls_stays():
    url = "https://news.example/2020/02/18/science/story.html"
    assert url_checked("2020-02-19T18:37:32+01:00", "metadata", url) == ("2020-02-19T18:37:32+01:00", "metadata")
    assert url_checked("2020-02-18", "dateline", url) == ("2020-02-18", "dateline")
    assert url_checked("2020-02-25", "metadata", url) == ("2020-02-25", "metadata")
    assert url_checked(None, None, url) == (None, None)
    assert url_checked("2019-01-01", "metadata", "https://news.example/story") == ("2019-01-01", "metadata")


def test_a_page_date_long_after_the_urls_is_an_update():
    url = "https://www.example.de/home/2017/7/12/unter-uns"
    assert url_checked("2019-06-17T18:28:00+02:00", "metadata", url) == ("2017-07-12", "url")
    assert url_checked("2017-07-20", "metadata", url) == ("2017-07-12", "url")


# --- dotted numeric dates outside month-first English ---------------------------------

def test_a_dotted_date_reads_one_way_where_the_day_comes_first():
    assert _dates_in(["10.11.2021"], month_first=False) == [("2021-11-10", False, None)]
    assert parse_visible_date("06.01.2022", month_first=False) == "2022-01-06"


def test_slashed_and_english_dotted_dates_still_read_both_ways():
    assert _dates_in(["10/11/2021"], month_first=False) == [("2021-11-10", False, "2021-10-11")]
    assert _dates_in(["10.11.2021"], month_first=True) == [("2021-10-11", False, "2021-11-10")]


def test_a_german_dotted_dateline_overrides_a_later_metadata_date():
    head = '<meta property="article:published_time" content="2022-11-17T10:33:13+00:00">'
    body = "<article><h1>T</h1><p>09.03.2022</p>" + BODY + "</article>"
    assert page_metadata(head, body, lang="de").date_published == "2022-03-09"


# --- a year alone on the cleaned page -----------------------------------------------

YEAR_ONLY = (f"<html><head><title>Budget</title></head><body>{{header}}<article><h1>Budget</h1>"
             f"{BODY}</article><p>Copyright © 2011 News Example</p></body></html>")


def test_a_year_alone_after_the_preclean_gives_way_to_the_day_of_the_page_as_fetched():
    cleaned = _tree(YEAR_ONLY.format(header=""))
    fetched = YEAR_ONLY.format(header='<div class="site-header"><span class="date">November 22, 2011</span></div>')
    assert fallback_date(cleaned, PLAIN_URL) is None
    assert fallback_date(cleaned, PLAIN_URL, lambda: _tree(fetched)) == "2011-11-22"
    assert record_date(None, cleaned, PLAIN_URL, None, lambda: _tree(fetched)) == ("2011-11-22", "htmldate")


def test_a_year_alone_is_no_date_when_the_page_as_fetched_names_no_day_either():
    cleaned = _tree(YEAR_ONLY.format(header=""))
    assert fallback_date(cleaned, PLAIN_URL, lambda: _tree(YEAR_ONLY.format(header=""))) is None
    assert record_date(None, cleaned, PLAIN_URL, None, lambda: _tree(YEAR_ONLY.format(header=""))) == (None, None)


def test_a_day_found_on_the_cleaned_page_is_kept_without_reading_the_page_again():
    html = YEAR_ONLY.format(header="").replace("<h1>Budget</h1>", '<h1>Budget</h1><p class="date">March 5, 2011</p>')

    def unexpected():
        raise AssertionError("the page as fetched was read")
    assert fallback_date(_tree(html), PLAIN_URL, unexpected) == "2011-03-05"
