"""A hostile news site for tests: good articles among every kind of fault a server can send.

    with FaultSite() as site:
        site.write_config(path)           # crawl config for it
        site.base_url                     # "http://127.0.0.1:PORT"

See :mod:`tests.faultsite.server` for what each path does; :data:`GOOD` and :data:`BAD`
list what a crawl must save and what it must skip (with the reason it must give).
"""

from faultsite.articles import ALL as ARTICLES
from faultsite.articles import Article
from faultsite.server import BAD, GOOD, FaultSite

__all__ = ["ARTICLES", "Article", "BAD", "FaultSite", "GOOD"]
