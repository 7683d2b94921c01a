"""The raw archive: the pages a crawl fetched, kept as WARC files (:mod:`.warc_file`), so
that a better extractor can be run again on them without the network."""
