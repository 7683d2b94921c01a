"""Per-site crawl locks: never two crawls of one site at once, across processes.

``scraper crawl`` and ``scraper schedule`` take two locks for every site they crawl,
``flock`` s on ``<out>/.locks/<site>.lock`` (one crawl writing the site's records into an
output directory, whatever ``--state`` each was given) and on
``<state dir>/locks/<site>.lock`` (one crawl updating the site's state, whatever its
``--out``) (:func:`crawl_lock`); a cron ``--once`` overlapping a running scheduler, or a
crawl started by hand, finds the site taken and leaves it alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

LOCKS_DIR = "locks"
OUT_LOCKS_DIR = ".locks"
"""Under the output directory: the locks keyed by where the records go."""
INHERITED_LOCKS_ENV = "SCRAPER_SITE_LOCK_FDS"
"""``site=fd`` pairs (comma-separated) of site locks a parent process handed down."""


class SiteLocked(RuntimeError):
    """Another process is crawling the site (its lock file is held)."""

    def __init__(self, site: str, path: Path, holder: str | None = None) -> None:
        self.site = site
        self.path = path
        self.holder = holder
        who = f" by pid {holder}" if holder else ""
        super().__init__(f"site {site!r} is already being crawled (lock {path} held{who})")


def lock_path(state_dir: str | Path, site: str, locks_dir: str = LOCKS_DIR) -> Path:
    if not site or "/" in site or "\\" in site or site in (".", ".."):
        raise ValueError(f"not a site name: {site!r}")
    return Path(state_dir) / locks_dir / f"{site}.lock"


def crawl_lock_paths(out_dir: str | Path, state_dir: str | Path, site: str) -> list[Path]:
    """The lock files a crawl of ``site`` into ``out_dir`` with ``state_dir`` must hold."""
    paths = [lock_path(out_dir, site, OUT_LOCKS_DIR), lock_path(state_dir, site)]
    return list({path.resolve(): path for path in paths}.values())


@contextmanager
def crawl_lock(out_dir: str | Path, state_dir: str | Path, site: str) -> Iterator[list[int]]:
    """Hold both crawl locks of ``site`` (output and state, see module doc) or raise :class:`SiteLocked`.

    Yields the lock files' descriptors, to hand down to a crawl subprocess like
    :func:`site_lock`'s.
    """
    with ExitStack() as stack:
        yield [stack.enter_context(_file_lock(path, site)) for path in crawl_lock_paths(out_dir, state_dir, site)]


@contextmanager
def site_lock(state_dir: str | Path, site: str) -> Iterator[int]:
    """Hold the site's crawl lock, ``<state_dir>/locks/<site>.lock``, or raise :class:`SiteLocked`.

    Non-blocking: if another process holds it, :class:`SiteLocked` is raised at once.
    The lock is an ``flock`` on the file, so the operating system releases it when the
    holder exits, however it exits: there are no stale locks to clean up. It yields the
    lock file's descriptor; a subprocess that inherits it (``pass_fds``) keeps the site
    locked until it exits too, even if the process that took the lock dies first.

    A subprocess started by ``scraper schedule`` inherits its site's lock (named in
    ``$SCRAPER_SITE_LOCK_FDS``): ``site_lock`` there succeeds on the inherited lock
    instead of finding the site locked by its own parent.
    """
    with _file_lock(lock_path(state_dir, site), site) as fd:
        yield fd


@contextmanager
def _file_lock(path: Path, site: str) -> Iterator[int]:
    """The ``flock`` of one lock file (see :func:`site_lock`)."""
    import fcntl  # POSIX only; imported here so the rest of the module loads anywhere

    path.parent.mkdir(parents=True, exist_ok=True)
    inherited = _inherited_lock(path, site)
    if inherited is not None:
        yield inherited  # the parent's lock: it releases it, not us
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or None
            raise SiteLocked(site, path, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield fd
    finally:
        # Closing (rather than LOCK_UN) releases only our hold: a subprocess that
        # inherited the descriptor keeps the site locked until it exits.
        os.close(fd)


def _inherited_lock(path: Path, site: str) -> int | None:
    """The descriptor of ``path`` handed down for ``site``, if it is that file, locked by us."""
    import fcntl

    for item in os.environ.get(INHERITED_LOCKS_ENV, "").split(","):
        name, _, fd_text = item.rpartition("=")
        if name != site:
            continue
        try:
            fd = int(fd_text)
            held, wanted = os.fstat(fd), os.stat(path)
            if (held.st_dev, held.st_ino) != (wanted.st_dev, wanted.st_ino):
                continue  # one of the site's other lock files
            # Succeeds at once on the lock we share with the parent; fails if some other
            # process holds the file's lock (then this descriptor is not a lock we hold).
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (ValueError, OSError):
            continue
        return fd
    return None
