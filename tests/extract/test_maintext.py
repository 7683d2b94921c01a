"""Stage 4 (``scraper.extract.maintext``, ``scraper.extract.candidates``): the article's
container and the rescues built on it, lists recalled from the main block, and the
blocks trafilatura lost inside the article's flow put back, and only there."""

from __future__ import annotations

import scraper.extract.maintext as maintext
from scraper.extract import extract_article
from scraper.extract.candidates import (
    MIN_STRUCTURE_ITEMS,
    article_container,
    container_document,
    extends,
    lost_blocks,
    lost_structure,
    restore_lost_blocks,
    structure_items,
    unnamed_document,
)
from scraper.extract.maintext import _recalled_structure
from scraper.extract.parse import parse_html
from scraper.extract.tree import content_paragraphs, text_length, visible_text_length

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

    def fake(tree, url, focus, compare=True):
        # the precise run without trafilatura's comparison is "fast"; it answers as the
        # precise run does unless the test says otherwise
        body = tree.find("body")
        only_container = len(body) == 1 and body[0].get("id") == "story"
        name = focus if compare else "fast"
        calls.append((name, only_container))
        return answers.get((name, only_container), answers.get((focus, only_container), ""))

    monkeypatch.setattr(maintext, "_run_trafilatura", fake)
    return calls


def test_container_rescue_when_both_page_wide_modes_lose_the_article(monkeypatch):
    story = "The story as the container gives it. " * 30
    calls = _fake_trafilatura(monkeypatch, {("precision", False): "Sidebar teaser.",
                                            ("balanced", False): "Sidebar teaser.",
                                            ("balanced", True): story})
    tree = parse_html(_page('<div id="page"><div id="story">' + _story() + "</div></div>"))
    assert maintext._main_text(tree, None) == story
    assert calls == [("fast", False), ("precision", False), ("balanced", False), ("balanced", True)]


def test_recall_on_the_container_when_lists_and_subheadings_are_lost(monkeypatch):
    paragraphs_only = "Paragraph text of the story, long enough. " * 40
    full = paragraphs_only + "\n" + "\n".join(["Benefits of the approach", *LIST_ITEMS])
    calls = _fake_trafilatura(monkeypatch, {("precision", False): paragraphs_only,
                                            ("recall", True): full})
    tree = parse_html(_page('<div id="page">' + _guide(LIST_ITEMS) + "</div>"))
    assert maintext._main_text(tree, None) == full
    assert calls == [("fast", False), ("recall", True)]


def test_no_recall_when_the_lists_are_kept(monkeypatch):
    full = "Paragraph text of the story, long enough. " * 40 + "\n" + "\n".join(
        ["Benefits of the approach", *LIST_ITEMS])
    calls = _fake_trafilatura(monkeypatch, {("precision", False): full})
    tree = parse_html(_page('<div id="page">' + _guide(LIST_ITEMS) + "</div>"))
    assert maintext._main_text(tree, None) == full
    assert calls == [("fast", False)]


def test_comparison_runs_when_the_fast_text_misses_most_of_what_the_page_shows(monkeypatch):
    # one article-like paragraph (so the expected length is met) and a page of text in
    # blocks trafilatura's own extractor may miss: its comparison with readability and
    # justext runs, and its answer is the one kept
    one = PARAGRAPH.format(1)
    shown = "".join(f"<div>Text of the page set in a block of its own, sentence {i}.</div>" for i in range(60))
    full = "The text the comparison found. " * 60
    calls = _fake_trafilatura(monkeypatch, {("fast", False): "One paragraph. " * 15,
                                            ("precision", False): full})
    tree = parse_html(_page('<div id="page">' + one + shown + "</div>"))
    assert maintext._main_text(tree, None) == full
    assert calls[:2] == [("fast", False), ("precision", False)]


