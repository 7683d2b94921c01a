"""Words of credits, as data: what introduces, joins and surrounds the names of the
people who wrote an article, and the words that tell a name from a role, a team or a
sentence.

Multilingual lists are keyed by language. Where a regex is built from a list, the
flattened order (:func:`scraper.extract.vocab.match.flatten`: languages in the order
written here, a word listed for a second language kept at its first place) is the
order the original single list had.
"""

from __future__ import annotations

# Words that introduce the credited people at the edges of a text. A byline line
# is ``[prefix] MARKER [:–-] NAME [, NAME …]``; see ``fields.bylines`` for the grammar.
BYLINE_MARKERS: dict[str, tuple[str, ...]] = {
    "ar": ("كتب", "كتبت", "بقلم", "ترجمة", "إعداد", "اعداد", "تقرير", "متابعة", "تحرير",
           "حوار", "إعداد وترجمة", "كتبه", "بواسطة", "المحرر", "الكاتب"),
    "en": ("by", "written by", "reporting by", "reported by", "story by", "words by",
           "text by", "edited by", "editing by", "translated by", "additional reporting by",
           "author", "authors", "posted by", "compiled by"),
    "fr": ("par", "écrit par", "auteur", "propos recueillis par", "traduit par"),
    "de": ("von", "autor", "autorin", "geschrieben von", "text"),
    "es": ("por", "escrito por", "autor", "autora", "redacción"),
    "it": ("di", "scritto da", "autore", "a cura di"),
    "pt": ("por", "escrito por", "autor", "autora", "redação"),
    "ru": ("автор", "текст", "автор текста", "корреспондент"),
    "tr": ("yazar", "haber", "yazan", "muhabir"),
    "fa": ("نویسنده", "ترجمه", "گزارش", "به قلم", "خبرنگار"),
    "ur": ("تحریر", "رپورٹ", "مصنف", "از"),
    "zh": ("作者", "记者", "記者", "编辑", "編輯", "文", "撰文", "责任编辑", "責任編輯"),
}

# Words that may precede a byline marker: "خاص : ترجمة – …" ("Exclusive: translated by").
BYLINE_PREFIXES: dict[str, tuple[str, ...]] = {
    "ar": ("خاص", "متابعات", "وكالات", "القاهرة", "بغداد", "حصري"),
    "en": ("exclusive", "analysis", "opinion"),
    "fr": ("exclusif",),
    "es": ("exclusiva",),
}


# Credits of editors: the line is a byline (BYLINE_MARKERS), but the names are not authors.
EDITOR_MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("edited by", "editing by", "editor"),
    "ar": ("المحرر", "تحرير"),
    "zh": ("编辑", "編輯", "责任编辑", "責任編輯"),
}

# Labels before names in a page's byline element ("By", "Written by:", "Author:",
# "بقلم", "كتب", "Par", "Von", "Por", "Autor:", "Автор:", "Yazar:").
BYLINE_LABELS: dict[str, tuple[str, ...]] = {
    "en": ("written by", "posted by", "published by", "words by", "text by", "story by",
           "reported by", "reporting by", "article by", "compiled by", "by", "author", "authors",
           "authored by", "bylined by", "contributor", "contributors", "writer"),
    "ar": ("بقلم", "كتب", "كتبت", "كتبه", "بواسطة", "الكاتب", "تأليف", "إعداد"),
    "fr": ("écrit par", "par", "auteur", "auteurs"),
    "de": ("geschrieben von", "von", "autor", "autorin"),
    "es": ("escrito por", "por", "autor", "autora"),
    "it": ("scritto da", "di", "autore", "da"),
    "pt": ("escrito por", "por", "autor", "autora"),
    "ru": ("автор", "авторы"),
    "tr": ("yazar", "yazan"),
    "fa": ("نویسنده", "به قلم"),
    "ur": ("مصنف",),
    "zh": ("作者", "撰文"),
}
# A byline said as a short sentence: a few words, then a label that only ever
# introduces a writer ("This post was written by Jane Doe", "Article written by:",
# "Cet article a été écrit par", "هذا المقال بقلم"). Bare prepositions ("by", "par",
# "von") end too many phrases to be used so.
LEAD_IN_LABELS: dict[str, tuple[str, ...]] = {
    "en": ("written by", "authored by", "posted by", "reported by", "words by", "text by"),
    "ar": ("بقلم", "كتبه", "إعداد"),
    "fr": ("écrit par", "rédigé par"),
    "de": ("geschrieben von", "verfasst von"),
    "es": ("escrito por", "redactado por"),
    "it": ("scritto da", "a cura di"),
    "pt": ("escrito por", "redigido por"),
    "ru": ("автор", "написал", "написала"),
    "tr": ("kaleme alan", "yazan"),
    "fa": ("به قلم", "نوشته شده توسط", "نویسنده"),
    "ur": ("تحریر", "مصنف"),
    "zh": ("作者", "撰文"),
}

