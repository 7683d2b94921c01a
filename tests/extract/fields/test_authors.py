"""The authors field (``scraper.extract.fields.authors``, ``names``, ``bylines``): plain
"By Jane Doe" texts, bylines said as a sentence, a person preferred over a team credit,
initials, job titles joined by "and"; layout wrappers and page-builder blocks are not
chrome, and surnames that are also function words of another language."""

from __future__ import annotations

import pytest
from conftest import ARTICLE_BODY as BODY
from conftest import page_metadata

from scraper.extract.fields.bylines import byline_authors
from scraper.extract.fields.names import split_authors
from scraper.extract.parse import parse_html
from scraper.extract.sources.page_metadata import extract_metadata


def authors_of(body: str, head: str = "", lang: str = "en") -> list[str]:
    return page_metadata(head, body, "https://news.example/2024/05/06/story", lang).authors


# plain "By X" text in an element with no byline class


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<p>By Amy Wilhelm</p>", ["Amy Wilhelm"]),
        ("<div><p>Mar 24, 2025</p><p>By: Paul Fenaroli</p></div>", ["Paul Fenaroli"]),
        ("<p>Written by John Crenshaw</p>", ["John Crenshaw"]),
        ("<span><a href='#'>by Meaghan Weeden</a></span>", ["Meaghan Weeden"]),
        ("<p>By Jane Roe and John Doe | May 6, 2024</p>", ["Jane Roe", "John Doe"]),
    ],
)
def test_plain_by_line_under_the_headline(line: str, expected: list[str]) -> None:
    assert authors_of("<article><h1>Storm closes schools</h1>" + line + BODY + "</article>") == expected


def test_plain_by_line_right_to_left() -> None:
    body = "<article><h1>عاصفة تغلق المدارس</h1><p>بقلم أحمد علي</p>" + BODY + "</article>"
    assert authors_of(body, lang="ar") == ["أحمد علي"]


@pytest.mark.parametrize(
    "line",
    [
        "<p>By Tuesday Morning, the storm had passed and the schools reopened.</p>",
        "<p>By 2030 most schools will close</p>",
        "<p>By the way</p>",
        "<p>By Category</p>",  # one word: a menu, not a name
        "<ul class='related-posts'><li><p>By Jane Roe</p></li></ul>",
    ],
)
def test_plain_by_line_must_not_fire(line: str) -> None:
    assert authors_of("<article><h1>Storm closes schools</h1>" + line + BODY + "</article>") == []


def test_plain_by_line_before_the_headline_is_site_chrome() -> None:
    body = ("<header><h4>By Ovolo Collective Hotels</h4></header>"
            "<article><h1>Storm closes schools</h1>" + BODY + "</article>")
    assert authors_of(body) == []


# bylines said as a short sentence


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("Posted on September 21, 2020 by Adi Tzlil", "en", ["Adi Tzlil"]),
        ("Published 2 hours ago by Jane Roe | 5 min read", "en", ["Jane Roe"]),
        ("Veröffentlicht am 21. September 2020 von Max Muster", "de", ["Max Muster"]),
        ("Publié le 3 mai 2021 par Jean Dupont", "fr", ["Jean Dupont"]),
        ("Publicado el 3 de mayo de 2021 por Ana García", "es", ["Ana García"]),
    ],
)
def test_byline_opening_with_the_date_gives_the_names_after_it(line: str, lang: str,
                                                                expected: list[str]) -> None:
    # the date cut the line before its names, and the verb was taken for a name
    page = f"<article><h1>Storm closes schools</h1><div class='byline'>{line}</div>{BODY}</article>"
    assert authors_of(page, lang=lang) == expected


def test_a_publication_verb_alone_is_not_a_name() -> None:
    page = f"<article><h1>Storm closes schools</h1><div class='byline'>Posted</div>{BODY}</article>"
    assert authors_of(page) == []


def test_sentence_byline_before_a_linked_name() -> None:
    body = ("<main><h1>Plant-based diets</h1>" + BODY
            + "<p><em>This post was written by <a href='/doctors/vm'>Vanessa Mendez, MD</a>, "
            "gastroenterologist.</em></p></main>")
    assert authors_of(body) == ["Vanessa Mendez"]


