"""``scraper bench``: crawl a local news site with the project and with plain Scrapy, and
measure both (pages/s, records/s, CPU, memory).

One module per concept: ``text`` (deterministic news prose), ``site`` (the generated
site, or a directory of HTML files), ``server`` (its HTTP server, robots.txt and
sitemaps, in a subprocess), ``configs`` (the configurations and their command lines),
``baseline`` (the plain Scrapy + trafilatura crawl), ``sample`` (process-tree memory and
CPU from /proc), ``measure`` (one measured subprocess), ``report`` (rows, table, JSON),
``run`` (one bench run). The command itself is :mod:`scraper.cli.bench`.
"""
