"""Stage 3, catalog: the whole portal as data, cross-checked, with visibility and statuses for one build date."""
