"""Stage 8, incremental: digests and fingerprints that let a rebuild keep what did not change."""
