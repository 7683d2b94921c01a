"""The language field (``scraper.extract.fields.language``): ISO 639-1 codes from
declarations, hints or the text."""

from __future__ import annotations

import pytest

from scraper.extract import extract_article
from scraper.extract.fields.language import detect_language, guess_language, normalise_language


@pytest.mark.parametrize(
    ("raw", "code"),
    [("ar-SA", "ar"), ("en_US", "en"), ("EN", "en"), ("fr-FR", "fr"), ("zh-Hans-CN", "zh"),
     ("ara", "ar"), ("iw", "he"), ("", None), (None, None), ("not a code", None), ("en-US,en", "en")],
)
def test_normalise_language(raw, code):
    assert normalise_language(raw) == code


def test_declared_language_beats_hint_and_text():
    assert detect_language(["ar_AR"], "en", "The quick brown fox") == "ar"
    assert detect_language([], "fr-CA", "The quick brown fox") == "fr"
    assert detect_language(["bogus value"], None, "The cat and the dog and the bird in the house of the man") == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("على مدى العام الماضي، فقد تنظيم داعش مساحات واسعة من الأراضي في جميع أنحاء العراق", "ar"),
        ("این یک متن فارسی است که برای آزمایش نوشته شده و چند کلمه دارد", "fa"),
        ("یہ ایک اردو متن ہے جو جانچ کے لیے لکھا گیا ہے اور اس میں کچھ الفاظ ہیں", "ur"),
        ("这是一个用于测试的中文句子，里面有一些词语。", "zh"),
        ("Это русский текст для проверки определения языка.", "ru"),
        ("Le conseil a voté pour la création du parc et les travaux commencent dans un an pour les habitants.", "fr"),
        ("Der Rat hat die Pläne für den Park und die Straße mit der Mehrheit der Stimmen beschlossen.", "de"),
        ("", None),
    ],
)
def test_guess_language(text, code):
    assert guess_language(text) == code


def test_record_language_from_html_lang():
    paragraph = "<p>Paragraph {} of the story is written in plain English prose for the test.</p>"
    body = "".join(paragraph.format(i) for i in range(8))
    record = extract_article(f'<html lang="en-GB"><body><article>{body}</article></body></html>')
    assert record is not None and record.language == "en"


def test_language_hint_used_when_page_declares_nothing():
    paragraph = "<p>Paragraph {} of the story is written in plain English prose for the test.</p>"
    body = "".join(paragraph.format(i) for i in range(8))
    record = extract_article(f"<html><body><article>{body}</article></body></html>", language_hint="en-US")
    assert record is not None and record.language == "en"


def test_script_overrides_a_template_declaration_of_another_script():
    arabic = "على مدى العام الماضي، فقد تنظيم داعش مساحات واسعة من الأراضي في جميع أنحاء العراق"
    assert detect_language(["en-US"], None, arabic) == "ar"
    # same script family: the declaration stands (Persian page, few Persian-only letters)
    assert detect_language(["fa-IR"], None, arabic) == "fa"
    assert detect_language(["en"], None, "The cat and the dog in the house") == "en"


def test_arabic_rtl_page_declared_english_by_its_theme():
    body = "".join(f"<p>الفقرة {i} من المقال مكتوبة باللغة العربية لاختبار تحديد اللغة من النص نفسه.</p>"
                   for i in range(8))
    record = extract_article(f'<html lang="en-US" dir="rtl"><body><article>{body}</article></body></html>')
    assert record is not None and record.language == "ar"
