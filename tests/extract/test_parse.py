"""Stage 1 (``scraper.extract.parse``): streamed server-rendered blocks are put where
their placeholders are; hand-made pages, with cases where the rule must fire and cases
where it must not."""

from __future__ import annotations

import pytest

from scraper.extract import extract_article
from scraper.extract.parse import drop_disallowed_references, parse_html

PARAGRAPHS_EN = "".join(
    f"<p>Paragraph {i} of the streamed story explains the matter at length, with enough words "
    f"to read as prose and to count as the article's own text for every rule.</p>"
    for i in range(6)
)
PARAGRAPHS_AR = "".join(
    f"<p>الفقرة {i} من المقال تشرح الموضوع بالتفصيل، وفيها من الكلمات ما يكفي لتعد نصا حقيقيا "
    f"من نصوص المقال نفسه وليست من عناصر الصفحة الجانبية.</p>"
    for i in range(6)
)


def _streamed_page(paragraphs: str, lang: str = "en", direction: str = "ltr") -> str:
    return (
        f'<html lang="{lang}" dir="{direction}"><head><title>Streamed story</title></head><body>'
        '<header><a href="/">Site</a></header>'
        '<main><article><h1>Streamed story</h1>'
        '<template id="B:0"></template><div>Loading paragraph...</div>'
        '</article></main>'
        '<footer>Footer links</footer>'
        f'<div hidden id="S:0"><div class="body"><template id="P:1"></template></div></div>'
        f'<div hidden id="S:1">{paragraphs}</div>'
        '</body></html>'
    )


def test_streamed_blocks_are_put_in_their_placeholders():
    tree = parse_html(_streamed_page(PARAGRAPHS_EN))
    assert tree is not None
    article = tree.find(".//article")
    assert "Paragraph 5 of the streamed story" in article.text_content()
    assert "Loading paragraph" not in tree.text_content()
    assert not tree.xpath("//div[@hidden]") and not tree.xpath("//template")


def test_streamed_article_is_extracted_whole():
    record = extract_article(_streamed_page(PARAGRAPHS_EN), "https://example.com/news/streamed-story")
    assert record is not None
    assert "Paragraph 0 of the streamed story" in record.text
    assert "Paragraph 5 of the streamed story" in record.text
    assert "Loading paragraph" not in record.text


def test_streamed_arabic_article_is_extracted_whole():
    page = _streamed_page(PARAGRAPHS_AR, "ar", "rtl")
    record = extract_article(page, "https://example.com/ar/news/streamed-story")
    assert record is not None
    assert "الفقرة 0 من المقال" in record.text and "الفقرة 5 من المقال" in record.text


def test_hidden_blocks_without_placeholder_stay_hidden():
    page = (
        "<html><body><article>" + PARAGRAPHS_EN + "</article>"
        '<div hidden id="S:9"><p>Orphan block</p></div>'
        '<div hidden id="menu"><p>Hidden menu</p></div></body></html>'
    )
    tree = parse_html(page)
    assert tree is not None
    assert len(tree.xpath("//div[@hidden]")) == 2


def test_content_after_a_filled_placeholder_is_not_taken_for_its_fallback():
    page = (
        "<html><body><article><template id=\"B:0\"></template>"
        "<h2>Short heading</h2>" + PARAGRAPHS_EN + "</article>"
        '<div hidden id="S:0"><p>Streamed lede paragraph.</p></div></body></html>'
    )
    tree = parse_html(page)
    assert tree is not None
    text = tree.find(".//article").text_content()
    assert "Short heading" in text and "Streamed lede paragraph." in text


# --- character references to code points HTML text may not contain -----------------------


def _story_with(reference: str) -> str:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story is written as plain prose, with enough words to read as "
        f"the article's own text{reference if i == 2 else ''} and not as a teaser.</p>"
        for i in range(8)
    )
    return (
        '<html lang="en"><head><title>Control story</title><meta property="og:type" content="article">'
        f"</head><body><main><article><h1>Control story</h1>{paragraphs}</article></main></body></html>"
    )


def test_control_and_noncharacter_references_do_not_cost_the_article():
    """``&#1;`` and ``&#xFFFE;`` made trafilatura discard the body: the page was dropped as not_article."""
    page = _story_with("&#1; and &#xFFFE; here&#x1b")
    record = extract_article(page, "https://example.com/news/control-story")
    assert record is not None
    assert "Paragraph 2 of the story" in record.text and "Paragraph 7 of the story" in record.text
    assert not any(c in record.text for c in "\x01\x1b\ufffe")


KEPT = "&#9;&#10;&#12;&#13;&#146;&#x96;&#65;&#x10FFFD;&amp;&#;&#x;"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a&#1;b", "a b"),
        ("a&#00001z", "a z"),  # no semicolon, leading zeros
        ("a&#xFFFE;b&#XFFFF;c&#x1FFFE;d&#xFDD0;e", "abcde"),
        ("a&#xD800;b&#x110000;c&#99999999999999999999999;d", "abcd"),
        ("a&#127;b&#x81;c", "abc"),
        # allowed in text, or mapped by HTML to windows-1252 (&#146; is ’): untouched
        (KEPT, KEPT),
    ],
)
def test_disallowed_references_are_dropped_and_others_kept(text, expected):
    assert drop_disallowed_references(text) == expected


def test_reference_scan_is_linear():
    import time

    text = "&#" + "1" * 200_000 + "&#x" * 100_000
    started = time.perf_counter()
    drop_disallowed_references(text)
    assert time.perf_counter() - started < 1
