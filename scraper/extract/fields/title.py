"""The record's title: the headline the page agrees on, without the site name around it.

The metadata titles (JSON-LD headline, og:title, ``<title>`` …) and the page's
headings (``<h1>``, itemprop="headline") are read from the uncleaned tree
(:func:`page_title`); :func:`choose_title` picks between them, and :func:`similar`
tells the post-clean stage which first lines repeat the title."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import islice
from urllib.parse import unquote, urlsplit

from lxml.html import HtmlElement

from scraper.extract.sources.markup import clean, host_key, meta_value
from scraper.extract.sources.page_sources import PageSources
from scraper.extract.tree import name_parts
from scraper.extract.vocab.match import phrase_key

# Inside a heading, these carry no headline words.
HEADING_SKIP_TAGS = frozenset({"time", "script", "style", "noscript", "button", "svg", "sup"})
# " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ", " / " between title parts.
TITLE_SEPARATOR_RE = re.compile(r"(\s+[|\-–—·•»«/]\s+|\s*::\s*|\s+:\s+)")
# A heading is the headline when its words overlap a metadata title's by at least this
# (Dice coefficient). Swept on wcxb-dev even pages, extract_metadata alone, with this
# module's site-part rules:
# >= 0.34 … 0.40 give 0.921, 0.30 / 0.20 0.919, 0.45 0.910, > 0.4 0.919; the odd half
# agrees (0.868 at 0.34 … 0.38, 0.862 at 0.40). A one-word heading sharing its word
# with a title scores 2/(1+4) = 0.4, so one-word title parts ("… | Blog") are ruled out
# first (:func:`_title_labels`); ruling out every one-word heading loses headwords
# ("restaurant" on a dictionary page).
HEADLINE_AGREEMENT = 0.35
MAX_TITLE_CHARS = 300
# A title part naming the site from its host ("… | Shopify App Store" on
# apps.shopify.com, "… | Rust Blog" on blog.rust-lang.org) has at most this many words:
# longer parts are headline text that happens to share a word with the host. wcxb-dev:
# all such site parts have 1-3 words; 4 leaves a margin (even +0.009, odd +0.006).
MAX_HOST_PART_WORDS = 4
# Shortest host label (or part) compared by prefix ("johnsons" ~ "johnsonsbaby"):
# shorter labels ("uk", "go", "abc") start too many ordinary words.
MIN_HOST_PREFIX_CHARS = 4
# Separators after which a short trailing part is never headline (see _is_trailing_label).
PIPE_SEPARATORS = frozenset({"|"})
# After a spaced dash, a part of at most this many words is a label, not headline
# ("… - Infographic", "… — Strength Training", "… - Part 1"): a clause after a dash
# takes more words ("… – tips and tricks", kept). wcxb-dev: 1 word even +1 / odd 0,
# 2 words even +2 / odd +2, 3 words loses two 3-word subtitles (even +1 / odd +1).
DASH_SEPARATORS = frozenset({"-", "–", "—"})
MAX_DASH_LABEL_WORDS = 2
# … and only after a headline of at least this many words: beside a short head
# ("Big storm hits coast - Weather") either part may be the headline, or the tail
# the site's short name ("Top 5 HR software - Diana"). 4 would also fix "Gym
# Workouts for Beginners — Strength Training" (odd +1) but strip those two examples.
MIN_DASH_HEAD_WORDS = 5
# A part ending so is said, not labelled ("… – My Favorites!").
SPOKEN_ENDINGS = ("!", "?", "؟", "！", "？")
HOST_LABEL_SPLIT_RE = re.compile(r"[.\-]")
# Between the words of a URL path segment ("patient-education", "local_news.html").
PATH_WORD_SPLIT_RE = re.compile(r"[-_.+]+")
# The part WordPress's long-time default theme puts between the site's name and the
# post's ("Site » Blog Archive » Headline"), in the theme's translations: older blogs
# still carry it. traf-dev: 1 page.
ARCHIVE_PART_KEYS = frozenset(phrase_key(p) for p in (
    "blog archive", "blog-archiv", "archives du blog", "archivo del blog", "archivio blog",
    "arquivo do blog"))
# Inside a heading, at most this many elements are tried as its kicker or label.
MAX_HEADING_PARTS = 8
# Parts of a heading that say what they are, by itemprop or by a class or id part:
# the headline proper, or the kicker set above it (a topic line, German "Dachzeile").
# A heading holding one of them is read without its kicker (see headline_part):
# traf-dev 7 titles more right (0.8413 -> 0.8589); no title of aeb or wcxb-dev changed.
HEADLINE_PART_NAMES = frozenset({"headline"})
KICKER_PART_NAMES = frozenset({"kicker", "dachzeile", "overline", "topline", "roofline", "eyebrow",
                               "subheadline", "h1small"})
# The part named as the headline holds at least this share of the heading's text; a
# shorter one is its kicker under another name ("<span class=headline>Frain</span>
# Incendie dans une maison …").
MIN_HEADLINE_PART_SHARE = 0.5
# Left at an edge of the heading once its kicker is out ("Kicker<span>: </span>Headline").
EDGE_SEPARATORS = ":|–—-·•» "
# Quotes that end an attribute when left unescaped in it (see uncut_title).
CUT_QUOTES = ('"',)
# A title cut short by a length limit ends with an ellipsis or leaves a bracket open.
ELLIPSIS_ENDINGS = ("…", "...")
OPEN_CLOSE_BRACKETS = (("(", ")"), ("[", "]"))
# A metadata title adding at most this many numbers to the heading adds the list's
# count or the year (:func:`fuller_form`); a date ("… 25.11.2025") adds three.
MAX_ADDED_NUMBERS = 1
# A character reference left escaped in a metadata title ("And finally&#8230; …").
ESCAPED_ENTITY_RE = re.compile(r"&#?\w+;")
# Two texts at least this similar (difflib ratio on normalised text) are one title.
TITLE_SIMILARITY = 0.9
# Meta keys of the title, in order of trust.
TITLE_META = ("og:title", "twitter:title", "dc.title", "headline", "parsely-title")
# Headline candidates sit outside these.
HEADING_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
# Looked at in at most this many headings.
MAX_HEADINGS = 12


def element_text(el: HtmlElement | None) -> str | None:
    return None if el is None else clean(el.text_content())


def _host_labels(url: str | None) -> frozenset[str]:
    """Every word of ``url``'s host name ("blog.rust-lang.org" → blog, rust, lang, org)."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    return frozenset(HOST_LABEL_SPLIT_RE.split(host)) - {""}


