"""Stage 1 (``scraper.extract.parse``): streamed server-rendered blocks are put where
their placeholders are; hand-made pages, with cases where the rule must fire and cases
where it must not."""

from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.parse import parse_html

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
