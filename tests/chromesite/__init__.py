"""A local news site whose article pages link to ~50 in-site non-article URLs, for the frontier economy."""
