"""Candidate blocks (``scraper.extract.candidates``) and the rescues built on them."""

from __future__ import annotations

import scraper.extract as extract
from scraper.extract.candidates import (
    MIN_STRUCTURE_ITEMS,
    article_container,
    container_document,
    extends,
    lost_structure,
    structure_items,
    unnamed_document,
)
from scraper.extract.dom import parse_html

PARAGRAPH = ("<p>This paragraph of the story is written in full sentences, long enough to read "
             "like prose and with no links at all in it, number {}.</p>")
ARABIC_PARAGRAPH = ("<p>هذه فقرة من المقال مكتوبة بجمل كاملة وطويلة بما يكفي لتقرأ كنص حقيقي "
                    "وليس كقائمة روابط، رقم {}.</p>")


def _page(body: str, lang: str = "en", direction: str = "ltr") -> str:
    return f'<html lang="{lang}" dir="{direction}"><head><title>T</title></head><body>{body}</body></html>'


def _story(paragraph: str = PARAGRAPH, count: int = 6) -> str:
    return "".join(paragraph.format(i) for i in range(count))


def test_container_is_the_deepest_block_holding_the_paragraphs():
    html = _page(
        '<div id="page"><div class="sidebar-box">' + PARAGRAPH.format("side") + "</div>"
        '<div id="wrap"><div id="story">' + _story() + "</div></div></div>"
    )
    tree = parse_html(html)
    assert article_container(tree).get("id") == "story"


def test_container_is_none_without_article_paragraphs_or_when_only_body_holds_them():
    assert article_container(parse_html(_page("<ul><li><a href='/a'>A link</a></li></ul>"))) is None
    # paragraphs straight in <body>: nothing narrower to offer
    assert article_container(parse_html(_page(_story()))) is None


def test_container_of_an_arabic_rtl_page():
    html = _page('<div id="nav"><a href="/">الرئيسية</a></div><section id="story">'
                 + _story(ARABIC_PARAGRAPH) + "</section>", "ar", "rtl")
    assert article_container(parse_html(html)).get("id") == "story"


def test_container_document_holds_only_the_container():
    html = _page('<div id="promo"><p>Buy our product today for a low price.</p></div>'
                 '<div id="story">' + _story(count=2) + "</div>")
    tree = parse_html(html)
    document = container_document(tree, tree.get_element_by_id("story"))
    body = document.find("body")
    assert [child.get("id") for child in body] == ["story"]
    assert "Buy our product" not in body.text_content()
    # the original tree is untouched
    assert tree.get_element_by_id("promo") is not None


LIST_ITEMS = [
    "Cost efficiency: no upfront hardware to buy or maintain",
    "Scalability: resources grow and shrink with the demand",
    "Accessibility: data and tools are reachable from anywhere",
    "Reliability: providers offer failover and disaster recovery",
]
ARABIC_ITEMS = [
    "خفض التكاليف: لا حاجة لشراء أجهزة باهظة الثمن مقدما",
    "قابلية التوسع: تنمو الموارد وتتقلص حسب الطلب الفعلي",
    "سهولة الوصول: البيانات متاحة من أي مكان وفي أي وقت",
    "الموثوقية: يوفر المزودون نسخا احتياطية واستعادة سريعة",
]


def _guide(items: list[str], heading: str = "Benefits of the approach", links: bool = False) -> str:
    lis = "".join(f'<li><a href="/x{i}">{t}</a></li>' if links else f"<li>{t}</li>"
                  for i, t in enumerate(items))
    return f'<div id="story">{_story(count=3)}<h2>{heading}</h2><ul>{lis}</ul>{_story(count=2)}</div>'


def test_structure_items_are_text_subheadings_and_list_items():
    tree = parse_html(_page(_guide(LIST_ITEMS)))
    items = structure_items(tree.get_element_by_id("story"))
    assert items == ["Benefits of the approach", *LIST_ITEMS]


def test_link_lists_and_labels_are_not_structure():
    tree = parse_html(_page(_guide(LIST_ITEMS, heading="Pros", links=True)))
    assert structure_items(tree.get_element_by_id("story")) == []


