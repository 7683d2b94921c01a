"""Word lists as data, grouped by purpose (``chrome``, ``bylines``, ``dates``), each
multilingual list keyed by language; ``match`` holds the look-ups built from them.

A word that should (or should not) be recognised is added here, not in the code that
matches it."""
