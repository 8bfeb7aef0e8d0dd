"""Stage 9, run: one build from start to end: the pipeline in one call, the build date, the jobs beside rendering."""