def test_scripts_and_styles_do_not_count_as_what_the_page_shows(monkeypatch):
    story = "Paragraph text of the story, long enough. " * 40
    script = "<script>var state = " + '"x", ' * 20_000 + "0;</script><style>" + "p{} " * 5_000 + "</style>"
    calls = _fake_trafilatura(monkeypatch, {("fast", False): story})
    tree = parse_html(_page('<div id="page">' + _story(count=8) + "</div>" + script))
    assert maintext._main_text(tree, None) == story
    assert calls == [("fast", False)]


def test_visible_text_length_leaves_out_scripts_styles_templates_and_drawings():
    tree = parse_html(_page("<p>Seen text.</p><script>var hidden = 1;</script><style>p {}</style>"
                            "<noscript><p>Enable scripts</p></noscript><template><p>Later</p></template>"
                            "<svg><text>Logo</text></svg><div>Also <b>seen</b>.</div>"))
    body = tree.find("body")
    # to within the space between a left-out element and its neighbours
    assert abs(visible_text_length(body) - len("Seen text. Also seen.")) <= 5
    assert text_length(body) > visible_text_length(body)


def test_recall_answer_that_is_shorter_is_not_taken(monkeypatch):
    paragraphs_only = "Paragraph text of the story, long enough. " * 40
    calls = _fake_trafilatura(monkeypatch, {("precision", False): paragraphs_only,
                                            ("recall", True): "Only a caption."})
    tree = parse_html(_page('<div id="page">' + _guide(LIST_ITEMS) + "</div>"))
    assert maintext._main_text(tree, None) == paragraphs_only
    assert calls == [("fast", False), ("recall", True)]


def test_guide_page_keeps_its_steps_end_to_end():
    steps = "".join(f"<li>Step {i}: do this part of the job carefully and check the result.</li>"
                    for i in range(1, 7))
    html = _page('<header><a href="/">Home</a></header><main><article><h1>How to do it</h1>'
                 + _story(count=3) + "<h2>The steps in order</h2><ol>" + steps + "</ol>"
                 + _story(count=2) + "</article></main>")
    record = extract_article(html, "https://guide.example/how-to-do-it")
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

    def fake(tree, url, focus, compare=True):
        body = tree.find("body")
        top = body[0] if len(body) == 1 else None
        if top is not None and top.get("class") == "story":
            kind = "container"
        elif top is not None and top.get("class") is None and top.get("id") is None:
            kind = "unnamed"
        else:
            kind = "page"
        name = focus if compare else "fast"
        calls.append((name, kind))
        return answers.get((name, kind), answers.get((focus, kind), ""))

    monkeypatch.setattr(maintext, "_run_trafilatura", fake)
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
    assert maintext._main_text(tree, None) == story
    assert calls[-1] == ("balanced", "unnamed")


def test_arabic_unnamed_container_rescue(monkeypatch):
    lede = "مقدمة المقال."
    story = lede + "\n" + "كل شرائح المقال مقروءة معا. " * 30
    _fake_named_trafilatura(monkeypatch, {("precision", "page"): lede, ("balanced", "unnamed"): story})
    tree = parse_html(_page(_named_story(ARABIC_PARAGRAPH), "ar", "rtl"))
    assert maintext._main_text(tree, None) == story


def test_unnamed_answer_that_drops_the_text_found_is_not_taken(monkeypatch):
    lede = "The short story as the page gives it, with its one paragraph."
    disclaimer = "This material is not intended to replace the advice of a qualified advisor. " * 20
    _fake_named_trafilatura(monkeypatch, {("precision", "page"): lede, ("balanced", "unnamed"): disclaimer})
    tree = parse_html(_page(_named_story()))
    assert maintext._main_text(tree, None) == lede


def test_no_unnamed_pass_when_the_text_is_complete(monkeypatch):
    story = "Every slide of the story, read as a whole. " * 40
    calls = _fake_named_trafilatura(monkeypatch, {("precision", "page"): story})
    tree = parse_html(_page(_named_story()))
    assert maintext._main_text(tree, None) == story
    assert calls == [("fast", "page")]


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


