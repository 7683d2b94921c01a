"""The title field (``scraper.extract.fields.title``): section labels named by the URL's
folders, site names across candidates, and the rules added on wcxb-dev evidence, each
with a case where it must not fire."""

from __future__ import annotations

import pytest
from conftest import ARTICLE_BODY as BODY
from conftest import meta_of, page_metadata
from lxml.html import fromstring

from scraper.extract.fields.title import strip_site_name


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        # a part equal to a folder of the URL is the section's label
        ("How meditation rewires brains | Opinion", "https://paper.example/story/opinion/2025/12/19/x/",
         "How meditation rewires brains"),
        ("Gardening makes villages self-reliant | District", "https://bss.example/district/343604",
         "Gardening makes villages self-reliant"),
        ("How to help toddlers sleep | Patient Education | UC Davis Children's Hospital",
         "https://health.ucdavis.edu/children/patient-education/helping-children-sleep",
         "How to help toddlers sleep"),
        ("الطقس اليوم | محليات", "https://akhbar.example/محليات/12345", "الطقس اليوم"),
        ("الطقس اليوم | محليات", "https://akhbar.example/%D9%85%D8%AD%D9%84%D9%8A%D8%A7%D8%AA/1",
         "الطقس اليوم"),
        # the last segment is the article's own slug: never a section label
        ("Hello world | Reviews", "https://blog.example/reviews/hello-world", "Hello world"),
        # a folder name before the headline is a series name shown with it: stays
        ("Reviews - Hello world", "https://blog.example/reviews/hello-world", "Reviews - Hello world"),
        ("Hello world - Reviews", "https://blog.example/hello-world", "Hello world - Reviews"),
        # a part not named by the path stays
        ("Big storm - Weather", "https://paper.example/news/2025/big-storm", "Big storm - Weather"),
    ],
)
def test_section_part_named_by_the_path_is_stripped(title, url, expected):
    assert strip_site_name(title, [], url) == expected


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        # the host ends with the part: a get-/try-/my- brand host
        ("Top 5 HR software in 2026 | DianaHR", "https://www.getdianahr.com/blog/x", "Top 5 HR software in 2026"),
        ("أفضل برامج الموارد البشرية | Kitabat", "https://www.mykitabat.com/x", "أفضل برامج الموارد البشرية"),
        # a part the host merely contains in its middle stays
        ("Top 5 HR software - Diana", "https://www.getdianahr.com/blog/x", "Top 5 HR software - Diana"),
    ],
)
def test_site_part_ending_the_host_is_stripped(title, url, expected):
    assert strip_site_name(title, [], url) == expected


def test_headline_cut_short_yields_to_its_full_form():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline":'
            ' "Fix It Friday: We Help 4 Readers Find Solutions (Including"}</script>'
            '<meta property="og:title" content="Fix It Friday: We Help 4 Readers Find Solutions'
            ' (Including One Universal Trick) - Emily Henderson">'
            '<meta property="og:site_name" content="Emily Henderson">')
    meta = meta_of(head)
    assert meta.title == "Fix It Friday: We Help 4 Readers Find Solutions (Including One Universal Trick)"


def test_headline_with_ellipsis_yields_to_its_full_form_arabic():
    head = ('<meta property="og:title" content="الحكومة تعلن خطة جديدة لدعم…">'
            '<title>الحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب</title>')
    assert meta_of(head).title == "الحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب"


def test_complete_headline_is_not_replaced_by_a_longer_title():
    # no sign of a cut: the shorter, first title stays
    head = ('<meta property="og:title" content="Storm closes schools">'
            '<title>Storm closes schools across the county</title>')
    assert meta_of(head).title == "Storm closes schools"


def test_visible_headline_wins_when_it_shares_enough_words_with_metadata():
    head = '<meta property="og:title" content="Top Tech Conferences 2026 – The Global Events Driving Innovation">'
    body = "<h1>Biggest Tech events 2026</h1>" + BODY
    assert meta_of(head, body).title == "Biggest Tech events 2026"


