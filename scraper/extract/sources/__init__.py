"""Stage 2: what the record's fields are read from, computed once per page from the
uncleaned tree: the ``<meta>`` table, JSON-LD, itemprop markup (``page_sources``), and
the assembled :class:`~scraper.extract.sources.page_metadata.PageMetadata`."""
