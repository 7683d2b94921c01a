"""Recall rules: blocks trafilatura lost inside the article's flow are put back
(``scraper.extract.candidates.restore_lost_blocks``), and only there."""

from __future__ import annotations

from scraper.extract import extract_article
from scraper.extract.candidates import lost_blocks, restore_lost_blocks
from scraper.extract.dom import parse_html

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
