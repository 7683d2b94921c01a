"""``scraper export``: the crawl output directory as one table (Parquet, CSV, JSON Lines).

One module per concept: :mod:`~scraper.dataset.reading` (every record under ``OUT``,
bad lines counted), :mod:`~scraper.dataset.columns` (the declarative column table and
typed rows), :mod:`~scraper.dataset.selection` (``--since`` and ``--latest``) and
:mod:`~scraper.dataset.writers` (one writer per format). Nothing here imports Scrapy;
pyarrow is imported only by the Parquet writer.
"""
