"""Stage 2 (``scraper.extract.sources``): structured data first, titles without site
names, dates never from a clock."""

from __future__ import annotations

import pytest
from conftest import ARTICLE_BODY as BODY
from conftest import meta_of

from scraper.extract import extract_article
from scraper.extract.fields.date_parsing import normalise_date, parse_visible_date
from scraper.extract.fields.names import split_authors
from scraper.extract.fields.title import strip_site_name
from scraper.extract.parse import parse_html
from scraper.extract.sources.page_metadata import extract_metadata


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Big storm hits coast – The Herald", "The Herald", "Big storm hits coast"),
        ("Big storm hits coast | The Herald", "The Herald", "Big storm hits coast"),
        ("Big storm hits coast - The Herald", "the herald", "Big storm hits coast"),
        ("The Herald | Big storm hits coast", "The Herald", "Big storm hits coast"),
        ("Big storm hits coast - Weather - The Herald", "The Herald", "Big storm hits coast - Weather"),
        ("Spider-Man - a review", "The Herald", "Spider-Man - a review"),
        ("داخل سوريا .. داعش يعيد ترتيب صفوفه ! – كتابات", "كتابات", "داخل سوريا .. داعش يعيد ترتيب صفوفه !"),
        ("Big storm hits coast | NEWSEXAMPLE", None, "Big storm hits coast"),
    ],
)
def test_site_name_suffix_is_stripped(title, site, expected):
    assert strip_site_name(title, [site] if site else [], "https://www.newsexample.com/a") == expected


def test_title_from_title_tag_when_h1_confirms_it_and_site_name_unknown():
    meta = meta_of("<title>Storm closes schools | Daily Planet Online</title>",
                   "<h1>Storm closes schools</h1>" + BODY)
    assert meta.title == "Storm closes schools"


def test_og_title_preferred_when_consistent_with_h1():
    meta = meta_of('<meta property="og:title" content="Storm closes schools"><title>x | y</title>',
                   "<h1>Storm closes schools</h1>" + BODY)
    assert meta.title == "Storm closes schools"


def test_jsonld_graph_and_referenced_authors():
    meta = meta_of(
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
        '{"@type":"WebPage","@id":"#page"},'
        '{"@type":["NewsArticle"],"headline":"H","datePublished":"2020-01-02T03:04:05+0100",'
        '"author":[{"@id":"#p1"},{"@type":"Person","name":"Bo Li"},"Ana Ruiz"]},'
        '{"@type":"Person","@id":"#p1","name":"Sam Okafor"}]}</script>'
    )
    assert meta.authors == ["Sam Okafor", "Bo Li", "Ana Ruiz"]
    assert meta.date_published == "2020-01-02T03:04:05+01:00"
    assert meta.is_article


def test_broken_jsonld_does_not_stop_the_rest():
    meta = meta_of('<script type="application/ld+json">{"@type": "NewsArticle", oops</script>'
                   '<meta property="article:published_time" content="2020-01-03">')
    assert meta.date_published == "2020-01-03"


def test_date_from_metadata_not_header_clock():
    page = ('<html><head><meta property="og:type" content="article">'
            '<meta property="article:published_time" content="2018-01-30T19:42:00+03:00"></head>'
            '<body><header class="top"><span>24 نوفمبر، 2024 4:13 ص</span>'
            '<time datetime="2024-11-24T04:13:00+03:00">now</time></header>'
            f'<article>{BODY}</article></body></html>')
    record = extract_article(page, "https://news.example/story")
    assert record.date_published == "2018-01-30T19:42:00+03:00"


def test_date_from_article_time_when_no_meta_and_never_from_the_header():
    page = ('<html><body><header><time datetime="2024-11-24T04:13:00+03:00">24 نوفمبر، 2024 4:13 ص</time>'
            '</header><article><time datetime="2019-03-05T10:00:00Z">5 March</time>'
            f'{BODY}</article></body></html>')
    meta = extract_metadata(parse_html(page), None)
    assert meta.date_published == "2019-03-05T10:00:00+00:00"


