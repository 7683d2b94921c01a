"""scraper.fetch.decoding.decode_html: the right text whatever the charset declarations say."""

from __future__ import annotations

import time

import pytest

from scraper.fetch.decoding import decode_html

ARABIC = (
    "أعلنت وزارة الزراعة اليوم عن خطة جديدة لترشيد استهلاك المياه في المحافظات الجنوبية، "
    "بعد موسم جاف أثّر على محاصيل القمح والشعير. وقال المتحدث باسم الوزارة إن الخطة تشمل "
    "دعم المزارعين بأنظمة الري بالتنقيط وتدريبهم على استخدامها خلال الأشهر المقبلة."
)
ARABIC_WITH_LATIN = "قالت شركة Nokia في بيان لوكالة Reuters إن المبيعات ارتفعت بنسبة 12% هذا العام، " + ARABIC
ENGLISH_1252 = (
    "The café’s owner said the “déjà vu” feeling was real — prices rose 5% this week, "
    "and the naïve plan to freeze them à la 1970s failed. Señor Núñez, a regular, agreed."
)
FRENCH = "L’été dernier, la récolte a été très mauvaise à cause de la sécheresse ; les prix ont grimpé."
RUSSIAN = "Министерство сельского хозяйства объявило сегодня о новом плане экономии воды в южных регионах."
JAPANESE = (
    "東京都は本日、新しい交通計画を発表しました。市民の生活に大きな影響があると見られています。"
    "計画は来年の春から段階的に実施される予定です。"
)


HEADINGS = {"ar": ("خبر", "عنوان"), "en": ("News", "Headline"), "ja": ("ニュース", "見出し")}


def page(text: str, meta: str | None = None, lang: str = "ar") -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    title, heading = HEADINGS[lang]
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{head}<title>{title}</title>'
        f"<style>p {{ color: #333; }}</style></head>"
        f"<body><article><h1>{heading}</h1><p>{text}</p><p>{text}</p></article></body></html>"
    )


def english_page(text: str, meta: str | None = None) -> str:
    return page(text, meta, "en")


def with_invalid_utf8(text: str) -> bytes:
    words = text.encode("utf-8").split(b" ")
    words[5] += b"\xff"
    words[20] += b"\xc3"  # a lead byte with no continuation
    return b" ".join(words)