def test_sentence_label_standing_alone() -> None:
    body = ("<main><h1>Weight-loss medicines</h1>" + BODY
            + "<div><p>Article written by:</p><h3>Doris Munoz-Mantilla, MD, FOMA</h3></div></main>")
    assert authors_of(body) == ["Doris Munoz-Mantilla"]


def test_sentence_byline_right_to_left() -> None:
    body = ("<main><h1>عاصفة</h1>" + BODY
            + "<p>هذا المقال بقلم <a href='/x'>سارة حسن</a></p></main>")
    assert authors_of(body, lang="ar") == ["سارة حسن"]


def test_sentence_in_a_paragraph_about_a_book_is_not_a_byline() -> None:
    body = ("<main><h1>Best novels</h1>" + BODY
            + "<p>In 2019 a book written by <a href='/x'>Stephen King</a> sold more copies than any "
            "other novel that year, and readers still argue about its ending today.</p></main>")
    assert authors_of(body) == []


def test_sentence_byline_in_an_author_box_with_a_job_title() -> None:
    body = ("<article><h1>Index types</h1>" + BODY
            + "<div class='author-bio'>This post was written by Danielle Padula, Head of Marketing "
            "and Community Development</div></article>")
    assert authors_of(body) == ["Danielle Padula"]


# job titles, credentials, initials


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Danielle Padula, Head of Marketing and Community Development", ["Danielle Padula"]),
        ("Jane Roe, MD and John Doe", ["Jane Roe", "John Doe"]),
        ("Jane Roe, Editor, and John Doe", ["Jane Roe", "John Doe"]),
        ("محمد علي و أحمد حسن", ["محمد علي", "أحمد حسن"]),
    ],
)
def test_job_title_joined_by_and_is_one_role(credit: str, expected: list[str]) -> None:
    assert split_authors(credit) == expected


def test_initials_are_part_of_a_name() -> None:
    body = "<div><h1>Selecting DC motors</h1><p>By <a href='#'>A. J. Neal</a></p></div>" + BODY
    assert authors_of(body) == ["A. J. Neal"]


# teams


def test_team_named_by_its_role() -> None:
    body = ("<article><h1>Zero waste</h1><ul class='article__meta'><li>by <a href='#'>Marketing Team</a>"
            "</li></ul>" + BODY + "</article>")
    assert authors_of(body) == ["Marketing Team"]


def test_role_first_is_still_not_a_team() -> None:
    body = "<article><h1>Zero waste</h1><p class='byline'>Staff Writer</p>" + BODY + "</article>"
    assert authors_of(body) == []


def test_person_preferred_over_team_credit() -> None:
    tree = parse_html(
        "<html><body><article><h1>Query optimisation</h1>"
        "<a href='/authors/team-tiger'>Team Tiger Data</a>" + BODY
        + "<p>Written by </p><p>Paulinho Giovannini</p></article></body></html>")
    assert byline_authors(tree) == ["Paulinho Giovannini"]


def test_team_credit_kept_when_no_person_is_named() -> None:
    tree = parse_html(
        "<html><body><article><h1>Query optimisation</h1>"
        "<a href='/authors/team-tiger'>Team Tiger Data</a>" + BODY + "</article></body></html>")
    assert byline_authors(tree) == ["Team Tiger Data"]


# where a byline may stand


def test_byline_in_the_article_own_footer() -> None:
    body = ("<article><h1>Sourdough</h1>" + BODY + "<footer class='entry-footer'><p class='entry-meta'>"
            "Posted By: <a rel='author' href='/author/k'>Kiersten</a></p></footer></article>"
            "<footer class='site-footer'><a rel='author' href='/author/x'>Site Owner</a></footer>")
    assert authors_of(body) == ["Kiersten"]


def test_byline_in_the_site_footer_is_chrome() -> None:
    body = ("<article><h1>Sourdough</h1>" + BODY + "</article>"
            "<footer class='site-footer'><p>Posted by <a rel='author' href='/author/x'>Site Owner</a></p></footer>")
    assert authors_of(body) == []


