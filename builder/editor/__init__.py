"""Tools for the people who edit: file templates, JSON Schema, the plan importer.

Nothing here takes part in a build; these write files an editor then reviews.
"""
