"""The exit codes of every ``scraper`` command, defined once so that scripts can rely on them.

``OK`` (0)
    The command did what was asked: the crawl finished, the page was extracted, the
    dataset was scored.
``FAILED`` (1)
    The input was fine but the work did not succeed: a crawl stopped before finishing
    normally or its site was already being crawled, a scheduled crawl failed, no article
    was found in the page. Retrying later may help.
``USAGE`` (2)
    Bad input: wrong arguments, an invalid configuration, a missing or unreadable file
    or dataset. Retrying the same command will fail the same way.
``UNREACHABLE`` (3)
    The crawl finished, but nothing at all could be fetched from at least one site:
    every request failed or was refused by the address guard (one line on stderr per
    such site says which, and the fix). Its state is not marked as crawled.
"""

from __future__ import annotations

__all__ = ["FAILED", "OK", "UNREACHABLE", "USAGE"]

OK = 0
FAILED = 1
USAGE = 2
UNREACHABLE = 3
