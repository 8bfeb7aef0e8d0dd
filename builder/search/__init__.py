"""Stage 7, search: one small record per search result, and the Pagefind bundle made from them."""
