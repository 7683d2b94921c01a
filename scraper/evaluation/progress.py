"""A small progress bar on standard error, for long ``scraper eval`` runs."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar"]

BAR_WIDTH = 30
MIN_INTERVAL = 0.2  # seconds between redraws


class ProgressBar:
    """``done/total [=====     ] pct  rate`` redrawn in place; silent when disabled."""

    def __init__(self, total: int, *, enabled: bool = True, stream: TextIO | None = None,
                 label: str = "eval") -> None:
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.label = label
        self.started = time.monotonic()
        self.last_drawn = 0.0
        self.done = 0
        self.drawn = -1

    def update(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if self.enabled and (now - self.last_drawn >= MIN_INTERVAL or done >= self.total):
            self.last_drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        share = min(self.done / self.total, 1.0)
        filled = int(share * BAR_WIDTH)
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        self.drawn = self.done
        bar = "=" * filled + " " * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} {self.done}/{self.total} [{bar}] {share:4.0%} "
                          f"{rate:5.1f} pages/s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            if self.drawn != self.done:
                self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