def test_structure_is_lost_only_when_most_items_are_missing():
    items = ["Benefits of the approach", *LIST_ITEMS]
    assert len(items) >= MIN_STRUCTURE_ITEMS
    paragraphs_only = "A story.\nAnother paragraph of the story."
    assert lost_structure(items, paragraphs_only)
    kept = "A story.\n" + "\n".join(f"- {item}" for item in items)
    assert not lost_structure(items, kept)
    # a text that merely mentions the words of the items is not missing them
    assert not lost_structure(items[:2], paragraphs_only)  # too few items to judge


def test_arabic_structure_items():
    tree = parse_html(_page(_guide(ARABIC_ITEMS, heading="فوائد الحوسبة السحابية"), "ar", "rtl"))
    items = structure_items(tree.get_element_by_id("story"))
    assert items == ["فوائد الحوسبة السحابية", *ARABIC_ITEMS]
    assert lost_structure(items, "فقرة من المقال.")
    assert not lost_structure(items, "\n".join(items))


def _fake_trafilatura(monkeypatch, answers: dict):
    calls = []

    def fake(tree, url, focus):
        body = tree.find("body")
        only_container = len(body) == 1 and body[0].get("id") == "story"
        calls.append((focus, only_container))
        return answers.get((focus, only_container), "")

    monkeypatch.setattr(extract, "_run_trafilatura", fake)
    return calls


def test_container_rescue_when_both_page_wide_modes_lose_the_article(monkeypatch):
    story = "The story as the container gives it. " * 30
    calls = _fake_trafilatura(monkeypatch, {("precision", False): "Sidebar teaser.",
                                            ("balanced", False): "Sidebar teaser.",
                                            ("balanced", True): story})
    tree = parse_html(_page('<div id="page"><div id="story">' + _story() + "</div></div>"))
    assert extract._main_text(tree, None) == story
    assert calls == [("precision", False), ("balanced", False), ("balanced", True)]


def test_recall_on_the_container_when_lists_and_subheadings_are_lost(monkeypatch):
    paragraphs_only = "Paragraph text of the story, long enough. " * 40
    full = paragraphs_only + "\n" + "\n".join(["Benefits of the approach", *LIST_ITEMS])
    calls = _fake_trafilatura(monkeypatch, {("precision", False): paragraphs_only,
                                            ("recall", True): full})
    tree = parse_html(_page('<div id="page">' + _guide(LIST_ITEMS) + "</div>"))
    assert extract._main_text(tree, None) == full
    assert calls == [("precision", False), ("recall", True)]


def test_no_recall_when_the_lists_are_kept(monkeypatch):
    full = "Paragraph text of the story, long enough. " * 40 + "\n" + "\n".join(
        ["Benefits of the approach", *LIST_ITEMS])
    calls = _fake_trafilatura(monkeypatch, {("precision", False): full})
    tree = parse_html(_page('<div id="page">' + _guide(LIST_ITEMS) + "</div>"))
    assert extract._main_text(tree, None) == full
    assert calls == [("precision", False)]


def test_recall_answer_that_is_shorter_is_not_taken(monkeypatch):
    paragraphs_only = "Paragraph text of the story, long enough. " * 40
    calls = _fake_trafilatura(monkeypatch, {("precision", False): paragraphs_only,
                                            ("recall", True): "Only a caption."})
    tree = parse_html(_page('<div id="page">' + _guide(LIST_ITEMS) + "</div>"))
    assert extract._main_text(tree, None) == paragraphs_only
    assert calls == [("precision", False), ("recall", True)]


def test_guide_page_keeps_its_steps_end_to_end():
    steps = "".join(f"<li>Step {i}: do this part of the job carefully and check the result.</li>"
                    for i in range(1, 7))
    html = _page('<header><a href="/">Home</a></header><main><article><h1>How to do it</h1>'
                 + _story(count=3) + "<h2>The steps in order</h2><ol>" + steps + "</ol>"
                 + _story(count=2) + "</article></main>")
    record = extract.extract_article(html, "https://guide.example/how-to-do-it")
    assert record is not None
    for i in range(1, 7):
        assert f"Step {i}: do this part" in record.text


def test_container_document_survives_tag_names_that_are_no_xpath_names():
    html = _page('<div id="promo"><p>Buy now.</p></div><div id="story">' + _story(count=2) + "</div>")
    tree = parse_html(html.replace("<html ", "<html!dir ", 1).replace('dir="ltr"', ""))
    story = next(e for e in tree.iter() if e.get("id") == "story")
    document = container_document(tree, story)
    assert [child.get("id") for child in document.find("body")] == ["story"]