def test_header_clock_alone_is_not_a_publication_date():
    page = ('<html><body><header><div class="date">Sunday 24 November 2024 04:13</div></header>'
            f'<article>{BODY}</article></body></html>')
    record = extract_article(page, "https://news.example/story")
    assert record is not None
    assert not (record.date_published or "").startswith("2024-11-24")


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2018-01-30T19:42:00+03:00", "2018-01-30T19:42:00+03:00"),
        ("2018-01-30T19:42:00Z", "2018-01-30T19:42:00+00:00"),
        ("2018-01-30 19:42", "2018-01-30T19:42:00"),
        ("2018-01-30", "2018-01-30"),
        ("2018/01/30", "2018-01-30"),
        ("20180130", "2018-01-30"),
        ("Tue, 30 Jan 2018 19:42:00 +0300", "2018-01-30T19:42:00+03:00"),
        ("2018-13-45", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_are_iso_8601_keeping_the_offset(raw, iso):
    assert normalise_date(raw) == iso


def test_canonical_on_another_site_is_ignored():
    meta = meta_of('<link rel="canonical" href="https://aggregator.example/copy">',
                   url="https://news.example/2020/story#frag")
    assert meta.canonical_url == "https://news.example/2020/story"


def test_relative_canonical_and_image_are_made_absolute():
    meta = meta_of('<link rel="canonical" href="/2020/story"><meta property="og:image" content="/i.jpg">',
                   url="https://www.news.example/2020/story?x=1")
    assert meta.canonical_url == "https://www.news.example/2020/story"
    assert meta.image_url == "https://www.news.example/i.jpg"


def test_meta_author_url_is_not_a_name():
    meta = meta_of('<meta property="article:author" content="https://facebook.com/someone">'
                   '<meta name="author" content="Lina Haddad">')
    assert meta.authors == ["Lina Haddad"]


def test_listing_markup_is_not_article():
    meta = meta_of('<meta property="og:type" content="website">'
                   '<script type="application/ld+json">{"@type":"CollectionPage"}</script>')
    assert meta.is_not_article and not meta.is_article


# ---------------------------------------------------------------- titles: h1 vs metadata

def test_escaped_and_mojibake_titles_are_repaired():
    meta = meta_of('<meta property="og:title" content="Budget Traveler&amp;#8217;s Guide &amp;amp; Tips">')
    assert meta.title == "Budget Traveler’s Guide & Tips"
    meta = meta_of('<meta property="og:title" content="A DIY Investorâ\x80\x99s Guide">')
    assert meta.title == "A DIY Investor’s Guide"


def test_visible_headline_beats_seo_title_that_rewords_it():
    meta = meta_of('<meta property="og:title" content="39 Best Electrician Tools (2025) | ToolCo">'
                   '<meta property="og:site_name" content="ToolCo">',
                   '<h1 class="logo">ToolCo</h1><article><h1>39 Best Electrician Tools in 2025</h1>'
                   + BODY + "</article>")
    assert meta.title == "39 Best Electrician Tools in 2025"


def test_section_label_h1_is_not_the_headline():
    meta = meta_of("<title>Packing Tips Guide | Blog | Wanderly</title>",
                   "<h1>Blog</h1><h2>Packing Tips Guide</h2>" + BODY, url="https://www.wanderly.com/packing")
    assert meta.title == "Packing Tips Guide"  # the short part after a pipe is a label too


def test_date_inside_the_headline_is_not_part_of_it():
    meta = meta_of("<title>Preparing a transition</title>",
                   '<h1><a href="/p"><time datetime="2025-12-18">Dec 18 2025</time> Preparing a'
                   "<br>transition</a></h1>" + BODY)
    assert meta.title == "Preparing a transition"


def test_arabic_headline_from_h1_when_og_title_has_site_suffix():
    meta = meta_of('<meta property="og:title" content="داعش يعيد ترتيب صفوفه في سوريا – كتابات">'
                   '<meta property="og:site_name" content="كتابات">',
                   '<article dir="rtl"><h1>داعش يعيد ترتيب صفوفه في سوريا</h1>' + BODY + "</article>")
    assert meta.title == "داعش يعيد ترتيب صفوفه في سوريا"


# ---------------------------------------------------------------- authors

@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Genevieve Carlton, Ph.D.", ["Genevieve Carlton"]),
        ("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"]),
        ("Jane Roe - Staff Writer", ["Jane Roe"]),
        ("Mike Marshall, Shipping Expert", ["Mike Marshall"]),
        ("Author: Ashley Biancuzzo", ["Ashley Biancuzzo"]),
        ("EcoCult Staff", ["EcoCult Staff"]),  # only a role: kept as credited
        ("بقلم: لميس السيد", ["لميس السيد"]),
        ("Smith-Jones", ["Smith-Jones"]),
    ],
)
def test_credit_lines_lose_labels_roles_and_credentials(credit, names):
    assert split_authors(credit) == names


