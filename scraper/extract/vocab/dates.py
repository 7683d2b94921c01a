"""Words of dates, as data: month and weekday names, the labels of date lines and of
"Updated …" dates, "Originally published …" statements, the Solar Hijri months.

Multilingual lists are keyed by language; where a regex is built from a list, the
flattened order (:func:`scraper.extract.vocab.match.flatten`) is the order written here.
"""

from __future__ import annotations

# Lead-ins of date, update and reading-time lines ("Last updated on: …", "11 min read").
DATE_LABELS: dict[str, tuple[str, ...]] = {
    "ar": ("نشر في", "نشر بتاريخ", "تاريخ النشر", "آخر تحديث", "اخر تحديث", "تم التحديث",
           "تحديث", "مدة القراءة", "وقت القراءة"),
    "en": ("published", "published on", "updated", "updated on", "last updated",
           "last updated on", "posted", "posted on", "date", "modified", "last modified",
           "last reviewed", "reviewed", "originally published", "estimated reading time",
           "reading time", "read time", "published date"),
    "fr": ("publié le", "publié", "mis à jour le", "mis à jour", "modifié le",
           "temps de lecture", "date"),
    "de": ("veröffentlicht am", "veröffentlicht", "aktualisiert am", "aktualisiert",
           "zuletzt aktualisiert", "lesezeit", "datum", "stand", "letzte änderung",
           "zuletzt geändert"),
    "es": ("publicado el", "publicado", "actualizado el", "actualizado",
           "tiempo de lectura", "fecha"),
    "it": ("pubblicato il", "pubblicato", "aggiornato il", "aggiornato", "tempo di lettura",
           "data"),
    "pt": ("publicado em", "publicado", "atualizado em", "atualizado", "tempo de leitura",
           "data"),
    "ru": ("опубликовано", "обновлено", "дата публикации", "время чтения", "дата"),
    "tr": ("yayınlanma", "yayınlanma tarihi", "güncellenme", "güncelleme", "okuma süresi",
           "tarih"),
    "fa": ("تاریخ انتشار", "منتشر شده", "به روزرسانی", "به‌روزرسانی", "زمان مطالعه", "تاریخ"),
    "ur": ("شائع", "شائع شدہ", "اپ ڈیٹ", "تاریخ"),
    "zh": ("发布时间", "發布時間", "发布于", "更新时间", "更新時間", "更新于", "阅读时间",
           "日期", "时间", "時間"),
}