P1 = "The council met on Monday to discuss the new budget for the coming year in detail."
P2 = "Members agreed that the plan needs more work before a vote can take place next month."
P3 = "A final decision is expected after the public hearing, officials said on Tuesday."
AR1 = "اجتمع مجلس المدينة يوم الاثنين لمناقشة الميزانية الجديدة للعام المقبل بالتفصيل."
AR2 = "واتفق الأعضاء على أن الخطة تحتاج إلى مزيد من العمل قبل التصويت في الشهر المقبل."


def _tree(body: str, lang: str = "en", direction: str = "ltr"):
    return parse_html(f'<html lang="{lang}" dir="{direction}"><head><title>T</title></head>'
                      f"<body>{body}</body></html>")


def test_list_items_and_subheading_lost_between_kept_paragraphs_are_restored_in_place():
    tree = _tree(f"<article><p>{P1}</p><h2>What the plan covers</h2>"
                 "<ul><li>Road repairs in the old town</li><li>Two new school buildings</li></ul>"
                 f"<p>{P2}</p><p>{P3}</p></article>")
    text = f"{P1}\n{P2}\n{P3}"
    restored = restore_lost_blocks(tree, text).split("\n")
    assert restored == [P1, "What the plan covers", "Road repairs in the old town",
                        "Two new school buildings", P2, P3]


def test_arabic_right_to_left_lost_blocks_are_restored():
    tree = _tree(f'<div class="entry"><p>{AR1}</p><h3>أبرز بنود الخطة</h3>'
                 f"<ul><li>إصلاح الطرق في المدينة القديمة</li></ul><p>{AR2}</p></div>", "ar", "rtl")
    restored = restore_lost_blocks(tree, f"{AR1}\n{AR2}")
    assert restored.split("\n") == [AR1, "أبرز بنود الخطة", "إصلاح الطرق في المدينة القديمة", AR2]


def test_blocks_before_the_first_or_after_the_last_kept_paragraph_stay_lost():
    tree = _tree("<ul><li>Home</li><li>World news</li></ul>"
                 f"<article><p>{P1}</p><p>{P2}</p></article>"
                 "<h2>Related stories</h2><ul><li>Another story about the council budget</li></ul>"
                 "<p>A reader comment that trafilatura left out of the article text.</p>")
    text = f"{P1}\n{P2}"
    assert restore_lost_blocks(tree, text) == text


LEAD = "The city will spend more on roads and schools, and less on its own offices, next year."
AR_LEAD = "تنفق المدينة أكثر على الطرق والمدارس وأقل على مكاتبها في العام المقبل بحسب الخطة."


def test_the_lead_in_the_article_header_is_put_back_before_the_first_paragraph():
    # trafilatura's precise mode drops an article's <header>, and the standfirst in it
    tree = _tree(f"<article><header><h1>Budget</h1><p>{LEAD}</p></header><p>{P1}</p><p>{P2}</p></article>")
    assert restore_lost_blocks(tree, f"{P1}\n{P2}").split("\n") == [LEAD, P1, P2]
    # after a headline trafilatura kept, the lead goes under it
    assert restore_lost_blocks(tree, f"Budget\n{P1}\n{P2}").split("\n") == ["Budget", LEAD, P1, P2]


def test_a_lead_opening_with_the_words_of_a_later_paragraph_is_still_put_back():
    # a standfirst sums up the story, often in the words of a later paragraph: it is
    # lost unless it is in the text before the first paragraph, or verbatim anywhere
    later = f"{LEAD[:40]} and the mayor will set out the details in a speech on Friday."
    tree = _tree(f"<article><header><h1>Budget</h1><p>{LEAD}</p></header>"
                 f"<p>{P1}</p><p>{later}</p></article>")
    assert restore_lost_blocks(tree, f"{P1}\n{later}").split("\n") == [LEAD, P1, later]
    repeated = _tree(f"<article><header><h1>Budget</h1><p>{LEAD}</p></header>"
                     f"<p>{P1}</p><p>{LEAD}</p></article>")
    assert restore_lost_blocks(repeated, f"{P1}\n{LEAD}") == f"{P1}\n{LEAD}"


