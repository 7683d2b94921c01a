"""What a crawl keeps: the crawl state (SQLite or memory), the ledger over it, near-duplicate
signatures, the JSON Lines output files and the per-site locks."""
