"""Themes of the demo sites: one module per theme, each rendering every page type."""

from __future__ import annotations

import importlib
from types import ModuleType

THEMES = ("wordpress_ar", "newsroom_en")


def get_theme(name: str) -> ModuleType:
    if name not in THEMES:
        raise KeyError(f"unknown demo theme {name!r}; known: {', '.join(THEMES)}")
    return importlib.import_module(f"{__name__}.{name}")
