"""The project's settings as Scrapy ``Settings``, for the crawl runner and for tests.

Components read their settings without inline fallbacks (the defaults are in
:mod:`scraper.config.settings` only), so a crawler built from bare ``Settings()`` lacks
them: :func:`require` turns that mistake into a clear error instead of a silent
``False`` or ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from scrapy.settings import BaseSettings, Settings

SETTINGS_MODULE = "scraper.config.settings"


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """Scrapy's defaults, then the project's, then ``overrides`` (as from ``-s``)."""
    settings = Settings()
    settings.setmodule(SETTINGS_MODULE, priority="project")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def project_defaults() -> dict[str, Any]:
    """The settings the project module itself sets, by name.

    For ``scrapy.utils.test.get_crawler(settings_dict=...)``, which takes a plain dict.
    """
    module = import_module(SETTINGS_MODULE)
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def require(settings: BaseSettings, *names: str) -> None:
    """Raise ValueError naming each of ``names`` that is not set at all."""
    missing = [name for name in names if name not in settings]
    if missing:
        raise ValueError(
            f"setting(s) {', '.join(missing)} missing: build the settings from {SETTINGS_MODULE} "
            "(scraper.config.project.project_settings), where the defaults are"
        )