def _path_sections(url: str | None) -> frozenset[str]:
    """Keys of the short folder names in ``url``'s path ("/story/opinion/…/slug" →
    story, opinion): a title part equal to one ("… | Opinion") is the section's label,
    not headline. The last segment is the article's own slug, so it never counts."""
    if not url:
        return frozenset()
    segments = [unquote(s) for s in urlsplit(url).path.split("/") if s][:-1]
    keys = set()
    for segment in segments:
        words = [w for w in PATH_WORD_SPLIT_RE.split(segment.lower()) if w]
        if 0 < len(words) <= MAX_HOST_PART_WORDS and not segment.isdigit():
            keys.add(" ".join(words))
    return frozenset(keys)


def _strip_domain(title: str, url: str | None) -> str:
    """``title`` without the site's domain written before or after it with no
    separator ("davidbau.com Vibe Coding"): a domain name is never headline wording."""
    if not url:
        return title
    domain = host_key(url)
    lower = title.lower()
    for name in (f"www.{domain}", domain):
        if lower.startswith(name + " "):
            return title[len(name):].strip() or title
        if lower.endswith(" " + name):
            return title[:-len(name)].strip() or title
    return title


def _is_trailing_label(parts: list[str]) -> bool:
    """The title's last part (``parts`` alternates text and separators) is a short
    label after a pipe or a dash: headlines are not written with "|", so what follows
    one is the site's, a section's or an SEO tagline ("… | Top 19 Companies"); after a
    dash following a full headline, a word or two name the format or the series
    ("… - Infographic", "… - Part 1").
    A long part (a second clause) may be headline; so may a part longer than what
    precedes it ("Daily Planet | Storm closes schools", the site name unknown), an
    exclamation or question, and a part opening with a digit (a score: "Arsenal 2 - 1
    Chelsea")."""
    last = parts[-1].strip()
    words = len(last.split())
    head_words = len("".join(parts[:-2]).split())
    if not last or head_words <= words:
        return False
    separator = parts[-2].strip()
    if separator in PIPE_SEPARATORS:
        return words <= MAX_HOST_PART_WORDS
    return (separator in DASH_SEPARATORS and words <= MAX_DASH_LABEL_WORDS
            and head_words >= MIN_DASH_HEAD_WORDS and last[0].isalpha() and not last.endswith(SPOKEN_ENDINGS))