# (id, body bytes, header charset, text that must appear, expected codec or None)
CASES = [
    ("utf8-declared", page(ARABIC, "utf-8").encode(), "utf-8", ARABIC, "utf-8"),
    ("1256-header-says-latin1", page(ARABIC).encode("cp1256"), "ISO-8859-1", ARABIC, "cp1256"),
    ("1256-undeclared", page(ARABIC).encode("cp1256"), None, ARABIC, "cp1256"),
    ("1256-header-utf8-meta-1256", page(ARABIC, "windows-1256").encode("cp1256"), "utf-8", ARABIC, "cp1256"),
    ("1256-meta-says-utf8", page(ARABIC, "utf-8").encode("cp1256"), None, ARABIC, "cp1256"),
    ("1256-with-latin-declared", page(ARABIC_WITH_LATIN, "windows-1256").encode("cp1256"), None,
     ARABIC_WITH_LATIN, "cp1256"),
    ("iso6-undeclared", page(ARABIC).encode("iso-8859-6"), None, ARABIC, "iso8859-6"),
    ("iso6-header-says-1256", page(ARABIC).encode("iso-8859-6"), "windows-1256", ARABIC, "iso8859-6"),
    ("iso6-header-latin1-meta-iso6", page(ARABIC, "iso-8859-6").encode("iso-8859-6"), "ISO-8859-1",
     ARABIC, "iso8859-6"),
    ("utf8-header-says-latin1", page(ARABIC).encode(), "ISO-8859-1", ARABIC, "utf-8"),
    ("utf8-header-1256-meta-iso6", page(ARABIC, "iso-8859-6").encode(), "windows-1256", ARABIC, "utf-8"),
    ("utf8-bom-header-1256", b"\xef\xbb\xbf" + page(ARABIC, "iso-8859-6").encode(), "windows-1256", ARABIC, "utf-8"),
    ("utf16le-bom-header-utf8", b"\xff\xfe" + page(ARABIC).encode("utf-16-le"), "utf-8", ARABIC, "utf-16-le"),
    ("utf8-invalid-bytes-declared", with_invalid_utf8(page(ARABIC, "utf-8")), "utf-8", ARABIC.split(" ")[-1], "utf-8"),
    ("utf8-invalid-bytes-undeclared", with_invalid_utf8(page(ARABIC)), None, ARABIC.split(" ")[-1], "utf-8"),
    ("1252-meta-says-utf8", english_page(ENGLISH_1252, "utf-8").encode("cp1252"), None, ENGLISH_1252, "cp1252"),
    ("1252-header-latin1", english_page(ENGLISH_1252).encode("cp1252"), "ISO-8859-1", ENGLISH_1252, "cp1252"),
    ("1252-undeclared", english_page(ENGLISH_1252).encode("cp1252"), None, ENGLISH_1252, None),
    ("1252-french-declared", english_page(FRENCH, "windows-1252").encode("cp1252"), None, FRENCH, "cp1252"),
    ("1251-russian-declared", english_page(RUSSIAN).encode("cp1251"), "windows-1251", RUSSIAN, "cp1251"),
    ("sjis-meta-says-utf8", page(JAPANESE, "utf-8", "ja").encode("shift_jis"), None, JAPANESE, None),
    ("sjis-header-latin1", page(JAPANESE, None, "ja").encode("shift_jis"), "ISO-8859-1", JAPANESE, None),
    ("sjis-undeclared", page(JAPANESE, None, "ja").encode("shift_jis"), None, JAPANESE, None),
    ("sjis-declared", page(JAPANESE, "shift_jis", "ja").encode("shift_jis"), None, JAPANESE, "cp932"),
    ("content-type-value", page(ARABIC).encode("cp1256"), "text/html; charset=ISO-8859-1", ARABIC, "cp1256"),
    ("unknown-label", page(ARABIC).encode("cp1256"), "x-no-such-charset", ARABIC, "cp1256"),
    ("ascii-unknown-label", english_page("Plain ASCII news.").encode(), "bogus", "Plain ASCII news.", None),
    ("empty", b"", "utf-8", "", None),
]


@pytest.mark.parametrize(("case", "body", "header", "expected", "codec"), CASES, ids=[c[0] for c in CASES])
def test_decodes_to_the_known_text(case, body, header, expected, codec):
    text, encoding = decode_html(body, header)
    assert expected in text
    if "invalid" not in case:
        assert "\ufffd" not in text
    if codec:
        assert encoding == codec


def test_invalid_utf8_bytes_become_replacement_characters_not_mojibake():
    text, encoding = decode_html(with_invalid_utf8(page(ARABIC, "utf-8")), "utf-8")
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 2
    assert text.replace("\ufffd", "").count(ARABIC.split("،")[1].strip()) == 2


@pytest.mark.parametrize(
    "body",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 40,
        bytes(range(256)) * 3,
        b"\x00" * 1000,
        b"\xff\xfe\x00",  # a BOM and half a character
        b"<meta charset='utf-16'>" + "سلام".encode("cp1256"),
        b"\xe3\x81" * 5000,
    ],
)
@pytest.mark.parametrize("header", [None, "utf-8", "utf-16", "iso-8859-6", "shift_jis", ";;;"])
def test_never_raises(body, header):
    text, encoding = decode_html(body, header)
    assert isinstance(text, str) and encoding


def test_a_plausible_declaration_does_not_run_the_detector(monkeypatch):
    import charset_normalizer

    def no_detection(*args, **kwargs):
        raise AssertionError("detector ran")

    monkeypatch.setattr(charset_normalizer, "from_bytes", no_detection)
    for body, header in [
        (page(ARABIC, "windows-1256").encode("cp1256"), None),
        (page(ARABIC).encode(), "utf-8"),
        (english_page(ENGLISH_1252).encode("cp1252"), "windows-1252"),
        (page(JAPANESE, "shift_jis", "ja").encode("shift_jis"), None),
    ]:
        decode_html(body, header)


