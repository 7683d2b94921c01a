"""``scraper eval``: the metrics on hand-made strings, format detection, the command end to end."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from scraper.evaluation.datasets import DatasetError, Gold, open_dataset
from scraper.evaluation.metrics import (
    PRF,
    author_matches,
    language_matches,
    normalise,
    same_day,
    shingle_scores,
    shingles,
    snippet_hits,
    snippet_prf,
    snippet_share,
    title_matches,
    tokens,
    word_scores,
)
from scraper.evaluation.runner import Extraction, aggregate, score_page

PARAGRAPHS = [
    "The city council voted on Tuesday to extend the night bus service to the harbour district.",
    "Residents had asked for the change for three years, citing late shifts at the port.",
    "The new routes start in March and will run every twenty minutes until two in the morning.",
    "Council members said the cost would be covered by the regional transport fund this year.",
]
ARTICLE_TEXT = "\n".join(PARAGRAPHS)


def article_html(title: str = "Night buses reach the harbour") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html lang='en'><head>"
        f"<title>{title} | Harbour Times</title>"
        "<meta property='og:type' content='article'>"
        f"<meta property='og:title' content='{title}'>"
        "<meta name='author' content='Ann Lee'>"
        "<meta property='article:published_time' content='2024-05-01T09:30:00+02:00'>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Harbour Times</footer></body></html>"
    )


# --- metrics -------------------------------------------------------------------------

def test_shingles_are_four_token_windows_with_counts():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2


def test_short_and_empty_texts_shingle_sensibly():
    assert shingles("only three words") == {("only", "three", "words"): 1}
    assert shingles("  ... ") == {}


def test_shingle_precision_and_recall():
    gold = "one two three four five six"  # 3 shingles
    assert shingle_scores(gold, gold) == PRF(1.0, 1.0, 1.0)
    scores = shingle_scores("one two three four five", gold)  # 2 shingles, both in gold
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(2 / 3)
    noisy = shingle_scores("menu home login " + gold, gold)  # 6 shingles, 3 shared
    assert (noisy.precision, noisy.recall) == (0.5, 1.0)


def test_shingles_keep_case_words_do_not():
    assert shingle_scores("One two three four", "one two three four").precision == 0.0
    assert word_scores("One TWO", "one two") == PRF(1.0, 1.0, 1.0)


def test_word_bag_counts_repeats_as_a_multiset():
    scores = word_scores("the the the cat", "the cat sat")
    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


@pytest.mark.parametrize("metric", [shingle_scores, word_scores])
def test_empty_prediction_scores_zero_and_empty_both_scores_one(metric):
    assert metric("", "some gold text here today") == PRF(0.0, 0.0, 0.0)
    assert metric(None, "gold") == PRF(0.0, 0.0, 0.0)
    assert metric("", "") == PRF(1.0, 1.0, 1.0)
    assert metric("something extra here now", "") == PRF(0.0, 1.0, 0.0)


def test_arabic_diacritics_and_tatweel_are_dropped_before_tokenising():
    vowelled = "كَتَبَ الطَّالِبُ الدَّرْسَ"
    plain = "كتب الطالب الدرس"
    assert tokens(vowelled) == plain.split()
    assert tokens("جمـــيل") == ["جميل"]
    assert normalise("\u0670x\u0640") == "x"
    assert word_scores(vowelled, plain) == PRF(1.0, 1.0, 1.0)
    assert shingle_scores(vowelled + " في المدرسة", plain + " في المدرسة").f1 == 1.0


def test_snippets_match_case_insensitively_across_line_breaks():
    text = "First line of the story\ncontinues Here.\nShare on Facebook"
    assert snippet_share(text, ["story continues here", "not there"]) == 0.5
    assert snippet_share(text, ["SHARE ON FACEBOOK"]) == 1.0
    assert snippet_share(text, []) is None
    assert snippet_share(text, ["  "]) is None
    assert snippet_share(None, ["anything"]) == 0.0


def test_titles_compare_lower_cased_word_tokens():
    assert title_matches("Storm hits the coast!", "storm hits the coast")
    assert title_matches("Storm — hits, the coast", "Storm hits the coast")
    assert not title_matches("Storm hits the coast | Herald", "Storm hits the coast")
    assert not title_matches(None, "Storm")
    assert not title_matches("", "")


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("2024-05-01T23:30:00-05:00", "2024-05-01", True),  # the day as written, no UTC shift
        ("2024-05-01", "2024-05-01T08:00:00Z", True),
        ("2024-05-02T00:10:00+02:00", "2024-05-01", False),
        ("2003-11-20", "2003-11", True),  # gold gives only the month
        ("2003-12-20", "2003-11", False),
        ("2003-11", "2003-11-20", False),
        (None, "2024-05-01", False),
        ("yesterday", "2024-05-01", False),
    ],
)
def test_dates_match_on_the_calendar_day(predicted, gold, expected):
    assert same_day(predicted, gold) is expected


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (["Ann Lee"], ["ann lee"], True),
        (["Bo Chan"], ["By Ann Lee and Bo Chan"], True),
        (["Ann Lee"], ["Ann Lee, MD, PhD"], True),
        (["Jeff T. Kaufman"], ["Kaufman, Jeff T."], True),
        (["Ann Lee; Bo Chan"], ["Bo Chan"], True),  # trafilatura joins names with "; "
        (["Sergio Martínez-Beltrán"], ["Sergio Martínez-Beltrán | The Texas Newsroom"], True),
        (["Maria"], ["Maria & Katerina"], True),
        (["Ann"], ["Ann Lee"], False),
        (["Ann Lee, MD"], ["Ann Lee"], False),  # returned names are not split at commas
        ([], ["Ann Lee"], False),
    ],
)
def test_authors_match_when_one_gold_name_equals_a_returned_name(predicted, gold, expected):
    assert author_matches(predicted, gold) is expected


def test_language_compares_primary_subtags():
    assert language_matches("en-GB", "en")
    assert language_matches("EN", "en_us")
    assert not language_matches("de", "en")
    assert not language_matches(None, "en")


# --- scoring and aggregation -------------------------------------------------------------

def test_page_scores_only_count_gold_fields_and_empty_extraction_is_a_miss():
    gold = Gold(text="a b c d e", title="T", date_published="2024-01-01")
    hit = score_page(Extraction(text="a b c d e", title="t", date="2024-01-01"), gold, "words")
    assert (hit.body, hit.title, hit.date, hit.authors, hit.language) == (PRF(1, 1, 1), True, True, None, None)
    miss = score_page(None, gold, "words")
    assert miss.empty and miss.body == PRF(0, 0, 0) and miss.title is False
    assert score_page(None, Gold(), "words").body is None


def test_shingle_f1_comes_from_averaged_precision_and_recall():
    pages = [score_page(Extraction(text=t), Gold(text="a b c d e"), "shingles")
             for t in ("a b c d e", "x y z a b c d e f g")]  # P 1, R 1; P 2/7, R 1
    total = aggregate("scraper", pages, "shingles")
    assert total.precision == pytest.approx((1 + 2 / 7) / 2)
    assert total.recall == 1.0
    assert total.f1 == pytest.approx(2 * total.precision / (total.precision + 1))
    words = aggregate("scraper", [score_page(Extraction(text="a"), Gold(text="a b"), "words")] * 2, "words")
    assert words.f1 == pytest.approx(2 / 3)  # mean of per-page F1


def test_snippet_scores_count_every_snippet_of_the_set_as_trafilatura_does():
    assert snippet_hits("Night buses run late.", ["night buses", "ferries", " "]) == (1, 2)
    prf = snippet_prf(with_found=8, with_total=10, without_found=2)  # TP 8, FN 2, FP 2
    assert (prf.precision, prf.recall) == (0.8, 0.8)
    assert snippet_prf(0, 0, 3) is None
    gold = Gold(with_snippets=("a b", "c d"), without_snippets=("menu", "login"))
    pages = [score_page(Extraction(text="a b c d menu"), gold, "words"), score_page(None, gold, "words")]
    total = aggregate("scraper", pages, "words")
    assert total.snippet_recall == 0.5 and total.snippet_precision == pytest.approx(2 / 3)
    assert total.without_leak == 0.25  # 1 of 4 `without` snippets found
    assert total.without_found == 0.25  # per-page mean: 0.5 and 0


# --- datasets ------------------------------------------------------------------------

def write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def make_aeb(root: Path) -> Path:
    write_gz(root / "html" / "p1.html.gz", article_html())
    (root / "ground-truth.json").write_text(json.dumps(
        {"p1": {"articleBody": ARTICLE_TEXT, "url": "https://news.example/2024/05/01/night-buses"}}))
    return root


def make_wcxb(root: Path) -> Path:
    write_gz(root / "html" / "0001.html.gz", article_html())
    write_gz(root / "html" / "0002.html.gz", "<html><body><p>Nothing here</p></body></html>")
    (root / "ground-truth").mkdir()
    (root / "ground-truth" / "0001.json").write_text(json.dumps({
        "url": "https://news.example/2024/05/01/night-buses",
        "ground_truth": {
            "title": "Night buses reach the harbour", "author": "By Ann Lee",
            "publish_date": "2024-05-01", "main_content": ARTICLE_TEXT,
            "with": ["extend the night bus service"], "without": ["Copyright Harbour Times"],
        },
    }))
    (root / "ground-truth" / "0002.json").write_text(json.dumps({
        "url": "https://news.example/", "ground_truth": {
            "title": "Home", "author": None, "publish_date": None, "with": [], "without": []},
    }))
    return root


def make_simple(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.html").write_text(article_html(), encoding="utf-8")
    write_gz(root / "b.html.gz", article_html("Ferry fares frozen"))
    rows = [
        {"file": "a.html", "url": "https://news.example/a", "text": ARTICLE_TEXT,
         "title": "Night buses reach the harbour", "authors": ["Ann Lee"],
         "date_published": "2024-05-01", "language": "en"},
        {"file": "b.html.gz", "title": "Ferry fares frozen"},
    ]
    (root / "gold.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return root


def make_evaldata(root: Path) -> Path:
    write_gz(root / "html" / "buses.html.gz", article_html())
    write_gz(root / "html" / "home.html.gz", "<html><body><p>Nothing here</p></body></html>")
    (root / "evaldata.json").write_text(json.dumps({
        "https://news.example/2024/05/01/night-buses": {
            "file": "buses.html.gz", "with": ["extend the night bus service"],
            "without": ["Copyright Harbour Times"], "date": "2024-05-01", "author": "", "title": ""},
        "https://news.example/": {"file": "home.html.gz", "date": "2023-01-01"},
    }))
    return root


def test_detects_trafilatura_and_htmldate_evaldata(tmp_path):
    dataset = open_dataset(make_evaldata(tmp_path / "traf"))
    assert (dataset.format, dataset.ids()) == ("evaldata", ["buses.html.gz", "home.html.gz"])
    buses, home = dataset.pages()
    assert buses.url == "https://news.example/2024/05/01/night-buses"
    assert buses.gold.with_snippets == ("extend the night bus service",)
    assert (buses.gold.date_published, buses.gold.title, buses.gold.authors) == ("2024-05-01", None, ())
    assert home.gold.with_snippets == () and home.gold.date_published == "2023-01-01"


def test_evaldata_naming_a_missing_file_is_an_error(tmp_path):
    root = make_evaldata(tmp_path / "traf")
    (root / "html" / "home.html.gz").unlink()
    with pytest.raises(DatasetError, match="no such file"):
        open_dataset(root)


def test_detects_aeb(tmp_path):
    dataset = open_dataset(make_aeb(tmp_path / "aeb"))
    assert (dataset.format, dataset.body_metric, dataset.ids()) == ("aeb", "shingles", ["p1"])
    page = dataset.load("p1")
    assert "<article>" in page.html and page.url.endswith("night-buses")
    assert page.gold.text == ARTICLE_TEXT


def test_detects_wcxb(tmp_path):
    dataset = open_dataset(make_wcxb(tmp_path / "wcxb"))
    assert (dataset.format, dataset.body_metric, dataset.ids()) == ("wcxb", "words", ["0001", "0002"])
    first, second = dataset.pages()
    assert first.gold.authors == ("By Ann Lee",)
    assert first.gold.with_snippets == ("extend the night bus service",)
    assert second.gold.text is None and second.gold.authors == ()


def test_detects_simple(tmp_path):
    dataset = open_dataset(make_simple(tmp_path / "mine"))
    assert (dataset.format, dataset.ids()) == ("simple", ["a.html", "b.html.gz"])
    b = dataset.load("b.html.gz")
    assert "Ferry fares frozen" in b.html and b.url is None and b.gold.text is None
    assert dataset.load("a.html").gold.language == "en"


def test_unknown_or_missing_directory_is_an_error(tmp_path):
    with pytest.raises(DatasetError, match="no such directory"):
        open_dataset(tmp_path / "missing")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "page.html").write_text("<p>x</p>")
    with pytest.raises(DatasetError, match="not a known dataset format"):
        open_dataset(tmp_path / "other")


def test_simple_format_errors_name_the_line(tmp_path):
    root = tmp_path / "bad"
    root.mkdir()
    (root / "gold.jsonl").write_text('{"file": "a.html"}\n{oops\n')
    (root / "a.html").write_text("<p>x</p>")
    with pytest.raises(DatasetError, match=r"gold.jsonl:2"):
        open_dataset(root)
    (root / "gold.jsonl").write_text('{"file": "missing.html"}\n')
    with pytest.raises(DatasetError, match="no such file"):
        open_dataset(root)


ARABIC = (
    "أعلنت وزارة الزراعة اليوم عن خطة جديدة لترشيد استهلاك المياه في المحافظات الجنوبية، "
    "بعد موسم جاف أثّر على محاصيل القمح والشعير. وقال المتحدث باسم الوزارة إن الخطة تشمل "
    "دعم المزارعين بأنظمة الري بالتنقيط وتدريبهم على استخدامها خلال الأشهر المقبلة."
)


def test_pages_are_gunzipped_and_decoded_as_the_crawl_decodes_them(tmp_path):
    root = tmp_path / "charsets"
    root.mkdir()
    (root / "gzip.html.gz").write_bytes(gzip.compress("<p>é</p>".encode()))
    (root / "latin.html").write_bytes('<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1"))
    # windows-1256 bytes under a wrong <meta charset="utf-8">: the declaration is not believed
    arabic = f'<html lang="ar"><head><meta charset="utf-8"></head><body><p>{ARABIC}</p></body></html>'
    (root / "arabic.html").write_bytes(arabic.encode("cp1256"))
    (root / "gold.jsonl").write_text(
        "".join(json.dumps({"file": name}) + "\n" for name in ("gzip.html.gz", "latin.html", "arabic.html")))
    html = {page.id: page.html for page in open_dataset(root).pages()}
    assert html["gzip.html.gz"] == "<p>é</p>"
    assert "café" in html["latin.html"]
    assert ARABIC in html["arabic.html"]


# --- the command ---------------------------------------------------------------------

def test_eval_command_end_to_end_on_simple_dataset(cli, tmp_path):
    out = tmp_path / "out.json"
    result = cli("eval", str(make_simple(tmp_path / "mine")), "--json", str(out), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "body F1" in result.stdout and "language accuracy" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    ours = data["systems"]["scraper"]
    assert (ours["pages"], ours["body_pages"], ours["title_pages"], ours["language_pages"]) == (2, 1, 2, 1)
    assert ours["f1"] > 0.9 and ours["language"] == 1.0
    assert [p["id"] for p in data["pages"]] == ["a.html", "b.html.gz"]


def test_eval_command_with_baseline_on_wcxb_like_dataset(cli, tmp_path):
    out = tmp_path / "out.json"
    result = cli("eval", str(make_wcxb(tmp_path / "wcxb")), "--baseline", "--json", str(out), "--limit", "1",
                 timeout=120)
    assert result.returncode == 0, result.stderr
    assert "trafilatura" in result.stdout and "speed ratio" in result.stdout
    assert "`without` snippets found" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["systems"]) == {"scraper", "trafilatura"}
    assert data["systems"]["scraper"]["pages"] == 1
    assert data["speed_ratio"] > 0
    assert data["pages"][0]["scraper"]["with_found"] == 1.0


def test_eval_command_scores_snippets_and_dates_on_evaldata_by_half(cli, tmp_path):
    out = tmp_path / "out.json"
    result = cli("eval", str(make_evaldata(tmp_path / "traf")), "--baseline", "--half", "even",
                 "--json", str(out), timeout=120)
    assert result.returncode == 0, result.stderr
    for row in ("snippet precision", "snippet F1", "`without` leak", "date accuracy",
                "not an article (crawl drops)", "nothing where baseline >500"):
        assert row in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [p["id"] for p in data["pages"]] == ["buses.html.gz"]
    ours = data["systems"]["scraper"]
    assert (ours["snippet_recall"], ours["without_leak"], ours["date"]) == (1.0, 0.0, 1.0)


def test_eval_command_on_aeb_like_dataset(cli, tmp_path):
    result = cli("eval", str(make_aeb(tmp_path / "aeb")), "--quiet", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "4-token shingles" in result.stdout and "title accuracy" not in result.stdout


def test_eval_command_rejects_missing_and_unknown_datasets(cli, tmp_path):
    missing = cli("eval", str(tmp_path / "missing"))
    assert missing.returncode == 2 and "no such directory" in missing.stderr
    (tmp_path / "junk").mkdir()
    unknown = cli("eval", str(tmp_path / "junk"))
    assert unknown.returncode == 2 and "not a known dataset format" in unknown.stderr
