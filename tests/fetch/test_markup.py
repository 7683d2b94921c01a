"""scraper.fetch.markup.most_attributes: finding tags that would freeze libxml2, in linear time."""

from __future__ import annotations

import time

from scraper.fetch.markup import most_attributes


def _tag(count: int, sep: str = " ") -> str:
    return "<div " + sep.join(f"a{i}=x" for i in range(count)) + ">"


def test_ordinary_pages_pass():
    html = '<html><body><a href="/x" class="a b c" data-id=1 hidden>x</a><img src=y alt="a > b"></body></html>'
    assert most_attributes(html, 4) == 0  # four attributes at most, quoted '>' inside a value
    assert most_attributes(html * 10_000, 500) == 0


def test_a_tag_over_the_limit_is_found_with_its_count():
    assert most_attributes(f"<p>x</p>{_tag(600)}y</div>", 500) == 600
    assert most_attributes(_tag(500), 500) == 0
    assert most_attributes(_tag(600), 0) == 0  # 0: no limit


def test_attributes_without_values_and_quoted_values_count():
    bare = "<div " + " ".join(f"a{i}" for i in range(700)) + ">"
    assert most_attributes(bare, 500) == 700
    quoted = "<div " + " ".join(f'a{i}="v {i}"' for i in range(700)) + ">"
    assert most_attributes(quoted, 500) == 700


def test_a_quoted_angle_bracket_does_not_hide_the_rest_of_the_tag():
    html = '<div a0=">" ' + " ".join(f"a{i}" for i in range(1, 1_000)) + ">"
    assert most_attributes(html, 500) == 1_000


def test_huge_inputs_are_scanned_in_linear_time():
    started = time.perf_counter()
    assert most_attributes(_tag(300_000), 500) == 300_000
    assert most_attributes("<a" * 2_000_000, 500) == 0
    assert most_attributes("<a " + "=" * 4_000_000, 500) == 0
    assert most_attributes('<a x="' + "a " * 1_000_000, 500) > 500
    assert time.perf_counter() - started < 10.0


def test_script_and_style_content_is_not_read_as_tags():
    code = "if (a<b && " + " ".join(f"v{i} = {i};" for i in range(2_000)) + " c) {}"
    assert most_attributes(f"<html><script>{code}</script><style>{code}</style><p>x</p></html>", 500) == 0
    assert most_attributes(f"<script type=module>{code}", 500) == 0  # unclosed: the rest is its text
    assert most_attributes(f"<script>{code}</script>{_tag(600)}", 500) == 600  # after it, tags again
    started = time.perf_counter()
    assert most_attributes("<script" * 300_000 + "<script>" * 300_000, 500) == 0
    assert time.perf_counter() - started < 5.0