def test_layout_wrapper_around_main_is_not_a_sidebar() -> None:
    body = ("<div class='content-sidebar-wrap'><main><article><h1>Sourdough</h1>"
            "<p class='entry-meta'>Posted By: <a rel='author' href='/author/k'>Kiersten Hickman</a></p>"
            + BODY + "</article></main><aside class='sidebar'><p class='author'>Jane Other</p></aside></div>")
    assert authors_of(body) == ["Kiersten Hickman"]


def test_sidebar_inside_main_is_still_chrome() -> None:
    body = ("<main><article><h1>Sourdough</h1>" + BODY + "</article>"
            "<div class='sidebar'><p class='author'>Jane Other</p></div></main>")
    assert authors_of(body) == []


def test_arabic_byline_in_the_article_footer() -> None:
    body = ("<article dir='rtl'><h1>الخبز</h1>" + BODY + "<footer><p>بقلم <a rel='author' href='/author/s'>"
            "سارة حسن</a></p></footer></article>")
    assert authors_of(body, lang="ar") == ["سارة حسن"]


# author fields that name nobody


@pytest.mark.parametrize("value", ["262588213843476", "page.head.extra.author", "{{ author }}", "%author%"])
def test_ids_and_placeholders_are_not_names(value: str) -> None:
    assert split_authors(value) == []
    assert authors_of("<article><h1>T</h1>" + BODY + "</article>",
                      head=f'<meta name="author" content="{value}">') == []


@pytest.mark.parametrize("value", ["sara.r.peter", "J. R. R. Tolkien", "3i Global", "سارة حسن"])
def test_handles_and_initials_are_kept(value: str) -> None:
    assert split_authors(value) == [value]


# the dated line under the headline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<div><span>2025-12-17</span><span>·</span><a title='Trond Teigen'>Trond Teigen</a></div>",
         ["Trond Teigen"]),
        ("<p>Dec 26, 2025 • Mahesh Kumar in <a href='/blog/pm'>Project Management</a></p>",
         ["Mahesh Kumar"]),
        ("<div>3 min read · By ASU Online · 2024</div>", ["ASU Online"]),
    ],
)
def test_name_in_the_dated_line_under_the_headline(line: str, expected: list[str]) -> None:
    assert authors_of("<article><h1>Pilot landed</h1>" + line + BODY + "</article>") == expected


def test_name_in_the_dated_line_right_to_left() -> None:
    body = "<article dir='rtl'><h1>هبوط</h1><div>١٧ ديسمبر ٢٠٢٥ · سارة حسن</div>" + BODY + "</article>"
    assert authors_of(body, lang="ar") == ["سارة حسن"]


@pytest.mark.parametrize(
    "line",
    [
        "<p>March 3, 2025 · <a href='/health'>Mental Health</a></p>",  # a section link
        "<p>Updated · Mental Health · Nutrition</p>",  # no year: not the dated line
        "<p>March 3, 2025 · Health</p>",  # one word
    ],
)
def test_dated_line_without_a_person_names_nobody(line: str) -> None:
    assert authors_of("<article><h1>Pilot landed</h1>" + line + BODY + "</article>") == []


# what is left of a date in a byline-classed element is not a name


@pytest.mark.parametrize(
    ("byline", "lang"),
    [
        ("<span class='byline'>Sat, 20 Dec 2025</span>", "en"),
        ("<span class='author'>السبت، ٢٠ ديسمبر ٢٠٢٥</span>", "ar"),
        ("<span class='author'>Dec. 20</span>", "en"),
    ],
)
def test_day_or_month_name_in_a_byline_is_not_an_author(byline: str, lang: str) -> None:
    body = f"<article><h1>Storm closes schools</h1>{byline}{BODY}</article>"
    assert authors_of(body, lang=lang) == []


def test_byline_with_a_name_next_to_the_day_keeps_the_name() -> None:
    body = "<article><h1>Storm closes schools</h1><span class='byline'>Jane Roe, Sat</span>" + BODY + "</article>"
    assert authors_of(body) == ["Jane Roe"]