def test_byline_from_author_page_link():
    meta = meta_of("", '<article><h1>T</h1><p class="meta">By <a href="/authors/sofia-gonzalez">'
                   'Sofia Gonzalez</a> and <a href="/authors/li-wei">Li Wei</a></p>' + BODY + "</article>")
    assert meta.authors == ["Sofia Gonzalez", "Li Wei"]


def test_byline_after_a_standalone_label():
    meta = meta_of("", '<article><h1>T</h1><div><p>Written by</p><p>Edzel Tabing</p></div>'
                   + BODY + "</article>")
    assert meta.authors == ["Edzel Tabing"]


def test_byline_class_with_date_tail_and_no_comment_authors():
    meta = meta_of("", '<article><h1>T</h1><div class="post-byline">By Dr. Vahid Osman - Mar 27, 2024</div>'
                   + BODY + '<div class="comments"><span class="comment-author">Troll King</span></div></article>')
    assert meta.authors == ["Dr. Vahid Osman"]


def test_arabic_byline_in_author_element():
    meta = meta_of("", '<article dir="rtl"><h1>عنوان</h1><span class="author-name">بقلم: لميس السيد</span>'
                   + BODY + "</article>")
    assert meta.authors == ["لميس السيد"]


def test_organisation_author_gives_way_to_the_visible_person():
    head = ('<meta property="og:site_name" content="Clinic News">'
            '<script type="application/ld+json">{"@type":"Article","headline":"T",'
            '"author":{"@type":"Organization","name":"Clinic News"}}</script>')
    meta = meta_of(head, '<article><h1>T</h1><span itemprop="author"><a href="/team/holly">Holly Wilgus'
                   "</a></span>" + BODY + "</article>")
    assert meta.authors == ["Holly Wilgus"]
    alone = meta_of(head, "<article><h1>T</h1>" + BODY + "</article>")
    assert alone.authors == ["Clinic News"]  # no person: the organisation stays


def test_citation_authors_are_last_comma_first():
    meta = meta_of('<meta name="citation_author" content="Roy, Aniruddha">'
                   '<meta name="citation_author" content="Patel, Jyoti">')
    assert meta.authors == ["Aniruddha Roy", "Jyoti Patel"]


def test_labels_and_buttons_are_not_names():
    meta = meta_of("", '<article><h1>T</h1><div class="author-box"><span>GALLERIES</span>'
                   "<span>Sign up</span></div>" + BODY + "</article>")
    assert meta.authors == []


# ---------------------------------------------------------------- visible dates

@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published March 5, 2024 · 4 min read", "2024-03-05"),
        ("Sept. 5th, 2024", "2024-09-05"),
        ("le 1er mars 2024", "2024-03-01"),
        ("5. März 2024", "2024-03-05"),
        ("5 de marzo de 2024", "2024-03-05"),
        ("5 марта 2024 г.", "2024-03-05"),
        ("5 Mart 2024", "2024-03-05"),
        ("٥ مارس ٢٠٢٤", "2024-03-05"),
        ("الثلاثاء 5 آذار/مارس 2024", "2024-03-05"),
        ("۱۴ اسفند ۱۴۰۲", "2024-03-04"),  # Solar Hijri
        ("12 جنوری 2024", "2024-01-12"),
        ("2024年3月5日", "2024-03-05"),
        ("05.03.2024", "2024-05-03"),  # month first by default (US English) …
        ("13/05/2024", "2024-05-13"),  # … unless the first number cannot be a month
        ("2 hours ago", None),
        ("Chapter 5 of 2024", None),
    ],
)
def test_visible_dates_in_many_languages(text, iso):
    assert parse_visible_date(text) == iso


def test_numeric_dates_are_day_first_outside_us_english():
    assert parse_visible_date("05.03.2024", month_first=False) == "2024-03-05"


def test_dateline_under_the_headline_when_no_metadata_rtl():
    page = ('<html lang="ar" dir="rtl"><body><header><span class="date">الأحد ٢٤ نوفمبر ٢٠٢٤</span></header>'
            '<article><h1>عنوان المقال</h1><div class="meta">نشر في ٥ مارس ٢٠٢٤</div>'
            f'{BODY}</article></body></html>')
    assert extract_metadata(parse_html(page), None).date_published == "2024-03-05"


def test_site_header_clock_is_not_a_dateline():
    page = ('<html><body><header><div class="clock">Sunday 24 November 2024</div><h1>Story</h1></header>'
            f'<article>{BODY}</article></body></html>')
    assert extract_metadata(parse_html(page), None).date_published is None


