"""Right-to-left news pages (Arabic, Persian, Urdu) written for these tests: the body
keeps the article's paragraphs and none of the boxes around it ("most read",
"related", "read also", a comment-policy note, a newsletter box). The boxes carry no
telling class names: only the vocabularies of ``vocab.chrome`` can find them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.extract import extract_article

FIXTURES = Path(__file__).parent / "fixtures_rtl"
# trafilatura drops the zero-width non-joiner of Persian ("ماه‌های" -> "ماههای"): the
# texts are compared without it.
ZWNJ = "\u200c"

# Words of each article paragraph that the body must keep, by language.
PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "ar": ("افتتحت بلدية المدينة صباح اليوم", "وقال رئيس البلدية في كلمة",
           "وأضاف أن المبنى صمم", "وأعرب عدد من سكان الحي", "ومن المنتظر أن تنظم المكتبة"),
    "fa": ("شهرداری امروز صبح کتابخانه", "شهردار در مراسم افتتاح گفت", "به گفته او، ساختمان کتابخانه",
           "شماری از ساکنان محله", "قرار است کتابخانه در ماه‌های آینده"),
    "ur": ("بلدیہ نے آج صبح شہر", "میئر نے افتتاحی تقریب سے", "ان کا کہنا تھا کہ عمارت",
           "علاقے کے کئی رہائشیوں نے", "توقع ہے کہ لائبریری"),
}

# Text of each box that the body must not hold, by language and kind.
BOXES: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {
        "read_also": ("اقرأ أيضا", "البلدية تعلن خطة لتجديد الحدائق العامة"),
        "related": ("أخبار ذات صلة", "افتتاح مركز ثقافي في الضاحية الشمالية"),
        "most_read": ("الأكثر قراءة", "ارتفاع أسعار الخضار في الأسواق المحلية"),
        "newsletter": ("اشترك في النشرة البريدية", "احصل على أهم الأخبار يوميا"),
        "comment_policy": ("التعليقات المنشورة لا تعبر",),
    },
    "fa": {
        "read_also": ("بیشتر بخوانید", "طرح تازه شهرداری برای نوسازی پارک‌ها"),
        "related": ("اخبار مرتبط", "گشایش مرکز فرهنگی در شمال شهر"),
        "most_read": ("پربازدیدترین", "افزایش قیمت میوه در بازارهای محلی"),
        "newsletter": ("عضویت در خبرنامه", "مهم‌ترین خبرهای روز را هر صبح"),
        "comment_policy": ("نظرات ارسال شده پس از بررسی",),
    },
    "ur": {
        "read_also": ("یہ بھی پڑھیں", "بلدیہ کا پارکوں کی بحالی کا نیا منصوبہ"),
        "related": ("متعلقہ خبریں", "شمالی علاقے میں ثقافتی مرکز کا افتتاح"),
        "most_read": ("سب سے زیادہ پڑھی جانے والی", "مقامی بازاروں میں سبزیوں کی قیمتوں"),
        "newsletter": ("ہمارے نیوز لیٹر کو سبسکرائب کریں", "روزانہ کی اہم خبریں اپنے ای میل میں"),
        "comment_policy": ("ادارے کا قارئین کے تبصروں سے متفق",),
    },
}


def _body(language: str) -> str:
    html = (FIXTURES / f"{language}.html").read_text(encoding="utf-8")
    record = extract_article(html, f"https://news.example/{language}/library")
    assert record is not None
    return record.text


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_rtl_article_keeps_its_paragraphs(language: str) -> None:
    body = _body(language).replace(ZWNJ, "")
    for words in PARAGRAPHS[language]:
        assert words.replace(ZWNJ, "") in body


@pytest.mark.parametrize(
    ("language", "kind"),
    [(language, kind) for language, boxes in sorted(BOXES.items()) for kind in boxes],
)
def test_rtl_article_drops_the_box(language: str, kind: str) -> None:
    body = _body(language).replace(ZWNJ, "")
    for text in BOXES[language][kind]:
        assert text.replace(ZWNJ, "") not in body
