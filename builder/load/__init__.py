"""Stage 1, load: read source files safely and keep the file:line of every YAML value."""
