"""Body rules: streamed server-rendered blocks, blocks rendered twice, the author's bio,
lost lists: hand-made pages, one rule each, with cases where the rule must fire and
cases where it must not."""

from __future__ import annotations

from scraper.extract import _recalled_structure, extract_article
from scraper.extract.dom import content_paragraphs, parse_html
from scraper.extract.text import clean_body, drop_repeats

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


# --- repeated paragraphs (text.drop_repeats) ---


LONG_EN = [
    "The council voted on Tuesday to extend the bus line to the northern suburbs by 2027.",
    "Residents had asked for the extension for a decade, citing long commutes to the centre.",
    "The first new stops are due to open next spring, the transport office said in a statement.",
]
LONG_AR = [
    "صوت المجلس البلدي يوم الثلاثاء على تمديد خط الحافلات إلى الضواحي الشمالية بحلول 2027.",
    "طالب السكان بهذا التمديد منذ عشر سنوات بسبب طول الرحلات اليومية إلى وسط المدينة.",
    "ومن المقرر افتتاح المحطات الجديدة الأولى في الربيع المقبل بحسب بيان صادر عن مكتب النقل.",
]


# an article long enough that a second rendering of it is a copied block
ARTICLE_EN = [f"{line} (part {i})" for i in range(8) for line in LONG_EN]
ARTICLE_AR = [f"{line} (الجزء {i})" for i in range(8) for line in LONG_AR]


def test_second_copy_of_the_article_is_dropped_with_its_headings():
    lines = ["Background", *ARTICLE_EN, "Background", *ARTICLE_EN]
    assert drop_repeats(lines) == ["Background", *ARTICLE_EN]


def test_second_copy_of_an_arabic_article_is_dropped():
    body, _ = clean_body("\n".join(["خلفية", *ARTICLE_AR, "خلفية", *ARTICLE_AR]))
    assert body.splitlines() == ["خلفية", *ARTICLE_AR]


def test_a_short_repeated_block_stays():
    # a plan repeating one day's three entries is content, not a second rendering
    lines = ["Day 1", *LONG_EN, "Day 2", *LONG_EN]
    assert drop_repeats(lines) == lines


def test_short_repeated_lines_in_real_text_stay():
    lines = ["Pros", LONG_EN[0], "Cons", "Pros", LONG_EN[1], "Cons"]
    assert drop_repeats(lines) == lines


def test_distinct_long_lines_stay():
    assert drop_repeats([*LONG_EN, *LONG_AR]) == [*LONG_EN, *LONG_AR]


def test_a_single_repeated_paragraph_stays():
    lines = [LONG_EN[0], "Monday", LONG_EN[1], "Tuesday", LONG_EN[1], "Wednesday", LONG_EN[1]]
    assert drop_repeats(lines) == lines


# --- author bios after the article (text.drop_author_bio) ---

BODY_EN = [
    "The council voted on Tuesday to extend the bus line to the northern suburbs by 2027.",
    "Jane Doe, the council's transport chair, said the vote ended a decade of delays.",
    "Work is due to start in the spring.",
]


def test_bio_of_the_credited_author_is_dropped():
    text = "\n".join([*BODY_EN, "Jane Doe is a health writer based in Denver who covers city policy.",
                      "She holds a degree in journalism."])
    body, _ = clean_body(text, None, ["Jane Doe"])
    assert body.splitlines() == BODY_EN


def test_arabic_bio_of_the_credited_author_is_dropped():
    body_ar = [
        "صوت المجلس البلدي يوم الثلاثاء على تمديد خط الحافلات إلى الضواحي الشمالية بحلول 2027.",
        "ومن المقرر أن تبدأ الأعمال في الربيع المقبل بحسب بيان صادر عن مكتب النقل.",
    ]
    text = "\n".join([*body_ar, "محمد علي صحفي متخصص في شؤون النقل والمدن منذ عشرين عاما."])
    body, _ = clean_body(text, None, ["محمد علي"])
    assert body.splitlines() == body_ar


def test_author_named_inside_the_article_or_unknown_stays():
    text = "\n".join(BODY_EN)
    # the name opens a line in the middle of the article, not in the last lines
    lines = [BODY_EN[1], BODY_EN[0], BODY_EN[2], BODY_EN[2] + " More soon.", BODY_EN[0]]
    assert clean_body("\n".join(lines), None, ["Jane Doe"])[0].splitlines() == lines
    # no credited author, or a one-word name: nothing is dropped
    assert clean_body(text + "\nJane Doe is a health writer based in Denver.", None, [])[0].endswith("Denver.")
    assert clean_body(text + "\nJane is a health writer based in Denver.", None, ["Jane"])[0].endswith("Denver.")


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
