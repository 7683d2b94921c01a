"""Title rules: section labels named by the URL's folders, site names across candidates."""

from __future__ import annotations

import pytest

from scraper.extract.dom import parse_html
from scraper.extract.metadata import extract_metadata
from scraper.extract.titles import strip_site_name

BODY = "".join(
    f"<p>Paragraph {i} of the story, written as plain prose with enough words to be an article body.</p>"
    for i in range(6)
)


def meta_of(head: str, body: str = BODY, url: str | None = "https://news.example/2020/01/02/story"):
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return extract_metadata(tree, url)


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        # a part equal to a folder of the URL is the section's label
        ("How meditation rewires brains | Opinion", "https://paper.example/story/opinion/2025/12/19/x/",
         "How meditation rewires brains"),
        ("Gardening makes villages self-reliant | District", "https://bss.example/district/343604",
         "Gardening makes villages self-reliant"),
        ("How to help toddlers sleep | Patient Education | UC Davis Children's Hospital",
         "https://health.ucdavis.edu/children/patient-education/helping-children-sleep",
         "How to help toddlers sleep"),
        ("الطقس اليوم | محليات", "https://akhbar.example/محليات/12345", "الطقس اليوم"),
        ("الطقس اليوم | محليات", "https://akhbar.example/%D9%85%D8%AD%D9%84%D9%8A%D8%A7%D8%AA/1",
         "الطقس اليوم"),
        # the last segment is the article's own slug: never a section label
        ("Reviews | Hello world", "https://blog.example/reviews/hello-world", "Hello world"),
        ("Hello world | Reviews", "https://blog.example/hello-world", "Hello world | Reviews"),
        # a part not named by the path stays
        ("Big storm | Weather", "https://paper.example/news/2025/big-storm", "Big storm | Weather"),
    ],
)
def test_section_part_named_by_the_path_is_stripped(title, url, expected):
    assert strip_site_name(title, [], url) == expected