def strip_site_name(title: str, site_names: list[str] | set[str], url: str | None = None) -> str:
    """``title`` without a leading or trailing site-name part ("Headline | Site").

    A part is the site's when it is a known site name, or, short, when it names the
    host: its words are all words of the host name ("Newegg.com", "Rust Blog" on
    blog.rust-lang.org) or it and the host's main label start one another ("Shopify
    App Store" on apps.shopify.com, "Johnson's®" on johnsonsbaby.com), or the host
    ends with it ("DianaHR" on getdianahr.com: get-, try-, my- brand hosts); or, at
    the end, it is a section label named by a folder of the URL (:func:`_path_sections`).
    """
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 3:
        return _strip_domain(title, url)
    keys = {phrase_key(n) for n in site_names if n}
    keys |= {k.replace(" ", "") for k in keys}
    keys.discard("")
    host = host_key(url).split(".")[0] if url else ""
    labels = _host_labels(url)
    sections = _path_sections(url)

    def is_site(part: str, last: bool = False) -> bool:
        key = phrase_key(part)
        compact = key.replace(" ", "")
        if not key:
            return False
        if key in keys or compact in keys or (host and compact == host) or key in ARCHIVE_PART_KEYS:
            return True
        if last and key in sections:
            # a section label follows the headline; a folder name before it is the
            # series the publisher shows with it ("Wedding Planning Tools – Caterer …")
            return True
        words = key.split()
        # words as written: "Children's" is one word, though its key has two
        if not host or len(part.split()) > MAX_HOST_PART_WORDS:
            return False
        return (all(w in labels for w in words)
                or (len(host) >= MIN_HOST_PREFIX_CHARS and compact.startswith(host))
                or (len(compact) >= MIN_HOST_PREFIX_CHARS
                    and (host.startswith(compact) or host.endswith(compact))))

    # parts alternates text, separator, text, …
    while len(parts) >= 3 and is_site(parts[-1], last=True):
        parts = parts[:-2]
    while len(parts) >= 3 and is_site(parts[0]):
        parts = parts[2:]
    while len(parts) >= 3 and _is_trailing_label(parts):
        parts = parts[:-2]
    return "".join(parts).strip()


def _title_remainders(titles: list[str]) -> set[str]:
    """Keys of what one title adds around another ("Blog Name: Headline" next to
    "Headline" → "blog name"): the site's name, written in no metadata field."""
    keys = [k for k in {phrase_key(t) for t in titles} if k]
    found = set()
    for short in keys:
        for long in keys:
            if len(long) > len(short):
                if long.startswith(short + " "):
                    found.add(long[len(short):].strip())
                elif long.endswith(" " + short):
                    found.add(long[:-len(short)].strip())
    return found


def _is_cut(title: str) -> bool:
    """An ellipsis at the end or a bracket left open: the CMS cut the title to fit a
    length limit (JSON-LD headlines are often cut at 110 characters)."""
    return title.endswith(ELLIPSIS_ENDINGS) or any(
        title.count(o) > title.count(c) for o, c in OPEN_CLOSE_BRACKETS)


def _drop_cut_titles(titles: list[str]) -> list[str]:
    """``titles`` without the ones cut short when another title gives them in full."""
    keys = [phrase_key(t) for t in titles]
    return [t for t, k in zip(titles, keys) if not (
        _is_cut(t) and k and any(o != k and o.startswith(k) for o in keys))]


def _title_labels(titles: list[str]) -> set[str]:
    """Keys of the one-word parts of titles beside a part of several words ("Packing
    tips | Blog" → "blog"): a heading saying only that is the section's label, not the
    headline. Beside only one-word parts (Chinese writes no spaces: "标题 | 新华网")
    nothing tells the label from the headline."""
    labels = set()
    for title in titles:
        keys = [phrase_key(p) for p in TITLE_SEPARATOR_RE.split(title)[::2]]
        if any(len(k.split()) > 1 for k in keys):
            labels.update(k for k in keys if len(k.split()) == 1)
    return labels


