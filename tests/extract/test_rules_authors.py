"""Author rules: layout wrappers and page-builder blocks are not chrome, and
surnames that are also function words of another language."""

from __future__ import annotations

import pytest

from conftest import ARTICLE_BODY as BODY
from conftest import page_metadata
from scraper.extract.dom import parse_html
from scraper.extract.metadata import extract_metadata


def authors_of(body: str, lang: str = "en") -> list[str]:
    return page_metadata("", body, "https://news.example/2024/05/06/story", lang).authors


# a wrapper that names a sidebar but holds the headline lays out the page


def test_layout_wrapper_holding_the_headline_is_not_a_sidebar() -> None:
    body = ("<div class='site-content layout--sidebar-right'><div class='entry'>"
            "<h1>Storm closes schools</h1><span class='author'>Jane Roe</span>" + BODY
            + "</div><div class='sidebar'><span class='author'>Tom Side</span></div></div>")
    assert authors_of(body) == ["Jane Roe"]


def test_layout_wrapper_right_to_left() -> None:
    body = ("<div dir='rtl' class='page sidebar-left'><div class='entry'>"
            "<h1>عاصفة تغلق المدارس</h1><p class='byline'>بقلم أحمد علي</p>" + BODY
            + "</div></div>")
    assert authors_of(body, lang="ar") == ["أحمد علي"]


def test_real_sidebar_still_chrome() -> None:
    body = ("<div class='site-content layout--sidebar-right'><div class='entry'>"
            "<h1>Storm closes schools</h1>" + BODY
            + "</div><div class='sidebar'><span class='author'>Tom Side</span></div></div>")
    assert authors_of(body) == []


# a page builder wraps every block, the headline's too, in "…-widget-…" classes


def test_page_builder_widget_holding_the_byline() -> None:
    body = ("<div class='builder-widget-wrap'>"
            "<div class='builder-widget builder-widget-heading'><h1>Storm closes schools</h1></div>"
            "<div class='builder-widget builder-widget-post-info'><span class='author'>Jane Roe</span></div>"
            "<div class='builder-widget builder-widget-text'>" + BODY + "</div></div>")
    assert authors_of(body) == ["Jane Roe"]


def test_widget_is_chrome_when_the_headline_is_in_none() -> None:
    body = ("<div class='entry'><h1>Storm closes schools</h1>" + BODY + "</div>"
            "<div class='widget recent-posts'><span class='author'>Tom Side</span></div>")
    assert authors_of(body) == []


# a capitalised surname that is a function word of another language


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<p class='byline'>By Mahua Das</p>", ["Mahua Das"]),
        ("<p class='byline'>Par Minh Le</p>", ["Minh Le"]),
        ("<p class='byline'>Das Erste</p>", []),  # first: a channel, not a name
        ("<p class='byline'>Lesen Sie das</p>", []),  # lower case: a sentence
        ("<p class='byline'>Le Figaro</p>", []),
    ],
)
def test_function_word_surname(line: str, expected: list[str]) -> None:
    assert authors_of("<article><h1>Storm closes schools</h1>" + line + BODY + "</article>") == expected


# an account's login in the author meta gives way to the name in the visible byline


