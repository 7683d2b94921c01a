"""Stage 3 and 4 rules: headline, bylines and chrome lines leave the edges; sentences stay."""

from __future__ import annotations

import pytest

from scraper.extract.phrases import (
    BYLINE_MARKERS,
    DATE_LABELS,
    DATE_WORDS,
    LABEL_LINES,
    TAIL_PREFIXES,
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
    for table in (RELATED_HEADINGS, SHARE_PHRASES, SEARCH_LABELS, BYLINE_MARKERS, LABEL_LINES,
                  TAIL_PREFIXES, DATE_LABELS, DATE_WORDS):
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


AR_PARA = "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة بعد توقف دام شهرين."


@pytest.mark.parametrize(
    "label", ["Advertisement", "Table of Contents", "About the author", "إعلان", "جدول المحتويات",
              "Publicité", "Inhaltsverzeichnis", "Реклама", "İçindekiler", "目录"],
)
def test_section_labels_are_dropped_anywhere(label):
    text, _ = clean_body(f"{PARA}\n{label}\n{PARA}", None)
    assert text == f"{PARA}\n{PARA}"


def test_label_word_inside_a_sentence_stays():
    body = f"{PARA}\nThe advertisement ran in three newspapers, the table of contents did not.\n{PARA}"
    assert clean_body(body, None)[0] == body


@pytest.mark.parametrize(
    "line",
    ["Last updated on September 16th, 2023 at 09:27 am", "11 min read", "Published:",
     "sexta-feira, 22 de outubro de 2010 às 20:13", "24 نوفمبر، 2024 4:13 ص", "آخر تحديث: 5 مايو 2024",
     "UPDATED: Tue., Nov. 19, 2019", "2024年3月5日", "Estimated reading time: 4 minutes"],
)
def test_date_lines_at_the_edges_are_dropped(line):
    assert clean_body(f"{line}\n{PARA}\n{PARA}\n{line}", None)[0] == f"{PARA}\n{PARA}"


@pytest.mark.parametrize("line", ["10 p.m.", "5:45 AM", "In 2023 the economy grew by 3 percent."])
def test_clock_times_and_sentences_with_dates_stay(line):
    # a live blog's first entry time; a sentence that has numbers
    assert clean_body(f"{line}\n{PARA}", None)[0] == f"{line}\n{PARA}"


def test_date_line_in_the_middle_stays():
    body = "\n".join([PARA, PARA, PARA, "May 5, 2024", PARA, PARA, PARA, PARA])
    assert clean_body(body, None)[0] == body


@pytest.mark.parametrize(
    "prompt",
    ["Subscribe to our newsletter for the day's top headlines.", "Follow us on Twitter and Facebook.",
     "SOURCE: Al Jazeera News", "Filed under: Politics |",
     "تابعونا على تويتر وفيسبوك", "المصدر: وكالات", "Suivez-nous sur Instagram", "Fonte: ANSA"],
)
def test_prompts_and_notes_at_the_end_are_dropped(prompt):
    assert clean_body(f"{PARA}\n{AR_PARA}\n{prompt}", None)[0] == f"{PARA}\n{AR_PARA}"


def test_copyright_notice_of_the_story_stays():
    # agency copy ends with its notice; aeb's gold keeps it
    notice = "© 2019 Associated Press. All rights reserved."
    assert clean_body(f"{PARA}\n{notice}", None)[0] == f"{PARA}\n{notice}"


def test_prompt_like_sentences_stay():
    # in the middle, or long enough to be a paragraph
    sources = ("Sources close to the ministry said the talks would resume next week, although no "
               "date has been set and both delegations declined to comment on the agenda of the meeting.")
    body = "\n".join([PARA, "Follow us on the march, the union leader told the crowd.", PARA, sources])
    assert clean_body(body, None)[0] == body