def test_earlier_shown_date_beats_metadata_and_a_later_one_does_not():
    head = '<meta property="article:published_time" content="2025-11-29T12:00:00+00:00">'
    earlier = meta_of(head, "<article><h1>T</h1><time>August 13, 2025</time>" + BODY + "</article>")
    assert earlier.date_published == "2025-08-13"  # the CMS reset the metadata
    later = meta_of(head, "<article><h1>T</h1><p>Updated December 16, 2025</p>" + BODY + "</article>")
    assert later.date_published == "2025-11-29T12:00:00+00:00"
    same = meta_of(head, "<article><h1>T</h1><p>29 novembre 2025</p>" + BODY + "</article>")
    assert same.date_published == "2025-11-29T12:00:00+00:00"


def test_one_day_earlier_is_a_time_zone_unless_the_url_agrees():
    head = '<meta property="article:published_time" content="2025-12-19T02:41:00+00:00">'
    body = "<article><h1>T</h1><p>December 18, 2025</p>" + BODY + "</article>"
    assert meta_of(head, body, url="https://blog.example/post").date_published.startswith("2025-12-19")
    assert meta_of(head, body, url="https://blog.example/2025/12/18/post").date_published == "2025-12-18"


def test_a_table_of_dates_under_the_headline_does_not_override_the_metadata():
    head = '<meta property="article:published_time" content="2025-02-12T23:21:00+00:00">'
    rows = "".join(f"<tr><td>{m} 1, 2013</td><td>{i}</td></tr>"
                   for i, m in enumerate(("January", "February", "March", "April", "May"), 1))
    page = "<article><h1>T</h1><table>" + rows + "</table>" + BODY + "</article>"
    assert meta_of(head, page).date_published == "2025-02-12T23:21:00+00:00"


def test_day_before_a_late_utc_time_stamp_is_no_time_zone():
    head = '<meta property="article:published_time" content="2025-12-19T22:02:58+00:00">'
    body = "<article><h1>T</h1><p>Dec 18, 2025</p>" + BODY + "</article>"
    assert meta_of(head, body, url="https://blog.example/post").date_published == "2025-12-18"


def test_the_next_day_shown_is_the_local_day_of_a_late_utc_time_stamp():
    late = '<meta property="article:published_time" content="2021-11-04T23:00:00+00:00">'
    body = "<article><h1>T</h1><p>5 November 2021</p>" + BODY + "</article>"
    assert meta_of(late, body, url="https://news.example/post").date_published == "2021-11-05"
    early = '<meta property="article:published_time" content="2021-11-04T06:00:00+00:00">'
    assert meta_of(early, body, url="https://news.example/post").date_published.startswith("2021-11-04")


def test_a_bare_metadata_date_gives_way_to_the_day_shown_either_side():
    head = '<meta property="article:published_time" content="2020-04-30">'
    before = "<article><h1>T</h1><p>29 April 2020</p>" + BODY + "</article>"
    assert meta_of(head, before, url="https://news.example/post").date_published == "2020-04-29"
    after = "<article><h1>T</h1><p>1 May 2020</p>" + BODY + "</article>"
    assert meta_of(head, after, url="https://news.example/post").date_published == "2020-05-01"
    two_later = "<article><h1>T</h1><p>2 May 2020</p>" + BODY + "</article>"
    assert meta_of(head, two_later, url="https://news.example/post").date_published == "2020-04-30"


def test_numeric_date_that_reads_both_ways_only_confirms():
    head = '<meta property="article:published_time" content="2023-10-03">'
    assert meta_of(head, "<article><h1>T</h1><p>03/10/2023</p>" + BODY + "</article>").date_published == "2023-10-03"
    assert meta_of("", "<article><h1>T</h1><p>02-12-2025</p>" + BODY + "</article>").date_published is None


def test_date_inside_a_story_paragraph_is_not_a_dateline():
    page = ("<article><h1>T</h1><p>The deadline moves to <b>October 15, 2025</b>, so anyone who "
            "files late has six more months to submit a complete return, the agency said on Monday.</p>"
            + BODY + "</article>")
    assert meta_of('<meta property="article:published_time" content="2025-01-17">', page).date_published == "2025-01-17"


# ---------------------------------------------------------------- more author sources

def test_author_from_label_and_data_meta_pair():
    meta = meta_of('<meta name="twitter:label1" content="Written by">'
                   '<meta name="twitter:data1" content="Paramita (Guha) Ghosh">')
    assert meta.authors == ["Paramita (Guha) Ghosh"]


