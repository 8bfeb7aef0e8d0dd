"""Stage 0, shared vocabulary: problems and their report, Vietnamese text rules, partial dates, URLs, the site."""
