"""Publication dates: normalising machine dates, reading dates printed in the article
header in many languages and calendars, and choosing between the two.

A date is never read from the site header (a header clock shows *today*)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from itertools import islice
from typing import Any

from htmldate import find_date
from lxml.etree import XPath, tostring
from lxml.html import HtmlElement

from scraper.extract.markup import clean, outside_chrome

ISO_DATE_RE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
COMPACT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$")
MIN_YEAR, MAX_YEAR = 1990, 2100
# A Unix time stamp: 10 digits of seconds (2001-2286) or 13 of milliseconds, maybe with
# a fraction ("1738174207.78"); a date only in a field named for one (see field_date).
EPOCH_RE = re.compile(r"^\s*(\d{10}|\d{13})(?:\.\d+)?\s*$")
EPOCH_MS_DIGITS = 13
# Dates in these (class or id tokens, or nav and footer) are other stories' or readers'.
DATELINE_EXCLUDED_CONTAINERS = ("comment", "related", "recommend", "popular", "trending",
                                "more-stories", "read-next")
DATELINE_CHROME_XPATH = XPath("ancestor::nav or ancestor::footer")
# A text in a top-level headline (its own or a link's in it): after the article's own, it
# starts another story (a related-stories block), so the article's dateline ends there.
MAX_HEADLINE_DEPTH = 3
# Tags a text in such a headline is held by (checked first: most texts are elsewhere).
HEADLINE_PATH_TAGS = frozenset({"h1", "a", "span", "strong", "em", "b", "i"})


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 form of a date string: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS±HH:MM``
    (the offset only when the source gives one). None when it is not a plausible date."""
    value = clean(value)
    if not value:
        return None
    match = ISO_DATE_RE.match(value) or COMPACT_DATE_RE.match(value)
    if match:
        groups = match.groups()
        year, month, day = (int(g) for g in groups[:3])
        hour, minute = groups[3], groups[4]
        second = groups[5] if len(groups) > 5 else None
        offset = groups[6] if len(groups) > 6 else None
        try:
            if hour is None:
                dt = datetime(year, month, day)
                return dt.date().isoformat() if MIN_YEAR <= year <= MAX_YEAR else None
            tz = _parse_offset(offset)
            dt = datetime(year, month, day, int(hour), int(minute), int(second or 0), tzinfo=tz)
        except (ValueError, OverflowError):
            return None
    else:
        try:
            dt = parsedate_to_datetime(value)  # RFC 2822: "Tue, 30 Jan 2018 19:42:00 +0300"
        except (TypeError, ValueError, IndexError):
            dt = None
        if dt is None:
            return _written_date(value)
    if not MIN_YEAR <= dt.year <= MAX_YEAR:
        return None
    return dt.isoformat()