# Words a date, time or duration line is made of besides digits: months, weekdays,
# connectors, clock and duration words ("sexta-feira, 22 de outubro de 2010 às 20:13",
# "5:45 AM PST 11/19/2019", "11 min read").
DATE_WORDS: dict[str, tuple[str, ...]] = {
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس",
           "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار",
           "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "الأول", "الثاني",
           "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
           "ص", "م", "صباحا", "مساء", "في", "الساعة", "دقيقة", "دقائق", "قراءة", "منذ", "ساعة",
           "ساعات", "يوم", "أيام"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday",
           "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu",
           "thur", "thurs", "fri", "sat", "sun", "st", "nd", "rd", "th", "at", "on", "of",
           "the", "am", "pm", "a", "m", "p", "utc", "gmt", "est", "edt", "cst", "cdt", "mst",
           "mdt", "pst", "pdt", "bst", "cet", "cest", "ist", "et", "pt", "min", "mins",
           "minute", "minutes", "read", "reading", "hour", "hours", "ago", "day", "days"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi",
           "jeudi", "vendredi", "samedi", "dimanche", "le", "à", "h", "er", "de", "lecture",
           "il", "y", "heures", "jours"),
    "de": ("januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "dezember", "montag", "dienstag", "mittwoch",
           "donnerstag", "freitag", "samstag", "sonntag", "am", "um", "uhr", "minuten",
           "lesezeit", "vor", "stunden", "tagen"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes",
           "miércoles", "jueves", "viernes", "sábado", "domingo", "de", "del", "a", "las",
           "la", "minutos", "lectura", "hace", "horas", "días"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre", "lunedì", "martedì", "mercoledì",
           "giovedì", "venerdì", "sabato", "domenica", "alle", "ore", "minuti", "lettura",
           "di", "fa"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro", "segunda", "terça", "quarta",
           "quinta", "sexta", "feira", "sábado", "domingo", "de", "às", "as", "minutos",
           "minuto", "leitura", "há", "horas", "dias"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря", "январь", "февраль", "март", "апрель",
           "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
           "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
           "в", "г", "года", "мин", "минут", "минуты", "чтения", "назад", "часа", "часов"),
    "tr": ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
           "ekim", "kasım", "aralık", "pazartesi", "salı", "çarşamba", "perşembe", "cuma",
           "cumartesi", "pazar", "dakika", "dk", "okuma", "önce", "saat", "gün"),
    "fa": ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر",
           "اکتبر", "نوامبر", "دسامبر", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد",
           "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند", "شنبه", "یکشنبه", "دوشنبه",
           "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "ساعت", "دقیقه", "مطالعه", "پیش"),
    "ur": ("جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر",
           "اکتوبر", "نومبر", "دسمبر", "پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ", "اتوار",
           "منٹ", "بجے", "پہلے"),
    "zh": ("年", "月", "日", "时", "時", "分", "分钟", "分鐘", "上午", "下午", "星期", "周",
           "阅读"),
}


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
# Day names by language (with the abbreviations sites print before a date: "Sat, 20 Dec").
WEEKDAY_NAMES: dict[str, tuple[str, ...]] = {
    "en": tuple("monday mon tuesday tue tues wednesday wed thursday thu thurs friday fri "
                "saturday sat sunday sun".split()),
    "fr": tuple("lundi mardi mercredi jeudi vendredi samedi dimanche".split()),
    "de": tuple("montag dienstag mittwoch donnerstag freitag samstag sonntag".split()),
    "es": tuple("lunes martes miércoles jueves viernes sábado domingo".split()),
    "it": tuple("lunedì martedì mercoledì giovedì venerdì sabato domenica".split()),
    "pt": tuple("segunda-feira terça-feira quarta-feira quinta-feira sexta-feira".split()),
    "ru": tuple("понедельник вторник среда четверг пятница суббота воскресенье".split()),
    "tr": tuple("pazartesi salı çarşamba perşembe cuma cumartesi pazar".split()),
    "ar": tuple("الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split()),
    "fa": tuple("دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه شنبه یکشنبه".split()),
    "ur": tuple("پیر منگل بدھ جمعرات ہفتہ اتوار".split()),
    "zh": tuple("星期一 星期二 星期三 星期四 星期五 星期六 星期日 周一 周二 周三 周四 周五 周六 周日".split()),
}
# "Updated …" labels: such a date is the modification date, not the publication date.
# Regex fragments (``\w*``, ``[\s\u200c]?``), joined in this order into one alternation.
UPDATED_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("updated", "modified", "revised", "reviewed"),
    "fr": ("mis à jour", "modifié"),
    "de": ("aktualisiert", "geändert"),
    "es": ("actualizado", "modificado"),
    "it": ("aggiornato",),
    "pt": ("atualizado", "modificado"),
    "ru": ("обновлено", "изменено"),
    "tr": (r"güncellen\w*", "güncelleme"),
    "ar": ("تحديث", "تعديل"),
    "fa": (r"به[\s\u200c]?روز", "بروزرسانی"),
    "ur": ("اپ ڈیٹ",),
    "zh": ("更新", "修改"),
}
# Words between such a label and its date ("Updated on", "mis à jour le", "aktualisiert
# am", "actualizado el", "aggiornato il", "atualizado em", "تم التحديث في", "更新于").
UPDATED_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "en": ("on", "at"),
    "fr": ("le",),
    "de": ("am",),
    "es": ("el",),
    "it": ("il",),
    "pt": ("em",),
    "ar": ("في",),
    "zh": ("于", "於"),
}
# "Originally published …" (see ``fields.visible_dates``): lower case; matched without
# the first letter so "Originally" matches too. "First published" is left out: it also
# dates a preprint or an earlier version of the piece.
ORIGINALLY_PUBLISHED_PHRASES: dict[str, tuple[str, ...]] = {
    "en": ("originally published", "originally posted"),
    "fr": ("initialement publié", "publié initialement", "publié à l'origine"),
    "de": ("ursprünglich veröffentlicht", "ursprünglich erschienen", "erstmals erschienen"),
    "es": ("publicado originalmente", "originalmente publicado"),
    "pt": ("publicado originalmente", "originalmente publicado"),
    "it": ("pubblicato originariamente", "originariamente pubblicato", "pubblicato originalmente"),
    "ru": ("первоначально опубликован", "впервые опубликован"),
    "tr": ("ilk olarak yayınlan", "ilk yayınlanma tarihi"),
    "ar": ("نشر في الأصل", "نُشر في الأصل", "نشر لأول مرة", "نُشر لأول مرة"),
    "fa": ("نخستین بار منتشر", "اولین بار منتشر"),
    "ur": ("اصل میں شائع", "پہلی بار شائع"),
    "zh": ("首发于", "原载于", "最初发表于"),
}
# Words of a clock time alone (a line with one number and only these is not a date line),
# already in their normalised form.
CLOCK_WORDS: tuple[str, ...] = tuple(
    "am pm a m p h at à um uhr às alle ore в ص م الساعة ساعت بجے 上午 下午 时 時 分".split()
)