def test_unrelated_heading_does_not_win():
    head = '<meta property="og:title" content="Storm closes schools across the county">'
    body = "<h1>Weather warnings today</h1>" + BODY
    assert meta_of(head, body).title == "Storm closes schools across the county"


def test_one_word_title_part_heading_is_a_label_not_the_headline():
    meta = meta_of("<title>Travel guides - Blog</title>", "<h1>Blog</h1>" + BODY)
    assert meta.title == "Travel guides - Blog"
    meta = meta_of("<title>دليل السفر - مدونة</title>", "<h1>مدونة</h1>" + BODY)
    assert meta.title == "دليل السفر - مدونة"


def test_one_word_heading_beside_one_word_parts_is_not_ruled_out():
    # Chinese writes no spaces: every part is one "word", the headline too
    meta = meta_of("<title>习近平会见美国总统 - 新华网</title>", "<h1>习近平会见美国总统</h1>" + BODY)
    assert meta.title == "习近平会见美国总统"


def test_one_word_headword_heading_still_wins():
    # not a part beside others: the dictionary headword is the headline
    meta = meta_of("<title>RESTAURANT Definition &amp; Meaning</title>", "<h1>restaurant</h1>" + BODY)
    assert meta.title == "restaurant"


def test_kicker_element_inside_the_heading_is_not_headline():
    head = '<meta property="og:title" content="Klatch Coffee | Shopify App Store">'
    body = "<h1><div>Get that tech stack</div> <span>Klatch Coffee</span></h1>" + BODY
    assert meta_of(head, body, url="https://apps.shopify.com/stories/klatch").title == "Klatch Coffee"


def test_label_element_inside_the_heading_is_not_headline_arabic():
    head = '<meta property="og:title" content="أفضل وكالات التسويق في 2025">'
    body = '<h1 dir="rtl"><strong>مدونة:</strong> أفضل وكالات التسويق في 2025</h1>' + BODY
    assert meta_of(head, body).title == "أفضل وكالات التسويق في 2025"


def test_source_and_count_after_linked_headline_are_not_headline():
    head = '<meta property="og:title" content="Grads find degrees no longer guarantee jobs - Slashdot">'
    body = ('<h1><span><a href="/story/1">Grads find degrees no longer guarantee jobs</a>'
            ' <span>(latimes.com)</span></span> <span>87</span></h1>' + BODY)
    meta = meta_of(head, body, url="https://slashdot.org/story/1")
    assert meta.title == "Grads find degrees no longer guarantee jobs"


def test_subtitle_in_the_heading_text_stays():
    # the extra words are the heading's own text, not an element of their own
    head = '<meta property="og:title" content="Big Data in Retail">'
    body = "<h1>Big Data in Retail: Enhancing Customer Insights</h1>" + BODY
    assert meta_of(head, body).title == "Big Data in Retail: Enhancing Customer Insights"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("davidbau.com Vibe Coding", "Vibe Coding"),
        ("Vibe Coding www.davidbau.com", "Vibe Coding"),
        ("davidbau.com مدونة البرمجة", "مدونة البرمجة"),
        # the domain alone, or only mentioned inside the headline, stays
        ("davidbau.com", "davidbau.com"),
        ("Why davidbau.com moved hosts", "Why davidbau.com moved hosts"),
    ],
)
def test_domain_before_or_after_title_is_stripped(title, expected):
    assert strip_site_name(title, [], "https://davidbau.com/archives/x.html") == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Best Residential Movers in NYC 2025 | Top 19 Companies", "Best Residential Movers in NYC 2025"),
        ("12 Must-Have Data Analysis Tools | Python, SQL & AI | Splunk", "12 Must-Have Data Analysis Tools"),
        ("أفضل شركات النقل في 2025 | أهم 19 شركة", "أفضل شركات النقل في 2025"),
        # a long part after the pipe may be a second clause of the headline
        ("Top 10 cameras of 2025 | The best mirrorless cameras on the market",
         "Top 10 cameras of 2025 | The best mirrorless cameras on the market"),
        # a part as long as what precedes it may be the headline after the site's name
        ("Daily Planet | Storm hits", "Daily Planet | Storm hits"),
        # a dash is written in headlines: a short part after it stays
        ("Spider-Man - a review", "Spider-Man - a review"),
    ],
)
def test_short_part_after_a_pipe_is_not_headline(title, expected):
    assert strip_site_name(title, [], "https://news.example/2025/x") == expected


