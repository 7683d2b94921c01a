"""Stage 3 (``scraper.extract.preclean``): each kind of chrome leaves the tree, article
text stays; reader-feedback and appeal boxes and disclaimers go with their heading; the
prose tail of an empty element survives trafilatura's precise mode."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement

from scraper.extract import extract_article
from scraper.extract.parse import parse_html
from scraper.extract.preclean import preclean
from scraper.extract.vocab.chrome import APPEAL_HEADINGS
from scraper.extract.vocab.match import is_appeal_heading

ARTICLE = "".join(
    f"<p>Article paragraph {i} carries the real story, long enough to count as prose for the rules.</p>"
    for i in range(5)
)


def cleaned(inner: str) -> HtmlElement:
    tree = parse_html(f"<html><body>{inner}</body></html>")
    assert tree is not None
    return preclean(tree)


def text_of(inner: str) -> str:
    return cleaned(inner).text_content()


@pytest.mark.parametrize(
    ("chrome", "gone"),
    [
        ('<span class="screen-reader-text">Search</span>', "Search"),
        ('<span class="sr-only">Open menu</span>', "Open menu"),
        ('<span class="visually-hidden">Skip</span>', "Skip"),
        ('<div class="search-popup"><button>Close this search box.</button></div>', "Close this"),
        ('<form role="search"><label>Find</label><input type="search"></form>', "Find"),
        ('<form><label>Look up</label><input name="s"></form>', "Look up"),
        ('<nav><a href="/">Home page link</a></nav>', "Home page"),
        ('<aside>Sidebar words</aside>', "Sidebar"),
        ('<dialog>Modal words</dialog>', "Modal"),
        ('<div role="dialog">Popup words</div>', "Popup"),
        ('<header><span>24 نوفمبر، 2024 4:13 ص</span></header>', "نوفمبر"),
        ('<footer>All rights reserved</footer>', "rights"),
        ('<div id="cookie-consent">We use cookies</div>', "cookies"),
        ('<div class="newsletter-box">Join our list</div>', "Join"),
        ('<div class="social-share">Facebook Twitter</div>', "Facebook"),
        ('<a class="print-link">Print this</a>', "Print"),
        ('<section id="comments">Nice post!</section>', "Nice post"),
        ('<div class="jp-relatedposts">Other story</div>', "Other story"),
        ('<div class="most-read">Popular story</div>', "Popular story"),
        ('<div aria-label="Related articles"><a href="/x">Linked story</a></div>', "Linked story"),
    ],
)
def test_chrome_is_removed(chrome, gone):
    text = text_of(f"{chrome}<article>{ARTICLE}</article>")
    assert gone not in text
    assert "Article paragraph 4" in text


@pytest.mark.parametrize(
    "heading",
    ["أخبار ذات صلة", "Related", "Read more", "Lire aussi", "Lesen Sie auch", "Te puede interesar",
     "Leggi anche", "Leia também", "Читайте также", "İlgili Haberler", "اخبار مرتبط", "متعلقہ خبریں",
     "相关新闻", "أَخْبَارٌ ذَاتُ صِلَةٍ", "Zobacz także", "Das Thema könnte dich auch interessieren:",
     "Vorschau auf den nächsten Artikel", "Next article"],
)
def test_block_under_a_related_heading_is_removed_with_its_list(heading):
    block = (f'<div class="box"><h3>{heading}</h3><ul><li><a href="/a">First linked story</a></li>'
             f'<li><a href="/b">Second linked story</a></li></ul></div>')
    text = text_of(f"<article>{ARTICLE}{block}</article>")
    assert "linked story" not in text
    assert heading not in text
    assert "Article paragraph 4" in text


def test_heading_inside_the_body_takes_only_the_list_after_it():
    text = text_of(
        f"<article>{ARTICLE}<h2>Related</h2><ul><li><a href='/a'>Linked story</a></li></ul>"
        "<p>Closing paragraph of the article stays where it is, with no links at all.</p></article>"
    )
    assert "Linked story" not in text
    assert "Closing paragraph" in text


@pytest.mark.parametrize("heading", ["Você pode gostar...", "You may like", "Das könnte Ihnen auch gefallen",
                                     "Vous pourriez aimer", "Ti potrebbe piacere", "También te puede gustar"])
def test_teaser_articles_under_a_related_heading_go_however_long(heading):
    # WordPress's related posts: one <article> per story, each with its whole excerpt
    teasers = "".join(
        f"<article class='post'><h2><a href='/story-{i}'>Other story {i}</a></h2>"
        + "".join(f"<p>Excerpt {i}.{j} of another story, as long as a paragraph of the article itself.</p>"
                  for j in range(4))
        + "</article>" for i in range(4))
    text = text_of(f"<article>{ARTICLE}<h3 class='relatedpoststitle'>{heading}</h3>{teasers}</article>")
    assert "Excerpt" not in text and "Other story" not in text
    assert "Article paragraph 4" in text


def test_a_section_that_is_no_related_heading_keeps_its_articles():
    teasers = "".join(f"<article><p>Entry {i} of the live blog, a paragraph of the story itself.</p></article>"
                      for i in range(3))
    text = text_of(f"<article>{ARTICLE}<h3>Earlier today</h3>{teasers}</article>")
    assert "Entry 2 of the live blog" in text


def test_read_more_paragraph_is_removed_but_sentence_mentioning_it_stays():
    text = text_of(
        f"<article>{ARTICLE}<p>Read more: <a href='/x'>Another headline here</a></p>"
        "<p>Read more about it: the council will publish the full report next week online.</p></article>"
    )
    assert "Another headline" not in text
    assert "the council will publish" in text


def test_taxonomy_classes_do_not_remove_the_article():
    text = text_of(
        f'<article class="post type-post category-related-news tag-share tag-cookies">{ARTICLE}</article>'
    )
    assert "Article paragraph 0" in text


def test_chrome_named_container_holding_the_text_is_kept():
    # a layout wrapper whose class mentions a sidebar, around the article itself
    text = text_of(
        f'<div class="layout content-with-sidebar"><div class="body">{ARTICLE}</div>'
        '<div class="sidebar">Sidebar words</div></div>'
    )
    assert "Article paragraph 0" in text
    assert "Sidebar words" not in text


def test_word_inside_a_longer_class_token_is_not_chrome():
    text = text_of(
        f'<div class="research unrelated shared-content-x">{ARTICLE}<p class="researcher">Kept line</p></div>'
    )
    assert "Kept line" in text


def test_header_inside_the_article_is_kept():
    text = text_of(f"<article><header><p>Standfirst of the story</p></header>{ARTICLE}</article>")
    assert "Standfirst" in text


def test_tail_text_survives_removal():
    text = text_of(f'<article><p>Before <span class="sr-only">hidden</span>after.</p>{ARTICLE}</article>')
    assert "Before after." in text


@pytest.mark.parametrize("data", ["", b"", b"\x00\x01\x02" * 300, "x" * 10, None])
def test_parse_rejects_non_html(data):
    assert parse_html(data) is None or not parse_html(data).text_content().strip()


STANDFIRST = "A short summary of the story that the page also gives as its description."


def test_standfirst_repeating_the_description_stays_in_the_article_header():
    tree = parse_html(
        f"<html><body><article><header><h1>Headline</h1><p class='dek'>{STANDFIRST}</p></header>"
        f"{ARTICLE}</article></body></html>"
    )
    text = preclean(tree).text_content()
    assert "short summary" in text and "Headline" in text and "paragraph 4" in text


def test_body_lede_equal_to_the_description_stays():
    tree = parse_html(
        f"<html><body><article><header><h1>Headline</h1></header><p>{STANDFIRST}</p>"
        f"{ARTICLE}</article></body></html>"
    )
    assert "short summary" in preclean(tree).text_content()


def test_header_holding_the_headline_outside_the_article_stays():
    page = ('<header class="site-header"><a href="/">Daily Example</a></header>'
            '<header class="page-header"><h1>Storm closes schools</h1></header>'
            f"<article>{ARTICLE}</article>")
    text = text_of(page)
    assert "Storm closes schools" in text and "Daily Example" not in text


def test_arabic_headline_header_outside_the_article_stays():
    page = ('<header class="page-header"><h1>داعش يعيد ترتيب صفوفه</h1></header>'
            f'<article dir="rtl">{ARTICLE}</article>')
    assert "داعش يعيد ترتيب صفوفه" in text_of(page)


@pytest.mark.parametrize(
    "box",
    ['<div id="toc"><a href="#a">First part</a></div>',
     '<div class="ez-toc-container"><a href="#a">First part</a></div>',
     '<div class="author-bio">Jane writes about cities.</div>',
     '<section class="about-the-author">Jane writes about cities.</section>'],
)
def test_tables_of_contents_and_author_boxes_go(box):
    text = text_of(f"{box}<article>{ARTICLE}</article>")
    assert "First part" not in text and "Jane writes" not in text


def test_sections_named_after_toc_anchors_stay():
    # toc-para / toc_1 name article sections (anchors a table of contents links to)
    page = (f'<div class="toc-para"><p>{"Section prose that belongs to the article. " * 3}</p></div>'
            f'<h2 id="toc_1-2">First part</h2><div class="no_toc_section">{ARTICLE}</div>')
    text = text_of(page)
    assert "Section prose" in text and "First part" in text and "Article paragraph 4" in text


def test_markup_after_the_closing_html_tag_joins_the_body():
    story = "".join(f"<p>The article that the template prints after the page is closed, part {i}, "
                    f"in full sentences.</p>" for i in range(4))
    tree = parse_html('<html><head><title>T</title></head><body><nav><a href="/">Home</a></nav>'
                      f'</body></html><div id="story">{story}</div><script>var x = 1;</script>')
    assert tree.getnext() is None or not len(tree.getnext())
    assert tree.find("body").find(".//div[@id='story']") is not None


def test_arabic_markup_after_the_closing_html_tag_joins_the_body():
    story = "".join(f"<p>نص المقال الذي يطبعه القالب بعد إغلاق الصفحة، الجزء {i}، بجمل كاملة.</p>"
                    for i in range(4))
    tree = parse_html('<html lang="ar" dir="rtl"><head><title>T</title></head><body><p>مقدمة</p>'
                      f'</body></html><div id="story">{story}</div>')
    assert "بجمل كاملة" in tree.find("body").text_content()


def test_a_well_formed_page_is_left_as_parsed():
    tree = parse_html("<html><head><title>T</title></head><body><p>Only this.</p></body></html>")
    assert tree.getnext() is None
    assert [child.tag for child in tree.find("body")] == ["p"]


@pytest.mark.parametrize("popup", ['<div role="dialog" class="republish-modal">',
                                   '<div aria-modal="true" id="share-box">', "<dialog open>"])
def test_popup_holding_a_copy_of_the_article_goes(popup):
    closing = "</dialog>" if popup.startswith("<dialog") else "</div>"
    tree = cleaned(f'<article><div class="body">{ARTICLE}</div>'
                   f'<div class="sidebar">{popup}<p>Republish this story under our terms.</p>'
                   f'{ARTICLE}{closing}</div></article>')
    text = tree.text_content()
    assert "Republish this story" not in text
    assert text.count("Article paragraph 0") == 1


def test_arabic_popup_holding_a_copy_of_the_article_goes():
    article = "".join(f"<p>فقرة المقال رقم {i} تحمل القصة الحقيقية وهي طويلة بما يكفي لتعد نصا.</p>"
                      for i in range(5))
    tree = parse_html(f'<html lang="ar" dir="rtl"><body><article>{article}<div role="dialog">'
                      f"<p>أعد نشر هذه القصة وفق شروطنا.</p>{article}</div></article></body></html>")
    text = preclean(tree).text_content()
    assert "أعد نشر" not in text
    assert text.count("فقرة المقال رقم 0") == 1


def test_chrome_named_block_holding_the_only_article_text_stays_when_no_popup():
    # the same copy in a plain (non-pop-up) box named like chrome is still protected
    text = text_of(f'<div class="sidebar-layout"><div class="share-wrap">{ARTICLE}</div></div>')
    assert "Article paragraph 0" in text


APPEAL_ARTICLE = "".join(
    f"<p>Article paragraph {i} carries the real story, long enough to count as prose for the rules.</p>"
    for i in range(5)
)
ARABIC_ARTICLE = "".join(
    f"<p>الفقرة {i} من المقال تحمل الخبر الحقيقي، وهي طويلة بما يكفي لتعد نصا من المقال.</p>"
    for i in range(5)
)


def precleaned_text(inner: str, direction: str = "ltr") -> str:
    tree = parse_html(f'<html dir="{direction}"><body>{inner}</body></html>')
    assert tree is not None
    return preclean(tree).text_content()


def test_every_language_has_appeal_headings():
    assert {"ar", "en", "fr", "de", "es", "it", "pt", "ru", "tr", "fa", "ur", "zh"} <= set(APPEAL_HEADINGS)


@pytest.mark.parametrize(
    "box",
    [
        '<div class="box"><h3>Was this article helpful?</h3><button>Yes</button><button>No</button></div>',
        '<div><div class="cta"><p>Enjoyed this piece? We need your help to keep publishing.</p>'
        "<p>We are a non-profit kept alive by reader donations.</p><a href='/d'>Donate</a></div></div>",
        "<section><h2>Like what you're reading? Subscribe to the monthly newsletter!</h2>"
        "<form><input type='email'><button>Subscribe</button></form></section>",
        '<div><h4>War dieser Artikel hilfreich?</h4><a href="#">Ja</a> <a href="#">Nein</a></div>',
        "<div><p>If you enjoyed reading this post, would you consider supporting our work? "
        "<a href='/d'>Just click here</a>. Thanks!</p></div>",
        "<div><p>Jede kleine Spende hilft den Menschen vor Ort!</p><a href='/d'>Jetzt spenden</a></div>",
        "<div><strong>这篇文章有帮助吗？</strong><button>是</button><button>否</button></div>",
    ],
)
def test_feedback_and_appeal_boxes_go(box):
    text = precleaned_text(f"<article>{APPEAL_ARTICLE}{box}</article>")
    assert "Article paragraph 4" in text
    for gone in ("helpful", "Enjoyed", "donations", "Subscribe", "hilfreich", "Nein", "帮助", "enjoyed reading",
                 "Spende"):
        assert gone not in text


def test_arabic_appeal_box_goes_right_to_left():
    box = "<div><h3>هل كان هذا المقال مفيداً؟</h3><button>نعم</button><button>لا</button></div>"
    text = precleaned_text(f"<article>{ARABIC_ARTICLE}{box}</article>", "rtl")
    assert "الفقرة 4" in text
    assert "مفيد" not in text and "نعم" not in text


def test_appeal_words_inside_a_sentence_stay():
    sentence = ("<p>Was this helpful? Readers asked us that after the storm, and the answer from "
                "the county was that the new sirens worked better than the old ones did.</p>")
    text = precleaned_text(f"<article>{APPEAL_ARTICLE}{sentence}</article>")
    assert "the new sirens worked" in text


def test_appeal_heading_inside_the_article_text_takes_only_its_own_box():
    # the heading's parent is the article body itself: only the heading's short box goes
    body = f'<div class="entry-content">{APPEAL_ARTICLE}<h3>Rate this article</h3>{APPEAL_ARTICLE}</div>'
    text = precleaned_text(f"<article>{body}</article>")
    assert "Rate this article" not in text
    assert text.count("Article paragraph 4") == 2


def test_only_whole_words_open_an_appeal():
    assert is_appeal_heading("Was this helpful?")
    assert is_appeal_heading("Enjoyed this piece? We need your help")
    assert not is_appeal_heading("Was this helpfulness measured?")
    assert not is_appeal_heading("Rate this articles list")


@pytest.mark.parametrize(
    ("box", "gone"),
    [
        # legal small print
        ('<div class="entry-disclaimer"><p>The content of this post is for information only and is '
         "not legal or tax advice.</p></div>", "tax advice"),
        ('<p id="views-disclaimer">The views expressed are the author\'s own.</p>', "author's own"),
        ('<div class="disclaimer">هذا المحتوى للمعلومات فقط ولا يعد نصيحة مالية.</div>', "نصيحة"),
        # an author-box plugin, and regions a site marks as not content for search engines
        ('<div class="saboxplugin-wrap"><div class="saboxplugin-desc">Jane writes about gardens.</div></div>',
         "Jane writes"),
        ('<div class="nocontent"><p>Save and categorize content based on your preferences.</p></div>',
         "categorize"),
        ('<div class="nocontent"><p>احفظ المحتوى وصنفه حسب تفضيلاتك.</p></div>', "تفضيلاتك"),
        # calls to action
        ('<div class="footer-cta-container"><h2>Stop guessing, start measuring</h2></div>', "Stop guessing"),
    ],
)
def test_blocks_named_as_small_print_not_content_or_calls_to_action_go(box, gone):
    text = precleaned_text(f"<article>{APPEAL_ARTICLE}{box}</article>")
    assert "Article paragraph 4" in text
    assert gone not in text


def test_article_marked_with_a_disclaimer_class_stays():
    # a class on the article's own container says nothing about its text
    text = precleaned_text(f'<div class="has-disclaimer entry-disclaimer">{APPEAL_ARTICLE}</div>')
    assert "Article paragraph 4" in text


def test_words_near_nocontent_are_not_chrome():
    # only the whole token: "no-content-found" or "nocontents" name something else
    text = precleaned_text(
        f'<article>{APPEAL_ARTICLE}<p class="no-content-note">A closing line of the story.</p></article>')
    assert "closing line" in text


def test_short_article_sharing_a_box_with_an_appeal_stays():
    # the whole story is shorter than an appeal box: the climb must not take it along
    story = ("<p>The council voted on Tuesday to keep the library open on Sundays, "
             "after a petition signed by two thousand residents.</p>")
    text = precleaned_text(f'<div class="story">{story}<h3>Was this article helpful?</h3><button>Yes</button></div>')
    assert "library open on Sundays" in text


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


def _tail_page(inner: str, lang: str = "en", direction: str = "ltr") -> str:
    return (
        f'<html lang="{lang}" dir="{direction}"><head><title>Story</title>'
        '<meta property="og:type" content="article"></head><body>'
        f"<article><h1>Story</h1>{inner}</article></body></html>"
    )


def test_paragraph_opening_after_an_image_wrapper_is_kept():
    sentence = "If you prefer to skip the stress of driving, a guided tour is the better option."
    html = _tail_page(FILLER_EN[:300] + f'<p>{IMAGE_WRAPPER}{sentence} <a href="/t">Tours</a> are easy.</p>'
                 + FILLER_EN)
    record = extract_article(html, "https://example.com/news/story")
    assert record is not None
    assert sentence in record.text


def test_link_text_after_an_image_inside_the_link_is_kept():
    html = _tail_page(FILLER_EN + f'<p><a href="/cars">{IMAGE_WRAPPER}Renting a small car</a> gives you '
                 "full control over your schedule and your stops.</p>" + FILLER_EN)
    record = extract_article(html, "https://example.com/news/story")
    assert record is not None
    assert "Renting a small car gives you full control" in record.text


def test_heading_after_an_anchor_span_is_kept_rtl():
    heading = "تقنيات تحسين الأداء"
    html = _tail_page(FILLER_AR + f'<h3><span id="anchor-1"></span>{heading}<span class="end"></span></h3>'
                 + FILLER_AR, "ar", "rtl")
    record = extract_article(html, "https://example.com/ar/news/story")
    assert record is not None
    assert heading in record.text


def test_short_label_after_an_icon_stays_with_it():
    tree = parse_html(_tail_page(FILLER_EN + '<div class="tools"><i class="icon"></i>Print</div>'))
    preclean(tree)
    icon = tree.find(".//i")
    assert icon is not None and icon.tail == "Print"


def test_space_filled_element_keeps_its_tail():
    # a &nbsp; inside keeps the element alive in every mode: nothing to rescue, and
    # moving the tail would glue the words on both sides together
    tree = parse_html(_tail_page("<p><strong>About:</strong>Jane Doe<strong>\u00a0</strong>is a freelance "
                            "photographer based in Eastern Europe, with work in many papers.</p>"
                            + FILLER_EN))
    preclean(tree)
    strong = tree.findall(".//strong")[1]
    assert strong.tail.startswith("is a freelance")


@pytest.mark.parametrize(
    "note",
    [
        "Comments are moderated and may take a day to appear. Please read our comment policy.",
        "Kommentare werden moderiert. Bitte beachten Sie unsere Netiquette.",
        "التعليقات المنشورة لا تعبر بالضرورة عن رأي الموقع.",
        "评论仅代表网友个人观点，不代表本站立场。",
    ],
)
def test_comment_policy_note_is_removed(note):
    text = text_of(f"<article>{ARTICLE}<div><p>{note}</p></div></article>")
    assert note[:15] not in text and "paragraph 4" in text


def test_sentence_merely_mentioning_comments_stays():
    sentence = "The comments are moderated by a volunteer, the mayor told the council on Monday."
    assert sentence in text_of(f"<article>{ARTICLE}<p>{sentence}</p></article>")


@pytest.mark.parametrize("heading", ["Sign up for our newsletter", "اشترك في النشرة البريدية",
                                     "Inscrivez-vous à notre newsletter"])
def test_newsletter_box_is_removed_with_its_pitch(heading):
    box = (f"<div><h3>{heading}</h3><p>The best stories in your inbox every morning</p>"
           "<form><input type='email'></form></div>")
    text = text_of(f"<article>{ARTICLE}{box}</article>")
    assert "inbox" not in text and "paragraph 4" in text


def test_list_item_starting_with_sign_up_stays():
    steps = "<ol><li>Sign up for a library card at the front desk.</li><li>Borrow up to ten books.</li></ol>"
    assert "library card" in text_of(f"<article>{ARTICLE}{steps}</article>")


def test_chrome_named_box_holding_the_articles_br_broken_text_stays():
    # the article's only text is set in <div>s broken by <br>, inside boxes whose class
    # names a chrome word ("print"); the page's few <p>s are elsewhere
    steps = "".join(
        f'<div class="tip-print-step"><div>Step {i} of the tip explains in full sentences what to do '
        f"with the tomato.<br>Then it says why, at some length, so that it reads like prose.<br></div></div>"
        for i in range(1, 3))
    text = text_of('<p class="teaser">A short teaser paragraph elsewhere on the page, long enough.</p>' + steps)
    assert "Step 2 of the tip" in text
    assert "Step 2 of the tip" not in text_of(
        ARTICLE + '<div class="share-print"><div>Step 2 of the tip<br>Print this page</div></div>')
