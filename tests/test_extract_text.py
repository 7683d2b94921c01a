"""Stage 3 and 4 rules: headline, bylines and chrome lines leave the edges; sentences stay."""

from __future__ import annotations

import pytest

from scraper.extract.phrases import (
    BYLINE_MARKERS,
    RELATED_HEADINGS,
    SEARCH_LABELS,
    SHARE_PHRASES,
    is_block_heading,
    is_chrome_line,
)
from scraper.extract.text import clean_body, parse_byline

LANGUAGES = {"ar", "en", "fr", "de", "es", "it", "pt", "ru", "tr", "fa", "ur", "zh"}
PARA = "The committee met on Monday and agreed to publish its findings before the summer recess."


def test_phrase_tables_cover_every_language():
    for table in (RELATED_HEADINGS, SHARE_PHRASES, SEARCH_LABELS, BYLINE_MARKERS):
        assert LANGUAGES <= set(table)


def test_arabic_marks_are_ignored_when_matching():
    assert is_block_heading("أَخْبَارٌ ذَاتُ صِلَةٍ")
    assert is_block_heading("أخبـــار ذات صلة")  # tatweel


def test_headline_repeated_at_top_is_dropped():
    text, _ = clean_body(f"Storm closes schools\n{PARA}", "Storm closes schools")
    assert text == PARA


def test_near_identical_headline_is_dropped():
    text, _ = clean_body(f"Storm closes schools!\n{PARA}", "Storm Closes Schools")
    assert text == PARA


def test_headline_words_inside_a_paragraph_stay():
    body = f"Storm closes schools across the region, officials said on Monday evening.\n{PARA}"
    text, _ = clean_body(body, "Storm closes schools")
    assert text == body


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("خاص : ترجمة – لميس السيد :", ["لميس السيد"]),
        ("كتب – أحمد علي", ["أحمد علي"]),
        ("بقلم: سارة محمود", ["سارة محمود"]),
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Reporting by Jane Doe; Editing by Sam Lee", ["Jane Doe"]),
        ("Par Jean Dupont", ["Jean Dupont"]),
        ("Von Max Mustermann", ["Max Mustermann"]),
        ("Por María García", ["María García"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("记者：张伟", ["张伟"]),
    ],
)
def test_byline_names_are_read(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    ["By the time the police arrived, the crowd had gone.", "كتب الرئيس رسالة إلى الأمم المتحدة",
     "Di Maio ha detto che il governo resterà", PARA, "By 2030 the plan should be complete"],
)
def test_sentences_are_not_bylines(line):
    assert parse_byline(line) is None


def test_bylines_at_the_edges_move_to_authors():
    text, authors = clean_body(f"خاص : ترجمة – لميس السيد :\n{PARA}\nReporting by Jane Doe", None)
    assert text == PARA
    assert authors == ["لميس السيد", "Jane Doe"]


def test_byline_like_line_in_the_middle_stays():
    body = "\n".join([PARA, PARA, PARA, "By Jane Doe", PARA, PARA, PARA, PARA])
    text, authors = clean_body(body, None)
    assert "By Jane Doe" in text and authors == []


@pytest.mark.parametrize(
    "chrome", ["Search", "Close this search box.", "أخبار ذات صلة", "Share this article", "Lire aussi",
               "Newsletter", "Leave a Reply", "分享"],
)
def test_chrome_lines_are_dropped(chrome):
    text, _ = clean_body(f"{chrome}\n{PARA}\n{chrome}\n{PARA}\n{chrome}", None)
    assert text == f"{PARA}\n{PARA}"


def test_chrome_phrase_inside_a_sentence_stays():
    body = "Readers can share this article with friends, the editor said.\nSearch teams found the boat at dawn."
    text, _ = clean_body(body, None)
    assert text == body
    assert not is_chrome_line("Search teams found the boat at dawn.")


def test_cookie_banner_at_the_edge_is_dropped():
    text, _ = clean_body(f"We use cookies to improve your experience. Accept?\n{PARA}", None)
    assert text == PARA


def test_one_paragraph_per_line_no_blank_lines():
    text, _ = clean_body(f"\n\n  {PARA}  \n\n\nA subheading\n\n{PARA}\n", None)
    assert text.split("\n") == [PARA, "A subheading", PARA]