def similar(a: str, b: str) -> bool:
    """Near-equal once normalised (case, punctuation, Arabic marks, small edits)."""
    ka, kb = phrase_key(a), phrase_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if abs(len(ka) - len(kb)) > (1 - TITLE_SIMILARITY) * max(len(ka), len(kb)):
        return False
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= TITLE_SIMILARITY


def heading_text(el: HtmlElement, without: HtmlElement | None = None) -> str | None:
    """A heading's text: line breaks become spaces; dates and icons inside it are
    skipped, and so is ``without`` (its kicker)."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        skip = (tag in HEADING_SKIP_TAGS or "date" in (node.get("class") or "").lower()
                or node is without)
        if not skip:
            if tag == "br":
                parts.append(" ")
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    return clean("".join(parts))


def headline_part(el: HtmlElement, text: str) -> str | None:
    """The headline in heading ``el`` (whose text is ``text``) without its kicker, when
    the markup names them: ``<h1><span class="dachzeile">Interne Unterlagen im
    Netz</span> <span class="headline">Daten von Rheinmetall gehackt</span></h1>``.
    The page's title tags often carry the kicker too, so they cannot tell it. None
    when the heading names neither, or names several."""
    parts = [p for p in islice(el.iterdescendants(), MAX_HEADING_PARTS) if isinstance(p.tag, str)]
    marked = [p for p in parts
              if p.get("itemprop") == "headline" or not HEADLINE_PART_NAMES.isdisjoint(name_parts(p))]
    kickers = [p for p in parts if not KICKER_PART_NAMES.isdisjoint(name_parts(p))]
    whole = phrase_key(text)
    if len(marked) == 1 and marked[0] not in kickers:
        own = (heading_text(marked[0]) or "").strip(EDGE_SEPARATORS)
        if len(phrase_key(own)) < MIN_HEADLINE_PART_SHARE * len(whole):
            return None
    elif len(kickers) == 1:
        own = (heading_text(el, without=kickers[0]) or "").strip(EDGE_SEPARATORS)
    else:
        return None
    key = phrase_key(own)
    return own if key and key != whole and key in whole else None


def title_in_heading(el: HtmlElement, text: str, titles: list[str]) -> str:
    """``text`` (the heading's), or the metadata title it holds when the rest of the
    heading sits in elements of its own: a kicker ("<div>Get that tech stack</div>
    <span>Klatch Coffee</span>"), a label ("<strong>Blog:</strong> …"), a source or a
    comment count after the linked headline. Words in the same text as the title
    (a subtitle after a colon) stay: that is the headline as written."""
    own = headline_part(el, text)
    if own:
        return own
    keys = {k: t for t in titles if (k := phrase_key(t))}
    whole = phrase_key(text)
    if not whole or whole in keys:
        return text
    for part in islice(el.iterdescendants(), MAX_HEADING_PARTS):
        if not isinstance(part.tag, str):
            continue
        key = phrase_key(part.text_content())
        if not key or key == whole:
            continue
        if key in keys:
            return keys[key]
        rest = (whole[len(key) + 1:] if whole.startswith(key + " ")
                else whole[:-len(key) - 1] if whole.endswith(" " + key) else "")
        if rest in keys:
            return keys[rest]
    return text


def _word_set(text: str) -> set[str]:
    return set(phrase_key(text).split())


def _agreement(a: str, b: str) -> float:
    """Dice overlap of the two texts' words (0 … 1)."""
    wa, wb = _word_set(a), _word_set(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def _in_capitals(text: str) -> bool:
    """Written in capitals throughout (scripts without case never are)."""
    return any(c.isupper() for c in text) and not any(c.islower() for c in text)


def _adds_only_numbers(short: str, long: str) -> bool:
    """``long`` is ``short`` with a number added around or inside it ("8 Recent
    Trends in Photography", "… Platforms 2025")."""
    ks, kl = phrase_key(short).split(), phrase_key(long).split()
    if not ks or not len(ks) < len(kl) <= len(ks) + MAX_ADDED_NUMBERS:
        return False
    return ([w for w in kl if not w.isdigit()] == [w for w in ks if not w.isdigit()]
            and all(kl.count(w) >= ks.count(w) for w in ks if w.isdigit()))


def fuller_form(heading: str, title: str) -> bool:
    """``title`` is the chosen heading as the writer gave it, where the design altered
    it: set in capitals (the title has the writer's case, and a theme's hand-typed
    capitals drift from it: "BEST … MAKER IN 2026" for "Best … Maker 2026"), or with the
    list's count or the year left out ("Recent Trends …" for "8 Recent Trends …"),
    a fact of the headline the heading's design drops. A title still holding an
    escaped character ("&#8230;") is worse than the heading, and its code no number."""
    if ESCAPED_ENTITY_RE.search(title):
        return False
    if _in_capitals(heading) and not _in_capitals(title):
        return similar(heading, title)
    return _adds_only_numbers(heading, title)


def choose_title(candidates: list[str | None], headings: list[str], site_names: list[str],
                  url: str | None) -> str | None:
    """The visible headline when the page's title metadata confirms it, else the first
    title from metadata without its site-name part.

    The headline (``<h1>``) is what readers see; og:title and ``<title>`` are often
    an SEO variant of it ("… (2025)" for "… in 2025"). A page may have several h1s
    (logo, section label, headline): the one sharing most words with the metadata
    titles wins, if it shares enough (:data:`HEADLINE_AGREEMENT`).
    """
    stripped = _drop_cut_titles([strip_site_name(c, site_names, url) for c in candidates if c])
    site_keys = {phrase_key(n) for n in site_names if n} | _title_remainders(stripped)
    hosts = {host_key(url).split(".")[0], host_key(url).replace(".", "")} if url else set()
    headings = [h for h in headings
                if phrase_key(h) and phrase_key(h) not in site_keys
                and phrase_key(h).replace(" ", "") not in hosts and len(h) <= MAX_TITLE_CHARS]
    if not stripped:
        return headings[0] if headings else None
    best, best_score = None, 0.0
    labels = _title_labels(stripped)
    for heading in headings:
        if phrase_key(heading) in labels:
            continue
        score = max(_agreement(heading, title) for title in stripped)
        if score > best_score:
            best, best_score = heading, score
    if best is not None and best_score >= HEADLINE_AGREEMENT:
        return next((t for t in stripped if fuller_form(best, t)), best)
    return stripped[0]


def _headline_candidates(marked: list[HtmlElement]) -> list[HtmlElement]:
    """The h1s and itemprop="headline" elements (not <meta>) of ``marked``, in page
    order, outside nav, footer and aside."""
    return [el for el in marked
            if (el.tag == "h1" or (el.get("itemprop") == "headline" and el.tag != "meta"))
            and not any(anc.tag in HEADING_CHROME_TAGS for anc in el.iterancestors())]


def uncut_title(value: str | None, page_title_text: str | None) -> str | None:
    """``value``, a meta tag's title, or the page's ``<title>`` when ``value`` is cut
    where the title goes on with a double quote: the quote was left unescaped in the
    attribute (``content="Senator calls Biden "unfit""``), which ends there."""
    if not value or not page_title_text or len(page_title_text) <= len(value):
        return value
    if page_title_text.startswith(value) and page_title_text[len(value):].lstrip().startswith(CUT_QUOTES):
        return page_title_text
    return value


def page_title(sources: PageSources) -> tuple[str | None, HtmlElement | None]:
    """The article's title (:func:`choose_title` of the metadata titles and the
    headings), and the heading that shows it, else the first ``<h1>``: the dateline
    is read around it."""
    tree, url, site_names = sources.tree, sources.url, sources.site_names
    title_el = tree.find(".//title")
    page_title_text = element_text(title_el)
    meta_titles = [clean(sources.ld("headline")),
                   *(uncut_title(meta_value(sources.meta, (k,)), page_title_text) for k in TITLE_META),
                   page_title_text]
    stripped_titles = [strip_site_name(t, site_names, url) for t in meta_titles if t]
    heading_els = [(el, heading_text(el)) for el in _headline_candidates(sources.marked)[:MAX_HEADINGS]]
    # a heading may carry the site name too ("Headline – Site"), or a kicker or label
    heading_els = [(el, title_in_heading(el, strip_site_name(h, site_names, url), stripped_titles))
                   for el, h in heading_els if h]
    headings = [h for _, h in heading_els]
    title = choose_title(meta_titles, headings, site_names, url)
    headline = next((el for el, h in heading_els
                     if h == title or (title and fuller_form(h, title))),
                    next((el for el in (e for e, _ in heading_els) if el.tag == "h1"), None))
    return title, headline
