"""Stage 6, outputs: files that are not pages (photos, feeds, calendars, open data), planned and written."""
