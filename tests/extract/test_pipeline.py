"""End-to-end cleaning rules of :func:`scraper.extract.extract_article` on hand-made pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.extract import extract_article
from scraper.record.fingerprint import text_fingerprint

FIXTURES = Path(__file__).parents[1] / "fixtures" / "extract"
AR_URL = "https://kitabat.example/2018/01/30/isis-syria/"
AR_TITLE = "داخل سوريا .. “داعش” يعيد ترتيب صفوفه !"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="module")
def arabic():
    record = extract_article(fixture("arabic_wordpress.html"), AR_URL + "?utm_source=x#top")
    assert record is not None
    return record


@pytest.fixture(scope="module")
def english():
    record = extract_article(fixture("english_chrome.html"), "https://daily.example/2023/05/04/park")
    assert record is not None
    return record


# ---------------------------------------------------------------- the seed page

@pytest.mark.parametrize(
    "chrome",
    ["24 نوفمبر", "4:13 ص", "Search", "Close this search box", "خاص :", "ترجمة –", "لميس السيد",
     "أخبار ذات صلة", "شارك هذا المقال", "العراق يعلن انتهاء", "واشنطن تبقي", "جميع الحقوق",
     "تخطي إلى المحتوى", "الرئيسية"],
)
def test_arabic_seed_chrome_is_gone(arabic, chrome):
    assert chrome not in arabic.text


def test_arabic_headline_once_in_title_not_in_body(arabic):
    assert arabic.title == AR_TITLE
    assert AR_TITLE not in arabic.text
    assert arabic.text.startswith("على مدى العام الماضي")


def test_arabic_subheadings_kept_in_order_one_paragraph_per_line(arabic):
    lines = arabic.text.split("\n")
    assert all(line.strip() for line in lines)
    first, second = lines.index("تركيز مشتت.."), lines.index("العودة من بوابة الصحراء..")
    assert 0 < first < second < len(lines) - 1
    assert lines[-1].endswith("الإرهابية”.")


def test_arabic_byline_person_moves_to_authors(arabic):
    assert "لميس السيد" in arabic.authors
    assert "كتابات" not in arabic.authors  # the site name is not a person


def test_arabic_metadata(arabic):
    assert arabic.date_published.startswith("2018-01-30")
    assert arabic.date_published == "2018-01-30T19:42:00+03:00"
    assert arabic.date_modified == "2018-01-31T08:00:00+03:00"
    assert arabic.language == "ar"
    assert arabic.canonical_url == AR_URL
    assert arabic.section == "تقارير"
    assert arabic.tags == ["داعش", "سوريا"]
    assert arabic.image_url == "https://kitabat.example/wp-content/uploads/2018/01/isis.jpg"
    assert arabic.fingerprint == text_fingerprint(arabic.text)
    assert arabic.site is None and arabic.fetched_at is None


# ---------------------------------------------------------------- English chrome

@pytest.mark.parametrize(
    "chrome",
    ["cookies", "Accept", "newsletter", "Subscribe", "Share this article", "Tweet", "Print",
     "Related", "Read more", "Mayor announces", "Five parks", "rail yards history",
     "Great news, finally", "Leave a Reply", "comments", "By Jane Doe", "Reporting by",
     "Editing by", "All rights reserved", "10:02"],
)
def test_english_chrome_is_gone(english, chrome):
    assert chrome.lower() not in english.text.lower()


def test_english_body_and_subheading_kept(english):
    lines = english.text.split("\n")
    assert lines[0].startswith("The city council voted")
    assert "Funding questions remain" in lines
    assert lines[-1].startswith("Supporters answered")


def test_english_metadata(english):
    assert english.title == "Council approves new riverside park plan"
    assert english.authors == ["Jane Doe", "Omar Haddad"]  # editors are not authors
    assert english.date_published == "2023-05-04T09:15:00+00:00"
    assert english.section == "Local"
    assert english.tags == ["parks", "council", "river"]
    assert english.language == "en"


def test_related_news_in_a_sentence_stays():
    record = extract_article(fixture("related_sentence.html"), "https://daily.example/study")
    assert record is not None
    assert "readers who clicked on related news spent twice as long" in record.text
    assert record.text.split("\n")[2].startswith("Related news boxes placed")
    assert len(record.text.split("\n")) == 5


# ---------------------------------------------------------------- not articles

@pytest.mark.parametrize(
    ("name", "url"),
    [("listing.html", "https://daily.example/world/"), ("about.html", "https://daily.example/about-us")],
)
def test_non_articles_are_returned_with_their_verdict(name, url):
    for record in (extract_article(fixture(name), url), extract_article(fixture(name))):  # without the URL too
        assert record is not None and record.page_type in ("listing", "other")
        assert record.page_signals
        assert record.text  # what was found is returned; the crawl's pipeline drops it


@pytest.mark.parametrize(
    "data",
    ["", b"", "   ", b"\x00\x01\x02\xff\xfe" * 400, bytes(range(256)) * 20, "<html><body></body></html>",
     "<<<>>><div<p>>", "just some text, not html", "<html><body><p>Too short.</p></body></html>",
     None, 42],
)
def test_garbage_gives_no_article_without_raising(data):
    record = extract_article(data)
    assert record is None or record.page_type == "other"


def test_bytes_and_str_give_the_same_record():
    html = fixture("english_chrome.html")
    assert extract_article(html) == extract_article(html.decode("utf-8"))


def test_article_without_metadata_passes():
    paragraphs = "".join(
        f"<p>Paragraph {i} of a plain article tells the story in full sentences, with enough words "
        f"to read like real prose and not like a menu of links.</p>"
        for i in range(6)
    )
    html = f"<html><head><title>A plain story</title></head><body><div>{paragraphs}</div></body></html>"
    record = extract_article(html, "https://plain.example/2024/story")
    assert record is not None
    assert record.text.count("\n") == 5


def test_balanced_trafilatura_runs_when_the_precise_one_loses_the_article(monkeypatch):
    import scraper.extract.maintext as maintext
    from scraper.extract.parse import parse_html

    calls = []
    article = "A long article paragraph that the balanced mode finds. " * 40

    def fake(tree, url, focus, compare=True):
        calls.append(focus if compare else "fast")
        return "" if focus == "precision" else article

    monkeypatch.setattr(maintext, "_run_trafilatura", fake)
    tree = parse_html(f"<html><body><p>{article}</p></body></html>")
    assert maintext._main_text(tree, None) == article
    # the precise run without trafilatura's comparison, then with it, lose it both
    assert calls == ["fast", "precision", "balanced"]


def test_precise_trafilatura_alone_when_it_keeps_the_article(monkeypatch):
    import scraper.extract.maintext as maintext
    from scraper.extract.parse import parse_html

    calls = []
    article = "A long article paragraph that the precise mode keeps. " * 40

    def fake(tree, url, focus, compare=True):
        calls.append(focus if compare else "fast")
        return article

    monkeypatch.setattr(maintext, "_run_trafilatura", fake)
    tree = parse_html(f"<html><body><p>{article}</p></body></html>")
    assert maintext._main_text(tree, None) == article
    assert calls == ["fast"]  # trafilatura's own extractor kept it: no comparison
