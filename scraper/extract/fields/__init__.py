"""Stage 7: one module per record field, each owning everything about its field:
the markup keys it reads, how a value is cleaned and chosen, and its fallbacks.

``title``, ``authors`` (with ``names`` and ``bylines``), ``dates`` (with
``date_parsing`` and ``visible_dates``), ``language``, ``simple`` (description,
section, tags, image, canonical URL) and ``leads`` (what a sitemap or feed said)."""