URL = "https://news.example/2025/01/02/story"


def title_of(head: str, body: str = BODY, url: str | None = URL) -> str | None:
    return page_metadata(head, body, url).title


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # one or two words after a dash, behind a full headline: a format or series label
        ("2025 Top Insurance Company Performance Rankings - Infographic",
         "2025 Top Insurance Company Performance Rankings"),
        ("Reflections on building a pixel-perfect UI pipeline - Part 1",
         "Reflections on building a pixel-perfect UI pipeline"),
        ("Fifteen language learning apps compared — Personally Tested",
         "Fifteen language learning apps compared"),
        ("انقطاع الكهرباء عن أحياء واسعة في المدينة - فيديو",
         "انقطاع الكهرباء عن أحياء واسعة في المدينة"),
    ],
)
def test_short_label_after_a_dash_is_stripped(title, expected):
    assert strip_site_name(title, [], URL) == expected


@pytest.mark.parametrize(
    "title",
    [
        # a clause of three words or more is the headline's second half
        "Transitioning to a plant-based diet – tips and tricks",
        # an exclamation or a question is said, not a label
        "The best bread machines we tested – My Favorites!",
        "Why the central bank held rates again - What now?",
        "لماذا أبقى البنك المركزي على أسعار الفائدة - ماذا بعد؟",
        # a part opening with a digit is a score, not a label
        "Arsenal beat Chelsea at the Emirates 2 - 1 Chelsea",
        # behind a short head either part may be the headline
        "Big storm hits coast - Weather",
        # a colon or a slash is no dash
        "Five things we learned from the budget: Opinion Piece",
    ],
)
def test_dash_part_that_is_not_a_label_stays(title):
    assert strip_site_name(title, [], URL) == title


def test_dash_label_is_stripped_from_heading_and_metadata_alike():
    head = "<title>The regional council approves the new housing plan - Explainer</title>"
    body = "<h1>The regional council approves the new housing plan - Explainer</h1>" + BODY
    assert title_of(head, body) == "The regional council approves the new housing plan"


def _page(meta_title: str, h1: str) -> tuple[str, str]:
    return f'<meta property="og:title" content="{meta_title}">', f"<h1>{h1}</h1>" + BODY


@pytest.mark.parametrize(
    ("meta_title", "h1", "expected"),
    [
        # a heading in capitals: the metadata gives the writer's case and words
        ("Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros",
         "BEST DRIP COFFEE MAKER IN 2026: BUYING TIPS FROM COFFEE PROS",
         "Best Drip Coffee Maker 2026: Buying Tips From Coffee Pros"),
        # the heading leaves out the list's count or the year
        ("8 Recent Trends in Photography", "Recent Trends in Photography",
         "8 Recent Trends in Photography"),
        ("15 Best Online Tutoring Platforms 2025", "15 Best Online Tutoring Platforms",
         "15 Best Online Tutoring Platforms 2025"),
        ("أفضل 10 تطبيقات لتعلم اللغات ٢٠٢٥", "أفضل 10 تطبيقات لتعلم اللغات",
         "أفضل 10 تطبيقات لتعلم اللغات ٢٠٢٥"),
    ],
)
def test_metadata_title_in_fuller_form_than_the_heading(meta_title, h1, expected):
    assert title_of(*_page(meta_title, h1)) == expected


