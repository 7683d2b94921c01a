"""Title rules: section labels named by the URL's folders, site names across candidates."""

from __future__ import annotations

import pytest

from conftest import ARTICLE_BODY as BODY
from conftest import meta_of
from scraper.extract.titles import strip_site_name


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