# A byline that opens with the post's date: "Posted on September 21, 2020 by Jane
# Doe", "Veröffentlicht am 3. Mai 2021 von …", "Publié le 3 mai 2021 par …" (the
# verb, then a date, then the language's "by"); the names follow the last word.
# Without this the date cut the line and the verb was the author ("Posted"): 3 records
# of the four development sets (traf-dev authors 0.7165 -> 0.7205), no other changed.
DATED_LEAD_INS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("posted", "published"), ("by",)),
    "de": (("veröffentlicht", "gepostet", "geschrieben"), ("von",)),
    "fr": (("publié", "posté", "écrit"), ("par",)),
    "es": (("publicado", "escrito"), ("por",)),
    "it": (("pubblicato", "scritto"), ("da", "di")),
    "pt": (("publicado", "postado", "escrito"), ("por",)),
}

# Words of job titles and teams: a credit part holding one is a role, not a name
# ("Staff Writer", "Head of Marketing", "FullStack Editorial Team").
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "en": tuple("writer writers editor editors editorial reporter reporters correspondent "
                "contributor contributors staff columnist journalist expert specialist director "
                "manager founder cofounder co-founder ceo cto cfo coo president chief head lead "
                "officer analyst strategist consultant coordinator representative dietitian "
                "nutritionist team marketing content senior junior associate intern producer "
                "desk newsroom".split()),
    "ar": tuple("محرر مراسل كاتب صحفي".split()),
    "fr": tuple("rédacteur rédactrice journaliste".split()),
    "de": tuple("redakteur redakteurin".split()),
    "es": tuple("redactor redactora periodista".split()),
    "it": tuple("giornalista redattore".split()),
    "pt": ("jornalista",),
    "ru": tuple("корреспондент журналист редактор".split()),
    "tr": tuple("muhabir editörü".split()),
}
# Words of organisation names: a credit made only of such a name is not a person.
ORGANISATION_WORDS: tuple[str, ...] = tuple(
    "team staff editors editorial desk newsroom news media inc inc. llc ltd ltd. gmbh "
    "group company corp corporation magazine blog press agency network online "
    "services university institute association foundation council department".split()
)
# A team credited in a byline ("By the Workzone Team", "Podium Staff", "TOI Lifestyle
# Desk"): its word first or last.
TEAM_WORDS: tuple[str, ...] = ("team", "staff", "desk", "editors", "newsroom")
# Words of sentences, not of people's names (in the page's bylines and the body's).
SENTENCE_WORDS: dict[str, tuple[str, ...]] = {
    "en": tuple("the a an of in on to is was were has have for with from this that said says "
                "at as".split()),
    "ar": tuple("في من إلى الى على عن أن ان التي الذي هذا هذه كان قال ما لا مع بعد قبل".split()),
    "fr": tuple("le la les des du est une pour dans que qui sur".split()),
    "de": tuple("der die das und ist nicht mit ein eine auf".split()),
    "es": tuple("el los las que en del por con una para es se".split()),
    "it": tuple("il che per non sono".split()),
    "ru": tuple("в на и что не с по".split()),
}
# … and words of page chrome that sit where a byline would.
CHROME_NAME_WORDS: tuple[str, ...] = tuple(
    "our your my we you it its all more about home menu search login share follow by i "
    "updated posted published sign up subscribe articles posts review reviews spotlight galleries email rss "
    "bluesky twitter facebook linkedin instagram youtube tiktok threads mastodon".split()
)
# Words of SENTENCE_WORDS that are also people's surnames ("Mahua Das", "Li Du",
# "Tam Le", "Guillermo Del Toro"): capitalised after a name's first word, they do not
# make it a sentence. First, they still do: "Le Figaro", "Der Spiegel", "Das Erste"
# name newspapers and channels. (Scripts without case, Arabic and Persian among
# them, cannot tell a name so.)
NAME_TOO_WORDS: tuple[str, ...] = tuple("das der del des di du la le".split())
# Lower-case words inside names, in any of the crawled languages ("de", "van", "bin").
NAME_PARTICLES: tuple[str, ...] = tuple(
    "de da di del della van von der den du la le al el bin ibn ben y e st".split())