def field_date(value: Any) -> str | None:
    """:func:`normalise_date` for a field whose name says it holds the publication or
    modification time (JSON-LD ``datePublished``, ``article:published_time``,
    ``itemprop="datePublished"``): there a Unix time stamp (a JSON number, or its
    digits: 10 for seconds, 13 for milliseconds) is that time too. Only the field's name
    makes a number a date, so bare numbers elsewhere are never read."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = EPOCH_RE.match(value)
    return epoch_date(match.group(1)) if match else normalise_date(value)


def epoch_date(digits: str) -> str | None:
    """The UTC time of a Unix time stamp in seconds or milliseconds (the digits of
    :data:`EPOCH_RE`); None outside the plausible years or in the future."""
    seconds = int(digits) / (1000 if len(digits) == EPOCH_MS_DIGITS else 1)
    try:
        moment = datetime.fromtimestamp(int(seconds), timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    if not MIN_YEAR <= moment.year or moment > datetime.now(timezone.utc) + timedelta(days=1):
        return None
    return moment.isoformat()


def _parse_offset(offset: str | None) -> timezone | None:
    if not offset:
        return None
    if offset == "Z":
        return timezone.utc
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


# Month names by language, as data: each name maps to its month number. Abbreviations
# are listed where sites print them ("Sept.", "janv.", "Mär"). Arabic has three naming
# systems (Egyptian/Gulf transliterations, Levantine Syriac names, Maghreb French ones).
MONTH_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
           ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
           ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
           ("december", "dec")),
    "fr": (("janvier", "janv"), ("février", "fevrier", "févr", "fevr"), ("mars",),
           ("avril", "avr"), ("mai",), ("juin",), ("juillet", "juil"), ("août", "aout"),
           ("septembre",), ("octobre",), ("novembre",), ("décembre", "decembre", "déc")),
    "de": (("januar", "jänner"), ("februar",), ("märz", "maerz", "mär"), ("april",), ("mai",),
           ("juni",), ("juli",), ("august",), ("september",), ("oktober", "okt"),
           ("november",), ("dezember", "dez")),
    "es": (("enero", "ene"), ("febrero",), ("marzo",), ("abril", "abr"), ("mayo",),
           ("junio",), ("julio",), ("agosto", "ago"), ("septiembre", "setiembre"),
           ("octubre",), ("noviembre",), ("diciembre", "dic")),
    "it": (("gennaio", "gen"), ("febbraio",), ("marzo",), ("aprile",), ("maggio", "mag"),
           ("giugno", "giu"), ("luglio", "lug"), ("agosto",), ("settembre", "set"),
           ("ottobre", "ott"), ("novembre",), ("dicembre",)),
    "pt": (("janeiro",), ("fevereiro", "fev"), ("março", "marco"), ("abril",), ("maio",),
           ("junho",), ("julho",), ("agosto",), ("setembro", "set"), ("outubro", "out"),
           ("novembro",), ("dezembro", "dez")),
    "ru": (("января", "январь", "янв"), ("февраля", "февраль", "фев"), ("марта", "март"),
           ("апреля", "апрель", "апр"), ("мая", "май"), ("июня", "июнь"), ("июля", "июль"),
           ("августа", "август", "авг"), ("сентября", "сентябрь", "сен"),
           ("октября", "октябрь", "окт"), ("ноября", "ноябрь", "ноя"),
           ("декабря", "декабрь", "дек")),
    "tr": (("ocak",), ("şubat", "subat"), ("mart",), ("nisan",), ("mayıs", "mayis"),
           ("haziran",), ("temmuz",), ("ağustos", "agustos"), ("eylül", "eylul"), ("ekim",),
           ("kasım", "kasim"), ("aralık", "aralik")),
    "ar": (("يناير", "كانون الثاني", "جانفي", "ينایر"), ("فبراير", "شباط", "فيفري", "فبرایر"),
           ("مارس", "آذار", "اذار"), ("أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"),
           ("مايو", "أيار", "ايار", "ماي"), ("يونيو", "يونيه", "حزيران", "جوان"),
           ("يوليو", "يوليه", "تموز", "جويلية", "جويلة"), ("أغسطس", "اغسطس", "آب", "أوت", "اوت"),
           ("سبتمبر", "أيلول", "ايلول"), ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"),
           ("نوفمبر", "تشرين الثاني", "نونبر"), ("ديسمبر", "كانون الأول", "كانون الاول", "دجنبر")),
    "fa": (("ژانویه",), ("فوریه",), ("مارس",), ("آوریل",), ("مه", "می"), ("ژوئن",),
           ("ژوئیه", "جولای"), ("اوت", "آگوست"), ("سپتامبر",), ("اکتبر",), ("نوامبر",),
           ("دسامبر",)),
    "ur": (("جنوری",), ("فروری",), ("مارچ",), ("اپریل",), ("مئی",), ("جون",), ("جولائی",),
           ("اگست",), ("ستمبر",), ("اکتوبر",), ("نومبر",), ("دسمبر",)),
}
# Months of the Solar Hijri calendar (Iran, Afghanistan), converted to Gregorian.
JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
                 "آذر", "دی", "بهمن", "اسفند")
MONTH_NUMBER: dict[str, int] = {
    name: number for names in MONTH_NAMES.values()
    for number, forms in enumerate(names, 1) for name in forms
}
JALALI_NUMBER = {name: number for number, name in enumerate(JALALI_MONTHS, 1)}
# Day names by language (with the abbreviations sites print before a date: "Sat, 20 Dec").
WEEKDAY_NAMES: frozenset[str] = frozenset((
    "monday mon tuesday tue tues wednesday wed thursday thu thurs friday fri saturday sat "
    "sunday sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lunes martes miércoles jueves viernes sábado domingo "
    "lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira "
    "понедельник вторник среда четверг пятница суббота воскресенье "
    "pazartesi salı çarşamba perşembe cuma cumartesi pazar "
    "الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد "
    "دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه شنبه یکشنبه "
    "پیر منگل بدھ جمعرات ہفتہ اتوار "
    "星期一 星期二 星期三 星期四 星期五 星期六 星期日 周一 周二 周三 周四 周五 周六 周日"
).split())
# Arabic-Indic and Extended (Persian, Urdu) digits, and full-width ones.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_MONTH_ALT = "|".join(re.escape(n) for n in sorted(
    set(MONTH_NUMBER) | set(JALALI_NUMBER), key=len, reverse=True))
# "Mar.", "آذار/مارس" (two calendars' names side by side), "марта".
_MONTH = rf"(?P<{{g}}>{_MONTH_ALT})(?![^\W\d_])\.?(?:\s*/\s*(?:{_MONTH_ALT}))?"
_DAY = r"(?P<{g}>[0-3]?\d)(?!\d)(?:st|nd|rd|th|er|º|°|\.)?"
_YEAR = r"(?P<{g}>(?:1[3-4]|19|20)\d\d)(?!\d)"
# One regex, tried left to right: the first date of a text wins.
VISIBLE_DATE_RE = re.compile(
    "|".join((
        # 5 March 2024, 5. März 2024, 5 de marzo de 2024, 1er mars 2024, ٥ مارس، ٢٠٢٤
        r"(?<!\d)" + _DAY.format(g="d1") + r"\s*(?:de\s+)?" + _MONTH.format(g="m1")
        + r"[\s,،]*(?:de\s+|del\s+)?" + _YEAR.format(g="y1"),
        # March 5, 2024; Mar. 5th 2024; Sept 5 , 2024
        r"(?<![^\W\d_])" + _MONTH.format(g="m2") + r"\s*" + _DAY.format(g="d2")
        + r"\s*[,،]?\s*" + _YEAR.format(g="y2"),
        # 2024年3月5日, 2024년 3월 5일
        r"(?P<y3>(?:19|20)\d\d)\s*[年년]\s*(?P<m3>[01]?\d)\s*[月월]\s*(?P<d3>[0-3]?\d)\s*[日일]",
        # 2024-03-05, 2024/03/05, 2024.03.05
        r"(?<!\d)(?P<y4>(?:19|20)\d\d)(?P<s4>[-/.])(?P<m4>[01]?\d)(?P=s4)(?P<d4>[0-3]?\d)(?!\d)",
        # 05.03.2024, 03/05/2024, 5-3-2024 (order decided by the separator and language)
        r"(?<![\d.:/-])(?P<a5>[0-3]?\d)(?P<s5>[-/.])(?P<b5>[0-3]?\d)(?P=s5)(?P<y5>(?:19|20)\d\d)(?!\d)",
    )),
    re.I,
)
# Every date VISIBLE_DATE_RE matches holds a year written so: a text without one is not
# searched with the long regex (most dateline texts are labels, names and counts).
YEAR_RE = re.compile(r"(?:1[34]|19|20)\d\d")
# "Updated …" labels: such a date is the modification date, not the publication date.
UPDATED_WORDS = (
    "updated", "modified", "revised", "reviewed",  # en
    "mis à jour", "modifié",  # fr
    "aktualisiert", "geändert",  # de
    "actualizado", "modificado",  # es (pt "modificado" too)
    "aggiornato",  # it
    "atualizado",  # pt
    "обновлено", "изменено",  # ru
    r"güncellen\w*", "güncelleme",  # tr
    "تحديث", "تعديل",  # ar
    r"به[\s\u200c]?روز", "بروزرسانی",  # fa
    "اپ ڈیٹ",  # ur
    "更新", "修改",  # zh
)
UPDATED_WORD_RE = re.compile("|".join(UPDATED_WORDS), re.IGNORECASE)
# Words between such a label and its date ("Updated on", "mis à jour le", "aktualisiert
# am", "actualizado el", "aggiornato il", "atualizado em", "تم التحديث في", "更新于").
UPDATED_PREPOSITIONS = ("on", "at", "le", "am", "el", "il", "em", "في", "于", "於")
UPDATED_LABEL_RE = re.compile(
    rf"(?:{'|'.join(UPDATED_WORDS)})(?:\W*(?:{'|'.join(UPDATED_PREPOSITIONS)}))?\W*$",
    re.IGNORECASE)
# How much text before a date is searched for its label (whitespace collapsed).
MAX_LABEL_CHARS = 40
# Elements that hold a byline or the article's dates, by class, id or itemprop.
# ("/descendant::" finds what "//" finds, in the same order, in one walk of the tree.)
DATE_CLASS_XPATH = XPath(
    "/descendant::*[self::time or @class[contains(., 'date') or contains(., 'Date')"
    " or contains(., 'publish') or contains(., 'posted') or contains(., 'byline')]]"
)
# Texts after and before the headline that are read as its dateline.
MAX_AFTER_HEADLINE_TEXTS = 40
MAX_BEFORE_HEADLINE_TEXTS = 8
# Short texts just before the headline read as its dateline ("Published … " above it).
MAX_BEFORE_HEADLINE = 4
# How many of the dates shown in the article header are weighed against the metadata's
# (a published / updated pair; more is a table or a list of dates in the story).
MAX_SHOWN_DATES = 4
# The furthest a time zone lags UTC (UTC-12): a time stamp later in its UTC day than this
# is the same day everywhere, or the next, never the day before.
MAX_ZONE_LAG_HOURS = 12
# "Originally published …": the page states when the story first appeared (a republished
# or refreshed page shows its new date in the header); read when the page has no date
# metadata, or its header disagrees with the metadata (wcxb-dev: 2 pages right, none
# wrong; 2 more state the metadata's day, 1 a year only, 1 a date out of reach). Lower case; matched without the first letter so "Originally" matches too. "First
# published" is left out: it also dates a preprint or an earlier version of the piece.
ORIGINALLY_PUBLISHED_PHRASES = (
    "originally published", "originally posted",  # en
    "initialement publié", "publié initialement", "publié à l'origine",  # fr
    "ursprünglich veröffentlicht", "ursprünglich erschienen", "erstmals erschienen",  # de
    "publicado originalmente", "originalmente publicado",  # es, pt
    "pubblicato originariamente", "originariamente pubblicato", "pubblicato originalmente",  # it
    "первоначально опубликован", "впервые опубликован",  # ru
    "ilk olarak yayınlan", "ilk yayınlanma tarihi",  # tr
    "نشر في الأصل", "نُشر في الأصل", "نشر لأول مرة", "نُشر لأول مرة",  # ar
    "نخستین بار منتشر", "اولین بار منتشر",  # fa
    "اصل میں شائع", "پہلی بار شائع",  # ur
    "首发于", "原载于", "最初发表于",  # zh
)
ORIGINALLY_PUBLISHED_XPATH = XPath(
    "//body//text()[not(parent::script or parent::style)][{}]".format(" or ".join(
        f'contains(., "{p[1:]}")' for p in ORIGINALLY_PUBLISHED_PHRASES)))
# What the page text is searched for first (UTF-8, a key inside another key dropped).
_KEYS = {p[1:].encode() for p in ORIGINALLY_PUBLISHED_PHRASES}
ORIGINALLY_PUBLISHED_KEYS = tuple(k for k in _KEYS if not any(o != k and o in k for o in _KEYS))
ORIGINALLY_PUBLISHED_RE = re.compile("|".join(ORIGINALLY_PUBLISHED_PHRASES), re.IGNORECASE)
# Such statements looked at, and how far after the phrase its date may be written
# ("Originally published in <journal> (<url>), 25.06.2019").
MAX_ORIGINAL_STATEMENTS = 3
MAX_ORIGINAL_DATE_DISTANCE = 100
# Keys that name the publication time in a page's script state (a framework's page
# data: "publishedAt": 1598815384, "datePublished": "2020-08-30T19:23:04Z"), the value
# a Unix time stamp (10 or 13 digits) or a quoted string; case-insensitive.
SCRIPT_PUBLISHED_KEYS = ("datePublished", "date_published", "publishedAt", "published_at",
                         "publishedDate", "published_date", "publishDate", "publish_date",
                         "publishedTime", "published_time", "publishTime", "publish_time",
                         "pubDate", "pub_date", "firstPublished", "first_published",
                         "firstPublishedAt", "first_published_at")
SCRIPT_PUBLISHED_RE = re.compile(
    r"[\"']({})[\"']?\s*[:=]\s*(?:(?P<n>\d{{13}}|\d{{10}})(?:\.\d+)?(?![\d.])"
    r"|[\"'](?P<s>[^\"'\n]{{8,40}})[\"'])".format("|".join(SCRIPT_PUBLISHED_KEYS)),
    re.IGNORECASE)
# Scripts that may hold page data (inline, not JSON-LD, read separately), and how much
# of their text is searched: the page's own data comes early, a large bundle is code.
SCRIPT_STATE_XPATH = XPath("/descendant::script[not(@src)][not(contains(@type, 'ld+json'))]")
MAX_STATE_SCRIPTS = 40
MAX_STATE_CHARS = 500_000
# A machine date field written for people is short ("Wednesday, 5 March 2024, 10:02 CET");
# a longer value is a sentence, not a date.
MAX_WRITTEN_DATE_CHARS = 60
# "/2024/03/05/" or "/2024-03-05-" in a URL.
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:[/-]|$)")
# A dateline is short: a text whose element says more is a sentence of the story.
MAX_DATELINE_CHARS = 120
# Characters of dateline text read after the headline (byline, dates, reading time).
MAX_AFTER_HEADLINE_CHARS = 600
# A date class worn by this many elements dates a list of stories (archive, "more from
# the blog"), not the article: a dateline is one date, or a published / updated pair.
MIN_LISTED_DATES = 3
# How many date-classed elements are looked at.
MAX_DATE_ELEMENTS = 60
INLINE_TAGS = frozenset({"a", "span", "strong", "em", "b", "i", "u", "small", "abbr", "font",
                         "sup", "sub", "mark", "cite", "q"})
PARAGRAPH_TAGS = frozenset({"p", "li", "td", "dd", "blockquote", "figcaption"})
DIGIT_RE = re.compile(r"\d")  # any script's digits
NOT_DATELINE_TAGS = frozenset({"script", "style", "noscript", "option", "button", "svg"})


def _date_matches(text: str) -> Iterator[re.Match]:
    """:data:`VISIBLE_DATE_RE`'s matches in ``text``, left to right."""
    return VISIBLE_DATE_RE.finditer(text) if YEAR_RE.search(text) else iter(())


