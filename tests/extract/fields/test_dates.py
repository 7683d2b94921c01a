"""The dates field (``scraper.extract.fields.dates``, ``date_parsing``,
``visible_dates``): each rule with a case where it fires and one where it must not; a
Unix time stamp is read only from a field whose name says it is the publication (or
modification) time."""

from __future__ import annotations

import json

import pytest
from conftest import ARTICLE_BODY as BODY
from conftest import page_metadata

from scraper.extract.fields.date_parsing import field_date, normalise_date
from scraper.extract.fields.dates import script_published_date
from scraper.extract.fields.visible_dates import UPDATED_LABEL_RE, _dates_in, stated_original_date
from scraper.extract.parse import parse_html
from scraper.extract.sources.page_metadata import PageMetadata


def meta_of(head: str, body: str, url: str | None = None, lang: str = "en") -> PageMetadata:
    return page_metadata(head, body, url, lang)


# --- a date written for people in a machine field -------------------------------------

@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("March 27, 2025", "2025-03-27"),
        ("5 mars 2024", "2024-03-05"),
        ("٥ مارس ٢٠٢٤", "2024-03-05"),
        ("13/05/2024", "2024-05-13"),
        ("03/05/2024", None),  # reads both ways, and a meta field has no language
        ("Published in 2024 by the newsroom", None),
        ("See our guide to the best laptops of the year, updated every month since March 5, 2024",
         None),  # a sentence, not a date field
    ],
)
def test_meta_date_written_for_people(raw, iso):
    assert normalise_date(raw) == iso


def test_meta_date_in_words_beats_a_related_story_itemprop():
    head = '<meta name="date" content="March 27, 2025">'
    body = ("<article><h1>Podcasts</h1>" + BODY + "</article><section><h3>Latest</h3>"
            '<span itemprop="datePublished" content="2026-03-13T12:00:00+00:00">Mar 13, 2026</span>'
            "</section>")
    assert meta_of(head, body).date_published == "2025-03-27"


# --- the dateline ends at the next story's headline -----------------------------------

RELATED = ("<section><h1>Related Content</h1><h2><a href='/a'>Another story</a></h2>"
           "<p><span>08/29/2023</span> <span>By Someone</span></p></section>")


def test_dates_after_another_headline_are_another_storys():
    body = ("<h1>Where to kayak</h1><p class='dek'>Paddle spots near town.</p>" + RELATED
            + "<main><h2>Trails</h2><span class='page-header__date'>April 12, 2024</span>"
            + BODY + "</main>")
    assert meta_of("", body).date_published == "2024-04-12"


def test_dateline_between_the_headline_and_a_later_h1_is_kept():
    body = ("<article><h1>Where to kayak</h1><p><span>By Ann Lee</span> <span>April 12, 2024</span></p>"
            + BODY + "</article>" + RELATED)
    assert meta_of("", body).date_published == "2024-04-12"


def test_dateline_after_the_headline_rtl():
    body = ('<article><h1>عنوان الخبر</h1><p><span>بقلم أحمد</span> <span>١٢ أبريل ٢٠٢٤</span></p>'
            + BODY + "</article><section><h1>أخبار ذات صلة</h1><p>٢٩ أغسطس ٢٠٢٣</p></section>")
    assert meta_of("", body, lang="ar").date_published == "2024-04-12"


def test_dateline_indented_by_whitespace_is_still_short():
    head = ('<meta name="pubdate" content="2021-12-14T15:41:07+01:00">'
            '<meta name="DC.date.issued" content="2022-02-04T15:33:00+01:00">')
    pad = " " * 300
    body = (f'<h1>Warum sich das Warten lohnt</h1><div class="author"><p><strong class="author">{pad}'
            f'04.02.2022 | 15:33 Uhr{pad}|<a href="/a">Dennis Steimels</a>{pad}</strong></p></div>' + BODY)
    assert meta_of(head, body, lang="de").date_published == "2022-02-04T15:33:00+01:00"


@pytest.mark.parametrize("holder", ["blockquote", "figcaption"])
def test_dates_in_quoted_embeds_and_captions_are_not_the_datelines(holder):
    body = (f'<h1>Was sich nach dem Urteil ändert</h1><{holder}><p>Ein Beitrag geteilt von V. F. am '
            f'<time datetime="2018-03-12T19:30:12+00:00">Mär 12, 2018</time></p></{holder}>'
            '<div class="PublishDate"><span>Dienstag,</span> <span>29. Januar 2019</span></div>' + BODY)
    assert meta_of("", body, lang="de").date_published == "2019-01-29"


# --- an "Updated" date shown never confirms the metadata as the publication date ------

