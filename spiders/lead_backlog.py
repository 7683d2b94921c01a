"""LeadBacklog: the sitemap and feed leads of each site that are not requested yet.

A sitemap of 100,000 URLs read at once became 100,000 ``scrapy.Request`` objects in the
scheduler's memory queue, about 8 KB each with their headers, meta and fingerprints:
the largest part of a big crawl's memory. A lead waiting here costs a small frozen
:class:`~scraper.discovery.lead.Lead`. Each site has at most ``window`` lead requests
out (queued or downloading) at a time; the spider asks for more as their answers come
in, and on idle (:meth:`restart`) whatever is left is let out again.

Per site, so that a slow site (long download delay) cannot fill the window of a fast one.
Pure Python: the spider turns the leads into requests and reports each one's end.
"""

from __future__ import annotations

from collections import deque

from scraper.discovery.lead import Lead

__all__ = ["LeadBacklog"]


class LeadBacklog:
    """Leads per site, let out while the site has fewer than ``window`` requests out."""

    def __init__(self, window: int) -> None:
        if window < 1:
            raise ValueError(f"a backlog window must be at least 1, got {window}")
        self.window = window
        self._waiting: dict[str, deque[Lead]] = {}
        self._out: dict[str, int] = {}
        self._held = 0  # leads waiting, all sites together: asked after every page

    def __len__(self) -> int:
        """Leads waiting, all sites together."""
        return self._held

    def out(self, site: str) -> int:
        """The site's requests let out and not ended yet."""
        return self._out.get(site, 0)

    def hold(self, site: str, lead: Lead) -> None:
        self._waiting.setdefault(site, deque()).append(lead)
        self._held += 1

    def release(self, site: str) -> list[Lead]:
        """The site's next leads, as many as its window has room for, in the order held.

        Taken all at once, not lazily: Scrapy consumes the outputs of several responses
        of one site interleaved, and two lazy releases of one site would share its queue.
        """
        waiting = self._waiting.get(site)
        if not waiting:
            return []
        room = self.window - self._out.get(site, 0)
        released = [waiting.popleft() for _ in range(min(room, len(waiting)))]
        self._out[site] = self._out.get(site, 0) + len(released)
        self._held -= len(released)
        if not waiting:
            del self._waiting[site]
        return released

    def done(self, site: str) -> None:
        """One of the site's requests let out has ended (answered, failed or dropped)."""
        if self._out.get(site, 0) > 0:
            self._out[site] -= 1

    def restart(self) -> list[str]:
        """Nothing is in flight (the crawl went idle): every window is empty again; the
        sites with leads waiting. Also what mends a count that missed an end."""
        self._out.clear()
        return list(self._waiting)
