"""justext's combined stop list: built once, the same words justext would build."""

from __future__ import annotations

import justext.core
import trafilatura.external
from justext.utils import get_stoplist, get_stoplists
from trafilatura.external import try_justext

import scraper.extract  # noqa: F401 - installs the cache, as every extraction does
from scraper.extract.parse import parse_html
from scraper.extract.stoplist import all_stop_words

PAGE = ("<html><body><div><p>" + "This is a sentence of the article that has a lot of words in it. " * 8
        + "</p><p>" + "And here is another one, which is also part of the same story. " * 8
        + "</p></div></body></html>")


def test_the_combined_list_is_what_justext_builds_from_trafilaturas_tuple() -> None:
    trafilaturas_tuple = tuple({word for language in get_stoplists() for word in get_stoplist(language)})
    assert all_stop_words() == frozenset(w.lower() for w in trafilaturas_tuple)


def test_justext_reuses_the_combined_list_instead_of_copying_it() -> None:
    words = all_stop_words()
    assert trafilatura.external.JT_STOPLIST is words
    assert justext.core.define_stoplist(words) is words
    # a one-language list still takes justext's own path
    english = get_stoplist("English")
    assert justext.core.define_stoplist(english) == english
    assert justext.core.define_stoplist(english) is not english


def test_trafilaturas_justext_fallback_keeps_the_text_with_the_cached_list() -> None:
    body = try_justext(parse_html(PAGE), None, None)
    text = " ".join(p.text or "" for p in body)
    assert "another one" in text and "sentence of the article" in text