def meta_authors_of(meta_author: str, body: str, lang: str = "en") -> list[str]:
    head = f"<meta name='author' content='{meta_author}'>"
    tree = parse_html(f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>")
    return extract_metadata(tree, "https://news.example/2024/05/06/story").authors


@pytest.mark.parametrize("handle", ["andrew.keaveney", "KatieS", "jdoe_42"])
def test_account_handle_gives_way_to_the_byline(handle: str) -> None:
    body = "<article><h1>Storm closes schools</h1><p class='byline'>By Denise Everheart</p>" + BODY + "</article>"
    assert meta_authors_of(handle, body) == ["Denise Everheart"]


def test_account_handle_right_to_left_byline() -> None:
    body = "<article><h1>عاصفة تغلق المدارس</h1><p class='byline'>بقلم أحمد علي</p>" + BODY + "</article>"
    assert meta_authors_of("ahmed.ali", body, lang="ar") == ["أحمد علي"]


@pytest.mark.parametrize("name", ["Jane McDonald", "MacKenzie", "J.R.R. Tolkien", "ibby"])
def test_printed_name_in_meta_is_kept(name: str) -> None:
    body = "<article><h1>Storm closes schools</h1><p class='byline'>By Denise Everheart</p>" + BODY + "</article>"
    assert meta_authors_of(name, body) == [name]


def test_account_handle_kept_without_a_byline() -> None:
    body = "<article><h1>Storm closes schools</h1>" + BODY + "</article>"
    assert meta_authors_of("andrew.keaveney", body) == ["andrew.keaveney"]


# a byline element that starts with its date: the name is in a later part


@pytest.mark.parametrize(
    ("line", "expected", "lang"),
    [
        ("<div class='post-date-author'>Dec. 19, 2025 · Niko Matsakis on behalf of "
         "<a href='/teams/docs'>Docs group</a></div>", ["Niko Matsakis"], "en"),
        ("<div class='byline'>١٩ ديسمبر ٢٠٢٥ · أحمد علي</div>", ["أحمد علي"], "ar"),
        ("<div class='byline'>Dec. 19, 2025 · 6 min read</div>", [], "en"),
        ("<div class='byline'>Dec. 19, 2025 · Politics</div>", [], "en"),
        ("<div class='byline'>Chapter 3 · Jane Roe</div>", [], "en"),  # no year first
    ],
)
def test_name_after_the_date_in_a_byline(line: str, expected: list[str], lang: str) -> None:
    assert authors_of("<article><h1>Storm closes schools</h1>" + line + BODY + "</article>", lang) == expected


# a label word inside a paragraph credits someone else's work, not the page

PROSE = ("We built on three small, well engineered libraries, <a href='/astring'>astring</a> and "
         "<a href='/uutf'>uutf</a> by <span>Daniel Bunzli</span>, which made the port far easier "
         "than we had feared.")
PROSE_AR = ("اعتمدنا في هذا العمل على كتاب <a href='/book'>تاريخ المدينة</a> بقلم <span>سامي حداد</span>"
            " الذي صدر قبل عشرين عاما وما زال المرجع الأهم في هذا الموضوع حتى اليوم.")


@pytest.mark.parametrize(("prose", "lang"), [(PROSE, "en"), (PROSE_AR, "ar")])
def test_label_inside_a_paragraph_is_prose(prose: str, lang: str) -> None:
    assert authors_of("<article><h1>Porting a parser</h1>" + BODY + f"<p>{prose}</p></article>", lang) == []


def test_label_after_an_inline_element_of_a_short_line() -> None:
    body = ("<article><h1>Porting a parser</h1><p><img src='/a.png' alt=''> by <a href='#'>Jane Roe</a></p>"
            + BODY + "</article>")
    assert authors_of(body) == ["Jane Roe"]


# a link to a profile inside a paragraph quotes a person: the byline comes first

QUOTE = ("<p>As <a href='/profile/ogbeide'>Stacy Ogbeide</a>, a clinical health psychologist, "
         "explains, the key to healthy weight loss is a change of habits that lasts for years.</p>")
QUOTE_AR = ("<p>كما يوضح <a href='/profile/haddad'>سامي حداد</a>، أستاذ علم النفس في الجامعة، فإن "
            "مفتاح فقدان الوزن الصحي هو تغيير العادات بشكل يدوم سنوات طويلة، لا الحميات القاسية ولا "
            "ساعات الجري الطويلة.</p>")


def test_byline_before_a_profile_link_in_a_paragraph() -> None:
    body = ("<article><h1>Healthy weight loss</h1><div class='hero-authors'>By Angela Williams</div>"
            + QUOTE + BODY + "</article>")
    assert authors_of(body) == ["Angela Williams"]


def test_byline_before_a_profile_link_right_to_left() -> None:
    body = ("<article><h1>فقدان الوزن الصحي</h1><div class='byline'>بقلم أحمد علي</div>"
            + QUOTE_AR + BODY + "</article>")
    assert authors_of(body, lang="ar") == ["أحمد علي"]


def test_profile_link_in_a_paragraph_when_no_byline() -> None:
    assert authors_of("<article><h1>Healthy weight loss</h1>" + QUOTE + BODY + "</article>") == ["Stacy Ogbeide"]


# an <aside> of the article itself holds its author box; one outside it is a sidebar


@pytest.mark.parametrize(
    ("name", "lang"), [("Lisa D. Ellis", "en"), ("أحمد علي", "ar")])
def test_aside_inside_the_article(name: str, lang: str) -> None:
    body = ("<main><article><h1>Storm closes schools</h1><section><aside class='insight-card'>"
            f"<p class='author-name'>{name}</p></aside>" + BODY + "</section></article></main>")
    assert authors_of(body, lang) == [name]


def test_aside_outside_the_article_is_a_sidebar() -> None:
    body = ("<main><article><h1>Storm closes schools</h1>" + BODY + "</article></main>"
            "<aside><p class='author-name'>Tom Side</p></aside>")
    assert authors_of(body) == []


# an author field that names nobody: a script's empty value, a site path


@pytest.mark.parametrize("value", ["undefined", "null", "/nexxisrentals"])
def test_author_field_naming_nobody(value: str) -> None:
    body = "<article><h1>Storm closes schools</h1>" + BODY + "</article>"
    assert meta_authors_of(value, body) == []


@pytest.mark.parametrize("value", ["Nullah Khan", "أحمد علي", "Jane Doe/AP"])
def test_author_field_naming_someone(value: str) -> None:
    body = "<article><h1>Storm closes schools</h1>" + BODY + "</article>"
    assert meta_authors_of(value, body) == [value]


# links to account pages are not links to writers' pages


@pytest.mark.parametrize(
    ("link", "expected", "lang"),
    [
        ("<a href='/user/register'>Register Now</a>", [], "en"),
        ("<a href='https://my.example.com/dashboard/profile/mfa'>Security Profile</a>", [], "en"),
        ("<a href='/user/jane-doe'>Jane Doe</a>", ["Jane Doe"], "en"),
        ("<a href='/كاتب/أحمد-علي'>أحمد علي</a>", ["أحمد علي"], "ar"),
    ],
)
def test_account_page_links(link: str, expected: list[str], lang: str) -> None:
    body = f"<article><h1>Storm closes schools</h1><div class='meta'>{link}</div>" + BODY + "</article>"
    assert authors_of(body, lang) == expected


# a site title in <h1> (some themes put it in their sidebar) is not the headline


def test_site_title_in_a_sidebar_does_not_free_the_sidebar() -> None:
    body = ("<div class='sidebar'><h1><a href='/'>Field Notes</a></h1><p class='author'>Tom Side</p></div>"
            "<div class='content'><div class='post'><h2>Storm closes schools</h2>" + BODY + "</div></div>")
    assert authors_of(body) == []


def test_linked_headline_still_holds_its_wrapper() -> None:
    body = ("<div class='newsletter-email'><h1><a href='/p/storm-closes-schools'>Storm closes schools</a></h1>"
            "<p class='author'>Jane Roe</p>" + BODY + "</div>")
    assert authors_of(body) == ["Jane Roe"]