def test_large_pages_decode_quickly():
    big = page(ARABIC * 400).encode("cp1256") * 5  # ~2 MB, wrong header: detection runs
    started = time.perf_counter()
    text, encoding = decode_html(big, "ISO-8859-1")
    assert encoding == "cp1256" and ARABIC in text
    assert time.perf_counter() - started < 2.0


# --- Stray invalid bytes in a mostly-ASCII UTF-8 page ------------------------------------

ENGLISH_FEW_ACCENTS = "The café reopened on Monday, and the owner said business was good again this week."


def test_a_stray_byte_in_a_mostly_ascii_utf8_page_is_replaced_not_read_as_cp1252():
    # two valid UTF-8 characters and one pasted windows-1252 apostrophe (0x92)
    body = english_page(ENGLISH_FEW_ACCENTS + " It'APOS's open — daily.", "utf-8").encode("utf-8")
    body = body.replace(b"'APOS'", b"\x92")
    for header in ("utf-8", None):  # declared by the meta tag, or also by the header
        text, encoding = decode_html(body, header)
        assert encoding == "utf-8"
        assert "café" in text and "—" in text and "It\ufffds" in text
        assert "Ã" not in text and "â€" not in text


def test_a_stray_byte_in_an_ascii_page_declared_utf8_stays_utf8():
    body = english_page("Plain English news, with one stray byte:\xff here.", "utf-8").encode("latin-1")
    text, encoding = decode_html(body, "utf-8")
    assert encoding == "utf-8" and "byte:\ufffd here" in text


def test_undeclared_bytes_with_a_stray_byte_are_utf8_when_valid_characters_outnumber_it():
    body = english_page(ENGLISH_FEW_ACCENTS + " Naïve plans, déjà vu.").encode("utf-8") + b"\xff"
    text, encoding = decode_html(body, None)
    assert encoding == "utf-8" and "café" in text and "déjà" in text


def test_a_legacy_page_declared_utf8_is_still_not_read_as_utf8():
    # every accent is an invalid sequence: more than a few strays, so the declaration is wrong
    text, encoding = decode_html(english_page(ENGLISH_1252, "utf-8").encode("cp1252"), "utf-8")
    assert encoding == "cp1252" and ENGLISH_1252 in text


# --- Linear time on pathological markup --------------------------------------------------

def test_unclosed_script_tags_decode_in_linear_time():
    # the old regex rescanned to the end for each one: 50,000 of them took about a minute
    body = ("<html><head><title>Nachrichten</title></head><body>" + "<script>é" * 50_000).encode("cp1252")
    started = time.perf_counter()
    text, _ = decode_html(body, "ISO-8859-1")  # a legacy declaration: the text is measured
    assert time.perf_counter() - started < 2.0
    assert text.count("<script>") == 50_000


@pytest.mark.parametrize("markup", ["<" * 400_000, "<style>" * 60_000 + "<script>" * 60_000, "&x" * 200_000])
def test_unterminated_tags_decode_in_linear_time(markup):
    body = ("<p>Grüße aus Köln</p>" + markup).encode("cp1252")
    started = time.perf_counter()
    text, _ = decode_html(body, "windows-1252")
    assert time.perf_counter() - started < 2.0 and "Grüße" in text


def test_visible_text_is_what_the_old_regex_gave():
    import random
    import re

    from scraper.fetch.decoding import _SPACES_RE, SAMPLE_CHARS, _visible

    script_style = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
    tags = re.compile(r"<[^>]*>|&[#\w]+;")

    def old(text: str) -> str:
        text = tags.sub(" ", script_style.sub(" ", text[: SAMPLE_CHARS * 20]))
        return _SPACES_RE.sub(" ", text)[:SAMPLE_CHARS]

    atoms = ["<script>", "</script>", "<SCRIPT a=1>", "</script >", "<style>", "</STYLE>", "</style\n>",
             "<scripts>", "<script", "x", " ", "<", ">", "&amp;", "&x", "<p>", "é", "\n"]
    rng = random.Random(7)
    for _ in range(5_000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 30)))
        assert _visible(text) == old(text), text
    real = page(ARABIC, "utf-8") + "<script>var a = '<b>';</script><style>p{}</style><p>تم</p>"
    assert _visible(real) == old(real)
