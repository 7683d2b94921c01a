"""The output record: its fields, its JSON Schema, its text fingerprint and its timestamps."""
