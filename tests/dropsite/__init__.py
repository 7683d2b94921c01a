"""A small local news site whose sitemap lists pages that a crawl drops, for the drop memory."""
