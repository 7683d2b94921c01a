"""Stage 5 (``scraper.extract.postclean``): headline, bylines and chrome lines leave the
edges, sentences stay; text that is not prose (data dumps, bare URL lists) leaves the
body; blocks rendered twice and the author's bio go."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from scraper.extract.fields.bylines import parse_byline
from scraper.extract.postclean import clean_body, drop_repeats, drop_url_runs, is_data_line
from scraper.extract.preclean import drop_inline_popups
from scraper.extract.vocab.bylines import BYLINE_MARKERS
from scraper.extract.vocab.chrome import (
    COMMENT_POLICY_PREFIXES,
    LABEL_LINES,
    NEWSLETTER_PHRASES,
    RELATED_HEADINGS,
    SEARCH_LABELS,
    SHARE_PHRASES,
    TAIL_PREFIXES,
)
from scraper.extract.vocab.dates import DATE_LABELS, DATE_WORDS
from scraper.extract.vocab.match import is_block_heading, is_chrome_line

LANGUAGES = {"ar", "en", "fr", "de", "es", "it", "pt", "ru", "tr", "fa", "ur", "zh"}
PARA = "The committee met on Monday and agreed to publish its findings before the summer recess."


def test_phrase_tables_cover_every_language():
    for table in (RELATED_HEADINGS, SHARE_PHRASES, SEARCH_LABELS, BYLINE_MARKERS, LABEL_LINES,
                  TAIL_PREFIXES, DATE_LABELS, DATE_WORDS, NEWSLETTER_PHRASES, COMMENT_POLICY_PREFIXES):
        assert LANGUAGES <= set(table)


def test_arabic_marks_are_ignored_when_matching():
    assert is_block_heading("أَخْبَارٌ ذَاتُ صِلَةٍ")
    assert is_block_heading("أخبـــار ذات صلة")  # tatweel


def test_headline_repeated_at_top_is_dropped():
    text, _ = clean_body(f"Storm closes schools\n{PARA}", "Storm closes schools")
    assert text == PARA


def test_near_identical_headline_is_dropped():
    text, _ = clean_body(f"Storm closes schools!\n{PARA}", "Storm Closes Schools")
    assert text == PARA


def test_headline_words_inside_a_paragraph_stay():
    body = f"Storm closes schools across the region, officials said on Monday evening.\n{PARA}"
    text, _ = clean_body(body, "Storm closes schools")
    assert text == body


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("خاص : ترجمة – لميس السيد :", ["لميس السيد"]),
        ("كتب – أحمد علي", ["أحمد علي"]),
        ("بقلم: سارة محمود", ["سارة محمود"]),
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Reporting by Jane Doe; Editing by Sam Lee", ["Jane Doe"]),
        ("Par Jean Dupont", ["Jean Dupont"]),
        ("Von Max Mustermann", ["Max Mustermann"]),
        ("Por María García", ["María García"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("记者：张伟", ["张伟"]),
    ],
)
def test_byline_names_are_read(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    ["By the time the police arrived, the crowd had gone.", "كتب الرئيس رسالة إلى الأمم المتحدة",
     "Di Maio ha detto che il governo resterà", PARA, "By 2030 the plan should be complete"],
)
def test_sentences_are_not_bylines(line):
    assert parse_byline(line) is None


def test_bylines_at_the_edges_move_to_authors():
    text, authors = clean_body(f"خاص : ترجمة – لميس السيد :\n{PARA}\nReporting by Jane Doe", None)
    assert text == PARA
    assert authors == ["لميس السيد", "Jane Doe"]


def test_byline_like_line_in_the_middle_stays():
    body = "\n".join([PARA, PARA, PARA, "By Jane Doe", PARA, PARA, PARA, PARA])
    text, authors = clean_body(body, None)
    assert "By Jane Doe" in text and authors == []


@pytest.mark.parametrize(
    "chrome", ["Search", "Close this search box.", "أخبار ذات صلة", "Share this article", "Lire aussi",
               "Newsletter", "Leave a Reply", "分享"],
)
def test_chrome_lines_are_dropped(chrome):
    text, _ = clean_body(f"{chrome}\n{PARA}\n{chrome}\n{PARA}\n{chrome}", None)
    assert text == f"{PARA}\n{PARA}"


def test_chrome_phrase_inside_a_sentence_stays():
    body = "Readers can share this article with friends, the editor said.\nSearch teams found the boat at dawn."
    text, _ = clean_body(body, None)
    assert text == body
    assert not is_chrome_line("Search teams found the boat at dawn.")


def test_cookie_banner_at_the_edge_is_dropped():
    text, _ = clean_body(f"We use cookies to improve your experience. Accept?\n{PARA}", None)
    assert text == PARA


def test_one_paragraph_per_line_no_blank_lines():
    text, _ = clean_body(f"\n\n  {PARA}  \n\n\nA subheading\n\n{PARA}\n", None)
    assert text.split("\n") == [PARA, "A subheading", PARA]


AR_PARA = "قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة بعد توقف دام شهرين."


@pytest.mark.parametrize(
    "label", ["Advertisement", "Table of Contents", "About the author", "إعلان", "جدول المحتويات",
              "Publicité", "Inhaltsverzeichnis", "Реклама", "İçindekiler", "目录"],
)
def test_section_labels_are_dropped_anywhere(label):
    text, _ = clean_body(f"{PARA}\n{label}\n{PARA}", None)
    assert text == f"{PARA}\n{PARA}"


def test_label_word_inside_a_sentence_stays():
    body = f"{PARA}\nThe advertisement ran in three newspapers, the table of contents did not.\n{PARA}"
    assert clean_body(body, None)[0] == body


@pytest.mark.parametrize(
    "line",
    ["Last updated on September 16th, 2023 at 09:27 am", "11 min read", "Published:",
     "sexta-feira, 22 de outubro de 2010 às 20:13", "24 نوفمبر، 2024 4:13 ص", "آخر تحديث: 5 مايو 2024",
     "UPDATED: Tue., Nov. 19, 2019", "2024年3月5日", "Estimated reading time: 4 minutes"],
)
def test_date_lines_at_the_edges_are_dropped(line):
    assert clean_body(f"{line}\n{PARA}\n{PARA}\n{line}", None)[0] == f"{PARA}\n{PARA}"


@pytest.mark.parametrize("line", ["10 p.m.", "5:45 AM", "In 2023 the economy grew by 3 percent."])
def test_clock_times_and_sentences_with_dates_stay(line):
    # a live blog's first entry time; a sentence that has numbers
    assert clean_body(f"{line}\n{PARA}", None)[0] == f"{line}\n{PARA}"


def test_date_line_in_the_middle_stays():
    body = "\n".join([PARA, PARA, PARA, "May 5, 2024", PARA, PARA, PARA, PARA])
    assert clean_body(body, None)[0] == body


@pytest.mark.parametrize(
    "prompt",
    ["Subscribe to our newsletter for the day's top headlines.", "Follow us on Twitter and Facebook.",
     "SOURCE: Al Jazeera News", "Filed under: Politics |",
     "تابعونا على تويتر وفيسبوك", "المصدر: وكالات", "Suivez-nous sur Instagram", "Fonte: ANSA",
     "Subscribe now to our e-edition for the full story.", "Sign up today and never miss a story.",
     "For the latest stories download our apps for iOS and Android.", "[Want more tips? Follow us on Instagram!]",
     "Book a demo to see the platform in action.", "Check out our other guides on home repairs!",
     "Photo credit: Jane Doe/Agency", "Titelbild: Jane Doe/Agentur", "Crédits photos : Agence",
     "Letzte Änderung 14.02.2019", "Puede escribirnos a redaccion@example.es o seguirnos en Facebook.",
     "Zapraszamy też do subskrypcji tygodnika."],
)
def test_prompts_and_notes_at_the_end_are_dropped(prompt):
    assert clean_body(f"{PARA}\n{AR_PARA}\n{prompt}", None)[0] == f"{PARA}\n{AR_PARA}"


def test_copyright_notice_of_the_story_stays():
    # agency copy ends with its notice; aeb's gold keeps it
    notice = "© 2019 Associated Press. All rights reserved."
    assert clean_body(f"{PARA}\n{notice}", None)[0] == f"{PARA}\n{notice}"


def test_prompt_like_sentences_stay():
    # in the middle, or long enough to be a paragraph
    sources = ("Sources close to the ministry said the talks would resume next week, although no "
               "date has been set and both delegations declined to comment on the agenda of the meeting.")
    body = "\n".join([PARA, "Follow us on the march, the union leader told the crowd.", PARA, sources])
    assert clean_body(body, None)[0] == body


JUNK_PARA = "The committee met on Monday and agreed to publish its findings before the summer recess."
JUNK_PARA_AR = "اجتمعت اللجنة يوم الاثنين واتفقت على نشر نتائجها قبل العطلة الصيفية المقبلة للبرلمان."
WIDGET_DATA = ('[[["Easy to understand","easyToUnderstand","thumb-up"],["Solved my problem",'
               '"solvedMyProblem","thumb-up"],["Other","otherUp","thumb-up"]],[["Missing the '
               'information I need","missingTheInformationINeed","thumb-down"]]]')


def test_data_line_is_dropped_anywhere():
    text, _ = clean_body(f"{JUNK_PARA}\n{WIDGET_DATA}\n{JUNK_PARA_AR}")
    assert text == f"{JUNK_PARA}\n{JUNK_PARA_AR}"


def test_short_json_and_code_lines_are_not_data():
    assert not is_data_line('{"id":12345,"name":"John Doe","email":"john@example.com"}')
    assert not is_data_line('"@context": "https://schema.org/",')
    assert not is_data_line("[Update, May 5] " + JUNK_PARA + " The vote, they said, is final.")
    assert is_data_line(WIDGET_DATA)
    assert is_data_line('{"items": [' + ", ".join(f'"item{i}"' for i in range(20)) + "]}")


def test_bare_url_list_and_its_heading_are_dropped():
    urls = "\n".join(f"https://example.com/source/{i}" for i in range(4))
    text, _ = clean_body(f"{JUNK_PARA}\n{JUNK_PARA_AR}\nArticle Sources:\n{urls}")
    assert text == f"{JUNK_PARA}\n{JUNK_PARA_AR}"
    text, _ = clean_body(f"{JUNK_PARA}\nالمصادر:\n{urls}\n{JUNK_PARA_AR}")
    assert text == f"{JUNK_PARA}\n{JUNK_PARA_AR}"


def test_references_with_titles_and_single_urls_stay():
    lines = ["Sources:", "- Savills 2016 World Real Estate Report:", "http://www.savills.co.uk/report",
             "- Forbes:", "http://www.forbes.com/sites/x/2015/03/24/y", "Website:", "https://www.sony.net/"]
    assert drop_url_runs(lines) == lines
    text, _ = clean_body(f"{JUNK_PARA}\nRead the filing at https://example.com/filing.pdf today.")
    assert text.endswith("today.")


def test_two_url_lines_are_not_a_list():
    lines = [JUNK_PARA, "https://www.nature.com/articles/s43016", "https://www.nature.com/articles/s43017"]
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
        JUNK_PARA,
        '[button link="https://example.com/review/" type="big"] Send us YOUR kit review[/button]',
        "[convertkit form=1630175]",
        '{{hire-ai-eng="/case-banners/hire-ai-eng"}}',
        JUNK_PARA_AR,
    ])
    text, _ = clean_body(body)
    assert text == f"{JUNK_PARA}\n{JUNK_PARA_AR}"


def test_brackets_in_prose_and_template_code_stay():
    lines = [
        "Black [sic] women’s experiences generate a distinctive standpoint.",
        "“Even textbooks of [gastrointestinal] medicine had no idea,” he said.",
        "{{ person }}",
        "{% if esp_area not in ['unknown', 'unavailable'] %}",
        "قال الوزير [في إشارة إلى الاتفاق] إن المفاوضات مستمرة.",
    ]
    text, _ = clean_body("\n".join([JUNK_PARA, *lines]))
    assert text == "\n".join([JUNK_PARA, *lines])


def test_placeholder_filler_is_dropped_but_a_mention_stays():
    body = "\n".join([JUNK_PARA, "Lorem Ipsum", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                      "- Lorem ipsum 1", "Designers fill mock-ups with lorem ipsum until the copy arrives.",
                      JUNK_PARA_AR])
    text, _ = clean_body(body)
    assert text == "\n".join([JUNK_PARA, "Designers fill mock-ups with lorem ipsum until the copy arrives.",
                              JUNK_PARA_AR])


MARKER = ('<span data-mce-type="bookmark" style="display: inline-block; width: 0px; overflow: hidden;" '
          'class="mce_SELRES_start">\ufeff</span>')


@pytest.mark.parametrize("line", [MARKER, MARKER + " " + MARKER,
                                  MARKER.replace("<", "&lt;").replace(">", "&gt;"),
                                  MARKER.replace("<", "&amp;lt;").replace(">", "&amp;gt;")])
def test_an_editors_selection_marker_line_is_dropped(line):
    text, _ = clean_body("\n".join([JUNK_PARA, line, JUNK_PARA_AR]))
    assert text == f"{JUNK_PARA}\n{JUNK_PARA_AR}"


def test_a_sentence_showing_the_marker_stays():
    line = f"The editor left {MARKER} in the story, and readers saw it."
    assert clean_body("\n".join([JUNK_PARA, line]))[0] == f"{JUNK_PARA}\n{line}"


def test_numbered_url_list_is_a_bare_link_list():
    urls = [f"{i}. https://example.org/report/{i}" for i in range(1, 4)] + ["- www.example.org/annex"]
    assert drop_url_runs([JUNK_PARA, *urls, JUNK_PARA_AR]) == [JUNK_PARA, JUNK_PARA_AR]


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


# A heading of each kind the pre-clean drops with its box, in every language:
# "most read", "related", "read also" (one phrase each, as pages print them).
BOX_HEADINGS = {
    "most_read": {"ar": "الأكثر قراءة", "en": "Most read", "fr": "Les plus lus", "de": "Meistgelesen",
                  "es": "Lo más leído", "it": "I più letti", "pt": "Mais lidas", "ru": "Самое читаемое",
                  "tr": "En çok okunanlar", "fa": "پربازدیدترین‌ها", "ur": "سب سے زیادہ پڑھی جانے والی خبریں",
                  "zh": "热门文章"},
    "related": {"ar": "أخبار ذات صلة", "en": "Related stories", "fr": "Articles liés",
                "de": "Mehr zum Thema", "es": "Notas relacionadas", "it": "Articoli correlati",
                "pt": "Notícias relacionadas", "ru": "Материалы по теме", "tr": "İlgili haberler",
                "fa": "اخبار مرتبط", "ur": "متعلقہ خبریں", "zh": "相关新闻"},
    "read_also": {"ar": "اقرأ أيضاً", "en": "Read also", "fr": "Lire aussi", "de": "Lesen Sie auch",
                  "es": "Lee también", "it": "Leggi anche", "pt": "Leia também", "ru": "Читайте также",
                  "tr": "Bunu da okuyun", "fa": "بیشتر بخوانید", "ur": "یہ بھی پڑھیں", "zh": "延伸阅读"},
}


@pytest.mark.parametrize(("kind", "language"), [(k, lang) for k in BOX_HEADINGS for lang in sorted(LANGUAGES)])
def test_box_headings_of_every_kind_and_language_are_block_headings(kind, language):
    assert is_block_heading(BOX_HEADINGS[kind][language])


def test_comment_policy_line_is_dropped_anywhere_but_a_sentence_about_comments_stays():
    note = "Comments are moderated and will appear after review."
    text, _ = clean_body(f"{PARA}\n{note}\n{PARA} Again.")
    assert note not in text
    sentence = "Readers left comments, and the comments are moderated by a volunteer team every day."
    assert sentence in clean_body(f"{PARA}\n{sentence}")[0]


def test_soft_hyphens_are_taken_out_of_the_body():
    text = "Die Mes\u00adsen\u00adger\u00addiens\u00adte sind kein rechts\u00adfrei\u00ader Raum, sagt das Amt."
    assert clean_body(text)[0] == "Die Messengerdienste sind kein rechtsfreier Raum, sagt das Amt."