def body_authors_of(body: str, lang: str = "en") -> list[str]:
    return page_metadata("", body, "https://news.example/2024/05/06/story", lang).authors


# a wrapper that names a sidebar but holds the headline lays out the page


def test_layout_wrapper_holding_the_headline_is_not_a_sidebar() -> None:
    body = ("<div class='site-content layout--sidebar-right'><div class='entry'>"
            "<h1>Storm closes schools</h1><span class='author'>Jane Roe</span>" + BODY
            + "</div><div class='sidebar'><span class='author'>Tom Side</span></div></div>")
    assert body_authors_of(body) == ["Jane Roe"]


def test_layout_wrapper_right_to_left() -> None:
    body = ("<div dir='rtl' class='page sidebar-left'><div class='entry'>"
            "<h1>عاصفة تغلق المدارس</h1><p class='byline'>بقلم أحمد علي</p>" + BODY
            + "</div></div>")
    assert body_authors_of(body, lang="ar") == ["أحمد علي"]


def test_real_sidebar_still_chrome() -> None:
    body = ("<div class='site-content layout--sidebar-right'><div class='entry'>"
            "<h1>Storm closes schools</h1>" + BODY
            + "</div><div class='sidebar'><span class='author'>Tom Side</span></div></div>")
    assert body_authors_of(body) == []


# a page builder wraps every block, the headline's too, in "…-widget-…" classes


def test_page_builder_widget_holding_the_byline() -> None:
    body = ("<div class='builder-widget-wrap'>"
            "<div class='builder-widget builder-widget-heading'><h1>Storm closes schools</h1></div>"
            "<div class='builder-widget builder-widget-post-info'><span class='author'>Jane Roe</span></div>"
            "<div class='builder-widget builder-widget-text'>" + BODY + "</div></div>")
    assert body_authors_of(body) == ["Jane Roe"]


def test_widget_is_chrome_when_the_headline_is_in_none() -> None:
    body = ("<div class='entry'><h1>Storm closes schools</h1>" + BODY + "</div>"
            "<div class='widget recent-posts'><span class='author'>Tom Side</span></div>")
    assert body_authors_of(body) == []


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
    assert body_authors_of("<article><h1>Storm closes schools</h1>" + line + BODY + "</article>") == expected


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
    assert body_authors_of("<article><h1>Storm closes schools</h1>" + line + BODY + "</article>", lang) == expected


# a label word inside a paragraph credits someone else's work, not the page

PROSE = ("We built on three small, well engineered libraries, <a href='/astring'>astring</a> and "
         "<a href='/uutf'>uutf</a> by <span>Daniel Bunzli</span>, which made the port far easier "
         "than we had feared.")
PROSE_AR = ("اعتمدنا في هذا العمل على كتاب <a href='/book'>تاريخ المدينة</a> بقلم <span>سامي حداد</span>"
            " الذي صدر قبل عشرين عاما وما زال المرجع الأهم في هذا الموضوع حتى اليوم.")


@pytest.mark.parametrize(("prose", "lang"), [(PROSE, "en"), (PROSE_AR, "ar")])
def test_label_inside_a_paragraph_is_prose(prose: str, lang: str) -> None:
    assert body_authors_of("<article><h1>Porting a parser</h1>" + BODY + f"<p>{prose}</p></article>", lang) == []


def test_label_after_an_inline_element_of_a_short_line() -> None:
    body = ("<article><h1>Porting a parser</h1><p><img src='/a.png' alt=''> by <a href='#'>Jane Roe</a></p>"
            + BODY + "</article>")
    assert body_authors_of(body) == ["Jane Roe"]


# a link to a profile inside a paragraph quotes a person: the byline comes first

QUOTE = ("<p>As <a href='/profile/ogbeide'>Stacy Ogbeide</a>, a clinical health psychologist, "
         "explains, the key to healthy weight loss is a change of habits that lasts for years.</p>")
QUOTE_AR = ("<p>كما يوضح <a href='/profile/haddad'>سامي حداد</a>، أستاذ علم النفس في الجامعة، فإن "
            "مفتاح فقدان الوزن الصحي هو تغيير العادات بشكل يدوم سنوات طويلة، لا الحميات القاسية ولا "
            "ساعات الجري الطويلة.</p>")


