"""Text after an element with no text of its own (an image wrapper, an anchor span)
survives trafilatura's precise mode: hand-made pages, with cases where the rule must
fire and cases where it must not."""

from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.dom import parse_html, preclean

FILLER_EN = "".join(
    f"<p>Paragraph {i} of the story explains the matter at length, with enough words "
    f"to read as prose and to count as the article's own text for every rule.</p>"
    for i in range(5)
)
FILLER_AR = "".join(
    f"<p>الفقرة {i} من المقال تشرح الموضوع بالتفصيل، وفيها من الكلمات ما يكفي لتعد نصا حقيقيا "
    f"من نصوص المقال نفسه وليست من عناصر الصفحة الجانبية.</p>"
    for i in range(5)
)
IMAGE_WRAPPER = '<span class="lazy"><img src="photo.jpg" alt=""><noscript><img src="photo.jpg"></noscript></span>'


def _page(inner: str, lang: str = "en", direction: str = "ltr") -> str:
    return (
        f'<html lang="{lang}" dir="{direction}"><head><title>Story</title>'
        '<meta property="og:type" content="article"></head><body>'
        f"<article><h1>Story</h1>{inner}</article></body></html>"
    )


def test_paragraph_opening_after_an_image_wrapper_is_kept():
    sentence = "If you prefer to skip the stress of driving, a guided tour is the better option."
    html = _page(FILLER_EN[:300] + f'<p>{IMAGE_WRAPPER}{sentence} <a href="/t">Tours</a> are easy.</p>'
                 + FILLER_EN)
    record = extract_article(html, "https://example.com/news/story")
    assert record is not None
    assert sentence in record.text


def test_link_text_after_an_image_inside_the_link_is_kept():
    html = _page(FILLER_EN + f'<p><a href="/cars">{IMAGE_WRAPPER}Renting a small car</a> gives you '
                 "full control over your schedule and your stops.</p>" + FILLER_EN)
    record = extract_article(html, "https://example.com/news/story")
    assert record is not None
    assert "Renting a small car gives you full control" in record.text


def test_heading_after_an_anchor_span_is_kept_rtl():
    heading = "تقنيات تحسين الأداء"
    html = _page(FILLER_AR + f'<h3><span id="anchor-1"></span>{heading}<span class="end"></span></h3>'
                 + FILLER_AR, "ar", "rtl")
    record = extract_article(html, "https://example.com/ar/news/story")
    assert record is not None
    assert heading in record.text


def test_short_label_after_an_icon_stays_with_it():
    tree = parse_html(_page(FILLER_EN + '<div class="tools"><i class="icon"></i>Print</div>'))
    preclean(tree)
    icon = tree.find(".//i")
    assert icon is not None and icon.tail == "Print"


def test_space_filled_element_keeps_its_tail():
    # a &nbsp; inside keeps the element alive in every mode: nothing to rescue, and
    # moving the tail would glue the words on both sides together
    tree = parse_html(_page("<p><strong>About:</strong>Jane Doe<strong>\u00a0</strong>is a freelance "
                            "photographer based in Eastern Europe, with work in many papers.</p>"
                            + FILLER_EN))
    preclean(tree)
    strong = tree.findall(".//strong")[1]
    assert strong.tail.startswith("is a freelance")