def test_a_lead_named_as_one_is_put_back_in_any_script():
    tree = _tree(f'<article><h1>الميزانية</h1><div class="article-lead"><h2>{AR_LEAD}</h2></div>'
                 f"<div><p>{AR1}</p><p>{AR2}</p></div></article>", "ar", "rtl")
    assert restore_lost_blocks(tree, f"{AR1}\n{AR2}").split("\n") == [AR_LEAD, AR1, AR2]


def test_bylines_captions_kickers_and_unmarked_blocks_are_not_a_lead():
    byline = "By Jane Smith and John Doe, 12 March 2024, updated at noon local time"
    caption = "The council chamber on Monday morning, before the meeting on the budget began"
    header = (f"<p>{LEAD}</p><h1>Budget</h1><p>Politics</p><p class='meta'>{caption} and after</p>"
              f"<p>{byline}</p><figure><figcaption>{caption}</figcaption></figure>"
              f"<p><a href='/other'>{LEAD}</a></p>")
    body = f"<p>{P1}</p><p>{P2}</p>"
    text = f"{P1}\n{P2}"
    # before the headline, a kicker, a block named as metadata, a dated byline, a caption, a link
    assert restore_lost_blocks(_tree(f"<article><header>{header}</header>{body}</article>"), text) == text
    # outside the article's header and not named as a lead
    assert restore_lost_blocks(_tree(f"<article><h1>Budget</h1><div><p>{LEAD}</p></div>{body}</article>"),
                               text) == text
    # no <article>: no lead is put back
    assert restore_lost_blocks(_tree(f"<header><h1>Budget</h1><p>{LEAD}</p></header>{body}"), text) == text


def test_paragraphs_inside_links_are_teasers_not_content():
    teasers = "".join(f'<a href="/story-{i}"><p class="title">Another story of the day with a headline '
                      f"long enough to pass as a paragraph, number {i}</p></a>" for i in range(8))
    tree = _tree(f'<div class="stream">{teasers}</div><article><p>{P1}</p></article>')
    assert all(p.getparent().tag != "a" for p in content_paragraphs(tree.find("body")))
    tree = _tree(f"<p>{P1}</p>" + teasers + f"<p>{P2}</p>")
    assert restore_lost_blocks(tree, f"{P1}\n{P2}") == f"{P1}\n{P2}"


def test_blocks_already_in_the_text_are_not_repeated():
    # trafilatura breaks the line at <br> and collapses whitespace: still the same block
    tree = _tree(f"<p>{P1}</p><p>First line of the poem<br>second   line of the poem</p>"
                 f"<h2>Budget</h2><p>{P2}</p>")
    text = f"{P1}\nFirst line of the poem\nsecond line of the poem\nBudget\n{P2}"
    assert restore_lost_blocks(tree, text) == text
    assert not any(lost_blocks(tree, text).values())


def test_teasers_hidden_blocks_captions_and_forms_inside_the_flow_stay_lost():
    tree = _tree(f"<p>{P1}</p>"
                 '<p><a href="/other">READ MORE: Mayor announces a new transport plan</a></p>'
                 '<div style="display: none"><p>Hidden text of a collapsed box in the story.</p></div>'
                 '<div class="wp-caption"><p>The town hall seen from the square. Photo: Agency</p></div>'
                 "<form><p>Sign up for our daily newsletter to get the news first.</p></form>"
                 '<ul aria-hidden="true"><li>Hidden list item</li></ul>'
                 f"<p>{P2}</p>")
    text = f"{P1}\n{P2}"
    assert restore_lost_blocks(tree, text) == text


def test_short_or_list_blocks_do_not_anchor_the_flow():
    # a teaser list trafilatura kept in part: its other items are not the article's
    tree = _tree("<ul><li>First teaser headline of another story on the site</li>"
                 "<li>Second teaser headline of another story on the site</li>"
                 "<li>Third teaser headline of another story on the site</li></ul>")
    text = ("First teaser headline of another story on the site\n"
            "Third teaser headline of another story on the site")
    assert restore_lost_blocks(tree, text) == text


