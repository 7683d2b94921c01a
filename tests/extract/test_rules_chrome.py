"""Pre-clean rules for reader-feedback and appeal boxes and for disclaimers: the box
leaves the tree with its heading, the article (also when it says the same words in a
sentence) stays."""

from __future__ import annotations

import pytest

from scraper.extract.dom import parse_html, preclean
from scraper.extract.phrases import APPEAL_HEADINGS, is_appeal_heading

ARTICLE = "".join(
    f"<p>Article paragraph {i} carries the real story, long enough to count as prose for the rules.</p>"
    for i in range(5)
)
ARABIC_ARTICLE = "".join(
    f"<p>الفقرة {i} من المقال تحمل الخبر الحقيقي، وهي طويلة بما يكفي لتعد نصا من المقال.</p>"
    for i in range(5)
)


def text_of(inner: str, direction: str = "ltr") -> str:
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
        "<div><strong>这篇文章有帮助吗？</strong><button>是</button><button>否</button></div>",
    ],
)
def test_feedback_and_appeal_boxes_go(box):
    text = text_of(f"<article>{ARTICLE}{box}</article>")
    assert "Article paragraph 4" in text
    for gone in ("helpful", "Enjoyed", "donations", "Subscribe", "hilfreich", "Nein", "帮助"):
        assert gone not in text


def test_arabic_appeal_box_goes_right_to_left():
    box = "<div><h3>هل كان هذا المقال مفيداً؟</h3><button>نعم</button><button>لا</button></div>"
    text = text_of(f"<article>{ARABIC_ARTICLE}{box}</article>", "rtl")
    assert "الفقرة 4" in text
    assert "مفيد" not in text and "نعم" not in text


def test_appeal_words_inside_a_sentence_stay():
    sentence = ("<p>Was this helpful? Readers asked us that after the storm, and the answer from "
                "the county was that the new sirens worked better than the old ones did.</p>")
    text = text_of(f"<article>{ARTICLE}{sentence}</article>")
    assert "the new sirens worked" in text


def test_appeal_heading_inside_the_article_text_takes_only_its_own_box():
    # the heading's parent is the article body itself: only the heading's short box goes
    body = f'<div class="entry-content">{ARTICLE}<h3>Rate this article</h3>{ARTICLE}</div>'
    text = text_of(f"<article>{body}</article>")
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
    text = text_of(f"<article>{ARTICLE}{box}</article>")
    assert "Article paragraph 4" in text
    assert gone not in text


def test_article_marked_with_a_disclaimer_class_stays():
    # a class on the article's own container says nothing about its text
    text = text_of(f'<div class="has-disclaimer entry-disclaimer">{ARTICLE}</div>')
    assert "Article paragraph 4" in text


def test_words_near_nocontent_are_not_chrome():
    # only the whole token: "no-content-found" or "nocontents" name something else
    text = text_of(f'<article>{ARTICLE}<p class="no-content-note">A closing line of the story.</p></article>')
    assert "closing line" in text


def test_short_article_sharing_a_box_with_an_appeal_stays():
    # the whole story is shorter than an appeal box: the climb must not take it along
    story = ("<p>The council voted on Tuesday to keep the library open on Sundays, "
             "after a petition signed by two thousand residents.</p>")
    text = text_of(f'<div class="story">{story}<h3>Was this article helpful?</h3><button>Yes</button></div>')
    assert "library open on Sundays" in text
