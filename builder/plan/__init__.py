"""Stage 4, plan: one page object per URL from the catalog (listings, taxonomies, exemplar facets, results)."""
