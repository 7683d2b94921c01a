"""Text that is not prose (``scraper.extract.junk``): data dumps, bare URL lists and
glossary pop-ups leave the body; code, references and terms stay."""

from __future__ import annotations

from lxml.html import fromstring

from scraper.extract.junk import drop_inline_popups, drop_url_runs, is_data_line
from scraper.extract.text import clean_body

PARA = "The committee met on Monday and agreed to publish its findings before the summer recess."
PARA_AR = "اجتمعت اللجنة يوم الاثنين واتفقت على نشر نتائجها قبل العطلة الصيفية المقبلة للبرلمان."
WIDGET_DATA = ('[[["Easy to understand","easyToUnderstand","thumb-up"],["Solved my problem",'
               '"solvedMyProblem","thumb-up"],["Other","otherUp","thumb-up"]],[["Missing the '
               'information I need","missingTheInformationINeed","thumb-down"]]]')


def test_data_line_is_dropped_anywhere():
    text, _ = clean_body(f"{PARA}\n{WIDGET_DATA}\n{PARA_AR}")
    assert text == f"{PARA}\n{PARA_AR}"


def test_short_json_and_code_lines_are_not_data():
    assert not is_data_line('{"id":12345,"name":"John Doe","email":"john@example.com"}')
    assert not is_data_line('"@context": "https://schema.org/",')
    assert not is_data_line("[Update, May 5] " + PARA + " The vote, they said, is final.")
    assert is_data_line(WIDGET_DATA)
    assert is_data_line('{"items": [' + ", ".join(f'"item{i}"' for i in range(20)) + "]}")


def test_bare_url_list_and_its_heading_are_dropped():
    urls = "\n".join(f"https://example.com/source/{i}" for i in range(4))
    text, _ = clean_body(f"{PARA}\n{PARA_AR}\nArticle Sources:\n{urls}")
    assert text == f"{PARA}\n{PARA_AR}"
    text, _ = clean_body(f"{PARA}\nالمصادر:\n{urls}\n{PARA_AR}")
    assert text == f"{PARA}\n{PARA_AR}"


def test_references_with_titles_and_single_urls_stay():
    lines = ["Sources:", "- Savills 2016 World Real Estate Report:", "http://www.savills.co.uk/report",
             "- Forbes:", "http://www.forbes.com/sites/x/2015/03/24/y", "Website:", "https://www.sony.net/"]
    assert drop_url_runs(lines) == lines
    text, _ = clean_body(f"{PARA}\nRead the filing at https://example.com/filing.pdf today.")
    assert text.endswith("today.")


def test_two_url_lines_are_not_a_list():
    lines = [PARA, "https://www.nature.com/articles/s43016", "https://www.nature.com/articles/s43017"]
    assert drop_url_runs(lines) == lines


def test_glossary_popup_leaves_the_sentence_whole():
    html = ('<html><body><article><p>Organic traffic and <span class="term">'
            '<dfn aria-labelledby="tip-1" tabindex="0">keyword</dfn>'
            '<span class="term-tooltip" id="tip-1"><strong>Keyword</strong><br>A keyword is what '
            'users type.<br><a href="/glossary/keyword">Learn more</a></span></span> rankings '
            'are now directional.</p></article></body></html>')
    tree = fromstring(html)
    assert drop_inline_popups(tree) == 1
    assert " ".join(tree.find(".//p").text_content().split()) == (
        "Organic traffic and keyword rankings are now directional.")


def test_role_tooltip_in_arabic_paragraph_is_dropped():
    html = ('<html><body dir="rtl"><p>ارتفع <abbr aria-describedby="t">التضخم</abbr>'
            '<span role="tooltip" id="t">التضخم هو ارتفاع الأسعار.</span> في أيار.</p></body></html>')
    tree = fromstring(html)
    assert drop_inline_popups(tree) == 1
    assert tree.find(".//p").text_content() == "ارتفع التضخم في أيار."


def test_visible_label_a_control_points_at_stays():
    html = ('<html><body><p><span id="price-label">Price in dollars</span> '
            '<input aria-labelledby="price-label"> per share.</p>'
            '<li><a href="/x" aria-describedby="d1">Story</a> <span id="d1">Five minutes</span></li>'
            '</body></html>')
    tree = fromstring(html)
    assert drop_inline_popups(tree) == 0
    assert "Price in dollars" in tree.text_content() and "Five minutes" in tree.text_content()


def test_unrendered_shortcodes_and_placeholders_are_dropped():
    body = "\n".join([
        PARA,
        '[button link="https://example.com/review/" type="big"] Send us YOUR kit review[/button]',
        "[convertkit form=1630175]",
        '{{hire-ai-eng="/case-banners/hire-ai-eng"}}',
        PARA_AR,
    ])
    text, _ = clean_body(body)
    assert text == f"{PARA}\n{PARA_AR}"


def test_brackets_in_prose_and_template_code_stay():
    lines = [
        "Black [sic] women’s experiences generate a distinctive standpoint.",
        "“Even textbooks of [gastrointestinal] medicine had no idea,” he said.",
        "{{ person }}",
        "{% if esp_area not in ['unknown', 'unavailable'] %}",
        "قال الوزير [في إشارة إلى الاتفاق] إن المفاوضات مستمرة.",
    ]
    text, _ = clean_body("\n".join([PARA, *lines]))
    assert text == "\n".join([PARA, *lines])


def test_placeholder_filler_is_dropped_but_a_mention_stays():
    body = "\n".join([PARA, "Lorem Ipsum", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                      "- Lorem ipsum 1", "Designers fill mock-ups with lorem ipsum until the copy arrives.",
                      PARA_AR])
    text, _ = clean_body(body)
    assert text == "\n".join([PARA, "Designers fill mock-ups with lorem ipsum until the copy arrives.",
                              PARA_AR])


def test_numbered_url_list_is_a_bare_link_list():
    urls = [f"{i}. https://example.org/report/{i}" for i in range(1, 4)] + ["- www.example.org/annex"]
    assert drop_url_runs([PARA, *urls, PARA_AR]) == [PARA, PARA_AR]
