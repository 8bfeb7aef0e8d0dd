"""Stage 5, render: what turns planned pages into safe HTML (filters, sanitizer, CSP, structured data, fragments)."""