def test_author_from_script_page_data():
    meta = meta_of('<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":'
                   '{"frontmatter":{"title":"T","author":"Ziyi Xu","date":"December 17, 2025"}}}}</script>')
    assert meta.authors == ["Ziyi Xu"]
    nested = meta_of('<script type="application/json">{"post":{"authors":[{"id":7,"name":"سارة خليل"}]}}</script>')
    assert nested.authors == ["سارة خليل"]


def test_byline_not_hidden_by_state_and_utility_classes():
    meta = meta_of("", '<article class="post has-comments tag-related-news"><h1>T</h1>'
                   '<div class="md:[grid-area:sidebar]"><p>Written by</p><p>Edzel Tabing</p></div>'
                   + BODY + "</article>")
    assert meta.authors == ["Edzel Tabing"]


def test_related_stories_and_comments_dates_are_not_the_dateline():
    head = '<meta property="article:published_time" content="2024-10-15T13:20:00+03:00">'
    body = ('<article><header class="entry-header"><h1>باحثون عرب</h1>'
            '<time class="entry-date">15 أكتوبر، 2024</time></header>' + BODY +
            '<ul class="related-posts"><li><span class="related-date">8 فبراير، 2023</span></li></ul>'
            '<ol class="comment-list"><li><time>1 January 2020</time></li></ol></article>')
    assert meta_of(head, body).date_published == "2024-10-15T13:20:00+03:00"
    related_only = body.replace("<time class=\"entry-date\">15 أكتوبر، 2024</time>", "")
    assert meta_of(head, related_only).date_published == "2024-10-15T13:20:00+03:00"


def test_json_ld_nested_beyond_the_recursion_limit_is_ignored():
    deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    meta = meta_of(f'<script type="application/ld+json">{deep}</script>'
                   '<meta property="article:published_time" content="2021-06-07">')
    assert meta.date_published == "2021-06-07"


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        # the part's words are all words of the host name
        ("What people love about Rust | Rust Blog", "https://blog.rust-lang.org/x",
         "What people love about Rust"),
        ("Game changer | Shopnet.com", "https://promotions.shopnet.com/x", "Game changer"),
        # the part and the host's main label start one another
        ("Sleep tips for toddlers | Johnson’s®", "https://www.johnsonsbaby.com/x",
         "Sleep tips for toddlers"),
        ("Klatch Coffee | Shopify App Store", "https://apps.shopify.com/x", "Klatch Coffee"),
        ("أخبار الطقس اليوم | مدونة كتابات", "https://kitabat.example/x", "أخبار الطقس اليوم"),
        # a long part sharing a word with the host is headline text
        ("Rust tips | Rust makes systems programming safe and fun", "https://blog.rust-lang.org/x",
         "Rust tips | Rust makes systems programming safe and fun"),
    ],
)
def test_site_part_named_by_the_host_is_stripped(title, url, expected):
    site = ["مدونة كتابات"] if "kitabat" in url else []
    assert strip_site_name(title, site, url) == expected


def test_heading_with_site_suffix_is_stripped():
    meta = meta_of('<meta property="og:site_name" content="Artlyst">'
                   '<meta property="og:title" content="Best art shows of 2025 – Artlyst">',
                   "<h1>Best art shows of 2025 – Artlyst</h1>" + BODY)
    assert meta.title == "Best art shows of 2025"


def test_heading_naming_the_blog_is_not_the_headline():
    # <title> adds the blog's name around og:title: an h1 with that name is the logo
    meta = meta_of('<title>Data Notes Blog: Small adventures with small models</title>'
                   '<meta property="og:title" content="Small adventures with small models">',
                   "<h1>Data Notes Blog</h1><h1>What is small?</h1>" + BODY)
    assert meta.title == "Small adventures with small models"


def test_heading_equal_to_the_host_name_is_not_the_headline():
    # the logo h1 shares a word with the title, yet it is the site, not the headline
    meta = meta_of("<title>news.example Vibe coding</title>", "<h1>news.example</h1>" + BODY)
    assert meta.title == "Vibe coding"  # and the domain before the title is not headline


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<p class="byline">By the Workzone Team</p>', ["the Workzone Team"]),
        ('<p class="author-name">Podium Staff</p>', ["Podium Staff"]),
        ('<p class="byline">By TOI Lifestyle Desk</p>', ["TOI Lifestyle Desk"]),
        ('<p class="byline">Staff Writer</p>', []),
        ('<p class="byline">Meet the team</p>', []),
    ],
)
def test_team_credited_in_byline_is_an_author(byline, expected):
    meta = meta_of("<title>Storm closes schools</title>",
                   "<h1>Storm closes schools</h1>" + byline + BODY)
    assert meta.authors == expected