@pytest.mark.parametrize(
    ("meta_title", "h1"),
    [
        # more than numbers added: the heading stays
        ("Tested! The best security cameras for keeping your home safe in 2026",
         "Tested! The best security cameras for keeping your home safe"),
        # another number, not an added one
        ("Top 5 tools for small newsrooms 2025", "Top 10 tools for small newsrooms"),
        # an escaped character's code is no number
        ("And finally&amp;#8230; trouble brewing", "And finally… trouble brewing"),
        # a heading in capitals that says something else
        ("Budget talks stall again in parliament as the deadline nears", "BUDGET TALKS STALL AGAIN"),
        # the heading carries the year, the metadata does not
        ("Software Development Price Guide", "2025 Software Development Price Guide"),
    ],
)
def test_heading_stays_when_the_metadata_is_no_fuller_form(meta_title, h1):
    assert title_of(*_page(meta_title, h1)) == h1


def test_a_date_added_to_the_heading_is_not_a_fuller_form():
    head, body = _page("Morning briefing 25.11.2025", "Morning briefing")
    assert title_of(head, body) == "Morning briefing"


def test_soft_hyphens_are_not_part_of_the_title():
    # German sites hyphenate long words with &shy;, invisible on the page
    head = "<title>Mes&shy;sen&shy;ger&shy;diens&shy;te sind kein rechts&shy;frei&shy;er Raum</title>"
    body = "<article><h1>Mes&shy;sen&shy;ger&shy;diens&shy;te sind kein rechts&shy;frei&shy;er Raum</h1>" + BODY
    assert page_metadata(head, body + "</article>", lang="de").title == \
        "Messengerdienste sind kein rechtsfreier Raum"


def test_a_meta_title_cut_by_an_unescaped_quote_is_read_from_the_title_tag():
    # content="… de "incapacitado"": the attribute ends at the first inner quote
    cut = 'Senador republicano califica a Biden de "incapacitado"'
    head = (f'<title>{cut}</title><meta property="og:title" content="{cut}" />'
            f'<meta name="twitter:title" content="{cut}" />')
    assert meta_of(head).title == cut


def test_a_meta_title_that_is_only_shorter_than_the_title_tag_stays():
    head = ('<title>Storm closes schools across the county</title>'
            '<meta property="og:title" content="Storm closes schools" />')
    assert meta_of(head).title == "Storm closes schools"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        # the kicker is named, and the page's title tags carry it too
        ('<span class="dachzeile">Interne Unterlagen im Netz</span> '
         '<span class="headline">Daten von Rheinmetall gehackt</span>', "Daten von Rheinmetall gehackt"),
        ('<span class="article__subheadline">Open Progress</span><br>'
         '<span itemprop="headline">Why collaborative thinking beats individual smarts</span>',
         "Why collaborative thinking beats individual smarts"),
        # a named kicker before loose headline text, a separator element left between them
        ('<span class="ts-overline">Abstandsregeln und Fieberkontrollen </span><span>: </span>'
         "Wie Firmen ihre Beschäftigten schützen", "Wie Firmen ihre Beschäftigten schützen"),
        ('<span class="article-header__roofline">Adblue nachfüllen: wo kaufen; Preis</span> '
         "So wird Adblue richtig angewendet", "So wird Adblue richtig angewendet"),
        # a part named "headline" that holds a word of it is the kicker itself: all stays
        ('<span class="headline">Frain</span> Incendie dans une maison : cinq personnes relogées',
         "Frain Incendie dans une maison : cinq personnes relogées"),
    ],
)
def test_a_heading_is_read_without_the_kicker_its_markup_names(heading: str, expected: str):
    whole = " ".join(fromstring(f"<h1>{heading}</h1>").text_content().split())
    head = f"<title>{whole} | Example News</title>"
    body = f"<article><h1>{heading}</h1>" + BODY + "</article>"
    assert meta_of(head, body).title == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Four Years Remaining » Blog Archive » Interning of Small Integers", "Interning of Small Integers"),
        ("Mein Blog » Blog-Archiv » Die Wurmkiste im Winter", "Die Wurmkiste im Winter"),
        # the words inside a headline are the headline's
        ("Opening the blog archive of a famous diarist", "Opening the blog archive of a famous diarist"),
    ],
)
def test_the_blog_archive_part_of_an_old_wordpress_title_is_not_the_headline(title: str, expected: str):
    assert strip_site_name(title, ["Four Years Remaining", "Mein Blog"]) == expected
