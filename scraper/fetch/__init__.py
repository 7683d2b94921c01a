"""Getting pages politely and safely: the one HTML decoder and the downloader middlewares.

The middlewares (one class per module) are enabled in ``scraper/config/settings.py``
(``DOWNLOADER_MIDDLEWARES``) and configured there.
"""