def _fake_named_trafilatura(monkeypatch, answers: dict):
    """Like ``_fake_trafilatura``, telling the container with and without its names."""
    calls = []

    def fake(tree, url, focus):
        body = tree.find("body")
        top = body[0] if len(body) == 1 else None
        if top is not None and top.get("class") == "story":
            kind = "container"
        elif top is not None and top.get("class") is None and top.get("id") is None:
            kind = "unnamed"
        else:
            kind = "page"
        calls.append((focus, kind))
        return answers.get((focus, kind), "")

    monkeypatch.setattr(extract, "_run_trafilatura", fake)
    return calls


def _named_story(paragraph: str = PARAGRAPH) -> str:
    # trafilatura takes the first block named "entry-content" as the article: the lede
    return ('<div id="page"><div class="story"><div class="entry-content">' + paragraph.format("lede")
            + "</div>" + "".join(f'<section class="slide">{paragraph.format(i)}</section>' for i in range(6))
            + "</div></div>")


def test_unnamed_container_rescue_when_a_named_block_hides_the_rest(monkeypatch):
    lede = "The lede of the story."
    story = lede + "\n" + "Every slide of the story, read as a whole. " * 30
    calls = _fake_named_trafilatura(monkeypatch, {("precision", "page"): lede, ("balanced", "page"): lede,
                                                  ("balanced", "container"): lede,
                                                  ("balanced", "unnamed"): story})
    tree = parse_html(_page(_named_story()))
    assert extract._main_text(tree, None) == story
    assert calls[-1] == ("balanced", "unnamed")


def test_arabic_unnamed_container_rescue(monkeypatch):
    lede = "مقدمة المقال."
    story = lede + "\n" + "كل شرائح المقال مقروءة معا. " * 30
    _fake_named_trafilatura(monkeypatch, {("precision", "page"): lede, ("balanced", "unnamed"): story})
    tree = parse_html(_page(_named_story(ARABIC_PARAGRAPH), "ar", "rtl"))
    assert extract._main_text(tree, None) == story


def test_unnamed_answer_that_drops_the_text_found_is_not_taken(monkeypatch):
    lede = "The short story as the page gives it, with its one paragraph."
    disclaimer = "This material is not intended to replace the advice of a qualified advisor. " * 20
    _fake_named_trafilatura(monkeypatch, {("precision", "page"): lede, ("balanced", "unnamed"): disclaimer})
    tree = parse_html(_page(_named_story()))
    assert extract._main_text(tree, None) == lede


def test_no_unnamed_pass_when_the_text_is_complete(monkeypatch):
    story = "Every slide of the story, read as a whole. " * 40
    calls = _fake_named_trafilatura(monkeypatch, {("precision", "page"): story})
    tree = parse_html(_page(_named_story()))
    assert extract._main_text(tree, None) == story
    assert calls == [("precision", "page")]


def test_unnamed_document_drops_names_and_comment_threads_but_keeps_the_text():
    html = _page('<div class="story"><div class="entry-content" id="lede">' + PARAGRAPH.format(1) + "</div>"
                 '<section class="slide">' + PARAGRAPH.format(2) + "</section>"
                 '<div class="comments-area"><p>Great post, thanks for sharing it with us!</p></div></div>')
    document = unnamed_document(parse_html(html))
    assert all(e.get("class") is None and e.get("id") is None for e in document.iter())
    text = document.text_content()
    assert "number 1." in text and "number 2." in text
    assert "Great post" not in text


def test_extends_asks_for_most_of_the_earlier_lines():
    found = "First line of the story.\nSecond line of the story."
    assert extends(found, "Kicker.\nFirst line of the story. Second line of the story.\nThird line.")
    assert extends("", "Anything at all.")
    assert not extends(found, "Second line of the story.\n" + "A disclaimer of some length. " * 5)
    arabic = "السطر الأول من المقال.\nالسطر الثاني من المقال."
    assert extends(arabic, arabic + "\nالسطر الثالث.")
    assert not extends(arabic, "تنويه قانوني طويل. " * 5)