def test_byline_before_a_profile_link_in_a_paragraph() -> None:
    body = ("<article><h1>Healthy weight loss</h1><div class='hero-authors'>By Angela Williams</div>"
            + QUOTE + BODY + "</article>")
    assert body_authors_of(body) == ["Angela Williams"]


def test_byline_before_a_profile_link_right_to_left() -> None:
    body = ("<article><h1>فقدان الوزن الصحي</h1><div class='byline'>بقلم أحمد علي</div>"
            + QUOTE_AR + BODY + "</article>")
    assert body_authors_of(body, lang="ar") == ["أحمد علي"]


def test_profile_link_in_a_paragraph_when_no_byline() -> None:
    assert body_authors_of("<article><h1>Healthy weight loss</h1>" + QUOTE + BODY + "</article>") == ["Stacy Ogbeide"]


# an <aside> of the article itself holds its author box; one outside it is a sidebar


@pytest.mark.parametrize(
    ("name", "lang"), [("Lisa D. Ellis", "en"), ("أحمد علي", "ar")])
def test_aside_inside_the_article(name: str, lang: str) -> None:
    body = ("<main><article><h1>Storm closes schools</h1><section><aside class='insight-card'>"
            f"<p class='author-name'>{name}</p></aside>" + BODY + "</section></article></main>")
    assert body_authors_of(body, lang) == [name]


def test_aside_outside_the_article_is_a_sidebar() -> None:
    body = ("<main><article><h1>Storm closes schools</h1>" + BODY + "</article></main>"
            "<aside><p class='author-name'>Tom Side</p></aside>")
    assert body_authors_of(body) == []


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
        # a sign-out link in the menu of a Rails site ("Abmelden": "Sign out")
        ("<a rel='nofollow' data-method='delete' href='/users/sign_out'>Abmelden</a>", [], "de"),
        ("<a href='/users/sign_in'>Anmelden</a>", [], "de"),
        ("<a href='/user/jane-doe'>Jane Doe</a>", ["Jane Doe"], "en"),
        ("<a href='/كاتب/أحمد-علي'>أحمد علي</a>", ["أحمد علي"], "ar"),
    ],
)
def test_account_page_links(link: str, expected: list[str], lang: str) -> None:
    body = f"<article><h1>Storm closes schools</h1><div class='meta'>{link}</div>" + BODY + "</article>"
    assert body_authors_of(body, lang) == expected


# a site title in <h1> (some themes put it in their sidebar) is not the headline


def test_site_title_in_a_sidebar_does_not_free_the_sidebar() -> None:
    body = ("<div class='sidebar'><h1><a href='/'>Field Notes</a></h1><p class='author'>Tom Side</p></div>"
            "<div class='content'><div class='post'><h2>Storm closes schools</h2>" + BODY + "</div></div>")
    assert body_authors_of(body) == []


def test_linked_headline_still_holds_its_wrapper() -> None:
    body = ("<div class='newsletter-email'><h1><a href='/p/storm-closes-schools'>Storm closes schools</a></h1>"
            "<p class='author'>Jane Roe</p>" + BODY + "</div>")
    assert body_authors_of(body) == ["Jane Roe"]


@pytest.mark.parametrize("credit", ["The Ritualist", "Ask the Doctors"])
def test_a_pen_name_in_structured_author_markup_is_the_credit(credit: str) -> None:
    # microdata names its author as JSON-LD does: a column's or pen name is what the publisher credits
    body = ("<article><h1>Espresso machines under $500</h1><span class='byline'>by "
            "<span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
            f"<span itemprop='name'>{credit}</span></span></span>" + BODY + "</article>")
    assert body_authors_of(body) == [credit]


def test_a_label_in_structured_author_markup_is_still_no_credit() -> None:
    body = ("<article><h1>Espresso machines under $500</h1>"
            "<span itemprop='author' itemscope><span itemprop='name'>Written by</span></span>"
            + BODY + "</article>")
    assert body_authors_of(body) == []