def test_headings_inside_links_are_teaser_cards_but_headings_holding_links_are_entries():
    # a card whose headline is inside its link is another story; a subheading that holds
    # a link is a listicle's entry, the product it names
    tree = _tree(f"<article><p>{P1}</p>"
                 '<a href="/sport/rapid-status"><h2>Status quo: what is next for the club</h2></a>'
                 '<h2><a href="/shop/kettle">The best electric kettle of the year</a></h2>'
                 f"<p>{P2}</p></article>")
    assert restore_lost_blocks(tree, f"{P1}\n{P2}").split("\n") == [
        P1, "The best electric kettle of the year", P2]


def test_list_items_linking_within_the_site_stay_lost_and_sources_are_restored():
    # related stories inside the article (links to the site's own pages) stay lost; a
    # list of sources (links off the site) is the article's
    related = ('<ul><li><a href="/news/jobs-1">Four out of five jobs affected by the virus</a></li>'
               '<li><a href="https://www.example.com/news/2">Global economy will suffer for years</a></li></ul>')
    sources = ('<ul><li><a href="https://www.usnews.com/rankings">U.S. News MBA Rankings</a></li>'
               '<li><a href="https://rankings.ft.com/mba">Financial Times Global MBA Rankings</a></li></ul>')
    tree = _tree(f"<article><p>{P1}</p>{related}<p>{P2}</p>{sources}<p>{P3}</p></article>")
    restored = restore_lost_blocks(tree, f"{P1}\n{P2}\n{P3}", "https://example.com/news/budget")
    assert restored.split("\n") == [P1, P2, "U.S. News MBA Rankings", "Financial Times Global MBA Rankings", P3]
    # a list item that is only partly a link is text, wherever it links
    tree = _tree(f'<article><p>{P1}</p><ul><li>Road repairs, see <a href="/roads">the plan</a></li></ul>'
                 f"<p>{P2}</p></article>")
    assert restore_lost_blocks(tree, f"{P1}\n{P2}", "https://example.com/a").split("\n") == [
        P1, "Road repairs, see the plan", P2]
    # a list of one linked item is a label, a listicle's entry
    tree = _tree(f'<article><p>{P1}</p><ul><li><a href="/projects/trays">Poker chip trays</a></li></ul>'
                 f"<p>{P2}</p></article>")
    assert restore_lost_blocks(tree, f"{P1}\n{P2}", "https://example.com/a").split("\n") == [
        P1, "Poker chip trays", P2]


def test_arabic_related_links_inside_the_article_stay_lost():
    related = ('<ul><li><a href="https://www.example.com/ar/news/2">أخبار أخرى عن ميزانية المدينة</a></li>'
               '<li><a href="/ar/news/3">المجلس يؤجل التصويت على الخطة</a></li></ul>')
    tree = _tree(f'<div class="entry"><p>{AR1}</p>{related}<p>{AR2}</p></div>', "ar", "rtl")
    assert restore_lost_blocks(tree, f"{AR1}\n{AR2}", "https://example.com/ar/1").split("\n") == [AR1, AR2]


def test_extract_article_keeps_a_list_of_links_inside_the_article():
    items = "".join(f'<li><a href="/course/{i}">Free course number {i} on data science</a></li>'
                    for i in range(8))
    story = "".join(f"<p>{p} Paragraph {i} goes on with more words about the courses offered.</p>"
                    for i, p in enumerate((P1, P2, P3)))
    html = ('<html lang="en"><head><title>Free courses</title>'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Free courses"}</script>'
            f"</head><body><article>{story}<p>Here are the courses you can take:</p><ul>{items}</ul>"
            f"{story.replace('Paragraph', 'Part')}</article></body></html>")
    record = extract_article(html, "https://example.com/news/free-courses")
    assert record is not None
    assert "Free course number 3 on data science" in record.text
    assert record.text.index("Free course number 0") < record.text.index("Part 0")


