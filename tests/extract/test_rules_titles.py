"""Title rules added on wcxb-dev evidence: each with a case where it must not fire."""

from __future__ import annotations

import pytest

from conftest import ARTICLE_BODY as BODY
from conftest import page_metadata
from scraper.extract.titles import strip_site_name

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
