"""What to crawl and how: the Scrapy settings module (the only defaults) and the site config."""