def test_lost_blocks_in_a_named_insert_stay_lost():
    # a call to action and a teaser card between two kept paragraphs: inserts, not text
    tree = _tree(f"<article><p>{P1}</p>"
                 '<div class="newsletter-cta"><h3>Get the free guide!</h3><p>Sign up today.</p></div>'
                 '<div class="post-item"><h2><span>Another story entirely</span></h2></div>'
                 f"<p>{P2}</p></article>")
    assert restore_lost_blocks(tree, f"{P1}\n{P2}").split("\n") == [P1, P2]


def test_arabic_promo_box_stays_lost():
    tree = _tree(f'<div class="entry"><p>{AR1}</p><div class="promo-box"><h3>اشترك الآن</h3></div>'
                 f"<p>{AR2}</p></div>", "ar", "rtl")
    assert restore_lost_blocks(tree, f"{AR1}\n{AR2}").split("\n") == [AR1, AR2]


def test_story_laid_out_as_named_cards_is_restored():
    # the box named like an insert holds the kept paragraphs: it is the article itself
    tree = _tree(f'<div class="collection-cards"><div class="card"><p>{P1}</p></div>'
                 '<div class="card"><h2>What the plan covers</h2></div>'
                 f'<div class="card"><p>{P2}</p></div></div>')
    assert restore_lost_blocks(tree, f"{P1}\n{P2}").split("\n") == [P1, "What the plan covers", P2]


# --- lists recalled from the main block of a page without one container ---


def _two_column_page(para: str, item: str, aside: str) -> str:
    main = "".join(f"<p>{para} {i}</p>" for i in range(3))
    items = "".join(f"<li>{item} {i}</li>" for i in range(6))
    side = "".join(f"<p>{aside} {i}</p>" for i in range(2))
    return (f"<html><body><div class='col-main'>{main}<ul>{items}</ul></div>"
            f"<div class='col-side'>{side}</div></body></html>")


EN_PAGE = _two_column_page(
    "The guide explains each accounting principle in turn, with examples from small firms",
    "Principle of consistency: apply the same methods from period to period",
    "Our firm carries professional liability insurance and bonds every employee we place")
AR_PAGE = _two_column_page(
    "يشرح الدليل كل مبدأ من مبادئ المحاسبة على حدة مع أمثلة من الشركات الصغيرة",
    "مبدأ الثبات: تطبيق الطرق نفسها من فترة محاسبية إلى أخرى دون تغيير",
    "تحمل شركتنا تأمين المسؤولية المهنية وتضمن كل موظف تقدمه لعملائها")


def _paragraph_text(page: str) -> tuple:
    tree = parse_html(page)
    paragraphs = content_paragraphs(tree.find("body"))
    return tree, paragraphs, "\n".join(p.text_content() for p in paragraphs)


def test_lost_list_items_are_recalled_from_the_main_block():
    for page, item in ((EN_PAGE, "Principle of consistency"), (AR_PAGE, "مبدأ الثبات")):
        tree, paragraphs, text = _paragraph_text(page)
        assert item not in text
        recalled = _recalled_structure(tree, None, paragraphs, text)
        assert recalled.count(item) == 6


def test_text_that_kept_its_list_is_left_alone():
    tree, paragraphs, text = _paragraph_text(EN_PAGE)
    whole = text + "\n" + "\n".join(li.text_content() for li in tree.iter("li"))
    assert _recalled_structure(tree, None, paragraphs, whole) == whole


def test_lost_link_list_in_a_related_links_box_stays_lost():
    tree = _tree(f"<article><p>{P1}</p>"
                 '<div class="c-linklist"><ul><li><a href="/a">Another story about the council</a></li>'
                 '<li><a href="/b">A second story about the town hall</a></li></ul></div>'
                 f"<p>{P2}</p></article>")
    text = f"{P1}\n{P2}"
    assert restore_lost_blocks(tree, text) == text
