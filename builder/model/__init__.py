"""Stage 2, model: validate loaded values into typed, frozen cards; every error names file, line, field and fix."""