def _written_date(value: str) -> str | None:
    """A date written for people in a machine field (``<meta name="date"
    content="March 27, 2025">``, a JSON-LD "5 mars 2024"): read as the visible date it
    is, when the whole short value is that date and reads only one way (03/05/2024
    does not: the field carries no language)."""
    if len(value) > MAX_WRITTEN_DATE_CHARS:
        return None
    match = next(_date_matches(value.translate(DIGITS)), None)
    if not match:
        return None
    alt: list[str | None] = []
    date = _match_date(match, True, alt)
    return None if alt else date


def _jalali_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """Solar Hijri (Persian) date → Gregorian (day count from the calendars' epochs)."""
    jy -= 979
    days = 365 * jy + (jy // 33) * 8 + (jy % 33 + 3) // 4 + jd - 1
    days += (jm - 1) * 31 if jm <= 7 else 6 * 31 + (jm - 7) * 30
    gd = datetime(1600, 3, 20) + timedelta(days=days)  # 1 Farvardin 979 = 20 March 1600
    return gd.year, gd.month, gd.day


def parse_visible_date(text: str, month_first: bool = True) -> str | None:
    """The first calendar date written in ``text`` as ``YYYY-MM-DD``, in any of the
    project's languages ("March 5, 2024", "5 mars 2024", "05.03.2024",
    "٥ مارس ٢٠٢٤", "2024年3月5日", "۱۴ اسفند ۱۴۰۲"). Relative dates ("2 hours ago")
    are not dates. ``month_first`` reads 03/05/2024 as March 5 (US English)."""
    for match in _date_matches(text.translate(DIGITS)):
        date = _match_date(match, month_first)
        if date:
            return date
    return None


def _match_date(match: re.Match, month_first: bool, alt: list | None = None) -> str | None:
    """The date of one match; a numeric date that reads both ways adds the other
    reading to ``alt``."""
    g = match.groupdict()
    jalali = False
    if g["y1"] or g["y2"]:
        year = int(g["y1"] or g["y2"])
        name = (g["m1"] or g["m2"]).lower()
        day = int(g["d1"] or g["d2"])
        if name in JALALI_NUMBER and year < 1500 and name not in MONTH_NUMBER:
            jalali, month = True, JALALI_NUMBER[name]
        else:
            month = MONTH_NUMBER.get(name, 0)
    elif g["y3"]:
        year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
    elif g["y4"]:
        year, month, day = int(g["y4"]), int(g["m4"]), int(g["d4"])
    else:
        a, b, year = int(g["a5"]), int(g["b5"]), int(g["y5"])
        month_first = month_first and a <= 12 or b > 12
        month, day = (a, b) if month_first else (b, a)
        if a <= 12 and b <= 12 and a != b and alt is not None:
            alt.append(_match_date_parts(year, day, month))
    if jalali:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        year, month, day = _jalali_to_gregorian(year, month, day)
    return _match_date_parts(year, month, day)


def _match_date_parts(year: int, month: int, day: int) -> str | None:
    try:
        date = datetime(year, month, day)
    except ValueError:
        return None
    if not MIN_YEAR <= date.year or date > datetime.now() + timedelta(days=1):
        return None
    return date.date().isoformat()


def _texts_after(el: HtmlElement):
    """(text, element holding it) for each non-blank text after ``el``'s end, in
    document order (a tail belongs to the element it follows, as in lxml)."""
    node = el
    while node is not None:
        if node.tail and node.tail.strip():
            yield node.tail, node
        for sib in node.itersiblings():
            for sub in sib.iter():
                if isinstance(sub.tag, str) and sub.text and sub.text.strip():
                    yield sub.text, sub
                if sub is not sib and sub.tail and sub.tail.strip():
                    yield sub.tail, sub
            if sib.tail and sib.tail.strip():
                yield sib.tail, sib
        node = node.getparent()


def _texts_before(el: HtmlElement, limit: int) -> list[tuple[str, HtmlElement]]:
    """The last ``limit`` non-blank texts before ``el`` starts, in document order."""
    return list(islice(_texts_backwards(el), limit))[::-1]


def _texts_backwards(el: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """(text, element holding it) for each non-blank text before ``el`` starts, nearest
    first: each preceding sibling's texts (its tail, then its elements' tails and texts
    from its last element back), then the parent's own text, one level up at a time.
    Lazy, so only the few texts wanted are read, not the whole page above a headline."""
    node = el
    while node is not None:
        for sib in node.itersiblings(preceding=True):
            if sib.tail and sib.tail.strip():
                yield sib.tail, sib
            for sub in _reverse_preorder(sib):
                if sub is not sib and sub.tail and sub.tail.strip():
                    yield sub.tail, sub
                if isinstance(sub.tag, str) and sub.text and sub.text.strip():
                    yield sub.text, sub
        parent = node.getparent()
        if parent is not None and parent.text and parent.text.strip():
            yield parent.text, parent
        node = parent


def _reverse_preorder(root: HtmlElement) -> Iterator[HtmlElement]:
    """``root.iter()`` backwards (the last element first, ``root`` last), lazily."""
    stack = [(root, reversed(root))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield node
        else:
            stack.append((child, reversed(child)))


def _dateline_text(text: str, el: HtmlElement, around: Any = ()) -> str | None:
    """``text`` (held by ``el``) if it may be part of a dateline: in a short element,
    not in a script or a button, not in navigation or a sidebar."""
    if el is None or el.tag in NOT_DATELINE_TAGS or _longer_than(el, MAX_DATELINE_CHARS):
        return None
    if not DIGIT_RE.search(text):
        return text  # no date, maybe its label ("Updated", "Published on")
    if _in_site_header(el, around) or not _dateline_place(el):
        return None  # a clock, a related-stories list, a comment
    while el.tag in INLINE_TAGS and el.getparent() is not None:
        el = el.getparent()
    if el.tag in PARAGRAPH_TAGS and _longer_than(el, MAX_DATELINE_CHARS):
        return None  # a link or a bold date inside a paragraph of the story
    return text


def _longer_than(el: HtmlElement, limit: int) -> bool:
    """``len(el.text_content()) > limit``, reading only as far as the limit: the
    elements around a headline are often containers holding the whole article."""
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > limit:
            return True
    return False


def _dateline_place(el: HtmlElement) -> bool:
    """Not in nav, footer, comments or lists of other stories (an aside may hold the
    article's own facts box, dates included)."""
    return outside_chrome(el, DATELINE_EXCLUDED_CONTAINERS, DATELINE_CHROME_XPATH)


def _dates_in(texts: list[str], month_first: bool,
              machine: list[str | None] | None = None) -> list[tuple[str, bool, str | None]]:
    """(date, labelled "updated", other reading) for each date in the texts, in order;
    a label may be in the same text or the text just before. ``machine`` holds, per
    text, the day its ``<time datetime>`` says: when it says another day than the
    text, that is the date's other reading."""
    found = []
    before = ""
    for index, text in enumerate(texts):
        work = text.translate(DIGITS)
        for match in _date_matches(work):
            alt: list[str | None] = []
            date = _match_date(match, month_first, alt)
            if date:
                if not alt and machine and machine[index] and machine[index] != date:
                    alt.append(machine[index])
                lead = " ".join((before + " " + work[:match.start()]).split())[-MAX_LABEL_CHARS:]
                found.append((date, bool(UPDATED_LABEL_RE.search(lead.strip(" :|·•-—"))),
                              alt[0] if alt else None))
        before = work
    return found


def _in_headline(el: HtmlElement | None) -> bool:
    """``el`` is an <h1> or within ``MAX_HEADLINE_DEPTH`` levels of one (cheaper than
    an ancestor XPath, run on every dateline text)."""
    for _ in range(MAX_HEADLINE_DEPTH):
        if el is None:
            return False
        if el.tag == "h1":
            return True
        el = el.getparent()
    return False


def _machine_day(piece: str, holder: HtmlElement) -> str | None:
    """The day a ``<time datetime>`` gives for its own text ``piece`` (not its tail)."""
    if holder.tag != "time" or piece != holder.text:
        return None
    return (normalise_date(holder.get("datetime")) or "")[:10] or None


def visible_dates(tree: HtmlElement, headline: HtmlElement | None,
                  month_first: bool = True) -> list[tuple[str, bool, str | None]]:
    """Dates the reader sees in the article's header: the short lines just after (and
    just before) the headline, then elements classed date/time/meta/byline or
    ``<time>`` outside the site's chrome. Each as (``YYYY-MM-DD``, labelled updated,
    the other reading of a numeric date that reads both ways or None)."""
    found: list[tuple[str, bool, str | None]] = []
    if headline is not None:
        texts, machine, size = [], [], 0
        around = set(headline.iterancestors())
        for count, (piece, holder) in enumerate(_texts_after(headline)):
            if count >= MAX_AFTER_HEADLINE_TEXTS or (
                    holder.tag in HEADLINE_PATH_TAGS and _in_headline(holder)):
                break  # another story's headline: its dates are not this one's
            text = _dateline_text(piece, holder, around)
            if text is None:
                continue
            texts.append(text)
            machine.append(_machine_day(piece, holder))
            size += len(text)
            if size > MAX_AFTER_HEADLINE_CHARS:
                break
        before = [t for t in (_dateline_text(piece, holder, around)
                              for piece, holder in _texts_before(headline, MAX_BEFORE_HEADLINE_TEXTS))
                  if t is not None]  # document order: the nearest last
        found = _dates_in(texts, month_first, machine) + _dates_in(before[-MAX_BEFORE_HEADLINE:], month_first)
    if found:
        return found
    elements = DATE_CLASS_XPATH(tree)[:MAX_DATE_ELEMENTS]
    classes = Counter(el.get("class") for el in elements)
    for el in elements:
        text = el.text_content()
        if (len(text) > MAX_DATELINE_CHARS or not DIGIT_RE.search(text)
                or (el.get("class") and classes[el.get("class")] >= MIN_LISTED_DATES)
                or _in_site_header(el, ()) or not _dateline_place(el)):
            continue
        found += _dates_in([text], month_first)
        if found:
            break
    return found


def _is_site_banner(header: HtmlElement) -> bool:
    """The page's top banner: a header straight under <body>, or one holding the menu."""
    parent = header.getparent()
    return (parent is not None and parent.tag == "body") or header.find(".//nav") is not None


def _in_site_header(el: HtmlElement, around: Any) -> bool:
    """Inside the site's header (a clock or "today" widget lives there), not an
    article's: a header inside an article or main, or one around the headline
    (``around``: the headline's ancestors) and not the page banner, is the article's own."""
    in_header = False
    for anc in el.iterancestors():
        if anc.tag in ("article", "main"):
            return False
        if anc.tag == "header" or "header" in (anc.get("id") or "").lower():
            if anc in around and not _is_site_banner(anc):
                return False
            in_header = True
    return in_header


def element_date(elements: list[HtmlElement]) -> str | None:
    """The first date of elements that name a date (``itemprop="datePublished"``,
    ``<time datetime>``): their machine attribute (a time stamp too), else their text."""
    for el in elements:
        value = el.get("content") or el.get("datetime")
        date = field_date(value) if value else normalise_date(el.text_content())
        if date:
            return date
    return None


def choose_published(published: str | None, visible: list[tuple[str, bool, str | None]],
                      url: str | None,
                      stated: Callable[[], str | None] | None = None) -> str | None:
    """The publication date: the metadata's, unless the article header shows an earlier
    day and not the metadata's. A page cannot show a date before it was published, so
    then the metadata is wrong: a CMS migration or republication reset it, or its time
    stamp is in UTC, already the next day where it was written (wcxb-dev even pages:
    an earlier day shown is right 7 times in 10; a later one is an update or a date in
    the story, wrong 7 times in 10). One day earlier is the same moment in two time
    zones (when the time stamp is early enough in its UTC day), as good as the metadata's,
    unless the URL's own date agrees with it. More dates than a dateline holds are a table
    or dates in the story: they never override the metadata.
    An "Updated …" date and a numeric date that reads both ways (03/05/2024) only ever
    confirm the metadata; a page without date metadata takes the first clear date.
    A date the page states as the original publication ("Originally published on …",
    ``stated``, looked up only then) fills a page without date metadata and settles
    a header that disagrees with the metadata."""
    shown = visible[:MAX_SHOWN_DATES]
    if published and any(published[:10] in (d, alt) for d, updated, alt in shown if not updated):
        return published  # (shown as the "Updated" date, it is the modification's)
    clear = [(d, updated) for d, updated, alt in shown if alt is None]
    if not published:
        return (stated() if stated else None) or (clear[0][0] if clear else None)
    plain = [d for d, updated in clear if not updated]
    if len({d for d, _, _ in visible}) > MAX_SHOWN_DATES:
        return published  # a table or a list of dates in the story, not a dateline
    if not plain or plain[0] >= published[:10]:
        return published
    day_before = (datetime.fromisoformat(published[:10]) - timedelta(days=1)).date().isoformat()
    if plain[0] == day_before and _url_date(url) != plain[0] and _may_be_day_before(published):
        return published
    original = stated() if stated else None
    if original:
        return published if published[:10] == original else original
    return plain[0]


def _may_be_day_before(published: str) -> bool:
    """Whether the moment ``published`` can fall on the day before in another time zone
    (zones lag UTC by at most ``MAX_ZONE_LAG_HOURS``); a bare date may."""
    if len(published) <= len("YYYY-MM-DD"):
        return True
    moment = datetime.fromisoformat(published)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.hour < MAX_ZONE_LAG_HOURS


def _url_date(url: str | None) -> str | None:
    match = URL_DATE_RE.search(url or "")
    if not match:
        return None
    try:
        return datetime(*(int(g) for g in match.groups())).date().isoformat()
    except ValueError:
        return None


def stated_original_date(tree: HtmlElement, month_first: bool = True) -> str | None:
    """The date of an "Originally published on …" statement in the page (outside
    comments, related stories and the site's chrome), or None."""
    body = tree.find("body")
    page_text = tostring(tree if body is None else body, method="text", encoding="utf-8",
                         with_tail=False)
    if not any(phrase in page_text for phrase in ORIGINALLY_PUBLISHED_KEYS):
        return None  # (a byte search of the text is far cheaper than the XPath)
    for node in ORIGINALLY_PUBLISHED_XPATH(tree)[:MAX_ORIGINAL_STATEMENTS]:
        holder = node.getparent()  # a tail's: the element it follows, so go one up
        if holder is not None and node.is_tail:
            holder = holder.getparent()
        if holder is None or not _dateline_place(holder):
            continue
        text = holder.text_content()
        match = ORIGINALLY_PUBLISHED_RE.search(text)
        if match is None:
            continue
        window = text[match.end():match.end() + MAX_ORIGINAL_DATE_DISTANCE].translate(DIGITS)
        for found in _date_matches(window):
            if UPDATED_WORD_RE.search(window, 0, found.start()):
                break  # "Originally published in 2022. Last updated on <date>"
            date = _match_date(found, month_first)
            if date:
                return date
    return None


def script_published_date(tree: HtmlElement) -> str | None:
    """The publication time a page's script state gives under a key that names it
    (``"publishedAt": 1598815384``, ``"datePublished": "2020-08-30"``), for a page
    without date metadata. Several such keys naming different days list several
    stories (a feed, related articles): then none is the article's."""
    days: dict[str, str] = {}
    scanned = 0
    for script in SCRIPT_STATE_XPATH(tree)[:MAX_STATE_SCRIPTS]:
        text = (script.text or "")[:MAX_STATE_CHARS - scanned]
        scanned += len(text)
        for match in SCRIPT_PUBLISHED_RE.finditer(text):
            number, string = match.group("n"), match.group("s")
            date = epoch_date(number) if number else field_date(string)
            if date:
                days.setdefault(date[:10], date)
                if len(days) > 1:
                    return None
        if scanned >= MAX_STATE_CHARS:
            break
    return next(iter(days.values()), None)


def fallback_date(cleaned_tree: HtmlElement, url: str | None = None) -> str | None:
    """Publication date for a page without date metadata: htmldate on the cleaned tree.

    Only called after the DOM stage, so header clocks and sidebars are gone by then.
    """
    return normalise_date(find_date(cleaned_tree, original_date=True, url=url))
