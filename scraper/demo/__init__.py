"""Bundled demo news sites served on 127.0.0.1 for `scraper demo` and end-to-end tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .site import DemoArticle, DemoSection, DemoSite, article_url_regex, load_demo_sites

if TYPE_CHECKING:  # pragma: no cover
    from .server import DemoServer

__all__ = [
    "DemoArticle",
    "DemoSection",
    "DemoServer",
    "DemoSite",
    "article_url_regex",
    "load_demo_sites",
]


def __getattr__(name: str) -> Any:
    # Imported lazily so that `python -m scraper.demo.server` runs without a double import.
    if name == "DemoServer":
        from .server import DemoServer

        return DemoServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