def test_metadata_matching_only_the_updated_date_yields_to_the_published_one():
    head = '<script type="application/ld+json">{"@type": "BlogPosting", "datePublished": "Aug 21, 2025"}</script>'
    body = ("<article><h1>Top companies</h1><div>Published</div><span>Apr 26, 2023</span>"
            "<div>Updated</div><span>Aug 21, 2025</span>" + BODY + "</article>")
    assert meta_of(head, body).date_published == "2023-04-26"


def test_metadata_confirmed_by_the_updated_date_alone_stays():
    head = '<meta property="article:published_time" content="2025-08-21T10:00:00+00:00">'
    body = "<article><h1>Top companies</h1><p>Updated Aug 21, 2025</p>" + BODY + "</article>"
    assert meta_of(head, body).date_published == "2025-08-21T10:00:00+00:00"


# --- labels -----------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["Updated on", "Last updated:", "Page updated:\n        ",
                                   "Mis à jour le", "Aktualisiert am", "Actualizado el",
                                   "Aggiornato il", "Atualizado em", "Обновлено:", "Güncelleme:",
                                   "تم التحديث في", "آخر تحديث:", "更新于"])
def test_updated_labels(label):
    assert UPDATED_LABEL_RE.search(label.strip(" :|·•-—"))


@pytest.mark.parametrize("label", ["Published on", "Publié le", "Posted on", "نشر في", "By Ann"])
def test_not_updated_labels(label):
    assert not UPDATED_LABEL_RE.search(label.strip(" :|·•-—"))


def test_label_far_back_in_whitespace_is_still_read():
    found = _dates_in(["\n" + " " * 40 + "Page updated:" + " " * 40, "\n" + " " * 40 + "12 November 2025 "],
                      True)
    assert found == [("2025-11-12", True, None)]


# --- "Originally published on …" --------------------------------------------------------

def test_originally_published_fills_a_page_without_date_metadata():
    body = ("<article><h1>Tiny homes</h1><p><span>30 Sep 2022, 11:07am</span></p>" + BODY
            + "<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been"
              " regularly updated.</p></article>")
    assert meta_of("", body).date_published == "2019-09-26"


def test_originally_published_settles_an_earlier_header_date_for_the_metadata():
    head = '<meta name="citation_date" content="x"><meta property="article:published_time" content="2019-06-25">'
    body = ("<p>Preprint first published <time>04.Apr.2019</time>.</p><h1>Calm app study</h1>" + BODY
            + "<p>Originally published in the Journal (https://journal.example), 25.06.2019.</p>")
    assert meta_of(head, body).date_published == "2019-06-25"


def test_originally_published_rtl():
    body = ("<article><h1>عنوان الخبر</h1>" + BODY + "<p>نُشر في الأصل يوم ٢٦ سبتمبر ٢٠١٩</p></article>")
    assert meta_of("", body, lang="ar").date_published == "2019-09-26"


def test_originally_published_year_then_updated_date_is_not_read():
    body = ("<article><h1>Cleaning trends</h1>" + BODY + "<p>Originally published in March 2022. "
            "Last updated on December 20, 2024.</p></article>")
    assert stated_original_date(parse_html(f"<html><body>{body}</body></html>")) is None


def test_originally_published_in_comments_is_ignored():
    body = ("<article><h1>Story</h1>" + BODY + "</article><div class='comments'><p>I originally "
            "posted this on March 3, 2015 on my blog</p></div>")
    assert meta_of("", body).date_published is None


# --- a <time> whose machine value disagrees with its text -------------------------------

def test_time_datetime_confirms_the_metadata_against_its_own_text():
    head = '<meta property="article:published_time" content="2024-12-20">'
    body = '<h1>Coffee stack</h1><div><time datetime="2024-12-20">August 28, 2024</time></div>' + BODY
    assert meta_of(head, body).date_published == "2024-12-20"


def test_time_text_still_overrides_when_its_datetime_agrees():
    head = '<meta property="article:published_time" content="2025-11-29T12:00:00+00:00">'
    body = '<h1>T</h1><div><time datetime="2025-08-13">August 13, 2025</time></div>' + BODY
    assert meta_of(head, body).date_published == "2025-08-13"


# --- a date class worn by a list of stories --------------------------------------------

def test_a_list_of_dated_stories_is_not_the_dateline():
    items = "".join(f'<div><a href="/p{i}">Post {i}</a> <small class="date">December {i}, 2025</small></div>'
                    for i in (12, 6, 2))
    page = f"<table><tr><td><h3>Backup strategy</h3></td></tr></table>{BODY}<aside class='blogs'>{items}</aside>"
    assert meta_of("", page).date_published is None


