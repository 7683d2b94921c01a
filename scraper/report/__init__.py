"""``scraper report``: one self-contained HTML page about a crawl output directory.

One module per concept: :mod:`~scraper.report.health` (per-site, per-day fill rates and
the "extraction health" alarm rule, also printed by ``scraper crawl`` and ``scraper
schedule --once``), :mod:`~scraper.report.runs` (the drop and skip reasons the crawls
left in their summary files), :mod:`~scraper.report.plots` (small inline SVG charts, no
plotting library, no JavaScript) and :mod:`~scraper.report.page` (the HTML page).
Nothing here imports Scrapy.
"""