def test_one_dated_byline_beside_a_list_is_still_read():
    items = "".join(f'<li><a href="/p{i}">Post {i}</a> <span class="item-date">December {i}, 2025</span></li>'
                    for i in (12, 6, 2))
    page = (f"<div><h3>Backup strategy</h3><span class='post-date'>January 22, 2019</span></div>{BODY}"
            f"<ul>{items}</ul>")
    assert meta_of("", page).date_published == "2019-01-22"


def test_a_list_of_dated_stories_rtl():
    items = "".join(f'<div><a href="/p{i}">مقال {i}</a> <span class="date">{i} ديسمبر 2025</span></div>'
                    for i in (12, 6, 2))
    page = f"<div><h3>عنوان</h3></div>{BODY}<div class='more'>{items}</div>"
    assert meta_of("", page, lang="ar").date_published is None


def test_originally_published_after_a_bold_label_is_read():
    page = ("<html><body><article><h1>Story</h1>" + BODY
            + "<p><b>Editor's note:</b> originally published on March 3, 2015.</p></article></body></html>")
    assert stated_original_date(parse_html(page)) == "2015-03-03"


STAMP = 1598815384  # 2020-08-30T19:23:04Z


def meta_in_language(head: str, body: str, lang: str = "en") -> PageMetadata:
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
    assert meta_in_language(head, ARTICLE).date_published[:10] == "2020-08-30"


def test_published_time_meta_as_digits():
    head = f'<meta property="article:published_time" content="{STAMP}">'
    assert meta_in_language(head, ARTICLE).date_published[:10] == "2020-08-30"


def test_itemprop_date_published_content_as_digits():
    body = f'<article><h1>Best budget earbuds</h1><meta itemprop="datePublished" content="{STAMP}">{BODY}</article>'
    assert meta_in_language("", body).date_published[:10] == "2020-08-30"


def test_a_time_stamp_in_an_unrelated_field_is_no_date():
    head = (f'<meta property="og:image" content="https://cdn.example.com/a.jpg?v={STAMP}">'
            + ld({"@type": "BlogPosting", "headline": "Best budget earbuds", "identifier": STAMP}))
    body = f"<article><h1>Best budget earbuds</h1><p>Order number {STAMP}.</p>{BODY}</article>"
    assert meta_in_language(head, body).date_published is None


# --- the page's script state ----------------------------------------------------------

def state(data: dict) -> str:
    return f"<script>window.__STATE__ = {json.dumps(data)};</script>"


def test_script_state_published_at_dates_a_page_without_metadata():
    body = ARTICLE + state({"article": {"id": 7, "publishedAt": STAMP, "title": "Best budget earbuds"}})
    assert meta_in_language("", body).date_published[:10] == "2020-08-30"


def test_script_state_date_string():
    body = ARTICLE + state({"post": {"datePublished": "2020-08-30T19:23:04Z"}})
    assert meta_in_language("", body).date_published[:10] == "2020-08-30"


def test_script_state_listing_several_stories_dates_none():
    body = ARTICLE + state({"related": [{"publishedAt": STAMP}, {"publishedAt": STAMP - 86400 * 9}]})
    assert script_published_date(parse_html(f"<html><body>{body}</body></html>")) is None


def test_script_state_time_stamps_under_other_keys_are_no_date():
    body = ARTICLE + state({"timestamp": STAMP, "renderTimeStamp": STAMP * 1000, "created": STAMP})
    assert meta_in_language("", body).date_published is None


def test_script_state_yields_to_date_metadata():
    head = '<meta property="article:published_time" content="2021-05-06T10:00:00+00:00">'
    body = ARTICLE + state({"publishedAt": STAMP})
    assert meta_in_language(head, body).date_published[:10] == "2021-05-06"


def test_arabic_page_script_state_and_shown_date_agree():
    body = ('<article><h1>أفضل سماعات الأذن الاقتصادية</h1><p class="date">الأحد 30 أغسطس 2020</p>'
            + BODY + "</article>" + state({"publishedAt": STAMP}))
    assert meta_in_language("", body, lang="ar").date_published[:10] == "2020-08-30"


def test_arabic_page_shown_earlier_date_beats_script_state():
    """Script state is machine data like metadata: a page cannot show a date before it
    was published, so an earlier shown date overrides it."""
    body = ('<article><h1>أفضل سماعات الأذن الاقتصادية</h1><p class="date">الأحد 9 أغسطس 2020</p>'
            + BODY + "</article>" + state({"publishedAt": STAMP}))
    assert meta_in_language("", body, lang="ar").date_published[:10] == "2020-08-09"
